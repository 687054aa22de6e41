from unittest import mock

from django.core.management import CommandError, call_command
from django.db import DatabaseError, connection, transaction
from django.test import TestCase
from django.utils import timezone

from goldenthread.audit.chain import canonical, canonical_parts
from goldenthread.audit.models import Action, AuditEvent
from goldenthread.audit.services import _append, audit_record
from goldenthread.testing import PersonaTestCase

TABLE = "audit_auditevent"


def without_append_only_triggers():
    """Someone with direct database access, as an attacker would have: triggers off.

    The test's transaction is rolled back afterwards, which restores them.
    """
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"ALTER TABLE {TABLE} DISABLE TRIGGER USER")
        else:
            cursor.execute("DROP TRIGGER audit_event_no_update")
            cursor.execute("DROP TRIGGER audit_event_no_delete")


def raw(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def insert_forgery(position, borrowed):
    """A made-up event at `position`, wearing the time and mac of a genuine one."""
    raw(
        f"INSERT INTO {TABLE} (position, at, actor_label, action, object_type, object_id, categories, purpose, request_id, detail, mac) "
        "VALUES (%s, %s, '', 'view', 'people.person', '42', '[]', '', '', '{}', %s)",
        [position, borrowed.at, borrowed.mac],
    )


class ChainTamperingTests(TestCase):
    def setUp(self):
        for number in range(1, 6):
            audit_record(action=Action.VIEW, object_type="people.person", object_id=str(number))

    def verify_fails_at(self, position):
        with self.assertRaisesMessage(CommandError, f"broken at position {position}"):
            call_command("audit_verify")

    def test_it_accepts_an_intact_trail(self):
        out = mock.Mock()
        call_command("audit_verify", stdout=out)
        self.assertIn("intact: 5 events", out.write.call_args[0][0])

    def test_it_detects_an_edited_row(self):
        without_append_only_triggers()
        raw(f"UPDATE {TABLE} SET object_id = %s WHERE position = 3", ["999"])
        self.verify_fails_at(3)

    def test_it_detects_an_edit_that_recomputes_an_unkeyed_hash(self):
        # Copying a neighbour's mac does not help without the key.
        without_append_only_triggers()
        raw(
            f"UPDATE {TABLE} SET action = %s, mac = (SELECT mac FROM {TABLE} WHERE position = 1) WHERE position = 2",
            ["update"],
        )
        self.verify_fails_at(2)

    def test_it_detects_a_deleted_row(self):
        without_append_only_triggers()
        raw(f"DELETE FROM {TABLE} WHERE position = 3")
        self.verify_fails_at(3)

    def test_it_detects_rows_cut_from_the_end(self):
        without_append_only_triggers()
        raw(f"DELETE FROM {TABLE} WHERE position = 5")
        self.verify_fails_at(5)

    def test_it_detects_an_inserted_row(self):
        without_append_only_triggers()
        # Make room at position 3 and slip a forged event in.
        raw(f"UPDATE {TABLE} SET position = position + 1000 WHERE position >= 3")
        raw(f"UPDATE {TABLE} SET position = position - 999 WHERE position >= 1000")
        insert_forgery(3, AuditEvent.objects.get(position=2))
        self.verify_fails_at(3)

    def test_it_detects_an_appended_forgery(self):
        insert_forgery(6, AuditEvent.objects.get(position=5))
        self.verify_fails_at(6)

    def test_it_detects_reordered_rows(self):
        without_append_only_triggers()
        raw(f"UPDATE {TABLE} SET position = 100 WHERE position = 2")
        raw(f"UPDATE {TABLE} SET position = 2 WHERE position = 4")
        raw(f"UPDATE {TABLE} SET position = 4 WHERE position = 100")
        self.verify_fails_at(2)

    def test_the_database_refuses_update_and_delete(self):
        for statement in (f"UPDATE {TABLE} SET object_id = 'x'", f"DELETE FROM {TABLE}"):
            with (
                self.subTest(statement=statement),
                self.assertRaises(DatabaseError),
                transaction.atomic(),
            ):
                raw(statement)
        self.assertEqual(AuditEvent.objects.count(), 5)

    def test_it_numbers_events_without_gaps(self):
        self.assertEqual(
            list(AuditEvent.objects.values_list("position", flat=True)), [1, 2, 3, 4, 5]
        )


class FailClosedTests(PersonaTestCase):
    def test_it_shows_no_personal_data_when_the_audit_write_fails(self):
        self.sign_in(self.dana)
        self.client.raise_request_exception = False
        with mock.patch(
            "goldenthread.organizations.views.audit_record", side_effect=DatabaseError("disk full")
        ):
            response = self.client.get("/site/people/")
        self.assertEqual(response.status_code, 500)
        self.assertNotContains(response, "ngozi@example.test", status_code=500)
        self.assertContains(response, "nothing on it was disclosed", status_code=500)

    def test_it_records_reads_of_personal_data(self):
        self.sign_in(self.dana)
        self.client.get("/site/people/?q=ngo")
        event = AuditEvent.objects.filter(action=Action.SEARCH, object_type="accounts.user").latest(
            "position"
        )
        self.assertEqual(event.actor_id, self.dana.pk)
        self.assertEqual(event.site_id, self.site.pk)
        self.assertEqual(event.detail, {"query": "ngo", "count": 1})
        self.assertEqual(len(event.request_id), 32)
        self.assertEqual(event.ip, "127.0.0.1")


class CanonicalPartsTests(TestCase):
    def test_the_parts_joined_around_a_position_are_the_canonical_form_there(self):
        tricky = AuditEvent(
            at=timezone.now(),
            action=Action.LIST,
            object_type="people.person",
            object_id="7",
            # Text that looks like the cut, before it (in detail) and after it (purpose).
            detail={"position": 0, "note": ',"position":0,"purpose":'},
            purpose=',"position":0,"purpose":"x"',
            categories=["health"],
        )
        before, after = canonical_parts(tricky)
        for position in (1, 42, 10**12):
            tricky.position = position
            self.assertEqual(before + str(position).encode() + after, canonical(tricky))

    def test_a_list_page_appends_a_chain_that_verifies(self):
        _append(
            [
                AuditEvent(
                    at=timezone.now(),
                    action=Action.LIST,
                    object_type="people.person",
                    object_id=str(n),
                    subject_person_id=n,
                    detail={"page": 1},
                )
                for n in range(1, 30)
            ]
        )
        call_command("audit_verify")
        self.assertEqual(
            list(AuditEvent.objects.order_by("position").values_list("position", flat=True)),
            list(range(1, 30)),
        )
