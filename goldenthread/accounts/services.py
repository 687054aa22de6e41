"""Every write about accounts: creation, deactivation, sign-in steps and second factors."""

import secrets
from collections.abc import Sequence

from django.contrib.auth import login
from django.db import transaction
from django.http import HttpRequest
from django_otp import login as otp_login
from django_otp.models import Device
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.accounts.middleware import session_started
from goldenthread.accounts.models import User
from goldenthread.accounts.selectors import RECOVERY_DEVICE_NAME
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record

RECOVERY_CODE_COUNT = 10


@transaction.atomic
def user_create(
    *,
    actor: User | None,
    username: str,
    email: str,
    display_name: str,
    password: str | None = None,
    preferred_language: str = "en",
    request: HttpRequest | None = None,
) -> User:
    user = User(
        username=username,
        email=email,
        display_name=display_name,
        preferred_language=preferred_language,
    )
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean()
    user.save()
    audit_record(action=Action.CREATE, actor=actor, request=request, obj=user)
    return user


@transaction.atomic
def user_update_profile(
    *,
    actor: User,
    user: User,
    display_name: str | None = None,
    preferred_language: str | None = None,
    request: HttpRequest | None = None,
) -> User:
    changed = []
    if display_name is not None:
        user.display_name = display_name
        changed.append("display_name")
    if preferred_language is not None:
        user.preferred_language = preferred_language
        changed.append("preferred_language")
    if changed:
        user.full_clean()
        user.save(update_fields=changed)
        audit_record(
            action=Action.UPDATE, actor=actor, request=request, obj=user, detail={"fields": changed}
        )
    return user


@transaction.atomic
def user_set_active(
    *, actor: User | None, user: User, active: bool, request: HttpRequest | None = None
) -> None:
    """A deactivated account cannot sign in, and any open session ends on its next request."""
    user.is_active = active
    user.save(update_fields=["is_active"])
    audit_record(
        action=Action.REACTIVATE if active else Action.DEACTIVATE,
        actor=actor,
        request=request,
        obj=user,
    )


@transaction.atomic
def user_set_password(*, actor: User | None, user: User, password: str) -> None:
    user.set_password(password)
    user.save(update_fields=["password"])
    audit_record(action=Action.UPDATE, actor=actor, obj=user, detail={"password": "changed"})


def sign_in(request: HttpRequest, user: User) -> None:
    """First factor passed: a new session key, both session clocks started."""
    with transaction.atomic():
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        session_started(request)
        audit_record(action=Action.LOGIN, actor=user, request=request, obj=user)


@transaction.atomic
def sign_in_failed(request: HttpRequest, username: str, *, locked_out: bool) -> None:
    audit_record(
        action=Action.LOCKED_OUT if locked_out else Action.LOGIN_FAILED,
        request=request,
        object_type="accounts.user",
        detail={"username": username[:150]},
    )


@transaction.atomic
def signed_out(request: HttpRequest) -> None:
    audit_record(action=Action.LOGOUT, request=request, obj=request.user)  # type: ignore[arg-type]


def mfa_verified(request: HttpRequest, device: Device) -> None:
    """Second factor passed: the session is verified and gets a new key again."""
    with transaction.atomic():
        otp_login(request, device)
        request.session.cycle_key()
        audit_record(
            action=Action.MFA_VERIFIED,
            request=request,
            obj=request.user,  # type: ignore[arg-type]
            detail={"method": "recovery code" if isinstance(device, StaticDevice) else "totp"},
        )


@transaction.atomic
def mfa_failed(request: HttpRequest) -> None:
    audit_record(action=Action.MFA_FAILED, request=request, obj=request.user)  # type: ignore[arg-type]


@transaction.atomic
def totp_device_start(*, user: User, key: str | None = None) -> TOTPDevice:
    """An unconfirmed authenticator for the user to scan; it counts only once confirmed."""
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    device = TOTPDevice(user=user, name="authenticator app", confirmed=False)
    if key:
        device.key = key
    device.save()
    return device


@transaction.atomic
def totp_device_enrol(*, actor: User | None, user: User, key: str) -> TOTPDevice:
    """Replaces the user's authenticator with one of a known key (the demo site prints its keys)."""
    TOTPDevice.objects.filter(user=user).delete()
    device = TOTPDevice.objects.create(user=user, name="authenticator app", key=key, confirmed=True)
    audit_record(action=Action.UPDATE, actor=actor, obj=user, detail={"mfa": "totp enrolled"})
    return device


@transaction.atomic
def totp_device_confirm(*, user: User, device: TOTPDevice) -> list[str]:
    """Makes `device` the user's authenticator and returns fresh recovery codes."""
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    audit_record(action=Action.UPDATE, actor=user, obj=user, detail={"mfa": "totp confirmed"})
    return recovery_codes_replace(user=user)


@transaction.atomic
def recovery_codes_replace(*, user: User, codes: Sequence[str] | None = None) -> list[str]:
    """New single-use recovery codes; the old ones stop working. Shown to the user once."""
    device, _ = StaticDevice.objects.get_or_create(
        user=user, name=RECOVERY_DEVICE_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    new_codes = list(codes) if codes else [_recovery_code() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in new_codes)
    audit_record(
        action=Action.UPDATE, actor=user, obj=user, detail={"mfa": "recovery codes replaced"}
    )
    return new_codes


@transaction.atomic
def mfa_reset(*, actor: User, user: User, request: HttpRequest | None = None) -> None:
    """Removes every second factor: the user enrols again at their next sign-in."""
    TOTPDevice.objects.filter(user=user).delete()
    StaticDevice.objects.filter(user=user).delete()
    audit_record(action=Action.MFA_RESET, actor=actor, request=request, obj=user)


def _recovery_code() -> str:
    # 10 characters from 31 letters and digits without look-alikes (~49 bits), easy to type.
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    raw = "".join(secrets.choice(alphabet) for _ in range(10))
    return f"{raw[:5]}-{raw[5:]}"
