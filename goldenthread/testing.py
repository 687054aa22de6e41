"""The cast every test speaks through, and the one way tests sign in.

PersonaTestCase builds two sites through the same services the product uses:

- Cascade (`self.site`), the site under test:
  - Dana (`self.dana`), site administrator at Cascade LEAD Project Management.
  - Ngozi (`self.ngozi`), case manager at Harbor Case Management.
  - Jordan (`self.jordan`), police officer at Cascade City Police.
  - Lucia (`self.lucia`), project manager *and* PCG member: someone with two memberships.
- Elsewhere (`self.other_site`), another jurisdiction on the same deployment:
  - Olga (`self.olga`), its site administrator, who must see nothing of Cascade.
- Nadia (`self.nadia`), an account with no membership at all.

Everyone's password is PASSWORD and everyone has an authenticator with a known key, so
`sign_in` walks the real two-step sign-in over HTTP exactly as a person would.
"""

import re
from collections.abc import Iterable
from typing import Any

from django.test import Client, TestCase
from django.utils import timezone
from django_otp.oath import hotp
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.accounts.models import User
from goldenthread.accounts.services import totp_device_enrol, user_create
from goldenthread.organizations.models import (
    Membership,
    Organization,
    OrganizationKind,
    Role,
    Site,
    SiteProgram,
)
from goldenthread.organizations.services import membership_create, organization_create, site_create
from goldenthread.tokens.services import token_create

PASSWORD = "a long passphrase for tests"
TOTP_KEY = "3132333435363738393031323334353637383930"


def make_user(username: str, *, enrol: bool = True) -> User:
    user = user_create(
        actor=None,
        username=username,
        email=f"{username}@example.test",
        display_name=username.capitalize(),
        password=PASSWORD,
    )
    if enrol:
        totp_device_enrol(actor=None, user=user, key=TOTP_KEY)
    return user


def current_code(user: User) -> str:
    """A code the authenticator would show now that has not been used yet.

    django-otp refuses a code twice (replay protection) and accepts one step either side,
    so a second sign-in within the same 30 seconds uses the next step's code. Never the
    previous step's: verified just after a step boundary it would be two steps old.
    """
    device = TOTPDevice.objects.get(user=user, confirmed=True)
    now_step = int((timezone.now().timestamp() - device.t0) // device.step)
    for step in (now_step, now_step + 1):
        if device.last_t is None or step > device.last_t:
            return f"{hotp(device.bin_key, step, digits=device.digits):0{device.digits}d}"
    raise AssertionError("No unused code in the tolerance window; advance the clock.")


def csrf_free(html: str) -> str:
    """Page text without the per-request CSRF token and CSP nonce, for comparing responses."""
    html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)
    return re.sub(r'nonce="[^"]+"', "", html)


class PersonaTestCase(TestCase):
    site: Site
    other_site: Site
    orgs: dict[str, Organization]
    dana: User
    ngozi: User
    jordan: User
    lucia: User
    olga: User
    nadia: User

    @classmethod
    def setUpTestData(cls) -> None:
        # Cascade runs every program variant; a test of one switched off turns it off.
        cls.site = site_create(
            actor=None, name="Cascade", slug="cascade", programs=list(SiteProgram.values)
        )
        cls.orgs = {
            kind: organization_create(actor=None, site=cls.site, name=f"Cascade {label}", kind=kind)
            for kind, label in OrganizationKind.choices
        }
        cls.dana = cls.member("dana", OrganizationKind.PROJECT_MANAGEMENT, Role.SITE_ADMIN)
        cls.ngozi = cls.member("ngozi", OrganizationKind.CASE_MANAGEMENT, Role.CASE_MANAGER)
        cls.jordan = cls.member("jordan", OrganizationKind.POLICE, Role.OFFICER)
        cls.lucia = cls.member("lucia", OrganizationKind.PROJECT_MANAGEMENT, Role.PROJECT_MANAGER)
        membership_create(
            actor=None,
            user=cls.lucia,
            organization=cls.orgs[OrganizationKind.PROJECT_MANAGEMENT],
            role=Role.PCG_MEMBER,
        )
        cls.other_site = site_create(actor=None, name="Elsewhere", slug="elsewhere")
        elsewhere_pm = organization_create(
            actor=None,
            site=cls.other_site,
            name="Elsewhere PM",
            kind=OrganizationKind.PROJECT_MANAGEMENT,
        )
        cls.olga = make_user("olga")
        membership_create(
            actor=None, user=cls.olga, organization=elsewhere_pm, role=Role.SITE_ADMIN
        )
        cls.nadia = make_user("nadia")

    @classmethod
    def member(cls, username: str, kind: str, role: str, *, enrol: bool = True) -> User:
        user = make_user(username, enrol=enrol)
        membership_create(actor=None, user=user, organization=cls.orgs[kind], role=role)
        return user

    def bearer(self, user: User, scopes: Iterable[str]) -> dict[str, str]:
        """The Authorization header of a fresh personal access token of `user`."""
        _, secret = token_create(
            actor=user,
            membership=self.membership(user),
            name="test",
            scopes=list(scopes),
            lifetime_days=1,
        )
        return {"Authorization": f"Bearer {secret}"}

    def membership(self, user: User) -> Membership:
        return Membership.objects.filter(user=user).order_by("pk").first()  # type: ignore[return-value]

    def sign_in(self, user: User, client: Client | None = None) -> Client:
        """Password, then authenticator code, through the real views."""
        client = client or self.client
        response = client.post(
            "/accounts/login/", {"username": user.username, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302, "password step failed")
        response = client.post("/accounts/mfa/", {"token": current_code(user)})
        self.assertEqual(response.status_code, 302, "second factor failed")
        return client

    def sign_in_password_only(self, user: User, client: Client | None = None) -> Client:
        client = client or self.client
        response = client.post(
            "/accounts/login/", {"username": user.username, "password": PASSWORD}
        )
        self.assertEqual(response.status_code, 302)
        return client

    def assertAudited(self, **fields: Any) -> None:
        from goldenthread.audit.models import AuditEvent

        self.assertTrue(
            AuditEvent.objects.filter(**fields).exists(), f"no audit event with {fields}"
        )
