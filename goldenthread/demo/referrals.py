"""A year of synthetic referrals through every door, area and outcome, made through the
same services staff use and then backdated so the history spreads over the year.

Outcomes follow the rules in force on each referral's date: conduct the first rule set did
not cover is declined as ineligible, exclusions found at screening are declined with the
reason, and arrest diversions carry the intake clock through to the prosecutor's record.
"""

import random
from datetime import datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.demo.eligibility import CODE_FOR, VERSIONS
from goldenthread.demo.personas import AREAS, FIRST_NAMES, LAST_NAMES
from goldenthread.eligibility.services import referral_record_screening
from goldenthread.organizations.models import Membership, Role, Site
from goldenthread.people.models import RaceEthnicity, Sex
from goldenthread.referrals.capacity import caseload_of
from goldenthread.referrals.intake import referral_enroll, referral_record_hold
from goldenthread.referrals.models import (
    ConductCategory,
    Door,
    HoldOutcome,
    Referral,
    ReferralStatus,
    ReferralTransition,
    ScreeningQuestion,
)
from goldenthread.referrals.services import (
    referral_submit,
    referral_submit_public,
    referral_transition,
)

S = ReferralStatus
C = ConductCategory
Q = ScreeningQuestion
HISTORY_SIZE = 60
DAYS = 360
# Washtenaw reports most referrals as social contacts; arrest diversions next.
DOORS = ((Door.SOCIAL_CONTACT, 50), (Door.ARREST_DIVERSION, 35), (Door.COMMUNITY, 15))
OUTCOMES = (
    ("enrolled", 40),
    ("declined", 15),
    ("lapsed", 8),
    ("withdrawn", 5),
    ("awaiting", 12),
    ("screening", 10),
    ("submitted", 10),
)
RACES = (
    (RaceEthnicity.BLACK, 30),
    (RaceEthnicity.WHITE, 40),
    (RaceEthnicity.HISPANIC, 12),
    (RaceEthnicity.AMERICAN_INDIAN, 8),
    (RaceEthnicity.ASIAN, 6),
    (RaceEthnicity.PACIFIC_ISLANDER, 4),
)
# Enrollment stops short of the warning level so the demo shows headroom.
DEMO_CASELOAD_CEILING = 18
ALL_NO = dict.fromkeys(Q.values, False)


def _pick(rng: random.Random, weighted: tuple[tuple[str, int], ...]) -> str:
    values, weights = zip(*weighted, strict=True)
    return rng.choices(values, weights=weights)[0]


def build_referrals(*, site: Site, approver: User, seed: int) -> None:
    if Referral.objects.filter(site=site).exists():
        return
    rng = random.Random(f"referrals:{seed}")
    staff = {u.username: u for u in User.objects.filter(username__in=_USERNAMES)}
    case_managers = list(
        Membership.objects.filter(
            organization__site=site, role=Role.CASE_MANAGER, user__username__startswith="cm."
        )
        .select_related("organization", "user")
        .order_by("user__username")
    )
    supervisor = Membership.objects.get(user=staff["supervisor.chen"])
    now = timezone.now()
    for number in range(HISTORY_SIZE):
        door = _pick(rng, DOORS)
        outcome = _pick(rng, OUTCOMES)
        days_ago = rng.randrange(2, DAYS)
        if outcome in ("submitted", "screening"):
            days_ago = rng.randrange(1, 6)
        occurred = now - timedelta(days=days_ago, minutes=rng.randrange(0, 600))
        referral = _submit(rng, site, staff, door, occurred, number, outcome)
        _walk(rng, referral, outcome, approver, supervisor, case_managers, staff)
    _public_referral(site)


_USERNAMES = (
    "officer.lee",
    "sgt.morales",
    "referrer.brooks",
    "supervisor.chen",
    "prosecutor.walsh",
)


def _conduct(rng: random.Random, occurred: datetime, outcome: str) -> str:
    """Conduct the rules in force then cover, unless the referral is to be declined for it."""
    first_version_until = timezone.now() - timedelta(days=VERSIONS[1][0])
    if outcome == "declined" and occurred < first_version_until and rng.random() < 0.5:
        return rng.choice([C.THEFT, C.TRESPASS])  # eligible only from the second version
    if occurred < first_version_until:
        return rng.choice([C.DRUG_POSSESSION, C.DRUG_POSSESSION, C.PROSTITUTION])
    return rng.choice([C.DRUG_POSSESSION, C.THEFT, C.TRESPASS, C.PROSTITUTION])


