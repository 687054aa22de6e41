from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Organization, Site
from goldenthread.text import validate_printable

if TYPE_CHECKING:
    from goldenthread.organizations.models import Membership


class RaceEthnicity(models.TextChoices):
    """The combined SPD-15 (2024) question: select all that apply. The three answers that
    say no answer was given cannot be combined with the others."""

    AMERICAN_INDIAN = "american_indian", _("American Indian, Alaska Native, or Indigenous")
    ASIAN = "asian", _("Asian or Asian American")
    BLACK = "black", _("Black, African American, or African")
    HISPANIC = "hispanic", _("Hispanic or Latina/e/o")
    MIDDLE_EASTERN = "middle_eastern", _("Middle Eastern or North African")
    PACIFIC_ISLANDER = "pacific_islander", _("Native Hawaiian or Pacific Islander")
    WHITE = "white", _("White")
    DOES_NOT_KNOW = "does_not_know", _("Doesn't know")
    PREFERS_NOT = "prefers_not", _("Prefers not to answer")
    NOT_COLLECTED = "not_collected", _("Not collected")


RACE_NO_ANSWER = {
    RaceEthnicity.DOES_NOT_KNOW,
    RaceEthnicity.PREFERS_NOT,
    RaceEthnicity.NOT_COLLECTED,
}


class Sex(models.TextChoices):
    FEMALE = "female", _("Female")
    MALE = "male", _("Male")
    UNKNOWN = "unknown", _("Not known or not collected")


class Gender(models.TextChoices):
    WOMAN = "woman", _("Woman")
    MAN = "man", _("Man")
    CULTURALLY_SPECIFIC = "culturally_specific", _("Culturally specific identity (e.g. Two-Spirit)")
    NON_BINARY = "non_binary", _("Non-binary")
    TRANSGENDER = "transgender", _("Transgender")
    QUESTIONING = "questioning", _("Questioning")
    DIFFERENT = "different", _("A different identity")


class EngagementStatus(models.TextChoices):
    """Harm reduction: people cannot fail out. Closed always carries a reason elsewhere."""

    REFERRED = "referred", _("Referred, not yet enrolled")
    ACTIVE = "active", _("Active")
    INACTIVE = "inactive", _("Inactive")
    IN_THE_WIND = "in_the_wind", _("In the wind")
    CLOSED = "closed", _("Closed")


# The statuses that keep someone on a case manager's caseload ("in the wind" included:
# they are still looked for, which is why LEAD caseloads run above intensive ones).
CASELOAD_STATUSES = frozenset(
    {EngagementStatus.ACTIVE, EngagementStatus.INACTIVE, EngagementStatus.IN_THE_WIND}
)


class PersonQuerySet(models.QuerySet["Person"]):
    def visible_to(self, membership: "Membership | None") -> "PersonQuerySet":
        """The one door for lists, searches, counts and exports: see access.policy."""
        from goldenthread.access.policy import people_visible_filter

        return self.filter(people_visible_filter(membership))


# What display_name reads: lists that show only names load only these (with only()), since
# the rest of a person, four JSON fields among it, costs more to load than a list shows.
NAME_FIELDS = ("preferred_name", "legal_first_name", "legal_last_name")
# Decoded row by row, and shown only on a person's own record: lists defer them.
DESCRIPTION_FIELDS = ("aliases", "genders", "race_ethnicity_self", "race_ethnicity_observed")


class Person(models.Model):
    """The subject of all personal data. Every participant-scoped row carries the site."""

    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="people")
    legal_first_name = models.CharField(
        _("legal first name"), max_length=100, blank=True, validators=[validate_printable]
    )
    legal_last_name = models.CharField(
        _("legal last name"), max_length=100, blank=True, validators=[validate_printable]
    )
    preferred_name = models.CharField(
        _("preferred name"), max_length=100, blank=True, validators=[validate_printable]
    )
    aliases = models.JSONField(_("aliases"), default=list, blank=True)
    date_of_birth = models.DateField(_("date of birth"), null=True, blank=True)
    approximate_age = models.PositiveSmallIntegerField(_("approximate age"), null=True, blank=True)
    sex = models.CharField(_("sex"), max_length=16, choices=Sex.choices, default=Sex.UNKNOWN)
    genders = models.JSONField(_("gender"), default=list, blank=True)
    race_ethnicity_self = models.JSONField(
        _("race and ethnicity (self-reported)"), default=list, blank=True
    )
    race_ethnicity_observed = models.JSONField(
        _("race and ethnicity (observed by an officer)"), default=list, blank=True
    )
    phone = models.CharField(_("phone"), max_length=40, blank=True, validators=[validate_printable])
    contact_preferences = models.TextField(_("how to reach them"), blank=True)
    engagement_status = models.CharField(
        _("engagement status"),
        max_length=16,
        choices=EngagementStatus.choices,
        default=EngagementStatus.REFERRED,
    )
    assigned_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, null=True, blank=True, related_name="participants"
    )
    case_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="participants",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    # The latest contact's time, kept by casework.services.contact_log so a caseload of
    # thousands orders by "longest without contact" from an index, not from every contact.
    last_contact_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Set when identity resolution merged this person into another; the row stays so the
    # merge can be undone exactly (identity.services.person_unmerge).
    merged_into = models.ForeignKey(
        "self", on_delete=models.PROTECT, null=True, blank=True, related_name="+", editable=False
    )

    objects = PersonQuerySet.as_manager()

    class Meta:
        ordering = ["legal_last_name", "legal_first_name", "pk"]
        indexes = [
            models.Index(fields=["site", "legal_last_name"], name="people_site_last_name"),
            models.Index(fields=["case_manager", "last_contact_at"], name="people_caseload_order"),
        ]

    def __str__(self) -> str:
        return self.display_name

    @property
    def display_name(self) -> str:
        legal = " ".join(part for part in (self.legal_first_name, self.legal_last_name) if part)
        if self.preferred_name and legal:
            return f"{self.preferred_name} ({legal})"
        return self.preferred_name or legal or str(_("Name not known"))

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        errors: dict[str, Any] = {}
        for field in ("race_ethnicity_self", "race_ethnicity_observed"):
            answers = set(getattr(self, field))
            if answers - set(RaceEthnicity.values):
                errors[field] = _("Unknown race or ethnicity answer.")
            elif answers & RACE_NO_ANSWER and len(answers) > 1:
                errors[field] = _(
                    "“Doesn't know”, “prefers not to answer” and “not collected” stand alone."
                )
        if set(self.genders) - set(Gender.values):
            errors["genders"] = _("Unknown gender answer.")
        if not (
            self.legal_first_name or self.legal_last_name or self.preferred_name or self.aliases
        ):
            errors["preferred_name"] = _("Give at least one name, even a street name.")
        if errors:
            raise ValidationError(errors)
