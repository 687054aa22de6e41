"""The street milieu as safety ambassadors work it: encounters with people known by a
street name, referrals followed through the waitlist, and the funnel the site reports,
against figures worked by hand."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.identity.services import person_merge
from goldenthread.milieu import services
from goldenthread.milieu.models import TRANSITIONS, Encounter, ReferralStatus, TeamReferral
from goldenthread.milieu.selectors import funnel
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase


class MilieuTests(PersonaTestCase):
    kai: User

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.kai = cls.member("kai", OrganizationKind.SAFETY_TEAM, Role.SAFETY_AMBASSADOR)

    def log(self, street_name: str, days_ago: int, **fields: object) -> Encounter:
        values: dict[str, object] = {
            "kind": "check_in",
            "area": "Third Avenue",
            "place": "3rd and Pine",
        }
        values.update(fields)
        return services.encounter_log(
            actor=self.kai,
            organization=self.orgs[OrganizationKind.SAFETY_TEAM],
            occurred_at=timezone.now() - timedelta(days=days_ago),
            street_name=street_name,
            **values,  # type: ignore[arg-type]
        )

    def refer(self, encounter: Encounter, *moves: str) -> TeamReferral:
        referral = encounter.referrals.get()
        for to in moves:
            referral = services.team_referral_transition(
                actor=self.kai, referral=referral, to=to, on=self.site.today()
            )
        return referral

    def test_the_funnel_matches_the_figures_worked_by_hand(self):
        # Six people met in the last month (one of them twice), one met long ago.
        for name in ("A", "B", "C", "D", "E"):
            self.log(name, 10)
        again = self.log("F", 20)
        referral = dict(kind="referral", team="Coordinated entry")
        f_housed = self.log("", 5, person=again.person, need="housing", **referral)
        self.refer(f_housed, "waitlisted", "housed")
        b = Person.objects.get(preferred_name="B")
        self.refer(self.log("", 4, person=b, need="shelter", **referral), "waitlisted")
        c = Person.objects.get(preferred_name="C")
        self.refer(self.log("", 3, person=c, need="behavioral_health", **referral))  # no roof
        old = self.log("G", 200, need="housing", **referral)  # before the period
        self.refer(old, "housed")
        result = funnel(self.site, self.site.today() - timedelta(days=30), self.site.today())
        self.assertEqual(
            (result.encountered, result.referred, result.waitlisted, result.housed), (6, 2, 1, 1)
        )

    def test_an_encounter_with_no_place_or_a_referral_with_no_team_is_refused(self):
        client = self.sign_in(self.kai)
        at = timezone.localtime(timezone.now() - timedelta(hours=1), self.site.zone)
        base = {
            "street_name": "Sparrow",
            "kind": "check_in",
            "occurred_at": at.strftime("%Y-%m-%dT%H:%M"),
            "area": "Third Avenue",
        }
        refused = client.post("/milieu/", base)
        self.assertContains(refused, "Say where it happened", status_code=400)
        refused = client.post("/milieu/", {**base, "place": "3rd and Pine", "kind": "referral"})
        self.assertContains(refused, "names the team", status_code=400)
        self.assertEqual((Encounter.objects.count(), Person.objects.count()), (0, 0))
        answer = client.post("/milieu/", {**base, "place": "3rd and Pine"}, follow=True)
        self.assertContains(answer, "Encounter logged.")
        self.assertContains(answer, "Sparrow")

    def test_a_street_identity_linked_later_keeps_its_encounters_and_referrals(self):
        encounter = self.log("Sparrow", 3, kind="referral", team="BHRT", need="shelter")
        ana = Person.objects.create(
            site=self.site,
            legal_first_name="Ana",
            legal_last_name="Flores",
            assigned_organization=self.orgs[OrganizationKind.SAFETY_TEAM],
        )
        person_merge(actor=self.lucia, kept=ana, merged=encounter.person)
        encounter.refresh_from_db()
        self.assertEqual(encounter.person, ana)
        self.assertEqual(TeamReferral.objects.get().person, ana)
        self.assertContains(self.sign_in(self.kai).get("/milieu/"), "Ana Flores")

    def test_only_the_ambassadors_team_and_the_project_manager_read_its_encounters(self):
        self.log("Sparrow", 1)
        other = self.member("oz", OrganizationKind.CASE_MANAGEMENT, Role.OUTREACH_WORKER)
        for user in (self.jordan, other):
            self.assertEqual(self.sign_in(user, Client()).get("/milieu/").status_code, 403)
        self.assertContains(self.sign_in(self.kai, Client()).get("/milieu/"), "Sparrow")
        # The project manager sees every team's log, but only people shared with them.
        self.assertNotContains(self.sign_in(self.lucia, Client()).get("/milieu/"), "Sparrow")

    def test_every_referral_move_is_allowed_or_refused_by_the_table(self):
        for start in ReferralStatus.values:
            for target in ReferralStatus.values:
                with self.subTest(start=start, target=target):
                    referral = self.refer(
                        self.log("X", 1, kind="referral", team="T", need="housing")
                    )
                    TeamReferral.objects.filter(pk=referral.pk).update(status=start)
                    referral.refresh_from_db()
                    try:
                        services.team_referral_transition(
                            actor=self.kai, referral=referral, to=target, on=self.site.today()
                        )
                    except ValidationError:
                        self.assertNotIn(target, TRANSITIONS[start])
                    else:
                        self.assertIn(target, TRANSITIONS[start])
