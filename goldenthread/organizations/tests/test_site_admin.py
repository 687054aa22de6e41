import re
from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.organizations.models import (
    Invitation,
    Membership,
    Organization,
    OrganizationKind,
    Role,
)
from goldenthread.testing import PersonaTestCase


class OrganizationScreenTests(PersonaTestCase):
    def test_it_adds_an_organization_for_the_admins_site(self):
        self.sign_in(self.dana)
        response = self.client.post(
            "/site/organizations/",
            {"name": "Downtown Shelter", "kind": "lodging_provider", "is_active": "on"},
        )
        self.assertRedirects(response, "/site/organizations/")
        organization = Organization.objects.get(name="Downtown Shelter")
        self.assertEqual(organization.site, self.site)
        self.assertAudited(
            action=Action.CREATE,
            object_type="organizations.organization",
            object_id=str(organization.pk),
        )

    def test_it_refuses_a_duplicate_or_unknown_kind_with_a_message(self):
        self.sign_in(self.dana)
        duplicate = self.client.post(
            "/site/organizations/", {"name": "Cascade Police", "kind": "police"}
        )
        self.assertContains(duplicate, "already exists", status_code=400)
        unknown = self.client.post("/site/organizations/", {"name": "Sheriff", "kind": "sheriff"})
        self.assertContains(unknown, "Select a valid choice", status_code=400)
        self.assertFalse(Organization.objects.filter(name="Sheriff").exists())

    def test_it_edits_an_organization(self):
        self.sign_in(self.dana)
        police = self.orgs[OrganizationKind.POLICE]
        self.client.post(
            f"/site/organizations/{police.pk}/", {"name": "Cascade PD", "kind": "police"}
        )
        police.refresh_from_db()
        self.assertEqual((police.name, police.is_active), ("Cascade PD", False))

    def test_it_hides_another_sites_organizations(self):
        self.sign_in(self.olga)
        police = self.orgs[OrganizationKind.POLICE]
        self.assertEqual(self.client.get(f"/site/organizations/{police.pk}/").status_code, 404)
        self.assertEqual(self.client.get("/site/organizations/999999/").status_code, 404)
        self.assertNotContains(self.client.get("/site/organizations/"), "Cascade Police")
        self.assertNotContains(self.client.get("/site/people/"), "ngozi")


class PeopleScreenTests(PersonaTestCase):
    def test_it_lists_and_searches_the_sites_people(self):
        self.sign_in(self.dana)
        response = self.client.get("/site/people/")
        self.assertContains(response, "ngozi@example.test")
        self.assertNotContains(response, "olga@example.test")
        partial = self.client.get("/site/people/?q=jord", HTTP_HX_REQUEST="true")
        self.assertContains(partial, "jordan")
        self.assertNotContains(partial, "ngozi")
        self.assertNotContains(partial, "<html")

    def test_it_lists_with_a_fixed_number_of_queries(self):
        self.sign_in(self.dana)
        for number in range(10):
            self.member(f"extra{number}", OrganizationKind.POLICE, Role.OFFICER, enrol=False)
        with self.assertNumQueries(10):
            self.client.get("/site/people/")

    def test_it_resets_a_second_factor_and_the_session_must_enrol_again(self):
        officer = self.sign_in(self.jordan, Client())
        self.sign_in(self.dana)
        self.client.post(f"/site/memberships/{self.membership(self.jordan).pk}/mfa-reset/")
        self.assertAudited(action=Action.MFA_RESET, object_id=str(self.jordan.pk))
        response = officer.get("/")
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/mfa/setup/"))

    def test_it_deactivates_and_reactivates_a_membership(self):
        self.sign_in(self.dana)
        membership = self.membership(self.ngozi)
        self.client.post(f"/site/memberships/{membership.pk}/toggle/")
        membership.refresh_from_db()
        self.ngozi.refresh_from_db()
        self.assertFalse(membership.is_active)
        self.assertFalse(self.ngozi.is_active)
        self.client.post(f"/site/memberships/{membership.pk}/toggle/")
        membership.refresh_from_db()
        self.ngozi.refresh_from_db()
        self.assertTrue(membership.is_active and self.ngozi.is_active)

    def test_it_keeps_the_account_while_another_membership_is_active(self):
        self.sign_in(self.dana)
        pm, _pcg = Membership.objects.filter(user=self.lucia).order_by("pk")
        self.client.post(f"/site/memberships/{pm.pk}/toggle/")
        self.lucia.refresh_from_db()
        self.assertTrue(self.lucia.is_active)

    def test_it_will_not_let_an_admin_deactivate_themselves(self):
        self.sign_in(self.dana)
        response = self.client.post(
            f"/site/memberships/{self.membership(self.dana).pk}/toggle/", follow=True
        )
        self.assertContains(response, "cannot deactivate the membership you are acting under")
        self.assertTrue(Membership.objects.get(pk=self.membership(self.dana).pk).is_active)

    def test_it_refuses_state_changes_by_get(self):
        self.sign_in(self.dana)
        self.assertEqual(
            self.client.get(
                f"/site/memberships/{self.membership(self.ngozi).pk}/toggle/"
            ).status_code,
            405,
        )

    def test_it_refuses_state_changes_without_the_csrf_token(self):
        self.sign_in(self.dana)
        client = Client(enforce_csrf_checks=True)
        client.cookies = self.client.cookies
        response = client.post(f"/site/memberships/{self.membership(self.ngozi).pk}/toggle/")
        self.assertEqual(response.status_code, 403)
        self.assertTrue(Membership.objects.get(pk=self.membership(self.ngozi).pk).is_active)


