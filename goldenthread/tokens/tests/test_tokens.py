import hashlib
import re
from datetime import timedelta

import time_machine
from django.utils import timezone

from goldenthread.audit.models import Action
from goldenthread.testing import PersonaTestCase
from goldenthread.tokens.models import ApiToken, Scope
from goldenthread.tokens.services import token_create


class TokenPageTests(PersonaTestCase):
    def test_it_shows_a_new_token_once_and_stores_only_its_hash(self):
        self.sign_in(self.ngozi)
        response = self.client.post(
            "/account/tokens/",
            {"name": "records", "scopes": [Scope.ACCOUNT_READ], "lifetime_days": 30},
        )
        match = re.search(r'id="new-token">(gt_[^<]+)<', response.content.decode())
        assert match is not None
        secret = match.group(1)
        token = ApiToken.objects.get(user=self.ngozi)
        self.assertEqual(token.token_hash, hashlib.sha256(secret.encode()).hexdigest())
        for value in ApiToken.objects.values_list("name", "prefix", "token_hash").get():
            self.assertNotEqual(value, secret)
        self.assertNotContains(self.client.get("/account/tokens/"), secret)
        self.assertAudited(
            action=Action.CREATE, object_type="tokens.apitoken", actor_id=self.ngozi.pk
        )

    def test_it_refuses_a_token_without_scopes(self):
        self.sign_in(self.ngozi)
        response = self.client.post("/account/tokens/", {"name": "records", "lifetime_days": 30})
        self.assertEqual(response.status_code, 400)
        self.assertFalse(ApiToken.objects.exists())

    def test_it_issues_tokens_only_after_the_second_factor(self):
        self.sign_in_password_only(self.ngozi)
        response = self.client.post(
            "/account/tokens/", {"name": "x", "scopes": [Scope.ACCOUNT_READ], "lifetime_days": 30}
        )
        self.assertEqual(response.status_code, 302)
        self.assertTrue(response["Location"].startswith("/accounts/mfa/"))
        self.assertFalse(ApiToken.objects.exists())

    def test_it_lets_only_the_owner_revoke(self):
        token, _ = token_create(
            actor=self.ngozi,
            membership=self.membership(self.ngozi),
            name="x",
            scopes=[Scope.ACCOUNT_READ],
            lifetime_days=30,
        )
        self.sign_in(self.dana)
        self.assertEqual(self.client.post(f"/account/tokens/{token.pk}/revoke/").status_code, 404)
        token.refresh_from_db()
        self.assertIsNone(token.revoked_at)


