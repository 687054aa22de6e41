"""Every write about consent: categories, form versions, recording and revoking a release."""

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent.models import (
    DEFAULT_CATEGORIES,
    PROVISIONAL_LIFETIME,
    CategoryCode,
    Consent,
    ConsentForm,
    ConsentRecipient,
    ConsentState,
    DataCategory,
)
from goldenthread.consent.uploads import check_signed_copy
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person


@transaction.atomic
def data_categories_install(*, site: Site) -> list[DataCategory]:
    """The default categories for a site; existing ones (perhaps renamed) are kept."""
    installed = []
    for position, (code, name, is_part2) in enumerate(DEFAULT_CATEGORIES):
        category, _created = DataCategory.objects.get_or_create(
            site=site,
            code=code,
            defaults={"name": str(name), "is_part2": is_part2, "position": position},
        )
        installed.append(category)
    return installed


@transaction.atomic
def data_category_create(
    *,
    actor: User,
    site: Site,
    code: str,
    name: str,
    is_part2: bool,
    request: HttpRequest | None = None,
) -> DataCategory:
    """A site's own category beside the defaults (local adaptation)."""
    if DataCategory.objects.filter(site=site, code=code).exists():
        raise ValidationError(_("A category with this code already exists."))
    position = DataCategory.objects.filter(site=site).count()
    category = DataCategory(site=site, code=code, name=name, is_part2=is_part2, position=position)
    category.full_clean()
    category.save()
    audit_record(action=Action.CREATE, actor=actor, request=request, obj=category)
    return category


@transaction.atomic
def data_category_rename(
    *, actor: User, category: DataCategory, name: str, request: HttpRequest | None = None
) -> DataCategory:
    """Only the label changes: the code, which the rules and past releases refer to, stays."""
    before = category.name
    category.name = name
    category.full_clean()
    category.save(update_fields=["name"])
    audit_record(
        action=Action.UPDATE, actor=actor, request=request, obj=category, detail={"before": before}
    )
    return category


@transaction.atomic
def consent_form_create(
    *,
    actor: User | None,
    request: HttpRequest | None = None,
    site: Site,
    version: str,
    language: str,
    title: str,
    body: str,
    effective_from: date,
) -> ConsentForm:
    form = ConsentForm(
        site=site,
        version=version,
        language=language,
        title=title,
        body=body,
        effective_from=effective_from,
    )
    form.full_clean()
    form.save()
    audit_record(action=Action.CREATE, actor=actor, request=request, obj=form)
    return form


Recipients = Sequence[Organization | str]  # an organization, or an organization kind


def _add_recipients(consent: Consent, recipients: Recipients) -> None:
    for recipient in recipients:
        if isinstance(recipient, Organization):
            if recipient.site_id != consent.site_id:
                raise ValidationError(_("Recipients must be partners of this site."))
            ConsentRecipient.objects.create(consent=consent, organization=recipient)
        else:
            ConsentRecipient.objects.create(consent=consent, organization_kind=recipient)


def _store(
    consent: Consent, codes: list[str], recipients: Recipients, request: HttpRequest | None
) -> Consent:
    """Saves a new consent with its categories and recipients, and records it."""
    consent.full_clean()
    consent.save()
    consent.categories.set(_categories(consent.site, codes))
    _add_recipients(consent, recipients)
    audit_record(
        action=Action.CREATE,
        actor=consent.recorded_by,
        request=request,
        obj=consent,
        subject_person_id=consent.person_id,
        categories=codes,
        detail={"state": consent.state},
    )
    return consent


def _categories(site: Site, codes: Iterable[str]) -> list[DataCategory]:
    wanted = set(codes)
    found = list(DataCategory.objects.filter(site=site, code__in=wanted))
    if len(found) != len(wanted):
        raise ValidationError(_("Unknown information category."))
    return found


