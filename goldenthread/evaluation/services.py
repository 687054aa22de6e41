"""The de-identified evaluation extract: rows with no one's name, record number or exact
date, k-anonymous over their quasi-identifiers, with a data dictionary; one audit event."""

import csv
import io
import secrets
from collections import Counter
from dataclasses import dataclass

from django.http import HttpRequest
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.evaluation.deidentify import k_anonymous, smallest_group
from goldenthread.evaluation.dictionary import COLUMNS, NAMES
from goldenthread.evaluation.selectors import Keys, participant_rows
from goldenthread.organizations.models import Site
from goldenthread.text import spreadsheet_safe


@dataclass(frozen=True)
class Extract:
    files: dict[str, str]  # file name -> text
    k: int
    rows: int
    suppressed: int
    generalized: Counter[str]
    smallest_group: int


class NotAnonymous(Exception):
    """The check on what would be written failed: nothing is handed over."""


def evaluation_extract(
    *, actor: User | None, site: Site, request: HttpRequest | None = None
) -> Extract:
    k = site.evaluation_k
    # A secret for this extract alone: its keys and date shifts link to nothing else.
    rows = participant_rows(site, Keys(secrets.token_bytes(32)), timezone.now())
    result = k_anonymous(rows, k)
    smallest = smallest_group(result.rows)
    if result.rows and smallest < k:
        raise NotAnonymous(f"a combination of quasi-identifiers occurs {smallest} times")
    # Ordered by key, which is random: the order of rows says nothing about anyone.
    ordered = sorted(result.rows, key=lambda row: row["participant"])
    audit_record(
        action=Action.EXPORT,
        actor=actor,
        request=request,
        obj=site,
        object_type="evaluation.extract",
        detail={
            "k": k,
            "rows": len(ordered),
            "suppressed": result.suppressed,
            "generalized": dict(result.generalized),
        },
    )
    return Extract(
        files={"participants.csv": _csv(ordered), "data_dictionary.csv": _dictionary()},
        k=k,
        rows=len(ordered),
        suppressed=result.suppressed,
        generalized=result.generalized,
        smallest_group=smallest,
    )


def _csv(rows: list[dict[str, object]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=NAMES, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: spreadsheet_safe(v) for k, v in row.items()} for row in rows)
    return out.getvalue()


def _dictionary() -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(["column", "meaning", "values", "quasi_identifier"])
    for column in COLUMNS:
        writer.writerow(
            [column.name, column.meaning, column.values, "yes" if column.quasi_identifier else "no"]
        )
    return out.getvalue()
