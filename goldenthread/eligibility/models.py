"""Eligibility as Policy Coordinating Group data, not code: versioned rule sets with
effective dates, and each decision kept with the version it used."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Site
from goldenthread.referrals.models import ConductCategory, Referral, ScreeningQuestion

# The answers a rule set may name as exclusions ("yes" excludes).
EXCLUSION_QUESTIONS = (
    ScreeningQuestion.EXPLOITS_MINORS,
    ScreeningQuestion.PROMOTES_PROSTITUTION,
    ScreeningQuestion.DEALING_ABOVE_SUBSISTENCE,
    ScreeningQuestion.PENDING_SPECIALTY_COURT,
    ScreeningQuestion.NO_CONTACT_ORDER,
)
DRUG_CONDUCT = frozenset({ConductCategory.DRUG_POSSESSION, ConductCategory.DRUG_DELIVERY})


class RuleSet(models.Model):
    """One version of a site's eligibility rules. Never edited: a change is a new version,
    so a decision always points at the rules it was made under."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="rule_sets")
    version = models.PositiveIntegerField(_("version"))
    effective_from = models.DateField(_("in force from"))
    eligible_conduct = models.JSONField(_("eligible conduct"), default=list)
    max_drug_grams = models.DecimalField(
        _("most drugs (grams)"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    minimum_age = models.PositiveSmallIntegerField(_("minimum age"), default=18)
    exclusions = models.JSONField(_("exclusions"), default=list, blank=True)
    disqualifying_history_years = models.PositiveSmallIntegerField(
        _("disqualifying history look-back (years)"), null=True, blank=True
    )
    social_contact_lookback_months = models.PositiveSmallIntegerField(
        _("social contact look-back (months)"), default=24
    )
    social_contact_in_area_required = models.BooleanField(
        _("social contact conduct must be in the program area"), default=True
    )
    supervision_needs_approval = models.BooleanField(
        _("people under supervision need that agency's approval"), default=True
    )
    note = models.CharField(_("what changed and why"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-version"]
        constraints = [
            models.UniqueConstraint(fields=["site", "version"], name="eligibility_one_version")
        ]

    def __str__(self) -> str:
        return f"{self.site} v{self.version}"

    @property
    def eligible_conduct_labels(self) -> list[str]:
        return [str(ConductCategory(c).label) for c in self.eligible_conduct]

    @property
    def exclusion_labels(self) -> list[str]:
        return [str(ScreeningQuestion(q).label) for q in self.exclusions]


class Outcome(models.TextChoices):
    ELIGIBLE = "eligible", _("Eligible")
    INELIGIBLE = "ineligible", _("Ineligible")
    NEEDS_REVIEW = "needs_review", _("Needs review")


class EligibilityDecision(models.Model):
    """One evaluation of one referral under one rule-set version, kept forever."""

    referral = models.ForeignKey(
        Referral, on_delete=models.PROTECT, related_name="eligibility_decisions"
    )
    rule_set = models.ForeignKey(RuleSet, on_delete=models.PROTECT, related_name="decisions")
    outcome = models.CharField(_("outcome"), max_length=16, choices=Outcome.choices)
    # [{"code": ..., "blocks": true|false, "params": {...}}]: rendered in the reader's language.
    reasons = models.JSONField(default=list)
    decided_at = models.DateTimeField(auto_now_add=True)
    # Empty when the platform evaluated a public referral on arrival.
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", null=True
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.referral} {self.outcome} (v{self.rule_set.version})"
