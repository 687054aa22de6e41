from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from goldenthread.lodging.models import ExitHousing, Unit
from goldenthread.people.models import Person


class CheckInForm(forms.Form):
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


class CheckOutForm(forms.Form):
    exit_housing = forms.ChoiceField(
        label=_("Where they went"), choices=[("", "—"), *ExitHousing.choices]
    )
