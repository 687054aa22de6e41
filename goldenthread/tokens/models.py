from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Membership


class Scope(models.TextChoices):
    """What a personal access token may do. Later capabilities add their scopes here."""

    ACCOUNT_READ = "account:read", _("Read your own account and memberships")
    ACCOUNT_WRITE = "account:write", _("Change your own name and language")
    DIRECTORY_READ = "directory:read", _("Read your site's directory of organizations")
    PEOPLE_READ = "people:read", _("Read participants, as far as their releases allow")
    CONSENTS_READ = "consents:read", _("Export your participants' releases as FHIR Consent")
    CONSENTS_WRITE = (
        "consents:write",
        _("Record your participants' signed releases from FHIR Consent"),
    )
    REFERRALS_WRITE = "referrals:write", _("Submit referrals")
    REFERRALS_READ = "referrals:read", _("Read the status of referrals you can see")
    CASEWORK_READ = "casework:read", _("Read contacts and plans, as far as releases allow")
    CASEWORK_WRITE = "casework:write", _("Log contacts for your participants")
    FEEDS_WRITE = "feeds:write", _("Push jail bookings, court events and warrants")
    LEGAL_READ = "legal:read", _("Read legal matters, as far as releases allow")
    WORK_GROUPS_READ = "work_groups:read", _("Read the action items of your work groups")
    LODGING_READ = "lodging:read", _("Read the stays at the places you keep")


class ApiToken(models.Model):
    """A personal access token. Only its SHA-256 is stored; the token is shown once.

    A token acts as its owner in the membership it was created under, so it stops
    working when the owner or that membership is deactivated.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="api_tokens"
    )
    membership = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="api_tokens")
    name = models.CharField(_("name"), max_length=100)
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    scopes = models.JSONField(default=list)
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    last_used_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None


class IdempotentRequest(models.Model):
    """A create answered under an Idempotency-Key, kept for a day so a retry of the same
    request gets the same answer instead of a second record (tokens.idempotency)."""

    # The SHA-256 of the bearer token, as ApiToken.token_hash: keys are per token.
    token_hash = models.CharField(max_length=64)
    key = models.CharField(max_length=80)
    # SHA-256 of the method, path and body: the same key for another request is refused.
    fingerprint = models.CharField(max_length=64)
    status = models.PositiveSmallIntegerField()
    content_type = models.CharField(max_length=100)
    body = models.BinaryField()
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["token_hash", "key"], name="tokens_one_answer_per_key")
        ]
        indexes = [models.Index(fields=["created_at"], name="tokens_idempotent_age")]

    def __str__(self) -> str:
        return f"{self.key} ({self.status})"
