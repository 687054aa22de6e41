"""The Policy Coordinating Group's registry: drafts, approval at a PCG meeting by those who
attended, published versions that never change, the version in force on a day, the PCG's
agenda, the Community Leadership Team roster, and the site's public page."""

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.conferencing.models import GroupKind, Meeting, Reason
from goldenthread.conferencing.services import (
    attendance_record,
    item_note_add,
    meeting_schedule,
    work_group_create,
)
from goldenthread.eligibility.models import ConductCategory
from goldenthread.eligibility.services import rule_set_publish
from goldenthread.governance.models import PolicyKind, PolicyVersion
from goldenthread.governance.selectors import current_version
from goldenthread.governance.services import (
    community_member_add,
    community_member_leave,
    policy_create,
    public_page_save,
    version_draft,
    version_edit,
    version_publish,
)
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.testing import PersonaTestCase

K = OrganizationKind
TODAY = date.today()


class PolicySetup(PersonaTestCase):
    """A Policy Coordinating Group and a draft data-sharing policy."""

    def setUp(self) -> None:
        self.patel = self.member("patel", K.GOVERNMENT, Role.PCG_MEMBER)
        self.pcg = work_group_create(
            actor=self.lucia,
            site=self.site,
            name="Cascade PCG",
            organizations=[self.orgs[K.GOVERNMENT], self.orgs[K.PROJECT_MANAGEMENT]],
            members=[self.patel, self.lucia],
            kind=GroupKind.POLICY,
            cadence_days=90,
        )
        self.sharing = policy_create(
            actor=self.patel,
            site=self.site,
            kind=PolicyKind.DATA_SHARING,
            title="Data-sharing policy",
            text="Police see status and whom to call.",
            summary="First version",
            effective_on=TODAY - timedelta(days=30),
        )

    def pcg_meeting(self, days_ago: int, attendees: list[User]) -> Meeting:
        meeting = meeting_schedule(
            actor=self.lucia,
            work_group=self.pcg,
            starts_at=timezone.now() - timedelta(days=days_ago),
        )
        attendance_record(actor=self.lucia, meeting=meeting, attendees=attendees)
        return meeting


class PolicyTests(PolicySetup):
    def test_an_old_decision_keeps_the_version_it_used(self):
        first = self.pcg_meeting(40, [self.patel, self.lucia])
        item = first.items.get(reason=Reason.POLICY_APPROVAL)
        self.assertEqual(item.policy_version, self.sharing)
        item_note_add(
            actor=self.lucia, item=item, text="Approved.", sharing="partners", is_decision=True
        )
        version_publish(
            actor=self.patel, version=self.sharing, meeting=first, approvers=[self.patel]
        )
        second = version_draft(
            actor=self.patel,
            policy=self.sharing.policy,
            text="Prosecutors also see legal coordination.",
            summary="Adds prosecutors",
            effective_on=TODAY + timedelta(days=10),
        )
        later = self.pcg_meeting(1, [self.patel])
        self.assertEqual(later.items.get(reason=Reason.POLICY_APPROVAL).policy_version, second)
        version_publish(actor=self.patel, version=second, meeting=later, approvers=[self.patel])
        # The first meeting's decision still points at version 1, word for word.
        item.refresh_from_db()
        used = item.policy_version
        assert used is not None
        self.assertEqual(
            (used.number, used.text, used.approved_at),
            (1, "Police see status and whom to call.", first),
        )
        # Version 2 is published but not yet in force.
        policy = self.sharing.policy
        in_force = [current_version(policy, TODAY + timedelta(days=d)) for d in (0, 10)]
        self.assertEqual([v.number if v else None for v in in_force], [1, 2])

    def test_editing_a_published_version_is_refused_and_history_stays(self):
        meeting = self.pcg_meeting(3, [self.patel])
        version_publish(
            actor=self.patel, version=self.sharing, meeting=meeting, approvers=[self.patel]
        )
        with self.assertRaisesMessage(ValidationError, "is published and cannot change"):
            version_edit(
                actor=self.patel,
                version=self.sharing,
                text="Quietly changed",
                summary="x",
                effective_on=TODAY,
            )
        self.sharing.refresh_from_db()
        self.assertEqual(self.sharing.text, "Police see status and whom to call.")

    def test_approval_needs_a_past_pcg_meeting_and_approvers_who_attended(self):
        owg = work_group_create(
            actor=self.lucia, site=self.site, name="OWG", organizations=[], members=[self.lucia]
        )
        operational = meeting_schedule(
            actor=self.lucia, work_group=owg, starts_at=timezone.now() - timedelta(days=1)
        )
        with self.assertRaisesMessage(ValidationError, "Policy Coordinating Group"):
            version_publish(
                actor=self.patel, version=self.sharing, meeting=operational, approvers=[self.patel]
            )
        ahead = meeting_schedule(
            actor=self.lucia, work_group=self.pcg, starts_at=timezone.now() + timedelta(days=5)
        )
        with self.assertRaisesMessage(ValidationError, "not taken place yet"):
            version_publish(
                actor=self.patel, version=self.sharing, meeting=ahead, approvers=[self.patel]
            )
        held = self.pcg_meeting(2, [self.lucia])
        with self.assertRaisesMessage(ValidationError, "recorded as attending"):
            version_publish(
                actor=self.patel, version=self.sharing, meeting=held, approvers=[self.patel]
            )
        self.assertFalse(PolicyVersion.objects.filter(published_at__isnull=False).exists())

    def test_one_draft_at_a_time_and_eligibility_rules_name_their_rule_set(self):
        with self.assertRaisesMessage(ValidationError, "still a draft"):
            version_draft(
                actor=self.patel,
                policy=self.sharing.policy,
                text="Another",
                summary="x",
                effective_on=TODAY,
            )
        eligibility: dict[str, Any] = {
            "actor": self.patel,
            "site": self.site,
            "kind": PolicyKind.ELIGIBILITY,
            "title": "Eligibility",
            "text": "Drug possession under 3 g.",
            "summary": "First",
            "effective_on": TODAY,
        }
        with self.assertRaises(ValidationError) as refused:
            policy_create(**eligibility)
        self.assertIn("rule_set", refused.exception.message_dict)
        rules = rule_set_publish(
            actor=self.patel,
            site=self.site,
            effective_from=TODAY,
            eligible_conduct=[ConductCategory.DRUG_POSSESSION],
        )
        version = policy_create(**eligibility, rule_set=rules)
        self.assertEqual(version.rule_set, rules)

    def test_the_community_leadership_team_keeps_its_history(self):
        member = community_member_add(
            actor=self.patel,
            site=self.site,
            name="Rev. A. Moore",
            role="Co-chair",
            affiliation="Belltown",
            joined_on=TODAY - timedelta(days=400),
        )
        with self.assertRaisesMessage(ValidationError, "before they joined"):
            community_member_leave(
                actor=self.patel, member=member, left_on=TODAY - timedelta(days=500)
            )
        community_member_leave(actor=self.patel, member=member, left_on=TODAY)
        with self.assertRaisesMessage(ValidationError, "already left"):
            community_member_leave(actor=self.patel, member=member, left_on=TODAY)


