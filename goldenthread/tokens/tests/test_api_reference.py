"""The integrators' reference is the API's own document, and its worked examples work."""

import json

from goldenthread.api import api
from goldenthread.testing import PersonaTestCase
from goldenthread.tokens import examples
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create


class ApiReferenceTests(PersonaTestCase):
    def test_every_operation_is_on_the_page_with_its_scope(self):
        page = self.client.get("/api/docs/")  # integrators read it without signing in
        self.assertEqual(page.status_code, 200)
        html = page.content.decode()
        document = api.get_openapi_schema()
        for path, item in document["paths"].items():
            for method in item:
                with self.subTest(operation=f"{method} {path}"):
                    self.assertIn(f"<code>{method.upper()} {path}</code>", html)
        self.assertIn("<code>feeds:write</code>", html)
        self.assertIn("<code>consents:write</code>", html)
        self.assertIn("Idempotency-Key", html)

    def token(self, user, scope) -> dict[str, str]:
        _, secret = token_create(
            actor=user, membership=self.membership(user), name="x", scopes=[scope], lifetime_days=1
        )
        return {"Authorization": f"Bearer {secret}"}

    def test_the_referral_example_works_and_a_retry_is_the_same_referral(self):
        auth = self.token(self.jordan, Scope.REFERRALS_WRITE)
        sent = [
            self.client.post(
                "/api/v1/referrals",
                data=json.dumps(examples.REFERRAL),
                content_type="application/json",
                headers={**auth, "Idempotency-Key": examples.REFERRAL_IDEMPOTENCY_KEY},
            )
            for _ in range(2)
        ]
        self.assertEqual([r.status_code for r in sent], [201, 200])
        self.assertEqual(sent[0].json()["receipt_code"], sent[1].json()["receipt_code"])

    def test_the_bookings_example_works_and_a_repeat_changes_nothing(self):
        auth = self.token(self.dana, Scope.FEEDS_WRITE)
        reports = [
            self.client.post(
                "/api/v1/feeds/bookings",
                data=json.dumps(examples.BOOKINGS),
                content_type="application/json",
                headers=auth,
            ).json()
            for _ in range(2)
        ]
        self.assertEqual((reports[0]["created"], reports[0]["rejected"]), (1, []))
        self.assertEqual((reports[1]["created"], reports[1]["unchanged"]), (0, 1))
