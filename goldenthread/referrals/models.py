"""Referrals through the three doors. Every referral is kept, ineligible and declined ones
included: the equity analysis needs them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person, Sex
from goldenthread.text import validate_printable


class Door(models.TextChoices):
    ARREST_DIVERSION = "arrest_diversion", _("Arrest diversion")
    SOCIAL_CONTACT = "social_contact", _("Social contact")
    COMMUNITY = "community", _("Community referral")


class ConductCategory(models.TextChoices):
    """Platform categories a site's own offense codes map to."""

    DRUG_POSSESSION = "drug_possession", _("Drug possession")
    DRUG_DELIVERY = "drug_delivery", _("Drug delivery (subsistence level)")
    PROSTITUTION = "prostitution", _("Prostitution")
    THEFT = "theft", _("Theft")
    TRESPASS = "trespass", _("Trespass")
    OTHER = "other", _("Other low-level conduct")


# FBI NIBRS offense codes a LEAD site's divertible conduct maps to (standards.md 5.2), as the
# likely code for each platform category; a site's own offense codes say exactly.
NIBRS_OFFENSES = {
    "35A": "Drug/Narcotic Violations",
    "35B": "Drug Equipment Violations",
    "40A": "Prostitution",
    "40B": "Assisting or Promoting Prostitution",
    "23C": "Shoplifting",
    "23H": "All Other Larceny",
    "290": "Destruction/Damage/Vandalism of Property",
    "90B": "Curfew/Loitering/Vagrancy Violations",
    "90C": "Disorderly Conduct",
    "90E": "Drunkenness",
    "90J": "Trespass of Real Property",
    "90Z": "All Other Offenses",
}


def validate_nibrs(value: str) -> None:
    if value and value not in NIBRS_OFFENSES:
        raise ValidationError(_("Not a NIBRS offense code LEAD diverts, such as 35A or 90J."))


class OffenseCode(models.Model):
    """A site's own offense code (statute or ordinance section), mapped to the platform's
    category and, where known, to NIBRS: many local codes to one NIBRS code to one category."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="offense_codes")
    code = models.CharField(_("offense code"), max_length=20, validators=[validate_printable])
    description = models.CharField(
        _("description"), max_length=200, validators=[validate_printable]
    )
    category = models.CharField(_("category"), max_length=20, choices=ConductCategory.choices)
    nibrs = models.CharField(
        _("NIBRS offense code"), max_length=3, blank=True, validators=[validate_nibrs]
    )

    class Meta:
        ordering = ["code"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="referrals_one_offense_code")
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.description}"


class VerificationBasis(models.TextChoices):
    RECORDS = "records", _("Police records")
    OBSERVATION = "observation", _("Direct observation")
    REPORT = "report", _("Reliable report")


class Via(models.TextChoices):
    FORM = "form", _("Staff form")
    API = "api", _("Records-system API")
    PUBLIC = "public", _("Public form")


class ScreeningQuestion(models.TextChoices):
    """What screening finds out about a referral. An unanswered question is not a no."""

    EXPLOITS_MINORS = "exploits_minors", _("Exploitation of minors is involved")
    PROMOTES_PROSTITUTION = "promotes_prostitution", _("Promoting prostitution is involved")
    DEALING_ABOVE_SUBSISTENCE = "dealing_above_subsistence", _("Dealing above subsistence level")
    PENDING_SPECIALTY_COURT = (
        "pending_specialty_court",
        _("A drug-court or mental-health-court case is pending"),
    )
    NO_CONTACT_ORDER = "no_contact_order", _("A no-contact order bars contact with a participant")
    DISQUALIFYING_HISTORY = "disqualifying_history", _("A disqualifying conviction is on record")
    UNDER_SUPERVISION = "under_supervision", _("On probation, parole or other supervision")
    SUPERVISION_APPROVED = "supervision_approved", _("The supervising agency approved")


class ReferralStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SCREENING = "screening", _("Screening")
    NEEDS_INFORMATION = "needs_information", _("Needs information")
    APPROVED = "approved", _("Approved")
    DECLINED = "declined", _("Declined")
    AWAITING_INTAKE = "awaiting_intake", _("Awaiting intake")
    ENROLLED = "enrolled", _("Enrolled")
    INTAKE_LAPSED = "intake_lapsed", _("Intake lapsed")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class ReferrerStatus(models.TextChoices):
    """What a referrer hears back, in plain terms (see access.policy.referrer_status)."""

    IN_REVIEW = "in_review", _("In review")
    ACCEPTED = "accepted", _("Accepted: intake pending")
    NOT_ACCEPTED = "not_accepted", _("Not accepted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    ENROLLED = "enrolled", _("Enrolled")
    INTAKE_CLOSED = "intake_closed", _("Intake stage finished")


def status_label(status: str) -> str:
    """A full or a plain-terms status in the reader's language."""
    if status in ReferralStatus.values:
        return str(ReferralStatus(status).label)
    return str(ReferrerStatus(status).label)


