import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from goldenthread.accounts.models import User
from goldenthread.forms import Form
from goldenthread.organizations.models import (
    APPROVER_ROLE_CHOICES,
    LEGAL_ALERT_ROLE_CHOICES,
    Organization,
    OrganizationKind,
    Role,
    SiteProgram,
)
from goldenthread.text import printable


class OrganizationForm(Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=OrganizationKind.choices)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)


class LinesField(forms.CharField):
    """A list of short names, one per line: blank lines, control characters and repeats
    (in any case) dropped."""

    widget = forms.Textarea(attrs={"rows": 4})

    def __init__(self, *, item_max_length: int, max_items: int, **kwargs: Any) -> None:
        self.item_max_length, self.max_items = item_max_length, max_items
        super().__init__(**kwargs)

    def prepare_value(self, value: Any) -> Any:
        return "\n".join(value) if isinstance(value, list) else value

    def to_python(self, value: Any) -> list[str]:  # type: ignore[override]
        names: list[str] = []
        for line in str(super().to_python(value)).splitlines():
            name = printable(line).strip()
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
        return names

    def validate(self, value: Any) -> None:
        if self.required and not value:
            raise ValidationError(self.error_messages["required"], code="required")
        if len(value) > self.max_items:
            raise ValidationError(_("At most %(limit)d, one per line.") % {"limit": self.max_items})
        for name in value:
            if len(name) > self.item_max_length:
                raise ValidationError(
                    _("“%(name)s” is longer than %(limit)d characters.")
                    % {"name": name[:40], "limit": self.item_max_length}
                )


class SiteSettingsForm(Form):
    name = forms.CharField(label=_("Site name"), max_length=200)
    timezone = forms.ChoiceField(
        label=_("Time zone"), choices=[(z, z) for z in sorted(zoneinfo.available_timezones())]
    )
    intake_window_days = forms.IntegerField(
        label=_("Intake window (days)"),
        min_value=1,
        max_value=30,
        help_text=_(
            "Days an arrest diversion has to complete the full intake before charges may be filed; at most 30."
        ),
    )
    caseload_warn = forms.IntegerField(label=_("Caseload warning at"), min_value=1, max_value=100)
    caseload_max = forms.IntegerField(
        label=_("Caseload maximum"),
        min_value=1,
        max_value=100,
        help_text=_("More participants than this need a recorded override."),
    )
    referral_approver_roles = forms.MultipleChoiceField(
        label=_("Who approves referrals"),
        choices=[(role, Role(role).label) for role in APPROVER_ROLE_CHOICES],
        widget=forms.CheckboxSelectMultiple,
    )
    legal_alert_roles = forms.MultipleChoiceField(
        label=_("Who else hears of bookings, new cases and warrants, and hearings"),
        choices=[(role, Role(role).label) for role in LEGAL_ALERT_ROLE_CHOICES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_(
            "The assigned case manager always does; each hears only of people shared with them."
        ),
    )
    program_areas = LinesField(
        label=_("Program areas"),
        item_max_length=80,
        max_items=100,
        required=False,
        help_text=_(
            "One per line, as officers and the jail name them (precincts, neighborhoods). Bookings elsewhere are not missed diversion opportunities. Leave empty if the program covers the whole jurisdiction."
        ),
    )
    public_referrals_enabled = forms.BooleanField(
        label=_("Public referral form"),
        required=False,
        help_text=_("Anyone may refer someone through the site's public form. Off by default."),
    )
    programs = forms.MultipleChoiceField(
        label=_("Programs this site runs"),
        choices=SiteProgram.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("Each adds its pages and its staff's work; off until the site turns it on."),
    )
    languages = forms.MultipleChoiceField(
        label=_("Languages"),
        choices=settings.LANGUAGES,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    link_automatically_at = forms.FloatField(
        label=_("Link records to a person automatically from"),
        min_value=0.5,
        max_value=1.0,
        help_text=_(
            "Match probability, 0.5 to 1. Higher means fewer wrong links and more for review."
        ),
    )
    link_review_at = forms.FloatField(
        label=_("Send possible matches for review from"),
        min_value=0.1,
        max_value=1.0,
        help_text=_("Match probability; below it a record becomes a new person."),
    )
    hmis_coc_code = forms.CharField(
        label=_("Continuum of care code"),
        max_length=6,
        required=False,
        help_text=_("The HUD code of the continuum of care, e.g. WA-500. HMIS exports need it."),
    )
    evaluation_k = forms.IntegerField(
        label=_("Smallest group in evaluation extracts"),
        min_value=2,
        max_value=100,
        help_text=_(
            "Every combination of age, sex, race and area in a de-identified extract appears at least this often; rarer ones are generalized or left out."
        ),
    )
    hmis_geocode = forms.CharField(
        label=_("HUD geocode"),
        max_length=6,
        required=False,
        help_text=_("Six digits: where the program works, as HUD codes it. HMIS exports need it."),
    )


class InvitationForm(Form):
    display_name = forms.CharField(label=_("Name"), max_length=150)
    email = forms.EmailField(label=_("Email"))
    organization = forms.ModelChoiceField(
        label=_("Organization"), queryset=Organization.objects.none()
    )
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)

    def __init__(
        self, *args: object, organizations: QuerySet[Organization], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["organization"].queryset = organizations.filter(is_active=True)  # type: ignore[attr-defined]


class AcceptInvitationForm(Form):
    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        help_text=_("Letters, digits and @ . + - _ only. You will sign in with it."),
        widget=forms.TextInput(attrs={"autocomplete": "username"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("At least 12 characters. A passphrase of several words works well."),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self) -> str:
        username = self.cleaned_data["username"]
        User.username_validator(username)
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That username is taken. Please choose another."))
        return username

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("The two passwords differ."))
        elif first:
            candidate = User(username=data.get("username", ""))
            try:
                password_validation.validate_password(str(first), candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data
