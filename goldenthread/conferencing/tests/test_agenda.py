"""The Operational Work Group's agenda, rule by rule, as the project manager schedules a
meeting; action items that carry over until done; the project manager's own changes."""

from datetime import date, timedelta

import time_machine
from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.casework.services import engagement_change
from goldenthread.conferencing.models import Reason
from goldenthread.conferencing.services import (
    action_item_add,
    action_item_done,
    agenda_item_add,
    agenda_item_remove,
    agenda_reorder,
    meeting_schedule,
    work_group_create,
)
from goldenthread.incidents.services import incident_report, incident_transition
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.lodging.models import LodgingPlace, PlaceKind, Unit
from goldenthread.lodging.services import stay_check_in
from goldenthread.organizations.models import OrganizationKind
from goldenthread.people.models import EngagementStatus
from goldenthread.referrals.models import Door
from goldenthread.referrals.services import referral_submit, referral_transition
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant

K = OrganizationKind


class AgendaTests(PersonaTestCase):
    def setUp(self) -> None:
        self.group = work_group_create(
            actor=self.lucia,
            site=self.site,
            name="Downtown OWG",
            organizations=[self.orgs[k] for k in (K.POLICE, K.PROSECUTOR, K.CASE_MANAGEMENT)],
            members=[self.lucia, self.ngozi, self.jordan],
        )
        self.marcus = participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            self.ngozi,
            legal_first_name="Marcus",
            legal_last_name="Bell",
        )
        self.next_week = timezone.now() + timedelta(days=7)

    def refer(self, name: str, door: str = Door.ARREST_DIVERSION, **extra):
        referral, _ = referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door=door,
            person=None,
            new_person={"preferred_name": name, "approximate_age": 40},
            occurred_at=timezone.now() - timedelta(hours=2),
            conduct="drug_possession",
            **extra,
        )
        return referral

    def agenda(self, meeting) -> list[tuple[str, str]]:
        return [
            (item.reason, item.detail)
            for item in meeting.items.filter(removed=False).order_by("position")
        ]

    def reasons(self, meeting) -> list[str]:
        return [reason for reason, _detail in self.agenda(meeting)]

    def test_a_referral_awaiting_a_decision_is_on_it(self):
        referral = self.refer("JJ")
        meeting = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=self.next_week
        )
        item = meeting.items.get(reason=Reason.REFERRAL_DECISION)
        self.assertEqual((item.referral, item.person_id), (referral, referral.person_id))
        referral_transition(actor=self.lucia, referral=referral, to="screening")
        referral_transition(actor=self.lucia, referral=referral, to="declined", reason="no")
        later = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=self.next_week + timedelta(days=14)
        )
        self.assertNotIn(Reason.REFERRAL_DECISION, self.reasons(later))

    def test_an_intake_due_within_seven_days_is_on_it_and_a_later_one_is_not(self):
        referral = self.refer("JJ")
        referral_transition(actor=self.lucia, referral=referral, to="screening")
        referral_transition(actor=self.lucia, referral=referral, to="approved", reason="ok")
        # The window is 30 days: due in about 28 days, so not yet...
        soon = meeting_schedule(actor=self.lucia, work_group=self.group, starts_at=self.next_week)
        self.assertNotIn(Reason.INTAKE_DEADLINE, self.reasons(soon))
        # ...but three weeks on it is due within seven.
        later = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=self.next_week + timedelta(days=16)
        )
        self.assertEqual(self.reasons(later).count(Reason.INTAKE_DEADLINE), 1)

    def test_bookings_since_the_last_meeting_of_participants_only(self):
        first = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() - timedelta(days=1)
        )
        stranger = participant(self.site, self.orgs[K.CASE_MANAGEMENT])
        stranger.assigned_organization = None
        stranger.save()
        for number, person, hours_ago in (
            ("BK-1", self.marcus, 2),
            ("BK-2", stranger, 2),
            ("BK-OLD", self.marcus, 24 * 30),
        ):
            LegalMatter.objects.create(
                site=self.site,
                person=person,
                kind=MatterKind.BOOKING,
                jurisdiction="County Jail",
                number=number,
                noted_at=timezone.now() - timedelta(hours=hours_ago),
            )
        self.assertNotIn(Reason.LEGAL_EVENT, self.reasons(first))
        second = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() + timedelta(days=1)
        )
        legal = [detail for reason, detail in self.agenda(second) if reason == Reason.LEGAL_EVENT]
        self.assertEqual(len(legal), 1)
        self.assertIn("BK-1", legal[0])

    def test_in_the_wind_for_more_than_thirty_days(self):
        with time_machine.travel(timezone.now() - timedelta(days=31)):
            engagement_change(actor=self.ngozi, person=self.marcus, to=EngagementStatus.IN_THE_WIND)
        recent = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        engagement_change(actor=self.ngozi, person=recent, to=EngagementStatus.IN_THE_WIND)
        meeting = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now()
        )
        wind = meeting.items.filter(reason=Reason.IN_THE_WIND)
        self.assertEqual([item.person_id for item in wind], [self.marcus.pk])

    def test_free_lodging_is_on_the_agenda_and_a_full_place_is_not(self):
        provider = self.orgs[K.LODGING_PROVIDER]
        inn = LodgingPlace.objects.create(
            site=self.site, organization=provider, name="Harborview Inn", kind=PlaceKind.HOTEL
        )
        village = LodgingPlace.objects.create(
            site=self.site, organization=provider, name="Pallet Village", kind=PlaceKind.SHELTER
        )
        for label in ("101", "102", "103"):
            Unit.objects.create(place=inn, label=label)
        stay_check_in(
            actor=self.lucia,
            person=self.marcus,
            unit=Unit.objects.create(place=village, label="Bed 1"),
            agreement_version="2026-1",
            agreement_signed_on=self.site.today(),
        )
        meeting = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now()
        )
        openings = [d for reason, d in self.agenda(meeting) if reason == Reason.LODGING_OPENING]
        self.assertEqual(openings, ["Harborview Inn: 3 of 3 free"])

    def test_incidents_since_the_last_meeting_are_counted_without_a_name_or_place(self):
        for days, outcome, reviewed in (
            (3, "died", True),
            (2, "recovered", False),
            (40, "recovered", False),
        ):
            incident = incident_report(
                actor=self.ngozi,
                organization=self.orgs[K.CASE_MANAGEMENT],
                kind="overdose",
                program="case_management",
                occurred_at=timezone.now() - timedelta(days=days),
                place_kind="street",
                place_detail="3rd and Pine",
                person=self.marcus,
                outcome=outcome,
            )
            if reviewed:
                incident_transition(actor=self.lucia, incident=incident, to="reviewed", note="Ok")
        meeting = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now()
        )
        counted = [d for reason, d in self.agenda(meeting) if reason == Reason.INCIDENTS]
        # The group meets every two weeks: the incident 40 days ago is not since then.
        self.assertEqual(counted, ["Incidents: 2; deaths: 1; not yet reviewed: 1"])
        item = meeting.items.get(reason=Reason.INCIDENTS)
        self.assertIsNone(item.person_id)

    def test_open_action_items_carry_over_until_done(self):
        first = meeting_schedule(actor=self.lucia, work_group=self.group, starts_at=timezone.now())
        action = action_item_add(
            actor=self.lucia,
            meeting=first,
            description="Find Marcus a detox bed",
            due_on=date.today() + timedelta(days=10),
            owner_user=self.ngozi,
            person=self.marcus,
        )
        second = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() + timedelta(days=14)
        )
        self.assertEqual(second.items.get(reason=Reason.ACTION_ITEM).action_item, action)
        action_item_done(actor=self.ngozi, action=action)
        third = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() + timedelta(days=28)
        )
        self.assertNotIn(Reason.ACTION_ITEM, self.reasons(third))
        with self.assertRaisesMessage(ValidationError, "already done"):
            action_item_done(actor=self.ngozi, action=action)

    def test_an_action_item_without_an_owner_is_refused(self):
        meeting = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now()
        )
        with self.assertRaisesMessage(ValidationError, "needs an owner"):
            action_item_add(
                actor=self.lucia, meeting=meeting, description="Someone call", due_on=date.today()
            )
        self.assertFalse(meeting.raised_actions.exists())

    def test_the_project_manager_adds_removes_and_reorders(self):
        self.refer("JJ")
        self.refer("Kim")
        meeting = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=self.next_week
        )
        added = agenda_item_add(actor=self.lucia, meeting=meeting, detail="Camp sweep on 3rd Ave")
        first, second, third = meeting.items.order_by("position")
        agenda_item_remove(actor=self.lucia, item=first)
        agenda_reorder(actor=self.lucia, meeting=meeting, order=[added.pk, second.pk, first.pk])
        self.assertEqual(
            self.agenda(meeting),
            [(Reason.ADDED, "Camp sweep on 3rd Ave"), (Reason.REFERRAL_DECISION, second.detail)],
        )
        with self.assertRaisesMessage(ValidationError, "every item"):
            agenda_reorder(actor=self.lucia, meeting=meeting, order=[added.pk])
        self.assertEqual(third, added)
