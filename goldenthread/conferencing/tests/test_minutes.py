"""What a meeting records and who reads it: notes in two classes, decisions, attendance,
staff flags, the closed minutes, the next meeting from the cadence, each recipient's copy
of the minutes, and each owner's action items on their home page."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.access.policy import agenda_brief
from goldenthread.access.sharing import NoteSharing
from goldenthread.conferencing.models import Flag, GroupKind, ItemNote, Reason
from goldenthread.conferencing.services import (
    action_item_add,
    agenda_item_add,
    attendance_record,
    flag_raise,
    item_note_add,
    meeting_close,
    meeting_schedule,
    meeting_schedule_next,
    next_meeting_time,
    work_group_create,
)
from goldenthread.consent.models import CategoryCode, DataCategory
from goldenthread.organizations.models import OrganizationKind
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind


class OneMeeting(PersonaTestCase):
    """A work group met an hour ago: an item about Marcus Bell, a general one."""

    def setUp(self) -> None:
        self.group = work_group_create(
            actor=self.lucia,
            site=self.site,
            name="Downtown OWG",
            organizations=[
                self.orgs[k] for k in (K.POLICE, K.CASE_MANAGEMENT, K.PROJECT_MANAGEMENT)
            ],
            members=[self.lucia, self.ngozi, self.jordan],
        )
        self.marcus = participant(
            self.site,
            self.orgs[K.CASE_MANAGEMENT],
            self.ngozi,
            legal_first_name="Marcus",
            legal_last_name="Bell",
        )
        self.meeting = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() - timedelta(hours=1)
        )
        self.about_marcus = agenda_item_add(
            actor=self.lucia, meeting=self.meeting, detail="Housing", person=self.marcus
        )
        self.general = agenda_item_add(actor=self.lucia, meeting=self.meeting, detail="Camp sweep")

    def notes_read_by(self, user) -> dict[str, list[str]]:
        brief = agenda_brief(self.membership(user), self.meeting)
        return {item.detail: [note.text for note in item.notes] for item in brief.items}


class MinutesTests(OneMeeting):
    def test_restricted_notes_stay_with_case_management_and_shared_ones_follow_consent(self):
        share(self.marcus, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        item_note_add(
            actor=self.lucia, item=self.about_marcus, text="Relapsed", sharing=NoteSharing.TEAM
        )
        item_note_add(
            actor=self.lucia,
            item=self.about_marcus,
            text="Call Ngozi first",
            sharing=NoteSharing.PARTNERS,
            is_decision=True,
        )
        item_note_add(
            actor=self.lucia, item=self.general, text="Outreach lead", sharing=NoteSharing.TEAM
        )
        item_note_add(
            actor=self.lucia, item=self.general, text="Sweep moved", sharing=NoteSharing.PARTNERS
        )
        case_manager = self.notes_read_by(self.ngozi)
        self.assertEqual(case_manager["Housing"], ["Relapsed", "Call Ngozi first"])
        self.assertEqual(case_manager["Camp sweep"], ["Outreach lead", "Sweep moved"])
        # The officer's release covers status, not case notes: the item, none of its notes.
        officer = self.notes_read_by(self.jordan)
        self.assertEqual(officer["Housing"], [])
        self.assertEqual(officer["Camp sweep"], ["Sweep moved"])
        share(self.marcus, self.ngozi, [K.POLICE], [CategoryCode.CASE_NOTES])
        self.assertEqual(self.notes_read_by(self.jordan)["Housing"], ["Call Ngozi first"])
        # The project manager reads the restricted note they wrote themselves, and nothing
        # about Marcus, whose release does not name project management.
        project_manager = self.notes_read_by(self.lucia)
        self.assertEqual(project_manager["Camp sweep"], ["Outreach lead", "Sweep moved"])
        self.assertNotIn("Housing", project_manager)

    def test_a_past_meeting_with_no_notes_cannot_close_and_a_closed_one_never_changes(self):
        with self.assertRaisesMessage(ValidationError, "This meeting has no notes"):
            meeting_close(actor=self.lucia, meeting=self.meeting)
        self.meeting.refresh_from_db()
        self.assertFalse(self.meeting.held)
        ahead = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() + timedelta(days=3)
        )
        with self.assertRaisesMessage(ValidationError, "has not taken place yet"):
            meeting_close(actor=self.lucia, meeting=ahead)
        item_note_add(
            actor=self.lucia, item=self.general, text="Agreed", sharing=NoteSharing.PARTNERS
        )
        attendance_record(actor=self.lucia, meeting=self.meeting, attendees=[self.ngozi])
        meeting_close(actor=self.lucia, meeting=self.meeting)
        self.meeting.refresh_from_db()
        closed = "minutes of this meeting are closed"
        with self.assertRaisesMessage(ValidationError, closed):
            item_note_add(
                actor=self.lucia, item=self.general, text="Later", sharing=NoteSharing.TEAM
            )
        with self.assertRaisesMessage(ValidationError, closed):
            agenda_item_add(actor=self.lucia, meeting=self.meeting, detail="Late item")
        with self.assertRaisesMessage(ValidationError, closed):
            attendance_record(actor=self.lucia, meeting=self.meeting, attendees=[])
        self.assertEqual(list(ItemNote.objects.values_list("text", flat=True)), ["Agreed"])
        self.assertEqual(list(self.meeting.attendees.all()), [self.ngozi])

    def test_attendees_come_from_the_roster(self):
        with self.assertRaisesMessage(ValidationError, "from the work group's members"):
            attendance_record(actor=self.lucia, meeting=self.meeting, attendees=[self.dana])
        self.assertFalse(self.meeting.attendees.exists())

    def test_a_note_with_nothing_in_it_is_refused(self):
        with self.assertRaises(ValidationError) as refused:
            item_note_add(
                actor=self.lucia, item=self.general, text=" \x00 ", sharing=NoteSharing.TEAM
            )
        self.assertIn("text", refused.exception.message_dict)
        self.assertFalse(ItemNote.objects.exists())

    def test_staff_flag_a_participant_for_the_next_meeting_once(self):
        flag_raise(actor=self.ngozi, work_group=self.group, person=self.marcus, why="Lost ID")
        with self.assertRaisesMessage(ValidationError, "already raised"):
            flag_raise(actor=self.ngozi, work_group=self.group, person=self.marcus, why="Again")
        following = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() + timedelta(days=7)
        )
        flagged = following.items.get(reason=Reason.FLAGGED)
        self.assertEqual((flagged.person, flagged.detail), (self.marcus, "Lost ID"))
        self.assertEqual(Flag.objects.get().taken_up_at, following)
        later = meeting_schedule(
            actor=self.lucia, work_group=self.group, starts_at=timezone.now() + timedelta(days=21)
        )
        self.assertFalse(later.items.filter(reason=Reason.FLAGGED).exists())

    def test_the_next_meeting_follows_the_cadence_and_is_scheduled_once(self):
        now = timezone.now()
        self.assertEqual(next_meeting_time(self.group, now), self.meeting.starts_at + timedelta(14))
        long_ago = now - timedelta(days=40)
        self.meeting.starts_at = long_ago
        self.meeting.save()
        # Whole cadences on from the last meeting, to the first one still ahead.
        self.assertEqual(next_meeting_time(self.group, now), long_ago + timedelta(days=42))
        following = meeting_schedule_next(actor=self.lucia, work_group=self.group)
        self.assertEqual(following.starts_at, long_ago + timedelta(days=42))
        with self.assertRaisesMessage(ValidationError, "already scheduled"):
            meeting_schedule_next(actor=self.lucia, work_group=self.group)


class MinutesScreenTests(OneMeeting):
    def test_the_project_manager_runs_the_meeting_and_closes_its_minutes(self):
        pm = self.sign_in(self.lucia)
        url = f"/work-groups/meetings/{self.meeting.pk}/"
        self.assertContains(pm.get(url), "its minutes are not closed")
        refused = pm.post(url, {"op": "close"})
        self.assertContains(refused, "This meeting has no notes", status_code=400)
        empty = pm.post(url, {"op": "add_note", "item": self.general.pk, "sharing": "team"})
        self.assertContains(empty, "Note: This field is required.", status_code=400)
        added = pm.post(
            url,
            {
                "op": "add_note",
                "item": self.general.pk,
                "text": "Sweep moved to Friday",
                "sharing": "partners",
                "is_decision": "on",
            },
        )
        self.assertRedirects(added, url)
        note = ItemNote.objects.get()
        self.assertEqual((note.is_decision, note.sharing), (True, NoteSharing.PARTNERS))
        pm.post(url, {"op": "attendance", "attendance-attendees": [self.ngozi.pk, self.jordan.pk]})
        self.assertEqual(set(self.meeting.attendees.all()), {self.ngozi, self.jordan})
        self.assertRedirects(pm.post(url, {"op": "close"}), url)
        page = pm.get(url)
        self.assertContains(page, "Minutes closed")
        self.assertNotContains(page, "Add a note or decision")
        self.assertEqual(pm.post(url, {"op": "close"}).status_code, 403)

    def test_each_recipient_gets_their_own_copy_with_the_part2_notice_where_it_applies(self):
        item_note_add(
            actor=self.lucia, item=self.about_marcus, text="Methadone dose", sharing="partners"
        )
        item_note_add(actor=self.lucia, item=self.general, text="Sweep moved", sharing="partners")
        DataCategory.objects.filter(site=self.site, code=CategoryCode.CASE_NOTES).update(
            is_part2=True
        )
        share(self.marcus, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        pm = self.sign_in(self.lucia)
        url = f"/work-groups/meetings/{self.meeting.pk}/minutes/"
        case_manager = pm.get(url, {"for": str(self.membership(self.ngozi).pk)})
        self.assertContains(case_manager, "Methadone dose")
        self.assertContains(case_manager, "42 CFR part 2")
        officer = pm.get(url, {"for": str(self.membership(self.jordan).pk), "format": "text"})
        self.assertEqual(officer["Content-Type"], "text/plain; charset=utf-8")
        self.assertIn("attachment;", officer["Content-Disposition"])
        text = officer.content.decode()
        # The officer's copy names Marcus (status and whom to call) without his notes.
        self.assertIn("Marcus", text)
        self.assertIn("Sweep moved", text)
        self.assertNotIn("Methadone", text)
        self.assertNotIn("42 CFR part 2", text)
        self.assertAudited(
            action="export",
            subject_person_id=self.marcus.pk,
            actor_id=self.lucia.pk,
            categories=[CategoryCode.ENROLLMENT_STATUS],
        )
        self.assertAudited(
            action="view",
            subject_person_id=self.marcus.pk,
            actor_id=self.lucia.pk,
            categories=[CategoryCode.CASE_NOTES, CategoryCode.ENROLLMENT_STATUS],
        )
        # Anyone else only ever gets their own copy.
        officer_client = self.sign_in(self.jordan)
        own = officer_client.get(url)
        self.assertContains(own, "Sweep moved")
        self.assertEqual(
            officer_client.get(url, {"for": str(self.membership(self.ngozi).pk)}).status_code, 404
        )

    def test_owners_see_their_open_action_items_on_the_home_page(self):
        action_item_add(
            actor=self.lucia,
            meeting=self.meeting,
            description="Call the jail",
            due_on=date.today() + timedelta(days=2),
            owner_organization=self.orgs[K.POLICE],
        )
        self.assertContains(self.sign_in(self.jordan).get("/"), "Call the jail")
        self.assertNotContains(self.sign_in(self.ngozi).get("/"), "Call the jail")

    def test_case_managers_raise_their_participant_at_a_work_group(self):
        work_group_create(
            actor=self.lucia,
            site=self.site,
            name="Cascade PCG",
            organizations=[self.orgs[K.CASE_MANAGEMENT]],
            members=[self.lucia],
            kind=GroupKind.POLICY,
        )
        client = self.sign_in(self.ngozi)
        url = f"/work-groups/raise/{self.marcus.pk}/"
        form = client.get(url)
        self.assertContains(form, "Downtown OWG")
        # The Policy Coordinating Group's agenda takes up policies, never people.
        self.assertNotContains(form, "Cascade PCG")
        refused = client.post(url, {"work_group": self.group.pk, "why": ""})
        self.assertEqual(refused.status_code, 400)
        raised = client.post(url, {"work_group": self.group.pk, "why": "Lost his ID again"})
        self.assertRedirects(raised, f"/people/{self.marcus.pk}/")
        self.assertEqual(Flag.objects.get().flagged_by, self.ngozi)
