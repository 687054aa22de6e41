"""The board's list of who is staying now, built in Python: at 25 names the template loop
(two URLs and a translated date a name) was the largest part of the board's time, and
the board is what a liaison keeps open all shift (docs/benchmarks.md)."""

from django import template
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html_join
from django.utils.safestring import SafeString
from django.utils.translation import gettext as _

from goldenthread.lodging.models import Stay

register = template.Library()

# Reversed once a page with a stand-in number, then filled in for each stay.
STAND_IN = 987654321


@register.simple_tag
def staying_now(stays: list[Stay]) -> SafeString:
    detail = reverse("lodging:stay", args=[STAND_IN])
    check_out = reverse("lodging:check_out", args=[STAND_IN])
    since, check_out_label = _("since %(day)s"), _("Check out")
    return format_html_join(
        "\n",
        '<li><p><a href="{}"><strong>{}</strong></a> · {}, {} · {} · <a href="{}">{}</a></p></li>',
        (
            (
                detail.replace(str(STAND_IN), str(stay.pk)),
                stay.person.display_name,
                stay.unit.place.name,
                stay.unit.label,
                since % {"day": timezone.localtime(stay.checked_in_at).date().isoformat()},
                check_out.replace(str(STAND_IN), str(stay.pk)),
                check_out_label,
            )
            for stay in stays
        ),
    )
