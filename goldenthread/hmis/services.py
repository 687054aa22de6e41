"""An export to a continuum of care's HMIS: the FY2026 CSV files, and one audit event for
each person whose information it discloses, naming what and to whom."""

import uuid
from collections import Counter
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.hmis import descriptors
from goldenthread.hmis.csv_files import file_text
from goldenthread.hmis.selectors import ExportOrder, export_rows
from goldenthread.hmis.spec import FILES
from goldenthread.organizations.models import Organization

# The reporting period an export may cover: a continuum asks for a fiscal year, or for
# everything since a program began.
LONGEST_PERIOD_DAYS = 366 * 10


@dataclass(frozen=True)
class Export:
    export_id: str
    files: dict[str, str]  # file name (without .csv) -> text
    rows: Counter[str]  # rows per file
    people: int


def hmis_export(
    *,
    actor: User | None,
    recipient: Organization,
    start: date,
    end: date,
    hashed: bool = False,
    request: HttpRequest | None = None,
) -> Export:
    """Every FY2026 file for `recipient` over `start`..`end` (site days, inclusive).

    Refused, with nothing read or recorded, when the site has no CoC code or geocode or
    the period is backwards or too long."""
    site = recipient.site
    problems = []
    if not site.hmis_coc_code or not site.hmis_geocode:
        problems.append(
            _(
                "Set the site's continuum of care code and HUD geocode in the site settings "
                "first: every HMIS project row needs them."
            )
        )
    if end < start:
        problems.append(_("The period ends before it starts."))
    elif (end - start).days > LONGEST_PERIOD_DAYS:
        problems.append(_("The period is longer than ten years."))
    if problems:
        raise ValidationError(problems)
    order = ExportOrder(
        recipient=recipient,
        start=start,
        end=end,
        hashed=hashed,
        export_id=uuid.uuid4().hex,
        exported_at=timezone.now(),
        contact=actor,
    )
    rows = export_rows(order)
    descriptors.client_rows(order, rows)
    descriptors.project_rows(order, rows)
    descriptors.user_rows(order, rows)
    rows.add("Export", descriptors.export_row(order))
    # Recorded before anything is handed over: if the audit fails, nothing leaves.
    audit_disclosures(
        request=request,
        actor=actor,
        action=Action.EXPORT,
        disclosed={person: sorted(categories) for person, categories in rows.disclosed.items()},
        detail={
            "hmis_export": order.export_id,
            "recipient": recipient.pk,
            "hashed": hashed,
            "period": [start.isoformat(), end.isoformat()],
        },
        site_id=site.pk,
    )
    zone = site.zone
    return Export(
        export_id=order.export_id,
        files={name: file_text(name, rows.files.get(name, []), zone) for name in FILES},
        rows=descriptors.counts(rows),
        people=len(rows.disclosed),
    )
