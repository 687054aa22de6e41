"""Builds the deterministic synthetic demo site through the same services staff use.

Idempotent: running it again finds what exists, and resets the demo accounts' password,
authenticator keys and recovery codes to the printed values.
"""

import functools
import hashlib
import random
from dataclasses import dataclass, field

from django.db import transaction

from goldenthread.accounts.models import User
from goldenthread.accounts.selectors import has_totp_key
from goldenthread.accounts.services import recovery_codes_replace, totp_device_enrol
from goldenthread.consent.services import data_categories_install
from goldenthread.demo.accounts import demo_account, demo_membership
from goldenthread.demo.casework import build_contacts
from goldenthread.demo.conferencing import build_conferencing
from goldenthread.demo.eligibility import build_eligibility_rules
from goldenthread.demo.governance import build_governance
from goldenthread.demo.history import build_history
from goldenthread.demo.hmis import build_hmis
from goldenthread.demo.identity import build_identity
from goldenthread.demo.incidents import build_incidents
from goldenthread.demo.insights import build_insights
from goldenthread.demo.legal import build_legal
from goldenthread.demo.lodging import build_lodging
from goldenthread.demo.milieu import build_milieu
from goldenthread.demo.outcomes import HISTORY_RECEIPT, build_comparison, build_enrollments
from goldenthread.demo.outreach import build_outreach
from goldenthread.demo.participants import build_participants, build_population
from goldenthread.demo.personas import (
    FIRST_NAMES,
    LARGE_STAFF,
    LAST_NAMES,
    ORGANIZATIONS,
    PERSONAS,
    SITE_NAME,
    SITE_SLUG,
    Persona,
)
from goldenthread.demo.referrals import build_referrals
from goldenthread.demo.webhooks import build_webhooks
from goldenthread.insights.periods import Quarter
from goldenthread.insights.services import equity_alerts_send
from goldenthread.organizations.models import (
    Membership,
    Organization,
    OrganizationKind,
    Site,
    SiteProgram,
)
from goldenthread.organizations.services import organization_create, site_create, site_update
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.people.services import person_create
from goldenthread.referrals.models import Referral

RECOVERY_CODES_PER_ACCOUNT = 5
LARGE_POPULATION = 5000
ALUMNI = 48
SMALL_COMPARISON = 120
LARGE_COMPARISON = 900
# The large site's police records export, as a multiple of the small site's.
LARGE_ENCOUNTER_SCALE = 12


@dataclass
class DemoLogin:
    username: str
    display_name: str
    roles: list[str]
    totp_key_hex: str
    recovery_codes: list[str]


@dataclass
class DemoResult:
    site: Site
    logins: list[DemoLogin] = field(default_factory=list)
    staff_accounts: int = 0
    participants: int = 0


def totp_key_for(seed: int, username: str) -> str:
    """A 20-byte authenticator key derived from the seed, so the demo prints stable keys."""
    return hashlib.sha256(f"goldenthread-demo:{seed}:{username}".encode()).hexdigest()[:40]


def recovery_codes_for(seed: int, username: str) -> list[str]:
    rng = random.Random(f"recovery:{seed}:{username}")
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    codes = []
    for _ in range(RECOVERY_CODES_PER_ACCOUNT):
        raw = "".join(rng.choice(alphabet) for _ in range(10))
        codes.append(f"{raw[:5]}-{raw[5:]}")
    return codes


