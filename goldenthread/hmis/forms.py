from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form
from goldenthread.organizations.models import Organization


def _day(label: Any) -> forms.DateField:
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}))


class ExportForm(Form):
    recipient = forms.ModelChoiceField(
        label=_("Send to"),
        queryset=Organization.objects.none(),
        empty_label=None,
        help_text=_("Only what each person's release shares with this HMIS goes in the files."),
    )
    start = _day(_("First day of the period"))
    end = _day(_("Last day of the period"))
    hashed = forms.BooleanField(
        label=_("Hash names (HashStatus 4)"),
        required=False,
        help_text=_(
            "Names go as SHA-256 codes of their Soundex, for HMIS systems that match on them. "
            "This helps matching; it does not make anyone anonymous."
        ),
    )

    def __init__(self, *args: Any, recipients: QuerySet[Organization], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["recipient"].queryset = recipients  # type: ignore[attr-defined]
