from datetime import timedelta

import time_machine
from django.contrib.auth.hashers import identify_hasher
from django.utils import timezone

from goldenthread.audit.models import Action
from goldenthread.testing import PASSWORD, PersonaTestCase, csrf_free


class LoginTests(PersonaTestCase):
    def login(self, username: str, password: str, ip: str = "203.0.113.7"):
        return self.client.post(
            "/accounts/login/", {"username": username, "password": password}, REMOTE_ADDR=ip
        )

    def test_it_asks_for_the_second_factor_after_the_password(self):
        response = self.login("ngozi", PASSWORD)
        self.assertRedirects(response, "/accounts/mfa/?next=/", fetch_redirect_response=False)
        self.assertRedirects(
            self.client.get("/"), "/accounts/mfa/?next=/", fetch_redirect_response=False
        )
        self.assertAudited(action=Action.LOGIN, actor_id=self.ngozi.pk)

    def test_it_answers_unknown_user_and_wrong_password_alike(self):
        unknown = self.login("nobody-here", PASSWORD)
        wrong = self.login("ngozi", "not the password")
        self.assertEqual(unknown.status_code, 400)
        self.assertEqual(wrong.status_code, 400)
        self.assertEqual(
            csrf_free(unknown.content.decode()).replace("nobody-here", "ngozi"),
            csrf_free(wrong.content.decode()),
        )
        self.assertAudited(action=Action.LOGIN_FAILED, detail__username="nobody-here")

    def test_it_answers_a_deactivated_account_like_a_wrong_password(self):
        self.ngozi.is_active = False
        self.ngozi.save()
        inactive = self.login("ngozi", PASSWORD)
        self.assertEqual(inactive.status_code, 400)
        self.assertContains(
            inactive, "Please enter a correct username and password", status_code=400
        )

    def test_it_rotates_the_session_key_at_login_and_at_mfa(self):
        self.client.get("/accounts/login/")
        self.client.session.save()
        before = self.client.session.session_key
        self.login("ngozi", PASSWORD)
        after_password = self.client.session.session_key
        self.assertNotEqual(before, after_password)
        from goldenthread.testing import current_code

        self.client.post("/accounts/mfa/", {"token": current_code(self.ngozi)})
        self.assertNotEqual(after_password, self.client.session.session_key)

    def test_it_locks_an_account_for_ten_minutes_after_five_failures(self):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            for _ in range(4):
                self.assertEqual(self.login("ngozi", "wrong").status_code, 400)
            # The fifth failure locks the account; the right password then changes nothing.
            self.assertEqual(self.login("ngozi", "wrong").status_code, 429)
            locked = self.login("ngozi", PASSWORD)
            self.assertEqual(locked.status_code, 429)
            self.assertContains(locked, "Too many attempts", status_code=429)
            self.assertAudited(action=Action.LOCKED_OUT, detail__username="ngozi")
            # Another account from the same address is unaffected.
            self.assertEqual(self.login("jordan", PASSWORD).status_code, 302)

            clock.shift(timedelta(minutes=9, seconds=59))
            self.assertEqual(self.login("ngozi", PASSWORD).status_code, 429)
            clock.shift(timedelta(minutes=10, seconds=1))
            self.assertEqual(self.login("ngozi", PASSWORD).status_code, 302)

    def test_it_counts_only_consecutive_failures(self):
        for _ in range(4):
            self.login("ngozi", "wrong")
        self.assertEqual(self.login("ngozi", PASSWORD).status_code, 302)
        self.client.post("/accounts/logout/")
        for _ in range(4):
            self.login("ngozi", "wrong")
        self.assertEqual(self.login("ngozi", PASSWORD).status_code, 302)

    def test_it_throttles_an_address_that_tries_many_accounts(self):
        with time_machine.travel(timezone.now(), tick=False):
            for number in range(50):
                self.login(f"guess{number}", "wrong", ip="198.51.100.9")
            self.assertEqual(self.login("jordan", PASSWORD, ip="198.51.100.9").status_code, 429)
            self.assertEqual(self.login("jordan", PASSWORD, ip="198.51.100.10").status_code, 302)

    def test_it_stores_passwords_with_argon2id_at_owasp_strength(self):
        self.ngozi.refresh_from_db()
        encoded = self.ngozi.password
        self.assertEqual(identify_hasher(encoded).algorithm, "argon2")
        self.assertIn("$argon2id$", encoded)
        params = dict(p.split("=") for p in encoded.split("$")[3].split(","))
        self.assertGreaterEqual(int(params["m"]), 19 * 1024)
        self.assertGreaterEqual(int(params["t"]), 2)
        self.assertGreaterEqual(int(params["p"]), 1)

    def test_it_refuses_an_oversized_login_body_with_400(self):
        response = self.client.post(
            "/accounts/login/", {"username": "x" * 2_000_000, "password": "y"}
        )
        self.assertEqual(response.status_code, 400)
        self.assertEqual(self.client.session.get("_auth_user_id"), None)

    def test_it_rejects_malformed_login_input_with_a_message(self):
        response = self.client.post("/accounts/login/", {"username": "ngozi"})
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "This field is required.", status_code=400)

    def test_it_does_not_redirect_off_site_after_login(self):
        response = self.client.post(
            "/accounts/login/",
            {"username": "ngozi", "password": PASSWORD, "next": "https://evil.example/"},
        )
        self.assertEqual(response["Location"], "/accounts/mfa/?next=/")
