"""The one legal clock: an arrest diversion's charge is held while the person completes
intake within the site's window (lead-domain.md 2.2). Kept by the site's own calendar, so a
window that crosses a daylight-saving change still ends at the same time of day."""

from datetime import date, datetime, timedelta

from django.utils import timezone

from goldenthread.organizations.models import Site
from goldenthread.referrals.models import Referral, ReferralStatus

DUE_SOON_DAYS = 3


def intake_due(occurred_at: datetime, site: Site) -> datetime:
    """The same wall-clock time `intake_window_days` calendar days later, on the site's clock.
    (Aware datetimes with one ZoneInfo add wall-clock time; the offset follows the date.)"""
    local = occurred_at.astimezone(site.zone)
    return (local + timedelta(days=site.intake_window_days)).astimezone(occurred_at.tzinfo)


def intake_was_timely(referral: Referral) -> bool:
    return (
        referral.intake_due_at is not None
        and referral.intake_completed_at is not None
        and referral.intake_completed_at <= referral.intake_due_at
    )


def days_left(referral: Referral, today: date) -> int | None:
    """Calendar days until the due date on the site's clock; negative when overdue."""
    if referral.intake_due_at is None:
        return None
    return (referral.intake_due_at.astimezone(referral.site.zone).date() - today).days


def is_overdue(referral: Referral, now: datetime | None = None) -> bool:
    return referral.intake_due_at is not None and (now or timezone.now()) > referral.intake_due_at


def hold_stage(referral: Referral, now: datetime | None = None) -> str:
    """Where an arrest diversion's held charge stands for the liaison prosecutor:
    "not_filed" (intake completed in time: ready to record), "returned" (the window
    lapsed or the referral closed without a timely intake: ready to record), or "running"
    (the clock still runs)."""
    if intake_was_timely(referral):
        return "not_filed"
    closed = (ReferralStatus.DECLINED, ReferralStatus.WITHDRAWN, ReferralStatus.INTAKE_LAPSED)
    if referral.status in closed or is_overdue(referral, now):
        return "returned"
    return "running"
