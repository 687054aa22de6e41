"""The dashboard's figures as CSV rows: one figure, one group, one value per row, each
named by its definition's key so a reader can look the definition up."""

import csv
import io

from goldenthread.insights.definitions import DEFINITIONS
from goldenthread.insights.equity import STAGES
from goldenthread.insights.selectors import Dashboard
from goldenthread.text import spreadsheet_safe

# `target`: for a fidelity indicator with a target, whether the quarter met it.
HEADER = [
    "figure",
    "label",
    "quarter",
    "area",
    "breakdown",
    "group",
    "value",
    "low",
    "high",
    "target",
]
OPERATION_FIGURES = (
    ("referrals_received", "referrals_received"),
    ("approvals", "approvals"),
    ("enrolled_at_end", "enrolled_at_end"),
    ("substantive_contacts", "substantive_contacts"),
    ("contacts_per_participant_month", "contacts_per_participant_month"),
    ("days_to_first_contact", "days_to_first_contact"),
    ("intake_in_window", "intake_in_window"),
    ("caseload_per_case_manager", "caseload_mean"),
    ("in_the_wind_share", "in_the_wind_share"),
)


def _value(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.4f}"
    return str(value)


class _Rows:
    """Rows written as lists in HEADER's order; a shorter row leaves the rest empty."""

    def __init__(self, writer: "csv.DictWriter[str]") -> None:
        self.writer = writer

    def writerow(self, values: list[object]) -> None:
        cells = (spreadsheet_safe(value) for value in values)
        self.writer.writerow(dict(zip(HEADER, cells, strict=False)))


def dashboard_csv(board: Dashboard) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, HEADER, restval="")
    writer.writeheader()
    rows = _Rows(writer)
    area = board.scope.area
    for quarter, figures in board.trend:
        for key, attribute in OPERATION_FIGURES:
            label = str(DEFINITIONS[key].label)
            rows.writerow(
                [key, label, quarter, area, "", "", _value(getattr(figures, attribute)), "", ""]
            )
        for door, count in figures.referrals_by_door.items():
            rows.writerow(
                [
                    "referrals_received",
                    str(DEFINITIONS["referrals_received"].label),
                    quarter,
                    area,
                    "door",
                    door,
                    count,
                    "",
                    "",
                ]
            )
    for quarter, readings in board.fidelity:
        for key, reading in readings.items():
            met = "" if reading.met is None else ("met" if reading.met else "not met")
            rows.writerow(
                [key, str(DEFINITIONS[key].label), quarter, area, "", "", reading.text, "", "", met]
            )
    quarter = board.scope.quarter
    for breakdown in board.equity.breakdowns:
        for row in breakdown.rows:
            for stage, _feeder in STAGES:
                cell = row.cells[stage]
                rows.writerow(
                    [
                        stage,
                        str(DEFINITIONS[stage].label),
                        quarter,
                        area,
                        breakdown.dimension,
                        row.key,
                        cell.count,
                        "",
                        "",
                    ]
                )
                if cell.index is not None:
                    rows.writerow(
                        [
                            "relative_rate_index",
                            f"{DEFINITIONS['relative_rate_index'].label}: {DEFINITIONS[stage].label}",
                            quarter,
                            area,
                            breakdown.dimension,
                            row.key,
                            _value(cell.index.value),
                            _value(cell.index.low),
                            _value(cell.index.high),
                        ]
                    )
            if row.missed_rate is not None:
                rows.writerow(
                    [
                        "missed_diversion_rate",
                        str(DEFINITIONS["missed_diversion_rate"].label),
                        quarter,
                        area,
                        breakdown.dimension,
                        row.key,
                        _value(row.missed_rate),
                        "",
                        "",
                    ]
                )
    return out.getvalue()