@transaction.atomic
def build_demo_site(*, seed: int, size: str) -> DemoResult:
    site = Site.objects.filter(slug=SITE_SLUG).first() or site_create(
        actor=None,
        name=SITE_NAME,
        slug=SITE_SLUG,
        timezone="America/Los_Angeles",
        intake_window_days=14,
        languages=["en", "es"],
        public_referrals_enabled=True,
        programs=list(SiteProgram.values),
    )
    if not site.programs:  # a demo database from before the program variants
        site_update(actor=None, site=site, programs=list(SiteProgram.values))
    organizations = {
        kind: Organization.objects.filter(site=site, kind=kind, name=name).first()
        or organization_create(actor=None, site=site, name=name, kind=kind)
        for kind, name in ORGANIZATIONS.items()
    }
    data_categories_install(site=site)
    result = DemoResult(site=site)
    for persona in PERSONAS:
        result.logins.append(_persona_account(persona, organizations, seed))
    case_manager = User.objects.get(username="cm.okafor")
    build_participants(
        site=site,
        organizations=organizations,
        case_manager=case_manager,
        recorder=case_manager,
        seed=seed,
    )
    build_webhooks(
        police=organizations[OrganizationKind.POLICE], admin=User.objects.get(username="site.admin")
    )
    build_eligibility_rules(site=site, pcg_member=User.objects.get(username="pcg.patel"))
    build_referrals(site=site, approver=User.objects.get(username="pm.ramirez"), seed=seed)
    build_contacts(site=site, seed=seed)
    build_identity(site=site, recorder=User.objects.get(username="pm.ramirez"))
    build_legal(
        site=site,
        manager=User.objects.get(username="pm.ramirez"),
        prosecutor=User.objects.get(username="prosecutor.walsh"),
    )
    build_conferencing(site=site, organizations=organizations)
    build_governance(site=site, organizations=organizations)
    build_lodging(
        site=site,
        provider=organizations[OrganizationKind.LODGING_PROVIDER],
        liaison=User.objects.get(username="lodging.silva"),
        seed=seed,
    )
    build_outreach(
        site=site,
        organization=organizations[OrganizationKind.CASE_MANAGEMENT],
        provider=organizations[OrganizationKind.LODGING_PROVIDER],
        worker=User.objects.get(username="outreach.nguyen"),
        liaison=User.objects.get(username="lodging.silva"),
        manager=User.objects.get(username="pm.ramirez"),
        seed=seed,
    )
    build_milieu(
        site=site,
        team=organizations[OrganizationKind.SAFETY_TEAM],
        ambassador=User.objects.get(username="ambassador.james"),
        seed=seed,
    )
    build_incidents(
        site=site,
        organizations=organizations,
        liaison=User.objects.get(username="lodging.silva"),
        worker=User.objects.get(username="outreach.nguyen"),
        ambassador=User.objects.get(username="ambassador.james"),
        manager=User.objects.get(username="pm.ramirez"),
    )
    large = size == "large"
    build_insights(
        site=site,
        manager=User.objects.get(username="pm.ramirez"),
        pcg_member=User.objects.get(username="pcg.patel"),
        seed=seed,
        scale=LARGE_ENCOUNTER_SCALE if large else 1,
    )
    enroll = functools.partial(
        build_enrollments,
        site=site,
        officer=User.objects.get(username="officer.lee"),
        police=organizations[OrganizationKind.POLICE],
        staff=case_manager,
        seed=seed,
    )
    if not large:
        enroll(
            people=_alumni(site, organizations, case_manager, seed),
            years=3,
            provider=organizations[OrganizationKind.CASE_MANAGEMENT],
        )
    build_comparison(
        site=site,
        evaluator=User.objects.get(username="evaluator.kim"),
        seed=seed,
        count=LARGE_COMPARISON if large else SMALL_COMPARISON,
    )
    if large:
        result.staff_accounts = _large_staff(organizations, seed)
        build_population(
            site=site,
            organizations=organizations,
            recorder=case_manager,
            seed=seed,
            count=LARGE_POPULATION,
        )
        build_history(
            site=site,
            provider=organizations[OrganizationKind.CASE_MANAGEMENT],
            staff=case_manager,
            seed=seed,
        )
        enroll(people=list(Person.objects.filter(site=site)), years=5)
    build_hmis(site=site, organizations=organizations, recorder=case_manager, seed=seed)
    # What the daily equity check would have told the PCG by now.
    current = Quarter.of(site.today())
    for quarter in (current.previous(), current):
        equity_alerts_send(site=site, quarter=quarter)
    result.participants = Person.objects.filter(site=site).count()
    return result


def _alumni(
    site: Site, organizations: dict[str, Organization], recorder: User, seed: int
) -> list[Person]:
    """People enrolled one to three years ago whose cases have since closed, so the outcome
    evaluation has participants followed long enough."""
    if Referral.objects.filter(site=site, receipt_code__startswith=HISTORY_RECEIPT).exists():
        return []  # built before: the demo command is idempotent
    rng = random.Random(f"alumni:{seed}")
    return [
        person_create(
            actor=recorder,
            site=site,
            legal_first_name=rng.choice(FIRST_NAMES),
            legal_last_name=rng.choice(LAST_NAMES),
            engagement_status=EngagementStatus.CLOSED,
            assigned_organization=organizations[OrganizationKind.CASE_MANAGEMENT],
        )
        for _ in range(ALUMNI)
    ]


def _persona_account(
    persona: Persona, organizations: dict[str, Organization], seed: int
) -> DemoLogin:
    user = demo_account(persona.username, persona.display_name)
    for kind, role in persona.memberships:
        demo_membership(user, organizations[kind], role)
    key = totp_key_for(seed, persona.username)
    if not has_totp_key(user, key):
        totp_device_enrol(actor=None, user=user, key=key)
    codes = recovery_codes_for(seed, persona.username)
    recovery_codes_replace(user=user, codes=codes)
    roles = [str(Membership(role=role).get_role_display()) for _, role in persona.memberships]
    return DemoLogin(persona.username, persona.display_name, roles, key, codes)


def _large_staff(organizations: dict[str, Organization], seed: int) -> int:
    rng = random.Random(f"staff:{seed}")
    count = 0
    for kind, role, how_many in LARGE_STAFF:
        for number in range(1, how_many + 1):
            name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
            user = demo_account(f"{role.replace('_', '.')}.{number:03d}", name)
            demo_membership(user, organizations[kind], role)
            count += 1
    return count
