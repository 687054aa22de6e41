"""Reading the policy registry."""

from datetime import date

from goldenthread.governance.models import Policy, PolicyVersion


def current_version(policy: Policy, on: date) -> PolicyVersion | None:
    """The version in force on a day: the latest published one already in effect."""
    return (
        policy.versions.filter(published_at__isnull=False, effective_on__lte=on)
        .order_by("-effective_on", "-number")
        .first()
    )
