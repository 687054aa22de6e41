from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from goldenthread.audit.models import Action, AuditEvent
from goldenthread.consent.models import CategoryCode
from goldenthread.consent.services import consent_revoke
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.organizations.services import membership_create
from goldenthread.testing import PersonaTestCase, csrf_free, make_user
from goldenthread.testing_consent import participant, share

K = OrganizationKind


class AudienceTests(PersonaTestCase):
    """Each audience sees its own slice of one participant, from the same policy."""

    def setUp(self):
        self.provider = self.orgs[K.CASE_MANAGEMENT]
        self.ngozi.work_phone = "206-555-0142"
        self.ngozi.save()
        self.rosa = participant(
            self.site, self.provider, self.ngozi, legal_first_name="Rosa", legal_last_name="Delgado"
        )
        self.rosa.phone = "206-555-0199"
        self.rosa.save()
        self.consent = share(
            self.rosa,
            self.ngozi,
            [K.POLICE, self.orgs[K.PROSECUTOR]],
            [
                CategoryCode.ENROLLMENT_STATUS,
                CategoryCode.LEGAL_COORDINATION,
                CategoryCode.SUBSTANCE_USE,
            ],
        )
        self.prosecutor = make_user("erin")
        membership_create(
            actor=None,
            user=self.prosecutor,
            organization=self.orgs[K.PROSECUTOR],
            role=Role.LIAISON_PROSECUTOR,
        )

    def test_the_officer_sees_status_and_whom_to_call_only(self):
        self.sign_in(self.jordan)
        page = self.client.get(f"/people/{self.rosa.pk}/")
        self.assertContains(page, "Active LEAD participant.")
        self.assertContains(page, "206-555-0142")  # the case manager's phone
        self.assertNotContains(page, "206-555-0199")  # never the participant's own
        self.assertNotContains(page, "42 CFR Part 2")  # named by kind: no Part 2 data
        self.assertAudited(
            action=Action.VIEW, subject_person_id=self.rosa.pk, actor_id=self.jordan.pk
        )
        event = AuditEvent.objects.filter(
            action=Action.VIEW, subject_person_id=self.rosa.pk
        ).latest("position")
        self.assertEqual(
            event.categories, [CategoryCode.ENROLLMENT_STATUS, CategoryCode.LEGAL_COORDINATION]
        )

    def test_the_named_prosecutor_gets_the_legal_brief_with_the_part2_notice(self):
        self.sign_in(self.prosecutor)
        page = self.client.get(f"/people/{self.rosa.pk}/")
        self.assertContains(page, "Legal coordination brief")
        self.assertContains(
            page, 'Substance-use treatment <strong class="label-part2">42 CFR Part 2</strong>'
        )
        self.assertContains(page, "protected by Federal confidentiality rules (42 CFR part 2)")
        self.assertNotContains(page, "206-555-0199")

    def test_the_case_manager_sees_the_full_record_with_its_releases(self):
        self.sign_in(self.ngozi)
        page = self.client.get(f"/people/{self.rosa.pk}/")
        self.assertContains(page, "the full record")
        self.assertContains(page, "206-555-0199")
        self.assertContains(page, "Releases of information")
        self.assertContains(page, f'href="/people/{self.rosa.pk}/releases/new/"')
        self.assertContains(page, f'href="/releases/{self.consent.pk}/revoke/"')

    def test_someone_at_the_provider_outside_the_care_team_reads_but_cannot_change(self):
        reader = make_user("reader")
        membership_create(actor=None, user=reader, organization=self.provider, role=Role.PCG_MEMBER)
        self.sign_in(reader)
        page = self.client.get(f"/people/{self.rosa.pk}/")
        self.assertContains(page, "the full record")
        self.assertNotContains(page, "/releases/new/")
        self.assertNotContains(page, "/revoke/")

    def test_revocation_takes_effect_on_the_next_request(self):
        officer = self.sign_in(self.jordan, Client())
        self.assertEqual(officer.get(f"/people/{self.rosa.pk}/").status_code, 200)
        consent_revoke(actor=self.ngozi, consent=self.consent, how="in writing")
        self.assertEqual(officer.get(f"/people/{self.rosa.pk}/").status_code, 404)
        self.assertNotContains(officer.get("/people/?q=Rosa"), "Delgado")

    def test_unshared_and_missing_people_answer_identically(self):
        hidden = participant(
            self.site, self.provider, legal_first_name="Hidden", legal_last_name="Person"
        )
        self.sign_in(self.jordan)
        unshared = self.client.get(f"/people/{hidden.pk}/")
        missing = self.client.get("/people/987654/")
        self.assertEqual((unshared.status_code, missing.status_code), (404, 404))
        # The pages differ only in the address they were asked for (echoed in the language form).
        self.assertEqual(
            csrf_free(unshared.content.decode()).replace(f"/people/{hidden.pk}/", "/people/ID/"),
            csrf_free(missing.content.decode()).replace("/people/987654/", "/people/ID/"),
        )

    def test_an_officer_search_for_an_unshared_person_says_no_information(self):
        participant(self.site, self.provider, legal_first_name="Hidden", legal_last_name="Person")
        self.sign_in(self.jordan)
        page = self.client.get("/people/", {"q": "Hidden"})
        self.assertContains(page, "No information.")
        self.assertNotContains(page, "Hidden Person")


