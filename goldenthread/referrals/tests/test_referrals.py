from datetime import timedelta

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.referrals.models import (
    TRANSITIONS,
    Door,
    Referral,
    ReferralStatus,
    ReferralTransition,
)
from goldenthread.referrals.services import InvalidTransition, referral_submit, referral_transition
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind
S = ReferralStatus


class TransitionTableTests(PersonaTestCase):
    def test_every_move_is_allowed_exactly_when_the_table_says(self):
        for start in S.values:
            for target in S.values:
                referral, _ = referral_submit(
                    actor=self.jordan,
                    membership=self.membership(self.jordan),
                    door=Door.SOCIAL_CONTACT,
                    person=None,
                    new_person={"preferred_name": f"{start}-{target}"},
                    occurred_at=timezone.now(),
                    conduct="trespass",
                    verification_basis="records",
                    last_conduct_on=self.site.today(),
                    in_program_area=True,
                )
                Referral.objects.filter(pk=referral.pk).update(
                    status=start
                )  # set up the starting state
                referral.refresh_from_db()
                with self.subTest(start=start, target=target):
                    if target in TRANSITIONS[start]:
                        referral_transition(
                            actor=self.lucia, referral=referral, to=target, reason="because"
                        )
                        self.assertEqual(Referral.objects.get(pk=referral.pk).status, target)
                        self.assertTrue(
                            ReferralTransition.objects.filter(
                                referral=referral, to_status=target
                            ).exists()
                        )
                    else:
                        with self.assertRaises(InvalidTransition) as refused:
                            referral_transition(
                                actor=self.lucia, referral=referral, to=target, reason="because"
                            )
                        self.assertIn("Allowed:", str(refused.exception))
                        self.assertEqual(Referral.objects.get(pk=referral.pk).status, start)

    def test_a_decline_needs_a_reason(self):
        referral, _ = referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door=Door.ARREST_DIVERSION,
            person=None,
            new_person={"preferred_name": "JJ"},
            occurred_at=timezone.now(),
            conduct="drug_possession",
        )
        with self.assertRaisesMessage(ValidationError, "Give a reason"):
            referral_transition(actor=self.lucia, referral=referral, to=S.DECLINED)


