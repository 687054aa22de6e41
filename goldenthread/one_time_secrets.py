"""Secrets handed to a person once (invitation links, API tokens) and stored only as digests.

They carry 256 random bits, so a fast SHA-256 is enough: there is nothing to brute-force,
unlike a password, and a lookup by digest stays one indexed query.
"""

import hashlib
import secrets


def new_secret(prefix: str = "") -> str:
    return prefix + secrets.token_urlsafe(32)


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()
