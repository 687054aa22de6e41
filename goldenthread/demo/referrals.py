"""Synthetic referrals through each door, at different points of the workflow."""

from datetime import timedelta

from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.eligibility.services import referral_record_screening
from goldenthread.organizations.models import Membership
from goldenthread.people.models import Person
from goldenthread.referrals.models import Door, ReferralStatus, ScreeningQuestion
from goldenthread.referrals.services import referral_submit, referral_transition

S = ReferralStatus
# (referrer, person's preferred or first name, door, conduct, days ago, moves with reasons)
HISTORY = (
    (
        "officer.lee",
        "Marcus",
        Door.SOCIAL_CONTACT,
        "trespass",
        40,
        ((S.SCREENING, ""), (S.APPROVED, ""), (S.AWAITING_INTAKE, ""), (S.ENROLLED, "")),
    ),
    ("officer.lee", "JJ", Door.ARREST_DIVERSION, "drug_possession", 2, ()),
    (
        "sgt.morales",
        "Samuel",
        Door.SOCIAL_CONTACT,
        "theft",
        20,
        ((S.SCREENING, ""), (S.DECLINED, "Conduct outside the program area.")),
    ),
    ("referrer.brooks", "Ana", Door.COMMUNITY, "trespass", 5, ((S.SCREENING, ""),)),
)


def build_referrals(*, approver: User) -> None:
    now = timezone.now()
    for username, name, door, conduct, days_ago, moves in HISTORY:
        referrer = User.objects.get(username=username)
        membership = Membership.objects.filter(user=referrer).first()
        person = (
            Person.objects.filter(preferred_name=name).first()
            or Person.objects.filter(legal_first_name=name).first()
        )
        if membership is None or person is None:
            continue
        occurred = now - timedelta(days=days_ago)
        social = door == Door.SOCIAL_CONTACT
        referral, created = referral_submit(
            actor=referrer,
            membership=membership,
            door=door,
            person=person,
            new_person=None,
            occurred_at=occurred,
            conduct=conduct,
            area="Downtown" if days_ago % 2 else "Eastside",
            verification_basis="records" if social else "",
            last_conduct_on=(occurred - timedelta(days=30)).date() if social else None,
            in_program_area=True if social else None,
            idempotency_key=f"demo-{name}",
        )
        if created:
            for status, reason in moves:
                if status == S.APPROVED:
                    referral_record_screening(
                        actor=approver,
                        referral=referral,
                        answers=dict.fromkeys(ScreeningQuestion.values[:-1], False),
                        drug_grams=None,
                        last_disqualifying_conviction_on=None,
                    )
                referral_transition(actor=approver, referral=referral, to=status, reason=reason)
