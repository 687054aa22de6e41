"""A release goes out as FHIR R4 Consent and comes back in as the same release; one that
lacks what 42 CFR 2.31 requires, or a Part 2 release without its label, is refused by name
and nothing is stored."""

import copy
import json
from typing import Any

from django.core.exceptions import ValidationError

from goldenthread.consent.fhir import PART2_LABEL, REVOCATION_EXPLAINED, consent_as_fhir
from goldenthread.consent.fhir_import import consent_from_fhir
from goldenthread.consent.models import CategoryCode, Consent
from goldenthread.organizations.models import OrganizationKind as K
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create


class FhirTestCase(PersonaTestCase):
    person: Person
    release: Consent

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.person = participant(cls.site, cls.orgs[K.CASE_MANAGEMENT], cls.ngozi)
        # Treatment information for the clinic (by kind) and the prosecutor (by name).
        cls.release = share(
            cls.person,
            cls.ngozi,
            [K.HEALTH_PROVIDER, cls.orgs[K.PROSECUTOR]],
            [CategoryCode.ENROLLMENT_STATUS, CategoryCode.SUBSTANCE_USE],
        )

    def exported(self) -> dict[str, Any]:
        return copy.deepcopy(consent_as_fhir(self.release))


class FhirImportTests(FhirTestCase):
    def test_a_release_exported_and_imported_is_the_same_release(self):
        imported = consent_from_fhir(actor=self.ngozi, person=self.person, resource=self.exported())
        self.assertNotEqual(imported.pk, self.release.pk)
        again = consent_as_fhir(imported)
        original = consent_as_fhir(self.release)
        self.assertEqual({**again, "id": ""}, {**original, "id": ""})
        self.assertEqual(
            {(r.organization_id, r.organization_kind) for r in imported.recipients.all()},
            {(None, K.HEALTH_PROVIDER), (self.orgs[K.PROSECUTOR].pk, "")},
        )
        self.assertEqual(
            sorted(imported.categories.values_list("code", flat=True)),
            [CategoryCode.ENROLLMENT_STATUS, CategoryCode.SUBSTANCE_USE],
        )
        self.assertEqual(
            (imported.witness, imported.signature_kind, imported.form_id),
            (self.release.witness, self.release.signature_kind, self.release.form_id),
        )

    def test_part2_information_without_its_security_label_is_refused(self):
        resource = self.exported()
        resource["provision"].pop("securityLabel")
        with self.assertRaisesMessage(ValidationError, "42 CFR Part 2 security label"):
            consent_from_fhir(actor=self.ngozi, person=self.person, resource=resource)
        self.assertEqual(Consent.objects.filter(person=self.person).count(), 1)
        self.assertIn(PART2_LABEL, json.dumps(self.exported()["provision"]["securityLabel"]))

    def test_a_release_that_does_not_say_revocation_was_explained_is_refused(self):
        resource = self.exported()
        resource["extension"] = [
            e for e in resource["extension"] if e["url"] != REVOCATION_EXPLAINED
        ]
        with self.assertRaisesMessage(ValidationError, "the right to revoke"):
            consent_from_fhir(actor=self.ngozi, person=self.person, resource=resource)
        self.assertEqual(Consent.objects.filter(person=self.person).count(), 1)

    def test_an_unknown_category_or_organization_is_named(self):
        resource = self.exported()
        resource["provision"]["code"][0]["coding"][0]["code"] = "horoscope"
        with self.assertRaisesMessage(ValidationError, "horoscope"):
            consent_from_fhir(actor=self.ngozi, person=self.person, resource=resource)
        resource = self.exported()
        resource["organization"][0]["reference"] = "Organization/99999"
        with self.assertRaisesMessage(ValidationError, "Organization/99999"):
            consent_from_fhir(actor=self.ngozi, person=self.person, resource=resource)

    def test_a_consent_about_someone_else_or_not_fhir_is_refused(self):
        resource = self.exported()
        resource["patient"]["reference"] = "Patient/1234567"
        with self.assertRaisesMessage(ValidationError, "someone else"):
            consent_from_fhir(actor=self.ngozi, person=self.person, resource=resource)
        resource = self.exported()
        resource["status"] = "maybe"
        with self.assertRaises(ValidationError) as refused:
            consent_from_fhir(actor=self.ngozi, person=self.person, resource=resource)
        self.assertIn("status", refused.exception.message_dict)


class FhirImportApiTests(FhirTestCase):
    def token(self, user, scopes) -> str:
        _, secret = token_create(
            actor=user,
            membership=self.membership(user),
            name="integration",
            scopes=scopes,
            lifetime_days=1,
        )
        return f"Bearer {secret}"

    def post(self, secret: str, resource: Any):
        return self.client.post(
            f"/api/v1/people/{self.person.pk}/consents/fhir",
            data=json.dumps(resource),
            content_type="application/json",
            HTTP_AUTHORIZATION=secret,
        )

    def test_the_care_team_records_a_release_over_the_api(self):
        response = self.post(self.token(self.ngozi, [Scope.CONSENTS_WRITE]), self.exported())
        self.assertEqual(response.status_code, 201)
        stored = Consent.objects.get(pk=int(response.json()["id"]))
        self.assertEqual(stored.person_id, self.person.pk)

    def test_a_refusal_says_which_element(self):
        resource = self.exported()
        resource["provision"].pop("securityLabel")
        response = self.post(self.token(self.ngozi, [Scope.CONSENTS_WRITE]), resource)
        self.assertEqual(response.status_code, 422)
        details = response.json()["error"]["details"]
        self.assertEqual(details[0]["location"], ["body", "provision.securityLabel"])

    def test_an_officer_or_a_read_only_token_may_not(self):
        self.assertEqual(
            self.post(self.token(self.jordan, [Scope.CONSENTS_WRITE]), self.exported()).status_code,
            404,
        )
        self.assertEqual(
            self.post(self.token(self.ngozi, [Scope.CONSENTS_READ]), self.exported()).status_code,
            403,
        )
        self.assertEqual(Consent.objects.filter(person=self.person).count(), 1)
