from django import forms
from django.utils.translation import gettext_lazy as _

from goldenthread.eligibility.models import EXCLUSION_QUESTIONS
from goldenthread.forms import Form
from goldenthread.referrals.models import NIBRS_OFFENSES, ConductCategory, ScreeningQuestion

Q = ScreeningQuestion


class RuleSetForm(Form):
    """A new version of the rules, prefilled from the one in force."""

    effective_from = forms.DateField(
        label=_("In force from"), widget=forms.DateInput(attrs={"type": "date"})
    )
    eligible_conduct = forms.MultipleChoiceField(
        label=_("Eligible conduct"),
        choices=ConductCategory.choices,
        widget=forms.CheckboxSelectMultiple,
    )
    max_drug_grams = forms.DecimalField(
        label=_("Most drugs a person may hold (grams)"),
        min_value=0,
        max_digits=6,
        decimal_places=2,
        required=False,
        help_text=_("Leave empty for no limit."),
    )
    minimum_age = forms.IntegerField(label=_("Minimum age"), min_value=0, max_value=99)
    exclusions = forms.MultipleChoiceField(
        label=_("Excluded when screening answers yes"),
        choices=[(q.value, q.label) for q in EXCLUSION_QUESTIONS],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    disqualifying_history_years = forms.IntegerField(
        label=_("A disqualifying conviction excludes for (years)"),
        min_value=1,
        max_value=50,
        required=False,
        help_text=_("Leave empty if history does not exclude."),
    )
    social_contact_lookback_months = forms.IntegerField(
        label=_("Social contact: prior conduct within (months)"), min_value=1, max_value=120
    )
    social_contact_in_area_required = forms.BooleanField(
        label=_("Social contact: prior conduct must be in the program area"), required=False
    )
    supervision_needs_approval = forms.BooleanField(
        label=_("People under supervision need that agency's approval"), required=False
    )
    note = forms.CharField(label=_("What changed and why"), max_length=300)


YES_NO_UNKNOWN = [("", _("Not known yet")), ("yes", _("Yes")), ("no", _("No"))]


class ScreeningForm(Form):
    """What the screener found; each question may stay unknown."""

    drug_grams = forms.DecimalField(
        label=_("Drug quantity (grams)"),
        min_value=0,
        max_digits=7,
        decimal_places=2,
        required=False,
    )
    last_disqualifying_conviction_on = forms.DateField(
        label=_("Date of the last disqualifying conviction"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        for question in Q:
            self.fields[question.value] = forms.ChoiceField(
                label=question.label, choices=YES_NO_UNKNOWN, required=False
            )

    def answers(self) -> dict[str, bool]:
        return {q: self.cleaned_data[q] == "yes" for q in Q.values if self.cleaned_data.get(q)}

    @staticmethod
    def initial_for(referral: object) -> dict[str, object]:
        answers = getattr(referral, "screening_answers", {})
        initial: dict[str, object] = {q: ("yes" if v else "no") for q, v in answers.items()}
        initial["drug_grams"] = getattr(referral, "drug_grams", None)
        initial["last_disqualifying_conviction_on"] = getattr(
            referral, "last_disqualifying_conviction_on", None
        )
        return initial


class OffenseCodeForm(Form):
    """One of the site's own offense codes and what it maps to."""

    code = forms.CharField(label=_("Offense code"), max_length=20)
    description = forms.CharField(label=_("Description"), max_length=200)
    category = forms.ChoiceField(label=_("Platform category"), choices=ConductCategory.choices)
    nibrs = forms.ChoiceField(
        label=_("NIBRS offense code"),
        choices=[("", _("Not known")), *((c, f"{c} {name}") for c, name in NIBRS_OFFENSES.items())],
        required=False,
    )
