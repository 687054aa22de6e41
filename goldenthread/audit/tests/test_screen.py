from goldenthread.audit.models import Action, AuditEvent
from goldenthread.audit.services import audit_record
from goldenthread.testing import PersonaTestCase


class AuditScreenTests(PersonaTestCase):
    def test_it_shows_this_sites_events_to_its_admin(self):
        self.sign_in(self.ngozi)  # a sign-in of one of Cascade's members
        self.sign_in(self.olga, self.client_class())  # a sign-in at Elsewhere
        self.sign_in(self.dana)
        response = self.client.get("/site/audit/?action=login")
        rows = response.context["page"].object_list
        actors = {event.actor_label for event in rows}
        self.assertIn("ngozi", actors)
        self.assertNotIn("olga", actors)
        self.assertTrue(all(event.action == Action.LOGIN for event in rows))

    def test_it_filters_by_user_and_date(self):
        audit_record(
            action=Action.VIEW, actor=self.ngozi, object_type="people.person", object_id="7"
        )
        self.sign_in(self.dana)
        response = self.client.get("/site/audit/", {"actor": "ngozi", "action": "login"})
        self.assertTrue(all(e.actor_label == "ngozi" for e in response.context["page"].object_list))
        response = self.client.get("/site/audit/", {"since": "2001-01-01", "until": "2001-01-02"})
        self.assertEqual(response.context["page"].paginator.count, 0)

    def test_it_records_that_the_trail_was_read(self):
        self.sign_in(self.dana)
        self.client.get("/site/audit/", {"actor": "ngozi"})
        event = AuditEvent.objects.latest("position")
        self.assertEqual(
            (event.action, event.object_type, event.actor_id),
            (Action.SEARCH, "audit.auditevent", self.dana.pk),
        )
        self.assertEqual(event.detail, {"filters": {"actor": "ngozi"}})

    def test_it_answers_htmx_with_the_results_only(self):
        self.sign_in(self.dana)
        response = self.client.get("/site/audit/", HTTP_HX_REQUEST="true")
        self.assertNotContains(response, "<html")
        self.assertContains(response, "<table>")

    def test_it_refuses_bad_filters_without_failing(self):
        self.sign_in(self.dana)
        response = self.client.get(
            "/site/audit/", {"since": "not-a-date", "subject_person_id": "-4"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertContains(response, "Enter a valid date")

    def test_it_is_closed_to_everyone_but_site_admins(self):
        for user in (self.ngozi, self.jordan, self.lucia):
            with self.subTest(user=user.username):
                client = self.sign_in(user, self.client_class())
                self.assertEqual(client.get("/site/audit/").status_code, 403)
