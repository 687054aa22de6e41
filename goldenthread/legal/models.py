"""Participants' other legal matters (cases, warrants, citations, bookings) with their
charges and court dates, the liaison prosecutor's coordination and the defender's notes,
and the feed imports that bring bookings, court events and warrants in."""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person
from goldenthread.text import validate_printable

NOTE_MAX_LENGTH = 4000


class MatterKind(models.TextChoices):
    CASE = "case", _("Case")
    WARRANT = "warrant", _("Warrant")
    CITATION = "citation", _("Citation")
    BOOKING = "booking", _("Jail booking")


class MatterStatus(models.TextChoices):
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ChargeLevel(models.TextChoices):
    FELONY = "felony", _("Felony")
    MISDEMEANOR = "misdemeanor", _("Misdemeanor")
    INFRACTION = "infraction", _("Infraction")


class LegalMatter(models.Model):
    """One case, warrant, citation or booking, known by its jurisdiction and number."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="legal_matters")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="legal_matters")
    kind = models.CharField(_("kind"), max_length=12, choices=MatterKind.choices)
    jurisdiction = models.CharField(
        _("jurisdiction"), max_length=80, validators=[validate_printable]
    )
    number = models.CharField(_("number"), max_length=60, validators=[validate_printable])
    incident_on = models.DateField(_("incident date"), null=True, blank=True)
    filed_on = models.DateField(_("filing date"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=12, choices=MatterStatus.choices, default=MatterStatus.OPEN
    )
    disposition = models.CharField(
        _("disposition"), max_length=200, blank=True, validators=[validate_printable]
    )
    disposed_on = models.DateField(_("disposition date"), null=True, blank=True)
    booked_at = models.DateTimeField(_("booked at"), null=True, blank=True)
    released_at = models.DateTimeField(_("released at"), null=True, blank=True)
    facility = models.CharField(
        _("facility"), max_length=120, blank=True, validators=[validate_printable]
    )
    area = models.CharField(_("area"), max_length=80, blank=True, validators=[validate_printable])
    # An arrest diversion's charging hold, when the matter is the held arrest.
    referral = models.ForeignKey(
        "referrals.Referral",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="legal_matters",
    )
    # When it happened as far as the timeline goes: the booking's time, else when it
    # became known here.
    noted_at = models.DateTimeField(_("noted at"))
    source = models.CharField(_("source"), max_length=20, default="staff")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-incident_on", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "jurisdiction", "number"], name="legal_matter_number"
            )
        ]
        indexes = [models.Index(fields=["person", "status"], name="legal_matter_person")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def after_enrollment(self, enrolled_on: date | None) -> bool | None:
        """Whether the conduct happened after enrollment, read by the incident date (an old
        incident filed late is not a new offense); None when either date is unknown."""
        if enrolled_on is None or self.incident_on is None:
            return None
        return self.incident_on >= enrolled_on


class Charge(models.Model):
    matter = models.ForeignKey(LegalMatter, on_delete=models.CASCADE, related_name="charges")
    offense_code = models.CharField(
        _("offense code"), max_length=40, validators=[validate_printable]
    )
    description = models.CharField(
        _("description"), max_length=200, blank=True, validators=[validate_printable]
    )
    level = models.CharField(_("level"), max_length=12, choices=ChargeLevel.choices)

    class Meta:
        ordering = ["pk"]

    def __str__(self) -> str:
        return f"{self.offense_code} ({self.get_level_display()})"


class CourtDate(models.Model):
    matter = models.ForeignKey(LegalMatter, on_delete=models.CASCADE, related_name="court_dates")
    at = models.DateTimeField(_("when"))
    hearing = models.CharField(_("hearing"), max_length=120, validators=[validate_printable])
    location = models.CharField(
        _("where"), max_length=120, blank=True, validators=[validate_printable]
    )
    outcome = models.CharField(
        _("outcome"), max_length=200, blank=True, validators=[validate_printable]
    )

    class Meta:
        ordering = ["at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["matter", "at", "hearing"], name="legal_court_date")
        ]

    def __str__(self) -> str:
        return f"{self.hearing} {self.at:%Y-%m-%d}"


class NoteKind(models.TextChoices):
    COORDINATION = "coordination", _("Legal coordination (shared under a release)")
    DEFENSE = "defense", _("Defense only")


class CoordinationNote(models.Model):
    """The liaison prosecutor's coordination with the care plan (with a recommended
    resolution), or the defender's own note, which no one outside public defense reads."""

    matter = models.ForeignKey(LegalMatter, on_delete=models.PROTECT, related_name="notes")
    kind = models.CharField(_("kind"), max_length=16, choices=NoteKind.choices)
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"), max_length=NOTE_MAX_LENGTH)
    recommended_resolution = models.CharField(
        _("recommended resolution"), max_length=200, blank=True, validators=[validate_printable]
    )
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.at:%Y-%m-%d}"


class FeedKind(models.TextChoices):
    BOOKINGS = "bookings", _("Jail bookings")
    COURTS = "courts", _("Court events")
    WARRANTS = "warrants", _("Warrants")


class ImportStatus(models.TextChoices):
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class FeedImport(models.Model):
    """One delivery of a feed (a file, or rows pushed to the API), imported in batches that
    each commit on their own: `rows_done` says how far it got, so a rerun after a crash
    carries on from there, and the counts are the import's report."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="feed_imports")
    kind = models.CharField(_("feed"), max_length=12, choices=FeedKind.choices)
    name = models.CharField(_("file or sender"), max_length=200, validators=[validate_printable])
    content_hash = models.CharField(max_length=64)
    started_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    started_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(
        max_length=10, choices=ImportStatus.choices, default=ImportStatus.RUNNING
    )
    problem = models.CharField(max_length=400, blank=True)
    rows_done = models.PositiveIntegerField(default=0)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    updated = models.PositiveIntegerField(default=0)
    unchanged = models.PositiveIntegerField(default=0)
    sent_to_review = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-started_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class RejectedRow(models.Model):
    """A row the import could not take, kept whole with the reason, for the sender."""

    feed_import = models.ForeignKey(FeedImport, on_delete=models.CASCADE, related_name="rejects")
    row_number = models.PositiveIntegerField()
    reason = models.CharField(max_length=400)
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["row_number"]
        constraints = [
            models.UniqueConstraint(
                fields=["feed_import", "row_number"], name="legal_rejected_row_once"
            )
        ]

    def __str__(self) -> str:
        return f"row {self.row_number}: {self.reason}"


class SeenRow(models.Model):
    """A feed row already taken, by the hash of its content: the same row sent again (the
    same file twice, a replay, a rerun after a crash) changes nothing."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    fingerprint = models.CharField(max_length=64)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "fingerprint"], name="legal_seen_row_once")
        ]

    def __str__(self) -> str:
        return self.fingerprint