class CanaryTests(PersonaTestCase):
    """A participant shared with one organization never shows anywhere else."""

    def test_the_canary_appears_only_to_the_organization_it_was_shared_with(self):
        canary = participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            legal_first_name="Canary",
            legal_last_name="Zzyzx",
        )
        share(canary, self.ngozi, [self.orgs[K.LODGING_PROVIDER]], [CategoryCode.ENROLLMENT_STATUS])
        insider = make_user("lodger")
        membership_create(
            actor=None,
            user=insider,
            organization=self.orgs[K.LODGING_PROVIDER],
            role=Role.LODGING_LIAISON,
        )
        client = self.sign_in(insider, Client())
        self.assertContains(client.get("/people/"), "Zzyzx")
        for outsider in (self.jordan, self.dana, self.lucia, self.olga, self.nadia):
            with self.subTest(outsider=outsider.username):
                client = self.sign_in(outsider, Client())
                # Searching by the first name must not reveal the surname anywhere on the page.
                for url in (
                    "/people/",
                    "/people/?q=Canary",
                    "/people/?q=Canary&page=2",
                    f"/people/{canary.pk}/",
                ):
                    response = client.get(url)
                    self.assertNotIn(b"Zzyzx", response.content, url)
                self.assertNotContains(client.get("/"), "Zzyzx")
                if outsider.memberships.exists():
                    from goldenthread.tokens.models import Scope
                    from goldenthread.tokens.services import token_create

                    _, secret = token_create(
                        actor=outsider,
                        membership=self.membership(outsider),
                        name="t",
                        scopes=[Scope.PEOPLE_READ],
                        lifetime_days=1,
                    )
                    api = client.get(
                        "/api/v1/people?q=Canary", HTTP_AUTHORIZATION=f"Bearer {secret}"
                    )
                    self.assertEqual(api.json()["count"], 0)
                    self.assertNotIn(b"Zzyzx", api.content)


class ListQueryCountTests(PersonaTestCase):
    def queries_for_list(self, client) -> int:
        with CaptureQueriesContext(connection) as captured:
            self.assertEqual(client.get("/people/").status_code, 200)
        return len(captured)

    def test_the_list_does_not_grow_queries_with_people_or_releases(self):
        provider = self.orgs[K.CASE_MANAGEMENT]
        for number in range(3):
            person = participant(
                self.site, provider, legal_first_name=f"A{number}", legal_last_name="Few"
            )
            share(person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        self.sign_in(self.jordan)
        few = self.queries_for_list(self.client)
        for number in range(20):
            person = participant(
                self.site, provider, legal_first_name=f"B{number}", legal_last_name="Many"
            )
            share(person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
            share(person, self.ngozi, [self.orgs[K.POLICE]], [CategoryCode.LEGAL_COORDINATION])
        self.assertEqual(self.queries_for_list(self.client), few)


class DisclosureReportTests(PersonaTestCase):
    def test_the_case_manager_prints_who_saw_the_participants_information(self):
        person = participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            self.ngozi,
            legal_first_name="Rosa",
            legal_last_name="Delgado",
        )
        share(person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        officer = self.sign_in(self.jordan, Client())
        officer.get(f"/people/{person.pk}/")
        officer.get("/people/?q=Rosa")
        self.sign_in(self.ngozi)
        report = self.client.get(f"/people/{person.pk}/disclosures/")
        rows = report.context["rows"]
        by_officer = [r for r in rows if r["event"].actor_label == "jordan"]
        self.assertEqual([r["event"].action for r in by_officer], ["view", "search"])
        self.assertEqual(by_officer[0]["organization"], "Cascade Police")
        self.assertEqual(
            [c.code for c in by_officer[0]["categories"]], [CategoryCode.ENROLLMENT_STATUS]
        )
        self.assertContains(report, "Who saw my information")

    def test_only_the_care_team_can_print_it(self):
        person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        share(person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        self.sign_in(self.jordan)
        self.assertEqual(self.client.get(f"/people/{person.pk}/disclosures/").status_code, 403)


class IdenticalAnswersTests(PersonaTestCase):
    """Every object URL answers an unshared id exactly as a missing one, HTML and API."""

    def test_every_object_url_hides_existence(self):
        from goldenthread.tokens.models import Scope
        from goldenthread.tokens.services import token_create

        hidden = participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            legal_first_name="Hidden",
            legal_last_name="Person",
        )
        consent = share(hidden, self.ngozi, [K.LODGING_PROVIDER], [CategoryCode.ENROLLMENT_STATUS])
        missing_person, missing_consent = 987654, 876543
        _, secret = token_create(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            name="t",
            scopes=[Scope.PEOPLE_READ, Scope.CONSENTS_READ],
            lifetime_days=1,
        )
        self.sign_in(self.jordan)
        templates = [
            "/people/{person}/",
            "/people/{person}/disclosures/",
            "/people/{person}/releases/new/",
            "/people/{person}/releases/verbal/",
            "/releases/{consent}/revoke/",
            "/releases/{consent}/signed-copy/",
            "/releases/{consent}/fhir/",
            "/api/v1/people/{person}",
            "/api/v1/consents/{consent}/fhir",
        ]
        for template in templates:
            with self.subTest(url=template):
                real = template.format(person=hidden.pk, consent=consent.pk)
                fake = template.format(person=missing_person, consent=missing_consent)
                headers = (
                    {"Authorization": f"Bearer {secret}"} if template.startswith("/api/") else {}
                )
                shown = self.client.get(real, headers=headers)
                absent = self.client.get(fake, headers=headers)
                self.assertEqual((shown.status_code, absent.status_code), (404, 404))
                self.assertEqual(
                    csrf_free(shown.content.decode()).replace(real, "URL"),
                    csrf_free(absent.content.decode()).replace(fake, "URL"),
                )
