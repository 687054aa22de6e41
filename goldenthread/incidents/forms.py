from datetime import datetime, tzinfo

from django import forms
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form
from goldenthread.incidents.models import IncidentKind, Outcome, PlaceKind, Program, ReviewStatus
from goldenthread.lodging.models import LodgingPlace
from goldenthread.outreach.models import Encampment
from goldenthread.people.models import Person


class IncidentForm(Form):
    kind = forms.ChoiceField(label=_("What happened"), choices=IncidentKind.choices)
    person = forms.ModelChoiceField(
        queryset=Person.objects.none(),
        label=_("Who (if known)"),
        required=False,
        empty_label=_("Someone not known to us"),
    )
    occurred_at = forms.DateTimeField(
        label=_("When"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    program = forms.ChoiceField(label=_("Program"), choices=Program.choices)
    place_kind = forms.ChoiceField(label=_("Where"), choices=PlaceKind.choices)
    lodging_place = forms.ModelChoiceField(
        queryset=LodgingPlace.objects.none(), label=_("Hotel or shelter"), required=False
    )
    encampment = forms.ModelChoiceField(
        queryset=Encampment.objects.none(), label=_("Encampment"), required=False
    )
    place_detail = forms.CharField(
        label=_("Room, corner or landmark"), max_length=200, required=False
    )
    naloxone_doses = forms.IntegerField(
        label=_("Naloxone doses given"), min_value=0, max_value=20, initial=0
    )
    ems_called = forms.BooleanField(label=_("EMS called"), required=False)
    outcome = forms.ChoiceField(
        label=_("How it ended"),
        choices=[("", "—"), *Outcome.choices],
        required=False,  # the service names what is missing, in words a reporter can act on
    )
    account = forms.CharField(
        label=_("What happened, briefly"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )

    def __init__(
        self,
        *args: object,
        people: "QuerySet[Person]",
        places: "QuerySet[LodgingPlace]",
        encampments: "QuerySet[Encampment]",
        zone: tzinfo,
        **kwargs: object,
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.zone = zone
        self.fields["person"].queryset = people  # type: ignore[attr-defined]
        self.fields["lodging_place"].queryset = places  # type: ignore[attr-defined]
        self.fields["encampment"].queryset = encampments  # type: ignore[attr-defined]

    def clean_occurred_at(self) -> datetime:
        """The time as the reporter's clock showed it: the site's, not the server's."""
        value: datetime = self.cleaned_data["occurred_at"]
        return timezone.make_aware(value.replace(tzinfo=None), self.zone)


class ReviewForm(Form):
    to = forms.ChoiceField(label=_("Review"), choices=ReviewStatus.choices)
    note = forms.CharField(
        label=_("What the review found"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class OutcomeForm(Form):
    outcome = forms.ChoiceField(label=_("How it ended"), choices=Outcome.choices)
