from datetime import datetime, tzinfo

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form
from goldenthread.milieu.models import EncounterKind, ReferralNeed, ReferralStatus
from goldenthread.people.models import Person


class EncounterForm(Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label=_("Someone already known"),
        required=False,
        empty_label=_("Not known yet"),
    )
    street_name = forms.CharField(
        label=_("Or the name they go by here"), max_length=100, required=False
    )
    kind = forms.ChoiceField(label=_("What happened"), choices=EncounterKind.choices)
    occurred_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    # Required by the service, which names what is missing in the reporter's words.
    area = forms.CharField(label=_("Area"), max_length=80, required=False)
    place = forms.CharField(label=_("Corner or landmark"), max_length=200, required=False)
    team = forms.CharField(label=_("Referred to (team)"), max_length=120, required=False)
    need = forms.ChoiceField(
        label=_("For"), choices=[("", "—"), *ReferralNeed.choices], required=False
    )
    note = forms.CharField(label=_("Note"), max_length=500, required=False)

    def __init__(
        self, *args: object, people: "QuerySet[Person]", zone: tzinfo, **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.zone = zone

    def clean_occurred_at(self) -> datetime:
        """The time as the ambassador's clock showed it: the site's, not the server's."""
        value: datetime = self.cleaned_data["occurred_at"]
        return timezone.make_aware(value.replace(tzinfo=None), self.zone)


class TeamReferralForm(Form):
    to = forms.ChoiceField(label=_("Now"), choices=ReferralStatus.choices)
    on = forms.DateField(label=_("As of"), widget=forms.DateInput(attrs={"type": "date"}))
