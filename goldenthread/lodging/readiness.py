""" "Housing ready" at exit (lead-domain.md 9.1): the identity documents a housing
application asks for, all three held, and health insurance. The liaison checks them at
check-out; the wave table counts them on the day of exit."""

from goldenthread.casework.models import StatusKind, StatusRecord

HOUSING_READY = (StatusKind.PHOTO_ID, StatusKind.BIRTH_CERTIFICATE, StatusKind.SOCIAL_SECURITY_CARD)
# What the check-out page asks, in this order.
EXIT_CHECKLIST: tuple[StatusKind, ...] = (*HOUSING_READY, StatusKind.INSURANCE)


def ready_and_insured(facts: dict[str, StatusRecord]) -> tuple[bool, bool]:
    """From the status records in force on a day: every document held; any coverage."""
    ready = all(kind in facts and facts[kind].value == "held" for kind in HOUSING_READY)
    insurance = facts.get(StatusKind.INSURANCE)
    return ready, insurance is not None and insurance.value != "none"
