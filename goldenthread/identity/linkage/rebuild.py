"""Deduplicating a whole site at once: every blocked pair of its records scored in one
predict, then joined into people at a threshold by Splink's own clustering (in DuckDB, so a
million records never pass through Python pair by pair)."""

from typing import Any

from goldenthread.identity.linkage.model import linker_for


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
    rows: list[dict[str, Any]],
    threshold: float,
) -> dict[Any, Any]:
    """{record: cluster} joining every pair at or above `threshold`."""
    linker, _ = linker_for(model, frequencies, rows)
    scored = linker.inference.predict(threshold_match_probability=threshold)
    clustered = linker.clustering.cluster_pairwise_predictions_at_threshold(
        scored, threshold_match_probability=threshold
    ).as_dict()
    return dict(zip(clustered["unique_id"], clustered["cluster_id"], strict=True))
