"""Contacts: logged from a phone in one screen, refused with reasons, and read only as each
note's sharing class and the participant's releases allow."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from goldenthread.casework.models import Contact
from goldenthread.casework.services import contact_log
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind
from goldenthread.people.models import EngagementStatus
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind


class ContactTestCase(PersonaTestCase):
    def setUp(self):
        self.person = participant(
            self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi, legal_first_name="Pat"
        )
        self.person.date_of_birth = date(1980, 5, 1)
        self.person.save()

    def log(self, **overrides: Any) -> Contact:
        values: dict[str, Any] = {
            "actor": self.ngozi,
            "membership": self.membership(self.ngozi),
            "person": self.person,
            "occurred_at": timezone.now(),
            "mode": "in_person",
            "place": "encampment",
            "substantive": True,
            "domains": ["housing"],
            "note": "Talked about the housing list.",
            "sharing": "team",
        }
        values.update(overrides)
        return contact_log(**values)


class LoggingTests(ContactTestCase):
    def test_a_case_manager_logs_a_contact_in_one_screen_with_yesterdays_defaults(self):
        self.log(place="shelter", mode="phone")
        self.sign_in(self.ngozi)
        form = self.client.get(f"/people/{self.person.pk}/contacts/new/").context["form"]
        self.assertEqual((form.initial["mode"], form.initial["place"]), ("phone", "shelter"))
        response = self.client.post(
            f"/people/{self.person.pk}/contacts/new/",
            {
                "mode": "in_person",
                "place": "encampment",
                "substantive": "on",
                "domains": ["documents", "legal"],
                "note": "Got the birth certificate form.\r\nCourt on Friday.",
                "sharing": "team",
            },
        )
        self.assertRedirects(response, f"/people/{self.person.pk}/contacts/")
        contact = Contact.objects.get(place="encampment")
        self.assertEqual(contact.note, "Got the birth certificate form.\nCourt on Friday.")
        self.assertEqual(contact.domains, ["documents", "legal"])
        self.assertAudited(action="create", object_type="casework.contact")
        page = self.client.get(f"/people/{self.person.pk}/contacts/")
        self.assertContains(page, "Identity documents, Legal")
        self.assertContains(page, "Court on Friday.")

    def test_bad_contacts_are_refused_by_field(self):
        cases: list[tuple[dict[str, Any], str, str]] = [
            ({"occurred_at": timezone.now() + timedelta(days=1)}, "occurred_at", "future"),
            (
                {"occurred_at": timezone.now().replace(year=1979)},
                "occurred_at",
                "before the person was born",
            ),
            ({"domains": ["astrology"]}, "domains", "Unknown domain"),
        ]
        for overrides, field, message in cases:
            with self.subTest(field=field, message=message):
                with self.assertRaises(ValidationError) as refused:
                    self.log(**overrides)
                self.assertIn(message, " ".join(refused.exception.message_dict[field]))
        self.assertFalse(Contact.objects.exists())

    def test_a_closed_case_takes_no_contacts(self):
        self.person.engagement_status = EngagementStatus.CLOSED
        self.person.save()
        with self.assertRaisesMessage(ValidationError, "Reopen it to add to it"):
            self.log()

    def test_html_in_a_note_is_shown_as_text(self):
        self.log(note='<script>alert("x")</script>')
        page = self.sign_in(self.ngozi).get(f"/people/{self.person.pk}/contacts/")
        self.assertNotContains(page, "<script>alert")
        self.assertContains(page, "&lt;script&gt;alert")

    def test_an_overlong_note_is_refused(self):
        with self.assertRaises(ValidationError) as refused:
            self.log(note="x" * 4001)
        self.assertIn("note", refused.exception.message_dict)


class SharingTests(ContactTestCase):
    def test_each_persona_reads_only_what_the_sharing_class_and_releases_allow(self):
        self.log(note="team only", sharing="team")
        self.log(note="for partners", sharing="partners")
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.CASE_NOTES])
        seen = {}
        for user in (self.ngozi, self.jordan, self.lucia, self.dana, self.olga):
            page = self.sign_in(user, Client()).get(f"/people/{self.person.pk}/contacts/")
            seen[user.username] = (
                page.status_code,
                "team only" in page.content.decode(),
                "for partners" in page.content.decode(),
            )
        self.assertEqual(
            seen,
            {
                "ngozi": (200, True, True),  # the assigned care team: everything
                "jordan": (200, False, True),  # police, named by a release of case notes
                "lucia": (404, False, False),  # no release to project management
                "dana": (404, False, False),  # site administrator: runs the site, not cases
                "olga": (404, False, False),  # another site altogether
            },
        )

    def test_only_the_care_team_logs(self):
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.CASE_NOTES])
        officer = self.sign_in(self.jordan)
        self.assertEqual(officer.get(f"/people/{self.person.pk}/contacts/new/").status_code, 403)


class QueryCountTests(ContactTestCase):
    def test_the_contact_list_query_count_does_not_grow(self):
        self.log()
        self.sign_in(self.ngozi)
        with CaptureQueriesContext(connection) as few:
            self.client.get(f"/people/{self.person.pk}/contacts/")
        for _ in range(20):
            self.log()
        with CaptureQueriesContext(connection) as many:
            self.client.get(f"/people/{self.person.pk}/contacts/")
        self.assertEqual(len(few), len(many))
