"""One person across referrals, bookings, court records and imports: each source keeps its
own identity snapshot linked to one Person; the linkage model is stored per site; possible
matches wait for a person's decision; "not the same person" is remembered; merges are kept
so they can be undone exactly."""

from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Site
from goldenthread.people.models import Person, Sex


class Source(models.TextChoices):
    REFERRAL = "referral", _("Referral")
    BOOKING = "booking", _("Jail booking")
    COURT = "court", _("Court record")
    WARRANT = "warrant", _("Warrant")
    IMPORT = "import", _("Import")
    ENROLLMENT = "enrollment", _("Enrollment")


class IdentityRecord(models.Model):
    """What one source said about who someone is, kept as it came."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="identity_records")
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    source_ref = models.CharField(_("source reference"), max_length=80, blank=True)
    first_name = models.CharField(_("first name"), max_length=100, blank=True)
    last_name = models.CharField(_("last name"), max_length=100, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, blank=True)
    area = models.CharField(_("area"), max_length=80, blank=True)
    state_id = models.CharField(_("state id"), max_length=40, blank=True)
    received_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["received_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "source", "source_ref"],
                condition=~Q(source_ref=""),
                name="identity_one_record_per_source_reference",
            )
        ]
        indexes = [models.Index(fields=["site", "person"], name="identity_records_person")]

    def __str__(self) -> str:
        return f"{self.get_source_display()} {self.source_ref}".strip()

    @property
    def name(self) -> str:
        return " ".join(part for part in (self.first_name, self.last_name) if part)


class LinkageModel(models.Model):
    """A site's trained model (Splink's JSON), newest in use. A site with too few records of
    its own starts from a model trained on the synthetic generator."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    settings_json = models.JSONField()
    term_frequencies = models.JSONField(default=dict)  # {column: {value: share}}
    trained_on = models.PositiveIntegerField(_("records trained on"))
    starter = models.BooleanField(default=False)
    trained_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-trained_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.site_id} {self.trained_at:%Y-%m-%d}"


class ProposalStatus(models.TextChoices):
    OPEN = "open", _("Waiting for review")
    SAME = "same", _("Same person: merged")
    NOT_SAME = "not_same", _("Not the same person")


class MatchProposal(models.Model):
    """A possible match between a new record (now its own person) and an existing person,
    with the evidence, waiting for someone to decide."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    record = models.ForeignKey(IdentityRecord, on_delete=models.PROTECT, related_name="+")
    candidate = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    candidate_record = models.ForeignKey(IdentityRecord, on_delete=models.PROTECT, related_name="+")
    probability = models.FloatField()
    evidence = models.JSONField(default=list)
    status = models.CharField(
        max_length=12, choices=ProposalStatus.choices, default=ProposalStatus.OPEN
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-probability", "pk"]
        indexes = [models.Index(fields=["site", "status"], name="identity_open_proposals")]

    def __str__(self) -> str:
        return f"{self.record_id} ~ {self.candidate_id} ({self.probability:.3f})"


class NotSamePerson(models.Model):
    """Two people someone decided are different: never proposed or merged again."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    first = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    second = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["first", "second"], name="identity_not_same_once"),
            models.CheckConstraint(
                condition=Q(first__lt=F("second")), name="identity_not_same_ordered"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.first_id} ≠ {self.second_id}"


class Merge(models.Model):
    """One person merged into another, with every row that moved, so undoing it puts each
    row back with the person it belonged to."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    kept = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    merged = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    moved = models.JSONField(default=dict)  # {"app.model.field": [pk, ...]}
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    undone_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    undone_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.merged_id} → {self.kept_id}"