class OfficerReferralTests(PersonaTestCase):
    def form(self, **overrides):
        data = {
            "door": Door.ARREST_DIVERSION,
            "name": "goes by JJ",
            "approximate_age": "40",
            "conduct": "drug_possession",
            "observed_sex": "unknown",
            "idempotency_key": "tap-1",
        }
        data.update(overrides)
        return data

    def test_an_officer_refers_someone_new_and_gets_a_receipt_with_the_intake_clock(self):
        self.site.intake_window_days = 14
        self.site.save()
        self.sign_in(self.jordan)
        response = self.client.post("/referrals/new/", self.form())
        referral = Referral.objects.get()
        self.assertRedirects(response, f"/referrals/{referral.pk}/", fetch_redirect_response=False)
        self.assertEqual(referral.person.preferred_name, "goes by JJ")
        self.assertEqual(referral.person.approximate_age, 40)
        assert referral.intake_due_at is not None
        self.assertEqual(referral.intake_due_at - referral.occurred_at, timedelta(days=14))
        receipt = self.client.get(f"/referrals/{referral.pk}/")
        self.assertContains(receipt, referral.receipt_code)
        self.assertContains(receipt, "Intake due")

    def test_a_double_tap_creates_one_referral(self):
        self.sign_in(self.jordan)
        self.client.post("/referrals/new/", self.form())
        self.client.post("/referrals/new/", self.form())
        self.assertEqual(Referral.objects.count(), 1)

    def test_a_social_contact_says_which_fields_are_missing(self):
        self.sign_in(self.jordan)
        response = self.client.post("/referrals/new/", self.form(door=Door.SOCIAL_CONTACT))
        self.assertContains(response, "Say how the prior conduct was verified.", status_code=400)
        self.assertContains(
            response, "Give the date of the last qualifying conduct.", status_code=400
        )
        self.assertFalse(Referral.objects.exists())

    def test_a_referral_needs_someone(self):
        self.sign_in(self.jordan)
        response = self.client.post("/referrals/new/", self.form(name=""))
        self.assertContains(response, "even a street name", status_code=400)

    def test_candidates_are_only_people_already_shared_with_the_officer(self):
        shared = participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            legal_first_name="Jamal",
            legal_last_name="Shared",
        )
        share(shared, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            legal_first_name="Jamal",
            legal_last_name="Hidden",
        )
        self.sign_in(self.jordan)
        page = self.client.get("/referrals/candidates/?name=Jamal", HTTP_HX_REQUEST="true")
        self.assertContains(page, "Jamal Shared")
        self.assertNotContains(page, "Hidden")
        self.client.post("/referrals/new/", self.form(person=str(shared.pk), name="Jamal"))
        self.assertEqual(Referral.objects.get().person, shared)

    def test_doors_follow_the_organization_and_role(self):
        referrer = self.member("tasha", K.COMMUNITY_PARTNER, Role.COMMUNITY_REFERRER)
        client = self.sign_in(referrer, Client())
        response = client.post("/referrals/new/", self.form(door=Door.ARREST_DIVERSION))
        self.assertContains(response, "Select a valid choice", status_code=400)
        self.sign_in(self.ngozi)
        self.assertEqual(self.client.get("/referrals/new/").status_code, 403)

    def test_referrers_see_their_own_referrals_and_the_project_manager_sees_all(self):
        self.sign_in(self.jordan)
        self.client.post("/referrals/new/", self.form())
        referral = Referral.objects.get()
        other = self.member("sgt", K.POLICE, Role.APPROVING_SERGEANT)
        self.assertEqual(
            self.sign_in(other, Client()).get(f"/referrals/{referral.pk}/").status_code, 404
        )
        self.assertContains(
            self.sign_in(self.lucia, Client()).get("/referrals/"), referral.receipt_code
        )


class ReferralApiTests(PersonaTestCase):
    def bearer(self, user, scopes):
        from goldenthread.tokens.services import token_create

        _, secret = token_create(
            actor=user, membership=self.membership(user), name="rms", scopes=scopes, lifetime_days=1
        )
        return {"Authorization": f"Bearer {secret}"}

    def body(self, **overrides):
        data = {
            "door": "arrest_diversion",
            "name": "goes by JJ",
            "approximate_age": 40,
            "conduct": "drug_possession",
            "occurred_at": timezone.now().isoformat(),
        }
        data.update(overrides)
        return data

    def test_a_records_system_submits_once_per_idempotency_key_and_reads_the_status(self):
        headers = {
            **self.bearer(self.jordan, ["referrals:write", "referrals:read"]),
            "Idempotency-Key": "rms-123",
        }
        # A retry is the same request again, byte for byte.
        body = self.body()
        first = self.client.post(
            "/api/v1/referrals", body, content_type="application/json", headers=headers
        )
        again = self.client.post(
            "/api/v1/referrals", body, content_type="application/json", headers=headers
        )
        self.assertEqual((first.status_code, again.status_code), (201, 200))
        self.assertEqual(first.json()["receipt_code"], again.json()["receipt_code"])
        self.assertEqual(Referral.objects.count(), 1)
        status = self.client.get(
            f"/api/v1/referrals/{first.json()['receipt_code']}", headers=headers
        )
        self.assertEqual(status.json()["status"], "in_review")
        self.assertIsNotNone(status.json()["intake_due_at"])

    def test_it_names_the_missing_fields(self):
        headers = self.bearer(self.jordan, ["referrals:write"])
        response = self.client.post(
            "/api/v1/referrals",
            self.body(door="social_contact"),
            content_type="application/json",
            headers=headers,
        )
        self.assertEqual(response.status_code, 422)
        fields = {d["location"][-1] for d in response.json()["error"]["details"]}
        self.assertEqual(fields, {"verification_basis", "last_conduct_on", "in_program_area"})
        self.assertFalse(Referral.objects.exists())

    def test_another_referrers_receipt_is_not_found(self):
        headers = self.bearer(self.jordan, ["referrals:write"])
        code = self.client.post(
            "/api/v1/referrals", self.body(), content_type="application/json", headers=headers
        ).json()["receipt_code"]
        other = self.member("sgt", K.POLICE, Role.APPROVING_SERGEANT)
        response = self.client.get(
            f"/api/v1/referrals/{code}", headers=self.bearer(other, ["referrals:read"])
        )
        self.assertEqual(response.status_code, 404)


