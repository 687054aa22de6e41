"""Synthetic participants whose releases differ, so each persona sees a different slice:
no release, provisional (verbal), full, limited categories, expired and revoked."""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from typing import Any

from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.consent.models import CategoryCode, Consent, ConsentForm
from goldenthread.consent.services import (
    consent_form_create,
    consent_record_provisional,
    consent_record_signed,
    consent_revoke,
)
from goldenthread.demo.personas import FIRST_NAMES, LAST_NAMES
from goldenthread.organizations.models import Organization, OrganizationKind, Site
from goldenthread.people.models import EngagementStatus, Person, RaceEthnicity, Sex
from goldenthread.people.services import people_create_many, person_create

C = CategoryCode
K = OrganizationKind
# People written per insert: one import batch.
POPULATION_BATCH = 1_000
FORM_TEXT = {
    "en": "I agree that the LEAD partners named below may share the information I have ticked, "
    "for the purpose stated, until the date or event stated. I may revoke this release at any "
    "time by telling my case manager in writing, except for what was already shared.",
    "es": "Acepto que las organizaciones de LEAD nombradas abajo compartan la información que "
    "he marcado, con el propósito indicado, hasta la fecha o el evento indicados. Puedo revocar "
    "esta autorización en cualquier momento avisando por escrito a mi gestor de casos, salvo lo "
    "ya compartido.",
}


@dataclass(frozen=True)
class Story:
    first: str
    last: str
    preferred: str
    release: str  # none, provisional, full, limited, expired, revoked
    recipients: tuple[str, ...] = ()  # organization kinds; "named:<kind>" names the organization
    categories: tuple[str, ...] = ()
    status: str = EngagementStatus.ACTIVE
    extra: dict[str, Any] = field(default_factory=dict)
    also: tuple[tuple[str, ...], tuple[str, ...]] | None = None  # a second release


STORIES = (
    Story(
        "Marcus",
        "Bell",
        "",
        "full",
        ("police", "named:prosecutor", "named:public_defense", "named:project_management"),
        (C.ENROLLMENT_STATUS, C.ENGAGEMENT_SUMMARY, C.LEGAL_COORDINATION),
    ),
    Story(
        "Rosa",
        "Delgado",
        "Ro",
        "full",
        ("police", "named:prosecutor", "named:project_management"),
        (C.ENROLLMENT_STATUS, C.LEGAL_COORDINATION),
        # A second release: treatment information for her clinic, and for the prosecutor by
        # name so her treatment can count in her open case. Police are not named for it.
        also=(("named:prosecutor", "health_provider"), (C.SUBSTANCE_USE,)),
    ),
    Story(
        "",
        "",
        "JJ",
        "provisional",
        ("named:police", "named:project_management"),
        status=EngagementStatus.REFERRED,
        extra={"approximate_age": 40, "aliases": ["Jay"]},
    ),
    Story(
        "Dale",
        "Whitaker",
        "",
        "expired",
        ("police", "named:prosecutor"),
        (C.ENROLLMENT_STATUS, C.LEGAL_COORDINATION),
        status=EngagementStatus.INACTIVE,
    ),
    Story(
        "Tina",
        "Ortiz",
        "",
        "revoked",
        ("police", "named:project_management"),
        (C.ENROLLMENT_STATUS,),
    ),
    Story("Samuel", "Greene", "Sam", "none", status=EngagementStatus.IN_THE_WIND),
    Story(
        "Ana",
        "Flores",
        "",
        "limited",
        ("named:lodging_provider", "named:safety_team"),
        (C.ENROLLMENT_STATUS, C.CONTACT_WHEREABOUTS),
    ),
)


def release_form(site: Site) -> ConsentForm:
    for language, body in FORM_TEXT.items():
        if not ConsentForm.objects.filter(site=site, version="2026-1", language=language).exists():
            consent_form_create(
                actor=None,
                site=site,
                version="2026-1",
                language=language,
                title="LEAD multi-party release of information"
                if language == "en"
                else "Autorización de LEAD para compartir información",
                body=body,
                effective_from=date(2026, 1, 1),
            )
    return ConsentForm.objects.get(site=site, version="2026-1", language="en")


def signed_release(
    recorder: User,
    person: Person,
    form: ConsentForm,
    provider: Organization,
    recipients: list[Organization | str],
    categories: list[str],
    purpose: str,
    signed_at: datetime,
    witness: str = "",
) -> Consent:
    """A year-long release signed on paper by the participant."""
    return consent_record_signed(
        actor=recorder,
        person=person,
        form=form,
        discloser=provider,
        recipients=recipients,
        categories=categories,
        purpose=purpose,
        expires_at=signed_at + timedelta(days=365),
        expiry_event="",
        revocation_explained=True,
        signed_by=person.display_name,
        signature_kind="paper",
        signed_at=signed_at,
        witness=witness,
    )


