"""The API's list endpoints as integrators use them: each shaped by the access policy,
paged in a stable order, filtered, and audited."""

from datetime import date, timedelta

from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action, AuditEvent
from goldenthread.casework.models import CloseReason, EngagementChange, NeedDomain
from goldenthread.conferencing.models import ActionItem, ActionStatus, WorkGroup
from goldenthread.consent.models import CategoryCode
from goldenthread.consent.services import consent_revoke
from goldenthread.legal.models import Charge, ChargeLevel, LegalMatter, MatterKind
from goldenthread.lodging.models import LodgingPlace, PlaceKind, Unit
from goldenthread.lodging.services import stay_check_in, stay_check_out
from goldenthread.organizations.models import Organization, OrganizationKind, Role
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.plans.models import Goal, GoalStatus
from goldenthread.referrals.models import ConductCategory, Door, Referral, ReferralStatus
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share
from goldenthread.tokens.models import Scope

K = OrganizationKind


class ListsTestCase(PersonaTestCase):
    provider: Organization
    marcus: Person
    dee: User

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.provider = cls.orgs[K.CASE_MANAGEMENT]
        cls.marcus = participant(
            cls.site, cls.provider, cls.ngozi, legal_first_name="Marcus", legal_last_name="Reed"
        )
        cls.dee = cls.member("dee", K.PUBLIC_DEFENSE, Role.PUBLIC_DEFENDER)

    def get(self, path, user, scope, **params):
        return self.client.get(f"/api/v1{path}", params, headers=self.bearer(user, [scope]))


class EnrollmentListTests(ListsTestCase):
    def test_a_closed_and_a_current_enrollment_in_order(self):
        now = timezone.now()
        for days_ago in (400, 30):
            Referral.objects.create(
                site=self.site,
                door=Door.SOCIAL_CONTACT,
                status=ReferralStatus.ENROLLED,
                person=self.marcus,
                referrer=self.jordan,
                referrer_organization=self.orgs[K.POLICE],
                occurred_at=now - timedelta(days=days_ago + 2),
                conduct=ConductCategory.values[0],
                intake_completed_at=now - timedelta(days=days_ago),
                receipt_code=f"ENR{days_ago:05d}",
            )
        closing = EngagementChange.objects.create(
            person=self.marcus,
            from_status=EngagementStatus.ACTIVE,
            to_status=EngagementStatus.CLOSED,
            close_reason=CloseReason.MOVED_AWAY,
            actor=self.ngozi,
        )
        EngagementChange.objects.filter(pk=closing.pk).update(at=now - timedelta(days=200))
        body = self.get(
            f"/people/{self.marcus.pk}/enrollments", self.ngozi, Scope.PEOPLE_READ
        ).json()
        first, second = body["items"]
        self.assertEqual(first["close_reason"], CloseReason.MOVED_AWAY)
        self.assertIsNotNone(first["exited_at"])
        self.assertEqual((second["exited_at"], second["close_reason"]), (None, ""))
        self.assertEqual(first["organization"], self.provider.name)
        self.assertAudited(
            action=Action.LIST,
            subject_person_id=self.marcus.pk,
            categories=[CategoryCode.ENROLLMENT_STATUS],
        )

    def test_without_a_release_of_enrollment_status_it_is_refused(self):
        share(self.marcus, self.ngozi, [K.POLICE], [CategoryCode.CONTACT_WHEREABOUTS])
        response = self.get(f"/people/{self.marcus.pk}/enrollments", self.jordan, Scope.PEOPLE_READ)
        self.assertEqual(response.status_code, 403)


