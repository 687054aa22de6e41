"""The participant's own plan: assessments of their needs in their words, and goals with
small steps. A plan is never a condition of enrollment, and a setback is part of the
journey, never a violation."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from goldenthread.casework.models import NeedDomain
from goldenthread.people.models import Person

TEXT_MAX_LENGTH = 1000


class Priority(models.TextChoices):
    """The participant's priority, not the case manager's."""

    NOW = "now", _("Wants to work on this now")
    SOON = "soon", _("Later")
    NOT_NOW = "not_now", _("Not a priority")


class Assessment(models.Model):
    """One assessment, repeated over time so change is visible. The crisis screen comes
    first: it decides whether anything else happens today."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="assessments")
    assessed_on = models.DateField(_("date"))
    risk_to_self = models.BooleanField(_("Thoughts of harming themselves"), default=False)
    risk_to_others = models.BooleanField(_("Thoughts of harming someone else"), default=False)
    urgent_medical = models.BooleanField(_("Urgent medical need"), default=False)
    unsafe_tonight = models.BooleanField(_("Nowhere safe to stay tonight"), default=False)
    crisis_note = models.CharField(_("What was done about it"), max_length=300, blank=True)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-assessed_on", "-pk"]

    def __str__(self) -> str:
        return f"{self.person_id} {self.assessed_on}"

    @property
    def in_crisis(self) -> bool:
        return (
            self.risk_to_self or self.risk_to_others or self.urgent_medical or self.unsafe_tonight
        )


class AssessedNeed(models.Model):
    """One domain of one assessment: what the participant said, what is going on, and how
    much they want to work on it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="needs")
    domain = models.CharField(_("domain"), max_length=24, choices=NeedDomain.choices)
    own_words = models.TextField(_("In their words"), max_length=TEXT_MAX_LENGTH, blank=True)
    situation = models.TextField(_("Current situation"), max_length=TEXT_MAX_LENGTH, blank=True)
    priority = models.CharField(_("Priority"), max_length=8, choices=Priority.choices)

    class Meta:
        ordering = ["assessment", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "domain"], name="plans_one_need_per_domain"
            )
        ]

    def __str__(self) -> str:
        return f"{self.domain}: {self.priority}"


class GoalStatus(models.TextChoices):
    WORKING = "working", _("Working on it")
    ACHIEVED = "achieved", _("Achieved")
    PAUSED = "paused", _("Paused")
    CHANGED = "changed", _("Changed")


G = GoalStatus
# A goal's status moves as the participant decides; nothing closes a goal automatically and
# any goal can be picked up again.
GOAL_TRANSITIONS: dict[str, frozenset[str]] = {
    G.WORKING: frozenset({G.ACHIEVED, G.PAUSED, G.CHANGED}),
    G.PAUSED: frozenset({G.WORKING, G.ACHIEVED, G.CHANGED}),
    G.ACHIEVED: frozenset({G.WORKING}),
    G.CHANGED: frozenset({G.WORKING}),
}


class Goal(models.Model):
    """A goal of the individual intervention plan, in the participant's words."""

    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="goals")
    domain = models.CharField(_("Domain"), max_length=24, choices=NeedDomain.choices)
    own_words = models.CharField(_("The goal, in their words"), max_length=300)
    steps = models.TextField(_("Small steps, one per line"), max_length=TEXT_MAX_LENGTH, blank=True)
    helpers = models.CharField(_("Who helps"), max_length=300, blank=True)
    status = models.CharField(max_length=12, choices=GoalStatus.choices, default=G.WORKING)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["person", "created_at"], name="plans_goals_person")]

    def __str__(self) -> str:
        return self.own_words

    @property
    def step_list(self) -> list[str]:
        return [line.strip() for line in self.steps.splitlines() if line.strip()]


class ProgressKind(models.TextChoices):
    PROGRESS = "progress", _("A step forward")
    SETBACK = "setback", _("A setback (part of the journey)")
    NOTE = "note", _("A note")


class GoalProgress(models.Model):
    """One entry in a goal's story; also where a change of the goal's status is kept."""

    goal = models.ForeignKey(Goal, on_delete=models.CASCADE, related_name="progress")
    kind = models.CharField(_("What happened"), max_length=12, choices=ProgressKind.choices)
    text = models.TextField(_("Note"), max_length=TEXT_MAX_LENGTH, blank=True)
    from_status = models.CharField(max_length=12, choices=GoalStatus.choices)
    to_status = models.CharField(max_length=12, choices=GoalStatus.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-at", "-pk"]
        indexes = [models.Index(fields=["goal", "-at"], name="plans_progress_goal")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d}"

    @property
    def status_changed(self) -> bool:
        return self.from_status != self.to_status
