from django import forms
from django.core.exceptions import ValidationError


def form_status(form: forms.BaseForm) -> int:
    """400 for a submitted form with errors, so clients and tests see a refusal, else 200."""
    return 400 if form.is_bound and form.errors else 200


def add_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """A service's refusal shown on the form: each message beside the field it names, the
    rest above the form."""
    if not hasattr(error, "error_dict"):
        form.add_error(None, error)
        return
    for field, problems in error.message_dict.items():
        form.add_error(field if field in form.fields else None, problems)
