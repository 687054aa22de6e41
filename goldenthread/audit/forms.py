from django import forms
from django.utils.translation import gettext_lazy as _

from goldenthread.audit.models import Action
from goldenthread.forms import Form
from goldenthread.text import LARGEST_KEY


class AuditFilterForm(Form):
    actor = forms.CharField(label=_("User"), required=False, max_length=150)
    action = forms.ChoiceField(
        label=_("Action"), required=False, choices=[("", _("Any")), *list(Action.choices)]
    )
    object_type = forms.CharField(label=_("Record type"), required=False, max_length=64)
    subject_person_id = forms.IntegerField(
        label=_("Person number"), required=False, min_value=1, max_value=LARGEST_KEY
    )
    request_id = forms.CharField(label=_("Request id"), required=False, max_length=64)
    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
