"""Critical incidents (lead-domain.md 11.9, item 43): overdoses and other emergencies where
people live and where staff meet them (a hotel room, an encampment, the street), what was
done (naloxone, EMS), how it ended, and the review that follows each one. Deaths are
counted by program so a site can say honestly how many people it lost.

What happened to someone in a crisis is health information: the access policy keeps it
from police and prosecutors entirely, whatever a release says (the First Golden Rule)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from goldenthread.lodging.models import LodgingPlace
from goldenthread.organizations.models import Organization, Site
from goldenthread.outreach.models import Encampment
from goldenthread.people.models import Person
from goldenthread.text import validate_printable


class IncidentKind(models.TextChoices):
    OVERDOSE = "overdose", _("Overdose")
    MEDICAL = "medical", _("Other medical emergency")
    MENTAL_HEALTH = "mental_health", _("Mental health crisis")
    VIOLENCE = "violence", _("Violence or assault")
    FIRE = "fire", _("Fire")
    DEATH = "death", _("Death found")
    OTHER = "other", _("Other")


class Program(models.TextChoices):
    """Where the person was being served: deaths are reported by program."""

    LODGING = "lodging", _("Lodging")
    OUTREACH = "outreach", _("Encampment outreach")
    MILIEU = "milieu", _("Street milieu")
    CASE_MANAGEMENT = "case_management", _("Case management")


class PlaceKind(models.TextChoices):
    LODGING = "lodging", _("A hotel room or shelter bed")
    ENCAMPMENT = "encampment", _("An encampment")
    STREET = "street", _("The street or a public place")
    OTHER = "other", _("Somewhere else")


class Outcome(models.TextChoices):
    RECOVERED = "recovered", _("Recovered on site")
    TRANSPORTED = "transported", _("Taken to hospital")
    DECLINED_TRANSPORT = "declined_transport", _("Declined to go to hospital")
    DIED = "died", _("Died")
    NOT_KNOWN = "not_known", _("Not known yet")


class ReviewStatus(models.TextChoices):
    REPORTED = "reported", _("Reported")
    IN_REVIEW = "in_review", _("In review")
    REVIEWED = "reviewed", _("Reviewed")


# Every allowed move. Nothing but services.incident_transition assigns a status.
TRANSITIONS: dict[str, frozenset[str]] = {
    ReviewStatus.REPORTED: frozenset({ReviewStatus.IN_REVIEW, ReviewStatus.REVIEWED}),
    ReviewStatus.IN_REVIEW: frozenset({ReviewStatus.REVIEWED}),
    ReviewStatus.REVIEWED: frozenset({ReviewStatus.IN_REVIEW}),  # reopened when more is learned
}


class Incident(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="incidents")
    # Who it happened to, when known; someone the staff could not name is still counted.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="incidents", null=True, blank=True
    )
    kind = models.CharField(_("what happened"), max_length=16, choices=IncidentKind.choices)
    program = models.CharField(_("program"), max_length=20, choices=Program.choices)
    occurred_at = models.DateTimeField(_("when"))
    place_kind = models.CharField(_("where"), max_length=12, choices=PlaceKind.choices)
    lodging_place = models.ForeignKey(
        LodgingPlace,
        on_delete=models.PROTECT,
        related_name="incidents",
        null=True,
        blank=True,
        verbose_name=_("lodging place"),
    )
    encampment = models.ForeignKey(
        Encampment,
        on_delete=models.PROTECT,
        related_name="incidents",
        null=True,
        blank=True,
        verbose_name=_("encampment"),
    )
    place_detail = models.CharField(
        _("room, corner or landmark"), max_length=200, blank=True, validators=[validate_printable]
    )
    naloxone_doses = models.PositiveSmallIntegerField(_("naloxone doses given"), default=0)
    ems_called = models.BooleanField(_("EMS called"), default=False)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices)
    account = models.TextField(_("what happened, briefly"), blank=True, max_length=4000)
    status = models.CharField(
        _("review"), max_length=12, choices=ReviewStatus.choices, default=ReviewStatus.REPORTED
    )
    review_notes = models.TextField(_("what the review found"), blank=True, max_length=4000)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The reporter's organization sees what it reported, whatever else it may see.
    reported_by_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="+"
    )
    reported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(place_kind="lodging") | Q(lodging_place__isnull=False),
                name="incidents_lodging_names_the_place",
            ),
            models.CheckConstraint(
                condition=~Q(place_kind="encampment") | Q(encampment__isnull=False),
                name="incidents_encampment_named",
            ),
            models.CheckConstraint(
                condition=~Q(kind="death") | Q(outcome="died"),
                name="incidents_death_found_is_a_death",
            ),
        ]
        indexes = [models.Index(fields=["site", "occurred_at"], name="incidents_site_when")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.occurred_at:%Y-%m-%d}"


class IncidentTransition(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=12, choices=ReviewStatus.choices)
    to_status = models.CharField(max_length=12, choices=ReviewStatus.choices)
    note = models.TextField(blank=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"
