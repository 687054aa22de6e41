"""What an HMIS export holds, read for one receiving HMIS organization and one reporting
period: the rows of each file, by column name (hmis.spec).

Two kinds of project go to HMIS. LEAD case management is a Services Only project of each
case-management organization: an enrollment from the day intake was completed to the day
the case closed, with a current living situation at each in-person contact and income
and insurance at entry and exit. Each lodging place is a night-by-night emergency shelter
project: a stay is an enrollment and each night of it a bed night.

Only people whose active release shares something with the receiving organization are
read, and of them only what their releases share: enrollment status for LEAD enrollments;
housing and benefits for stays, living situations, income and insurance. docs/hmis.md
maps every column filled.
"""

from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.db.models import QuerySet

from goldenthread.access.policy import (
    categories_released_to,
    people_released_to,
    with_consent_facts,
)
from goldenthread.accounts.models import User
from goldenthread.casework.models import (
    CloseReason,
    Contact,
    ContactMode,
    StatusKind,
)
from goldenthread.casework.selectors import StatusHistory, enrollments_of
from goldenthread.consent.models import CategoryCode
from goldenthread.hmis import codes
from goldenthread.lodging.models import Stay
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person

Row = dict[str, Any]

# Rows that no one person wrote (a person's record, an enrollment opened by intake) name
# this user, whom User.csv describes.
SYSTEM_USER = "system"


@dataclass(frozen=True)
class ExportOrder:
    """One export: to whom, over which days (inclusive, on the site's clock), hashed or not."""

    recipient: Organization
    start: date
    end: date
    hashed: bool
    export_id: str
    exported_at: datetime
    contact: User | None = None

    @property
    def site(self) -> Site:
        return self.recipient.site

    def day(self, moment: datetime) -> date:
        return moment.astimezone(self.site.zone).date()

    def audit(self, created: datetime, user: str = SYSTEM_USER) -> Row:
        """The columns every client file ends with."""
        return {
            "DateCreated": created,
            "DateUpdated": created,
            "UserID": user,
            "ExportID": self.export_id,
        }


@dataclass
class Rows:
    """The rows of each file, whom they are about (for the audit trail), and the users,
    projects and organizations they name."""

    files: dict[str, list[Row]] = field(default_factory=lambda: defaultdict(list))
    disclosed: dict[int, set[str]] = field(default_factory=dict)
    users: set[str] = field(default_factory=lambda: {SYSTEM_USER})
    lead_projects: set[int] = field(default_factory=set)  # case-management organizations
    lodging_projects: set[int] = field(default_factory=set)  # lodging places

    def add(self, name: str, row: Row) -> None:
        self.files[name].append(row)

    def disclose(self, person_id: int, category: str) -> None:
        self.disclosed.setdefault(person_id, set()).add(category)


def export_rows(order: ExportOrder) -> Rows:
    rows = Rows()
    people = people_released_to(order.recipient)
    shared = {
        person.pk: set(categories_released_to(order.recipient, person))
        for person in with_consent_facts(people.only("pk", "site_id"), None)
    }
    history = StatusHistory(people, (StatusKind.HOUSING, StatusKind.INCOME, StatusKind.INSURANCE))
    _lead_enrollments(order, rows, people, shared, history)
    _lodging_enrollments(order, rows, people, shared, history)
    return rows


