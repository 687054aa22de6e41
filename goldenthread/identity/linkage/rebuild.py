"""Deduplicating a whole site at once: every blocked pair of its records scored in one
predict, then joined into people at a threshold by Splink's own clustering (in DuckDB, so a
million records never pass through Python pair by pair)."""

import tempfile
from typing import Any

import duckdb
import pyarrow as pa
from splink import DuckDBAPI
from splink.internals.database_api import DatabaseAPI

from goldenthread.identity.linkage.model import linker_for

# DuckDB keeps within this much memory and spills the rest to disk: a national rebuild's
# candidate pairs outgrow any one machine's memory long before its time.
MEMORY_LIMIT = "3GB"


def _db_api() -> DuckDBAPI:
    connection = duckdb.connect(
        config={
            "memory_limit": MEMORY_LIMIT,
            "temp_directory": tempfile.gettempdir(),
        }
    )
    connection.execute("SET enable_progress_bar = false")
    return DuckDBAPI(connection)


def scored_pairs(
    model: dict[str, Any],
    frequencies: dict[str, dict[str, float]],
    rows: list[dict[str, Any]],
    at_least: float,
) -> list[dict[str, Any]]:
    """Every pair of records scoring at least `at_least`, with its comparison columns."""
    linker, _ = linker_for(model, frequencies, rows)
    scored: list[dict[str, Any]] = linker.inference.predict(
        threshold_match_probability=at_least
    ).as_record_list()
    return scored


def clusters(
    model: dict[str, Any],
    frequencies: dict[str, dict[str, float]],
    index: list[dict[str, Any]] | pa.Table,
    threshold: float,
    *,
    db_api: DatabaseAPI[Any] | None = None,
) -> dict[Any, Any]:
    """{record: cluster} joining every pair at or above `threshold`, in DuckDB on this
    machine unless another database is given (linkage.spark.spark_api())."""
    linker, _ = linker_for(model, frequencies, index, db_api=db_api or _db_api())
    scored = linker.inference.predict(threshold_match_probability=threshold)
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        scored, threshold_match_probability=threshold
    ).as_dict()
    return dict(zip(clustered["unique_id"], clustered["cluster_id"], strict=True))
