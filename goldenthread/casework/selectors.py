from typing import Any

from goldenthread.accounts.models import User
from goldenthread.casework.models import Contact, ContactMode, PlaceType


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