class ApiTests(PersonaTestCase):
    def token(
        self,
        user=None,
        scopes=(Scope.ACCOUNT_READ, Scope.ACCOUNT_WRITE, Scope.DIRECTORY_READ),
        days=30,
    ):
        user = user or self.ngozi
        token, secret = token_create(
            actor=user,
            membership=self.membership(user),
            name="t",
            scopes=list(scopes),
            lifetime_days=days,
        )
        return token, {"HTTP_AUTHORIZATION": f"Bearer {secret}"}

    def assertErrorShape(self, response, status, code):
        self.assertEqual(response.status_code, status, response.content)
        body = response.json()
        self.assertEqual(set(body), {"error"})
        self.assertEqual(body["error"]["code"], code)
        self.assertTrue(body["error"]["message"])

    def test_it_answers_who_the_token_acts_as(self):
        _, auth = self.token()
        body = self.client.get("/api/v1/me", **auth).json()
        self.assertEqual(body["username"], "ngozi")
        self.assertEqual(body["acting_as"]["role"], "case_manager")
        self.assertEqual(body["acting_as"]["site"], "cascade")

    def test_it_refuses_a_token_lacking_the_scope(self):
        _, auth = self.token(scopes=[Scope.DIRECTORY_READ])
        response = self.client.get("/api/v1/me", **auth)
        self.assertErrorShape(response, 403, "forbidden")
        self.assertIn("account:read", response.json()["error"]["message"])

    def test_it_refuses_missing_garbled_revoked_and_expired_tokens(self):
        self.assertErrorShape(self.client.get("/api/v1/me"), 401, "unauthenticated")
        self.assertErrorShape(
            self.client.get("/api/v1/me", HTTP_AUTHORIZATION="Bearer gt_nonsense"),
            401,
            "unauthenticated",
        )
        self.assertErrorShape(
            self.client.get("/api/v1/me", HTTP_AUTHORIZATION="Basic Zm9vOmJhcg=="),
            401,
            "unauthenticated",
        )
        token, auth = self.token()
        token.revoked_at = timezone.now()
        token.save()
        self.assertErrorShape(self.client.get("/api/v1/me", **auth), 401, "unauthenticated")
        _, auth = self.token(days=30)
        with time_machine.travel(timezone.now() + timedelta(days=31)):
            self.assertErrorShape(self.client.get("/api/v1/me", **auth), 401, "unauthenticated")

    def test_it_stops_a_token_when_its_membership_or_owner_is_deactivated(self):
        _, auth = self.token()
        membership = self.membership(self.ngozi)
        membership.is_active = False
        membership.save()
        self.assertErrorShape(self.client.get("/api/v1/me", **auth), 401, "unauthenticated")
        membership.is_active = True
        membership.save()
        self.ngozi.is_active = False
        self.ngozi.save()
        self.assertErrorShape(self.client.get("/api/v1/me", **auth), 401, "unauthenticated")

    def test_it_lists_only_the_tokens_site_in_the_directory(self):
        _, auth = self.token()
        names = {o["name"] for o in self.client.get("/api/v1/organizations", **auth).json()}
        self.assertIn("Cascade Police", names)
        self.assertNotIn("Elsewhere PM", names)

    def test_it_updates_the_profile_through_the_service(self):
        _, auth = self.token()
        response = self.client.patch(
            "/api/v1/me",
            {"display_name": "Ngozi O.", "preferred_language": "es"},
            content_type="application/json",
            **auth,
        )
        self.assertEqual(response.status_code, 200)
        self.ngozi.refresh_from_db()
        self.assertEqual(
            (self.ngozi.display_name, self.ngozi.preferred_language), ("Ngozi O.", "es")
        )
        self.assertAudited(
            action=Action.UPDATE, object_type="accounts.user", object_id=str(self.ngozi.pk)
        )

    def test_it_refuses_bad_input_in_the_error_shape_and_writes_nothing(self):
        _, auth = self.token()
        cases = [
            ('{"display_name": ', "application/json", 400, "bad_request"),
            ("display_name=x", "application/x-www-form-urlencoded", 415, "unsupported_media_type"),
            ('{"display_name": "x", "is_superuser": true}', "application/json", 422, "invalid"),
            ('{"preferred_language": "klingon"}', "application/json", 422, "invalid"),
            ('{"display_name": ""}', "application/json", 422, "invalid"),
            ("[1, 2]", "application/json", 422, "invalid"),
            ('{"display_name": "' + "x" * 1_100_000 + '"}', "application/json", 413, "too_large"),
        ]
        for body, content_type, status, code in cases:
            with self.subTest(body=body[:40]):
                response = self.client.patch("/api/v1/me", body, content_type=content_type, **auth)
                self.assertErrorShape(response, status, code)
        self.ngozi.refresh_from_db()
        self.assertEqual(self.ngozi.display_name, "Ngozi")
        self.assertFalse(self.ngozi.is_superuser)

    def test_it_answers_a_wrong_method_in_the_error_shape(self):
        _, auth = self.token()
        response = self.client.delete("/api/v1/me", **auth)
        self.assertErrorShape(response, 405, "method_not_allowed")
        self.assertIn("GET", response["Allow"])

    def test_it_answers_unknown_api_paths_in_the_error_shape(self):
        _, auth = self.token()
        self.assertErrorShape(self.client.get("/api/v1/no-such-thing", **auth), 404, "not_found")

    def test_it_publishes_an_openapi_document_covering_every_operation(self):
        from goldenthread.api import api

        document = self.client.get("/api/v1/openapi.json").json()
        documented = {
            (path, method.upper()) for path, item in document["paths"].items() for method in item
        }
        registered = {
            ("/api/v1" + route, method)
            for _prefix, router in api._routers
            for route, path_view in router.path_operations.items()
            for operation in path_view.operations
            for method in operation.methods
        }
        self.assertEqual(documented, registered)
        self.assertIn(("/api/v1/me", "PATCH"), documented)
        for path, item in document["paths"].items():
            for method, operation in item.items():
                with self.subTest(operation=f"{method} {path}"):
                    self.assertTrue(operation.get("summary"))
                    self.assertTrue(operation.get("security"), "every operation needs a token")
