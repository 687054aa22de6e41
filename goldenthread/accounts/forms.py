import re
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.utils.translation import gettext_lazy as _

from goldenthread.accounts.models import User
from goldenthread.forms import Form, SafeInput


class TokenForm(Form):
    """A six-digit code from the authenticator app, or a recovery code."""

    token = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "text", "autofocus": True}
        ),
        help_text=_("The 6-digit code from your authenticator app, or a recovery code."),
    )

    def clean_token(self) -> str:
        token = re.sub(r"\s+", "", self.cleaned_data["token"]).lower()
        if re.fullmatch(r"[a-z0-9]{10}", token) and not token.isdigit():
            token = f"{token[:5]}-{token[5:]}"
        return token


class SignInForm(SafeInput, AuthenticationForm):
    """Django's sign-in form with the username's length actually enforced.

    AuthenticationForm only sets max_length on the widget, so an overlong username would
    reach authenticate() and the lockout records (whose columns hold 255 characters).
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].validators.append(
            MaxLengthValidator(User._meta.get_field("username").max_length or 150)
        )
