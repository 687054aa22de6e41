from typing import Any

from django.db.models import F, Max, OuterRef, QuerySet, Subquery

from goldenthread.accounts.models import User
from goldenthread.casework.models import Contact, ContactMode, PlaceType
from goldenthread.people.models import Person
from goldenthread.referrals.models import Referral, ReferralStatus


def contact_defaults(staff: User) -> dict[str, Any]:
    """A new contact starts like this person's last one: on a sidewalk, the next contact is
    usually the same kind in the same kind of place."""
    last = Contact.objects.filter(staff=staff).order_by("-created_at").first()
    if last is None:
        return {"mode": ContactMode.IN_PERSON, "place": PlaceType.STREET, "substantive": False}
    return {
        "mode": last.mode,
        "place": last.place,
        "substantive": last.substantive,
        "domains": last.domains,
        "sharing": last.sharing,
    }


# How a caseload can be ordered: by who has gone longest without a contact (where to go
# today), by name, or by status.
CASELOAD_ORDER = {
    "last_contact": (F("last_contact").asc(nulls_first=True), "pk"),
    "name": ("preferred_name", "legal_last_name", "pk"),
    "status": ("engagement_status", "pk"),
}


def caseload_rows(people: QuerySet[Person], order: str) -> QuerySet[Person]:
    """Each participant with their last contact and the next intake deadline of an open
    arrest diversion, in one query whatever the caseload's size."""
    deadline = (
        Referral.objects.filter(
            person=OuterRef("pk"),
            status__in=(ReferralStatus.APPROVED, ReferralStatus.AWAITING_INTAKE),
            intake_due_at__isnull=False,
        )
        .order_by("intake_due_at")
        .values("intake_due_at")[:1]
    )
    return (
        people.select_related("case_manager")
        .annotate(last_contact=Max("contacts__occurred_at"), intake_due=Subquery(deadline))
        .order_by(*CASELOAD_ORDER.get(order, CASELOAD_ORDER["last_contact"]))
    )
