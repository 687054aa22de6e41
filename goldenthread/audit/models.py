from django.db import models
from django.utils.translation import gettext_lazy as _


class Action(models.TextChoices):
    """What happened. Reads of personal data are as much an event as writes."""

    VIEW = "view", _("Viewed")
    LIST = "list", _("Listed")
    SEARCH = "search", _("Searched")
    EXPORT = "export", _("Exported")
    CREATE = "create", _("Created")
    UPDATE = "update", _("Updated")
    DEACTIVATE = "deactivate", _("Deactivated")
    REACTIVATE = "reactivate", _("Reactivated")
    LOGIN = "login", _("Signed in")
    LOGIN_FAILED = "login_failed", _("Sign-in failed")
    LOCKED_OUT = "locked_out", _("Locked out")
    LOGOUT = "logout", _("Signed out")
    MFA_VERIFIED = "mfa_verified", _("Second factor verified")
    MFA_FAILED = "mfa_failed", _("Second factor failed")
    MFA_RESET = "mfa_reset", _("Second factor reset")
    REVOKE = "revoke", _("Revoked")


class AuditEvent(models.Model):
    """One append-only entry of the audit trail.

    `position` numbers the entries 1, 2, 3 ... with no gaps and `mac` is an HMAC over this
    entry and the previous entry's `mac` (see audit.chain), so an edited, deleted, inserted
    or reordered row breaks the chain at a position `manage.py audit_verify` names.
    A database trigger refuses UPDATE and DELETE (migration 0002).
    Columns are plain values rather than foreign keys so the trail never changes when the
    rows it talks about do.
    """

    position = models.BigIntegerField(unique=True)
    at = models.DateTimeField()
    actor_id = models.BigIntegerField(null=True, blank=True)
    actor_label = models.CharField(max_length=200, blank=True)
    organization_id = models.BigIntegerField(null=True, blank=True)
    site_id = models.BigIntegerField(null=True, blank=True)
    action = models.CharField(max_length=24, choices=Action.choices)
    object_type = models.CharField(max_length=64, blank=True)
    object_id = models.CharField(max_length=64, blank=True)
    subject_person_id = models.BigIntegerField(null=True, blank=True)
    categories = models.JSONField(default=list)
    purpose = models.CharField(max_length=64, blank=True)
    request_id = models.CharField(max_length=64, blank=True)
    ip = models.GenericIPAddressField(null=True, blank=True)
    detail = models.JSONField(default=dict)
    mac = models.CharField(max_length=64)

    class Meta:
        ordering = ["position"]
        indexes = [
            models.Index(fields=["actor_id", "at"], name="audit_actor_at"),
            models.Index(fields=["subject_person_id", "at"], name="audit_subject_at"),
            models.Index(fields=["site_id", "at"], name="audit_site_at"),
        ]

    def __str__(self) -> str:
        return f"#{self.position} {self.action} {self.object_type}:{self.object_id}"


class ChainHead(models.Model):
    """The single row holding the newest position and mac.

    Appenders lock it, which serialises the chain; verification compares the trail's end
    with it so that rows cut from the end are detected too.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    position = models.BigIntegerField(default=0)
    mac = models.CharField(max_length=64, default="")

    def __str__(self) -> str:
        return f"head at {self.position}"
