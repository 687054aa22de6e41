"""A process of its own for test_crash.py, on the database its environment names:

    python -m goldenthread.legal.tests.crash_child seed
    python -m goldenthread.legal.tests.crash_child import FILE [DIE_IN_BATCH]
    python -m goldenthread.legal.tests.crash_child count

`import` with DIE_IN_BATCH sends itself SIGKILL inside that batch's transaction, once its
matters, identity records, audit events and notifications are written and before it
commits: the crash nothing can clean up after."""

import json
import os
import signal
import sys
from datetime import date
from pathlib import Path
from typing import Any

import django

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "goldenthread.settings")
django.setup()

from goldenthread.audit.chain import verify  # noqa: E402
from goldenthread.audit.models import AuditEvent, ChainHead  # noqa: E402
from goldenthread.identity.models import IdentityRecord, Source  # noqa: E402
from goldenthread.identity.services import Snapshot, identity_record_attach  # noqa: E402
from goldenthread.legal.feeds import importer  # noqa: E402
from goldenthread.legal.models import FeedImport, LegalMatter, SeenRow  # noqa: E402
from goldenthread.organizations.models import Site  # noqa: E402
from goldenthread.organizations.services import site_create  # noqa: E402
from goldenthread.people.models import Person  # noqa: E402

SLUG = "crash-county"
BATCH = 3
KNOWN = [("Marcus", "Bell", date(1984, 3, 9)), ("Ana", "Reyes", date(1979, 11, 2))]


def seed() -> None:
    site = site_create(actor=None, name="Crash County", slug=SLUG)
    for first, last, born in KNOWN:
        person = Person.objects.create(
            site=site, legal_first_name=first, legal_last_name=last, date_of_birth=born
        )
        identity_record_attach(
            actor=None,
            person=person,
            snapshot=Snapshot(
                source=Source.ENROLLMENT, first_name=first, last_name=last, date_of_birth=born
            ),
        )


def run_import(path: Path, die_in_batch: int | None) -> None:
    importer.BATCH = BATCH
    real = importer.write_batch
    batches = {"n": 0}

    def write_then_maybe_die(*args: Any) -> Any:
        outcome = real(*args)
        batches["n"] += 1
        if batches["n"] == die_in_batch:
            os.kill(os.getpid(), signal.SIGKILL)
        return outcome

    importer.write_batch = write_then_maybe_die  # type: ignore[assignment]
    importer.feed_import_file(
        actor=None, site=Site.objects.get(slug=SLUG), kind="bookings", path=path
    )


def count() -> None:
    site = Site.objects.get(slug=SLUG)
    matters = LegalMatter.objects.filter(site=site)
    verdict = verify(AuditEvent.objects.order_by("position"), ChainHead.objects.first())
    print(
        json.dumps(
            {
                "numbers": sorted(matters.values_list("number", flat=True)),
                "released": sorted(
                    matters.filter(released_at__isnull=False).values_list("number", flat=True)
                ),
                "people": Person.objects.filter(site=site).count(),
                "records": IdentityRecord.objects.filter(site=site).count(),
                "seen": SeenRow.objects.filter(site=site).count(),
                "imports": [
                    [i.status, i.rows_done, i.rows_read, i.created, i.updated, i.unchanged]
                    for i in FeedImport.objects.filter(site=site).order_by("pk")
                ],
                "audit_chain_ok": verdict.ok,
            }
        )
    )


if __name__ == "__main__":
    step = sys.argv[1]
    if step == "seed":
        seed()
    elif step == "import":
        run_import(Path(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else None)
    else:
        count()
