"""goldenthread.bulk stores exactly what Django's bulk_create stores, column by column, for
every model the import paths write with it."""

from collections.abc import Callable
from datetime import UTC, date, datetime
from zoneinfo import ZoneInfo

from django.db import IntegrityError, models, transaction
from django.test import TestCase

from goldenthread.audit.models import Action, AuditEvent
from goldenthread.bulk import bulk_insert
from goldenthread.identity.models import IdentityRecord, MatchProposal, Source
from goldenthread.legal.models import (
    Charge,
    ChargeLevel,
    FeedImport,
    FeedKind,
    LegalMatter,
    MatterKind,
    RejectedRow,
    SeenRow,
)
from goldenthread.organizations.models import Site
from goldenthread.organizations.services import site_create
from goldenthread.people.models import EngagementStatus, Person, Sex

PACIFIC = ZoneInfo("America/Los_Angeles")
BOOKED = datetime(2026, 3, 8, 1, 30, 15, 250_000, tzinfo=PACIFIC)  # the night clocks change


def _stamped(field: models.Field) -> bool:
    return bool(getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False))


def _stored(model: type[models.Model], objects: list[models.Model]) -> list[dict]:
    names = [
        f.attname for f in model._meta.concrete_fields if not f.primary_key and not _stamped(f)
    ]
    return [model._default_manager.filter(pk=o.pk).values(*names).get() for o in objects]


class BulkInsertTests(TestCase):
    site: Site
    person: Person
    record: IdentityRecord
    matter: LegalMatter
    feed_import: FeedImport

    @classmethod
    def setUpTestData(cls):
        cls.site = site_create(actor=None, name="Bulk County", slug="bulk-county")
        cls.person = Person.objects.create(
            site=cls.site, legal_first_name="Ana", legal_last_name="Reyes"
        )
        cls.record = IdentityRecord.objects.create(
            site=cls.site, person=cls.person, source=Source.ENROLLMENT, first_name="Ana"
        )
        cls.matter = LegalMatter.objects.create(
            site=cls.site, person=cls.person, kind=MatterKind.CASE, number="C-1", noted_at=BOOKED
        )
        cls.feed_import = FeedImport.objects.create(
            site=cls.site, kind=FeedKind.BOOKINGS, name="x.csv", content_hash="0" * 64
        )

    def assertSameAsBulkCreate(self, model, make: Callable[[], list[models.Model]]):
        with transaction.atomic():
            made = make()
            model.objects.bulk_create(made)
            expected = _stored(model, made)
            transaction.set_rollback(True)
        inserted = bulk_insert(model, make())
        self.assertEqual(_stored(model, list(inserted)), expected)
        for obj in inserted:
            self.assertFalse(obj._state.adding)
            for field in model._meta.concrete_fields:
                if _stamped(field):
                    self.assertIsNotNone(getattr(obj, field.attname))
        return inserted

    def test_people_with_json_lists_choices_and_a_datetime_in_another_zone(self):
        self.assertSameAsBulkCreate(
            Person,
            lambda: [
                Person(
                    site=self.site,
                    legal_first_name="Zoë",
                    legal_last_name="Nguyễn",
                    aliases=["Zo", "Z. N."],
                    date_of_birth=date(1980, 2, 29),
                    approximate_age=45,
                    sex=Sex.FEMALE,
                    genders=["woman"],
                    engagement_status=EngagementStatus.ACTIVE,
                    last_contact_at=BOOKED,
                ),
                Person(site=self.site, legal_first_name="", legal_last_name="Doe"),
            ],
        )

    def test_identity_records_and_proposals(self):
        self.assertSameAsBulkCreate(
            IdentityRecord,
            lambda: [
                IdentityRecord(
                    site=self.site,
                    person=self.person,
                    source=Source.BOOKING,
                    source_ref="King County:BK-1",
                    first_name="Ana",
                    last_name="Reyes",
                    date_of_birth=date(1979, 11, 2),
                    state_id="WA123",
                ),
                IdentityRecord(site=self.site, person_id=self.person.pk, source="court"),
            ],
        )
        self.assertSameAsBulkCreate(
            MatchProposal,
            lambda: [
                MatchProposal(
                    site=self.site,
                    record=self.record,
                    candidate=self.person,
                    candidate_record=self.record,
                    probability=0.8731,
                    evidence=[{"column": "dob", "level": "exact"}],
                )
            ],
        )

    def test_audit_events_with_an_address_and_without(self):
        def events():
            return [
                AuditEvent(
                    position=10**12 + n,
                    at=BOOKED,
                    actor_id=n or None,
                    action=Action.CREATE,
                    object_type="identity.identityrecord",
                    object_id=str(n),
                    subject_person_id=self.person.pk,
                    categories=["legal"] if n else [],
                    ip="192.0.2.7" if n else None,
                    detail={"outcome": "review", "probability": 0.9, "name": "Zoë"},
                    mac="f" * 64,
                )
                for n in range(2)
            ]

        self.assertSameAsBulkCreate(AuditEvent, events)

    def test_legal_matters_charges_and_feed_rows(self):
        self.assertSameAsBulkCreate(
            LegalMatter,
            lambda: [
                LegalMatter(
                    site=self.site,
                    person=self.person,
                    kind=MatterKind.BOOKING,
                    jurisdiction="King County Jail",
                    number="BK-1",
                    incident_on=date(2026, 3, 7),
                    booked_at=BOOKED,
                    released_at=datetime(2026, 3, 9, 12, 0, tzinfo=UTC),
                    noted_at=BOOKED,
                    facility="KCJ",
                    source=FeedKind.BOOKINGS,
                )
            ],
        )
        self.assertSameAsBulkCreate(
            Charge,
            lambda: [
                Charge(matter=self.matter, offense_code="69.50.4013", level=ChargeLevel.FELONY)
            ],
        )
        self.assertSameAsBulkCreate(
            RejectedRow,
            lambda: [
                RejectedRow(
                    feed_import=self.feed_import,
                    row_number=7,
                    reason="The date of birth is in the future.",
                    values={"last_name": "=HYPERLINK(1)", "cells": ["a", "b"]},
                )
            ],
        )

    def test_primary_keys_come_back_in_the_order_given(self):
        charges = [
            Charge(matter=self.matter, offense_code=f"CODE-{n}", level=ChargeLevel.MISDEMEANOR)
            for n in range(1203)  # more than one statement's worth
        ]
        bulk_insert(Charge, charges)
        stored = dict(Charge.objects.values_list("pk", "offense_code"))
        self.assertEqual([stored[c.pk] for c in charges], [c.offense_code for c in charges])

    def test_conflicts_are_left_out_only_when_asked(self):
        bulk_insert(SeenRow, [SeenRow(site=self.site, fingerprint="a" * 64)])
        bulk_insert(
            SeenRow,
            [
                SeenRow(site=self.site, fingerprint="a" * 64),
                SeenRow(site=self.site, fingerprint="b" * 64),
            ],
            ignore_conflicts=True,
        )
        self.assertEqual(SeenRow.objects.filter(site=self.site).count(), 2)
        with self.assertRaises(IntegrityError), transaction.atomic():
            bulk_insert(SeenRow, [SeenRow(site=self.site, fingerprint="b" * 64)])
