"""Synthetic case management for the demo's participants: contacts (field-based, mostly in
person, across the places LEAD case managers actually meet people), housing and income over
time, and a few tasks, one overdue, so the home page shows them."""

import random
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from goldenthread.casework.models import Contact, ContactMode, NeedDomain, PlaceType
from goldenthread.casework.services import contact_log, status_record, task_create
from goldenthread.organizations.models import Membership, Site
from goldenthread.people.models import EngagementStatus, Person

NOTES = (
    "Checked in at the usual spot; asked about the housing list.",
    "Went together to the ID office; appointment next week.",
    "Brief hello, no time today. Will look for them tomorrow.",
    "Talked through the court date and arranged a ride.",
    "Picked up the benefits letter; filled in the form together.",
)
CONTACTS_PER_PERSON = 6
# Housing journeys (HMIS 3.917 codes, months ago): street to shelter to a subsidized rental,
# or staying with friends, or still outside.
HOUSING_PATHS = (
    (("116", 14), ("101", 8), ("435", 2)),
    (("116", 10), ("336", 4)),
    (("116", 12),),
)


def build_contacts(*, site: Site, seed: int) -> None:
    if Contact.objects.filter(person__site=site).exists():
        return
    rng = random.Random(f"contacts:{seed}")
    now = timezone.now()
    people = Person.objects.filter(
        site=site, case_manager__isnull=False, engagement_status__in=[EngagementStatus.ACTIVE]
    ).select_related("case_manager")
    for person in people:
        membership = Membership.objects.filter(user=person.case_manager).first()
        if membership is None:
            continue
        for number in range(CONTACTS_PER_PERSON):
            contact_log(
                actor=person.case_manager,  # type: ignore[arg-type]
                membership=membership,
                person=person,
                occurred_at=now - timedelta(days=rng.randrange(1, 120), minutes=number),
                mode=rng.choice([ContactMode.IN_PERSON] * 3 + [ContactMode.PHONE]),
                place=rng.choice(
                    [PlaceType.STREET, PlaceType.ENCAMPMENT, PlaceType.SHELTER, PlaceType.OFFICE]
                ),
                substantive=rng.random() < 0.6,
                domains=rng.sample(NeedDomain.values, rng.randrange(0, 3)),
                note=rng.choice(NOTES),
                sharing=rng.choice(["team", "team", "partners"]),
            )
        _status_history(rng, person)
    _tasks(people, site)


# (what to do, days from today)
TASKS = (
    ("Bring the birth certificate form", -2),
    ("Court support: ride to the hearing", 0),
    ("Follow up on the housing list", 5),
)


def _tasks(people: "QuerySet[Person]", site: Site) -> None:
    today = site.today()
    for person, (title, days) in zip(people, TASKS, strict=False):
        task_create(
            actor=person.case_manager,  # type: ignore[arg-type]
            title=title,
            due_on=today + timedelta(days=days),
            person=person,
        )


def _status_history(rng: random.Random, person: Person) -> None:
    today = person.site.today()
    for code, months_ago in rng.choice(HOUSING_PATHS):
        as_of = today - timedelta(days=30 * months_ago)
        if person.date_of_birth and as_of < person.date_of_birth:
            continue
        status_record(
            actor=person.case_manager,  # type: ignore[arg-type]
            person=person,
            kind="housing",
            value=code,
            as_of=as_of,
        )
    status_record(
        actor=person.case_manager,  # type: ignore[arg-type]
        person=person,
        kind="income",
        value=rng.choice(["none", "benefits", "earned"]),
        as_of=today - timedelta(days=30 * rng.randrange(1, 10)),
    )
