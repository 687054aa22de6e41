import re

from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.audit.models import Action
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.testing import PersonaTestCase, current_code


class MfaSetupTests(PersonaTestCase):
    def setUp(self):
        self.newcomer = self.member(
            "newcomer", OrganizationKind.CASE_MANAGEMENT, Role.OUTREACH_WORKER, enrol=False
        )

    def test_it_sends_someone_without_an_authenticator_to_set_one_up(self):
        self.sign_in_password_only(self.newcomer)
        response = self.client.get("/")
        self.assertRedirects(response, "/accounts/mfa/setup/?next=/", fetch_redirect_response=False)
        page = self.client.get("/accounts/mfa/setup/")
        self.assertContains(page, "<svg")
        self.assertContains(page, 'class="secret"')

    def test_it_confirms_the_authenticator_and_shows_recovery_codes_once(self):
        self.sign_in_password_only(self.newcomer)
        self.client.get("/accounts/mfa/setup/")
        device = TOTPDevice.objects.get(user=self.newcomer, confirmed=False)
        response = self.client.post(
            "/accounts/mfa/setup/", {"token": f"{totp(device.bin_key):06d}"}
        )
        self.assertEqual(response.status_code, 200)
        codes = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.content.decode())
        self.assertEqual(len(codes), 10)
        self.assertEqual(StaticToken.objects.filter(device__user=self.newcomer).count(), 10)
        self.assertEqual(self.client.get("/").status_code, 200)
        self.assertNotContains(self.client.get("/accounts/"), codes[0])

    def test_it_refuses_a_wrong_setup_code(self):
        self.sign_in_password_only(self.newcomer)
        self.client.get("/accounts/mfa/setup/")
        response = self.client.post("/accounts/mfa/setup/", {"token": "000000"})
        self.assertContains(response, "That code did not work", status_code=400)
        self.assertFalse(TOTPDevice.objects.filter(user=self.newcomer, confirmed=True).exists())
        self.assertRedirects(
            self.client.get("/"), "/accounts/mfa/setup/?next=/", fetch_redirect_response=False
        )


class MfaVerifyTests(PersonaTestCase):
    def test_it_accepts_the_authenticator_code(self):
        self.sign_in_password_only(self.ngozi)
        response = self.client.post(
            "/accounts/mfa/", {"token": current_code(self.ngozi), "next": "/accounts/"}
        )
        self.assertRedirects(response, "/accounts/", fetch_redirect_response=False)
        self.assertAudited(
            action=Action.MFA_VERIFIED, actor_id=self.ngozi.pk, detail__method="totp"
        )

    def test_it_refuses_a_code_used_before(self):
        self.sign_in_password_only(self.ngozi)
        code = current_code(self.ngozi)
        self.client.post("/accounts/mfa/", {"token": code})
        self.client.post("/accounts/logout/")
        self.sign_in_password_only(self.ngozi)
        response = self.client.post("/accounts/mfa/", {"token": code})
        self.assertContains(response, "That code did not work", status_code=400)
        self.assertAudited(action=Action.MFA_FAILED, actor_id=self.ngozi.pk)

    def test_it_accepts_each_recovery_code_once(self):
        from goldenthread.accounts.services import recovery_codes_replace

        codes = recovery_codes_replace(user=self.ngozi)
        self.sign_in_password_only(self.ngozi)
        typed = codes[0].upper().replace("-", " ")
        self.assertEqual(self.client.post("/accounts/mfa/", {"token": typed}).status_code, 302)
        self.assertAudited(action=Action.MFA_VERIFIED, detail__method="recovery code")
        self.client.post("/accounts/logout/")
        self.sign_in_password_only(self.ngozi)
        self.assertEqual(self.client.post("/accounts/mfa/", {"token": codes[0]}).status_code, 400)

    def test_it_replaces_recovery_codes_on_request(self):
        from goldenthread.accounts.services import recovery_codes_replace

        old = recovery_codes_replace(user=self.ngozi)
        self.sign_in(self.ngozi)
        response = self.client.post("/accounts/mfa/recovery-codes/")
        new = re.findall(r"<code>([a-z0-9]{5}-[a-z0-9]{5})</code>", response.content.decode())
        self.assertEqual(len(new), 10)
        self.assertFalse(StaticToken.objects.filter(token__in=old).exists())

    def test_it_throttles_guessing(self):
        self.sign_in_password_only(self.ngozi)
        for _ in range(3):
            self.client.post("/accounts/mfa/", {"token": "123456"})
        # After failures django-otp makes the device wait, so even the right code is refused.
        response = self.client.post("/accounts/mfa/", {"token": current_code(self.ngozi)})
        self.assertEqual(response.status_code, 400)

    def test_it_logs_out_with_post_only(self):
        self.sign_in(self.ngozi)
        self.assertEqual(self.client.get("/accounts/logout/").status_code, 405)
        self.client.post("/accounts/logout/")
        self.assertRedirects(
            self.client.get("/"), "/accounts/login/?next=/", fetch_redirect_response=False
        )
        self.assertAudited(action=Action.LOGOUT, actor_id=self.ngozi.pk)
