from django import forms
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form, ModelForm
from goldenthread.insights.models import EvaluationSettings, ImportKind


class ImportForm(Form):
    kind = forms.ChoiceField(label=_("What the file holds"), choices=ImportKind.choices)
    file = forms.FileField(label=_("CSV file"))


class BandForm(ModelForm):
    class Meta:
        model = EvaluationSettings
        fields = ["band_low", "band_high"]


class CostsForm(ModelForm):
    class Meta:
        model = EvaluationSettings
        fields = [
            "cost_participant_month",
            "cost_booking",
            "cost_jail_day",
            "cost_felony_case",
            "cost_misdemeanor_case",
        ]


class WaveForm(Form):
    name = forms.CharField(label=_("Wave"), max_length=60)
    starts_on = forms.DateField(
        label=_("Came inside from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(label=_("to"), widget=forms.DateInput(attrs={"type": "date"}))
