"""The project manager runs a meeting from its page; attendees read their brief there."""

from datetime import date, timedelta

from django.utils import timezone

from goldenthread.conferencing.models import ActionItem, ActionStatus, Reason
from goldenthread.conferencing.services import meeting_schedule, work_group_create
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.testing import PersonaTestCase

K = OrganizationKind


class MeetingScreenTests(PersonaTestCase):
    def setUp(self) -> None:
        self.group = work_group_create(
            actor=self.lucia,
            site=self.site,
            name="Downtown OWG",
            organizations=[self.orgs[k] for k in (K.POLICE, K.CASE_MANAGEMENT)],
            members=[self.ngozi, self.jordan],
        )
        self.meeting = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now()
        )
        self.url = f"/work-groups/meetings/{self.meeting.pk}/"

    def test_the_project_manager_adds_an_item_and_an_action_item_that_carries_over(self):
        pm = self.sign_in(self.lucia)
        self.assertContains(pm.get("/work-groups/"), "Downtown OWG")
        response = pm.post(self.url, {"op": "add_item", "item-detail": "Camp sweep on 3rd Ave"})
        self.assertRedirects(response, self.url)
        self.assertContains(pm.get(self.url), "Camp sweep on 3rd Ave")
        due = (date.today() + timedelta(days=7)).isoformat()
        refused = pm.post(
            self.url,
            {"op": "add_action", "action-description": "Call the jail", "action-due_on": due},
        )
        self.assertContains(refused, "needs an owner", status_code=400)
        self.assertFalse(ActionItem.objects.exists())
        added = pm.post(
            self.url,
            {
                "op": "add_action",
                "action-description": "Call the jail",
                "action-due_on": due,
                "action-owner_user": str(self.ngozi.pk),
            },
        )
        self.assertRedirects(added, self.url)
        action = ActionItem.objects.get()
        self.assertEqual((action.owner_user, action.raised_at), (self.ngozi, self.meeting))
        following = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() + timedelta(days=14)
        )
        self.assertEqual(following.items.get(reason=Reason.ACTION_ITEM).action_item, action)

    def test_the_project_manager_moves_and_removes_items(self):
        pm = self.sign_in(self.lucia)
        for text in ("First", "Second"):
            pm.post(self.url, {"op": "add_item", "item-detail": text})
        first, second = self.meeting.items.order_by("position")
        pm.post(self.url, {"op": "up", "item": str(second.pk)})
        self.assertEqual(
            list(self.meeting.items.order_by("position").values_list("detail", flat=True)),
            ["Second", "First"],
        )
        pm.post(self.url, {"op": "remove", "item": str(first.pk)})
        page = pm.get(self.url).content.decode()
        self.assertIn("Second", page)
        self.assertNotIn("<p>First</p>", page)

    def test_attendees_read_without_running_and_outsiders_get_nothing(self):
        officer = self.sign_in(self.jordan)
        self.assertEqual(officer.get(self.url).status_code, 200)
        self.assertEqual(
            officer.post(self.url, {"op": "add_item", "item-detail": "x"}).status_code, 403
        )
        haddad = self.member("haddad", K.PUBLIC_DEFENSE, Role.PUBLIC_DEFENDER)
        outsider = self.sign_in(haddad, self.client_class())
        self.assertEqual(outsider.get(self.url).status_code, 404)
        self.assertNotContains(outsider.get("/work-groups/"), "Downtown OWG")

    def test_the_owner_marks_their_action_item_done(self):
        from goldenthread.conferencing.services import action_item_add

        action = action_item_add(
            actor=self.lucia,
            meeting=self.meeting,
            description="Call the jail",
            due_on=date.today(),
            owner_organization=self.orgs[K.CASE_MANAGEMENT],
        )
        officer = self.sign_in(self.jordan)
        self.assertEqual(officer.post(f"/work-groups/actions/{action.pk}/done/").status_code, 403)
        ngozi = self.sign_in(self.ngozi, self.client_class())
        self.assertContains(ngozi.get(self.url), "Your open action items")
        ngozi.post(f"/work-groups/actions/{action.pk}/done/", {"meeting": str(self.meeting.pk)})
        action.refresh_from_db()
        self.assertEqual(action.status, ActionStatus.DONE)