class ConsentListTests(ListsTestCase):
    def test_the_provider_lists_releases_by_standing(self):
        kept = share(self.marcus, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        revoked = share(self.marcus, self.ngozi, [self.orgs[K.PROSECUTOR]])
        consent_revoke(actor=self.ngozi, consent=revoked, how="said so at the office")
        every = self.get(f"/people/{self.marcus.pk}/consents", self.ngozi, Scope.CONSENTS_READ)
        self.assertEqual([c["id"] for c in every.json()["items"]], [revoked.pk, kept.pk])
        active = self.get(
            f"/people/{self.marcus.pk}/consents",
            self.ngozi,
            Scope.CONSENTS_READ,
            standing="active",
        ).json()["items"]
        self.assertEqual([(c["id"], c["standing"]) for c in active], [(kept.pk, "active")])
        self.assertEqual(active[0]["categories"], [CategoryCode.ENROLLMENT_STATUS])

    def test_a_partner_shown_the_person_cannot_list_their_releases(self):
        share(self.marcus, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        response = self.get(f"/people/{self.marcus.pk}/consents", self.jordan, Scope.CONSENTS_READ)
        self.assertEqual(response.status_code, 403)


class LegalMatterListTests(ListsTestCase):
    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        now = timezone.now()
        for number, kind, hours in (
            ("W-1", MatterKind.WARRANT, 30),
            ("BK-2", MatterKind.BOOKING, 2),
        ):
            matter = LegalMatter.objects.create(
                site=cls.site,
                person=cls.marcus,
                kind=kind,
                jurisdiction="County",
                number=number,
                noted_at=now - timedelta(hours=hours),
            )
            Charge.objects.create(
                matter=matter, offense_code="9A.56", level=ChargeLevel.MISDEMEANOR
            )

    def test_the_defender_under_a_release_filters_by_kind(self):
        share(self.marcus, self.ngozi, [K.PUBLIC_DEFENSE], [CategoryCode.LEGAL_COORDINATION])
        every = self.get(f"/people/{self.marcus.pk}/legal-matters", self.dee, Scope.LEGAL_READ)
        self.assertEqual([m["number"] for m in every.json()["items"]], ["BK-2", "W-1"])
        warrants = self.get(
            f"/people/{self.marcus.pk}/legal-matters", self.dee, Scope.LEGAL_READ, kind="warrant"
        ).json()["items"]
        self.assertEqual([m["number"] for m in warrants], ["W-1"])
        self.assertEqual(warrants[0]["charges"][0]["offense_code"], "9A.56")
        self.assertAudited(
            action=Action.LIST,
            subject_person_id=self.marcus.pk,
            categories=[CategoryCode.LEGAL_COORDINATION],
        )

    def test_a_release_without_legal_coordination_refuses(self):
        share(self.marcus, self.ngozi, [K.PUBLIC_DEFENSE], [CategoryCode.ENROLLMENT_STATUS])
        response = self.get(f"/people/{self.marcus.pk}/legal-matters", self.dee, Scope.LEGAL_READ)
        self.assertEqual(response.status_code, 403)
        self.assertEqual(
            self.get("/people/987654/legal-matters", self.dee, Scope.LEGAL_READ).status_code, 404
        )


class GoalListTests(ListsTestCase):
    def test_goals_page_and_filter(self):
        for words, status in (("ID back", GoalStatus.ACHIEVED), ("A room", GoalStatus.WORKING)):
            Goal.objects.create(
                person=self.marcus,
                domain=NeedDomain.values[0],
                own_words=words,
                status=status,
                created_by=self.ngozi,
            )
        first = self.get(
            f"/people/{self.marcus.pk}/goals", self.ngozi, Scope.CASEWORK_READ, limit=1
        ).json()
        self.assertEqual(
            ([g["own_words"] for g in first["items"]], first["has_more"]), (["ID back"], True)
        )
        working = self.get(
            f"/people/{self.marcus.pk}/goals", self.ngozi, Scope.CASEWORK_READ, status="working"
        ).json()
        self.assertEqual([g["own_words"] for g in working["items"]], ["A room"])


class ReferralListTests(ListsTestCase):
    def test_an_officer_sees_own_referrals_and_enrolled_only_when_shared(self):
        now = timezone.now()
        for code, door, status in (
            ("OWN00001", Door.SOCIAL_CONTACT, ReferralStatus.ENROLLED),
            ("OWN00002", Door.ARREST_DIVERSION, ReferralStatus.SUBMITTED),
        ):
            Referral.objects.create(
                site=self.site,
                door=door,
                status=status,
                person=self.marcus,
                referrer=self.jordan,
                referrer_organization=self.orgs[K.POLICE],
                occurred_at=now,
                conduct=ConductCategory.values[0],
                receipt_code=code,
            )
        Referral.objects.create(
            site=self.site,
            door=Door.SOCIAL_CONTACT,
            person=self.marcus,
            referrer=self.ngozi,
            referrer_organization=self.provider,
            occurred_at=now,
            conduct=ConductCategory.values[0],
            receipt_code="NOTMINE1",
        )
        listed = self.get("/referrals", self.jordan, Scope.REFERRALS_READ).json()["items"]
        self.assertEqual(sorted(r["receipt_code"] for r in listed), ["OWN00001", "OWN00002"])
        self.assertNotIn("enrolled", {r["status"] for r in listed})
        share(self.marcus, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        social = self.get(
            "/referrals", self.jordan, Scope.REFERRALS_READ, door="social_contact"
        ).json()["items"]
        self.assertEqual(
            [(r["receipt_code"], r["status"]) for r in social], [("OWN00001", "enrolled")]
        )
        self.assertAudited(
            action=Action.LIST,
            subject_person_id=self.marcus.pk,
            categories=[CategoryCode.ENROLLMENT_STATUS],
        )
        one = self.get("/referrals/OWN00001", self.jordan, Scope.REFERRALS_READ).json()
        self.assertEqual(one["status"], "enrolled")
        self.assertAudited(
            action=Action.VIEW,
            subject_person_id=self.marcus.pk,
            categories=[CategoryCode.ENROLLMENT_STATUS],
        )


class WorkGroupItemListTests(ListsTestCase):
    def test_members_see_their_groups_items_and_only_people_they_may_see(self):
        group = WorkGroup.objects.create(site=self.site, name="Downtown OWG")
        group.organizations.add(self.orgs[K.POLICE])
        elsewhere = WorkGroup.objects.create(site=self.site, name="North OWG")
        due = date.today() + timedelta(days=3)
        about_marcus = ActionItem.objects.create(
            work_group=group,
            person=self.marcus,
            description="Find a bed",
            owner_organization=self.provider,
            due_on=due,
        )
        ActionItem.objects.create(
            work_group=group,
            description="Bring the outreach schedule",
            owner_user=self.jordan,
            due_on=due + timedelta(days=1),
        )
        ActionItem.objects.create(
            work_group=elsewhere, description="Not ours", owner_user=self.ngozi, due_on=due
        )
        items = self.get("/work-group-items", self.jordan, Scope.WORK_GROUPS_READ).json()["items"]
        self.assertEqual(
            [i["description"] for i in items], ["Find a bed", "Bring the outreach schedule"]
        )
        self.assertIsNone(items[0]["person_id"])
        share(self.marcus, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        mine = self.get("/work-group-items", self.jordan, Scope.WORK_GROUPS_READ, mine="true")
        self.assertEqual([i["owner"] for i in mine.json()["items"]], [str(self.jordan)])
        shown = self.get("/work-group-items", self.jordan, Scope.WORK_GROUPS_READ).json()["items"]
        self.assertEqual(shown[0]["person_id"], self.marcus.pk)
        ActionItem.objects.filter(pk=about_marcus.pk).update(status=ActionStatus.DONE)
        done = self.get("/work-group-items", self.jordan, Scope.WORK_GROUPS_READ, status="done")
        self.assertEqual([i["id"] for i in done.json()["items"]], [about_marcus.pk])


class StayListTests(ListsTestCase):
    def test_a_lodging_liaison_lists_stays_at_its_places(self):
        liaison = self.member("lia", K.LODGING_PROVIDER, Role.LODGING_LIAISON)
        inn = LodgingPlace.objects.create(
            site=self.site,
            organization=self.orgs[K.LODGING_PROVIDER],
            name="Harborview Inn",
            kind=PlaceKind.HOTEL,
        )
        other = LodgingPlace.objects.create(
            site=self.site, organization=self.provider, name="Other Inn", kind=PlaceKind.HOTEL
        )
        dana_guest = participant(
            self.site, self.provider, legal_first_name="Ana", legal_last_name="B"
        )
        today = self.site.today()
        past = stay_check_in(
            actor=self.ngozi,
            person=dana_guest,
            unit=Unit.objects.create(place=inn, label="101"),
            agreement_version="1",
            agreement_signed_on=today - timedelta(days=5),
            at=timezone.now() - timedelta(days=5),
        )
        stay_check_out(actor=self.ngozi, stay=past, exit_housing="permanent")
        stay_check_in(
            actor=self.ngozi,
            person=self.marcus,
            unit=Unit.objects.create(place=inn, label="102"),
            agreement_version="1",
            agreement_signed_on=today,
        )
        stay_check_in(
            actor=self.ngozi,
            person=participant(self.site, self.provider),
            unit=Unit.objects.create(place=other, label="1"),
            agreement_version="1",
            agreement_signed_on=today,
        )
        every = self.get("/lodging/stays", liaison, Scope.LODGING_READ).json()["items"]
        self.assertEqual([s["name"] for s in every], ["Marcus Reed", "Ana B"])
        now = self.get("/lodging/stays", liaison, Scope.LODGING_READ, current="true").json()
        self.assertEqual([(s["unit"], s["exit_housing"]) for s in now["items"]], [("102", "")])
        self.assertEqual(
            AuditEvent.objects.filter(action=Action.LIST, subject_person_id=self.marcus.pk).count(),
            2,
        )
        self.assertEqual(
            self.get("/lodging/stays", self.jordan, Scope.LODGING_READ).json()["items"], []
        )


class PagingAndBodiesTests(ListsTestCase):
    def test_an_oversized_page_is_capped(self):
        body = self.get(
            f"/people/{self.marcus.pk}/contacts", self.ngozi, Scope.CASEWORK_READ, limit=5000
        ).json()
        self.assertEqual((body["limit"], body["has_more"]), (200, False))

    def test_an_unknown_body_field_is_refused_by_name(self):
        response = self.client.post(
            f"/api/v1/people/{self.marcus.pk}/contacts",
            {"mode": "in_person", "place": "street", "mood": "fine"},
            content_type="application/json",
            headers=self.bearer(self.ngozi, [Scope.CASEWORK_WRITE]),
        )
        self.assertEqual(response.status_code, 422)
        self.assertIn(
            ["body", "payload", "mood"],
            [d["location"] for d in response.json()["error"]["details"]],
        )

    def test_any_offset_is_read_and_a_moment_past_the_calendar_is_refused(self):
        far = self.get(
            "/referrals",
            self.jordan,
            Scope.REFERRALS_READ,
            submitted_before="0060-08-07T07:53:15-16:23",
        )
        self.assertEqual((far.status_code, far.json()["items"]), (200, []))
        edge = self.get(
            "/referrals",
            self.jordan,
            Scope.REFERRALS_READ,
            submitted_after="0001-01-01T00:00+16:00",
        )
        self.assertEqual(edge.status_code, 422)
        self.assertEqual(
            edge.json()["error"]["details"][0]["location"], ["query", "submitted_after"]
        )
