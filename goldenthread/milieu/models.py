"""Milieu management (the Third Avenue Project, lead-domain.md 9.3): safety ambassadors
keep a de-escalating presence on a street corridor, log each encounter, and refer people to
specialty teams (shelter, housing, behavioral health), following each referral through the
waitlist to its outcome. Most people met there are unnamed: an encounter is with a person,
who may be known only by a street name until identity resolution links them.

The funnel the site reports (1,487 people encountered, 116 referred to shelter or housing,
36 housed) is computed from these rows in milieu.selectors."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person
from goldenthread.text import validate_printable


class EncounterKind(models.TextChoices):
    CHECK_IN = "check_in", _("Check-in")
    DE_ESCALATION = "de_escalation", _("De-escalation")
    CONFLICT = "conflict", _("Conflict resolved")
    REFERRAL = "referral", _("Referral to a specialty team")


class Encounter(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="encounters")
    organization = models.ForeignKey(Organization, on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="encounters")
    kind = models.CharField(_("what happened"), max_length=16, choices=EncounterKind.choices)
    occurred_at = models.DateTimeField(_("when"))
    area = models.CharField(_("area"), max_length=80, validators=[validate_printable])
    place = models.CharField(
        _("corner or landmark"), max_length=200, validators=[validate_printable]
    )
    note = models.CharField(_("note"), max_length=500, blank=True, validators=[validate_printable])
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["-occurred_at", "-pk"]
        indexes = [models.Index(fields=["site", "occurred_at"], name="milieu_encounter_when")]

    def __str__(self) -> str:
        return f"{self.kind} at {self.place}"


class ReferralNeed(models.TextChoices):
    SHELTER = "shelter", _("Shelter")
    HOUSING = "housing", _("Housing")
    BEHAVIORAL_HEALTH = "behavioral_health", _("Behavioral health")
    MEDICAL = "medical", _("Medical care")


# Referrals that count in the funnel's "referred to shelter or housing".
ROOF_NEEDS = frozenset({ReferralNeed.SHELTER, ReferralNeed.HOUSING})


class ReferralStatus(models.TextChoices):
    REFERRED = "referred", _("Referred")
    WAITLISTED = "waitlisted", _("On the waitlist")
    SHELTERED = "sheltered", _("In shelter")
    HOUSED = "housed", _("Permanently housed")
    DECLINED = "declined", _("Declined by the person")
    CLOSED = "closed", _("Closed without a place")


S = ReferralStatus
# Every allowed move. Nothing but services.team_referral_transition assigns a status.
TRANSITIONS: dict[str, frozenset[str]] = {
    S.REFERRED: frozenset({S.WAITLISTED, S.SHELTERED, S.HOUSED, S.DECLINED, S.CLOSED}),
    S.WAITLISTED: frozenset({S.SHELTERED, S.HOUSED, S.DECLINED, S.CLOSED}),
    S.SHELTERED: frozenset({S.HOUSED, S.CLOSED}),
    S.HOUSED: frozenset(),
    S.DECLINED: frozenset(),
    S.CLOSED: frozenset(),
}


class TeamReferral(models.Model):
    """A referral from the street to a specialty team (a behavioral health response team,
    the coordinated entry for housing), followed to its outcome."""

    encounter = models.ForeignKey(Encounter, on_delete=models.PROTECT, related_name="referrals")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="team_referrals")
    team = models.CharField(_("team"), max_length=120, validators=[validate_printable])
    need = models.CharField(_("for"), max_length=20, choices=ReferralNeed.choices)
    status = models.CharField(
        _("status"), max_length=12, choices=ReferralStatus.choices, default=S.REFERRED
    )
    updated_on = models.DateField(_("as of"))

    class Meta:
        ordering = ["-updated_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.need} via {self.team}: {self.status}"
