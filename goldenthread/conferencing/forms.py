from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from goldenthread.accounts.models import User
from goldenthread.conferencing.models import WorkGroup
from goldenthread.organizations.models import Organization


class AgendaItemForm(forms.Form):
    detail = forms.CharField(label=_("Add an item"), max_length=200)


class ActionItemForm(forms.Form):
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
