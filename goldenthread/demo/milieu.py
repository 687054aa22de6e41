"""The demo's street milieu (Third Avenue-style): a safety ambassador's six months of
encounters along one corridor, mostly with people known only by a street name, a few
referred to shelter or housing, some waiting, a few housed."""

import random
from datetime import datetime, time, timedelta

from goldenthread.accounts.models import User
from goldenthread.milieu.models import Encounter, EncounterKind, ReferralNeed, ReferralStatus
from goldenthread.milieu.services import encounter_log, team_referral_transition
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person

CORNERS = ("3rd and Pine", "3rd and Pike", "3rd and Union", "Westlake bus stop", "McGraw Square")
NICKNAMES = ("Bird", "Junior", "Smokey", "Pops", "Blue", "Ghost", "Sissy", "Tank", "Little Man")
PEOPLE = 70


def build_milieu(*, site: Site, team: Organization, ambassador: User, seed: int) -> None:
    if Encounter.objects.filter(site=site).exists():
        return  # built before: the demo command is idempotent
    rng = random.Random(f"milieu:{seed}")
    today = site.today()
    people: list[Person] = []
    for n in range(PEOPLE):
        first = today - timedelta(days=rng.randrange(20, 180))
        at = datetime.combine(first, time(rng.randrange(9, 20)), site.zone)
        encounter = encounter_log(
            actor=ambassador,
            organization=team,
            kind=rng.choice(list(EncounterKind.values[:3])),
            occurred_at=at,
            area="Third Avenue",
            place=rng.choice(CORNERS),
            street_name=f"{rng.choice(NICKNAMES)} {n}",
        )
        people.append(encounter.person)
        for _ in range(rng.randrange(0, 4)):
            later = at + timedelta(days=rng.randrange(1, 15))
            if later.date() < today:
                encounter_log(
                    actor=ambassador,
                    organization=team,
                    kind=rng.choice(list(EncounterKind.values[:3])),
                    occurred_at=later,
                    area="Third Avenue",
                    place=rng.choice(CORNERS),
                    person=encounter.person,
                )
    # One in six referred for a roof: most wait, a third are placed, some housed.
    for person in people[::6]:
        at = datetime.combine(today - timedelta(days=rng.randrange(15, 19)), time(14), site.zone)
        referred = encounter_log(
            actor=ambassador,
            organization=team,
            kind=EncounterKind.REFERRAL,
            occurred_at=at,
            area="Third Avenue",
            place=rng.choice(CORNERS),
            person=person,
            team=rng.choice(("Coordinated entry (housing)", "Behavioral health response team")),
            need=rng.choice((ReferralNeed.SHELTER, ReferralNeed.HOUSING)),
        )
        referral = referred.referrals.get()
        moves = rng.choice(
            (
                [ReferralStatus.WAITLISTED],
                [ReferralStatus.WAITLISTED, ReferralStatus.HOUSED],
                [ReferralStatus.SHELTERED],
                [ReferralStatus.DECLINED],
            )
        )
        for step, to in enumerate(moves):
            referral = team_referral_transition(
                actor=ambassador,
                referral=referral,
                to=to,
                on=today - timedelta(days=10 - 5 * step),
            )
