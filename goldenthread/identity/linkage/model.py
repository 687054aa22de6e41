"""Training a site's model without labels, and the linker that scores pairs with it."""

import logging
from collections import Counter
from typing import Any

from splink import DuckDBAPI, Linker, block_on
from splink.internals.exceptions import EMTrainingException

from goldenthread.identity.linkage.comparisons import settings
from goldenthread.identity.linkage.features import as_columns

# Name attributes whose frequency adjusts the weight of an exact match: a shared "Smith"
# says less than a shared "Okonkwo".
TF_COLUMNS = ("first_name", "last_name")


def train(rows: list[dict[str, Any]], *, seed: int = 1) -> dict[str, Any]:
    """A model trained on a site's own records, unlabelled: u-probabilities from random
    pairs, m-probabilities by expectation maximisation in three passes, each fixing a
    different attribute so that every comparison is learnt from pairs it did not select."""
    db_api = DuckDBAPI()
    # Levels a site's data never shows (no one's sex differs between records, say) are
    # reported by Splink at WARNING; the model leaves them untrained, which is right.
    linker = Linker(db_api.register(as_columns(rows)), settings(), log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "last_name", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=seed)
    for rule in (
        block_on("state_id"),
        block_on("dob"),
        block_on("first_key", "last_phonetic"),
        block_on("last_phonetic", "dob_unordered"),
    ):
        try:
            linker.training.estimate_parameters_using_expectation_maximisation(rule)
        except EMTrainingException:
            continue  # no pairs agree on this rule here (no state ids yet, say): skip it
    return linker.misc.save_model_to_json()


def term_frequencies(rows: list[dict[str, Any]]) -> dict[str, dict[str, float]]:
    """{column: {value: share of records}} of the names a model was trained on, kept with
    the model: a small index (a new site, a test) would give every name it holds a share
    of one."""
    result = {}
    for column in TF_COLUMNS:
        counts = Counter(row[column] for row in rows if row[column])
        total = sum(counts.values()) or 1
        result[column] = {value: count / total for value, count in counts.items()}
    return result


def linker_for(
    model: dict[str, Any],
    frequencies: dict[str, dict[str, float]],
    index: list[dict[str, Any]] | str,
    *,
    db_api: DuckDBAPI | None = None,
) -> tuple[Linker, Any]:
    """A linker over `index` (featured rows, or the name of a table already in `db_api`)
    with a trained model and its name frequencies; returns (linker, the registered index).
    A name the frequencies lack is weighed without adjustment."""
    db_api = db_api or DuckDBAPI()
    registered = db_api.register(index if isinstance(index, str) else as_columns(index))
    linker = Linker(registered, model, log_level=logging.WARNING)
    for column in TF_COLUMNS:
        shares = frequencies.get(column) or {"": 1.0}
        lookup = db_api.register({column: list(shares), f"tf_{column}": list(shares.values())})
        linker.table_management.register_term_frequency_lookup(lookup, column)
    return linker, registered
