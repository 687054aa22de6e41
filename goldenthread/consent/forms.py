import zoneinfo
from datetime import date, datetime, time

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from goldenthread.consent.models import ConsentForm, DataCategory, SignatureKind
from goldenthread.forms import Form
from goldenthread.organizations.models import Organization, OrganizationKind, Site


def _end_of(day: date | None, site: Site) -> datetime | None:
    """A date typed on the form means through the end of that day where the site is."""
    if day is None:
        return None
    return datetime.combine(day, time.max, tzinfo=zoneinfo.ZoneInfo(site.timezone))


class SignedConsentForm(Form):
    """Every 42 CFR 2.31 element, in the order of the printed form."""

    form = forms.ModelChoiceField(
        label=_("Consent form version"), queryset=ConsentForm.objects.none()
    )
    recipient_organizations = forms.ModelMultipleChoiceField(
        label=_("Recipients: these organizations"),
        queryset=Organization.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    recipient_kinds = forms.MultipleChoiceField(
        label=_("Recipients: every organization of these kinds"),
        choices=OrganizationKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    categories = forms.ModelMultipleChoiceField(
        label=_("Information to be shared"),
        queryset=DataCategory.objects.none(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)
    expires_on = forms.DateField(
        label=_("Expires on"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    expiry_event = forms.CharField(
        label=_("Or expires on this event"), max_length=200, required=False
    )
    revocation_explained = forms.BooleanField(
        label=_("I explained the right to revoke this release at any time, and how"), required=False
    )
    signed_by = forms.CharField(label=_("Signed by"), max_length=150)
    signature_kind = forms.ChoiceField(label=_("Signature"), choices=SignatureKind.choices)
    signed_on = forms.DateTimeField(
        label=_("Signed on"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    witness = forms.CharField(label=_("Witness"), max_length=150, required=False)
    signed_copy = forms.FileField(
        label=_("Signed copy (PDF, JPEG or PNG, up to 10 MB)"), required=False
    )

    def __init__(self, *args: object, site: Site, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.site = site
        self.fields["form"].queryset = ConsentForm.objects.filter(site=site)  # type: ignore[attr-defined]
        organizations = Organization.objects.filter(site=site, is_active=True)
        self.fields["recipient_organizations"].queryset = organizations  # type: ignore[attr-defined]
        self.fields["categories"].queryset = DataCategory.objects.filter(site=site)  # type: ignore[attr-defined]

    def service_arguments(self) -> dict[str, object]:
        data = self.cleaned_data
        return {
            "form": data["form"],
            "recipients": [*data["recipient_organizations"], *data["recipient_kinds"]],
            "categories": [category.code for category in data["categories"]],
            "purpose": data["purpose"],
            "expires_at": _end_of(data["expires_on"], self.site),
            "expiry_event": data["expiry_event"],
            "revocation_explained": data["revocation_explained"],
            "signed_by": data["signed_by"],
            "signature_kind": data["signature_kind"],
            "signed_at": data["signed_on"],
            "witness": data["witness"],
            "signed_copy": data["signed_copy"],
        }


class ProvisionalConsentForm(Form):
    recipients = forms.ModelMultipleChoiceField(
        label=_("Partners the person agreed to, aloud"),
        queryset=Organization.objects.none(),
        widget=forms.CheckboxSelectMultiple,
    )
    purpose = forms.CharField(label=_("Purpose"), max_length=300)

    def __init__(self, *args: object, site: Site, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["recipients"].queryset = Organization.objects.filter(site=site, is_active=True)  # type: ignore[attr-defined]


class RevokeForm(Form):
    how = forms.CharField(
        label=_("How the person revoked it"),
        max_length=200,
        help_text=_("For example: in writing, handed to their case manager."),
    )


class CategoryForm(Form):
    code = forms.SlugField(
        label=_("Code"), max_length=40, help_text=_("Lower-case letters, digits and underscores.")
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    is_part2 = forms.BooleanField(
        label=_("Substance-use treatment information (42 CFR Part 2)"), required=False
    )


class RenameCategoryForm(Form):
    name = forms.CharField(label=_("Name"), max_length=120)


class ConsentFormVersionForm(Form):
    version = forms.CharField(label=_("Version"), max_length=20)
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(label=_("Text of the form"), widget=forms.Textarea(attrs={"rows": 8}))
    effective_from = forms.DateField(
        label=_("In use from"), widget=forms.DateInput(attrs={"type": "date"})
    )
