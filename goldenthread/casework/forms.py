from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.access.sharing import NoteSharing
from goldenthread.casework.models import (
    NOTE_MAX_LENGTH,
    CloseReason,
    ContactMode,
    NeedDomain,
    PlaceType,
    ServiceKind,
    ServiceOutcome,
    StatusKind,
)
from goldenthread.casework.status import VALUES
from goldenthread.forms import Form
from goldenthread.organizations.models import Membership
from goldenthread.people.models import EngagementStatus
from goldenthread.text import LARGEST_KEY


class ContactForm(Form):
    """One screen, thumb-sized: how, where, substantive, what you worked on, a note."""

    mode = forms.ChoiceField(label=_("How"), choices=ContactMode.choices, widget=forms.RadioSelect)
    place = forms.ChoiceField(label=_("Where"), choices=PlaceType.choices)
    substantive = forms.BooleanField(label=_("Substantive (worked on their goals)"), required=False)
    domains = forms.MultipleChoiceField(
        label=_("What you worked on"),
        choices=NeedDomain.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    note = forms.CharField(
        label=_("Note"),
        max_length=NOTE_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    sharing = forms.ChoiceField(
        label=_("Who may read the note"), choices=NoteSharing.choices, initial=NoteSharing.TEAM
    )
    occurred_at = forms.DateTimeField(
        label=_("When (leave empty for now)"),
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
    )

    def clean_occurred_at(self) -> object:
        return self.cleaned_data.get("occurred_at") or timezone.now()


class EngagementForm(Form):
    to = forms.ChoiceField(label=_("New status"), choices=EngagementStatus.choices)
    close_reason = forms.ChoiceField(
        label=_("If closing: why"), choices=[("", "—"), *CloseReason.choices], required=False
    )
    note = forms.CharField(label=_("Note"), max_length=300, required=False)


class StatusForm(Form):
    """One dated fact: the choice names both the kind and the value ("housing:116")."""

    status = forms.ChoiceField(
        label=_("What is true now"),
        choices=[
            (StatusKind(kind).label, [(f"{kind}:{code}", label) for code, label in values.items()])
            for kind, values in VALUES.items()
        ],
    )
    as_of = forms.DateField(label=_("True from"), widget=forms.DateInput(attrs={"type": "date"}))
    note = forms.CharField(label=_("Note"), max_length=300, required=False)

    def kind_and_value(self) -> tuple[str, str]:
        kind, _sep, value = self.cleaned_data["status"].partition(":")
        return kind, value


class TaskForm(Form):
    title = forms.CharField(label=_("What to do"), max_length=200)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    person = forms.IntegerField(
        required=False, min_value=1, max_value=LARGEST_KEY, widget=forms.HiddenInput
    )


class ReassignForm(Form):
    case_manager: "forms.ModelChoiceField[Membership]" = forms.ModelChoiceField(
        label=_("New case manager"), queryset=Membership.objects.none()
    )
    reason = forms.CharField(label=_("Why"), max_length=300)
    override_reason = forms.CharField(
        label=_("Reason to go above the caseload maximum, if needed"),
        max_length=300,
        required=False,
    )

    def __init__(self, *args: object, managers: QuerySet[Membership], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        field = self.fields["case_manager"]
        field.queryset = managers  # type: ignore[attr-defined]
        field.label_from_instance = lambda m: f"{m.user} · {m.organization}"  # type: ignore[attr-defined]


class ServiceEventForm(Form):
    kind = forms.ChoiceField(label=_("Service"), choices=ServiceKind.choices)
    provider = forms.CharField(label=_("Provider"), max_length=200)
    occurred_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    outcome = forms.ChoiceField(label=_("Outcome"), choices=ServiceOutcome.choices)
    note = forms.CharField(label=_("Note"), max_length=300, required=False)
