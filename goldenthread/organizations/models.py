import zoneinfo
from datetime import date

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.text import validate_printable


def validate_timezone(value: str) -> None:
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Choose a time zone such as America/Los_Angeles."), code="timezone")


# The roles a site may choose from to approve referrals (lead-domain.md 2.1).
APPROVER_ROLE_CHOICES = ("project_manager", "approving_sergeant", "liaison_prosecutor")


def default_approver_roles() -> list[str]:
    return ["project_manager"]


# The roles a site may add to the case manager for alerts about legal events (a booking, a
# new case or warrant, a hearing soon); each member hears only of people shared with them.
LEGAL_ALERT_ROLE_CHOICES = (
    "supervisor",
    "liaison_prosecutor",
    "public_defender",
    "project_manager",
)


class SiteProgram(models.TextChoices):
    LODGING = "lodging", _("Hotel and shelter lodging (CoLEAD)")
    OUTREACH = "outreach", _("Encampment outreach (JustCARE)")
    MILIEU = "milieu", _("Street milieu management (Third Avenue)")


class Site(models.Model):
    """A LEAD jurisdiction. Its settings are local choices, never code (DESIGN.md 2.8)."""

    name = models.CharField(_("name"), max_length=200, unique=True, validators=[validate_printable])
    slug = models.SlugField(_("short name"), max_length=50, unique=True)
    timezone = models.CharField(
        _("time zone"), max_length=64, default="America/Los_Angeles", validators=[validate_timezone]
    )
    intake_window_days = models.PositiveSmallIntegerField(
        _("intake window (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(30)],
        help_text=_("Days an arrest diversion has to complete intake; at most 30."),
    )
    caseload_warn = models.PositiveSmallIntegerField(_("caseload warning at"), default=20)
    caseload_max = models.PositiveSmallIntegerField(_("caseload maximum"), default=25)
    referral_approver_roles = models.JSONField(
        _("who approves referrals"),
        default=default_approver_roles,
        help_text=_("Roles whose members may approve a referral."),
    )
    legal_alert_roles = models.JSONField(
        _("who else hears of legal events"),
        default=list,
        blank=True,
        help_text=_("Roles alerted with the case manager, within what each may see."),
    )
    # Where LEAD operates (precincts, neighborhoods), as feeds and referrals name areas.
    # Empty: the whole jurisdiction.
    program_areas = models.JSONField(
        _("program areas"),
        default=list,
        blank=True,
        help_text=_("Areas where the program operates; none means everywhere."),
    )
    public_referrals_enabled = models.BooleanField(
        _("public referral form"),
        default=False,
        help_text=_("Anyone may refer someone through the site's public form."),
    )
    link_automatically_at = models.FloatField(
        _("link records automatically at"),
        # On the labelled generator's records of a site of 5,000 people, links made at 0.9
        # (with the names agreeing) are right 99.4% of the time and find 96% of the true
        # ones; docs/benchmarks.md has every threshold.
        default=0.9,
        validators=[MinValueValidator(0.5), MaxValueValidator(1.0)],
        help_text=_("Match probability from which a record joins a person without review."),
    )
    link_review_at = models.FloatField(
        _("send records for review at"),
        default=0.5,
        validators=[MinValueValidator(0.1), MaxValueValidator(1.0)],
        help_text=_("Match probability from which a possible match waits for a person."),
    )
    languages = models.JSONField(
        _("languages"),
        default=list,
        blank=True,
        help_text=_("Languages the site works in, e.g. en, es."),
    )
    # The program variants this site runs (lead-domain.md section 9); each is off until the
    # site turns it on, and the capabilities of a program that is off grant nothing.
    programs = models.JSONField(_("programs"), default=list, blank=True)
    # How the continuum of care's HMIS knows the site (HUD HMIS 2.03): its CoC code and the
    # HUD geocode of where the program works. An HMIS export needs both.
    hmis_coc_code = models.CharField(
        _("continuum of care code"),
        max_length=6,
        blank=True,
        validators=[
            RegexValidator(
                r"^[A-Za-z]{2}-[0-9]{3}$", _("Two letters, a dash and three digits, e.g. WA-500.")
            )
        ],
        help_text=_("The HUD code of the continuum of care, e.g. WA-500."),
    )
    hmis_geocode = models.CharField(
        _("HUD geocode"),
        max_length=6,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{6}$", _("Six digits."))],
        help_text=_("The six-digit HUD geocode of where the program works."),
    )
    # The evaluation extract's smallest group: every combination of its quasi-identifiers
    # occurs at least this often (11, the small-cell rule many public-health agencies use).
    evaluation_k = models.PositiveSmallIntegerField(
        _("smallest group in evaluation extracts"),
        default=11,
        validators=[MinValueValidator(2), MaxValueValidator(100)],
        help_text=_("Every combination of age, sex, race and area appears at least this often."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.CheckConstraint(
                condition=Q(intake_window_days__gte=1, intake_window_days__lte=30),
                name="organizations_site_intake_window_1_30",
            ),
            models.CheckConstraint(
                condition=Q(caseload_warn__lte=F("caseload_max")),
                name="organizations_site_caseload_warn_le_max",
            ),
            models.CheckConstraint(
                condition=Q(link_review_at__lte=F("link_automatically_at")),
                name="organizations_site_link_review_le_automatic",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def today(self) -> date:
        """The date on the site's own clock, which is the one its deadlines are kept by."""
        return timezone.now().astimezone(self.zone).date()

    def runs(self, program: str) -> bool:
        return program in self.programs

    def clean(self) -> None:
        if set(self.programs) - set(SiteProgram.values):
            raise ValidationError({"programs": _("Unknown program.")})
        if self.caseload_warn > self.caseload_max:
            raise ValidationError(
                {"caseload_warn": _("The warning level cannot be above the maximum.")}
            )
        if self.link_review_at > self.link_automatically_at:
            raise ValidationError(
                {"link_review_at": _("The review level cannot be above the automatic one.")}
            )
        roles = self.referral_approver_roles
        if not roles or not set(roles) <= set(APPROVER_ROLE_CHOICES):
            raise ValidationError(
                {"referral_approver_roles": _("Choose at least one role that approves referrals.")}
            )


class OrganizationKind(models.TextChoices):
    PROJECT_MANAGEMENT = "project_management", _("Project management")
    CASE_MANAGEMENT = "case_management", _("Case management provider")
    POLICE = "police", _("Police")
    PROSECUTOR = "prosecutor", _("Prosecutor")
    PUBLIC_DEFENSE = "public_defense", _("Public defense")
    COMMUNITY_PARTNER = "community_partner", _("Community partner")
    BUSINESS = "business", _("Business")
    LODGING_PROVIDER = "lodging_provider", _("Lodging provider")
    SAFETY_TEAM = "safety_team", _("Safety team")
    HEALTH_PROVIDER = "health_provider", _("Health provider")
    GOVERNMENT = "government", _("Government")
    EVALUATOR = "evaluator", _("Evaluator")
    HMIS = "hmis", _("Continuum of care HMIS")


class Organization(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="organizations")
    name = models.CharField(_("name"), max_length=200, validators=[validate_printable])
    kind = models.CharField(_("kind"), max_length=32, choices=OrganizationKind.choices)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="organizations_org_name_per_site")
        ]

    def __str__(self) -> str:
        return self.name


class Role(models.TextChoices):
    SITE_ADMIN = "site_admin", _("Site administrator")
    PROJECT_MANAGER = "project_manager", _("Project manager")
    SUPERVISOR = "supervisor", _("Supervisor")
    CASE_MANAGER = "case_manager", _("Case manager")
    OUTREACH_WORKER = "outreach_worker", _("Outreach worker")
    OFFICER = "officer", _("Police officer")
    APPROVING_SERGEANT = "approving_sergeant", _("Approving sergeant")
    LIAISON_PROSECUTOR = "liaison_prosecutor", _("Liaison prosecutor")
    PUBLIC_DEFENDER = "public_defender", _("Public defender")
    COMMUNITY_REFERRER = "community_referrer", _("Community referrer")
    PCG_MEMBER = "pcg_member", _("Policy Coordinating Group member")
    EVALUATOR = "evaluator", _("Evaluator")
    LODGING_LIAISON = "lodging_liaison", _("Lodging liaison")
    SAFETY_AMBASSADOR = "safety_ambassador", _("Safety ambassador")


# Which kinds of organization a role can be held in. A role missing here may be held in
# any organization (a PCG member or a supervisor can come from any partner).
ROLE_ORGANIZATION_KINDS: dict[str, set[str]] = {
    Role.SITE_ADMIN: {OrganizationKind.PROJECT_MANAGEMENT},
    Role.PROJECT_MANAGER: {OrganizationKind.PROJECT_MANAGEMENT},
    Role.CASE_MANAGER: {OrganizationKind.CASE_MANAGEMENT},
    Role.OUTREACH_WORKER: {OrganizationKind.CASE_MANAGEMENT, OrganizationKind.SAFETY_TEAM},
    Role.OFFICER: {OrganizationKind.POLICE},
    Role.APPROVING_SERGEANT: {OrganizationKind.POLICE},
    Role.LIAISON_PROSECUTOR: {OrganizationKind.PROSECUTOR},
    Role.PUBLIC_DEFENDER: {OrganizationKind.PUBLIC_DEFENSE},
    Role.COMMUNITY_REFERRER: {OrganizationKind.COMMUNITY_PARTNER, OrganizationKind.BUSINESS},
    Role.EVALUATOR: {OrganizationKind.EVALUATOR},
    Role.LODGING_LIAISON: {OrganizationKind.LODGING_PROVIDER},
    Role.SAFETY_AMBASSADOR: {OrganizationKind.SAFETY_TEAM},
}


class Membership(models.Model):
    """A user's role at one organization. A user may hold several."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="memberships"
    )
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    badge_or_staff_number = models.CharField(_("badge or staff number"), max_length=40, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["organization__name", "role"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization", "role"], name="organizations_membership_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_role_display()} · {self.organization}"

    @property
    def site_id(self) -> int:
        return self.organization.site_id

    def clean(self) -> None:
        allowed = ROLE_ORGANIZATION_KINDS.get(self.role)
        if allowed and self.organization_id and self.organization.kind not in allowed:
            raise ValidationError(
                {
                    "role": _("A %(role)s cannot belong to a %(kind)s organization.")
                    % {
                        "role": self.get_role_display(),
                        "kind": self.organization.get_kind_display(),
                    }
                }
            )


class Invitation(models.Model):
    """An invitation to join an organization in a role, accepted once through a secret link.

    Only a hash of the secret is stored; the link is shown to the inviting admin once.
    """

    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="invitations"
    )
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    email = models.EmailField(_("email"))
    display_name = models.CharField(_("name"), max_length=150, validators=[validate_printable])
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField()
    accepted_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)
    accepted_user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"
