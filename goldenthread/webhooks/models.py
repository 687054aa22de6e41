"""Organizations' HTTPS endpoints for events they may see, and every delivery to them.

An event carries ids and a status, never a name: the receiver reads the rest through the
API under its own token, so the access policy and the audit trail apply to it there."""

from django.conf import settings
from django.core.validators import URLValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Organization


class Event(models.TextChoices):
    REFERRAL_STATUS = "referral.status_changed", _("A referral you made changed status")
    BOOKING = "legal.booking", _("A participant you serve was booked into jail")


class Subscription(models.Model):
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="webhook_subscriptions"
    )
    url = models.URLField(
        _("endpoint"), max_length=500, validators=[URLValidator(schemes=["https"])]
    )
    events = models.JSONField(_("events"), default=list)
    # The key each delivery is signed with (HMAC-SHA256): shown once, when made.
    secret = models.CharField(max_length=64)
    is_active = models.BooleanField(_("active"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self) -> str:
        return self.url


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    DELIVERED = "delivered", _("Delivered")
    FAILED = "failed", _("Failed after every retry")


class Delivery(models.Model):
    subscription = models.ForeignKey(
        Subscription, on_delete=models.CASCADE, related_name="deliveries"
    )
    event = models.CharField(max_length=40, choices=Event.choices)
    payload = models.JSONField()
    status = models.CharField(
        max_length=12, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING
    )
    attempts = models.PositiveSmallIntegerField(default=0)
    next_attempt_at = models.DateTimeField()
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    delivered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="webhooks_due")]

    def __str__(self) -> str:
        return f"{self.event} to {self.subscription_id}"
