from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from goldenthread.accounts.models import User


def has_confirmed_totp(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def has_totp_key(user: User, key: str) -> bool:
    return (
        TOTPDevice.objects.filter(user=user, confirmed=True, key=key).count()
        == 1
        == (TOTPDevice.objects.filter(user=user).count())
    )


def pending_totp_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=False).first()


def recovery_codes_left(user: User) -> int:
    device = StaticDevice.objects.filter(user=user, name=RECOVERY_DEVICE_NAME).first()
    return device.token_set.count() if device else 0


RECOVERY_DEVICE_NAME = "recovery codes"
