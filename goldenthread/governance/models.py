"""The Policy Coordinating Group's record: the site's policies (eligibility rules, referral
protocols, the data-sharing policy, crisis-communication agreements), each a series of
versions approved at a PCG meeting by named members; the Community Leadership Team that
keeps the program accountable; and what the site tells the public about itself.

A published version never changes: a change is a new version, so every decision keeps the
exact text it was made under."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.conferencing.models import Meeting
from goldenthread.organizations.models import Site
from goldenthread.text import validate_printable


class PolicyKind(models.TextChoices):
    ELIGIBILITY = "eligibility", _("Eligibility rules")
    REFERRAL_PROTOCOL = "referral_protocol", _("Referral protocol")
    DATA_SHARING = "data_sharing", _("Data-sharing policy")
    CRISIS_COMMUNICATION = "crisis_communication", _("Crisis-communication agreement")
    OTHER = "other", _("Other policy")


class Policy(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="policies")
    kind = models.CharField(_("kind"), max_length=24, choices=PolicyKind.choices)
    title = models.CharField(_("title"), max_length=160, validators=[validate_printable])
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["kind", "title"]
        verbose_name_plural = "policies"
        constraints = [
            models.UniqueConstraint(fields=["site", "title"], name="governance_policy_title")
        ]

    def __str__(self) -> str:
        return self.title


class PolicyVersion(models.Model):
    policy = models.ForeignKey(Policy, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    text = models.TextField(_("text"), max_length=20000)
    summary = models.CharField(
        _("what changed and why"), max_length=300, validators=[validate_printable]
    )
    effective_on = models.DateField(_("in force from"))
    # For eligibility rules: the rule set this version puts in force.
    rule_set = models.ForeignKey(
        "eligibility.RuleSet",
        on_delete=models.PROTECT,
        related_name="policy_versions",
        null=True,
        blank=True,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The approval record; all three are set together when the version is published.
    published_at = models.DateTimeField(null=True, blank=True)
    approved_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="approved_versions", null=True, blank=True
    )
    approved_by = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="policy_approvals", blank=True
    )

    class Meta:
        ordering = ["policy", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["policy", "number"], name="governance_version_number"),
            models.CheckConstraint(
                condition=models.Q(published_at__isnull=True) | models.Q(approved_at__isnull=False),
                name="governance_published_was_approved",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.policy} v{self.number}"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class CommunityMember(models.Model):
    """A member of the Community Leadership Team, past or present; not an account."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="community_members")
    name = models.CharField(_("name"), max_length=120, validators=[validate_printable])
    role = models.CharField(
        _("role on the team"), max_length=80, blank=True, validators=[validate_printable]
    )
    affiliation = models.CharField(
        _("community or organization"), max_length=160, blank=True, validators=[validate_printable]
    )
    joined_on = models.DateField(_("joined"))
    left_on = models.DateField(_("left"), null=True, blank=True)

    class Meta:
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return self.name


class PublicPage(models.Model):
    """What LEAD is locally, in the site's own words, for its public page."""

    site = models.OneToOneField(Site, on_delete=models.PROTECT, related_name="public_page")
    about = models.TextField(_("what LEAD is here"), max_length=5000)
    dashboard_url = models.URLField(_("public dashboard address"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"{self.site} public page"