class InvitationTests(PersonaTestCase):
    def invite(self, **overrides):
        data = {
            "display_name": "Rosa Vargas",
            "email": "rosa@example.test",
            "organization": self.orgs[OrganizationKind.CASE_MANAGEMENT].pk,
            "role": Role.CASE_MANAGER,
        }
        data.update(overrides)
        response = self.client.post("/site/invitations/", data)
        match = re.search(r"/invitations/([A-Za-z0-9_\-]+)/", response.content.decode())
        return response, match.group(1) if match else None

    def test_it_invites_someone_who_then_signs_up_and_enrols(self):
        self.sign_in(self.dana)
        _, secret = self.invite()
        invitation = Invitation.objects.get()
        self.assertNotIn(secret, invitation.token_hash)
        newcomer = Client()
        self.assertContains(newcomer.get(f"/invitations/{secret}/"), "Welcome, Rosa Vargas")
        response = newcomer.post(
            f"/invitations/{secret}/",
            {
                "username": "rosa",
                "password1": "correct horse battery",
                "password2": "correct horse battery",
            },
        )
        self.assertRedirects(response, "/accounts/login/", fetch_redirect_response=False)
        rosa = User.objects.get(username="rosa")
        self.assertEqual(Membership.objects.get(user=rosa).role, Role.CASE_MANAGER)
        newcomer.post("/accounts/login/", {"username": "rosa", "password": "correct horse battery"})
        self.assertTrue(newcomer.get("/")["Location"].startswith("/accounts/mfa/setup/"))
        # The link works once.
        self.assertEqual(Client().get(f"/invitations/{secret}/").status_code, 404)

    def test_it_refuses_a_role_the_organization_cannot_hold(self):
        self.sign_in(self.dana)
        response, secret = self.invite(role=Role.OFFICER)
        self.assertContains(
            response,
            "A Police officer cannot belong to a Case management provider organization",
            status_code=400,
        )
        self.assertIsNone(secret)
        self.assertFalse(Invitation.objects.exists())

    def test_it_refuses_weak_or_mismatched_passwords(self):
        self.sign_in(self.dana)
        _, secret = self.invite()
        newcomer = Client()
        weak = newcomer.post(
            f"/invitations/{secret}/",
            {"username": "rosa", "password1": "password", "password2": "password"},
        )
        self.assertContains(weak, "This password is too short", status_code=400)
        mismatch = newcomer.post(
            f"/invitations/{secret}/",
            {
                "username": "rosa",
                "password1": "correct horse battery",
                "password2": "correct horse batter",
            },
        )
        self.assertContains(mismatch, "The two passwords differ", status_code=400)
        taken = newcomer.post(
            f"/invitations/{secret}/",
            {
                "username": "NGOZI",
                "password1": "correct horse battery",
                "password2": "correct horse battery",
            },
        )
        self.assertContains(taken, "That username is taken", status_code=400)
        self.assertFalse(User.objects.filter(username="rosa").exists())

    def test_it_expires_and_withdraws_invitations(self):
        self.sign_in(self.dana)
        _, secret = self.invite()
        with time_machine.travel(timezone.now() + timedelta(days=8)):
            self.assertEqual(Client().get(f"/invitations/{secret}/").status_code, 404)
        _, second = self.invite(email="other@example.test")
        invitation = Invitation.objects.get(email="other@example.test")
        self.client.post(f"/site/invitations/{invitation.pk}/revoke/")
        self.assertEqual(Client().get(f"/invitations/{second}/").status_code, 404)


