"""The access policy, exhaustively: every role against every capability and every
site-administration page, and the rule that views never fetch protected rows themselves."""

import re
from pathlib import Path

from django.test import Client

from goldenthread.access.policy import Capability, can
from goldenthread.organizations.models import ROLE_ORGANIZATION_KINDS, OrganizationKind, Role
from goldenthread.testing import PersonaTestCase

# The policy restated as a table; a change to access.policy must change this too.
EXPECTED = {role: {Capability.USE_API} for role in Role.values}
EXPECTED[Role.SITE_ADMIN] = {
    Capability.MANAGE_SITE,
    Capability.VIEW_AUDIT,
    Capability.USE_API,
    Capability.REVIEW_BREAK_GLASS,
    Capability.IMPORT_FEEDS,
    Capability.EXPORT_HMIS,
}
EXPECTED[Role.SUPERVISOR] = {
    Capability.USE_API,
    Capability.REVIEW_BREAK_GLASS,
    Capability.VIEW_CASELOAD,
    Capability.VIEW_INSIGHTS,
    Capability.REPORT_INCIDENTS,
}
EXPECTED[Role.CASE_MANAGER] = {
    Capability.USE_API,
    Capability.VIEW_CASELOAD,
    Capability.REPORT_INCIDENTS,
}
EXPECTED[Role.PROJECT_MANAGER] = {
    Capability.KEEP_LODGING,
    Capability.DO_OUTREACH,
    Capability.REPORT_INCIDENTS,
    Capability.REVIEW_INCIDENTS,
    Capability.LOG_ENCOUNTERS,
    Capability.USE_API,
    Capability.REVIEW_BREAK_GLASS,
    Capability.REVIEW_IDENTITY,
    Capability.IMPORT_FEEDS,
    Capability.RUN_MEETINGS,
    Capability.VIEW_INSIGHTS,
    Capability.KEEP_EVALUATION,
}
EXPECTED[Role.PCG_MEMBER] = {
    Capability.USE_API,
    Capability.EDIT_ELIGIBILITY,
    Capability.KEEP_POLICIES,
    Capability.VIEW_INSIGHTS,
}
EXPECTED[Role.LODGING_LIAISON] = {
    Capability.USE_API,
    Capability.KEEP_LODGING,
    Capability.REPORT_INCIDENTS,
}
EXPECTED[Role.OUTREACH_WORKER] = {
    Capability.USE_API,
    Capability.DO_OUTREACH,
    Capability.REPORT_INCIDENTS,
}
EXPECTED[Role.SAFETY_AMBASSADOR] = {
    Capability.USE_API,
    Capability.REPORT_INCIDENTS,
    Capability.LOG_ENCOUNTERS,
}
EXPECTED[Role.EVALUATOR] = {
    Capability.USE_API,
    Capability.VIEW_INSIGHTS,
    Capability.KEEP_EVALUATION,
}

ADMIN_PAGES = [
    "/site/settings/",
    "/site/organizations/",
    "/site/people/",
    "/site/invitations/",
    "/site/audit/",
    "/site/webhooks/",
    "/hmis/export/",
]


def kind_for(role: str) -> str:
    kinds = ROLE_ORGANIZATION_KINDS.get(role)
    return sorted(kinds)[0] if kinds else OrganizationKind.GOVERNMENT


class PolicyTableTests(PersonaTestCase):
    def test_it_grants_each_role_exactly_its_capabilities(self):
        for role in Role.values:
            user = self.member(f"u-{role}", kind_for(role), role, enrol=False)
            membership = self.membership(user)
            for capability in Capability:
                with self.subTest(role=role, capability=capability):
                    self.assertEqual(can(membership, capability), capability in EXPECTED[role])

    def test_it_grants_nothing_through_an_inactive_membership_or_organization(self):
        membership = self.membership(self.dana)
        membership.is_active = False
        self.assertFalse(any(can(membership, c) for c in Capability))
        membership.is_active = True
        membership.organization.is_active = False
        self.assertFalse(any(can(membership, c) for c in Capability))
        self.assertFalse(any(can(None, c) for c in Capability))


class PolicyOverHttpTests(PersonaTestCase):
    def test_it_opens_site_administration_to_site_admins_only(self):
        for role in Role.values:
            user = self.member(f"http-{role}", kind_for(role), role)
            client = self.sign_in(user, Client())
            for page in ADMIN_PAGES:
                with self.subTest(role=role, page=page):
                    expected = 200 if role == Role.SITE_ADMIN else 403
                    self.assertEqual(client.get(page).status_code, expected)

    def test_it_shows_each_role_only_the_navigation_it_may_use(self):
        client = self.sign_in(self.jordan, Client())
        home = client.get("/").content.decode()
        self.assertNotIn('href="/site/audit/"', home)
        self.assertIn('href="/account/tokens/"', home)
        client = self.sign_in(self.dana, Client())
        self.assertIn('href="/site/audit/"', client.get("/").content.decode())

    def test_it_lets_no_one_without_a_membership_into_site_administration(self):
        self.sign_in(self.nadia)
        for page in ADMIN_PAGES:
            with self.subTest(page=page):
                self.assertEqual(self.client.get(page).status_code, 403)


class AccessDisciplineTests(PersonaTestCase):
    def test_views_and_api_never_fetch_protected_rows_directly(self):
        root = Path(__file__).resolve().parents[2]
        offenders = []
        for path in list(root.glob("*/views.py")) + list(root.glob("*/api.py")):
            text = path.read_text()
            for pattern in (r"\.objects\.get\(", r"get_object_or_404\(", r"\.objects\.filter\("):
                if re.search(pattern, text):
                    offenders.append(f"{path.relative_to(root)}: {pattern}")
        self.assertEqual(offenders, [], "fetch through goldenthread.access.policy instead")
