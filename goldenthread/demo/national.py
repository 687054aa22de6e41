"""The national network, for benchmarks at the size a federation of LEAD sites would reach:
100 sites, about 30,000 participants, 20 million contacts and 10 million jail bookings.

The demo's own site (with its personas) is the first of the hundred; the rest are sites of
their own, each with its partner organizations and three staff accounts. Every site gets
the same share: its participants enrolled over five years (referrals, legal history and
monthly statuses, as the large site's are), then its contacts and bookings. The volume is
written site by site in streaming batches of rows, so memory stays flat whatever the size,
and one transaction per site, so an interrupted build resumes at the site it was on.

Bookings are spread over the participants: far more per person than any jail holds, so
the legal pages and the outcome counts are measured well past what a real site will see.
Deterministic by seed: each site draws from its own generator, named by seed and number."""

import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from itertools import islice

from django.db import transaction
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_records
from goldenthread.bulk import bulk_insert
from goldenthread.casework.models import Contact
from goldenthread.casework.services import last_contact_refresh
from goldenthread.demo.accounts import demo_account, demo_membership
from goldenthread.demo.casework import NOTES
from goldenthread.demo.history import MODES, PLACES
from goldenthread.demo.outcomes import JURISDICTION, build_enrollments
from goldenthread.demo.participants import build_population
from goldenthread.demo.personas import SITE_SLUG
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import (
    Organization,
    OrganizationKind,
    Role,
    Site,
    SiteProgram,
)
from goldenthread.organizations.services import organization_create, site_create
from goldenthread.people.models import Person

K = OrganizationKind
YEARS = 5
# Rows per insert batch: big enough that statements' fixed costs vanish, small enough that
# a batch's objects stay a few megabytes.
BATCH = 20_000
FACILITIES = ("County Jail", "Regional Justice Center", "Work Release")
STAFF = (
    (K.CASE_MANAGEMENT, Role.CASE_MANAGER, "cm"),
    (K.POLICE, Role.OFFICER, "officer"),
    (K.PROJECT_MANAGEMENT, Role.PROJECT_MANAGER, "pm"),
)


@dataclass(frozen=True)
class Scale:
    """Totals over the whole network; every site gets an equal share."""

    sites: int
    participants: int
    contacts: int
    bookings: int


NATIONAL = Scale(sites=100, participants=30_000, contacts=20_000_000, bookings=10_000_000)


@dataclass
class Built:
    sites: int = 0
    participants: int = 0
    contacts: int = 0
    bookings: int = 0


def build_network(
    *, seed: int, scale: Scale = NATIONAL, progress: Callable[[str], None] = lambda _: None
) -> Built:
    """Every site of the network not built yet. The demo's site is the first; built here
    without its personas' story if the demo has not been."""
    built = Built()
    for number in range(1, scale.sites + 1):
        slug = SITE_SLUG if number == 1 else f"network-{number:03d}"
        if _finished(slug):
            continue
        done = _build_site(seed, number, slug, scale)
        built.sites += 1
        built.participants += done.participants
        built.contacts += done.contacts
        built.bookings += done.bookings
        progress(f"{slug}: {done.participants} participants, {done.contacts:,} contacts")
    return built


def _finished(slug: str) -> bool:
    # The last thing a site's transaction writes is its bookings.
    return LegalMatter.objects.filter(
        site__slug=slug, kind=MatterKind.BOOKING, source="network"
    ).exists()


