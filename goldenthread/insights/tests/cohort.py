"""Referrals written straight to the tables, many at once, for tests whose subject is the
arithmetic over them rather than how a referral is made."""

import itertools
from datetime import datetime, time

from goldenthread.accounts.models import User
from goldenthread.insights.models import DataImport, Encounter, ImportKind
from goldenthread.insights.periods import Quarter
from goldenthread.organizations.models import Site
from goldenthread.people.models import Person
from goldenthread.referrals.models import Door, Referral, ReferralStatus, ReferralTransition

_codes = itertools.count(1)


def referrals(
    site: Site,
    actor: User,
    *,
    count: int,
    race: list[str],
    approved: int = 0,
    enrolled_at: datetime | None = None,
    enrolled: int = 0,
    door: str = Door.SOCIAL_CONTACT,
    area: str = "Downtown",
) -> list[Referral]:
    """`count` referrals of new people; the first `approved` approved, the first
    `enrolled` of those enrolled at `enrolled_at`."""
    people = Person.objects.bulk_create(
        Person(site=site, preferred_name=f"P{next(_codes)}", race_ethnicity_self=race)
        for _ in range(count)
    )
    made = Referral.objects.bulk_create(
        Referral(
            site=site,
            door=door,
            person=person,
            referrer=actor,
            occurred_at=enrolled_at or datetime.now().astimezone(),
            area=area,
            conduct="trespass",
            observed_race_ethnicity=race,
            receipt_code=f"T{next(_codes):011d}",
            status=(
                ReferralStatus.ENROLLED
                if number < min(enrolled, approved)
                else ReferralStatus.APPROVED
                if number < approved
                else ReferralStatus.DECLINED
            ),
            intake_completed_at=enrolled_at if number < min(enrolled, approved) else None,
        )
        for number, person in enumerate(people)
    )
    ReferralTransition.objects.bulk_create(
        ReferralTransition(
            referral=referral,
            from_status=ReferralStatus.SCREENING,
            to_status=ReferralStatus.APPROVED,
            actor=actor,
        )
        for referral in made[:approved]
    )
    return made


def encounters(site: Site, actor: User, *, count: int, race: list[str], on: datetime) -> None:
    data_import = DataImport.objects.create(
        site=site,
        kind=ImportKind.BASELINE,
        name="t",
        content_hash=f"{next(_codes)}",
        imported_by=actor,
    )
    Encounter.objects.bulk_create(
        Encounter(
            site=site,
            data_import=data_import,
            fingerprint=f"f{next(_codes)}",
            occurred_on=on.date(),
            area="Downtown",
            offense_code="T1",
            conduct="trespass",
            race_ethnicity=race,
            sex="male",
            age=30,
            eligible=True,
        )
        for _ in range(count)
    )


def enrolled_last_quarter(
    site: Site, actor: User, count: int
) -> tuple[Quarter, datetime, list[Referral]]:
    """`count` people enrolled on the first morning of the last finished quarter."""
    quarter = Quarter.of(site.today()).previous()
    start = datetime.combine(quarter.first_day, time(9), site.zone)
    made = referrals(
        site, actor, count=count, race=["white"], approved=count, enrolled=count, enrolled_at=start
    )
    return quarter, start, made