def _lead_enrollments(
    order: ExportOrder,
    rows: Rows,
    people: QuerySet[Person],
    shared: dict[int, set[str]],
    history: StatusHistory,
) -> None:
    """LEAD enrollments of people whose releases share their enrollment status."""
    engaged: dict[int, list[date]] = defaultdict(list)
    in_person: dict[int, list[tuple[int, datetime, int]]] = defaultdict(list)
    for contact_id, person_id, occurred_at, mode, substantive, staff_id in (
        Contact.objects.filter(person__in=people)
        .order_by("occurred_at", "pk")
        .values_list("pk", "person_id", "occurred_at", "mode", "substantive", "staff_id")
    ):
        if substantive:
            engaged[person_id].append(order.day(occurred_at))
        if mode == ContactMode.IN_PERSON:
            in_person[person_id].append((contact_id, occurred_at, staff_id))
    enrollments = sorted(
        (e for found in enrollments_of(people).values() for e in found),
        key=lambda e: (e.entered_at, e.referral_id),
    )
    for lead in enrollments:
        person_id, intake_at, organization_id = (
            lead.person_id,
            lead.entered_at,
            lead.organization_id,
        )
        categories = shared.get(person_id, set())
        if CategoryCode.ENROLLMENT_STATUS not in categories:
            continue
        entry = order.day(intake_at)
        closed = (lead.exited_at, lead.close_reason) if lead.exited_at else None
        exit_day = order.day(closed[0]) if closed else None
        if entry > order.end or (exit_day is not None and exit_day < order.start):
            continue
        if exit_day is not None and exit_day > order.end:
            closed = exit_day = None  # still enrolled on the last day of the period
        referral_id = lead.referral_id
        enrollment = f"L{referral_id}"
        project = f"LEAD{organization_id}"
        rows.lead_projects.add(organization_id)
        housing = CategoryCode.HOUSING_BENEFITS in categories
        last = exit_day or order.end
        rows.add(
            "Enrollment",
            _enrollment(
                order,
                enrollment,
                person_id,
                project,
                entry,
                situation=(
                    codes.living_situation(history.value(person_id, StatusKind.HOUSING, entry))
                    if housing
                    else codes.NOT_COLLECTED
                ),
                engaged_on=next((d for d in engaged[person_id] if entry <= d <= last), None),
                created=intake_at,
            ),
        )
        rows.disclose(person_id, CategoryCode.ENROLLMENT_STATUS)
        if closed is not None and exit_day is not None:
            if closed[1] == CloseReason.DECEASED:
                destination = codes.DECEASED
            elif housing:
                destination = codes.destination(
                    history.value(person_id, StatusKind.HOUSING, exit_day)
                )
            else:
                destination = codes.NOT_COLLECTED
            rows.add("Exit", _exit(order, enrollment, person_id, exit_day, destination, closed[0]))
        if not housing:
            continue
        rows.disclose(person_id, CategoryCode.HOUSING_BENEFITS)
        _income_at_entry_and_exit(order, rows, enrollment, person_id, entry, exit_day, history)
        for contact_id, occurred_at, staff_id in in_person[person_id]:
            day = order.day(occurred_at)
            if max(entry, order.start) <= day <= min(last, order.end):
                rows.users.add(str(staff_id))
                rows.add(
                    "CurrentLivingSituation",
                    {
                        "CurrentLivingSitID": f"C{contact_id}",
                        "EnrollmentID": enrollment,
                        "PersonalID": str(person_id),
                        "InformationDate": day,
                        "CurrentLivingSituation": codes.living_situation(
                            history.value(person_id, StatusKind.HOUSING, day)
                        ),
                        **order.audit(occurred_at, str(staff_id)),
                    },
                )


def _lodging_enrollments(
    order: ExportOrder,
    rows: Rows,
    people: QuerySet[Person],
    shared: dict[int, set[str]],
    history: StatusHistory,
) -> None:
    """Stays of people whose releases share their housing and benefits, and their nights."""
    stays = (
        Stay.objects.filter(person__in=people, unit__place__site_id=order.site.pk)
        .order_by("checked_in_at", "pk")
        .values_list(
            "pk",
            "person_id",
            "unit__place_id",
            "checked_in_at",
            "checked_out_at",
            "exit_housing",
            "checked_in_by_id",
            "checked_out_by_id",
        )
    )
    # Tonight is not over: the last night an open stay counts is last night.
    last_night = min(order.end, order.day(order.exported_at) - timedelta(days=1))
    for stay_id, person_id, place_id, in_at, out_at, exit_housing, in_by, out_by in stays:
        if CategoryCode.HOUSING_BENEFITS not in shared.get(person_id, set()):
            continue
        entry = order.day(in_at)
        exit_day = order.day(out_at) if out_at else None
        if entry > order.end or (exit_day is not None and exit_day < order.start):
            continue
        if exit_day is not None and exit_day > order.end:
            exit_day = None
        enrollment = f"S{stay_id}"
        project = f"ES{place_id}"
        rows.lodging_projects.add(place_id)
        rows.users.add(str(in_by))
        rows.add(
            "Enrollment",
            _enrollment(
                order,
                enrollment,
                person_id,
                project,
                entry,
                situation=codes.living_situation(
                    history.value(person_id, StatusKind.HOUSING, entry)
                ),
                engaged_on=None,
                created=in_at,
                user=str(in_by),
            ),
        )
        rows.disclose(person_id, CategoryCode.HOUSING_BENEFITS)
        if exit_day is not None and out_at is not None:
            # A housing status recorded during the stay says more than the stay's own
            # coarse answer at check-out.
            known = history.on(person_id, StatusKind.HOUSING, exit_day)
            if known is not None and known[1] >= entry:
                destination, other = codes.destination(known[0]), None
            else:
                destination, other = codes.destination_of_exit_housing(exit_housing)
            rows.users.add(str(out_by))
            exit_row = _exit(order, enrollment, person_id, exit_day, destination, out_at)
            rows.add("Exit", {**exit_row, "OtherDestination": other, "UserID": str(out_by)})
        _income_at_entry_and_exit(order, rows, enrollment, person_id, entry, exit_day, history)
        # A night belongs to the day it began: the day of check-out is not one.
        final = exit_day - timedelta(days=1) if exit_day else last_night
        for night in _days(max(entry, order.start), min(final, order.end)):
            rows.add(
                "Services",
                {
                    "ServicesID": f"{enrollment}N{night:%Y%m%d}",
                    "EnrollmentID": enrollment,
                    "PersonalID": str(person_id),
                    "DateProvided": night,
                    "RecordType": codes.RECORD_BED_NIGHT,
                    "TypeProvided": codes.TYPE_BED_NIGHT,
                    **order.audit(in_at, str(in_by)),
                },
            )


