"""How a new authenticator is shown: a QR code (inline SVG, no script) and the typed secret."""

from base64 import b32encode

import segno
from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_secret_base32(device: TOTPDevice) -> str:
    secret = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(secret[i : i + 4] for i in range(0, len(secret), 4))


def totp_qr_svg(device: TOTPDevice) -> str:
    return segno.make(device.config_url, error="m").svg_inline(
        scale=4, title="Authenticator set-up code", omitsize=False
    )
