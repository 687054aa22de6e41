"""Legal coordination in the demo, brought in the way a site's feeds bring it: the jail
pushes last night's bookings (Marcus Bell among them, a "Marcus Bel" without a date of
birth for the review queue, and people never referred, in the program's areas and
outside them), the court a case of his with a hearing in three days and an old incident
of Rosa Delgado's filed after she enrolled, and the warrant office a bench warrant for
another participant. The liaison prosecutor is among those the site alerts, and has left a
coordination note."""

from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.demo.personas import AREAS
from goldenthread.legal.feeds.contract import CONTRACTS
from goldenthread.legal.feeds.importer import feed_import_rows
from goldenthread.legal.models import FeedKind, LegalMatter, NoteKind
from goldenthread.legal.services import legal_note_add
from goldenthread.organizations.models import Membership, Site
from goldenthread.organizations.services import site_update
from goldenthread.people.models import Person

JAIL = "Cascade County Jail"
COURT = "Cascade Municipal Court"
WARRANT_OFFICE = "Cascade County Sheriff"


def _row(kind: str, **values: str) -> dict[str, str]:
    row = dict.fromkeys(CONTRACTS[kind].columns, "")
    row.update(values)
    return row


def _moment(hours_ago: float) -> str:
    return (timezone.now() - timedelta(hours=hours_ago)).isoformat(timespec="minutes")


def build_legal(*, site: Site, manager: User, prosecutor: User) -> None:
    if LegalMatter.objects.filter(site=site).exists():
        return
    site_update(
        actor=manager,
        site=site,
        legal_alert_roles=["liaison_prosecutor"],
        program_areas=list(AREAS),
    )
    participants = Person.objects.filter(site=site, assigned_organization__isnull=False)
    marcus = participants.filter(legal_first_name="Marcus", legal_last_name="Bell").first()
    rosa = participants.filter(legal_first_name="Rosa", legal_last_name="Delgado").first()
    bookings = [
        _row(
            FeedKind.BOOKINGS,
            booking_number="KCJ-26-88231",
            last_name="Okonkwo",
            first_name="Chidi",
            date_of_birth="1988-02-14",
            sex="male",
            booked_at=_moment(30),
            released_at=_moment(6),
            charges="CCC 12.40.030:misdemeanor",
            facility=JAIL,
            area="downtown",
        ),
        _row(
            FeedKind.BOOKINGS,
            booking_number="KCJ-26-88240",
            last_name="Lindgren",
            first_name="Hanna",
            date_of_birth="1975-09-30",
            sex="female",
            booked_at=_moment(20),
            charges="CCC 12.10.040:misdemeanor",
            facility=JAIL,
            area="eastside",
        ),
        # Outside the program's areas: not a missed diversion opportunity.
        _row(
            FeedKind.BOOKINGS,
            booking_number="KCJ-26-88244",
            last_name="Volkov",
            first_name="Dmitri",
            date_of_birth="1969-05-03",
            sex="male",
            booked_at=_moment(18),
            charges="CCC 12.40.030:misdemeanor",
            facility=JAIL,
            area="Belltown",
        ),
    ]
    if marcus and marcus.date_of_birth:
        bookings += [
            _row(
                FeedKind.BOOKINGS,
                booking_number="KCJ-26-88252",
                last_name="Bell",
                first_name="Marcus",
                date_of_birth=marcus.date_of_birth.isoformat(),
                sex=marcus.sex,
                state_id=f"WA{marcus.pk:08d}",
                booked_at=_moment(4),
                charges="CCC 12.50.010:misdemeanor",
                facility=JAIL,
                area="downtown",
            ),
            _row(
                FeedKind.BOOKINGS,
                booking_number="KCJ-26-88260",
                last_name="Bel",
                first_name="Marcus",
                booked_at=_moment(2),
                charges="CCC 12.50.010:misdemeanor",
                facility=JAIL,
                area="sodo",
            ),
        ]
    feed_import_rows(actor=manager, site=site, kind=FeedKind.BOOKINGS, rows=bookings, sender=JAIL)
    courts = []
    if marcus and marcus.date_of_birth:
        courts.append(
            _row(
                FeedKind.COURTS,
                case_number="SMC-26-004117",
                jurisdiction=COURT,
                last_name="Bell",
                first_name="Marcus",
                date_of_birth=marcus.date_of_birth.isoformat(),
                state_id=f"WA{marcus.pk:08d}",
                incident_date=(site.today() - timedelta(days=40)).isoformat(),
                filed_date=(site.today() - timedelta(days=12)).isoformat(),
                charges="CCC 12.40.020:misdemeanor",
                hearing_at=(timezone.now() + timedelta(days=3)).isoformat(timespec="minutes"),
                hearing="Pretrial hearing",
                location="Courtroom 1002",
            )
        )
    if rosa:
        courts.append(
            _row(
                FeedKind.COURTS,
                case_number="SMC-26-003390",
                jurisdiction=COURT,
                last_name="Delgado",
                first_name="Rosa",
                date_of_birth=rosa.date_of_birth.isoformat() if rosa.date_of_birth else "",
                incident_date=(site.today() - timedelta(days=800)).isoformat(),
                filed_date=(site.today() - timedelta(days=20)).isoformat(),
                charges="CCC 12.10.040:misdemeanor",
            )
        )
    feed_import_rows(actor=manager, site=site, kind=FeedKind.COURTS, rows=courts, sender=COURT)
    _bench_warrant(site, manager, participants.exclude(pk__in=[p.pk for p in (marcus, rosa) if p]))
    case = LegalMatter.objects.filter(site=site, number="SMC-26-004117").first()
    membership = Membership.objects.filter(user=prosecutor, is_active=True).first()
    if case and membership:
        legal_note_add(
            actor=prosecutor,
            membership=membership,
            matter=case,
            kind=NoteKind.COORDINATION,
            text="Spoke with his case manager: he is engaging. Will ask to continue the pretrial "
            "hearing and consider dismissal on completion of his plan.",
            recommended_resolution="Continue; dismiss on plan completion",
        )


def _bench_warrant(site: Site, manager: User, participants: QuerySet[Person]) -> None:
    """A bench warrant for a missed hearing, for a participant with a known date of birth."""
    person = participants.exclude(date_of_birth=None).order_by("pk").first()
    if person is None or person.date_of_birth is None:
        return
    warrant = _row(
        FeedKind.WARRANTS,
        warrant_number="BW-26-01733",
        jurisdiction=COURT,
        last_name=person.legal_last_name,
        first_name=person.legal_first_name,
        date_of_birth=person.date_of_birth.isoformat(),
        sex=person.sex,
        incident_date=(site.today() - timedelta(days=95)).isoformat(),
        issued_date=(site.today() - timedelta(days=1)).isoformat(),
        charges="CCC 12.10.040:misdemeanor",
        status="active",
    )
    feed_import_rows(
        actor=manager, site=site, kind=FeedKind.WARRANTS, rows=[warrant], sender=WARRANT_OFFICE
    )
