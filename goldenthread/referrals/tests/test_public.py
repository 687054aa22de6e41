"""The optional public referral form: off by default, rate-limited, the minimum collected,
and a receipt code whose status check shows nothing personal."""

from django.core.cache import cache
from django.test import Client, override_settings
from django.utils import timezone

from goldenthread.people.models import Person
from goldenthread.referrals.models import Door, Referral, ReferralStatus, Via
from goldenthread.referrals.services import referral_submit, referral_transition
from goldenthread.testing import PersonaTestCase

FORM = {
    "name": "Goes by Sunny",
    "approximate_age": "50",
    "area": "Under the 5th Street bridge",
    "narrative": "Sleeping outside the bakery, asks for help with ID.",
}


class PublicReferralTests(PersonaTestCase):
    def setUp(self):
        cache.clear()  # rate-limit counters
        self.public = Client()
        self.url = f"/s/{self.site.slug}/refer/"
        self.status_url = f"/s/{self.site.slug}/refer/status/"

    def turn_on(self):
        self.site.public_referrals_enabled = True
        self.site.save()

    def test_the_form_is_off_by_default(self):
        self.assertEqual(self.public.get(self.url).status_code, 404)
        self.assertEqual(self.public.post(self.url, FORM).status_code, 404)
        self.assertFalse(Referral.objects.exists())

    def test_anyone_refers_and_checks_the_status_by_receipt_code(self):
        self.turn_on()
        self.assertContains(self.public.get(self.url), "Refer someone to LEAD in Cascade")
        response = self.public.post(self.url, FORM)
        self.assertEqual(response.status_code, 201)
        referral = Referral.objects.get()
        self.assertContains(response, referral.receipt_code, status_code=201)
        self.assertEqual(
            (referral.door, referral.via, referral.referrer),
            (Door.COMMUNITY, Via.PUBLIC, None),
        )
        self.assertEqual(Person.objects.get(pk=referral.person_id).preferred_name, "Goes by Sunny")
        self.assertAudited(action="create", object_type="referrals.referral", actor_id=None)
        status = self.public.post(self.status_url, {"code": referral.receipt_code.lower()})
        self.assertContains(status, "In review")
        self.assertNotContains(status, "Sunny")
        self.assertNotContains(status, "bakery")
        referral_transition(
            actor=self.lucia, referral=referral, to=ReferralStatus.DECLINED, reason="moved away"
        )
        status = self.public.post(self.status_url, {"code": referral.receipt_code})
        self.assertContains(status, "Not accepted")
        self.assertNotContains(status, "moved away")

    def test_a_wrong_code_or_a_staff_receipt_finds_nothing(self):
        self.turn_on()
        staff, _ = referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door=Door.ARREST_DIVERSION,
            person=None,
            new_person={"preferred_name": "JJ"},
            occurred_at=timezone.now(),
            conduct="theft",
        )
        for code in ("NOPE2345", staff.receipt_code):
            with self.subTest(code=code):
                response = self.public.post(self.status_url, {"code": code})
                self.assertContains(response, "No referral sent through this form", status_code=404)

    def test_missing_fields_are_named(self):
        self.turn_on()
        response = self.public.post(self.url, {"name": "Sunny"})
        self.assertEqual(response.status_code, 400)
        form = response.context["form"]
        self.assertEqual(set(form.errors), {"area", "narrative"})
        self.assertFalse(Referral.objects.exists())

    @override_settings(GT_PUBLIC_REFERRAL_RATE="3/h", GT_RECEIPT_LOOKUP_RATE="2/h")
    def test_submissions_and_lookups_are_rate_limited_per_address(self):
        self.turn_on()
        for _ in range(3):
            self.assertEqual(self.public.post(self.url, FORM).status_code, 201)
        refused = self.public.post(self.url, FORM)
        self.assertContains(refused, "Too many requests", status_code=429)
        self.assertEqual(Referral.objects.count(), 3)
        other_address = Client(REMOTE_ADDR="203.0.113.9")
        self.assertEqual(other_address.post(self.url, FORM).status_code, 201)
        for _ in range(2):
            self.public.post(self.status_url, {"code": "NOPE2345"})
        self.assertEqual(self.public.post(self.status_url, {"code": "NOPE2345"}).status_code, 429)
