"""Two Operational Work Groups in the demo (the whole site every other week, and the North
Precinct's monthly one), each with a history of meetings whose agendas were built as the
site stood, with attendance, notes and decisions and closed minutes, action items agreed
there (one done, others carried on), a participant raised by his case manager and the
next meeting scheduled."""

from datetime import timedelta

from django.utils import timezone

from goldenthread.access.sharing import NoteSharing
from goldenthread.accounts.models import User
from goldenthread.conferencing.models import Meeting, WorkGroup
from goldenthread.conferencing.services import (
    action_item_add,
    action_item_done,
    attendance_record,
    flag_raise,
    item_note_add,
    meeting_close,
    meeting_schedule,
    work_group_create,
)
from goldenthread.organizations.models import Organization, OrganizationKind, Site
from goldenthread.people.models import Person

K = OrganizationKind
MEMBERS = (
    "pm.ramirez",
    "cm.okafor",
    "cm.santos",
    "officer.lee",
    "prosecutor.walsh",
    "defender.haddad",
)


def build_conferencing(*, site: Site, organizations: dict[str, Organization]) -> None:
    if WorkGroup.objects.filter(site=site).exists():
        return
    manager = User.objects.get(username="pm.ramirez")
    members = list(User.objects.filter(username__in=MEMBERS).order_by("username"))
    partners = [
        organizations[k]
        for k in (K.POLICE, K.PROSECUTOR, K.PUBLIC_DEFENSE, K.CASE_MANAGEMENT, K.PROJECT_MANAGEMENT)
    ]
    everyone = work_group_create(
        actor=manager, site=site, name="Cascade OWG", organizations=partners, members=members
    )
    north = work_group_create(
        actor=manager,
        site=site,
        name="North Precinct OWG",
        organizations=partners,
        members=members,
        cadence_days=28,
        area="North Precinct",
    )
    now = timezone.now().replace(hour=10, minute=0, second=0, microsecond=0)
    marcus = Person.objects.filter(
        site=site, legal_first_name="Marcus", legal_last_name="Bell"
    ).first()
    okafor = User.objects.get(username="cm.okafor")
    for number, weeks_ago in enumerate((6, 4, 2)):
        meeting = meeting_schedule(
            actor=manager, work_group=everyone, starts_at=now - timedelta(weeks=weeks_ago)
        )
        _minutes(meeting, manager, members[: 4 + number])
        if number == 0:
            done = action_item_add(
                actor=manager,
                meeting=meeting,
                description="Ask the jail to call case management at booking",
                due_on=(meeting.starts_at + timedelta(days=10)).date(),
                owner_organization=organizations[K.PROSECUTOR],
            )
            action_item_done(actor=manager, action=done)
        if number == 1:
            action_item_add(
                actor=manager,
                meeting=meeting,
                description="Find a detox bed before the pretrial hearing",
                due_on=(now + timedelta(days=3)).date(),
                owner_user=okafor,
                person=marcus,
            )
        if number == 2:
            action_item_add(
                actor=manager,
                meeting=meeting,
                description="Walk the 3rd Avenue camp with outreach",
                due_on=(now + timedelta(days=9)).date(),
                owner_organization=organizations[K.POLICE],
            )
        meeting_close(actor=manager, meeting=meeting)
    if marcus is not None:
        flag_raise(
            actor=okafor,
            work_group=everyone,
            person=marcus,
            why="Pretrial hearing next week: who goes with him?",
        )
    meeting_schedule(actor=manager, work_group=everyone, starts_at=now + timedelta(weeks=2))
    held = meeting_schedule(actor=manager, work_group=north, starts_at=now - timedelta(weeks=3))
    _minutes(held, manager, members)
    meeting_close(actor=manager, meeting=held)
    meeting_schedule(actor=manager, work_group=north, starts_at=now + timedelta(weeks=1))


def _minutes(meeting: Meeting, manager: User, attendees: list[User]) -> None:
    """Who came, a shareable note on every item and a decision on the first, and a note
    only case management reads on each item about a participant."""
    attendance_record(actor=manager, meeting=meeting, attendees=attendees)
    for number, item in enumerate(meeting.items.order_by("position")):
        item_note_add(
            actor=manager,
            item=item,
            text=NOTES[number % len(NOTES)],
            sharing=NoteSharing.PARTNERS,
            is_decision=number == 0,
        )
        if item.person_id is not None:
            item_note_add(
                actor=manager,
                item=item,
                text="Case manager to follow up in person this week.",
                sharing=NoteSharing.TEAM,
            )


NOTES = (
    "Agreed: case management leads; police hold off on any stop until they hear back.",
    "Discussed; no change this fortnight.",
    "Outreach will look for him at the usual places.",
)