def _days(first: date, last: date) -> Iterator[date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _enrollment(
    order: ExportOrder,
    enrollment: str,
    person_id: int,
    project: str,
    entry: date,
    *,
    situation: int,
    engaged_on: date | None,
    created: datetime,
    user: str = SYSTEM_USER,
) -> Row:
    return {
        "EnrollmentID": enrollment,
        "PersonalID": str(person_id),
        "ProjectID": project,
        "EntryDate": entry,
        "HouseholdID": f"H{enrollment}",
        "RelationshipToHoH": codes.SELF_HEAD_OF_HOUSEHOLD,
        "EnrollmentCoC": order.site.hmis_coc_code,
        "LivingSituation": situation,
        "DisablingCondition": codes.NOT_COLLECTED,
        "DateOfEngagement": engaged_on,
        **order.audit(created, user),
    }


def _exit(
    order: ExportOrder,
    enrollment: str,
    person_id: int,
    exit_day: date,
    destination: int,
    created: datetime,
) -> Row:
    return {
        "ExitID": f"X{enrollment}",
        "EnrollmentID": enrollment,
        "PersonalID": str(person_id),
        "ExitDate": exit_day,
        "Destination": destination,
        **order.audit(created),
    }


def _income_at_entry_and_exit(
    order: ExportOrder,
    rows: Rows,
    enrollment: str,
    person_id: int,
    entry: date,
    exit_day: date | None,
    history: StatusHistory,
) -> None:
    for stage, day in ((codes.STAGE_ENTRY, entry), (codes.STAGE_EXIT, exit_day)):
        if day is None:
            continue
        income = history.value(person_id, StatusKind.INCOME, day)
        insurance = history.value(person_id, StatusKind.INSURANCE, day)
        row: Row = {
            "IncomeBenefitsID": f"{enrollment}I{stage}",
            "EnrollmentID": enrollment,
            "PersonalID": str(person_id),
            "InformationDate": day,
            "IncomeFromAnySource": codes.NOT_COLLECTED,
            "BenefitsFromAnySource": codes.NOT_COLLECTED,
            "InsuranceFromAnySource": codes.NOT_COLLECTED,
            "DataCollectionStage": stage,
            **order.audit(datetime.combine(day, datetime.min.time(), order.site.zone)),
        }
        if income in codes.INCOME_SOURCES:
            sources = codes.INCOME_SOURCES[income]
            row["IncomeFromAnySource"] = codes.YES if sources else codes.NO
            row.update({c: int(c in sources) for c in codes.INCOME_SOURCE_COLUMNS})
            if "OtherIncomeSource" in sources:
                row["OtherIncomeSourceIdentify"] = codes.BENEFITS_NOT_NAMED
        if insurance in codes.INSURANCE_SOURCES:
            sources = codes.INSURANCE_SOURCES[insurance]
            row["InsuranceFromAnySource"] = codes.YES if sources else codes.NO
            row.update({c: int(c in sources) for c in codes.INSURANCE_SOURCE_COLUMNS})
        rows.add("IncomeBenefits", row)
