"""The models, each a thin, documented call into statsmodels so that a test can call
statsmodels directly on the same frame and get the same numbers. A model refuses, with a
reason a person can act on, when the data cannot carry it: too few people, an outcome
that never (or always) happens, or a fit that does not converge."""

import math
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from django.utils.translation import gettext as _

# Fewer people than this in a group and an estimate means nothing; the page says so.
MIN_GROUP = 30
# A log odds ratio beyond this (an odds ratio past about 10^13) is a fit that ran away.
LARGEST_LOG_ODDS = 30


@dataclass(frozen=True)
class OddsRatio:
    value: float
    low: float
    high: float
    p_value: float
    observations: int


@dataclass(frozen=True)
class Fit:
    estimate: OddsRatio | None = None
    refusal: str = ""


class Unfit(Exception):
    """The data cannot carry the model; the message says why."""


def _odds_ratio(
    params: pd.Series, bounds: pd.DataFrame, p_values: pd.Series, term: str, n: int
) -> OddsRatio:
    logs = (params[term], *bounds.loc[term])
    if not all(abs(x) < LARGEST_LOG_ODDS for x in logs):
        raise Unfit(_("The model does not converge on these data."))
    value, low, high = (math.exp(x) for x in logs)
    if not all(math.isfinite(x) for x in (value, low, high)):
        raise Unfit(_("The model does not converge on these data."))
    return OddsRatio(value, low, high, float(p_values[term]), n)


def _varies(frame: pd.DataFrame, outcome: str, terms: list[str]) -> None:
    if frame[outcome].nunique() < 2:
        raise Unfit(_("The outcome is the same for everyone, so there are no odds to compare."))
    for term in terms:
        if frame[term].nunique() < 2:
            raise Unfit(
                _("%(term)s is the same for everyone, so its effect cannot be told apart.")
                % {"term": term.replace("_", " ").capitalize()}
            )


def _statsmodels() -> Any:
    """statsmodels.api, imported on the first estimate: it loads scipy.stats and the rest of
    statsmodels, about a second and a half that every server process would otherwise spend
    at start, delaying its recovery after a restart."""
    import statsmodels.api as sm

    return sm


def _quietly(fit: Callable[[], Any]) -> Any:
    """Run a fit, turning statsmodels' warnings of a meaningless fit into a refusal."""
    from statsmodels.tools.sm_exceptions import (
        ConvergenceWarning,
        PerfectSeparationError,
        PerfectSeparationWarning,
        SingularMatrixWarning,
    )

    with warnings.catch_warnings():
        warnings.simplefilter("error", PerfectSeparationWarning)
        warnings.simplefilter("error", ConvergenceWarning)
        warnings.simplefilter("error", SingularMatrixWarning)
        try:
            return fit()
        except (
            PerfectSeparationError,
            PerfectSeparationWarning,
            ConvergenceWarning,
            np.linalg.LinAlgError,
        ) as error:
            raise Unfit(_("The model does not converge on these data.")) from error


def logistic(
    frame: pd.DataFrame, outcome: str, terms: list[str], term: str, weights: str | None = None
) -> OddsRatio:
    """GLM Binomial (logit) of outcome on terms plus an intercept; the odds ratio of `term`
    with its 95% interval. With weights: they are variance weights, and the interval is the
    robust (sandwich, HC0) one that weighting calls for."""
    _varies(frame, outcome, terms)
    sm = _statsmodels()
    exog = sm.add_constant(frame[terms].astype(float), has_constant="add")
    endog = frame[outcome].astype(float)
    if weights is None:
        model = sm.GLM(endog, exog, family=sm.families.Binomial())
        result = _quietly(lambda: model.fit())
    else:
        model = sm.GLM(endog, exog, family=sm.families.Binomial(), var_weights=frame[weights])
        result = _quietly(lambda: model.fit(cov_type="HC0"))
    return _odds_ratio(result.params, result.conf_int(), result.pvalues, term, len(frame))


def within_person(
    frame: pd.DataFrame, outcome: str, terms: list[str], term: str, group: str
) -> OddsRatio:
    """Logistic GEE with an exchangeable working correlation within each person: the UW
    design for repeated monthly outcomes."""
    _varies(frame, outcome, terms)
    sm = _statsmodels()
    exog = sm.add_constant(frame[terms].astype(float), has_constant="add")
    model = sm.GEE(
        frame[outcome].astype(float),
        exog,
        groups=frame[group],
        family=sm.families.Binomial(),
        cov_struct=sm.cov_struct.Exchangeable(),
    )
    result = _quietly(lambda: model.fit())
    return _odds_ratio(result.params, result.conf_int(), result.pvalues, term, len(frame))


def propensity_weights(frame: pd.DataFrame, treated: str, covariates: list[str]) -> pd.Series:
    """Weights for the average effect on the treated (ATT): 1 for participants, p / (1 - p)
    for comparison members, p being the propensity from a logistic model of taking part on
    the covariates."""
    sm = _statsmodels()
    exog = sm.add_constant(frame[covariates].astype(float), has_constant="add")
    model = sm.GLM(frame[treated].astype(float), exog, family=sm.families.Binomial())
    result = _quietly(lambda: model.fit())
    propensity = result.predict(exog)
    return pd.Series(
        np.where(frame[treated] == 1, 1.0, propensity / (1 - propensity)), index=frame.index
    )


def guarded(compute: Callable[[], OddsRatio]) -> Fit:
    try:
        return Fit(estimate=compute())
    except Unfit as refusal:
        return Fit(refusal=str(refusal))
