"""Case management: who logs contacts and who reads which of them.

Part of the one access policy (goldenthread.access.policy).
"""

from django.db.models import QuerySet

from goldenthread.access.policy.participants import DataAction, NoteSharing, decide, may_read_note
from goldenthread.casework.models import Contact
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person


def may_log_contact(membership: Membership | None, person: Person) -> bool:
    """The assigned provider's care team writes the case record."""
    return bool(decide(membership, person, CategoryCode.CASE_NOTES, DataAction.EDIT))


def contacts_visible_to(membership: Membership | None, person: Person) -> QuerySet[Contact]:
    """Every contact for the care team; for a partner, only those whose author shared them
    with partners and only under a release of case notes; for anyone else, none."""
    contacts = Contact.objects.filter(person=person)
    if may_read_note(membership, person, NoteSharing.TEAM):
        return contacts
    if may_read_note(membership, person, NoteSharing.PARTNERS):
        return contacts.filter(sharing=NoteSharing.PARTNERS)
    return Contact.objects.none()
