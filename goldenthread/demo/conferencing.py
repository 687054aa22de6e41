"""Two Operational Work Groups in the demo (the whole site every other week, and the North
Precinct's monthly one), each with a history of meetings whose agendas were built as the
site stood, action items agreed there (one done, others carried on) and the next meeting
scheduled."""

from datetime import timedelta

from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.conferencing.models import WorkGroup
from goldenthread.conferencing.services import (
    action_item_add,
    action_item_done,
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
    members = list(User.objects.filter(username__in=MEMBERS))
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
    meeting_schedule(actor=manager, work_group=everyone, starts_at=now + timedelta(weeks=2))
    meeting_schedule(actor=manager, work_group=north, starts_at=now - timedelta(weeks=3))
    meeting_schedule(actor=manager, work_group=north, starts_at=now + timedelta(weeks=1))
