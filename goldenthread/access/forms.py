from django import forms
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form


class BreakGlassForm(Form):
    reason = forms.CharField(
        label=_("Why you need this record now"),
        min_length=20,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("At least 20 characters. Your supervisor will read it."),
    )
    medical_emergency = forms.BooleanField(
        label=_(
            "This is a bona fide medical emergency (opens substance-use treatment information too)"
        ),
        required=False,
    )


class ReviewForm(Form):
    note = forms.CharField(label=_("Review note"), max_length=300)
