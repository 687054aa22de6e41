"""Every write insights make: imports of the baseline and the comparison cohort, the
site's evaluation settings, and telling the PCG when an equity index leaves its band."""

import csv
import hashlib
import io
from collections import Counter
from collections.abc import Callable
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.access.policy import equity_alert_recipients
from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.eligibility.models import RuleSet
from goldenthread.eligibility.services import rule_set_in_force
from goldenthread.insights.contracts import (
    BASELINE_COLUMNS,
    BASELINE_REQUIRED,
    COMPARISON_COLUMNS,
    COMPARISON_REQUIRED,
    EncounterIn,
    header_problem,
    read_comparison,
    read_encounter,
)
from goldenthread.insights.equity import Band, equity
from goldenthread.insights.models import (
    ComparisonMember,
    DataImport,
    Encounter,
    EquityAlert,
    EvaluationSettings,
    ImportKind,
    RejectedRow,
    StoredEvaluation,
)
from goldenthread.insights.outcomes.evaluation import evaluation
from goldenthread.insights.outcomes.stored import as_json
from goldenthread.insights.periods import Quarter
from goldenthread.insights.scope import Scope
from goldenthread.insights.selectors import evaluation_settings_of
from goldenthread.legal.feeds.contract import RowError
from goldenthread.legal.selectors import in_program_area
from goldenthread.notifications.models import NotificationKind
from goldenthread.notifications.services import Alert, notify
from goldenthread.organizations.models import Site
from goldenthread.referrals.models import OffenseCode
from goldenthread.text import printable_json

# An export of a year of a city's encounters is a few megabytes.
MAX_FILE_BYTES = 50 * 1024 * 1024


class ImportRefused(ValueError):
    """The whole file is refused: nothing of it was imported."""


