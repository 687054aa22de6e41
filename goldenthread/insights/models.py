"""What insights keep beyond the operational records: the site's evaluation settings (the
equity band its PCG sets, unit costs), the police records export of everyone exposed to
arrest (the baseline every equity index is measured against), an imported comparison
cohort, and the equity alerts already sent."""

from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Site
from goldenthread.text import validate_printable

MONEY: dict[str, Any] = {
    "max_digits": 10,
    "decimal_places": 2,
    "validators": [MinValueValidator(Decimal(0))],
}


class EvaluationSettings(models.Model):
    """One row per site; absent means the defaults."""

    site = models.OneToOneField(Site, on_delete=models.PROTECT, related_name="evaluation")
    # An index inside [low, high] is within what the PCG accepts; outside it, and
    # significantly different from 1, the PCG is told.
    band_low = models.DecimalField(
        _("lowest acceptable index"), max_digits=4, decimal_places=2, default=Decimal("0.80")
    )
    band_high = models.DecimalField(
        _("highest acceptable index"), max_digits=4, decimal_places=2, default=Decimal("1.25")
    )
    cost_participant_month = models.DecimalField(
        _("program cost per participant-month"), default=Decimal(0), **MONEY
    )
    cost_booking = models.DecimalField(_("cost of a jail booking"), default=Decimal(0), **MONEY)
    cost_jail_day = models.DecimalField(_("cost of a jail day"), default=Decimal(0), **MONEY)
    cost_felony_case = models.DecimalField(_("cost of a felony case"), default=Decimal(0), **MONEY)
    cost_misdemeanor_case = models.DecimalField(
        _("cost of a misdemeanor case"), default=Decimal(0), **MONEY
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name_plural = "evaluation settings"

    def __str__(self) -> str:
        return f"{self.site} evaluation settings"

    def clean(self) -> None:
        low, high = self.band_low, self.band_high
        if low is not None and high is not None and not (0 < low < 1 < high):
            raise ValidationError(
                _("The band must hold 1: its low end below 1 and its high end above 1.")
            )


class ImportKind(models.TextChoices):
    BASELINE = "baseline", _("Police records: encounters for eligible conduct")
    COMPARISON = "comparison", _("Comparison cohort")


class DataImport(models.Model):
    """One file, imported once (its hash), with the rows it refused and why."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="insight_imports")
    kind = models.CharField(_("kind"), max_length=12, choices=ImportKind.choices)
    name = models.CharField(_("file"), max_length=200, validators=[validate_printable])
    content_hash = models.CharField(max_length=64)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    imported_at = models.DateTimeField(auto_now_add=True)
    rows_read = models.PositiveIntegerField(default=0)
    created = models.PositiveIntegerField(default=0)
    duplicates = models.PositiveIntegerField(default=0)
    rejected = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["-imported_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "kind", "content_hash"], name="insights_import_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class RejectedRow(models.Model):
    data_import = models.ForeignKey(DataImport, on_delete=models.CASCADE, related_name="rejects")
    row_number = models.PositiveIntegerField()
    reason = models.CharField(max_length=400)
    values = models.JSONField(default=dict)

    class Meta:
        ordering = ["row_number"]

    def __str__(self) -> str:
        return f"row {self.row_number}: {self.reason}"


class Encounter(models.Model):
    """One police encounter from the records export: no name, no identifier beyond the
    record's own number. `eligible` is the site's rules in force that day applied to it."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    data_import = models.ForeignKey(DataImport, on_delete=models.PROTECT, related_name="+")
    fingerprint = models.CharField(max_length=64)
    occurred_on = models.DateField()
    area = models.CharField(max_length=80)
    offense_code = models.CharField(max_length=20)
    conduct = models.CharField(max_length=20)
    race_ethnicity = models.JSONField(default=list)
    sex = models.CharField(max_length=16)
    age = models.PositiveSmallIntegerField(null=True)
    eligible = models.BooleanField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "fingerprint"], name="insights_encounter_once")
        ]
        indexes = [models.Index(fields=["site", "occurred_on"], name="insights_encounter_day")]

    def __str__(self) -> str:
        return f"{self.occurred_on} {self.offense_code}"


class ComparisonMember(models.Model):
    """One person of an imported comparison cohort, de-identified: their entry date and the
    counts the outcome model needs."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    data_import = models.ForeignKey(DataImport, on_delete=models.PROTECT, related_name="+")
    key = models.CharField(max_length=64)
    entry_on = models.DateField()
    age = models.PositiveSmallIntegerField(null=True)
    sex = models.CharField(max_length=16)
    race_ethnicity = models.JSONField(default=list)
    prior_bookings = models.PositiveIntegerField()
    arrests_before = models.PositiveIntegerField()
    arrests_after = models.PositiveIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "key"], name="insights_comparison_once")
        ]

    def __str__(self) -> str:
        return self.key


class EquityAlert(models.Model):
    """An index outside the band, told to the PCG once per quarter, stage and group."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="+")
    quarter = models.CharField(max_length=7)
    stage = models.CharField(max_length=20)
    dimension = models.CharField(max_length=20)
    group = models.CharField(max_length=80)
    index = models.FloatField()
    low = models.FloatField()
    high = models.FloatField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["site", "quarter", "stage", "dimension", "group"],
                name="insights_alert_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.quarter} {self.stage} {self.group} {self.index:.2f}"


class StoredEvaluation(models.Model):
    """The outcome evaluation of a site (area empty) or one of its areas, as last computed:
    pages read this, the nightly job rewrites it."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE, related_name="+")
    area = models.CharField(max_length=80, blank=True)
    computed_at = models.DateTimeField()
    figures = models.JSONField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["site", "area"], name="insights_evaluation_once")
        ]

    def __str__(self) -> str:
        return f"{self.site} {self.area or 'all'} {self.computed_at:%Y-%m-%d}"
