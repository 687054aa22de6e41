import json
import logging
import os
import subprocess
import sys
from pathlib import Path
from unittest import mock

from django.db import DatabaseError
from django.test import Client, override_settings

from goldenthread.logs import JsonFormatter
from goldenthread.testing import PersonaTestCase

ROOT = Path(__file__).resolve().parents[3]
PAGES = [
    "/",
    "/accounts/",
    "/accounts/mfa/recovery-codes/",
    "/site/settings/",
    "/site/organizations/",
    "/site/people/",
    "/site/invitations/",
    "/site/audit/",
    "/account/tokens/",
]


class SecurityHeaderTests(PersonaTestCase):
    def assertHardened(self, response):
        csp = response["Content-Security-Policy"]
        self.assertIn("script-src 'self' 'nonce-", csp)
        self.assertIn("frame-ancestors 'none'", csp)
        self.assertIn("object-src 'none'", csp)
        self.assertNotIn("unsafe-inline", csp)
        self.assertNotIn("unsafe-eval", csp)
        self.assertEqual(response["X-Content-Type-Options"], "nosniff")
        self.assertEqual(response["Referrer-Policy"], "same-origin")
        self.assertEqual(response["X-Frame-Options"], "DENY")
        self.assertEqual(response["Cache-Control"], "no-store")
        self.assertEqual(len(response["X-Request-ID"]), 32)

    def test_every_page_carries_the_security_headers(self):
        self.assertHardened(Client().get("/accounts/login/"))
        self.sign_in(self.dana)
        for page in PAGES:
            with self.subTest(page=page):
                response = self.client.get(page)
                self.assertEqual(response.status_code, 200)
                self.assertHardened(response)

    def test_pages_have_no_inline_script(self):
        self.sign_in(self.dana)
        for page in PAGES:
            with self.subTest(page=page):
                html = self.client.get(page).content.decode()
                for tag in html.split("<script")[1:]:
                    opening = tag.split(">", 1)[0]
                    self.assertIn("src=", opening)
                    self.assertIn("nonce=", opening)
                self.assertNotIn(" onclick=", html)
                self.assertNotIn(" hx-on", html)

    @override_settings(
        SECURE_HSTS_SECONDS=63072000, SECURE_HSTS_INCLUDE_SUBDOMAINS=True, SECURE_HSTS_PRELOAD=True
    )
    def test_https_responses_carry_hsts(self):
        response = Client().get("/accounts/login/", secure=True)
        self.assertEqual(
            response["Strict-Transport-Security"], "max-age=63072000; includeSubDomains; preload"
        )

    def test_error_pages_are_hardened_too(self):
        self.sign_in(self.jordan)
        self.assertHardened(self.client.get("/site/audit/"))
        self.assertHardened(self.client.get("/no-such-page/"))


class HealthTests(PersonaTestCase):
    def test_it_reports_the_database_without_sign_in(self):
        response = Client().get("/healthz")
        self.assertEqual(response.json(), {"status": "ok", "database": "ok"})

    def test_it_answers_503_when_the_database_fails(self):
        with mock.patch("goldenthread.shell.views.connection.cursor", side_effect=DatabaseError):
            response = Client().get("/healthz")
        self.assertEqual(response.status_code, 503)


class ReadinessTests(PersonaTestCase):
    def test_ready_when_the_database_migrations_and_cache_are(self):
        response = Client().get("/readyz")
        self.assertEqual(
            response.json(),
            {"status": "ready", "database": "ok", "migrations": "ok", "cache": "ok"},
        )

    def test_a_pending_migration_holds_traffic_back(self):
        with mock.patch(
            "goldenthread.shell.views.MigrationExecutor.migration_plan", return_value=[("x", False)]
        ):
            response = Client().get("/readyz")
        self.assertEqual((response.status_code, response.json()["migrations"]), (503, "pending"))

    def test_a_cache_that_keeps_nothing_holds_traffic_back(self):
        with mock.patch("goldenthread.shell.views.cache.get", return_value=None):
            response = Client().get("/readyz")
        self.assertEqual(
            (response.status_code, response.json()["cache"]), (503, "not keeping values")
        )


class DeploySettingsTests(PersonaTestCase):
    def manage(self, *args, **env):
        clean = {
            k: v for k, v in os.environ.items() if not k.startswith("GT_") and k != "DATABASE_URL"
        }
        return subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env={**clean, **env},
            capture_output=True,
            text=True,
            check=False,
        )

    def test_check_deploy_reports_nothing_with_production_settings(self):
        result = self.manage(
            "check",
            "--deploy",
            "--fail-level",
            "INFO",
            GT_SECRET_KEY="k3y-" + "x7Q!pZ" * 10,
            GT_AUDIT_KEY="audit-" + "y8R?qW" * 8,
            GT_ALLOWED_HOSTS="lead.example.org",
            GT_HTTPS="true",
        )
        self.assertEqual(result.returncode, 0, result.stderr)
        self.assertIn("System check identified no issues (0 silenced).", result.stdout)

    def test_it_refuses_to_start_without_secrets_outside_development(self):
        result = self.manage("check")
        self.assertNotEqual(result.returncode, 0)
        self.assertIn("Set the environment variable GT_SECRET_KEY", result.stderr)

    def test_it_refuses_a_malformed_setting_by_name(self):
        result = self.manage("check", GT_DEBUG="maybe")
        self.assertIn("GT_DEBUG must be true or false", result.stderr)


class JsonLogTests(PersonaTestCase):
    def test_a_refused_request_logs_one_json_line_without_the_query(self):
        with self.assertLogs("django.request", level="WARNING") as logged:
            response = self.client.get(
                "/api/v1/people?q=Marcus+Reed", headers={"Authorization": "Bearer gt_nothing"}
            )
        self.assertEqual(response.status_code, 401)
        line = JsonFormatter().format(logged.records[-1])
        entry = json.loads(line)
        self.assertEqual((entry["level"], entry["status"]), ("WARNING", 401))
        self.assertEqual(entry["request_id"], response["X-Request-ID"])
        self.assertNotIn("Marcus", line)

    def test_an_exception_keeps_its_traceback(self):
        try:
            raise ValueError("boom")
        except ValueError:
            record = logging.LogRecord(
                "goldenthread.api", logging.ERROR, __file__, 1, "API error", (), sys.exc_info()
            )
        entry = json.loads(JsonFormatter().format(record))
        self.assertIn("ValueError: boom", entry["exception"])
