"""Tasks are staff reminders: one's own, due today and overdue on the home page."""

from datetime import timedelta

from django.test import Client

from goldenthread.casework.models import Task
from goldenthread.casework.services import task_create
from goldenthread.organizations.models import OrganizationKind
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant

K = OrganizationKind


class TaskTests(PersonaTestCase):
    def test_due_today_and_overdue_reach_the_home_page_and_done_clears_them(self):
        today = self.site.today()
        person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        late = task_create(
            actor=self.ngozi, title="Fetch the ID form", due_on=today - timedelta(days=2)
        )
        task_create(actor=self.ngozi, title="Court support", due_on=today, person=person)
        task_create(actor=self.ngozi, title="Later", due_on=today + timedelta(days=5))
        self.sign_in(self.ngozi)
        home = self.client.get("/")
        panel = dict(home.context["panels"])["shell/panels/tasks.html"]
        self.assertEqual(panel, {"overdue": 1, "today": 1})
        page = self.client.get("/tasks/")
        self.assertEqual(
            [t.title for t in page.context["groups"]["overdue"]], ["Fetch the ID form"]
        )
        self.client.post(f"/tasks/{late.pk}/done/")
        self.assertIsNotNone(Task.objects.get(pk=late.pk).done_at)
        panel = dict(self.client.get("/").context["panels"])["shell/panels/tasks.html"]
        self.assertEqual(panel, {"overdue": 0, "today": 1})

    def test_a_task_is_added_on_screen_and_is_nobody_elses(self):
        self.sign_in(self.ngozi)
        response = self.client.post(
            "/tasks/", {"title": "Call the shelter", "due_on": str(self.site.today())}
        )
        self.assertRedirects(response, "/tasks/")
        task = Task.objects.get()
        self.assertEqual((task.assignee, task.title), (self.ngozi, "Call the shelter"))
        other = self.sign_in(self.jordan, Client())
        self.assertEqual(other.get("/tasks/").status_code, 403)
        self.assertEqual(other.post(f"/tasks/{task.pk}/done/").status_code, 403)
