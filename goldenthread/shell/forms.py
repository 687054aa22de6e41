from django import forms


def form_status(form: forms.Form) -> int:
    """400 for a submitted form with errors, so clients and tests see a refusal, else 200."""
    return 400 if form.is_bound and form.errors else 200