class QueueTests(PersonaTestCase):
    def refer(self, door, name, **extra):
        return referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door=door,
            person=None,
            new_person={"preferred_name": name},
            occurred_at=timezone.now(),
            conduct="trespass",
            **extra,
        )[0]

    def test_the_project_manager_sees_arrest_diversions_first_and_moves_them(self):
        social = self.refer(
            Door.SOCIAL_CONTACT,
            "Early",
            verification_basis="records",
            last_conduct_on=self.site.today(),
            in_program_area=True,
        )
        arrest = self.refer(Door.ARREST_DIVERSION, "Later")
        self.sign_in(self.lucia)
        page = self.client.get("/referrals/queue/")
        rows = [row["referral"] for row in page.context["rows"]]
        self.assertEqual(rows, [arrest, social])
        self.client.post(f"/referrals/{arrest.pk}/move/", {"to": S.SCREENING})
        self.assertEqual(Referral.objects.get(pk=arrest.pk).status, S.SCREENING)
        response = self.client.post(
            f"/referrals/{arrest.pk}/move/", {"to": S.AWAITING_INTAKE}, follow=True
        )
        self.assertContains(response, "Allowed:")
        self.assertEqual(Referral.objects.get(pk=arrest.pk).status, S.SCREENING)

    def test_the_queue_query_count_does_not_grow(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.refer(Door.ARREST_DIVERSION, "One")
        self.sign_in(self.lucia)
        with CaptureQueriesContext(connection) as few:
            self.client.get("/referrals/queue/")
        for number in range(15):
            self.refer(Door.ARREST_DIVERSION, f"More {number}")
        with CaptureQueriesContext(connection) as many:
            self.client.get("/referrals/queue/")
        self.assertEqual(len(few), len(many))

    def test_the_queue_pages_through_the_rest(self):
        for number in range(30):
            self.refer(Door.ARREST_DIVERSION, f"Person {number}")
        self.sign_in(self.lucia)
        first = self.client.get("/referrals/queue/")
        self.assertEqual(len(first.context["rows"]), 25)
        self.assertContains(first, 'href="?page=2"')
        second = self.client.get("/referrals/queue/?page=2")
        shown = [row["referral"].pk for page in (first, second) for row in page.context["rows"]]
        self.assertEqual(len(shown), 30)
        self.assertEqual(len(set(shown)), 30)

    def test_only_the_project_manager_moves_referrals(self):
        arrest = self.refer(Door.ARREST_DIVERSION, "JJ")
        self.sign_in(self.jordan)
        self.assertEqual(
            self.client.post(f"/referrals/{arrest.pk}/move/", {"to": S.SCREENING}).status_code, 403
        )
        self.assertEqual(self.client.get("/referrals/queue/").context["rows"], [])


class ReferralListTests(PersonaTestCase):
    def test_the_queue_link_shows_for_queue_roles_only(self):
        self.sign_in(self.lucia)
        self.assertContains(self.client.get("/referrals/"), 'href="/referrals/queue/"')
        self.assertNotContains(
            self.sign_in(self.jordan, Client()).get("/referrals/"), 'href="/referrals/queue/"'
        )
