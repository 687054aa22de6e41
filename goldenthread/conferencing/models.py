"""The Operational Work Group: line staff of police, prosecution, defense, case management
and the community who meet, often every other week, to work through participants and
problems. Its meetings, their agendas (built from what needs attention, each item with its
reason) and the action items that carry from one meeting to the next."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from goldenthread.access.sharing import NoteSharing
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person
from goldenthread.text import validate_printable


class GroupKind(models.TextChoices):
    # Line staff working through participants and problems.
    OPERATIONAL = "operational", _("Operational Work Group")
    # Senior decision-makers who own the policies, protocols and eligibility rules.
    POLICY = "policy", _("Policy Coordinating Group")


class WorkGroup(models.Model):
    site = models.ForeignKey(Site, on_delete=models.PROTECT, related_name="work_groups")
    name = models.CharField(_("name"), max_length=120, validators=[validate_printable])
    kind = models.CharField(
        _("kind"), max_length=12, choices=GroupKind.choices, default=GroupKind.OPERATIONAL
    )
    # One per precinct at some sites; empty: the whole site.
    area = models.CharField(_("area"), max_length=80, blank=True, validators=[validate_printable])
    cadence_days = models.PositiveSmallIntegerField(_("meets every (days)"), default=14)
    organizations = models.ManyToManyField(Organization, related_name="work_groups", blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="work_groups", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["site", "name"], name="conferencing_group_name")
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def cadence(self) -> timedelta:
        return timedelta(days=self.cadence_days)


class Meeting(models.Model):
    work_group = models.ForeignKey(WorkGroup, on_delete=models.PROTECT, related_name="meetings")
    starts_at = models.DateTimeField(_("starts at"))
    # Set when the project manager closes the minutes; a held meeting is history.
    held = models.BooleanField(_("held"), default=False)
    attendees = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="meetings_attended", blank=True
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-starts_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.work_group} {self.starts_at:%Y-%m-%d}"


class Reason(models.TextChoices):
    """Why an item is on the agenda."""

    REFERRAL_DECISION = "referral_decision", _("Referral awaiting a decision")
    INTAKE_DEADLINE = "intake_deadline", _("Intake deadline within 7 days")
    LEGAL_EVENT = "legal_event", _("New booking, case or warrant since the last meeting")
    IN_THE_WIND = "in_the_wind", _("In the wind for more than 30 days")
    LODGING_OPENING = "lodging_opening", _("Lodging rooms or beds free")
    INCIDENTS = "incidents", _("Critical incidents since the last meeting")
    FLAGGED = "flagged", _("Raised by staff")
    POLICY_APPROVAL = "policy_approval", _("Policy version awaiting approval")
    ACTION_ITEM = "action_item", _("Open action item")
    ADDED = "added", _("Added by the project manager")


class ActionStatus(models.TextChoices):
    OPEN = "open", _("Open")
    DONE = "done", _("Done")


class ActionItem(models.Model):
    """Something someone agreed to do; open ones return on every agenda until done."""

    work_group = models.ForeignKey(WorkGroup, on_delete=models.PROTECT, related_name="action_items")
    raised_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="raised_actions", null=True, blank=True
    )
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    description = models.CharField(_("what"), max_length=300, validators=[validate_printable])
    owner_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="action_items",
        null=True,
        blank=True,
    )
    owner_organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="action_items", null=True, blank=True
    )
    due_on = models.DateField(_("due"))
    status = models.CharField(
        _("status"), max_length=8, choices=ActionStatus.choices, default=ActionStatus.OPEN
    )
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_on", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(owner_user__isnull=False) | Q(owner_organization__isnull=False),
                name="conferencing_action_has_owner",
            )
        ]

    def __str__(self) -> str:
        return self.description


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField()
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    # What the item is about (at most one of these); the reason says why it is here.
    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    referral = models.ForeignKey(
        "referrals.Referral", on_delete=models.PROTECT, related_name="+", null=True, blank=True
    )
    action_item = models.ForeignKey(
        ActionItem, on_delete=models.PROTECT, related_name="agenda_items", null=True, blank=True
    )
    # The exact version a Policy Coordinating Group discussed: later versions never move it.
    policy_version = models.ForeignKey(
        "governance.PolicyVersion",
        on_delete=models.PROTECT,
        related_name="agenda_items",
        null=True,
        blank=True,
    )
    # A fact, never clinical: "booked 2026-11-27", "due 2026-12-01".
    detail = models.CharField(max_length=200, blank=True, validators=[validate_printable])
    removed = models.BooleanField(default=False)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return f"{self.get_reason_display()} ({self.detail})"


class Flag(models.Model):
    """A participant a member of staff asks the group to talk about; it goes on the next
    meeting scheduled, once."""

    work_group = models.ForeignKey(WorkGroup, on_delete=models.PROTECT, related_name="flags")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="+")
    why = models.CharField(_("why"), max_length=200, validators=[validate_printable])
    flagged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    flagged_at = models.DateTimeField(auto_now_add=True)
    # The meeting whose agenda took it; empty until then.
    taken_up_at = models.ForeignKey(
        Meeting, on_delete=models.PROTECT, related_name="flags", null=True, blank=True
    )

    class Meta:
        ordering = ["flagged_at", "pk"]

    def __str__(self) -> str:
        return self.why


class ItemNote(models.Model):
    """What was said or decided about one agenda item. Restricted notes stay with case
    management; shareable ones reach attendees as consent allows. Notes are never edited:
    a correction is a new note."""

    item = models.ForeignKey(AgendaItem, on_delete=models.PROTECT, related_name="notes")
    sharing = models.CharField(
        _("who may read it"),
        max_length=8,
        choices=NoteSharing.choices,
        default=NoteSharing.TEAM,
    )
    is_decision = models.BooleanField(_("a decision"), default=False)
    text = models.TextField(_("note"), max_length=2000)  # line breaks kept
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    written_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["written_at", "pk"]

    def __str__(self) -> str:
        return self.text[:60]
