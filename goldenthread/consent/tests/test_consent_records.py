from datetime import timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from goldenthread.access.policy import DataAction, decide
from goldenthread.consent.models import PROVISIONAL_LIFETIME, CategoryCode, Consent, ConsentState
from goldenthread.consent.services import (
    consent_record_provisional,
    consent_record_signed,
    consent_revoke,
)
from goldenthread.organizations.models import OrganizationKind
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import consent_form, participant, private_media_in_tmp, share

K = OrganizationKind


class SignedConsentTests(PersonaTestCase):
    def setUp(self):
        private_media_in_tmp(self)
        self.person = participant(self.site, self.orgs[K.CASE_MANAGEMENT])

    def complete(self, **overrides):
        signed_at = timezone.now() - timedelta(hours=1)
        fields: dict[str, Any] = {
            "actor": self.ngozi,
            "person": self.person,
            "form": consent_form(self.site),
            "discloser": self.orgs[K.CASE_MANAGEMENT],
            "recipients": [K.POLICE],
            "categories": [CategoryCode.ENROLLMENT_STATUS],
            "purpose": "Coordinate care",
            "expires_at": signed_at + timedelta(days=365),
            "expiry_event": "",
            "revocation_explained": True,
            "signed_by": "Pat Doe",
            "signature_kind": "paper",
            "signed_at": signed_at,
            "witness": "A. Witness",
        }
        fields.update(overrides)
        return consent_record_signed(**fields)

    def test_it_records_a_complete_release(self):
        consent = self.complete()
        self.assertEqual(consent.state, ConsentState.SIGNED)
        self.assertAudited(
            action="create", object_type="consent.consent", subject_person_id=self.person.pk
        )

    def test_it_names_each_missing_element_and_stores_nothing(self):
        cases: dict[str, dict[str, Any]] = {
            "who may disclose": {"discloser": None},
            "the information to be disclosed": {"categories": []},
            "the recipients": {"recipients": []},
            "the purpose": {"purpose": "  "},
            "the expiry date or event": {"expires_at": None, "expiry_event": ""},
            "the right to revoke and how": {"revocation_explained": False},
            "the signature": {"signed_by": ""},
            "the date signed": {"signed_at": None},
            "the consent form version": {"form": None},
        }
        for element, change in cases.items():
            with (
                self.subTest(element=element),
                self.assertRaisesMessage(ValidationError, f"This consent is missing {element}."),
            ):
                self.complete(**change)
        self.assertFalse(Consent.objects.exists())

    def test_an_expiry_event_stands_in_for_a_date(self):
        consent = self.complete(expires_at=None, expiry_event="End of LEAD participation")
        self.assertTrue(consent.is_active)

    def test_it_refuses_an_expiry_before_the_signature(self):
        with self.assertRaisesMessage(ValidationError, "expiry must come after"):
            self.complete(expires_at=timezone.now() - timedelta(days=2))

    def test_it_keeps_a_signed_copy_of_an_allowed_type(self):
        consent = self.complete(
            signed_copy=SimpleUploadedFile(
                "scan.pdf", b"%PDF-1.7\n...", content_type="application/pdf"
            )
        )
        self.assertEqual(consent.signed_copy_type, "application/pdf")
        self.assertFalse(consent.signed_copy.name.endswith("scan.pdf"), "the stored name is ours")

    def test_it_refuses_a_bad_upload_with_the_reason(self):
        bad = {
            "must be a PDF, JPEG or PNG": SimpleUploadedFile("x.pdf", b"<html>not a pdf</html>"),
            "is empty": SimpleUploadedFile("x.pdf", b""),
            "larger than 10 MB": SimpleUploadedFile("x.pdf", b"%PDF-" + b"0" * (10 * 1024 * 1024)),
        }
        for reason, upload in bad.items():
            with self.subTest(reason=reason), self.assertRaisesMessage(ValidationError, reason):
                self.complete(signed_copy=upload)
        self.assertFalse(Consent.objects.exists())

    def test_it_refuses_recipients_from_another_site(self):
        other = self.membership(self.olga).organization
        with self.assertRaisesMessage(ValidationError, "partners of this site"):
            self.complete(recipients=[other])
        self.assertFalse(Consent.objects.exists())


class ProvisionalConsentTests(PersonaTestCase):
    def test_it_covers_enrollment_status_for_the_named_partners_for_72_hours(self):
        import time_machine

        person = participant(self.site, self.orgs[K.CASE_MANAGEMENT])
        police = self.membership(self.jordan)
        consent = consent_record_provisional(
            actor=self.ngozi,
            person=person,
            discloser=self.orgs[K.CASE_MANAGEMENT],
            recipients=[self.orgs[K.POLICE]],
            purpose="street contact",
        )
        self.assertEqual(
            list(consent.categories.values_list("code", flat=True)),
            [CategoryCode.ENROLLMENT_STATUS],
        )
        self.assertTrue(decide(police, person, CategoryCode.ENROLLMENT_STATUS, DataAction.VIEW))
        self.assertFalse(decide(police, person, CategoryCode.CONTACT_WHEREABOUTS, DataAction.VIEW))
        with time_machine.travel(consent.recorded_at + PROVISIONAL_LIFETIME + timedelta(seconds=1)):
            self.assertFalse(
                decide(police, person, CategoryCode.ENROLLMENT_STATUS, DataAction.VIEW)
            )


class RevocationPropertyTests(HypothesisTestCase, PersonaTestCase):
    """Grant, read, revoke, read: whatever the order, a read reflects the latest step at once."""

    @settings(max_examples=25, deadline=None)
    @given(st.lists(st.sampled_from(["grant", "revoke", "read"]), min_size=1, max_size=12))
    def test_reads_always_follow_the_latest_grant_or_revocation(self, steps):
        person = participant(self.site, self.orgs[K.CASE_MANAGEMENT])
        police = self.membership(self.jordan)
        live: list[Consent] = []
        for step in steps:
            if step == "grant":
                live.append(share(person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS]))
            elif step == "revoke" and live:
                consent_revoke(actor=self.ngozi, consent=live.pop(), how="in writing")
            allowed = bool(decide(police, person, CategoryCode.ENROLLMENT_STATUS, DataAction.VIEW))
            self.assertEqual(allowed, bool(live), f"after {step} in {steps}")
