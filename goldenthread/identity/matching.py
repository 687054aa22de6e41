"""Scoring a batch of incoming records against a site's records in one Splink call, and
reading the evidence for each pair: which attributes agreed, how, and how much it counted."""

from dataclasses import dataclass
from typing import Any

from goldenthread.identity.linkage.features import as_columns
from goldenthread.identity.linkage.model import linker_for

COMPARED = ("first_name", "last_name", "dob", "state_id", "area", "sex")


@dataclass(frozen=True)
class Candidate:
    person_id: int
    record_id: int
    probability: float
    evidence: list[dict[str, Any]]


def level_labels(model: dict[str, Any]) -> dict[str, dict[int, str]]:
    """{comparison: {comparison vector value: label}}: Splink numbers a comparison's levels
    from the last (0, "different") up, and a missing value is -1."""
    labels = {}
    for comparison in model["comparisons"]:
        levels = [lv for lv in comparison["comparison_levels"] if not lv.get("is_null_level")]
        values = {len(levels) - 1 - n: lv["label_for_charts"] for n, lv in enumerate(levels)}
        values[-1] = "missing"
        labels[comparison["output_column_name"]] = values
    return labels


def evidence(row: dict[str, Any], labels: dict[str, dict[int, str]]) -> list[dict[str, Any]]:
    return [
        {
            "attribute": name,
            "level": labels[name].get(row[f"gamma_{name}"], ""),
            "weight": round(float(row[f"mw_{name}"]) + float(row.get(f"mw_tf_adj_{name}") or 0), 2),
        }
        for name in COMPARED
    ]


def score_between(
    model: dict[str, Any],
    frequencies: dict[str, dict[str, float]],
    index: list[dict[str, Any]],
    incoming: list[dict[str, Any]],
    at_least: float,
) -> list[dict[str, Any]]:
    """Every blocked pair (index record, incoming record) scoring at least `at_least`."""
    linker, registered = linker_for(model, frequencies, index)
    new = linker._db_api.register(as_columns(incoming))
    scored = linker.inference.predict_between(registered, new, threshold_match_probability=at_least)
    rows: list[dict[str, Any]] = scored.as_record_list()
    return rows


def best_candidates(
    model: dict[str, Any],
    frequencies: dict[str, dict[str, float]],
    index: list[dict[str, Any]],
    incoming: list[dict[str, Any]],
    *,
    owners: dict[int, int],
    at_least: float,
) -> dict[Any, Candidate]:
    """{incoming id: the person whose best record scores highest}, for incoming records with
    any pair scoring at least `at_least`."""
    labels = level_labels(model)
    best: dict[Any, Candidate] = {}
    for row in score_between(model, frequencies, index, incoming, at_least):
        new_id, record_id = row["unique_id_r"], row["unique_id_l"]
        probability = float(row["match_probability"])
        if new_id not in best or probability > best[new_id].probability:
            best[new_id] = Candidate(
                owners[record_id], record_id, probability, evidence(row, labels)
            )
    return best
