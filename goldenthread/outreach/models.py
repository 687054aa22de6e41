"""Encampment resolution (JustCARE, lead-domain.md 9.2): outreach workers spend weeks at an
encampment learning what each resident needs, offer lodging, shelter, treatment or housing,
and the residents choose. "This is not a sweep": nobody is moved by this record, it only
keeps what was offered and what each person chose.

A resident is a Person. Someone who has not given a name is a person known by a street name
only; when they give one, or turn out to be someone already known, identity resolution
merges the two and every visit and offer follows."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from goldenthread.lodging.models import LodgingPlace
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person
from goldenthread.text import validate_printable


class EncampmentStatus(models.TextChoices):
    ACTIVE = "active", _("Active")
    RESOLVED = "resolved", _("Resolved")


class Encampment(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="encampments")
    # The outreach partner that leads the work there.
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="encampments"
    )
    name = models.CharField(_("name"), max_length=120, validators=[validate_printable])
    # Map-free by default: a description outreach workers recognise ("under the I-5 ramp
    # at 8th and King"). Coordinates only when the site chooses to keep them.
    location = models.CharField(_("where"), max_length=200, validators=[validate_printable])
    latitude = models.DecimalField(
        _("latitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("longitude"), max_digits=8, decimal_places=5, null=True, blank=True
    )
    status = models.CharField(
        _("status"), max_length=12, choices=EncampmentStatus.choices, default="active"
    )
    opened_on = models.DateField(_("outreach began"))
    resolved_on = models.DateField(_("resolved on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["status", "name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="outreach_encampment_name"),
            models.CheckConstraint(
                condition=Q(status="active", resolved_on=None)
                | Q(status="resolved", resolved_on__gte=models.F("opened_on")),
                name="outreach_resolved_has_date",
            ),
            models.CheckConstraint(
                condition=Q(latitude=None, longitude=None)
                | Q(latitude__gte=-90, latitude__lte=90, longitude__gte=-180, longitude__lte=180),
                name="outreach_coordinates_both_or_neither",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class Resident(models.Model):
    """Someone outreach met at an encampment. Lost to follow-up is kept, not deleted, so
    that what happened to everyone can be reported, not only to those who were found."""

    encampment = models.ForeignKey(Encampment, on_delete=models.PROTECT, related_name="residents")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="residencies")
    first_met_on = models.DateField(_("first met"))
    last_seen_on = models.DateField(_("last seen"))
    lost_since = models.DateField(_("lost to follow-up since"), null=True, blank=True)
    last_known_place = models.CharField(
        _("last known place"), max_length=200, blank=True, validators=[validate_printable]
    )
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["first_met_on", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["encampment", "person"], name="outreach_resident_once"),
            models.CheckConstraint(
                condition=Q(last_seen_on__gte=models.F("first_met_on")),
                name="outreach_seen_after_met",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} at {self.encampment}"


class Need(models.TextChoices):
    MEDICAL = "medical", _("Medical care")
    MOUD = "moud", _("Methadone or buprenorphine")
    MENTAL_HEALTH = "mental_health", _("Mental health")
    FOOD = "food", _("Food")
    HYGIENE = "hygiene", _("Hygiene and sanitation")
    DOCUMENTS = "documents", _("Identity documents")
    SAFETY = "safety", _("Safety")
    PHONE = "phone", _("A phone")
    HOUSING = "housing", _("Housing")
    OTHER = "other", _("Something else")


class Visit(models.Model):
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="visits")
    visited_on = models.DateField(_("visited on"))
    needs = models.JSONField(_("needs found"), default=list, blank=True)
    note = models.TextField(_("note"), blank=True, max_length=2000)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-pk"]
        indexes = [models.Index(fields=["resident", "visited_on"], name="outreach_visit_day")]

    def __str__(self) -> str:
        return f"{self.resident} on {self.visited_on}"

    @property
    def need_labels(self) -> list[str]:
        return [str(Need(code).label) for code in self.needs if code in Need.values]


class OfferKind(models.TextChoices):
    LODGING = "lodging", _("A hotel room")
    SHELTER = "shelter", _("Shelter")
    TREATMENT = "treatment", _("Treatment")
    HOUSING = "housing", _("Housing")


class OfferResponse(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class Offer(models.Model):
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="offers")
    offered_on = models.DateField(_("offered on"))
    kind = models.CharField(_("what was offered"), max_length=12, choices=OfferKind.choices)
    response = models.CharField(_("their answer"), max_length=12, choices=OfferResponse.choices)
    # Where a room or bed was offered. Accepting one is what lets that place's lodging
    # liaison find the person to check them in (access.policy.lodging_candidates).
    place = models.ForeignKey(
        LodgingPlace,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="offers",
        verbose_name=_("where"),
    )
    # In the person's own words; nobody owes a reason, so it may stay empty.
    reason = models.CharField(
        _("their reason"), max_length=300, blank=True, validators=[validate_printable]
    )
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-offered_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.kind} {self.response} on {self.offered_on}"


class Wave(models.Model):
    """A cohort of people who came inside between two dates, as the site names them, so
    that exits can be compared wave by wave (lead-domain.md 9.2, the UW follow-up)."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="waves")
    name = models.CharField(_("name"), max_length=60, validators=[validate_printable])
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))

    class Meta:
        ordering = ["starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="outreach_wave_name"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=models.F("starts_on")), name="outreach_wave_dates"
            ),
        ]

    def __str__(self) -> str:
        return self.name
