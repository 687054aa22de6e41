"""Walks every URL the project serves: nothing that is not explicitly public answers
without a signed-in, second-factor-verified session (or, for the API, a token)."""

import uuid

from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from goldenthread.testing import PersonaTestCase

# Every route a person may reach without signing in. Adding one is a decision: list it here.
PUBLIC = {
    "accounts/login/",
    "accounts/logout/",
    "healthz",
    # Load balancers ask whether to send traffic; the answer names no one.
    "readyz",
    "invitations/<str:secret>/",
    "i18n/setlang/",
    "admin/login/",
    "api/v1/openapi.json",
    # The API reference, read from that document: integrators read it before any token.
    "api/docs/",
    # A site's public referral form and its receipt check; 404 unless the site turns it on.
    "s/<slug:slug>/refer/",
    "s/<slug:slug>/refer/status/",
    # A site's public page: what LEAD is there, its policies in force, its community team.
    "s/<slug:slug>/",
    # Its public dashboard: counts and rates only, small cells hidden.
    "s/<slug:slug>/dashboard/",
}
# Signed in but before the second factor: only the steps of the second factor itself.
MFA_STEPS = {"accounts/mfa/", "accounts/mfa/setup/"}
API_PREFIX = "api/v1/"
# Django's admin sends visitors to its own login address, which forwards to ours.
SIGN_IN = ("/accounts/login/?next=", "/admin/login/?next=")

SAMPLES = {
    "int": "1",
    "str": "sample",
    "slug": "sample",
    "path": "sample",
    "uuid": str(uuid.uuid4()),
}


def walk(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            yield from walk(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), entry


def sample_path(route: str) -> str | None:
    """A concrete path for a route pattern; None for regex patterns (Django's admin)."""
    path = route
    while "<" in path:
        start, end = path.index("<"), path.index(">")
        converter = path[start + 1 : end].split(":")[0] if ":" in path[start:end] else "str"
        path = path[:start] + SAMPLES[converter] + path[end + 1 :]
    if "^" in path or "(?P" in path or "\\" in path:
        return None
    return "/" + path


ROUTES = list(walk())


class UrlWalkTests(PersonaTestCase):
    def test_it_marks_public_only_the_listed_routes(self):
        public = {
            route
            for route, entry in ROUTES
            if not getattr(entry.callback, "login_required", True)
            and not route.startswith(API_PREFIX)
        }
        self.assertEqual(public, PUBLIC - {"api/v1/openapi.json"})

    def test_it_sends_anonymous_visitors_to_sign_in(self):
        client = Client()
        for route, _entry in ROUTES:
            path = sample_path(route)
            if path is None or route in PUBLIC or route.startswith(API_PREFIX):
                continue
            with self.subTest(route=route):
                response = client.get(path)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(response["Location"].startswith(SIGN_IN), response["Location"])

    def test_it_sends_password_only_sessions_to_the_second_factor(self):
        self.sign_in_password_only(self.dana)
        for route, _entry in ROUTES:
            path = sample_path(route)
            if (
                path is None
                or route in PUBLIC
                or route in MFA_STEPS
                or route.startswith(API_PREFIX)
            ):
                continue
            with self.subTest(route=route):
                response = self.client.get(path)
                self.assertEqual(response.status_code, 302)
                self.assertTrue(
                    response["Location"].startswith("/accounts/mfa/"), response["Location"]
                )

    def test_it_guards_djangos_admin_the_same_way(self):
        for path in ("/admin/", "/admin/accounts/user/", "/admin/audit/auditevent/"):
            with self.subTest(path=path):
                response = Client().get(path, follow=True)
                self.assertEqual(response.redirect_chain[-1][0].split("?")[0], "/accounts/login/")
        self.sign_in_password_only(self.dana)
        self.assertTrue(self.client.get("/admin/")["Location"].startswith("/accounts/mfa/"))
        self.assertTrue(
            any(sample_path(route) is None for route, _ in ROUTES), "admin routes are walked"
        )

    def test_it_requires_a_token_for_every_api_operation(self):
        for route, _entry in ROUTES:
            if not route.startswith(API_PREFIX) or route in PUBLIC:
                continue
            with self.subTest(route=route):
                # The bare prefix is no operation: it answers 404 in the API's error shape.
                expected = {404} if route == API_PREFIX else {401, 405}
                self.assertIn(Client().get(sample_path(route) or "").status_code, expected)

    def test_it_answers_public_routes_without_sign_in(self):
        client = Client()
        self.assertEqual(client.get("/healthz").status_code, 200)
        self.assertEqual(client.get("/accounts/login/").status_code, 200)
        self.assertEqual(client.get("/api/v1/openapi.json").status_code, 200)
        self.assertEqual(client.get("/invitations/not-a-real-secret/").status_code, 404)
        self.assertEqual(client.get(f"/s/{self.site.slug}/refer/").status_code, 404)
