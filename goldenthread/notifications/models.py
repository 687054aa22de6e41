"""In-app notifications and the e-mail that goes with them. A notification says that
something happened and where to look, never what a clinician wrote: its words are fixed by
the kind of event, a person's name and a link, and the page behind the link applies the
access policy again."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Site
from goldenthread.people.models import Person


class NotificationKind(models.TextChoices):
    BOOKED = "booked", _("Booked into jail")
    RELEASED = "released", _("Released from jail")
    NEW_CASE = "new_case", _("New court case")
    NEW_WARRANT = "new_warrant", _("New warrant")
    HEARING_SOON = "hearing_soon", _("Court hearing within 7 days")
    EQUITY = "equity", _("An equity index left the PCG's band")


class Notification(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications"
    )
    # Empty for what is about the site rather than one person (an equity alert).
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="+", null=True)
    kind = models.CharField(max_length=16, choices=NotificationKind.choices)
    # What the event was about (a matter, a court date), so one event notifies once.
    about = models.CharField(max_length=80)
    link = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    read_at = models.DateTimeField(null=True, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "about"], name="notifications_once_per_event"
            )
        ]
        indexes = [models.Index(fields=["user", "read_at"], name="notifications_unread")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.about})"


class Preference(models.Model):
    """How a user wants to hear: an e-mail per event (default) or one daily digest."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preference"
    )
    daily_digest = models.BooleanField(
        _("one e-mail a day instead of one per event"), default=False
    )
    last_digest_at = models.DateTimeField(null=True, blank=True)

    def __str__(self) -> str:
        return f"{self.user}: {'digest' if self.daily_digest else 'each event'}"