@transaction.atomic
def consent_record_signed(
    *,
    actor: User,
    person: Person,
    form: ConsentForm | None,
    discloser: Organization | None,
    recipients: Recipients,
    categories: Iterable[str],
    purpose: str,
    expires_at: datetime | None,
    expiry_event: str,
    revocation_explained: bool,
    signed_by: str,
    signature_kind: str,
    signed_at: datetime | None,
    witness: str,
    signed_copy: UploadedFile | None = None,
    request: HttpRequest | None = None,
) -> Consent:
    """Records a signed release. Every element 42 CFR 2.31 requires must be present; the
    first missing one is named in the error and nothing is stored."""
    codes = list(categories)
    missing = [
        label
        for label, present in (
            (_("the patient's name"), bool(person.pk)),
            (_("who may disclose"), discloser is not None),
            (_("the information to be disclosed"), bool(codes)),
            (_("the recipients"), bool(recipients)),
            (_("the purpose"), bool(purpose.strip())),
            (_("the expiry date or event"), expires_at is not None or bool(expiry_event.strip())),
            (_("the right to revoke and how"), revocation_explained),
            (_("the signature"), bool(signed_by.strip()) and bool(signature_kind)),
            (_("the date signed"), signed_at is not None),
            (_("the consent form version"), form is not None),
        )
        if not present
    ]
    if missing:
        raise ValidationError(
            _("This consent is missing %(element)s.") % {"element": missing[0]},
            code="missing_element",
        )
    assert discloser is not None and signed_at is not None
    if expires_at is not None and expires_at <= signed_at:
        raise ValidationError(_("The expiry must come after the signature."))
    if signed_at > timezone.now():
        raise ValidationError(_("The date signed cannot be in the future."))
    consent = Consent(
        site=person.site,
        person=person,
        state=ConsentState.SIGNED,
        form=form,
        discloser=discloser,
        purpose=purpose,
        expires_at=expires_at,
        expiry_event=expiry_event,
        revocation_explained=revocation_explained,
        signed_by=signed_by,
        signature_kind=signature_kind,
        signed_at=signed_at,
        witness=witness,
        recorded_by=actor,
    )
    if signed_copy is not None:
        consent.signed_copy_type = check_signed_copy(signed_copy)
        consent.signed_copy = signed_copy
    return _store(consent, codes, recipients, request)


@transaction.atomic
def consent_record_provisional(
    *,
    actor: User,
    person: Person,
    discloser: Organization,
    recipients: Sequence[Organization],
    purpose: str,
    request: HttpRequest | None = None,
) -> Consent:
    """Verbal consent at a street contact: time-limited and covering only enrollment status
    (whether they are in LEAD and whom to call) for the partners named aloud."""
    if not recipients:
        raise ValidationError(_("Name the partners the person agreed to."))
    if not purpose.strip():
        raise ValidationError(
            _("This consent is missing %(element)s.") % {"element": _("the purpose")}
        )
    now = timezone.now()
    consent = Consent(
        site=person.site,
        person=person,
        state=ConsentState.PROVISIONAL,
        discloser=discloser,
        purpose=purpose,
        expires_at=now + PROVISIONAL_LIFETIME,
        revocation_explained=True,
        signature_kind="",
        signed_at=None,
        recorded_by=actor,
    )
    return _store(consent, [CategoryCode.ENROLLMENT_STATUS], list(recipients), request)


@transaction.atomic
def consent_revoke(
    *, actor: User, consent: Consent, how: str, request: HttpRequest | None = None
) -> Consent:
    """Takes effect on the very next request: the policy reads consents live."""
    if consent.state == ConsentState.REVOKED:
        raise ValidationError(_("This consent is already revoked."))
    if not how.strip():
        raise ValidationError(_("Say how the person revoked it (in writing, verbally to whom)."))
    consent.state = ConsentState.REVOKED
    consent.revoked_at = timezone.now()
    consent.revoked_how = how
    consent.revoked_by = actor
    consent.save(update_fields=["state", "revoked_at", "revoked_how", "revoked_by"])
    audit_record(
        action=Action.REVOKE,
        actor=actor,
        request=request,
        obj=consent,
        subject_person_id=consent.person_id,
    )
    return consent