class HoldOutcome(models.TextChoices):
    """What the liaison prosecutor records for an arrest diversion's held charge."""

    NOT_FILED = "not_filed", _("Not filed: intake completed in time")
    RETURNED = "returned", _("Returned to the prosecutor: the window lapsed")


S = ReferralStatus
# Every allowed move. Nothing but services.referral_transition assigns a status.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.SUBMITTED: frozenset({S.SCREENING, S.NEEDS_INFORMATION, S.DECLINED, S.WITHDRAWN}),
    S.SCREENING: frozenset({S.APPROVED, S.NEEDS_INFORMATION, S.DECLINED, S.WITHDRAWN}),
    S.NEEDS_INFORMATION: frozenset({S.SCREENING, S.DECLINED, S.WITHDRAWN}),
    S.APPROVED: frozenset({S.AWAITING_INTAKE, S.WITHDRAWN}),
    S.AWAITING_INTAKE: frozenset({S.ENROLLED, S.INTAKE_LAPSED, S.WITHDRAWN}),
    S.ENROLLED: frozenset(),
    S.INTAKE_LAPSED: frozenset(),
    S.DECLINED: frozenset(),
    S.WITHDRAWN: frozenset(),
}
NEEDS_REASON = frozenset({S.DECLINED, S.NEEDS_INFORMATION, S.WITHDRAWN})
OPEN_STATUSES = frozenset(status for status, moves in TRANSITIONS.items() if moves)