@transaction.atomic
def _build_site(seed: int, number: int, slug: str, scale: Scale) -> Built:
    rng = random.Random(f"network:{seed}:{number}")
    site, organizations = _site(number, slug)
    staff = {role: _staff(organizations[kind], role, prefix, slug) for kind, role, prefix in STAFF}
    case_manager = staff[Role.CASE_MANAGER]
    share = scale.participants // scale.sites
    before = set(Person.objects.filter(site=site).values_list("pk", flat=True))
    build_population(
        site=site,
        organizations=organizations,
        recorder=case_manager,
        seed=seed * 1_000 + number,
        count=len(before) + share,
        releases=False,
    )
    people = list(Person.objects.filter(site=site).exclude(pk__in=before).order_by("pk"))
    build_enrollments(
        site=site,
        people=people,
        officer=staff[Role.OFFICER],
        police=organizations[K.POLICE],
        staff=case_manager,
        seed=seed * 1_000 + number,
        years=YEARS,
    )
    now = timezone.now()
    provider = organizations[K.CASE_MANAGEMENT]
    contacts = _stream(
        _contacts(rng, people, case_manager, provider, scale.contacts // scale.sites, now)
    )
    bookings = _stream(_bookings(rng, site, people, scale.bookings // scale.sites, now))
    # Written in bulk, as a site's import of its records is: one event a participant.
    audit_records(
        action=Action.CREATE,
        actor=case_manager,
        entries=[(person, person.pk, {"history": "contacts and bookings"}) for person in people],
    )
    last_contact_refresh(people=Person.objects.filter(pk__in=[p.pk for p in people]))
    return Built(1, len(people), contacts, bookings)


def _site(number: int, slug: str) -> tuple[Site, dict[str, Organization]]:
    site = Site.objects.filter(slug=slug).first() or site_create(
        actor=None,
        name=f"LEAD network site {number:03d}",
        slug=slug,
        timezone="America/Chicago",
        intake_window_days=14,
        programs=list(SiteProgram.values),
    )
    organizations: dict[str, Organization] = {
        kind: Organization.objects.filter(site=site, kind=kind).order_by("pk").first()
        or organization_create(actor=None, site=site, name=f"{site.name} {kind.label}", kind=kind)
        for kind in (K.PROJECT_MANAGEMENT, K.CASE_MANAGEMENT, K.POLICE, K.PROSECUTOR)
    }
    return site, organizations


def _staff(organization: Organization, role: str, prefix: str, slug: str) -> User:
    if slug == SITE_SLUG:  # the demo's own personas work there already
        found = User.objects.filter(
            memberships__organization=organization, memberships__role=role
        ).order_by("pk")
        if found.exists():
            return found[0]
    user = demo_account(f"{prefix}.{slug}", f"{organization.site.name} {prefix}")
    demo_membership(user, organization, role)
    return user


def _stream(rows: Iterator[Contact] | Iterator[LegalMatter]) -> int:
    """Writes rows a batch at a time; never holds more than one batch."""
    written = 0
    while batch := list(islice(rows, BATCH)):
        bulk_insert(type(batch[0]), batch)
        written += len(batch)
    return written


def _contacts(
    rng: random.Random,
    people: list[Person],
    staff: User,
    provider: Organization,
    count: int,
    now: datetime,
) -> Iterator[Contact]:
    span = timedelta(days=365 * YEARS)
    for number in range(count):
        yield Contact(
            # Ids rather than instances: a fifth of the build went to Django's descriptors.
            person_id=people[number % len(people)].pk,
            staff_id=staff.pk,
            organization_id=provider.pk,
            occurred_at=now - span * rng.random() - timedelta(hours=1),
            mode=rng.choice(MODES),
            place=rng.choice(PLACES),
            substantive=rng.random() < 0.55,
            domains=[],
            note=rng.choice(NOTES),
            sharing="team",
        )


def _bookings(
    rng: random.Random, site: Site, people: list[Person], count: int, now: datetime
) -> Iterator[LegalMatter]:
    span = timedelta(days=365 * YEARS)
    for number in range(count):
        booked = now - span * rng.random() - timedelta(days=1)
        yield LegalMatter(
            site_id=site.pk,
            person_id=people[number % len(people)].pk,
            kind=MatterKind.BOOKING,
            jurisdiction=JURISDICTION,
            number=f"NB-{site.pk}-{number:07d}",
            incident_on=booked.date(),
            booked_at=booked,
            released_at=min(booked + timedelta(days=rng.uniform(0.3, 9)), now),
            facility=rng.choice(FACILITIES),
            noted_at=booked,
            source="network",
            status="closed",
        )
