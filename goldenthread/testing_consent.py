"""Participants and releases for tests, made through the product's own services."""

import tempfile
from datetime import timedelta
from typing import Any

from django.test import TestCase, override_settings
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.consent.models import Consent, ConsentForm, DataCategory
from goldenthread.consent.services import consent_form_create, consent_record_signed
from goldenthread.organizations.models import Organization, OrganizationKind, Site
from goldenthread.people.models import EngagementStatus, Person
from goldenthread.people.services import person_create


def consent_form(site: Site) -> ConsentForm:
    existing = ConsentForm.objects.filter(site=site).first()
    return existing or consent_form_create(
        actor=None,
        site=site,
        version="1",
        language="en",
        title="ROI",
        body="text",
        effective_from=timezone.now().date(),
    )


def participant(
    site: Site, provider: Organization, case_manager: User | None = None, **names: Any
) -> Person:
    names = names or {"legal_first_name": "Pat", "legal_last_name": "Doe"}
    return person_create(
        actor=None,
        site=site,
        assigned_organization=provider,
        case_manager=case_manager,
        engagement_status=EngagementStatus.ACTIVE,
        **names,
    )


def share(
    person: Person,
    actor: User,
    recipients: list[Organization | str],
    categories: list[str] | None = None,
    days: int = 365,
    signed_days_ago: int = 1,
) -> Consent:
    """A signed release from `person` to `recipients` (organizations, or kinds by name)."""
    signed_at = timezone.now() - timedelta(days=signed_days_ago)
    return consent_record_signed(
        actor=actor,
        person=person,
        form=consent_form(person.site),
        discloser=person.assigned_organization
        or Organization.objects.get(site=person.site, kind=OrganizationKind.CASE_MANAGEMENT),
        recipients=recipients,
        categories=categories
        if categories is not None
        else list(DataCategory.objects.filter(site=person.site).values_list("code", flat=True)),
        purpose="Coordinate care",
        expires_at=signed_at + timedelta(days=days),
        expiry_event="",
        revocation_explained=True,
        signed_by="Pat Doe",
        signature_kind="paper",
        signed_at=signed_at,
        witness="A. Witness",
    )


def private_media_in_tmp(test: TestCase) -> None:
    """Uploaded signed copies go to a directory the test removes afterwards."""
    media = tempfile.TemporaryDirectory(prefix="gt-media-")
    test.addCleanup(media.cleanup)
    override = override_settings(MEDIA_ROOT=media.name)
    override.enable()
    test.addCleanup(override.disable)
