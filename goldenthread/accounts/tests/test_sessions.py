from datetime import timedelta

import time_machine
from django.test import Client
from django.utils import timezone

from goldenthread.testing import PersonaTestCase


class SessionLimitTests(PersonaTestCase):
    def test_it_ends_a_session_idle_for_thirty_minutes(self):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            self.sign_in(self.ngozi)
            clock.shift(timedelta(minutes=29, seconds=59))
            self.assertEqual(self.client.get("/").status_code, 200)
            clock.shift(timedelta(minutes=30, seconds=1))
            response = self.client.get("/")
            self.assertRedirects(response, "/accounts/login/?next=/", fetch_redirect_response=False)
            # The session is gone on the server, not merely hidden.
            self.assertIsNone(self.client.session.get("_auth_user_id"))

    def test_it_ends_a_busy_session_after_twelve_hours(self):
        with time_machine.travel(timezone.now(), tick=False) as clock:
            self.sign_in(self.ngozi)
            for _ in range(35):  # active every 20 minutes for 11 h 40 min
                clock.shift(timedelta(minutes=20))
                self.assertEqual(self.client.get("/").status_code, 200)
            clock.shift(timedelta(minutes=20, seconds=1))
            self.assertEqual(self.client.get("/").status_code, 302)

    def test_it_ends_a_deactivated_users_session_on_the_next_request(self):
        officer = self.sign_in(self.jordan, Client())
        self.assertEqual(officer.get("/").status_code, 200)
        self.sign_in(self.dana)
        membership = self.membership(self.jordan)
        self.client.post(f"/site/memberships/{membership.pk}/toggle/")
        self.jordan.refresh_from_db()
        self.assertFalse(self.jordan.is_active)
        self.assertRedirects(
            officer.get("/"), "/accounts/login/?next=/", fetch_redirect_response=False
        )

    def test_it_kills_the_old_cookie_at_logout(self):
        self.sign_in(self.ngozi)
        stolen = self.client.cookies["gt_session"].value
        self.client.post("/accounts/logout/")
        thief = Client()
        thief.cookies["gt_session"] = stolen
        self.assertEqual(thief.get("/").status_code, 302)

    def test_it_ends_a_session_that_skipped_the_sign_in_flow(self):
        self.client.force_login(self.ngozi)
        self.assertRedirects(
            self.client.get("/"), "/accounts/login/?next=/", fetch_redirect_response=False
        )
