from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form
from goldenthread.lodging.models import LodgingPlace
from goldenthread.outreach.models import Need, OfferKind, OfferResponse
from goldenthread.people.models import Person


def _day(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class EncampmentForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    location = forms.CharField(
        label=_("Where"),
        max_length=200,
        help_text=_("As outreach workers would say it; no map is needed."),
    )
    opened_on = _day(_("Outreach began"))
    latitude = forms.DecimalField(
        label=_("Latitude (optional)"), required=False, max_digits=8, decimal_places=5
    )
    longitude = forms.DecimalField(
        label=_("Longitude (optional)"), required=False, max_digits=8, decimal_places=5
    )


class ResolveForm(Form):
    resolved_on = _day(_("Resolved on"))


class ResidentForm(Form):
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label=_("Someone already known"),
        required=False,
        empty_label=_("Not known yet"),
    )
    street_name = forms.CharField(
        label=_("Or the name they go by here"),
        max_length=100,
        required=False,
        help_text=_("A street name is enough; they can give more when they choose."),
    )
    first_met_on = _day(_("First met"))

    def __init__(self, *args: object, people: "QuerySet[Person]", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["person"].queryset = people  # type: ignore[attr-defined]


class VisitForm(Form):
    visited_on = _day(_("Visited on"))
    needs = forms.MultipleChoiceField(
        label=_("Needs found"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea, max_length=2000)


class OfferForm(Form):
    offered_on = _day(_("Offered on"))
    kind = forms.ChoiceField(label=_("What was offered"), choices=[("", "—"), *OfferKind.choices])
    place = forms.ModelChoiceField(
        queryset=LodgingPlace.objects.none(),
        label=_("Where (a room or a bed)"),
        required=False,
        empty_label=_("No place named"),
    )
    response = forms.ChoiceField(
        label=_("Their answer"), choices=[("", "—"), *OfferResponse.choices]
    )
    reason = forms.CharField(
        label=_("Their reason, in their words"),
        max_length=300,
        required=False,
        help_text=_("Nobody owes a reason; leave it empty if none was given."),
    )

    def __init__(self, *args: object, places: "QuerySet[LodgingPlace]", **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["place"].queryset = places  # type: ignore[attr-defined]


class LostForm(Form):
    since = _day(_("Not seen since"))
    last_known_place = forms.CharField(label=_("Last known place"), max_length=200, required=False)