def _submit(
    rng: random.Random,
    site: Site,
    staff: dict[str, User],
    door: str,
    occurred: datetime,
    number: int,
    outcome: str,
) -> Referral:
    police = door != Door.COMMUNITY
    referrer = (
        staff[rng.choice(["officer.lee", "officer.lee", "sgt.morales"])]
        if police
        else (staff["referrer.brooks"])
    )
    membership = Membership.objects.select_related("organization__site").get(user=referrer)
    social = door == Door.SOCIAL_CONTACT
    name = {
        "preferred_name": f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)[0]}.",
        "approximate_age": rng.randrange(19, 66),
    }
    conduct = _conduct(rng, occurred, outcome)
    referral, _ = referral_submit(
        actor=referrer,
        membership=membership,
        door=door,
        person=None,
        new_person=name,
        occurred_at=occurred,
        conduct=conduct,
        offense_code=CODE_FOR[conduct] if police else "",
        area=rng.choice(AREAS),
        incident_number=f"26-{40000 + number}" if door == Door.ARREST_DIVERSION else "",
        observed_race_ethnicity=[_pick(rng, RACES)] if police else [],
        observed_sex=rng.choice([Sex.MALE, Sex.MALE, Sex.FEMALE]) if police else Sex.UNKNOWN,
        verification_basis=rng.choice(["records", "observation", "report"]) if social else "",
        last_conduct_on=(occurred - timedelta(days=rng.randrange(3, 300))).date()
        if social
        else None,
        in_program_area=True if social else None,
        idempotency_key=f"demo-history-{number}",
    )
    return referral


def _walk(
    rng: random.Random,
    referral: Referral,
    outcome: str,
    approver: User,
    supervisor: Membership,
    case_managers: list[Membership],
    staff: dict[str, User],
) -> None:
    """Moves one referral to its outcome, then backdates each step after the referral."""
    if outcome == "submitted":
        return
    drugs = referral.conduct in (C.DRUG_POSSESSION, C.DRUG_DELIVERY)
    answers = dict(ALL_NO)
    grams = Decimal(rng.choice(["0.4", "1.2", "2.5"])) if drugs else None
    decline_reason = "Ineligible under the rules in force then."
    if outcome == "declined" and referral.conduct not in (C.THEFT, C.TRESPASS):
        answers[Q.NO_CONTACT_ORDER] = True
        decline_reason = "No-contact order with a current participant."
    referral_transition(actor=approver, referral=referral, to=S.SCREENING)
    referral_record_screening(
        actor=approver,
        referral=referral,
        answers=answers,
        drug_grams=grams,
        last_disqualifying_conviction_on=None,
    )
    if outcome == "declined":
        referral_transition(actor=approver, referral=referral, to=S.DECLINED, reason=decline_reason)
    elif outcome == "withdrawn":
        referral_transition(
            actor=approver, referral=referral, to=S.WITHDRAWN, reason="Moved out of the county."
        )
    elif outcome != "screening":
        referral_transition(actor=approver, referral=referral, to=S.APPROVED)
        referral_transition(actor=approver, referral=referral, to=S.AWAITING_INTAKE)
        if outcome == "lapsed":
            referral_transition(
                actor=approver, referral=referral, to=S.INTAKE_LAPSED, reason="Not found in time."
            )
        elif outcome == "enrolled":
            manager = min(case_managers, key=lambda m: caseload_of(m.user_id))
            if caseload_of(manager.user_id) < DEMO_CASELOAD_CEILING:
                referral_enroll(
                    actor=supervisor.user,
                    acting=supervisor,
                    referral=referral,
                    case_manager=manager,
                )
    _backdate(rng, referral)
    _record_hold(referral, staff["prosecutor.walsh"])


def _backdate(rng: random.Random, referral: Referral) -> None:
    """Spreads the steps over the days after the referral; intakes mostly within the window."""
    start = referral.occurred_at + timedelta(minutes=rng.randrange(5, 90))
    Referral.objects.filter(pk=referral.pk).update(submitted_at=start)
    at = start
    for move in ReferralTransition.objects.filter(referral=referral).order_by("pk"):
        at += timedelta(hours=rng.randrange(2, 72))
        ReferralTransition.objects.filter(pk=move.pk).update(at=at)
    referral.refresh_from_db()
    if referral.intake_completed_at is not None:
        window = referral.site.intake_window_days
        late = rng.random() < 0.1
        days = window + 2 if late and referral.intake_due_at else rng.randrange(2, window)
        completed = min(referral.occurred_at + timedelta(days=days), timezone.now())
        Referral.objects.filter(pk=referral.pk).update(intake_completed_at=completed)
        referral.intake_completed_at = completed


def _record_hold(referral: Referral, prosecutor: User) -> None:
    """Arrest diversions past their window get the prosecutor's record; recent ones wait."""
    if referral.door != Door.ARREST_DIVERSION or referral.intake_due_at is None:
        return
    if referral.intake_due_at > timezone.now() - timedelta(days=3):
        return
    timely = (
        referral.intake_completed_at is not None
        and referral.intake_completed_at <= referral.intake_due_at
    )
    outcome = HoldOutcome.NOT_FILED if timely else HoldOutcome.RETURNED
    referral_record_hold(actor=prosecutor, referral=referral, outcome=outcome)


def _public_referral(site: Site) -> None:
    referral_submit_public(
        site=site,
        name="Goes by Sunny",
        approximate_age=50,
        area="Downtown",
        narrative="Sleeps by the bakery on Pine; asked me how to get an ID.",
        contact="",
    )
