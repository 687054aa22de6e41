from datetime import timedelta

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