class Referral(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="referrals")
    door = models.CharField(_("door"), max_length=20, choices=Door.choices)
    status = models.CharField(
        _("status"), max_length=20, choices=ReferralStatus.choices, default=S.SUBMITTED
    )
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="referrals")
    # Empty only for the public form, whose referrer is anonymous.
    referrer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="referrals_made",
        null=True,
        blank=True,
    )
    referrer_organization = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="referrals_made",
        null=True,
        blank=True,
    )
    via = models.CharField(_("sent through"), max_length=8, choices=Via.choices, default=Via.FORM)
    public_contact = models.CharField(
        _("how to reach the person who referred"),
        max_length=120,
        blank=True,
        validators=[validate_printable],
    )
    badge_or_staff_number = models.CharField(_("badge or staff number"), max_length=40, blank=True)
    occurred_at = models.DateTimeField(_("when"))
    area = models.CharField(
        _("area or precinct"), max_length=80, blank=True, validators=[validate_printable]
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    conduct = models.CharField(_("conduct"), max_length=20, choices=ConductCategory.choices)
    offense_code = models.CharField(
        _("offense code"), max_length=20, blank=True, validators=[validate_printable]
    )
    # Copied from the site's code at submission, so later changes to the mapping keep history.
    nibrs = models.CharField(_("NIBRS offense code"), max_length=3, blank=True)
    drug_grams = models.DecimalField(
        _("drug quantity (grams)"),
        max_digits=7,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    incident_number = models.CharField(
        _("incident or case number"), max_length=40, blank=True, validators=[validate_printable]
    )
    narrative = models.TextField(_("what happened"), blank=True)
    observed_race_ethnicity = models.JSONField(
        _("race and ethnicity (observed)"), default=list, blank=True
    )
    observed_sex = models.CharField(
        _("sex (observed)"), max_length=16, choices=Sex.choices, default=Sex.UNKNOWN
    )
    verification_basis = models.CharField(
        _("how prior conduct was verified"),
        max_length=16,
        choices=VerificationBasis.choices,
        blank=True,
    )
    last_conduct_on = models.DateField(_("date of last qualifying conduct"), null=True, blank=True)
    in_program_area = models.BooleanField(_("in the program area"), null=True, blank=True)
    # {question: true|false} from screening; a missing question is not yet known.
    screening_answers = models.JSONField(_("screening answers"), default=dict, blank=True)
    last_disqualifying_conviction_on = models.DateField(
        _("date of the last disqualifying conviction"), null=True, blank=True
    )
    intake_due_at = models.DateTimeField(_("intake due"), null=True, blank=True)
    intake_completed_at = models.DateTimeField(_("intake completed"), null=True, blank=True)
    hold_outcome = models.CharField(
        _("charge outcome"), max_length=16, choices=HoldOutcome.choices, blank=True
    )
    hold_outcome_at = models.DateTimeField(null=True, blank=True)
    cannot_find_since = models.DateTimeField(_("cannot be found since"), null=True, blank=True)
    receipt_code = models.CharField(max_length=12, unique=True)
    idempotency_key = models.CharField(max_length=80, blank=True)
    submitted_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["referrer", "idempotency_key"],
                condition=~Q(idempotency_key=""),
                name="referrals_one_per_idempotency_key",
            ),
            models.CheckConstraint(
                condition=Q(door="arrest_diversion") | Q(intake_due_at__isnull=True),
                name="referrals_clock_only_for_arrest_diversion",
            ),
            models.CheckConstraint(
                condition=Q(via="public", door="community") | Q(referrer__isnull=False),
                name="referrals_only_public_referrals_are_anonymous",
            ),
            models.CheckConstraint(
                condition=Q(door="arrest_diversion") | Q(hold_outcome=""),
                name="referrals_hold_only_for_arrest_diversion",
            ),
        ]
        indexes = [
            models.Index(fields=["site", "status", "submitted_at"], name="referrals_queue"),
            # The referral list, newest first, for a reader of the site's referrals or of
            # their own: walked backwards and stopped at a page, where sorting every
            # referral of the site took the page's time.
            models.Index(fields=["submitted_at"], name="referrals_newest_first"),
        ]

    def __str__(self) -> str:
        return f"{self.get_door_display()} {self.receipt_code}"

    def clean(self) -> None:
        answers = self.screening_answers
        if not isinstance(answers, dict) or any(
            key not in ScreeningQuestion.values or not isinstance(value, bool)
            for key, value in answers.items()
        ):
            raise ValidationError(
                {"screening_answers": _("Screening answers are yes or no to known questions.")}
            )


class ReferralTransition(models.Model):
    """The status history of a referral: who moved it, when, and why."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="transitions")
    from_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    to_status = models.CharField(max_length=20, choices=ReferralStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    reason = models.CharField(_("reason"), max_length=300, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class OutreachAttempt(models.Model):
    """An outreach worker's try at finding a referred person before intake."""

    referral = models.ForeignKey(Referral, on_delete=models.PROTECT, related_name="outreach")
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    found = models.BooleanField(_("found them"))
    note = models.CharField(
        _("where you looked, what happened"),
        max_length=300,
        blank=True,
        validators=[validate_printable],
    )

    class Meta:
        ordering = ["-at", "-pk"]

    def __str__(self) -> str:
        return f"{self.referral} {'found' if self.found else 'not found'}"
