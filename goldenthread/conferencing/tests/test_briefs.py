"""Each attendee's brief of one meeting, for a member of every kind of organization: the
same items in the same places, each subject and detail shown only as the access policy
lets that organization see it."""

from datetime import date, timedelta

from django.utils import timezone

from goldenthread.access.policy import agenda_brief
from goldenthread.conferencing.services import (
    action_item_add,
    agenda_item_add,
    meeting_schedule,
    work_group_create,
)
from goldenthread.consent.models import CategoryCode
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.referrals.models import Door
from goldenthread.referrals.services import referral_submit
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind
ROLE_OF_KIND = {
    K.PROJECT_MANAGEMENT: Role.PROJECT_MANAGER,
    K.CASE_MANAGEMENT: Role.CASE_MANAGER,
    K.POLICE: Role.OFFICER,
    K.PROSECUTOR: Role.LIAISON_PROSECUTOR,
    K.PUBLIC_DEFENSE: Role.PUBLIC_DEFENDER,
    K.COMMUNITY_PARTNER: Role.COMMUNITY_REFERRER,
    K.BUSINESS: Role.COMMUNITY_REFERRER,
    K.LODGING_PROVIDER: Role.LODGING_LIAISON,
    K.SAFETY_TEAM: Role.SAFETY_AMBASSADOR,
    K.HEALTH_PROVIDER: Role.PCG_MEMBER,
    K.GOVERNMENT: Role.PCG_MEMBER,
    K.EVALUATOR: Role.EVALUATOR,
    # The continuum's HMIS lead may sit on the Policy Coordinating Group.
    K.HMIS: Role.PCG_MEMBER,
}
# Which of the four items (a referral the officer made, Marcus Bell's booking, an action
# item about him, a general item) each kind of organization may read in full. Marcus is
# case management's participant; his release gives police (by kind) his status and whom
# to call, and the prosecutor's office (by name) that and legal coordination.
READABLE = {
    K.PROJECT_MANAGEMENT: (True, False, False, True),
    K.CASE_MANAGEMENT: (False, True, True, True),
    K.POLICE: (True, False, True, True),
    # The liaison prosecutor works the referral queue with the project manager.
    K.PROSECUTOR: (True, True, True, True),
}
NOTHING_ABOUT_ANYONE = (False, False, False, True)


class BriefTests(PersonaTestCase):
    def test_every_kind_of_organization_reads_what_the_policy_allows(self):
        attendees = {
            kind: self.member(f"owg-{kind}", kind, role) for kind, role in ROLE_OF_KIND.items()
        }
        self.assertEqual(set(attendees), set(K.values))
        marcus = participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            self.ngozi,
            legal_first_name="Marcus",
            legal_last_name="Bell",
        )
        share(marcus, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        share(
            marcus,
            self.ngozi,
            [self.orgs[K.PROSECUTOR]],
            [CategoryCode.ENROLLMENT_STATUS, CategoryCode.LEGAL_COORDINATION],
        )
        group = work_group_create(
            actor=self.lucia,
            site=self.site,
            name="OWG",
            organizations=list(self.orgs.values()),
            members=list(attendees.values()),
        )
        first = meeting_schedule(
            actor=self.lucia, work_group=group, starts_at=timezone.now() - timedelta(days=14)
        )
        referral_submit(
            actor=attendees[K.POLICE],
            membership=self.membership(attendees[K.POLICE]),
            door=Door.ARREST_DIVERSION,
            person=None,
            new_person={"preferred_name": "JJ", "approximate_age": 30},
            occurred_at=timezone.now() - timedelta(hours=3),
            conduct="drug_possession",
        )
        LegalMatter.objects.create(
            site=self.site,
            person=marcus,
            kind=MatterKind.BOOKING,
            jurisdiction="County Jail",
            number="BK-77",
            noted_at=timezone.now() - timedelta(hours=5),
        )
        action_item_add(
            actor=self.lucia,
            meeting=first,
            description="Detox bed for Marcus",
            due_on=date.today() + timedelta(days=3),
            owner_user=self.ngozi,
            person=marcus,
        )
        meeting = meeting_schedule(actor=self.lucia, work_group=group, starts_at=timezone.now())
        agenda_item_add(actor=self.lucia, meeting=meeting, detail="Camp sweep on 3rd Ave")
        self.assertEqual(meeting.items.count(), 4)

        for kind, user in attendees.items():
            with self.subTest(kind=kind):
                brief = agenda_brief(self.membership(user), meeting).items
                self.assertEqual([b.position for b in brief], [1, 2, 3, 4])
                readable = tuple(not b.withheld for b in brief)
                self.assertEqual(readable, READABLE.get(kind, NOTHING_ABOUT_ANYONE))
                for item in brief:
                    if item.withheld:
                        self.assertIsNone(item.person)
                        self.assertNotIn("BK-77", item.detail)
                        self.assertNotIn("Detox", item.detail)
        case_manager = agenda_brief(self.membership(self.ngozi), meeting).items
        self.assertEqual(case_manager[1].person, marcus)
        self.assertIn("BK-77", case_manager[1].detail)
        self.assertIn("Detox bed for Marcus", case_manager[2].detail)
        self.assertEqual(agenda_brief(self.membership(self.olga), meeting).items, [])