class MembershipSwitchTests(PersonaTestCase):
    def test_it_switches_between_the_users_own_memberships_only(self):
        self.sign_in(self.lucia)
        _pm, pcg = Membership.objects.filter(user=self.lucia).order_by("pk")
        self.assertContains(self.client.get("/"), "Project manager at")
        self.client.post("/switch-organization/", {"membership": pcg.pk})
        self.assertContains(self.client.get("/"), "Policy Coordinating Group member at")
        self.client.post("/switch-organization/", {"membership": self.membership(self.dana).pk})
        self.assertContains(self.client.get("/"), "Policy Coordinating Group member at")

    def test_it_tells_someone_without_a_membership_what_to_do(self):
        self.sign_in(self.nadia)
        self.assertContains(self.client.get("/"), "no active organization")


class SiteSettingsTests(PersonaTestCase):
    def settings_form(self, **overrides):
        data = {
            "name": "Cascade",
            "timezone": "America/Los_Angeles",
            "intake_window_days": 14,
            "caseload_warn": 18,
            "caseload_max": 22,
            "referral_approver_roles": ["project_manager", "liaison_prosecutor"],
            "languages": ["en", "es"],
            "link_automatically_at": 0.995,
            "link_review_at": 0.6,
            "evaluation_k": 11,
        }
        data.update(overrides)
        return self.client.post("/site/settings/", data)

    def test_it_switches_lodging_and_outreach_on_and_off_for_their_staff(self):
        lena = self.member("lena", OrganizationKind.LODGING_PROVIDER, Role.LODGING_LIAISON)
        omar = self.member("omar", OrganizationKind.CASE_MANAGEMENT, Role.OUTREACH_WORKER)
        self.sign_in(self.dana)
        self.assertRedirects(self.settings_form(programs=["outreach"]), "/site/settings/")
        liaison = self.sign_in(lena, Client())
        self.assertEqual(liaison.get("/lodging/").status_code, 403)
        self.assertNotContains(liaison.get("/"), 'href="/lodging/"')
        worker = self.sign_in(omar, Client())
        self.assertEqual(worker.get("/outreach/").status_code, 200)
        self.assertRedirects(self.settings_form(programs=["lodging"]), "/site/settings/")
        self.assertEqual(worker.get("/outreach/").status_code, 403)
        self.assertContains(liaison.get("/"), 'href="/lodging/"')
        self.assertEqual(liaison.get("/lodging/").status_code, 200)
        self.assertEqual(self.settings_form(programs=["sweeps"]).status_code, 400)

    def test_it_saves_the_sites_local_choices_and_audits_them(self):
        self.sign_in(self.dana)
        self.assertRedirects(self.settings_form(), "/site/settings/")
        self.site.refresh_from_db()
        self.assertEqual(
            (self.site.intake_window_days, self.site.caseload_max, self.site.languages),
            (14, 22, ["en", "es"]),
        )
        self.assertAudited(
            action=Action.UPDATE,
            object_type="organizations.site",
            detail__before__intake_window_days=30,
        )

    def test_program_areas_are_one_per_line_without_blanks_or_repeats(self):
        self.sign_in(self.dana)
        form = self.settings_form(program_areas="Downtown\r\n\r\n North Precinct \ndowntown\n")
        self.assertRedirects(form, "/site/settings/")
        self.site.refresh_from_db()
        self.assertEqual(self.site.program_areas, ["Downtown", "North Precinct"])
        page = self.client.get("/site/settings/").content.decode()
        self.assertIn("Downtown\nNorth Precinct</textarea>", page)
        response = self.settings_form(program_areas="x" * 81)
        self.assertContains(response, "longer than 80 characters", status_code=400)

    def test_it_refuses_an_intake_window_over_thirty_days(self):
        self.sign_in(self.dana)
        response = self.settings_form(intake_window_days=31)
        self.assertContains(response, "less than or equal to 30", status_code=400)
        self.site.refresh_from_db()
        self.assertEqual(self.site.intake_window_days, 30)

    def test_it_keeps_the_linkage_thresholds_in_order(self):
        self.sign_in(self.dana)
        self.settings_form()
        self.site.refresh_from_db()
        self.assertEqual((self.site.link_automatically_at, self.site.link_review_at), (0.995, 0.6))
        response = self.settings_form(link_automatically_at=0.7, link_review_at=0.9)
        self.assertContains(response, "cannot be above the automatic", status_code=400)

    def test_it_refuses_a_warning_above_the_maximum(self):
        self.sign_in(self.dana)
        response = self.settings_form(caseload_warn=30, caseload_max=25)
        self.assertContains(response, "cannot be above the maximum", status_code=400)

    def test_it_changes_only_the_admins_own_site(self):
        self.sign_in(self.olga)
        self.settings_form(name="Elsewhere renamed")
        self.site.refresh_from_db()
        self.other_site.refresh_from_db()
        self.assertEqual((self.site.name, self.other_site.name), ("Cascade", "Elsewhere renamed"))
