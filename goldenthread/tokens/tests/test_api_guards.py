"""What guards every API operation: idempotency keys on creates and the rate limit."""

from unittest import mock

from django.test import override_settings
from django.utils import timezone

from goldenthread.casework.models import Contact
from goldenthread.organizations.models import OrganizationKind
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant
from goldenthread.tokens import idempotency
from goldenthread.tokens.models import ApiToken, IdempotentRequest, Scope

CONTACT = {"mode": "in_person", "place": "street", "note": "Coffee at the bridge"}


class IdempotencyTests(PersonaTestCase):
    def setUp(self):
        self.marcus = participant(
            self.site, self.orgs[OrganizationKind.CASE_MANAGEMENT], self.ngozi
        )
        self.auth = self.bearer(self.ngozi, [Scope.CASEWORK_WRITE])
        self.path = f"/api/v1/people/{self.marcus.pk}/contacts"

    def post(self, body, key, auth=None):
        return self.client.post(
            self.path,
            body,
            content_type="application/json",
            headers={**(auth or self.auth), "Idempotency-Key": key},
        )

    def test_a_retry_gets_the_first_answer_and_creates_nothing(self):
        first = self.post(CONTACT, "phone-77")
        again = self.post(CONTACT, "phone-77")
        self.assertEqual((first.status_code, again.status_code), (201, 200))
        self.assertEqual(first.json(), again.json())
        self.assertEqual(again["Idempotent-Replayed"], "true")
        self.assertEqual(Contact.objects.filter(person=self.marcus).count(), 1)

    def test_the_same_key_for_another_request_is_refused(self):
        self.post(CONTACT, "phone-78")
        other = self.post({**CONTACT, "note": "Another day"}, "phone-78")
        self.assertEqual(other.status_code, 422)
        self.assertEqual(other.json()["error"]["code"], "idempotency_key_reused")
        self.assertEqual(Contact.objects.filter(person=self.marcus).count(), 1)

    def test_a_refused_request_may_be_corrected_under_its_key(self):
        refused = self.post({**CONTACT, "mode": "telepathy"}, "phone-79")
        corrected = self.post(CONTACT, "phone-79")
        self.assertEqual((refused.status_code, corrected.status_code), (422, 201))

    def test_keys_belong_to_their_token(self):
        other = self.bearer(self.ngozi, [Scope.CASEWORK_WRITE])
        answers = [
            self.post(CONTACT, "k1").status_code,
            self.post(CONTACT, "k1", other).status_code,
        ]
        self.assertEqual(answers, [201, 201])
        self.assertEqual(Contact.objects.filter(person=self.marcus).count(), 2)

    def test_a_revoked_token_gets_no_replay(self):
        self.post(CONTACT, "phone-80")
        ApiToken.objects.update(revoked_at=timezone.now())
        self.assertEqual(self.post(CONTACT, "phone-80").status_code, 401)

    def test_an_overlong_key_is_refused(self):
        response = self.post(CONTACT, "x" * 81)
        self.assertEqual(
            (response.status_code, response.json()["error"]["code"]), (400, "bad_request")
        )

    def test_of_two_racing_requests_one_creates_and_the_other_replays(self):
        first = self.post(CONTACT, "race-1")
        # The second request looked before the first had committed: it found no answer,
        # created its contact, then met the first one's answer on commit.
        real = idempotency._earlier
        looks = []

        def too_early(*args):
            looks.append(args)
            return None if len(looks) == 1 else real(*args)

        with mock.patch.object(idempotency, "_earlier", side_effect=too_early):
            second = self.post(CONTACT, "race-1")
        self.assertEqual(len(looks), 2)
        self.assertEqual((first.status_code, second.status_code), (201, 200))
        self.assertEqual(first.json()["id"], second.json()["id"])
        self.assertEqual(Contact.objects.filter(person=self.marcus).count(), 1)

    def test_a_day_old_answer_is_forgotten(self):
        self.post(CONTACT, "phone-81")
        IdempotentRequest.objects.update(created_at=timezone.now() - idempotency.KEPT_FOR)
        self.assertEqual(self.post(CONTACT, "phone-81").status_code, 201)
        self.assertEqual(IdempotentRequest.objects.count(), 1)


@override_settings(GT_API_RATE="3/m")
class RateLimitTests(PersonaTestCase):
    def test_a_token_past_its_limit_is_told_when_to_come_back(self):
        auth = self.bearer(self.ngozi, [Scope.ACCOUNT_READ])
        answers = [self.client.get("/api/v1/me", headers=auth) for _ in range(4)]
        self.assertEqual([a.status_code for a in answers], [200, 200, 200, 429])
        self.assertEqual([a["RateLimit-Remaining"] for a in answers[:3]], ["2", "1", "0"])
        refused = answers[-1]
        self.assertEqual(refused.json()["error"]["code"], "rate_limited")
        self.assertTrue(1 <= int(refused["Retry-After"]) <= 60)
        other = self.bearer(self.jordan, [Scope.ACCOUNT_READ])
        self.assertEqual(self.client.get("/api/v1/me", headers=other).status_code, 200)

    def test_calls_without_a_token_are_counted_by_address(self):
        answers = [self.client.get("/api/v1/me").status_code for _ in range(4)]
        self.assertEqual(answers, [401, 401, 401, 429])
