from collections.abc import Sequence
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from goldenthread.forms import Form
from goldenthread.legal.models import NOTE_MAX_LENGTH, NoteKind


class NoteForm(Form):
    matter = forms.TypedChoiceField(label=_("Matter"), coerce=int)
    kind = forms.ChoiceField(label=_("Kind of note"), choices=NoteKind.choices)
    text = forms.CharField(label=_("Note"), max_length=NOTE_MAX_LENGTH, widget=forms.Textarea)
    recommended_resolution = forms.CharField(
        label=_("Recommended resolution"), max_length=200, required=False
    )

    def __init__(
        self, *args: object, matters: list[Any], kinds: Sequence[str], **kwargs: object
    ) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["matter"].choices = [(m.pk, str(m)) for m in matters]  # type: ignore[attr-defined]
        self.fields["kind"].choices = [  # type: ignore[attr-defined]
            (kind, label) for kind, label in NoteKind.choices if kind in kinds
        ]
