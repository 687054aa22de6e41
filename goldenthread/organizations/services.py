"""Every write about sites, organizations, memberships and invitations."""

from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.accounts.services import user_create, user_set_active
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent.services import data_categories_install
from goldenthread.one_time_secrets import digest, new_secret
from goldenthread.organizations.models import Invitation, Membership, Organization, Site

INVITATION_LIFETIME = timedelta(days=7)


@transaction.atomic
def site_create(*, actor: User | None, name: str, slug: str, **settings: object) -> Site:
    site = Site(name=name, slug=slug, **settings)
    site.full_clean()
    site.save()
    data_categories_install(site=site)
    audit_record(action=Action.CREATE, actor=actor, obj=site)
    return site


SITE_SETTINGS = (
    "name",
    "timezone",
    "intake_window_days",
    "caseload_warn",
    "caseload_max",
    "referral_approver_roles",
    "legal_alert_roles",
    "program_areas",
    "public_referrals_enabled",
    "languages",
    "link_automatically_at",
    "link_review_at",
    "programs",
    "hmis_coc_code",
    "hmis_geocode",
    "evaluation_k",
)


@transaction.atomic
def site_update(
    *, actor: User | None, site: Site, request: HttpRequest | None = None, **changes: object
) -> Site:
    """Local adaptation: the site's own settings, each change kept in the audit trail."""
    unknown = set(changes) - set(SITE_SETTINGS)
    if unknown:
        raise ValueError(f"not site settings: {sorted(unknown)}")
    before = {field: getattr(site, field) for field in changes}
    for field, value in changes.items():
        setattr(site, field, value)
    site.full_clean()
    site.save(update_fields=list(changes))
    audit_record(
        action=Action.UPDATE, actor=actor, request=request, obj=site, detail={"before": before}
    )
    return site


@transaction.atomic
def organization_create(
    *, actor: User | None, site: Site, name: str, kind: str, request: HttpRequest | None = None
) -> Organization:
    organization = Organization(site=site, name=name, kind=kind)
    organization.full_clean()
    organization.save()
    audit_record(action=Action.CREATE, actor=actor, request=request, obj=organization)
    return organization


@transaction.atomic
def organization_update(
    *,
    actor: User,
    organization: Organization,
    name: str,
    kind: str,
    is_active: bool,
    request: HttpRequest | None = None,
) -> Organization:
    before = {
        "name": organization.name,
        "kind": organization.kind,
        "is_active": organization.is_active,
    }
    organization.name, organization.kind, organization.is_active = name, kind, is_active
    organization.full_clean()
    organization.save(update_fields=["name", "kind", "is_active"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=organization,
        detail={"before": before},
    )
    return organization


@transaction.atomic
def membership_create(
    *,
    actor: User | None,
    user: User,
    organization: Organization,
    role: str,
    badge_or_staff_number: str = "",
    request: HttpRequest | None = None,
) -> Membership:
    membership = Membership(
        user=user, organization=organization, role=role, badge_or_staff_number=badge_or_staff_number
    )
    membership.full_clean()
    membership.save()
    audit_record(action=Action.CREATE, actor=actor, request=request, obj=membership)
    return membership


@transaction.atomic
def membership_set_active(
    *, actor: User | None, membership: Membership, active: bool, request: HttpRequest | None = None
) -> None:
    """Deactivating a user's last active membership deactivates the account as well, and
    reactivating a membership reactivates the account."""
    membership.is_active = active
    membership.save(update_fields=["is_active"])
    audit_record(
        action=Action.REACTIVATE if active else Action.DEACTIVATE,
        actor=actor,
        request=request,
        obj=membership,
    )
    user = membership.user
    if active and not user.is_active:
        user_set_active(actor=actor, user=user, active=True, request=request)
    elif not active and user.is_active and not user.memberships.filter(is_active=True).exists():
        user_set_active(actor=actor, user=user, active=False, request=request)


@transaction.atomic
def invitation_create(
    *,
    actor: User,
    organization: Organization,
    role: str,
    email: str,
    display_name: str,
    request: HttpRequest | None = None,
) -> tuple[Invitation, str]:
    """Returns the invitation and its secret, which is stored only as a hash."""
    # Validate the role against the organization before anything is stored.
    Membership(organization=organization, role=role).clean()
    secret = new_secret()
    invitation = Invitation(
        organization=organization,
        role=role,
        email=email,
        display_name=display_name,
        token_hash=digest(secret),
        invited_by=actor,
        expires_at=timezone.now() + INVITATION_LIFETIME,
    )
    invitation.full_clean()
    invitation.save()
    audit_record(action=Action.CREATE, actor=actor, request=request, obj=invitation)
    return invitation, secret


def invitation_open(secret: str) -> Invitation | None:
    """The invitation a secret link belongs to, if it can still be accepted."""
    invitation = (
        Invitation.objects.filter(token_hash=digest(secret)).select_related("organization").first()
    )
    if (
        invitation is None
        or invitation.accepted_at
        or invitation.revoked_at
        or invitation.expires_at <= timezone.now()
    ):
        return None
    return invitation


@transaction.atomic
def invitation_accept(
    *, invitation: Invitation, username: str, password: str, request: HttpRequest | None = None
) -> User:
    locked = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if locked.accepted_at or locked.revoked_at:
        raise ValidationError(_("This invitation has already been used or withdrawn."))
    user = user_create(
        actor=None,
        username=username,
        email=locked.email,
        display_name=locked.display_name,
        password=password,
        request=request,
    )
    membership_create(
        actor=user, user=user, organization=locked.organization, role=locked.role, request=request
    )
    locked.accepted_at = timezone.now()
    locked.accepted_user = user
    locked.save(update_fields=["accepted_at", "accepted_user"])
    audit_record(
        action=Action.UPDATE, actor=user, request=request, obj=locked, detail={"accepted": True}
    )
    return user


@transaction.atomic
def invitation_revoke(
    *, actor: User, invitation: Invitation, request: HttpRequest | None = None
) -> None:
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    audit_record(action=Action.REVOKE, actor=actor, request=request, obj=invitation)
