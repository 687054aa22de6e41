"""Reading scored pairs: the best person for each incoming record, and the evidence for the
pair: which attributes agreed, how, and how much it counted."""

from dataclasses import dataclass
from typing import Any

COMPARED = ("first_name", "last_name", "dob", "state_id", "area", "sex")
# An automatic link needs both names to agree at least this well: twins share a surname, a
# birth date and often an address, and differ only in their first names.
NAMES_AGREE = frozenset(
    {"the same", "nickname", "a typo", "sounds alike", "swapped with the other name"}
)


def names_agree(evidence: list[dict[str, Any]]) -> bool:
    levels = {item["attribute"]: item["level"] for item in evidence}
    return levels.get("first_name") in NAMES_AGREE and levels.get("last_name") in NAMES_AGREE


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


def best_candidates(
    scored: list[dict[str, Any]], owners: dict[int, int], labels: dict[str, dict[int, str]]
) -> dict[Any, Candidate]:
    """{incoming id: the person whose record scores highest} from scored pairs (index record
    on the left, incoming on the right); `owners` maps index records to their people."""
    best: dict[Any, Candidate] = {}
    for row in scored:
        new_id, record_id = row["unique_id_r"], row["unique_id_l"]
        probability = float(row["match_probability"])
        if record_id in owners and (new_id not in best or probability > best[new_id].probability):
            best[new_id] = Candidate(
                owners[record_id], record_id, probability, evidence(row, labels)
            )
    return best
