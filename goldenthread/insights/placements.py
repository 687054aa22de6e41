"""Lodging and encampment outcomes for the site (lead-domain.md 9.2 and 11.9): the wave
table the UW follow-up of JustCARE reported (housing at exit, wave by wave), the share who
left "housing ready" and insured, and, per encampment, who came inside and who was lost to
follow-up; and critical incidents and deaths by program. Counts only: nobody is named.

A person belongs to the wave in which their first stay began. Their exit is the end of
their latest stay; someone still in a room has not exited. An exit to an unknown place is
counted as such, so that people lost to follow-up lower the shares instead of vanishing
from them."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from goldenthread.casework.models import StatusRecord
from goldenthread.casework.selectors import status_on
from goldenthread.incidents.models import Incident, IncidentKind, Outcome, Program
from goldenthread.lodging.models import ExitHousing, Stay
from goldenthread.lodging.readiness import EXIT_CHECKLIST, ready_and_insured
from goldenthread.organizations.models import Site
from goldenthread.outreach.models import Encampment, Wave
from goldenthread.outreach.selectors import Tally, encampment_tallies


@dataclass
class WaveRow:
    wave: Wave
    came_inside: int = 0
    still_staying: int = 0
    exits: dict[str, int] = field(default_factory=lambda: dict.fromkeys(ExitHousing.values, 0))
    housing_ready: int = 0
    insured: int = 0

    @property
    def exited(self) -> int:
        return sum(self.exits.values())

    def share(self, count: int) -> float | None:
        """Of those who exited; no exits reads as no figure, not as zero."""
        return count / self.exited if self.exited else None


def wave_table(site: Site) -> list[WaveRow]:
    waves = list(Wave.objects.filter(site=site).order_by("starts_on"))
    stays = Stay.objects.filter(unit__place__site=site).order_by("person_id", "checked_in_at")
    by_person: dict[int, list[Stay]] = defaultdict(list)
    for stay in stays.only("person_id", "checked_in_at", "checked_out_at", "exit_housing"):
        by_person[stay.person_id].append(stay)
    records: dict[int, list[StatusRecord]] = defaultdict(list)
    for record in StatusRecord.objects.filter(
        person_id__in=list(by_person),
        kind__in=EXIT_CHECKLIST,
    ):
        records[record.person_id].append(record)
    rows = [WaveRow(wave) for wave in waves]
    zone = site.zone
    for person_id, person_stays in by_person.items():
        began = person_stays[0].checked_in_at.astimezone(zone).date()
        row = next((r for r in rows if r.wave.starts_on <= began <= r.wave.ends_on), None)
        if row is None:
            continue
        row.came_inside += 1
        last = person_stays[-1]
        if last.checked_out_at is None:
            row.still_staying += 1
            continue
        row.exits[last.exit_housing] += 1
        ready, insured = ready_and_insured(
            status_on(records[person_id], last.checked_out_at.astimezone(zone).date())
        )
        row.housing_ready += ready
        row.insured += insured
    return rows


@dataclass(frozen=True)
class ProgramIncidents:
    program: str
    label: str
    incidents: int
    overdoses: int
    naloxone_doses: int
    ems_called: int
    deaths: int


def incidents_by_program(site: Site, since: date) -> list[ProgramIncidents]:
    """Critical incidents and deaths since `since`, program by program (mortality
    reporting), counted in one grouped query."""
    counts = {
        row["program"]: row
        for row in Incident.objects.filter(site=site, occurred_at__date__gte=since)
        .values("program")
        .annotate(
            n=Count("pk"),
            overdoses=Count("pk", filter=Q(kind=IncidentKind.OVERDOSE)),
            doses=Coalesce(Sum("naloxone_doses"), 0),
            ems=Count("pk", filter=Q(ems_called=True)),
            deaths=Count("pk", filter=Q(outcome=Outcome.DIED)),
        )
        .order_by()
    }
    empty = {"n": 0, "overdoses": 0, "doses": 0, "ems": 0, "deaths": 0}
    return [
        ProgramIncidents(
            code,
            str(label),
            (row := counts.get(code, empty))["n"],
            row["overdoses"],
            row["doses"],
            row["ems"],
            row["deaths"],
        )
        for code, label in Program.choices
    ]


def encampments_summary(site: Site) -> list[tuple[Encampment, Tally | None]]:
    encampments = Encampment.objects.filter(site=site)
    tallies = encampment_tallies(encampments)
    return [(e, tallies.get(e.pk)) for e in encampments]
