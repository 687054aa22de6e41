"""An evaluation kept as JSON: computing one reads years of records and fits four
repeated-measures models, too slow for a page on a large site, so it is computed nightly
(manage.py outcomes_refresh) and pages read the stored result."""

from datetime import datetime
from typing import Any

from goldenthread.insights.outcomes.dose import DoseBand
from goldenthread.insights.outcomes.estimates import Fit, OddsRatio
from goldenthread.insights.outcomes.evaluation import Evaluation
from goldenthread.insights.outcomes.legal import LegalWindow, Tally
from goldenthread.insights.outcomes.monthly import MonthlyShares


def _fit(fit: Fit) -> dict[str, Any]:
    return {"estimate": vars(fit.estimate) if fit.estimate else None, "refusal": fit.refusal}


def _fit_of(data: dict[str, Any]) -> Fit:
    estimate = data["estimate"]
    return Fit(OddsRatio(**estimate) if estimate else None, data["refusal"])


def as_json(evaluation: Evaluation) -> dict[str, Any]:
    return {
        "people": evaluation.people,
        "windows": [
            {
                "months": w.months,
                "people": w.people,
                "before": vars(w.before),
                "after": vars(w.after),
            }
            for w in evaluation.windows
        ],
        "monthly": [
            {"key": shares.key, "shares": shares.shares, "fit": _fit(fit)}
            for shares, fit in evaluation.monthly
        ],
        "dose": [vars(band) for band in evaluation.dose],
        "dose_fit": _fit(evaluation.dose_fit),
        "comparison": _fit(evaluation.comparison),
        "computed_at": evaluation.computed_at.isoformat(),
    }


def from_json(data: dict[str, Any]) -> Evaluation:
    return Evaluation(
        people=data["people"],
        windows=[
            LegalWindow(w["months"], w["people"], Tally(**w["before"]), Tally(**w["after"]))
            for w in data["windows"]
        ],
        monthly=[
            (
                MonthlyShares(m["key"], [(share, seen) for share, seen in m["shares"]]),
                _fit_of(m["fit"]),
            )
            for m in data["monthly"]
        ],
        dose=[DoseBand(**band) for band in data["dose"]],
        dose_fit=_fit_of(data["dose_fit"]),
        comparison=_fit_of(data["comparison"]),
        computed_at=datetime.fromisoformat(data["computed_at"]),
    )
