from collections.abc import Sequence
from datetime import timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.one_time_secrets import digest, new_secret
from goldenthread.organizations.models import Membership
from goldenthread.tokens.models import ApiToken, Scope

TOKEN_PREFIX = "gt_"  # noqa: S105 - a marker for secret scanners, not a secret


@transaction.atomic
def token_create(
    *,
    actor: User,
    membership: Membership,
    name: str,
    scopes: Sequence[str],
    lifetime_days: int,
    request: HttpRequest | None = None,
) -> tuple[ApiToken, str]:
    """Returns the stored token and the secret to show its owner once."""
    unknown = set(scopes) - set(Scope.values)
    if not scopes or unknown:
        raise ValidationError(_("Choose at least one known scope."))
    if membership.user_id != actor.pk:
        raise ValidationError(_("A token can only be created for your own membership."))
    secret = new_secret(TOKEN_PREFIX)
    token = ApiToken(
        user=actor,
        membership=membership,
        name=name,
        prefix=secret[: len(TOKEN_PREFIX) + 6],
        token_hash=digest(secret),
        scopes=sorted(set(scopes)),
        expires_at=timezone.now() + timedelta(days=lifetime_days),
    )
    token.full_clean()
    token.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=token,
        detail={"scopes": token.scopes},
    )
    return token, secret


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken, request: HttpRequest | None = None) -> None:
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        audit_record(action=Action.REVOKE, actor=actor, request=request, obj=token)


def token_touch(token: ApiToken) -> None:
    """Marks use, at most once a minute, to spare a write on every call."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
