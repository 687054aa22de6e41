"""The Policy Coordinating Group's rules screen, screening a referral, and how the decision
governs approval."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from goldenthread.eligibility.models import EXCLUSION_QUESTIONS, EligibilityDecision, Outcome
from goldenthread.eligibility.services import (
    offense_code_save,
    referral_record_screening,
    rule_set_publish,
)
from goldenthread.organizations.models import Membership, OrganizationKind, Role
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.referrals.models import Door, Referral, ReferralStatus, ScreeningQuestion
from goldenthread.referrals.services import referral_submit, referral_transition
from goldenthread.testing import PersonaTestCase

S = ReferralStatus
ALL_NO = dict.fromkeys(ScreeningQuestion.values, False)


def rule_values(**overrides):
    values = {
        "effective_from": timezone.localdate() - timedelta(days=365),
        "eligible_conduct": ["drug_possession", "theft", "trespass"],
        "max_drug_grams": 3,
        "minimum_age": 18,
        "exclusions": list(EXCLUSION_QUESTIONS),
        "disqualifying_history_years": 10,
        "social_contact_lookback_months": 24,
        "social_contact_in_area_required": True,
        "supervision_needs_approval": True,
        "note": "first rules",
    }
    values.update(overrides)
    return values


class EligibilityTestCase(PersonaTestCase):
    def publish(self, **overrides):
        return rule_set_publish(actor=self.lucia, site=self.site, **rule_values(**overrides))

    def refer(self, door=Door.ARREST_DIVERSION, conduct="drug_possession", days_ago=0, **extra):
        if door == Door.SOCIAL_CONTACT:
            extra.setdefault("verification_basis", "records")
            extra.setdefault("last_conduct_on", self.site.today() - timedelta(days=days_ago))
            extra.setdefault("in_program_area", True)
        return referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door=door,
            person=None,
            new_person={"preferred_name": "JJ", "approximate_age": 40},
            occurred_at=timezone.now() - timedelta(days=days_ago),
            conduct=conduct,
            **extra,
        )[0]

    def screen(self, referral, answers=None, grams=1):
        return referral_record_screening(
            actor=self.lucia,
            referral=referral,
            answers=ALL_NO if answers is None else answers,
            drug_grams=grams,
            last_disqualifying_conviction_on=None,
        )

    def as_pcg(self):
        self.sign_in(self.lucia)
        pcg = Membership.objects.get(user=self.lucia, role=Role.PCG_MEMBER)
        self.client.post("/switch-organization/", {"membership": pcg.pk})


class RuleScreenTests(EligibilityTestCase):
    def form(self, **overrides):
        data = rule_values(**overrides)
        data["effective_from"] = str(data["effective_from"])
        data["social_contact_in_area_required"] = "on"
        data["supervision_needs_approval"] = "on"
        return {k: v for k, v in data.items() if v is not None}

    def test_a_pcg_member_publishes_versions_that_number_themselves(self):
        self.as_pcg()
        self.assertRedirects(self.client.post("/eligibility/", self.form()), "/eligibility/")
        self.assertRedirects(
            self.client.post("/eligibility/", self.form(note="theft added")), "/eligibility/"
        )
        versions = list(self.site.rule_sets.order_by("version").values_list("version", "note"))
        self.assertEqual(versions, [(1, "first rules"), (2, "theft added")])
        page = self.client.get("/eligibility/")
        self.assertContains(page, "In force: version 2")
        self.assertAudited(action="create", object_type="eligibility.ruleset")

    def test_the_project_manager_reads_the_rules_but_cannot_publish(self):
        self.publish()
        self.sign_in(self.lucia)  # acting as project manager, her first membership
        self.assertContains(self.client.get("/eligibility/"), "In force: version 1")
        self.assertEqual(self.client.post("/eligibility/", self.form()).status_code, 403)
        self.assertEqual(self.site.rule_sets.count(), 1)

    def test_a_rule_set_needs_eligible_conduct_and_says_so(self):
        self.as_pcg()
        data = self.form()
        data.pop("eligible_conduct")
        response = self.client.post("/eligibility/", data)
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "This field is required", status_code=400)
        self.assertFalse(self.site.rule_sets.exists())


class DecisionTests(EligibilityTestCase):
    def test_submission_is_evaluated_and_keeps_the_version_used(self):
        self.publish()
        referral = self.refer()
        decision = EligibilityDecision.objects.get(referral=referral)
        self.assertEqual((decision.outcome, decision.rule_set.version), (Outcome.NEEDS_REVIEW, 1))
        self.assertEqual(self.screen(referral).outcome, Outcome.ELIGIBLE)

    def test_new_rules_never_change_past_decisions(self):
        self.publish()
        old = self.refer(conduct="trespass", days_ago=10)
        self.screen(old, grams=None)
        first = old.eligibility_decisions.first()
        self.assertEqual(first.outcome, Outcome.ELIGIBLE)
        # Trespass is dropped from today on.
        self.publish(effective_from=self.site.today(), eligible_conduct=["drug_possession"])
        first.refresh_from_db()
        self.assertEqual((first.outcome, first.rule_set.version), (Outcome.ELIGIBLE, 1))
        # Re-screening the old referral still uses the rules in force on its date...
        self.assertEqual(self.screen(old, grams=None).rule_set.version, 1)
        # ...while a referral made today meets the new ones.
        today = self.refer(conduct="trespass")
        decision = self.screen(today, grams=None)
        self.assertEqual((decision.outcome, decision.rule_set.version), (Outcome.INELIGIBLE, 2))

    def test_the_screening_form_records_answers_and_shows_reasons(self):
        self.publish()
        referral = self.refer()
        self.sign_in(self.lucia)
        data = {q: "no" for q in ScreeningQuestion.values}
        data.update({ScreeningQuestion.NO_CONTACT_ORDER: "yes", "drug_grams": "2"})
        response = self.client.post(f"/referrals/{referral.pk}/screening/", data, follow=True)
        self.assertContains(response, "Under version 1: Ineligible")
        self.assertContains(response, "Excluded: A no-contact order bars contact")
        referral.refresh_from_db()
        self.assertTrue(referral.screening_answers[ScreeningQuestion.NO_CONTACT_ORDER])
        self.assertAudited(action="update", object_type="referrals.referral")

    def test_only_those_who_run_the_queue_screen(self):
        referral = self.refer()
        self.sign_in(self.jordan)
        response = self.client.post(f"/referrals/{referral.pk}/screening/", {})
        self.assertEqual(response.status_code, 403)


class ApprovalTests(EligibilityTestCase):
    def approve(self, referral, reason=""):
        referral_transition(actor=self.lucia, referral=referral, to=S.SCREENING)
        return referral_transition(
            actor=self.lucia, referral=referral, to=S.APPROVED, reason=reason
        )

    def test_an_ineligible_referral_cannot_be_approved(self):
        self.publish()
        referral = self.refer()
        self.screen(referral, grams=12)
        with self.assertRaisesMessage(Exception, "12 g is over the limit of 3 g"):
            self.approve(referral)
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, S.SCREENING)

    def test_needs_review_asks_for_the_approvers_reason(self):
        self.publish()
        referral = self.refer()
        with self.assertRaisesMessage(Exception, "give the reason you approve it"):
            self.approve(referral)
        referral_transition(
            actor=self.lucia, referral=referral, to=S.APPROVED, reason="Checked with the officer"
        )
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, S.APPROVED)

    def test_approval_belongs_to_the_roles_the_site_chose(self):
        self.publish()
        prosecutor = self.member("erin", OrganizationKind.PROSECUTOR, Role.LIAISON_PROSECUTOR)
        referral = self.refer()
        self.screen(referral)
        referral_transition(actor=self.lucia, referral=referral, to=S.SCREENING)
        self.sign_in(prosecutor)
        self.assertEqual(
            self.client.post(f"/referrals/{referral.pk}/move/", {"to": S.APPROVED}).status_code,
            403,
        )
        self.site.referral_approver_roles = [Role.LIAISON_PROSECUTOR]
        self.site.save()
        self.client.post(f"/referrals/{referral.pk}/move/", {"to": S.APPROVED})
        self.assertEqual(Referral.objects.get(pk=referral.pk).status, S.APPROVED)
        # The project manager still screens but no longer approves.
        page = self.sign_in(self.lucia).get("/referrals/queue/")
        self.assertNotIn(S.APPROVED, [s for row in page.context["rows"] for s, _ in row["moves"]])


class CapacityTests(EligibilityTestCase):
    def fill_caseloads(self):
        places = self.site.caseload_max  # one case manager: Ngozi
        for number in range(places):
            Person.objects.create(
                site=self.site,
                preferred_name=f"P{number}",
                case_manager=self.ngozi,
                engagement_status=EngagementStatus.ACTIVE,
            )

    def test_when_full_only_arrest_diversions_are_approved_and_the_rest_wait(self):
        self.publish()
        social = self.refer(Door.SOCIAL_CONTACT, conduct="trespass")
        arrest = self.refer()
        for referral in (social, arrest):
            self.screen(referral)
            referral_transition(actor=self.lucia, referral=referral, to=S.SCREENING)
        self.fill_caseloads()
        page = self.sign_in(self.lucia).get("/referrals/queue/")
        self.assertContains(page, "Case-management places free: 0 of 25")
        waiting = {row["referral"].pk: row["waiting"] for row in page.context["rows"]}
        self.assertEqual(waiting, {arrest.pk: False, social.pk: True})
        response = self.client.post(
            f"/referrals/{social.pk}/move/", {"to": S.APPROVED}, follow=True
        )
        self.assertContains(response, "Case management is full")
        self.assertEqual(Referral.objects.get(pk=social.pk).status, S.SCREENING)
        self.client.post(f"/referrals/{arrest.pk}/move/", {"to": S.APPROVED})
        self.assertEqual(Referral.objects.get(pk=arrest.pk).status, S.APPROVED)

    def test_with_room_the_queue_shows_the_headroom(self):
        self.refer()
        page = self.sign_in(self.lucia).get("/referrals/queue/")
        self.assertContains(page, "Case-management places free: 25 of 25")


class OffenseCodeTests(EligibilityTestCase):
    def code(self, code="CCC 12.10.040", category="drug_possession", nibrs="35A"):
        return offense_code_save(
            actor=self.lucia,
            site=self.site,
            code=code,
            description="Possession",
            category=category,
            nibrs=nibrs,
        )

    def test_the_code_carries_its_nibrs_mapping_onto_the_referral(self):
        self.code()
        referral = self.refer(offense_code="CCC 12.10.040")
        self.assertEqual(referral.nibrs, "35A")
        self.code(nibrs="35B")  # a later change of mapping leaves the referral as filed
        referral.refresh_from_db()
        self.assertEqual(referral.nibrs, "35A")

    def test_a_contradictory_or_unknown_code_is_refused_by_field(self):
        self.code()
        for code, message in [
            ("CCC 12.10.040", "contradicts the conduct chosen (Theft)"),
            ("CCC 99.99.999", "is not one of this site's offense codes"),
        ]:
            with self.subTest(code=code):
                with self.assertRaises(ValidationError) as refused:
                    self.refer(conduct="theft", offense_code=code)
                self.assertIn(message, " ".join(refused.exception.message_dict["offense_code"]))

    def test_the_pcg_maps_codes_on_its_screen_and_others_read_them(self):
        self.as_pcg()
        self.client.post(
            "/eligibility/offense-codes/",
            {
                "code": "CCC 12.50.010",
                "description": "Criminal trespass",
                "category": "trespass",
                "nibrs": "90J",
            },
        )
        saved = self.site.offense_codes.get()
        self.assertEqual((saved.category, saved.nibrs), ("trespass", "90J"))
        self.assertAudited(action="create", object_type="referrals.offensecode")
        officer = self.sign_in(self.jordan, Client())
        self.assertContains(officer.get("/eligibility/"), "Criminal trespass")
        response = officer.post(
            "/eligibility/offense-codes/",
            {"code": "X", "description": "x", "category": "theft", "nibrs": ""},
        )
        self.assertEqual(response.status_code, 403)
