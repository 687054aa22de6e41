"""The sharing classes of case notes. Kept apart from the policy package so models that
store a class can import it without importing the policy."""

from django.db.models import TextChoices
from django.utils.translation import gettext_lazy as _


class NoteSharing(TextChoices):
    """Each case note's sharing class, chosen by its author."""

    TEAM = "team", _("Own team only")
    PARTNERS = "partners", _("Partners, as the release allows")