def _parsed(
    content: bytes, columns: tuple[str, ...], required: frozenset[str]
) -> list[dict[str, str]]:
    if len(content) > MAX_FILE_BYTES:
        raise ImportRefused(_("The file is larger than 50 MB; split it by year."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefused(
            _("The file is not UTF-8 text (byte %(at)d). Save it as UTF-8 and send it again.")
            % {"at": error.start + 1}
        ) from None
    try:
        reader = csv.reader(io.StringIO(text))
        header = next(reader, [])
        problem = header_problem(header, columns, required)
        if problem:
            raise ImportRefused(
                _("The file does not meet the contract: %(problem)s.") % {"problem": problem}
            )
        names = [name.strip().lower() for name in header]
        rows = []
        for cells in reader:
            if not any(cell.strip() for cell in cells):
                continue
            if len(cells) != len(names):
                rows.append(
                    {
                        "__error__": _(
                            "%(found)d values where the header has %(expected)d columns."
                        )
                        % {"found": len(cells), "expected": len(names)},
                        **{str(i): c for i, c in enumerate(cells)},
                    }
                )
                continue
            rows.append(dict(zip(names, cells, strict=True)))
    except csv.Error as error:
        raise ImportRefused(
            _("Line %(line)d cannot be read as CSV: %(error)s.")
            % {"line": reader.line_num, "error": error}
        ) from None
    return rows


# Rows a file holds are checked against those already taken in chunks this size (SQLite
# binds at most 999 parameters).
CHUNK = 900
Taken = Encounter | ComparisonMember


def _run_import(
    *,
    actor: User,
    site: Site,
    kind: str,
    name: str,
    content: bytes,
    columns: tuple[str, ...],
    required: frozenset[str],
    take: Callable[[DataImport, dict[str, str]], tuple[str, Taken]],
    request: HttpRequest | None,
) -> DataImport:
    """Reads the whole file first (a broken file is refused whole), then, in one
    transaction, takes each row (`take` returns its identity and its unsaved row) or keeps
    it with its reason. The same file twice is one import; a row taken before, by this file
    or an earlier one, is counted as a duplicate and not written again."""
    rows = _parsed(content, columns, required)
    content_hash = hashlib.sha256(content).hexdigest()
    existing = DataImport.objects.filter(site=site, kind=kind, content_hash=content_hash).first()
    if existing is not None:
        return existing
    data_import = DataImport.objects.create(
        site=site, kind=kind, name=name[:200], content_hash=content_hash, imported_by=actor
    )
    taken: dict[str, Taken] = {}
    rejects = []
    for number, row in enumerate(rows, start=1):
        try:
            if "__error__" in row:
                raise RowError(row.pop("__error__"))
            identity, instance = take(data_import, row)
            if identity in taken:
                data_import.duplicates += 1
            taken.setdefault(identity, instance)
        except RowError as error:
            rejects.append(
                RejectedRow(
                    data_import=data_import,
                    row_number=number,
                    reason=str(error)[:400],
                    # As sent, less what PostgreSQL cannot hold in JSON (NUL).
                    values=printable_json(row),
                )
            )
    model = type(next(iter(taken.values()))) if taken else Encounter
    field = "fingerprint" if model is Encounter else "key"
    identities = list(taken)
    for start in range(0, len(identities), CHUNK):
        chunk = identities[start : start + CHUNK]
        for seen in model.objects.filter(site=site, **{f"{field}__in": chunk}).values_list(
            field, flat=True
        ):
            del taken[seen]
            data_import.duplicates += 1
    # One model per import; mypy cannot follow `model` to it.
    model.objects.bulk_create(taken.values(), batch_size=CHUNK // 10)  # type: ignore[arg-type]
    RejectedRow.objects.bulk_create(rejects)
    data_import.rows_read = len(rows)
    data_import.created = len(taken)
    data_import.rejected = len(rejects)
    data_import.save(update_fields=["rows_read", "created", "duplicates", "rejected"])
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=data_import,
        detail={"kind": kind, "rows": data_import.rows_read, "rejected": data_import.rejected},
    )
    return data_import


def _fingerprint(*parts: Any) -> str:
    return hashlib.sha256("\x1f".join(str(p) for p in parts).encode()).hexdigest()


class _Baseline:
    """Takes encounter rows: the offense code must be one of the site's, and the rules in
    force on the day decide whether the encounter was eligible."""

    def __init__(self, site: Site) -> None:
        self.site = site
        self.today = site.today()
        self.categories = dict(
            OffenseCode.objects.filter(site=site).values_list("code", "category")
        )
        self.rules: dict[date, RuleSet | None] = {}
        self.seen = Counter[str]()

    def eligible(self, row: EncounterIn, conduct: str) -> bool:
        if row.occurred_on not in self.rules:
            self.rules[row.occurred_on] = rule_set_in_force(self.site, row.occurred_on)
        rules = self.rules[row.occurred_on]
        return bool(
            rules is not None
            and conduct in rules.eligible_conduct
            and (row.age is None or row.age >= rules.minimum_age)
            and in_program_area(self.site, row.area) is not False
        )

    def __call__(self, data_import: DataImport, raw: dict[str, str]) -> tuple[str, Taken]:
        row = read_encounter(raw, self.today)
        conduct = self.categories.get(row.offense_code)
        if conduct is None:
            raise RowError(
                _(
                    "offense_code %(code)s is not one of the site's offense codes: add it to "
                    "them, or correct the row."
                )
                % {"code": row.offense_code}
            )
        # Without a record number, identical rows are told apart by their order.
        content = (
            (row.record_id,)
            if row.record_id
            else (row.occurred_on, row.area, row.offense_code, row.race_ethnicity, row.sex, row.age)
        )
        self.seen[str(content)] += 1
        fingerprint = _fingerprint(*content, self.seen[str(content)] if not row.record_id else "")
        return fingerprint, Encounter(
            site=self.site,
            data_import=data_import,
            fingerprint=fingerprint,
            occurred_on=row.occurred_on,
            area=row.area,
            offense_code=row.offense_code,
            conduct=conduct,
            race_ethnicity=row.race_ethnicity,
            sex=row.sex,
            age=row.age,
            eligible=self.eligible(row, conduct),
        )


@transaction.atomic
def baseline_import(
    *, actor: User, site: Site, name: str, content: bytes, request: HttpRequest | None = None
) -> DataImport:
    return _run_import(
        actor=actor,
        site=site,
        kind=ImportKind.BASELINE,
        name=name,
        content=content,
        columns=BASELINE_COLUMNS,
        required=BASELINE_REQUIRED,
        take=_Baseline(site),
        request=request,
    )


@transaction.atomic
def comparison_import(
    *, actor: User, site: Site, name: str, content: bytes, request: HttpRequest | None = None
) -> DataImport:
    today = site.today()

    def take(data_import: DataImport, raw: dict[str, str]) -> tuple[str, Taken]:
        row = read_comparison(raw, today)
        return row.key, ComparisonMember(
            site=site,
            data_import=data_import,
            key=row.key,
            entry_on=row.entry_on,
            age=row.age,
            sex=row.sex,
            race_ethnicity=row.race_ethnicity,
            prior_bookings=row.prior_bookings,
            arrests_before=row.arrests_before,
            arrests_after=row.arrests_after,
        )

    done = _run_import(
        actor=actor,
        site=site,
        kind=ImportKind.COMPARISON,
        name=name,
        content=content,
        columns=COMPARISON_COLUMNS,
        required=COMPARISON_REQUIRED,
        take=take,
        request=request,
    )
    # A new cohort changes the comparison: the next page to ask computes it afresh.
    StoredEvaluation.objects.filter(site=site).delete()
    return done


@transaction.atomic
def evaluation_settings_save(
    *, actor: User, site: Site, request: HttpRequest | None = None, **values: Any
) -> EvaluationSettings:
    settings = EvaluationSettings.objects.filter(site=site).first() or EvaluationSettings(site=site)
    for field, value in values.items():
        setattr(settings, field, value)
    settings.updated_by = actor
    settings.full_clean()
    settings.save()
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=settings,
        detail={k: str(v) for k, v in values.items()},
    )
    return settings


@transaction.atomic
def equity_alerts_send(*, site: Site, quarter: Quarter) -> list[EquityAlert]:
    """Tells the site's PCG members of every group whose index at a stage this quarter is
    significantly outside their band; each once per quarter, stage, breakdown and group."""
    result = equity(Scope(site, quarter), Band.of(evaluation_settings_of(site)))
    new = []
    for breakdown, row, stage, cell in result.alerts():
        assert cell.index is not None
        alert, created = EquityAlert.objects.get_or_create(
            site=site,
            quarter=str(quarter),
            stage=stage,
            dimension=breakdown.dimension,
            group=row.key,
            defaults={"index": cell.index.value, "low": cell.index.low, "high": cell.index.high},
        )
        if created:
            new.append(alert)
    link = reverse("insights:overview") + f"?quarter={quarter}"
    notify(
        Alert(
            user=membership.user,
            person=None,
            kind=NotificationKind.EQUITY,
            about=f"equity:{alert.pk}",
            link=link + f"&by={alert.dimension}",
            site_id=site.pk,
        )
        for alert in new
        for membership in equity_alert_recipients(site)
    )
    return new


def evaluation_refresh(*, site: Site) -> int:
    """Recomputes the outcome evaluation of the site and of each of its areas; returns how
    many were stored. Each is written in its own transaction, so a failure keeps the rest."""
    stored = 0
    for area in ["", *(site.program_areas or [])]:
        figures = as_json(evaluation(site, EvaluationSettings(site=site), area))
        with transaction.atomic():
            StoredEvaluation.objects.update_or_create(
                site=site,
                area=area,
                defaults={"computed_at": timezone.now(), "figures": figures},
            )
        stored += 1
    return stored
