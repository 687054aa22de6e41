"""Engagement status over time: one transition table, a reason to close, reopening, and no
"failed" anywhere."""

from django.core.exceptions import ValidationError

from goldenthread.casework.models import ENGAGEMENT_TRANSITIONS, CloseReason, EngagementChange
from goldenthread.casework.services import engagement_change
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

E = EngagementStatus
K = OrganizationKind


class EngagementTests(PersonaTestCase):
    def setUp(self):
        self.person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)

    def test_every_change_is_allowed_exactly_when_the_table_says(self):
        for start in E.values:
            for target in E.values:
                Person.objects.filter(pk=self.person.pk).update(engagement_status=start)
                self.person.refresh_from_db()
                with self.subTest(start=start, target=target):
                    if target in ENGAGEMENT_TRANSITIONS[start]:
                        engagement_change(
                            actor=self.ngozi,
                            person=self.person,
                            to=target,
                            close_reason=CloseReason.MOVED_AWAY,
                        )
                        self.assertEqual(
                            Person.objects.get(pk=self.person.pk).engagement_status, target
                        )
                    else:
                        with self.assertRaises(ValidationError) as refused:
                            engagement_change(actor=self.ngozi, person=self.person, to=target)
                        self.assertIn("Allowed:", str(refused.exception))
                        self.assertEqual(
                            Person.objects.get(pk=self.person.pk).engagement_status, start
                        )

    def test_there_is_no_failed_status(self):
        self.assertNotIn("failed", " ".join(E.values + CloseReason.values))

    def test_closing_needs_a_reason_and_a_closed_case_reopens(self):
        with self.assertRaisesMessage(ValidationError, "Say why the case is closing"):
            engagement_change(actor=self.ngozi, person=self.person, to=E.CLOSED)
        engagement_change(
            actor=self.ngozi, person=self.person, to=E.CLOSED, close_reason=CloseReason.MOVED_AWAY
        )
        engagement_change(actor=self.ngozi, person=self.person, to=E.ACTIVE, note="Came back")
        history = list(
            EngagementChange.objects.filter(person=self.person)
            .order_by("pk")
            .values_list("to_status", "close_reason")
        )
        self.assertEqual(history, [(E.CLOSED, "moved_away"), (E.ACTIVE, "")])

    def test_the_care_team_changes_status_on_screen_and_partners_only_read(self):
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/people/{self.person.pk}/engagement/", {"to": E.IN_THE_WIND, "note": "Camp moved"}
        )
        self.assertRedirects(response, f"/people/{self.person.pk}/engagement/")
        page = self.client.get(f"/people/{self.person.pk}/engagement/")
        self.assertContains(page, "Active → In the wind")
        refused = self.client.post(f"/people/{self.person.pk}/engagement/", {"to": E.CLOSED})
        self.assertContains(refused, "Say why the case is closing", status_code=400)
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        officer = self.sign_in(self.jordan, self.client_class())
        self.assertContains(officer.get(f"/people/{self.person.pk}/engagement/"), "In the wind")
        self.assertEqual(
            officer.post(f"/people/{self.person.pk}/engagement/", {"to": E.ACTIVE}).status_code,
            403,
        )
        self.assertAudited(action="update", object_type="people.person")
