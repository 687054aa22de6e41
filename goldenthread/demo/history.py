"""Years of case management for the large demo site, so caseloads and timelines look like a
site that has run for a while: about 60 contacts a participant over up to five years
(hundreds of thousands in all), and one long-served participant whose timeline holds about
2,000 events. Contacts this many are written in bulk, as a site's import of its records
would be, with one audit event per participant."""

import random
from datetime import datetime, timedelta

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.models import Contact, ContactMode, NeedDomain, PlaceType, StatusRecord
from goldenthread.casework.services import last_contact_refresh
from goldenthread.casework.status import HOUSING
from goldenthread.demo.casework import NOTES
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import EngagementStatus, Person

YEARS = 5
LONG_SERVED_CONTACTS = 1_900
LONG_SERVED_STATUS_CHANGES = 100
MODES = [ContactMode.IN_PERSON] * 4 + [ContactMode.PHONE, ContactMode.TEXT, ContactMode.COLLATERAL]
PLACES = [
    PlaceType.STREET,
    PlaceType.ENCAMPMENT,
    PlaceType.ENCAMPMENT,
    PlaceType.SHELTER,
    PlaceType.LODGING,
    PlaceType.OFFICE,
    PlaceType.JAIL,
    PlaceType.COURT,
    PlaceType.HOSPITAL,
]


def _contacts(
    rng: random.Random,
    person: Person,
    staff: User,
    provider: Organization,
    count: int,
    now: datetime,
) -> list[Contact]:
    span = timedelta(days=365 * YEARS)
    return [
        Contact(
            person=person,
            staff=staff,
            organization=provider,
            occurred_at=now - span * rng.random() - timedelta(hours=1),
            mode=rng.choice(MODES),
            place=rng.choice(PLACES),
            substantive=rng.random() < 0.55,
            domains=rng.sample(NeedDomain.values, rng.randrange(0, 3)),
            note=rng.choice(NOTES),
            sharing=rng.choice(["team", "team", "partners"]),
        )
        for _ in range(count)
    ]


@transaction.atomic
def build_history(*, site: Site, provider: Organization, staff: User, seed: int) -> int:
    """Contacts for every participant past referral; returns how many were written."""
    counted = Person.objects.filter(site=site, assigned_organization=provider).annotate(
        contact_count=Count("contacts")
    )
    if counted.filter(contact_count__gte=LONG_SERVED_CONTACTS).exists():
        return 0  # built before: the demo command is idempotent
    people = list(counted.exclude(engagement_status=EngagementStatus.REFERRED).order_by("pk"))
    rng = random.Random(f"history:{seed}")
    now = timezone.now()
    long_served = next(p for p in people if p.engagement_status == EngagementStatus.ACTIVE)
    written = 0
    batch: list[Contact] = []
    for person in people:
        count = LONG_SERVED_CONTACTS if person == long_served else rng.randrange(30, 120)
        batch += _contacts(rng, person, staff, provider, count, now)
        if len(batch) >= 20_000:
            written += _flush(batch)
        audit_record(
            action=Action.CREATE,
            actor=staff,
            object_type="casework.contact",
            subject_person_id=person.pk,
            categories=["case_notes"],
            detail={"history": count},
        )
    written += _flush(batch)
    last_contact_refresh(people=Person.objects.filter(site=site, assigned_organization=provider))
    _housing_journey(rng, long_served, staff)
    return written


def _flush(batch: list[Contact]) -> int:
    Contact.objects.bulk_create(batch, batch_size=2_000)
    written = len(batch)
    batch.clear()
    return written


def _housing_journey(rng: random.Random, person: Person, staff: User) -> None:
    """Years of moves between street, shelter, jail, friends and housing, month by month."""
    today = person.site.today()
    StatusRecord.objects.bulk_create(
        StatusRecord(
            person=person,
            kind="housing",
            value=rng.choice(list(HOUSING)[:16]),
            as_of=today - timedelta(days=18 * number + 1),
            recorded_by=staff,
        )
        for number in range(LONG_SERVED_STATUS_CHANGES)
    )
