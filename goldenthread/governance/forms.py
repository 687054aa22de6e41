from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from goldenthread.accounts.models import User
from goldenthread.conferencing.models import Meeting
from goldenthread.eligibility.models import RuleSet
from goldenthread.forms import Form, ModelForm
from goldenthread.governance.models import CommunityMember, PolicyKind, PolicyVersion, PublicPage

DATE = forms.DateInput(attrs={"type": "date"})


class VersionForm(ModelForm):
    class Meta:
        model = PolicyVersion
        fields = ["text", "summary", "effective_on", "rule_set"]
        widgets = {"effective_on": DATE, "text": forms.Textarea(attrs={"rows": 12})}
        help_texts = {
            "rule_set": _("Eligibility rules only: the rule set this version puts in force.")
        }

    def __init__(self, *args: Any, site_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        rule_sets = RuleSet.objects.filter(site_id=site_id).order_by("-version")
        self.fields["rule_set"].queryset = rule_sets  # type: ignore[attr-defined]


class PolicyForm(VersionForm):
    """A new policy: its kind and title, and the text of its first version."""

    kind = forms.ChoiceField(label=_("Kind"), choices=PolicyKind.choices)
    title = forms.CharField(label=_("Title"), max_length=160)

    field_order = ["kind", "title", "text", "summary", "effective_on", "rule_set"]


class PublishForm(Form):
    meeting = forms.ModelChoiceField(
        label=_("Approved at the Policy Coordinating Group meeting of"),
        queryset=Meeting.objects.none(),
    )
    approvers = forms.ModelMultipleChoiceField(
        label=_("Approved by"),
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Those recorded as attending that meeting."),
    )

    def __init__(self, *args: Any, meetings: Any, approvers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["meeting"].queryset = meetings  # type: ignore[attr-defined]
        self.fields["approvers"].queryset = approvers  # type: ignore[attr-defined]


class CommunityMemberForm(ModelForm):
    class Meta:
        model = CommunityMember
        fields = ["name", "role", "affiliation", "joined_on"]
        widgets = {"joined_on": DATE}


class PublicPageForm(ModelForm):
    dashboard_url = forms.URLField(
        label=_("Public dashboard address"), required=False, assume_scheme="https"
    )

    class Meta:
        model = PublicPage
        fields = ["about", "dashboard_url"]
        widgets = {"about": forms.Textarea(attrs={"rows": 8})}
