"""The model's comparisons and blocking rules. A comparison says how alike two records are
on one attribute, in levels from "the same" to "different"; training learns how much each
level says about being the same person."""

from typing import Any

from splink import SettingsCreator, block_on


def _null(column: str) -> dict[str, Any]:
    return {
        "sql_condition": f'"{column}_l" IS NULL OR "{column}_r" IS NULL',
        "label_for_charts": "missing",
        "is_null_level": True,
    }


ELSE = {"sql_condition": "ELSE", "label_for_charts": "different"}


def _jaro_winkler(left: str, right: str, at: float) -> str:
    return f'jaro_winkler_similarity("{left}_l", "{right}_r") >= {at}'


def _name(column: str, other: str, related: str | None, phonetic: str) -> dict[str, Any]:
    levels = [
        _null(column),
        {
            "sql_condition": f'"{column}_l" = "{column}_r"',
            "label_for_charts": "the same",
            "tf_adjustment_column": column,
            "tf_adjustment_weight": 1.0,
        },
    ]
    if related:
        either = (
            f'list_contains("{related}_l", "{column}_r") '
            f'OR list_contains("{related}_r", "{column}_l")'
        )
        levels.append({"sql_condition": either, "label_for_charts": "nickname"})
    levels += [
        {"sql_condition": _jaro_winkler(column, column, 0.92), "label_for_charts": "a typo"},
        {"sql_condition": f'"{phonetic}_l" = "{phonetic}_r"', "label_for_charts": "sounds alike"},
        {
            "sql_condition": _jaro_winkler(column, other, 0.92),
            "label_for_charts": "swapped with the other name",
        },
        {"sql_condition": _jaro_winkler(column, column, 0.8), "label_for_charts": "similar"},
        ELSE,
    ]
    return {"output_column_name": column, "comparison_levels": levels}


def _dob() -> dict[str, Any]:
    days = 'abs(date_diff(\'day\', try_cast("dob_l" AS DATE), try_cast("dob_r" AS DATE)))'
    return {
        "output_column_name": "dob",
        "comparison_levels": [
            _null("dob"),
            {"sql_condition": '"dob_l" = "dob_r"', "label_for_charts": "the same"},
            {
                "sql_condition": '"dob_unordered_l" = "dob_unordered_r"',
                "label_for_charts": "day and month swapped",
            },
            {
                "sql_condition": f'levenshtein("dob_l", "dob_r") <= 1 OR {days} <= 7',
                "label_for_charts": "one digit or a few days off",
            },
            {"sql_condition": f"{days} <= 366", "label_for_charts": "within a year"},
            ELSE,
        ],
    }


def _exact(column: str) -> dict[str, Any]:
    return {
        "output_column_name": column,
        "comparison_levels": [
            _null(column),
            {"sql_condition": f'"{column}_l" = "{column}_r"', "label_for_charts": "the same"},
            ELSE,
        ],
    }


# Candidate pairs: a pair is scored only if it agrees on one of these. Nickname and phonetic
# keys let "Bill Jonson" with a swapped date meet "William Johnson"; the name pair in either
# order catches first and last name swapped.
BLOCKING_RULES: list[Any] = [
    block_on("dob"),
    block_on("state_id"),
    block_on("first_key", "last_phonetic"),
    block_on("last_phonetic", "dob_unordered"),
    block_on("first_phonetic", "dob_unordered"),
    block_on("first_name", "last_name"),
    block_on("first_name", "dob_year"),
    block_on("last_name", "dob_year"),
    block_on("names_phonetic"),
]


def settings() -> SettingsCreator:
    return SettingsCreator(
        link_type="dedupe_only",
        comparisons=[
            _name("first_name", "last_name", "first_related", "first_phonetic"),
            _name("last_name", "first_name", None, "last_phonetic"),
            _dob(),
            _exact("state_id"),
            _exact("area"),
            _exact("sex"),
        ],
        blocking_rules_to_generate_predictions=BLOCKING_RULES,
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
    )
