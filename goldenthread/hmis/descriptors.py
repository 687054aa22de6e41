"""The rows around the enrollments: the export itself, the clients, and the projects,
organizations and users the enrollments name."""

import functools
import tomllib
from collections import Counter
from datetime import date

from django.conf import settings
from django.db.models import Count, Min, Q

from goldenthread.accounts.models import User
from goldenthread.hmis import codes
from goldenthread.hmis.hashing import hashed_name
from goldenthread.hmis.selectors import SYSTEM_USER, ExportOrder, Row, Rows
from goldenthread.hmis.spec import CSV_VERSION
from goldenthread.lodging.models import LodgingPlace
from goldenthread.organizations.models import Organization
from goldenthread.people.models import RACE_NO_ANSWER, Person
from goldenthread.referrals.models import ReferralStatus
from goldenthread.text import whole_number

SOFTWARE = "Golden Thread"


@functools.cache
def software_version() -> str:
    with (settings.BASE_DIR / "pyproject.toml").open("rb") as project:
        return str(tomllib.load(project)["project"]["version"])


def export_row(order: ExportOrder) -> Row:
    contact = order.contact
    return {
        "ExportID": order.export_id,
        "SourceType": codes.SOURCE_STANDALONE,
        "SourceName": order.site.name[:50],
        "SourceContactFirst": (contact.first_name[:50] or None) if contact else None,
        "SourceContactLast": (contact.last_name[:50] or None) if contact else None,
        "SourceContactEmail": (contact.email or None) if contact else None,
        "ExportDate": order.exported_at,
        "ExportStartDate": order.start,
        "ExportEndDate": order.end,
        "SoftwareName": SOFTWARE,
        "SoftwareVersion": software_version(),
        "CSVVersion": CSV_VERSION,
        "ExportPeriodType": codes.PERIOD_REPORTING,
        "ExportDirective": codes.DIRECTIVE_FULL_REFRESH,
        "HashStatus": codes.HASH_SHA256_SOUNDEX if order.hashed else codes.HASH_UNHASHED,
        "ImplementationID": f"golden-thread:{order.site.slug}",
    }


def client_rows(order: ExportOrder, rows: Rows) -> None:
    """One row for each person an enrollment names."""
    people = Person.objects.filter(pk__in=list(rows.disclosed)).order_by("pk")
    for person in people.iterator(chunk_size=2000):
        rows.add("Client", _client(order, person))


def _client(order: ExportOrder, person: Person) -> Row:
    first, last = person.legal_first_name, person.legal_last_name
    if first and last:
        quality = codes.NAME_FULL
    elif first or last or person.preferred_name:
        quality = codes.NAME_PARTIAL
        first = first or person.preferred_name
    else:
        quality = codes.NOT_COLLECTED
    if order.hashed:
        first_out, last_out = hashed_name(first), hashed_name(last)
    else:
        first_out, last_out = first or None, last or None
    answers = set(person.race_ethnicity_self)
    race: Row = {column: int(value in answers) for value, column in codes.RACE_COLUMNS.items()}
    if not answers - RACE_NO_ANSWER:
        no_answer = sorted(answers & RACE_NO_ANSWER)
        race["RaceNone"] = codes.RACE_NONE[no_answer[0]] if no_answer else codes.NOT_COLLECTED
    return {
        "PersonalID": str(person.pk),
        "FirstName": first_out,
        "LastName": last_out,
        "NameDataQuality": quality,
        "SSNDataQuality": codes.NOT_COLLECTED,
        "DOB": person.date_of_birth,
        "DOBDataQuality": codes.DOB_FULL if person.date_of_birth else codes.NOT_COLLECTED,
        "Sex": codes.SEX.get(person.sex, codes.NOT_COLLECTED),
        **race,
        "VeteranStatus": codes.NOT_COLLECTED,
        **order.audit(person.created_at),
    }


