"""Synthetic case management for the demo's participants: contacts (field-based, mostly in
person, across the places LEAD case managers actually meet people), housing, income and
identity documents over time, assessments repeated months apart, a plan with goals in the
participant's words (with a setback along the way), services out, and a few tasks, one
overdue, so the home page shows them."""

import random
from datetime import timedelta

from django.db.models import QuerySet
from django.utils import timezone

from goldenthread.casework.models import Contact, ContactMode, NeedDomain, PlaceType
from goldenthread.casework.services import (
    contact_log,
    service_event_record,
    status_record,
    task_create,
)
from goldenthread.organizations.models import Membership, Site
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.plans.services import (
    CrisisScreen,
    Need,
    assessment_record,
    goal_create,
    goal_progress_record,
)

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
        _plan(rng, person)
        _services(rng, person)
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


# (domain, the goal in their words, steps, who helps)
GOALS = (
    ("documents", "Get my ID back", "Order the birth certificate\nDMV appointment", "Case manager"),
    ("housing", "Sleep somewhere with a door that locks", "Get on the list\nVisit the shelter", ""),
    ("substance_use", "Use less, and never alone", "Carry naloxone\nTalk to the clinic", "Peer"),
    ("family", "See my daughter on her birthday", "Call my sister", "My sister"),
)
# (what happened, the note, the status it moves to, if any)
PROGRESS = (
    ("progress", "Birth certificate ordered together.", ""),
    ("setback", "Lost the papers when the camp was swept. Starting again.", ""),
    ("progress", "Appointment kept.", ""),
)


def _plan(rng: random.Random, person: Person) -> None:
    """Two assessments six months apart (the second shows what changed), then goals."""
    actor = person.case_manager
    today = person.site.today()
    for months_ago, housing, crisis in ((6, "now", True), (0, "soon", False)):
        assessment_record(
            actor=actor,  # type: ignore[arg-type]
            person=person,
            assessed_on=today - timedelta(days=30 * months_ago),
            needs=[
                Need("housing", housing, own_words="Somewhere I can leave my things"),
                Need("documents", "now", own_words="Everything was stolen"),
                Need("physical_health", rng.choice(["soon", "not_now"])),
            ],
            crisis=CrisisScreen(
                unsafe_tonight=crisis, note="Shelter bed for the night" if crisis else ""
            ),
        )
    for domain, words, steps, helpers in rng.sample(GOALS, 2):
        goal = goal_create(
            actor=actor,  # type: ignore[arg-type]
            person=person,
            domain=domain,
            own_words=words,
            steps=steps,
            helpers=helpers,
        )
        for kind, text, to_status in PROGRESS[: rng.randrange(1, len(PROGRESS) + 1)]:
            goal_progress_record(actor=actor, goal=goal, kind=kind, text=text, to_status=to_status)  # type: ignore[arg-type]


# (service, provider, outcomes in order)
SERVICES = (
    ("moud", "Harbor Clinic", ("referred", "connected")),
    ("benefits", "County benefits office", ("referred", "waitlisted")),
    ("mental_health", "Eastside Counseling", ("referred", "not_connected")),
    ("documents", "Vital records office", ("referred", "completed")),
)


def _services(rng: random.Random, person: Person) -> None:
    today = person.site.today()
    kind, provider, outcomes = rng.choice(SERVICES)
    for step, outcome in enumerate(outcomes):
        service_event_record(
            actor=person.case_manager,  # type: ignore[arg-type]
            person=person,
            kind=kind,
            provider=provider,
            occurred_on=today - timedelta(days=40 - 20 * step),
            outcome=outcome,
        )
    status_record(
        actor=person.case_manager,  # type: ignore[arg-type]
        person=person,
        kind="photo_id",
        value=rng.choice(["not_held", "applied", "held"]),
        as_of=today - timedelta(days=rng.randrange(1, 200)),
    )
