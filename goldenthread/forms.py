"""The base of every form in the app: control characters never get past a form, nor a date
outside the years anything in LEAD happens in.

They cannot be seen on a screen or typed on purpose; pasted from another system they break
logs, exports and PostgreSQL (which refuses NUL outright). A note's text area keeps its
line breaks (browsers send them as CR LF; stored as LF) and loses the invisible rest, since
what a person pasted there is prose. Any other field that holds one is refused with a
message, as the API refuses it: a name or a number with an escape sequence in it is a
value someone should look at. Passwords are checked exactly as typed.

A date or a moment before 1900 or after 2100 is a typo; the calendar's ends also have no
equivalent in every time zone, so a moment there would fail when stored or shown."""

from datetime import date, datetime
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from goldenthread.text import CONTROL, control_characters_refused, printable

EARLIEST, LATEST = date(1900, 1, 1), date(2100, 12, 31)


class SafeInput(forms.BaseForm):
    """Mixed into a form class before Django's own."""

    def full_clean(self) -> None:
        # Here rather than in __init__: some forms add fields after Django's __init__.
        if not self.is_bound:
            return super().full_clean()
        names = {self.add_prefix(name): name for name in self.fields}
        data = QueryDict(mutable=True)
        refused = set()
        for key in self.data:
            name = names.get(key) or names.get(key.rpartition("_")[0])
            widget = self.fields[name].widget if name else None
            values = _values(self.data, key)
            if isinstance(widget, forms.Textarea):
                values = [
                    printable(v, keep_newlines=True) if isinstance(v, str) else v for v in values
                ]
            elif (
                name
                and not isinstance(widget, forms.PasswordInput)
                and any(isinstance(v, str) and CONTROL.search(v) for v in values)
            ):
                refused.add(name)
            data.setlist(key, values)
        self.data = data
        super().full_clean()
        for name in refused - set(self.errors):
            self.add_error(name, control_characters_refused())
        for name, value in list(self.cleaned_data.items()):
            day = value.date() if isinstance(value, datetime) else value
            if isinstance(day, date) and not EARLIEST <= day <= LATEST:
                self.add_error(
                    name,
                    ValidationError(
                        _("Enter a date between %(first)d and %(last)d.")
                        % {"first": EARLIEST.year, "last": LATEST.year},
                        code="out_of_range",
                    ),
                )


def _values(data: Any, key: str) -> list[Any]:
    if hasattr(data, "getlist"):
        return list(data.getlist(key))
    value = data[key]  # a plain dict, as tests and internal callers pass
    return list(value) if isinstance(value, list | tuple) else [value]


class Form(SafeInput, forms.Form):
    pass


class ModelForm(SafeInput, forms.ModelForm):
    pass
