from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form
from goldenthread.organizations.models import Organization
from goldenthread.webhooks.models import Event


class SubscriptionForm(Form):
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    url = forms.URLField(
        label=_("Endpoint (https)"),
        max_length=500,
        assume_scheme="https",
        help_text=_("Where its system listens. Deliveries are signed; see the API reference."),
    )
    events = forms.MultipleChoiceField(
        label=_("Events"), choices=Event.choices, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, organizations: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organization"].queryset = organizations  # type: ignore[attr-defined]
