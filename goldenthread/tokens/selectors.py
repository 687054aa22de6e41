from django.db.models import QuerySet
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.one_time_secrets import digest
from goldenthread.tokens.models import ApiToken
from goldenthread.tokens.services import TOKEN_PREFIX


def tokens_of(user: User) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).select_related("membership__organization")


def usable_token(secret: str) -> ApiToken | None:
    """The live token for a presented secret: unrevoked, unexpired, owner and membership active."""
    if not secret.startswith(TOKEN_PREFIX) or len(secret) > 100:
        return None
    return (
        ApiToken.objects.select_related("user", "membership__organization__site")
        .filter(
            token_hash=digest(secret),
            revoked_at__isnull=True,
            expires_at__gt=timezone.now(),
            user__is_active=True,
            membership__is_active=True,
            membership__organization__is_active=True,
        )
        .first()
    )
