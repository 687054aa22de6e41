from datetime import UTC, date, datetime, timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from goldenthread.audit.models import Action
from goldenthread.consent.models import CategoryCode, Consent, ConsentState
from goldenthread.organizations.models import OrganizationKind
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import consent_form, participant, private_media_in_tmp, share

K = OrganizationKind


class ConsentScreenTests(PersonaTestCase):
    def setUp(self):
        private_media_in_tmp(self)
        self.person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        self.form = consent_form(self.site)

    def submit(self, client, **overrides):
        data = {
            "form": self.form.pk,
            "recipient_organizations": [self.orgs[K.PROSECUTOR].pk],
            "recipient_kinds": [K.POLICE],
            "categories": [CategoryCode.ENROLLMENT_STATUS, CategoryCode.LEGAL_COORDINATION],
            "purpose": "Coordinate legal matters with the care plan",
            "expires_on": (timezone.now() + timedelta(days=365)).date().isoformat(),
            "revocation_explained": "on",
            "signed_by": "Pat Doe",
            "signature_kind": "paper",
            "signed_on": (timezone.now() - timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"),
            "witness": "Ngozi Okafor",
            "signed_copy": SimpleUploadedFile(
                "scan.png", b"\x89PNG\r\n\x1a\n" + b"0" * 100, content_type="image/png"
            ),
        }
        data.update(overrides)
        return client.post(f"/people/{self.person.pk}/releases/new/", data)

    def test_the_case_manager_records_a_signed_release_with_its_copy(self):
        self.sign_in(self.ngozi)
        response = self.submit(self.client)
        self.assertRedirects(response, f"/people/{self.person.pk}/", fetch_redirect_response=False)
        consent = Consent.objects.get(person=self.person)
        self.assertEqual(consent.signed_copy_type, "image/png")
        self.assertEqual(
            set(consent.categories.values_list("code", flat=True)),
            {CategoryCode.ENROLLMENT_STATUS, CategoryCode.LEGAL_COORDINATION},
        )
        copy = self.client.get(f"/releases/{consent.pk}/signed-copy/")
        self.assertEqual(copy["Content-Type"], "image/png")
        self.assertEqual(copy.getvalue()[:4], b"\x89PNG")
        self.assertAudited(action=Action.EXPORT, subject_person_id=self.person.pk)

    def test_it_refuses_a_release_without_the_revocation_explained_and_stores_nothing(self):
        self.sign_in(self.ngozi)
        response = self.submit(self.client, revocation_explained="")
        self.assertContains(
            response, "This consent is missing the right to revoke and how.", status_code=400
        )
        self.assertFalse(Consent.objects.exists())

    def test_it_refuses_a_disguised_upload_with_the_reason(self):
        self.sign_in(self.ngozi)
        fake = SimpleUploadedFile(
            "scan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf"
        )
        response = self.submit(self.client, signed_copy=fake)
        self.assertContains(response, "must be a PDF, JPEG or PNG", status_code=400)
        self.assertFalse(Consent.objects.exists())

    def test_partners_cannot_record_or_read_releases(self):
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        officer = self.sign_in(self.jordan, Client())
        self.assertEqual(
            self.submit(officer).status_code, 403
        )  # visible to police, but not theirs to change
        consent = Consent.objects.get()
        self.assertEqual(officer.get(f"/releases/{consent.pk}/signed-copy/").status_code, 404)
        self.assertEqual(officer.get(f"/releases/{consent.pk}/revoke/").status_code, 404)

    def test_revoking_through_the_screen_cuts_partners_off_at_once(self):
        consent = share(self.person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        officer = self.sign_in(self.jordan, Client())
        self.assertEqual(officer.get(f"/people/{self.person.pk}/").status_code, 200)
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/releases/{consent.pk}/revoke/", {"how": "In writing, handed to Ngozi"}
        )
        self.assertRedirects(response, f"/people/{self.person.pk}/", fetch_redirect_response=False)
        consent.refresh_from_db()
        self.assertEqual(consent.state, ConsentState.REVOKED)
        self.assertEqual(officer.get(f"/people/{self.person.pk}/").status_code, 404)

    def test_verbal_consent_shares_status_only(self):
        self.sign_in(self.ngozi)
        self.client.post(
            f"/people/{self.person.pk}/releases/verbal/",
            {"recipients": [self.orgs[K.POLICE].pk], "purpose": "Street contact"},
        )
        consent = Consent.objects.get()
        self.assertEqual(consent.state, ConsentState.PROVISIONAL)
        officer = self.sign_in(self.jordan, Client())
        self.assertContains(officer.get(f"/people/{self.person.pk}/"), "Call the case manager")


class FhirExportTests(PersonaTestCase):
    def test_a_release_exports_as_a_valid_fhir_r4_consent(self):
        from fhir.resources.R4B.consent import Consent as FhirConsent

        person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        consent = share(
            person,
            self.ngozi,
            [self.orgs[K.PROSECUTOR], K.POLICE],
            [CategoryCode.ENROLLMENT_STATUS, CategoryCode.SUBSTANCE_USE],
        )
        self.sign_in(self.ngozi)
        response = self.client.get(f"/releases/{consent.pk}/fhir/")
        self.assertEqual(response["Content-Type"], "application/fhir+json")
        document = response.json()
        FhirConsent.model_validate(document)  # raises if not a valid Consent
        self.assertEqual(document["status"], "active")
        self.assertEqual(document["patient"]["reference"], f"Patient/{person.pk}")
        self.assertEqual(document["provision"]["securityLabel"][0]["code"], "42CFRPart2")
        self.assertEqual(len(document["provision"]["actor"]), 2)
        self.assertEqual(
            {c["coding"][0]["code"] for c in document["provision"]["code"]},
            {"enrollment_status", "substance_use"},
        )
        self.assertAudited(action=Action.EXPORT, subject_person_id=person.pk, detail__format="fhir")

    def test_a_revoked_release_exports_as_inactive_and_only_to_its_provider(self):
        from goldenthread.consent.services import consent_revoke
        from goldenthread.tokens.models import Scope
        from goldenthread.tokens.services import token_create

        person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        consent = share(person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        consent_revoke(actor=self.ngozi, consent=consent, how="in writing")
        _, secret = token_create(
            actor=self.ngozi,
            membership=self.membership(self.ngozi),
            name="t",
            scopes=[Scope.CONSENTS_READ],
            lifetime_days=1,
        )
        document = self.client.get(
            f"/api/v1/consents/{consent.pk}/fhir", HTTP_AUTHORIZATION=f"Bearer {secret}"
        ).json()
        self.assertEqual(document["status"], "inactive")
        _, officer = token_create(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            name="t",
            scopes=[Scope.CONSENTS_READ],
            lifetime_days=1,
        )
        self.assertEqual(
            self.client.get(
                f"/api/v1/consents/{consent.pk}/fhir", HTTP_AUTHORIZATION=f"Bearer {officer}"
            ).status_code,
            404,
        )


class SiteInformationTests(PersonaTestCase):
    def test_a_site_admin_adds_and_renames_categories_and_form_versions(self):
        self.sign_in(self.dana)
        response = self.client.post(
            "/site/information-categories/",
            {
                "add_category": "1",
                "category-code": "lodging",
                "category-name": "Lodging stays",
                "category-is_part2": "",
            },
        )
        self.assertRedirects(response, "/site/information-categories/")
        from goldenthread.consent.models import ConsentForm, DataCategory

        lodging = DataCategory.objects.get(site=self.site, code="lodging")
        self.client.post(
            f"/site/information-categories/{lodging.pk}/rename/", {"name": "Hotel stays"}
        )
        lodging.refresh_from_db()
        self.assertEqual((lodging.name, lodging.code), ("Hotel stays", "lodging"))
        duplicate = self.client.post(
            "/site/information-categories/",
            {"add_category": "1", "category-code": "lodging", "category-name": "Again"},
        )
        self.assertContains(duplicate, "already exists", status_code=400)
        self.client.post(
            "/site/information-categories/",
            {
                "add_version": "1",
                "version-version": "2027-1",
                "version-language": "es",
                "version-title": "Autorización",
                "version-body": "Texto",
                "version-effective_from": "2027-01-01",
            },
        )
        self.assertTrue(
            ConsentForm.objects.filter(site=self.site, version="2027-1", language="es").exists()
        )

    def test_another_sites_admin_cannot_rename_ours(self):
        from goldenthread.consent.models import DataCategory

        category = DataCategory.objects.filter(site=self.site).first()
        assert category is not None
        self.sign_in(self.olga)
        self.assertEqual(
            self.client.post(
                f"/site/information-categories/{category.pk}/rename/", {"name": "x"}
            ).status_code,
            404,
        )


class ExpiryTimezoneTests(PersonaTestCase):
    def test_an_expiry_date_lasts_to_the_end_of_that_day_in_the_sites_time_zone(self):
        from goldenthread.consent.forms import SignedConsentForm

        self.site.timezone = "America/Los_Angeles"
        form = SignedConsentForm(site=self.site)
        form.cleaned_data = {
            "form": None,
            "recipient_organizations": [],
            "recipient_kinds": [],
            "categories": [],
            "purpose": "",
            "expires_on": date(2027, 3, 1),
            "expiry_event": "",
            "revocation_explained": True,
            "signed_by": "",
            "signature_kind": "",
            "signed_on": None,
            "witness": "",
            "signed_copy": None,
        }
        expires = form.service_arguments()["expires_at"]
        assert isinstance(expires, datetime)
        self.assertEqual(expires.astimezone(UTC).strftime("%Y-%m-%d %H:%M"), "2027-03-02 07:59")
