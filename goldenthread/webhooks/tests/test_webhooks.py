"""Webhooks as an organization's system sees them: events it may see, signed, retried with
growing waits, given up after a bounded number of tries, and never in the way of the
request that caused them."""

import json
import threading
import time
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from unittest import mock

from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.legal.alerts import LegalEvent, alerts_raise
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.notifications.models import NotificationKind
from goldenthread.organizations.models import OrganizationKind as K
from goldenthread.people.models import Person
from goldenthread.referrals.models import ConductCategory, Door, Referral, ReferralStatus
from goldenthread.referrals.services import referral_transition
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant
from goldenthread.webhooks import services
from goldenthread.webhooks.models import Delivery, DeliveryStatus, Event, Subscription


class Receiver:
    """A local endpoint answering each POST with the next status in `answers`, after
    `delay` seconds; it keeps what it was sent."""

    def __init__(self, answers: list[int], delay: float = 0) -> None:
        self.answers, self.delay = list(answers), delay
        self.received: list[tuple[dict[str, str], bytes]] = []
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                receiver.received.append((dict(self.headers), body))
                time.sleep(receiver.delay)
                self.send_response(receiver.answers.pop(0) if receiver.answers else 200)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class WebhookTestCase(PersonaTestCase):
    def subscribe(self, kind: str, url: str, events: list[str]) -> Subscription:
        # Made directly: the local receiver speaks plain HTTP, which the service refuses.
        return Subscription.objects.create(
            organization=self.orgs[kind],
            url=url,
            events=events,
            secret="s" * 64,
            created_by=self.dana,
        )

    def referral(self, person: Person) -> Referral:
        return Referral.objects.create(
            site=self.site,
            door=Door.SOCIAL_CONTACT,
            status=ReferralStatus.SUBMITTED,
            person=person,
            referrer=self.jordan,
            referrer_organization=self.orgs[K.POLICE],
            occurred_at=timezone.now() - timedelta(hours=3),
            conduct=ConductCategory.TRESPASS,
            receipt_code="WH0001",
        )


class SignatureTests(WebhookTestCase):
    def test_a_receiver_can_tell_a_true_delivery_from_a_forged_or_replayed_one(self):
        body = b'{"event": "legal.booking"}'
        header = services.sign("secret", int(time.time()), body)
        self.assertTrue(services.verify("secret", header, body))
        self.assertFalse(services.verify("secret", header, body + b" "))
        self.assertFalse(services.verify("other", header, body))
        stale = services.sign("secret", int(time.time()) - 3600, body)
        self.assertFalse(services.verify("secret", stale, body))

    def test_only_https_endpoints_and_offered_events_are_taken(self):
        with self.assertRaises(ValidationError):
            services.subscription_create(
                actor=self.dana,
                organization=self.orgs[K.POLICE],
                url="http://rms.example.org/hook",
                events=[Event.REFERRAL_STATUS],
            )
        with self.assertRaises(ValidationError):
            services.subscription_create(
                actor=self.dana,
                organization=self.orgs[K.POLICE],
                url="https://rms.example.org/hook",
                events=["everything"],
            )
        self.assertFalse(Subscription.objects.exists())