def _recipients(
    organizations: dict[str, Organization], spec: tuple[str, ...]
) -> list[Organization | str]:
    return [organizations[s.split(":")[1]] if s.startswith("named:") else s for s in spec]


def build_participants(
    *,
    site: Site,
    organizations: dict[str, Organization],
    case_manager: User,
    recorder: User,
    seed: int,
) -> int:
    """The stories above, once each; returns how many people were created this run."""
    form = release_form(site)
    provider = organizations[K.CASE_MANAGEMENT]
    rng = random.Random(f"participants:{seed}")
    created = 0
    now = timezone.now()
    for story in STORIES:
        names: dict[str, Any] = {
            "legal_first_name": story.first,
            "legal_last_name": story.last,
            "preferred_name": story.preferred,
        }
        if Person.objects.filter(site=site, **names).exists():
            continue
        born = date(1965, 1, 1) + timedelta(days=rng.randrange(0, 365 * 35))
        person = person_create(
            actor=recorder,
            site=site,
            **names,
            date_of_birth=None if "approximate_age" in story.extra else born,
            sex=rng.choice([Sex.FEMALE, Sex.MALE]),
            race_ethnicity_self=[rng.choice([r for r in RaceEthnicity.values[:7]])],
            phone=f"206-555-01{rng.randrange(10, 99)}",
            contact_preferences="Usually at the Pine St. drop-in centre mornings.",
            engagement_status=story.status,
            assigned_organization=provider,
            case_manager=case_manager,
            **story.extra,
        )
        created += 1
        _release(story, person, form, organizations, recorder, now)
    return created


def _release(
    story: Story,
    person: Person,
    form: ConsentForm,
    organizations: dict[str, Organization],
    recorder: User,
    now: Any,
) -> None:
    provider = organizations[K.CASE_MANAGEMENT]
    if story.release == "none":
        return
    if story.release == "provisional":
        consent_record_provisional(
            actor=recorder,
            person=person,
            discloser=provider,
            recipients=[
                r
                for r in _recipients(organizations, story.recipients)
                if isinstance(r, Organization)
            ],
            purpose="Say whether JJ is in LEAD and whom to call, until the full intake.",
        )
        return
    signed_at = now - timedelta(days=400 if story.release == "expired" else 30)
    consent = signed_release(
        recorder,
        person,
        form,
        provider,
        _recipients(organizations, story.recipients),
        list(story.categories),
        "Coordinate LEAD case management, legal matters and services.",
        signed_at,
        witness="Ngozi Okafor",
    )
    if story.also:
        more_recipients, more_categories = story.also
        signed_release(
            recorder,
            person,
            form,
            provider,
            _recipients(organizations, more_recipients),
            list(more_categories),
            "Coordinate treatment with her clinic and her open case.",
            signed_at,
            witness="Ngozi Okafor",
        )
    if story.release == "revoked":
        consent_revoke(
            actor=recorder,
            consent=consent,
            how="Told her case manager in writing she wants nothing shared.",
        )


def build_population(
    *,
    site: Site,
    organizations: dict[str, Organization],
    recorder: User,
    seed: int,
    count: int,
    releases: bool = True,
) -> int:
    """Bulk synthetic participants for benchmarks (the large site), written as an import
    would write them. Every third one has a release naming police by kind, so an officer's
    list is decided by releases rather than by assignment."""
    existing = Person.objects.filter(site=site).count()
    rng = random.Random(f"population:{seed}")
    provider = organizations[K.CASE_MANAGEMENT]
    rows = [
        {
            "legal_first_name": rng.choice(FIRST_NAMES),
            "legal_last_name": rng.choice(LAST_NAMES),
            "engagement_status": rng.choice(EngagementStatus.values),
            "assigned_organization": provider,
            "case_manager": recorder,
        }
        for _ in range(existing, count)
    ]
    people = [
        person
        for start in range(0, len(rows), POPULATION_BATCH)
        for person in people_create_many(
            actor=recorder, site=site, rows=rows[start : start + POPULATION_BATCH]
        )
    ]
    form = release_form(site)
    for number, person in enumerate(people, start=existing):
        if releases and number % 3 == 0:
            signed_at = timezone.now() - timedelta(days=rng.randrange(1, 300))
            signed_release(
                recorder,
                person,
                form,
                provider,
                [K.POLICE, organizations[K.PROSECUTOR]],
                [C.ENROLLMENT_STATUS, C.LEGAL_COORDINATION],
                "Coordinate LEAD case management and legal matters.",
                signed_at,
            )
    return len(people)
