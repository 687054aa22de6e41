from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from goldenthread.text import validate_printable


class User(AbstractUser):
    """Someone who signs in: staff of a partner organization, never a participant.

    Accounts are deactivated, never deleted, so the audit trail always names its actor.
    """

    display_name = models.CharField(
        _("display name"), max_length=150, blank=True, validators=[validate_printable]
    )
    preferred_language = models.CharField(_("preferred language"), max_length=8, default="en")
    work_phone = models.CharField(
        _("work phone"),
        max_length=40,
        blank=True,
        validators=[validate_printable],
        help_text=_("Shown to partners who may call about a participant."),
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                name="accounts_user_email_unique_ci",
                condition=~models.Q(email=""),
            )
        ]

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username
