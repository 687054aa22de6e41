from typing import Any

from django import template

register = template.Library()


@register.filter
def get(mapping: dict[str, Any], key: str) -> Any:
    """`mapping|get:key`: templates cannot index a dict by a variable."""
    return mapping.get(key)
