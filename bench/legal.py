"""Feeds at scale, on the benchmark's scratch SQLite database: 100,000 jail booking rows
imported with matching against 100,000 people (nine in ten describe an indexed person the
way a jail would, one in ten someone new); the same file again; the time from a pushed
booking of a participant to their case manager's notification; and a crash drill: an
import killed (SIGKILL) half-way, then run again."""

import csv
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.utils import timezone

from goldenthread.identity.evaluation import featured
from goldenthread.identity.linkage.model import term_frequencies, train
from goldenthread.identity.models import IdentityRecord, LinkageModel
from goldenthread.identity.synthetic import _people, _record, labelled_records
from goldenthread.legal.feeds.contract import CONTRACTS
from goldenthread.legal.feeds.importer import feed_import_file, feed_import_rows
from goldenthread.legal.models import FeedKind, LegalMatter
from goldenthread.notifications.models import Notification
from goldenthread.organizations.models import Membership, OrganizationKind, Role, Site
from goldenthread.people.models import EngagementStatus, Person

PEOPLE = 100_000
ROWS = 100_000
SLUG = "feeds-bench"
ROOT = Path(__file__).resolve().parent.parent


def _site() -> Site:
    from goldenthread.organizations.services import organization_create, site_create

    site = Site.objects.filter(slug=SLUG).first()
    if site is None:
        site = site_create(actor=None, name="Feeds Bench", slug=SLUG)
        organization_create(
            actor=None,
            site=site,
            name="Bench Case Management",
            kind=OrganizationKind.CASE_MANAGEMENT,
        )
    return site


def index_people(site: Site, seed: int = 21) -> list[dict[str, Any]]:
    """PEOPLE people, each with one identity record, written in bulk (setup, not timed)."""
    rng = random.Random(f"bench-feeds:{seed}")
    population = _people(rng, PEOPLE + ROWS)
    persons = [
        Person(
            site=site,
            legal_first_name=str(p["first"]).title(),
            legal_last_name=str(p["last"]).title(),
            date_of_birth=p["dob"],  # type: ignore[misc]
            sex=str(p["sex"]),
        )
        for p in population[:PEOPLE]
    ]
    Person.objects.bulk_create(persons, batch_size=5000)
    IdentityRecord.objects.bulk_create(
        [
            IdentityRecord(
                site=site,
                person=person,
                source="enrollment",
                first_name=person.legal_first_name,
                last_name=person.legal_last_name,
                date_of_birth=person.date_of_birth,
                sex=person.sex,
                area=str(p["area"]),
                state_id=str(p["state_id"] or ""),
            )
            for person, p in zip(persons, population, strict=False)
        ],
        batch_size=5000,
    )
    return population


def bookings_file(population: list[dict[str, Any]], folder: Path, seed: int = 22) -> Path:
    rng = random.Random(f"bench-feed-rows:{seed}")
    path = folder / "bookings.csv"
    now = timezone.now()
    with path.open("w", newline="", encoding="utf-8") as stream:
        writer = csv.DictWriter(stream, fieldnames=CONTRACTS[FeedKind.BOOKINGS].columns)
        writer.writeheader()
        for n in range(ROWS):
            person = population[rng.randrange(PEOPLE) if rng.random() < 0.9 else PEOPLE + n]
            record = _record(rng, person, n)
            booked = now - timedelta(minutes=rng.randrange(60 * 24 * 365))
            writer.writerow(
                {
                    "booking_number": f"BK-{n:07d}",
                    "last_name": record.last_name,
                    "first_name": record.first_name,
                    "date_of_birth": record.dob.isoformat() if record.dob else "",
                    "sex": record.sex,
                    "state_id": record.state_id or "",
                    "booked_at": booked.isoformat(timespec="minutes"),
                    "released_at": "",
                    "charges": "CCC 12.40.020:misdemeanor",
                    "facility": "Bench County Jail",
                    "area": record.area,
                }
            )
    return path


def _counts(site: Site) -> tuple[int, int]:
    return LegalMatter.objects.filter(site=site).count(), Person.objects.filter(site=site).count()