class GovernanceScreenTests(PolicySetup):
    """The same registry over HTTP: keepers publish, everyone reads, the public sees only
    what is in force."""

    def test_keepers_publish_everyone_reads_and_the_public_sees_what_is_in_force(self):
        meeting = self.pcg_meeting(2, [self.patel, self.lucia])
        keeper = self.sign_in(self.patel)
        url = f"/governance/policies/{self.sharing.policy_id}/"
        refused = keeper.post(url, {"op": "publish", "publish-meeting": str(meeting.pk)})
        self.assertEqual(refused.status_code, 400)
        published = keeper.post(
            url,
            {
                "op": "publish",
                "publish-meeting": str(meeting.pk),
                "publish-approvers": [str(self.patel.pk), str(self.lucia.pk)],
            },
        )
        self.assertRedirects(published, url)
        self.sharing.refresh_from_db()
        self.assertEqual(set(self.sharing.approved_by.all()), {self.patel, self.lucia})
        # A stale edit form aimed at the now published version gets the reason.
        stale = keeper.post(
            url,
            {
                "op": "edit",
                "version": str(self.sharing.pk),
                "edit-text": "Changed",
                "edit-summary": "x",
                "edit-effective_on": TODAY.isoformat(),
            },
        )
        self.assertContains(stale, "is published and cannot change", status_code=400)
        # A case manager reads the registry but changes nothing.
        reader = self.sign_in(self.ngozi)
        self.assertContains(reader.get("/governance/"), "Data-sharing policy")
        self.assertEqual(reader.post(url, {"op": "draft"}).status_code, 403)
        self.assertEqual(reader.get("/governance/policies/new/").status_code, 403)
        # The public page: no account, the version in force, the team, nothing else.
        public_page_save(
            actor=self.patel,
            site=self.site,
            about="LEAD in Cascade diverts people from jail to case management.",
            dashboard_url="https://example.org/cascade-dashboard",
        )
        version_draft(
            actor=self.patel,
            policy=self.sharing.policy,
            text="A draft nobody approved",
            summary="Draft",
            effective_on=TODAY,
        )
        community_member_add(
            actor=self.patel,
            site=self.site,
            name="Rev. A. Moore",
            role="Co-chair",
            affiliation="Belltown",
            joined_on=TODAY,
        )
        self.client.logout()
        page = self.client.get(f"/s/{self.site.slug}/")
        self.assertContains(page, "diverts people from jail")
        self.assertContains(page, "Police see status and whom to call.")
        self.assertContains(page, "Rev. A. Moore")
        self.assertContains(page, "https://example.org/cascade-dashboard")
        self.assertNotContains(page, "A draft nobody approved")
        self.assertEqual(self.client.get("/s/nowhere/").status_code, 404)
