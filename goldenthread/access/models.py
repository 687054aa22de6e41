from django.conf import settings
from django.core.validators import MinLengthValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person


class BreakGlass(models.Model):
    """Emergency access to a record its opener could not otherwise see: a stated reason,
    a short time, always audited and listed for review."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="break_glass"
    )
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="break_glass_openings"
    )
    reason = models.TextField(_("reason"), validators=[MinLengthValidator(20)])
    medical_emergency = models.BooleanField(
        _("bona fide medical emergency (42 CFR 2.51)"),
        default=False,
        help_text=_("Only then is substance-use treatment information opened too."),
    )
    opened_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    review_note = models.CharField(_("review note"), max_length=300, blank=True)

    class Meta:
        ordering = ["-opened_at"]
        indexes = [
            models.Index(fields=["user", "person", "expires_at"], name="access_breakglass_live")
        ]

    def __str__(self) -> str:
        return f"break-glass by {self.user} on {self.person_id}"

    @property
    def is_open(self) -> bool:
        return self.expires_at > timezone.now()
