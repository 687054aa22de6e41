"""Training a site's model without labels, and the linker that scores pairs with it."""

import logging
from collections import Counter
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc
from splink import DuckDBAPI, Linker, block_on
from splink.internals.database_api import DatabaseAPI
from splink.internals.exceptions import EMTrainingException

from goldenthread.identity.linkage.comparisons import for_dialect, settings
from goldenthread.identity.linkage.features import as_table

# Name attributes whose frequency adjusts the weight of an exact match: a shared "Smith"
# says less than a shared "Okonkwo".
TF_COLUMNS = ("first_name", "last_name")

EM_PASSES = [
    block_on("state_id"),
    block_on("dob"),
    block_on("first_key", "last_phonetic"),
    block_on("last_phonetic", "dob_unordered"),
]

# Below this many pairs sharing a state id, the recall of the exact rule is assumed.
RECALL_SAMPLE = 30
ASSUMED_RECALL = 0.7


def exact_rule_recall(rows: list[dict[str, Any]]) -> float:
    """How many of the same person's record pairs agree on first name, last name and date
    of birth, estimated without labels: pairs sharing a state id are all but certainly one
    person, so the share of them that agree on all three stands for the share of all. The
    share of matching pairs among random ones (the model's prior) is read from the pairs
    this rule finds divided by this recall."""
    by_state_id: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["state_id"]:
            by_state_id.setdefault(row["state_id"], []).append(row)
    pairs = agreeing = 0
    for group in by_state_id.values():
        for n, left in enumerate(group):
            for right in group[n + 1 :]:
                pairs += 1
                agreeing += all(
                    left[c] is not None and left[c] == right[c]
                    for c in ("first_name", "last_name", "dob")
                )
    if pairs < RECALL_SAMPLE or not agreeing:
        return ASSUMED_RECALL
    return agreeing / pairs


def prior(rows: list[dict[str, Any]]) -> float:
    """The share of matching pairs among random ones: the pairs that agree on first name,
    last name and date of birth, divided by that rule's recall, over all pairs. A site whose
    records hold no such pair yet still gets one pair's worth (EM cannot start from zero)."""
    keys = Counter(
        (row["first_name"], row["last_name"], row["dob"])
        for row in rows
        if row["first_name"] and row["last_name"] and row["dob"]
    )
    agreeing = sum(n * (n - 1) // 2 for n in keys.values())
    pairs = max(len(rows) * (len(rows) - 1) // 2, 1)
    return min(max(agreeing / exact_rule_recall(rows), 1) / pairs, 0.5)


def train(rows: list[dict[str, Any]], *, seed: int = 1) -> dict[str, Any]:
    """A model trained on a site's own records, unlabelled: u-probabilities from random
    pairs, m-probabilities by expectation maximisation in three passes, each fixing a
    different attribute so that every comparison is learnt from pairs it did not select."""
    db_api = DuckDBAPI()
    # Levels a site's data never shows (no one's sex differs between records, say) are
    # reported by Splink at WARNING; the model leaves them untrained, which is right.
    linker = Linker(
        db_api.register(as_table(rows)), settings(prior=prior(rows)), log_level=logging.ERROR
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=seed)
    trained = 0
    for rule in EM_PASSES:
        # A pass that fails has already set aside the comparisons of its blocking rule in
        # the linker's model: put them back before the next.
        before = linker._settings_obj.core_model_settings.copy()
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
            trained += 1
        except (EMTrainingException, ValueError):
            # No pairs agree on this rule here (no state ids yet, say), or too few to learn
            # from: skip it.
            linker._settings_obj.core_model_settings = before
    if not trained:
        raise ValueError("No training pass found pairs to learn from.")
    return linker.misc.save_model_to_json()


def term_frequencies(rows: list[dict[str, Any]] | pa.Table) -> dict[str, dict[str, float]]:
    """{column: {value: share of records}} of the names a model was trained on, kept with
    the model: a small index (a new site, a test) would give every name it holds a share
    of one."""
    result = {}
    for column in TF_COLUMNS:
        if isinstance(rows, pa.Table):
            counted = pc.value_counts(rows[column].drop_null()).to_pylist()
            counts = Counter({item["values"]: item["counts"] for item in counted})
        else:
            counts = Counter(row[column] for row in rows if row[column])
        total = sum(counts.values()) or 1
        result[column] = {value: count / total for value, count in counts.items()}
    return result


def linker_for(
    model: dict[str, Any],
    frequencies: dict[str, dict[str, float]],
    index: list[dict[str, Any]] | pa.Table | str,
    *,
    db_api: DatabaseAPI[Any] | None = None,
) -> tuple[Linker, Any]:
    """A linker over `index` (featured rows or their table, or the name of a table already
    in `db_api`) with a trained model and its name frequencies; returns (linker, the
    registered index). A name the frequencies lack is weighed without adjustment. The
    database is DuckDB unless another is given (Spark, for a rebuild past one machine)."""
    db_api = db_api or DuckDBAPI()
    dialect = db_api.sql_dialect.sql_dialect_str
    if model.get("sql_dialect", "duckdb") != dialect:
        model = for_dialect(model, dialect)
    registered = db_api.register(index if isinstance(index, str | pa.Table) else as_table(index))
    linker = Linker(registered, model, log_level=logging.WARNING)
    for column in TF_COLUMNS:
        shares = frequencies.get(column) or {"": 1.0}
        lookup = db_api.register({column: list(shares), f"tf_{column}": list(shares.values())})
        linker.table_management.register_term_frequency_lookup(lookup, column)
    return linker, registered
