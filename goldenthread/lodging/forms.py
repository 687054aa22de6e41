from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from goldenthread.accounts.models import User
from goldenthread.casework.status import VALUES
from goldenthread.forms import Form
from goldenthread.lodging.models import ExitHousing, ShiftKind, Stay, Unit
from goldenthread.lodging.readiness import EXIT_CHECKLIST
from goldenthread.people.models import Person


class CheckInForm(Form):
    person = forms.ModelChoiceField(queryset=Person.objects.none(), label=_("Who"))
    unit = forms.ModelChoiceField(
        queryset=Unit.objects.none(),
        label=_("Room or bed"),
        required=False,
        empty_label=_("The first one free"),
    )
    agreement_version = forms.CharField(label=_("Lodging agreement version"), max_length=20)
    agreement_signed_on = forms.DateField(
        label=_("Agreement signed on"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(
        self, *args: object, people: "QuerySet[Person]", units: "QuerySet[Unit]", **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["unit"].queryset = units  # type: ignore[attr-defined]
        self.fields["unit"].label_from_instance = lambda unit: unit.label  # type: ignore[attr-defined]


class CheckOutForm(Form):
    """Where the person went, and the housing-ready checklist: one answer a document and
    one for insurance, each starting from what is known when the release lets the liaison
    read it."""

    exit_housing = forms.ChoiceField(
        label=_("Where they went"), choices=[("", "—"), *ExitHousing.choices]
    )

    def __init__(self, *args: object, known: dict[str, str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for kind in EXIT_CHECKLIST:
            self.fields[kind] = forms.ChoiceField(
                label=kind.label,
                choices=[("", _("Not asked")), *VALUES[kind].items()],
                required=False,
                initial=known.get(kind, ""),
            )

    def checklist(self) -> dict[str, str]:
        return {kind: self.cleaned_data[kind] for kind in EXIT_CHECKLIST}

    def checklist_fields(self) -> list[forms.BoundField]:
        return [self[kind] for kind in EXIT_CHECKLIST]


class StayNoteForm(Form):
    text = forms.CharField(
        label=_("Note"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write the note.")},
    )


class ShiftLeadForm(Form):
    day = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    kind = forms.ChoiceField(label=_("Shift"), choices=ShiftKind.choices)
    lead = forms.ModelChoiceField(queryset=User.objects.none(), label=_("Lead"))

    def __init__(self, *args: object, leads: "QuerySet[User]", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["lead"].queryset = leads  # type: ignore[attr-defined]


class OnCallForm(Form):
    """A line of the night's log. The time alone is asked: before the shift's start hour it
    falls on the next morning."""

    time = forms.TimeField(label=_("Time"), widget=forms.TimeInput(attrs={"type": "time"}))
    stay = forms.ModelChoiceField(
        queryset=Stay.objects.none(),
        label=_("Guest"),
        required=False,
        empty_label=_("No one in particular"),
    )
    what_happened = forms.CharField(
        label=_("What happened and what was done"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args: object, guests: "QuerySet[Stay]", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["stay"].queryset = guests  # type: ignore[attr-defined]
        self.fields["stay"].label_from_instance = (  # type: ignore[attr-defined]
            lambda stay: f"{stay.person.display_name} · {stay.unit.label}"
        )
