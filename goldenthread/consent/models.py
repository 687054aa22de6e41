"""The multi-party Release of Information (ROI) and the data categories it covers.

A consent decides sharing by itself: access.policy reads these rows on every request, so
a revocation or an expiry takes effect on the very next one.
"""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Organization, OrganizationKind, Site
from goldenthread.people.models import Person
from goldenthread.text import validate_printable

PROVISIONAL_LIFETIME = timedelta(hours=72)


class CategoryCode:
    """Codes the platform's rules refer to. Sites rename, reorder and add categories;
    these codes keep their meaning."""

    ENROLLMENT_STATUS = "enrollment_status"
    ENGAGEMENT_SUMMARY = "engagement_summary"
    CARE_PLAN = "care_plan"
    CASE_NOTES = "case_notes"
    LEGAL_COORDINATION = "legal_coordination"
    HOUSING_BENEFITS = "housing_benefits"
    HEALTH = "health"
    SUBSTANCE_USE = "substance_use"
    CONTACT_WHEREABOUTS = "contact_whereabouts"


# (code, English name, 42 CFR Part 2)
DEFAULT_CATEGORIES = (
    (CategoryCode.ENROLLMENT_STATUS, _("Enrollment status and whom to call"), False),
    (CategoryCode.ENGAGEMENT_SUMMARY, _("Engagement and progress summary"), False),
    (CategoryCode.CARE_PLAN, _("Care plan"), False),
    (CategoryCode.CASE_NOTES, _("Case notes"), False),
    (CategoryCode.LEGAL_COORDINATION, _("Legal coordination"), False),
    (CategoryCode.HOUSING_BENEFITS, _("Housing and benefits"), False),
    (CategoryCode.HEALTH, _("Physical and mental health"), False),
    (CategoryCode.SUBSTANCE_USE, _("Substance-use treatment"), True),
    (CategoryCode.CONTACT_WHEREABOUTS, _("Contact details and whereabouts"), False),
)


class DataCategory(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="data_categories")
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=120, validators=[validate_printable])
    is_part2 = models.BooleanField(
        _("42 CFR Part 2"),
        default=False,
        help_text=_("Substance-use treatment information, labelled wherever it appears."),
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["site", "code"], name="consent_category_code_per_site")
        ]

    def __str__(self) -> str:
        return self.name


class ConsentForm(models.Model):
    """A version of the site's printed ROI form, in one language."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="consent_forms")
    version = models.CharField(_("version"), max_length=20)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("text"))
    effective_from = models.DateField(_("in use from"))

    class Meta:
        ordering = ["-effective_from", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["site", "version", "language"], name="consent_form_version_language"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} v{self.version} ({self.language})"


class ConsentState(models.TextChoices):
    PROVISIONAL = "provisional", _("Provisional (verbal)")
    SIGNED = "signed", _("Signed")
    REVOKED = "revoked", _("Revoked")


class SignatureKind(models.TextChoices):
    PAPER = "paper", _("Signed on paper")
    ELECTRONIC = "electronic", _("Signed electronically")
    REPRESENTATIVE = "representative", _("Signed by an authorized representative")


class ConsentQuerySet(models.QuerySet["Consent"]):
    def active(self) -> "ConsentQuerySet":
        """In force now: not revoked and not past its expiry. Evaluated at query time, so
        revocation and expiry need no job to take effect."""
        return self.filter(active_consent_q())


def active_consent_q(prefix: str = "") -> Q:
    now = timezone.now()
    return Q(**{f"{prefix}state__in": [ConsentState.PROVISIONAL, ConsentState.SIGNED]}) & (
        Q(**{f"{prefix}expires_at__isnull": True}) | Q(**{f"{prefix}expires_at__gt": now})
    )


def signed_copy_path(consent: "Consent", filename: str) -> str:
    # Outside the web root (settings.PRIVATE_MEDIA_ROOT); the file name is ours, not the uploader's.
    return f"consents/{consent.site_id}/{consent.person_id}/{timezone.now():%Y%m%d%H%M%S}-{consent.pk or 'new'}"


class Consent(models.Model):
    """One Release of Information, holding every element 42 CFR 2.31 requires."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="consents")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="consents")
    state = models.CharField(_("state"), max_length=16, choices=ConsentState.choices)
    form = models.ForeignKey(
        ConsentForm, on_delete=models.PROTECT, null=True, blank=True, related_name="consents"
    )
    discloser = models.ForeignKey(
        Organization,
        on_delete=models.PROTECT,
        related_name="consents_to_disclose",
        verbose_name=_("who may disclose"),
    )
    categories = models.ManyToManyField(
        DataCategory, related_name="consents", verbose_name=_("information covered")
    )
    purpose = models.CharField(_("purpose"), max_length=300, validators=[validate_printable])
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    expiry_event = models.CharField(_("or expires on this event"), max_length=200, blank=True)
    revocation_explained = models.BooleanField(
        _("right to revoke, and how, explained"), default=False
    )
    signed_by = models.CharField(
        _("signed by"), max_length=150, blank=True, validators=[validate_printable]
    )
    signature_kind = models.CharField(
        _("signature"), max_length=16, choices=SignatureKind.choices, blank=True
    )
    signed_at = models.DateTimeField(_("signed"), null=True, blank=True)
    witness = models.CharField(
        _("witness"), max_length=150, blank=True, validators=[validate_printable]
    )
    signed_copy = models.FileField(_("signed copy"), upload_to=signed_copy_path, blank=True)
    signed_copy_type = models.CharField(max_length=40, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_how = models.CharField(_("how it was revoked"), max_length=200, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    objects = ConsentQuerySet.as_manager()

    class Meta:
        ordering = ["-recorded_at"]
        indexes = [models.Index(fields=["person", "state"], name="consent_person_state")]

    def __str__(self) -> str:
        return f"{self.get_state_display()} consent for {self.person}"

    @property
    def is_active(self) -> bool:
        if self.state == ConsentState.REVOKED:
            return False
        return self.expires_at is None or self.expires_at > timezone.now()


class ConsentRecipient(models.Model):
    """Who may receive: a named organization, or every organization of a kind."""

    consent = models.ForeignKey(Consent, on_delete=models.CASCADE, related_name="recipients")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    organization_kind = models.CharField(
        max_length=32, choices=OrganizationKind.choices, blank=True
    )

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=(Q(organization__isnull=False) & Q(organization_kind=""))
                | (Q(organization__isnull=True) & ~Q(organization_kind="")),
                name="consent_recipient_org_xor_kind",
            )
        ]

    def __str__(self) -> str:
        return str(self.organization or self.get_organization_kind_display())
