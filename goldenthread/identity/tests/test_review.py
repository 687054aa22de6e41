"""The review screen: the project manager sees possible matches with their evidence, merges
or keeps apart, and can undo a merge; nobody else reaches any of it."""

from datetime import date

from django.test import Client

from goldenthread.identity.models import MatchProposal, Merge, ProposalStatus
from goldenthread.identity.services import Snapshot, identity_records_resolve, linkage_train
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase

K = OrganizationKind


class ReviewTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        linkage_train(actor=None, site=cls.site)

    def setUp(self):
        known = Snapshot(
            source="referral",
            source_ref="R-1",
            first_name="Marisol",
            last_name="Quintero",
            date_of_birth=date(1985, 7, 1),
        )
        maybe = Snapshot(
            source="court", source_ref="C-1", first_name="Marisol", last_name="Quintero"
        )
        identity_records_resolve(actor=None, site=self.site, snapshots=[known])
        identity_records_resolve(actor=None, site=self.site, snapshots=[maybe])
        self.proposal = MatchProposal.objects.get()

    def test_the_project_manager_sees_the_evidence_and_merges(self):
        self.sign_in(self.lucia)
        queue = self.client.get("/identity/review/")
        self.assertContains(queue, "Marisol Quintero")
        page = self.client.get(f"/identity/review/{self.proposal.pk}/")
        self.assertContains(page, "How they compare")
        self.assertContains(page, "1985-07-01")
        self.assertContains(page, "missing")
        response = self.client.post(f"/identity/review/{self.proposal.pk}/", {"decision": "same"})
        self.assertRedirects(response, "/identity/review/")
        self.proposal.refresh_from_db()
        self.assertEqual(self.proposal.status, ProposalStatus.SAME)
        self.assertEqual(Person.objects.filter(merged_into__isnull=True).count(), 1)
        self.assertAudited(action="view", object_type="identity.matchproposal")
        self.assertContains(self.client.get("/"), "Possible matches to decide")

    def test_undoing_a_merge_from_the_list_gives_two_people_back(self):
        self.sign_in(self.lucia)
        self.client.post(f"/identity/review/{self.proposal.pk}/", {"decision": "same"})
        merge = Merge.objects.get()
        self.assertContains(self.client.get("/identity/merges/"), "Undo")
        self.client.post(f"/identity/merges/{merge.pk}/undo/")
        merge.refresh_from_db()
        self.assertIsNotNone(merge.undone_at)
        self.assertEqual(Person.objects.filter(merged_into__isnull=True).count(), 2)

    def test_keeping_them_apart_is_remembered(self):
        self.sign_in(self.lucia)
        self.client.post(f"/identity/review/{self.proposal.pk}/", {"decision": "not_same"})
        self.proposal.refresh_from_db()
        self.assertEqual(self.proposal.status, ProposalStatus.NOT_SAME)
        again = self.client.post(f"/identity/review/{self.proposal.pk}/", {"decision": "same"})
        self.assertEqual(again.status_code, 200)
        self.assertEqual(Person.objects.filter(merged_into__isnull=True).count(), 2)

    def test_nobody_else_reaches_the_review_or_the_merges(self):
        supervisor = self.member("sup", K.CASE_MANAGEMENT, Role.SUPERVISOR)
        for user in (self.ngozi, self.jordan, self.dana, supervisor):
            client = self.sign_in(user, Client())
            with self.subTest(user=user.username):
                self.assertEqual(client.get("/identity/review/").status_code, 403)
                self.assertEqual(
                    client.get(f"/identity/review/{self.proposal.pk}/").status_code, 403
                )
                self.assertEqual(client.get("/identity/merges/").status_code, 403)
        other_pm = self.sign_in(self.olga, Client())
        self.assertEqual(other_pm.get(f"/identity/review/{self.proposal.pk}/").status_code, 403)