def project_rows(order: ExportOrder, rows: Rows) -> None:
    """The projects the enrollments are in, their organizations, funders, continuum and
    (for lodging) inventory."""
    organizations: set[int] = set(rows.lead_projects)
    # A project operates from its first enrollment, whoever it was.
    lead = Organization.objects.filter(pk__in=rows.lead_projects).annotate(
        first_intake=Min(
            "participants__referrals__intake_completed_at",
            filter=Q(participants__referrals__status=ReferralStatus.ENROLLED),
        )
    )
    for organization in lead.order_by("pk"):
        project = f"LEAD{organization.pk}"
        _project(
            order,
            rows,
            project,
            organization,
            started=order.day(organization.first_intake),
            name=f"LEAD case management, {organization.name}"[:200],
            project_type=codes.PROJECT_SERVICES_ONLY,
            # Services Only projects must say whether they serve a residential project.
            extra={"ResidentialAffiliation": codes.NO},
        )
    places = (
        LodgingPlace.objects.filter(pk__in=rows.lodging_projects)
        .select_related("organization")
        .annotate(
            units_in_use=Count("units", filter=Q(units__is_active=True), distinct=True),
            first_stay=Min("units__stays__checked_in_at"),
        )
        .order_by("pk")
    )
    for place in places:
        project = f"ES{place.pk}"
        organizations.add(place.organization_id)
        started = order.day(place.first_stay)
        _project(
            order,
            rows,
            project,
            place.organization,
            started=started,
            name=place.name,
            project_type=codes.PROJECT_EMERGENCY_SHELTER_NIGHTLY,
            extra={"HousingType": codes.HOUSING_SITE_BASED_SINGLE},
        )
        rows.add(
            "Inventory",
            {
                "InventoryID": f"{project}U",
                "ProjectID": project,
                "CoCCode": order.site.hmis_coc_code,
                "HouseholdType": codes.HOUSEHOLDS_WITHOUT_CHILDREN,
                "Availability": codes.YEAR_ROUND,
                "UnitInventory": place.units_in_use,
                "BedInventory": place.units_in_use,
                "ESBedType": codes.BEDS_FACILITY_BASED,
                "InventoryStartDate": started,
                **order.audit(place.organization.created_at),
            },
        )
    for operator in Organization.objects.filter(pk__in=organizations).order_by("pk"):
        rows.add(
            "Organization",
            {
                "OrganizationID": str(operator.pk),
                "OrganizationName": operator.name,
                "VictimServiceProvider": codes.NO,
                **order.audit(operator.created_at),
            },
        )


def _project(
    order: ExportOrder,
    rows: Rows,
    project: str,
    organization: Organization,
    *,
    started: date,
    name: str,
    project_type: int,
    extra: Row,
) -> None:
    audit = order.audit(organization.created_at)
    rows.add(
        "Project",
        {
            "ProjectID": project,
            "OrganizationID": str(organization.pk),
            "ProjectName": name,
            "OperatingStartDate": started,
            "ContinuumProject": codes.NO,
            "ProjectType": project_type,
            "TargetPopulation": codes.TARGET_NOT_APPLICABLE,
            **extra,
            **audit,
        },
    )
    rows.add(
        "Funder",
        {
            "FunderID": f"{project}F",
            "ProjectID": project,
            "Funder": codes.FUNDER_LOCAL_OR_OTHER,
            "OtherFunder": None,
            "GrantID": "LEAD",
            "StartDate": started,
            **audit,
        },
    )
    rows.add(
        "ProjectCoC",
        {
            "ProjectCoCID": f"{project}C",
            "ProjectID": project,
            "CoCCode": order.site.hmis_coc_code,
            "Geocode": order.site.hmis_geocode,
            **audit,
        },
    )


def user_rows(order: ExportOrder, rows: Rows) -> None:
    """The staff the rows name, and the system user for rows no one person wrote."""
    rows.add(
        "User",
        {
            "UserID": SYSTEM_USER,
            "UserFirstName": SOFTWARE,
            "UserLastName": "(system)",
            "DateCreated": order.exported_at,
            "DateUpdated": order.exported_at,
            "ExportID": order.export_id,
        },
    )
    ids = [number for user in rows.users if (number := whole_number(user)) is not None]
    for user in User.objects.filter(pk__in=ids).order_by("pk"):
        first, last = user.first_name, user.last_name
        if not (first or last):
            first, _, last = user.display_name.partition(" ")
        rows.add(
            "User",
            {
                "UserID": str(user.pk),
                "UserFirstName": first[:50] or None,
                "UserLastName": last[:50] or None,
                "UserEmail": user.email or None,
                "DateCreated": user.date_joined,
                "DateUpdated": user.date_joined,
                "ExportID": order.export_id,
            },
        )


def counts(rows: Rows) -> Counter[str]:
    return Counter({name: len(found) for name, found in rows.files.items()})
