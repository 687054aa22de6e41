from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from goldenthread.access.sharing import NoteSharing
from goldenthread.accounts.models import User
from goldenthread.conferencing.models import Flag, ItemNote, WorkGroup
from goldenthread.forms import Form, ModelForm
from goldenthread.organizations.models import Organization


class AgendaItemForm(Form):
    detail = forms.CharField(label=_("Add an item"), max_length=200)


class ActionItemForm(Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    due_on = forms.DateField(label=_("Due"), widget=forms.DateInput(attrs={"type": "date"}))
    owner_user = forms.ModelChoiceField(
        label=_("Owner (a person)"), queryset=User.objects.none(), required=False
    )
    owner_organization = forms.ModelChoiceField(
        label=_("or an organization"), queryset=Organization.objects.none(), required=False
    )

    def __init__(self, *args: Any, group: WorkGroup, **kwargs: Any) -> None:
        """Owners come from the group's own roster."""
        super().__init__(*args, **kwargs)
        self.fields["owner_user"].queryset = group.members.order_by("username")  # type: ignore[attr-defined]
        self.fields["owner_organization"].queryset = group.organizations.order_by("name")  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("owner_user") and not cleaned.get("owner_organization"):
            raise ValidationError(_("An action item needs an owner: a person or an organization."))
        return cleaned


# How each note class reads at the meeting (NoteSharing's own labels speak of case notes).
NOTE_CLASSES = (
    (NoteSharing.TEAM, _("Case management only")),
    (NoteSharing.PARTNERS, _("Attendees, as consent allows")),
)


class ItemNoteForm(ModelForm):
    class Meta:
        model = ItemNote
        fields = ["text", "sharing", "is_decision"]
        labels = {
            "text": _("Note"),
            "sharing": _("Who may read it"),
            "is_decision": _("This is a decision"),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["sharing"].choices = NOTE_CLASSES  # type: ignore[attr-defined]


class AttendanceForm(Form):
    attendees = forms.ModelMultipleChoiceField(
        label=_("Who attended"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, group: WorkGroup, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["attendees"].queryset = group.members.order_by("username")  # type: ignore[attr-defined]


class FlagForm(ModelForm):
    class Meta:
        model = Flag
        fields = ["work_group", "why"]
        labels = {"work_group": _("Work group"), "why": _("What the group should talk about")}
        help_texts = {"why": _("A fact or a question, never clinical detail.")}

    def __init__(self, *args: Any, groups: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["work_group"].queryset = groups  # type: ignore[attr-defined]
        self.fields["work_group"].empty_label = None  # type: ignore[attr-defined]
