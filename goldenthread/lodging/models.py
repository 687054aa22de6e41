"""Lodging (CoLEAD, lead-domain.md 9.1): hotels and shelters a site places participants in,
each unit a room or a bed that holds one person at a time, and each stay from check-in to
check-out under a signed lodging agreement, ending with where the person went. The staff of
a place keep notes on stays, name a lead for each shift and log the overnight on-call.

The database itself refuses a second open stay in a unit or for a person, so two staff
checking people in at the same moment cannot double-book a room: capacity is the count of
units, and occupancy can never exceed it."""

from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person
from goldenthread.text import validate_printable


class PlaceKind(models.TextChoices):
    HOTEL = "hotel", _("Hotel")
    SHELTER = "shelter", _("Shelter")
    OTHER = "other", _("Other")


class LodgingPlace(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="lodging_places")
    # The partner that runs it; its lodging liaisons keep its rooms and stays.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="lodging_places"
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_printable])
    kind = models.CharField(_("kind"), max_length=12, choices=PlaceKind.choices)
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["name"]
        constraints = [models.UniqueConstraint(fields=["site", "name"], name="lodging_place_name")]

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    """A room in a hotel or a bed in a shelter: one person at a time."""

    place = models.ForeignKey(LodgingPlace, on_delete=models.PROTECT, related_name="units")
    label = models.CharField(_("room or bed"), max_length=40, validators=[validate_printable])
    is_active = models.BooleanField(_("in use"), default=True)

    class Meta:
        ordering = ["place", "label"]
        constraints = [
            models.UniqueConstraint(fields=["place", "label"], name="lodging_unit_label")
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.label}"


class ExitHousing(models.TextChoices):
    PERMANENT = "permanent", _("Permanent housing")
    RETURNED = "returned", _("Returned to homelessness")
    OTHER = "other", _("Other")
    UNKNOWN = "unknown", _("Unknown")


class Stay(models.Model):
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="stays")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="stays")
    checked_in_at = models.DateTimeField(_("checked in"))
    checked_out_at = models.DateTimeField(_("checked out"), null=True, blank=True)
    agreement_version = models.CharField(
        _("lodging agreement version"), max_length=20, validators=[validate_printable]
    )
    agreement_signed_on = models.DateField(_("agreement signed on"))
    exit_housing = models.CharField(
        _("housing at exit"), max_length=12, choices=ExitHousing.choices, blank=True
    )
    checked_in_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    checked_out_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )

    class Meta:
        ordering = ["-checked_in_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["unit"], condition=Q(checked_out_at=None), name="lodging_one_stay_per_unit"
            ),
            models.UniqueConstraint(
                fields=["person"],
                condition=Q(checked_out_at=None),
                name="lodging_one_stay_per_person",
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at=None) | Q(checked_out_at__gte=F("checked_in_at")),
                name="lodging_out_after_in",
            ),
            models.CheckConstraint(
                condition=Q(checked_out_at=None) | ~Q(exit_housing=""),
                name="lodging_exit_has_housing",
            ),
        ]
        indexes = [models.Index(fields=["unit", "checked_in_at"], name="lodging_stay_unit")]

    def __str__(self) -> str:
        return f"{self.unit} from {self.checked_in_at:%Y-%m-%d}"


class StayNote(models.Model):
    """A lodging liaison's note on a stay: a room check, a guest's request, a warning
    about the agreement. Read like a case note, under the same release category."""

    stay = models.ForeignKey(Stay, on_delete=models.PROTECT, related_name="notes")
    # Notes keep their line breaks; the service strips every other control character.
    text = models.CharField(_("note"), max_length=1000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    written_at = models.DateTimeField(_("written"))

    class Meta:
        ordering = ["-written_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.stay}: {self.text[:40]}"


class ShiftKind(models.TextChoices):
    DAY = "day", _("Day")
    EVENING = "evening", _("Evening")
    OVERNIGHT = "overnight", _("Overnight on call")


# When each shift starts and ends, in the site's clock; the overnight shift ends the next
# morning. A place's staff work these hours whatever their rota calls them.
SHIFT_HOURS = {
    ShiftKind.DAY: (time(8), time(16)),
    ShiftKind.EVENING: (time(16), time(22)),
    ShiftKind.OVERNIGHT: (time(22), time(8)),
}


class Shift(models.Model):
    """Who leads a place on one shift of one day: the person the others and the guests
    turn to, and on the overnight shift the one on call."""

    place = models.ForeignKey(LodgingPlace, on_delete=models.PROTECT, related_name="shifts")
    day = models.DateField(_("day"))
    kind = models.CharField(_("shift"), max_length=12, choices=ShiftKind.choices)
    lead = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="lodging_shifts",
        verbose_name=_("lead"),
    )

    class Meta:
        ordering = ["day", "kind"]
        constraints = [
            models.UniqueConstraint(fields=["place", "day", "kind"], name="lodging_one_lead")
        ]

    def __str__(self) -> str:
        return f"{self.place} {self.day} {self.kind}"


class OnCallEntry(models.Model):
    """One line of a place's overnight on-call log: a call, a welfare check, a lockout,
    and what the one on call did about it."""

    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="entries")
    occurred_at = models.DateTimeField(_("when"))
    # The guest it concerned, if any.
    stay = models.ForeignKey(
        Stay, on_delete=models.PROTECT, related_name="on_call_entries", null=True, blank=True
    )
    what_happened = models.CharField(_("what happened and what was done"), max_length=1000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["occurred_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(what_happened=""), name="lodging_entry_says_what")
        ]

    def __str__(self) -> str:
        return f"{self.shift}: {self.occurred_at:%H:%M}"
