from typing import Any

from django import template
from django.db import models

register = template.Library()

# {field: {value: label}}, built once per field: Django's get_FOO_display rebuilds the whole
# map on every call, and a timeline page asks about a hundred times.
_LABELS: dict[Any, dict[Any, Any]] = {}


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    """`mapping|get:key`: templates cannot index a dict by a variable."""
    return mapping.get(key)


@register.filter
def label(row: models.Model, name: str) -> Any:
    """`row|label:"field"`: the display label of a choice field, as get_FOO_display gives."""
    field = row._meta.get_field(name)
    labels = _LABELS.get(field)
    if labels is None:
        labels = _LABELS[field] = dict(field.flatchoices)  # type: ignore[union-attr]
    value = getattr(row, field.attname)  # type: ignore[union-attr]
    return labels.get(value, value)