class EventsTests(WebhookTestCase):
    def test_the_referring_organization_hears_of_its_referral_and_no_one_else_does(self):
        police = self.subscribe(
            K.POLICE, "https://unreachable.invalid/hook", [Event.REFERRAL_STATUS]
        )
        self.subscribe(K.PROSECUTOR, "https://elsewhere.invalid/hook", [Event.REFERRAL_STATUS])
        person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        referral = self.referral(person)
        # The endpoint cannot be reached; the change goes through all the same.
        referral_transition(actor=self.lucia, referral=referral, to=ReferralStatus.SCREENING)
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, ReferralStatus.SCREENING)
        delivery = Delivery.objects.get()
        self.assertEqual(delivery.subscription, police)
        self.assertEqual(
            {k: v for k, v in delivery.payload.items() if k != "at"},
            {"event": Event.REFERRAL_STATUS, "receipt_code": "WH0001", "status": "in_review"},
        )
        self.assertNotIn(person.legal_last_name, json.dumps(delivery.payload))

    def test_the_provider_hears_of_a_booking_by_ids_only(self):
        provider = self.subscribe(K.CASE_MANAGEMENT, "https://cm.invalid/hook", [Event.BOOKING])
        person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        matter = LegalMatter.objects.create(
            site=self.site,
            person=person,
            kind=MatterKind.BOOKING,
            jurisdiction="Cascade County Jail",
            number="B-1",
            booked_at=timezone.now(),
            noted_at=timezone.now(),
        )
        alerts_raise([LegalEvent(matter, NotificationKind.BOOKED, f"booking:{matter.pk}")])
        delivery = Delivery.objects.get(subscription=provider)
        self.assertEqual(
            {k for k in delivery.payload if k != "at"}, {"event", "person_id", "legal_matter_id"}
        )
        self.assertEqual(delivery.payload["legal_matter_id"], matter.pk)


class DeliveryTests(WebhookTestCase):
    def pending(self, url: str) -> Delivery:
        subscription = self.subscribe(K.POLICE, url, [Event.REFERRAL_STATUS])
        services.announce(
            Event.REFERRAL_STATUS, {subscription.organization_id: {"receipt_code": "X"}}
        )
        return Delivery.objects.get()

    def test_a_failed_delivery_waits_then_succeeds_and_is_signed(self):
        receiver = Receiver([500, 200])
        self.addCleanup(receiver.close)
        delivery = self.pending(receiver.url)
        now = timezone.now()
        self.assertEqual(services.send_due(now), {"delivered": 0, "retrying": 1, "failed": 0})
        delivery.refresh_from_db()
        self.assertEqual((delivery.attempts, delivery.last_status_code), (1, 500))
        self.assertEqual(delivery.next_attempt_at, now + services.BACKOFF[0])
        # Not due yet: nothing is sent.
        self.assertEqual(services.send_due(now + timedelta(seconds=30))["retrying"], 0)
        self.assertEqual(services.send_due(now + timedelta(minutes=2))["delivered"], 1)
        delivery.refresh_from_db()
        self.assertEqual(delivery.status, DeliveryStatus.DELIVERED)
        headers, body = receiver.received[-1]
        self.assertEqual(json.loads(body)["receipt_code"], "X")
        self.assertTrue(services.verify("s" * 64, headers[services.SIGNATURE_HEADER], body))

    def test_an_endpoint_that_hangs_is_given_up_after_a_bounded_number_of_tries(self):
        receiver = Receiver([], delay=1.0)
        self.addCleanup(receiver.close)
        delivery = self.pending(receiver.url)
        moment: datetime = timezone.now()
        with mock.patch.object(services, "TIMEOUT_SECONDS", 0.2):
            for _ in range(services.MAX_ATTEMPTS + 2):
                services.send_due(moment)
                moment += timedelta(days=1)
        delivery.refresh_from_db()
        self.assertEqual(delivery.status, DeliveryStatus.FAILED)
        self.assertEqual(delivery.attempts, services.MAX_ATTEMPTS)
        self.assertIn("timed out", delivery.last_error)


class ScreenTests(WebhookTestCase):
    def test_the_site_admin_adds_a_subscription_sees_its_secret_once_and_turns_it_off(self):
        client = self.sign_in(self.dana)
        response = client.post(
            "/site/webhooks/",
            {
                "organization": self.orgs[K.POLICE].pk,
                "url": "https://rms.example.org/hook",
                "events": [Event.REFERRAL_STATUS],
            },
        )
        subscription = Subscription.objects.get()
        self.assertContains(response, subscription.secret)
        self.assertNotContains(client.get("/site/webhooks/"), subscription.secret)
        client.post(f"/site/webhooks/{subscription.pk}/off/")
        subscription.refresh_from_db()
        self.assertFalse(subscription.is_active)
