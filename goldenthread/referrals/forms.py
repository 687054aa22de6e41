from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form
from goldenthread.people.models import RaceEthnicity, Sex
from goldenthread.referrals.models import ConductCategory, Door, VerificationBasis
from goldenthread.text import LARGEST_KEY


class QuickReferralForm(Form):
    """One screen, the fewest required fields: door, who, what. The rest helps, if known."""

    door = forms.ChoiceField(label=_("Door"), choices=Door.choices, widget=forms.RadioSelect)
    person = forms.IntegerField(
        required=False, min_value=1, max_value=LARGEST_KEY, widget=forms.HiddenInput
    )
    name = forms.CharField(
        label=_("Name, or what they go by"),
        max_length=100,
        required=False,
        help_text=_('"Goes by JJ" is enough.'),
    )
    approximate_age = forms.IntegerField(
        label=_("Approximate age"), min_value=10, max_value=110, required=False
    )
    conduct = forms.ChoiceField(label=_("Conduct"), choices=ConductCategory.choices)
    occurred_at = forms.DateTimeField(
        label=_("When"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        required=False,
    )
    area = forms.CharField(label=_("Area or precinct"), max_length=80, required=False)
    incident_number = forms.CharField(
        label=_("Incident or case number"), max_length=40, required=False
    )
    offense_code = forms.CharField(label=_("Offense code"), max_length=20, required=False)
    drug_grams = forms.DecimalField(
        label=_("Drug quantity (grams)"),
        min_value=0,
        max_value=10000,
        decimal_places=2,
        required=False,
    )
    observed_race_ethnicity = forms.MultipleChoiceField(
        label=_("Race and ethnicity, as you observed"),
        choices=RaceEthnicity.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    observed_sex = forms.ChoiceField(
        label=_("Sex, as you observed"), choices=Sex.choices, initial=Sex.UNKNOWN
    )
    verification_basis = forms.ChoiceField(
        label=_("How prior conduct was verified"),
        choices=[("", "—"), *VerificationBasis.choices],
        required=False,
    )
    last_conduct_on = forms.DateField(
        label=_("Date of last qualifying conduct"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    in_program_area = forms.NullBooleanField(
        label=_("In the program area?"),
        required=False,
        widget=forms.Select(choices=[("", "—"), ("true", _("Yes")), ("false", _("No"))]),
    )
    narrative = forms.CharField(
        label=_("What happened (optional)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    idempotency_key = forms.CharField(required=False, widget=forms.HiddenInput, max_length=80)

    # How the phone screen groups the fields: what every referral needs first, the
    # social-contact verification, and the rest folded away.
    FIRST = ("approximate_age", "conduct", "area", "incident_number")
    SOCIAL_CONTACT = ("verification_basis", "last_conduct_on", "in_program_area")
    MORE = (
        "occurred_at",
        "drug_grams",
        "offense_code",
        "observed_race_ethnicity",
        "observed_sex",
        "narrative",
    )

    def __init__(self, *args: object, doors: frozenset[str], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.offers_social_contact = Door.SOCIAL_CONTACT in doors
        self.fields["door"].choices = [c for c in Door.choices if c[0] in doors]  # type: ignore[attr-defined]

    def clean_occurred_at(self) -> object:
        return self.cleaned_data.get("occurred_at") or timezone.now()