def notification_latency(site: Site) -> float:
    """Seconds from pushing one booking of a participant to their case manager's
    notification row being committed (median of 5)."""
    from goldenthread.accounts.models import User

    organization = site.organizations.get(kind=OrganizationKind.CASE_MANAGEMENT)
    manager = User.objects.filter(username="bench.cm").first() or User.objects.create_user(
        "bench.cm", email="cm@bench.invalid"
    )
    Membership.objects.get_or_create(
        user=manager, organization=organization, role=Role.CASE_MANAGER
    )
    timings = []
    for n in range(5):
        person = Person.objects.filter(site=site).order_by("pk")[n]
        Person.objects.filter(pk=person.pk).update(
            assigned_organization=organization,
            case_manager=manager,
            engagement_status=EngagementStatus.ACTIVE,
        )
        row = dict.fromkeys(CONTRACTS[FeedKind.BOOKINGS].columns, "")
        row.update(
            booking_number=f"LAT-{n}",
            last_name=person.legal_last_name,
            first_name=person.legal_first_name,
            date_of_birth=person.date_of_birth.isoformat() if person.date_of_birth else "",
            sex=person.sex,
            booked_at=timezone.now().isoformat(timespec="minutes"),
        )
        started = time.perf_counter()
        feed_import_rows(actor=None, site=site, kind=FeedKind.BOOKINGS, rows=[row], sender="bench")
        assert Notification.objects.filter(user=manager, person_id=person.pk).exists()
        timings.append(time.perf_counter() - started)
    timings.sort()
    return timings[2]


def crash_drill(path: Path, site: Site) -> dict[str, Any]:
    """Imports `path` in a child process, kills it with SIGKILL after a few batches, runs
    it again, and counts what came of it."""
    before = _counts(site)
    command = [sys.executable, "manage.py", "import_feed", "bookings", str(path), "--site", SLUG]
    child = subprocess.Popen(command, cwd=ROOT, env=os.environ.copy(), stdout=subprocess.DEVNULL)
    time.sleep(8)
    child.send_signal(signal.SIGKILL)
    child.wait()
    after_kill = _counts(site)
    subprocess.run(command, cwd=ROOT, env=os.environ.copy(), check=True, stdout=subprocess.DEVNULL)
    after = _counts(site)
    return {"before": before, "after_kill": after_kill, "after_rerun": after}


def measure() -> dict[str, Any]:
    site = _site()
    started = time.perf_counter()
    population = index_people(site)
    # The index holds one record per person, from which nothing about matches can be
    # learnt; the model is trained as a site's would be, on records with their duplicates.
    rows = featured(labelled_records(50_000, seed=7))
    LinkageModel.objects.create(
        site=site,
        settings_json=train(rows),
        term_frequencies=term_frequencies(rows),
        trained_on=len(rows),
        starter=True,
    )
    setup = time.perf_counter() - started
    folder = Path(tempfile.mkdtemp(prefix="gt-feeds-"))
    path = bookings_file(population, folder)
    started = time.perf_counter()
    first = feed_import_file(actor=None, site=site, kind=FeedKind.BOOKINGS, path=path)
    first_s = time.perf_counter() - started
    counts = _counts(site)
    started = time.perf_counter()
    again = feed_import_file(actor=None, site=site, kind=FeedKind.BOOKINGS, path=path)
    again_s = time.perf_counter() - started
    assert _counts(site) == counts
    latency = notification_latency(site)
    # The drill imports a second file (other booking numbers) so that it creates rows.
    drill_path = folder / "drill.csv"
    with path.open(encoding="utf-8") as source, drill_path.open("w", encoding="utf-8") as out:
        for line in source:
            out.write(line.replace("BK-", "DR-", 1))
    drill = crash_drill(drill_path, site)
    return {
        "setup_s": setup,
        "first_s": first_s,
        "first": {
            "read": first.rows_read,
            "created": first.created,
            "review": first.sent_to_review,
            "rejected": first.rejected,
        },
        "again_s": again_s,
        "again": {"created": again.created, "unchanged": again.unchanged},
        "latency_s": latency,
        "drill": drill,
        "today": date.today().isoformat(),
    }
