"""Reassignment between case managers: kept as history, within the caseload limits."""

from django.test import Client

from goldenthread.casework.models import Assignment
from goldenthread.organizations.models import Membership, OrganizationKind, Role
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant

K = OrganizationKind


class ReassignTests(PersonaTestCase):
    def setUp(self):
        self.wei = self.member("wei", K.CASE_MANAGEMENT, Role.SUPERVISOR)
        self.rafa = self.member("rafa", K.CASE_MANAGEMENT, Role.CASE_MANAGER)
        self.person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        self.url = f"/people/{self.person.pk}/case-manager/"

    def post(self, client, **extra):
        data = {"case_manager": Membership.objects.get(user=self.rafa).pk, "reason": "Language"}
        data.update(extra)
        return client.post(self.url, data)

    def test_a_supervisor_reassigns_and_the_history_keeps_it(self):
        supervisor = self.sign_in(self.wei)
        self.assertRedirects(self.post(supervisor), self.url)
        self.assertEqual(Person.objects.get(pk=self.person.pk).case_manager, self.rafa)
        change = Assignment.objects.get(person=self.person)
        self.assertEqual(
            (change.from_case_manager, change.to_case_manager), (self.ngozi, self.rafa)
        )
        self.assertContains(supervisor.get(self.url), "Language")

    def test_the_maximum_holds_unless_the_supervisor_gives_a_reason(self):
        self.site.caseload_warn, self.site.caseload_max = 1, 1
        self.site.save()
        participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.rafa, legal_first_name="Full")
        supervisor = self.sign_in(self.wei)
        refused = self.post(supervisor)
        self.assertContains(refused, "above the site&#x27;s maximum of 1", status_code=400)
        self.assertEqual(Person.objects.get(pk=self.person.pk).case_manager, self.ngozi)
        self.assertRedirects(
            self.post(supervisor, override_reason="Only Spanish speaker"), self.url
        )
        self.assertEqual(Person.objects.get(pk=self.person.pk).case_manager, self.rafa)

    def test_only_a_supervisor_reassigns(self):
        case_manager = self.sign_in(self.ngozi, Client())
        self.assertEqual(self.post(case_manager).status_code, 403)
        self.assertEqual(
            Person.objects.get(pk=self.person.pk).engagement_status, EngagementStatus.ACTIVE
        )
        self.assertEqual(Person.objects.get(pk=self.person.pk).case_manager, self.ngozi)
