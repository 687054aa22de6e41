"""Training a site's model without labels, and the linker that scores pairs with it."""

import logging
from typing import Any

from splink import DuckDBAPI, Linker, block_on

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
    linker = Linker(db_api.register(as_columns(rows)), settings(), log_level=logging.WARNING)
    linker.training.estimate_probability_two_random_records_match(
        [block_on("first_name", "last_name", "dob")], recall=0.7
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2_000_000, seed=seed)
    for rule in (
        block_on("dob"),
        block_on("first_key", "last_phonetic"),
        block_on("last_phonetic", "dob_unordered"),
    ):
        linker.training.estimate_parameters_using_expectation_maximisation(rule)
    return linker.misc.save_model_to_json()


def linker_for(model: dict[str, Any], index: list[dict[str, Any]]) -> tuple[Linker, Any]:
    """A linker over `index` (already featured rows) with the site's trained model and the
    index's name frequencies; returns (linker, the registered index)."""
    db_api = DuckDBAPI()
    registered = db_api.register(as_columns(index))
    linker = Linker(registered, model, log_level=logging.WARNING)
    for column in TF_COLUMNS:
        linker.table_management.compute_tf_table(column)
    return linker, registered
