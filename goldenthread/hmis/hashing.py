"""HashStatus 4 (SHA-256, RHY): names go as the SHA-256 of their American Soundex code,
as HUD's list 1.5 and the exporters that implement it do. It helps a receiving HMIS match
records; it does not de-identify anyone (a Soundex code has fewer than 9,000 values), so a
hashed export is as sensitive as a plain one."""

import hashlib
import unicodedata

import jellyfish


def hashed_name(name: str) -> str | None:
    """The SHA-256 (hex) of the name's Soundex code; None when nothing of it is a letter."""
    # Soundex is defined on the letters A to Z: accents are dropped, everything else that
    # is not a letter (hyphens, apostrophes, spaces) is ignored.
    letters = "".join(c for c in unicodedata.normalize("NFKD", name) if c.isascii() and c.isalpha())
    if not letters:
        return None
    return hashlib.sha256(jellyfish.soundex(letters).encode()).hexdigest()
