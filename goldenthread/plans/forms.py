from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from goldenthread.casework.models import NeedDomain
from goldenthread.forms import Form, ModelForm
from goldenthread.plans.models import TEXT_MAX_LENGTH, Goal, GoalStatus, Priority, ProgressKind
from goldenthread.plans.services import CrisisScreen, Need
from goldenthread.text import printable


class GoalForm(ModelForm):
    class Meta:
        model = Goal
        fields = ["own_words", "domain", "steps", "helpers"]
        widgets = {"steps": forms.Textarea(attrs={"rows": 3})}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name in ("own_words", "helpers"):
            data[name] = printable(data.get(name, ""), 300)
        data["steps"] = printable(data.get("steps", ""), TEXT_MAX_LENGTH, keep_newlines=True)
        return data


class ProgressForm(Form):
    kind = forms.ChoiceField(
        label=_("What happened"), choices=ProgressKind.choices, widget=forms.RadioSelect
    )
    text = forms.CharField(
        label=_("Note"),
        max_length=TEXT_MAX_LENGTH,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    to_status = forms.ChoiceField(
        label=_("Goal status"),
        choices=[("", _("Keep as it is")), *GoalStatus.choices],
        required=False,
    )

    def clean_text(self) -> str:
        return printable(self.cleaned_data["text"], TEXT_MAX_LENGTH, keep_newlines=True)


class AssessmentForm(Form):
    """The crisis screen first, then each domain: a priority, their words, the situation.
    Domains left without a priority were not talked about this time."""

    assessed_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    risk_to_self = forms.BooleanField(label=_("Thoughts of harming themselves"), required=False)
    risk_to_others = forms.BooleanField(label=_("Thoughts of harming someone else"), required=False)
    urgent_medical = forms.BooleanField(label=_("Urgent medical need"), required=False)
    unsafe_tonight = forms.BooleanField(label=_("Nowhere safe to stay tonight"), required=False)
    crisis_note = forms.CharField(
        label=_("If any: what was done about it"), max_length=300, required=False
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for domain in NeedDomain.values:
            self.fields[f"{domain}-priority"] = forms.ChoiceField(
                label=_("Priority"),
                choices=[("", _("Not talked about")), *Priority.choices],
                required=False,
            )
            self.fields[f"{domain}-own_words"] = forms.CharField(
                label=_("In their words"),
                max_length=TEXT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
            self.fields[f"{domain}-situation"] = forms.CharField(
                label=_("Current situation"),
                max_length=TEXT_MAX_LENGTH,
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for domain in NeedDomain.values:
            wrote = data.get(f"{domain}-own_words") or data.get(f"{domain}-situation")
            if wrote and not data.get(f"{domain}-priority"):
                self.add_error(f"{domain}-priority", _("Give a priority for what you wrote."))
        return data

    def domain_groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        """Each domain's three fields, for one fieldset per domain."""
        return [
            (
                str(label),
                [self[f"{domain}-{part}"] for part in ("priority", "own_words", "situation")],
            )
            for domain, label in NeedDomain.choices
        ]

    def needs(self) -> list[Need]:
        data = self.cleaned_data
        return [
            Need(
                domain=domain,
                priority=data[f"{domain}-priority"],
                own_words=printable(
                    data[f"{domain}-own_words"], TEXT_MAX_LENGTH, keep_newlines=True
                ),
                situation=printable(
                    data[f"{domain}-situation"], TEXT_MAX_LENGTH, keep_newlines=True
                ),
            )
            for domain in NeedDomain.values
            if data.get(f"{domain}-priority")
        ]

    def crisis(self) -> CrisisScreen:
        data = self.cleaned_data
        return CrisisScreen(
            risk_to_self=data["risk_to_self"],
            risk_to_others=data["risk_to_others"],
            urgent_medical=data["urgent_medical"],
            unsafe_tonight=data["unsafe_tonight"],
            note=printable(data["crisis_note"], 300),
        )
