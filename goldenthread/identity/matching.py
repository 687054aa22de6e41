"""Reading scored pairs: the best person for each incoming record, and the evidence for the
pair: which attributes agreed, how, and how much it counted."""

from dataclasses import dataclass
from typing import Any

import jellyfish
from django.utils.translation import gettext_lazy as _

from goldenthread.identity.linkage.features import related

COMPARED = ("first_name", "last_name", "dob", "state_id", "area", "sex")
MISSPELT_NICKNAME = "a nickname, misspelt"
# An automatic link needs both names to agree at least this well: twins share a surname, a
# birth date and often an address, and differ only in their first names.
NAMES_AGREE = frozenset(
    {
        "the same",
        "nickname",
        MISSPELT_NICKNAME,
        "a typo",
        "sounds alike",
        "swapped with the other name",
    }
)


# People change surnames (marriage, an alias); a change is accepted without review only when
# the state id (the state's own identifier, from fingerprints) or the whole date of birth
# vouches for it. Twins share a surname and a birth date, not a first name.
SURNAME_CHANGE_VOUCHED = {"state_id": {"the same"}, "dob": {"the same", "day and month swapped"}}

# The model's levels as a reviewer reads them, in the reviewer's language.
LEVEL_NAMES = {
    "the same": _("the same"),
    "nickname": _("nickname"),
    MISSPELT_NICKNAME: _("a nickname, misspelt"),
    "a typo": _("a typo"),
    "sounds alike": _("sounds alike"),
    "swapped with the other name": _("swapped with the other name"),
    "similar": _("similar"),
    "day and month swapped": _("day and month swapped"),
    "one digit or a few days off": _("one digit or a few days off"),
    "within a year": _("within a year"),
    "different": _("different"),
    "missing": _("missing"),
}


def names_agree(evidence: list[dict[str, Any]]) -> bool:
    """Whether the names allow an automatic link: the first names must agree, and the
    surnames too unless the state id or the date of birth vouches for a change."""
    levels = {item["attribute"]: item["level"] for item in evidence}
    if levels.get("first_name") not in NAMES_AGREE:
        return False
    return levels.get("last_name") in NAMES_AGREE or any(
        levels.get(attribute) in accepted for attribute, accepted in SURNAME_CHANGE_VOUCHED.items()
    )


def misspelt_nickname(left: str | None, right: str | None) -> bool:
    """ "Touy" for Tony for Anthony: one name is a letter away from a name the nickname
    list relates to the other (the model's own levels see only one of the two at once)."""
    if not left or not right or min(len(left), len(right)) < 3:
        return False
    return any(
        jellyfish.damerau_levenshtein_distance(name, right) <= 1 for name in related(left)
    ) or any(jellyfish.damerau_levenshtein_distance(name, left) <= 1 for name in related(right))


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


def _level(row: dict[str, Any], labels: dict[str, dict[int, str]], name: str) -> str:
    level = labels[name].get(row[f"gamma_{name}"], "")
    if (
        name == "first_name"
        and level in ("similar", "different")
        and misspelt_nickname(row.get("first_name_l"), row.get("first_name_r"))
    ):
        return MISSPELT_NICKNAME
    return level


def evidence(row: dict[str, Any], labels: dict[str, dict[int, str]]) -> list[dict[str, Any]]:
    return [
        {
            "attribute": name,
            "level": _level(row, labels, name),
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
