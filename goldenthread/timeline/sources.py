"""What the timeline is made of: each source names the rows the services wrote about a
person, the field that places a row in time, the group a reader filters by, and the release
category a row discloses. Every source asks the access policy for its rows, so a reader sees
exactly the parts of the story they may see. A new kind of event (lodging, say) is one more
entry in SOURCES."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from goldenthread.access.policy import (
    DataAction,
    assessments_visible_to,
    contacts_visible_to,
    decide,
    goals_visible_to,
    incidents_visible_to,
    matters_visible_to,
    services_visible_to,
)
from goldenthread.casework.models import (
    SERVICE_CATEGORY,
    Assignment,
    EngagementChange,
    StatusRecord,
)
from goldenthread.consent.models import CategoryCode as C
from goldenthread.lodging.models import OnCallEntry, Stay, StayNote
from goldenthread.organizations.models import Membership
from goldenthread.outreach.models import Offer, Visit
from goldenthread.people.models import Person
from goldenthread.plans.models import GoalProgress
from goldenthread.referrals.models import Referral, ReferralTransition

GROUPS = {
    "referral": _("Referral and intake"),
    "contacts": _("Contacts"),
    "plan": _("Assessments and plan"),
    "status": _("Status changes"),
    "services": _("Services"),
    "legal": _("Legal matters"),
    "lodging": _("Lodging and outreach"),
    "incidents": _("Critical incidents"),
}


def _if(category: str, rows: Callable[[Person], QuerySet[Any]]) -> Callable[..., QuerySet[Any]]:
    """Rows that need the reader to be allowed one category of the person."""

    def visible(membership: Membership | None, person: Person) -> QuerySet[Any]:
        if decide(membership, person, category, DataAction.VIEW):
            return rows(person)
        return rows(person).none()

    return visible


def _progress(membership: Membership | None, person: Person) -> QuerySet[GoalProgress]:
    goals = goals_visible_to(membership, person)
    return GoalProgress.objects.filter(goal__in=goals).select_related("goal", "actor")


@dataclass(frozen=True)
class Source:
    kind: str  # names the entry's template part; also the tie-breaker between sources
    group: str
    key: str  # the field that places a row in time
    dated: bool  # the key is a date: the row sits at the start of that day, site time
    rows: Callable[[Membership | None, Person], QuerySet[Any]]
    category: Callable[[Any], str]


SOURCES = (
    Source(
        "referral",
        "referral",
        "occurred_at",
        False,
        _if(C.ENROLLMENT_STATUS, lambda p: Referral.objects.filter(person=p)),
        lambda row: C.ENROLLMENT_STATUS,
    ),
    Source(
        "referral_step",
        "referral",
        "at",
        False,
        _if(
            C.ENROLLMENT_STATUS,
            lambda p: ReferralTransition.objects.filter(referral__person=p).select_related("actor"),
        ),
        lambda row: C.ENROLLMENT_STATUS,
    ),
    Source(
        "contact",
        "contacts",
        "occurred_at",
        False,
        lambda m, p: contacts_visible_to(m, p).select_related("staff"),
        lambda row: C.CASE_NOTES,
    ),
    Source(
        "assessment",
        "plan",
        "assessed_on",
        True,
        lambda m, p: assessments_visible_to(m, p).prefetch_related("needs"),
        lambda row: C.CARE_PLAN,
    ),
    Source(
        "goal",
        "plan",
        "created_at",
        False,
        lambda m, p: goals_visible_to(m, p).select_related("created_by"),
        lambda row: C.CARE_PLAN,
    ),
    Source("progress", "plan", "at", False, _progress, lambda row: C.CARE_PLAN),
    Source(
        "engagement",
        "status",
        "at",
        False,
        _if(
            C.ENROLLMENT_STATUS,
            lambda p: EngagementChange.objects.filter(person=p).select_related("actor"),
        ),
        lambda row: C.ENROLLMENT_STATUS,
    ),
    Source(
        "assignment",
        "status",
        "at",
        False,
        _if(
            C.ENROLLMENT_STATUS,
            lambda p: Assignment.objects.filter(person=p).select_related(
                "from_case_manager", "to_case_manager"
            ),
        ),
        lambda row: C.ENROLLMENT_STATUS,
    ),
    Source(
        "status",
        "status",
        "as_of",
        True,
        _if(C.HOUSING_BENEFITS, lambda p: StatusRecord.objects.filter(person=p)),
        lambda row: C.HOUSING_BENEFITS,
    ),
    Source(
        "service",
        "services",
        "occurred_on",
        True,
        services_visible_to,
        lambda row: SERVICE_CATEGORY[row.kind],
    ),
    Source(
        "legal", "legal", "noted_at", False, matters_visible_to, lambda row: C.LEGAL_COORDINATION
    ),
    # Where someone stayed or was met is whereabouts; what they were offered, housing.
    Source(
        "stay",
        "lodging",
        "checked_in_at",
        False,
        _if(
            C.CONTACT_WHEREABOUTS,
            lambda p: Stay.objects.filter(person=p).select_related("unit__place"),
        ),
        lambda row: C.CONTACT_WHEREABOUTS,
    ),
    # A lodging liaison's notes and the on-call log's lines about a guest read as notes.
    Source(
        "stay_note",
        "lodging",
        "written_at",
        False,
        _if(
            C.CASE_NOTES,
            lambda p: StayNote.objects.filter(stay__person=p).select_related(
                "stay__unit__place", "written_by"
            ),
        ),
        lambda row: C.CASE_NOTES,
    ),
    Source(
        "on_call",
        "lodging",
        "occurred_at",
        False,
        _if(
            C.CASE_NOTES,
            lambda p: OnCallEntry.objects.filter(stay__person=p).select_related(
                "shift__place", "written_by"
            ),
        ),
        lambda row: C.CASE_NOTES,
    ),
    Source(
        "visit",
        "lodging",
        "visited_on",
        True,
        _if(
            C.CONTACT_WHEREABOUTS,
            lambda p: Visit.objects.filter(resident__person=p).select_related(
                "resident__encampment", "by"
            ),
        ),
        lambda row: C.CONTACT_WHEREABOUTS,
    ),
    Source(
        "offer",
        "lodging",
        "offered_on",
        True,
        _if(
            C.HOUSING_BENEFITS,
            lambda p: Offer.objects.filter(resident__person=p).select_related("place", "by"),
        ),
        lambda row: C.HOUSING_BENEFITS,
    ),
    # Incidents follow their own rule, not a release: never to an enforcement role.
    Source(
        "incident",
        "incidents",
        "occurred_at",
        False,
        lambda m, p: (
            incidents_visible_to(m).filter(person=p).select_related("lodging_place", "encampment")
        ),
        lambda row: C.HEALTH,
    ),
)
