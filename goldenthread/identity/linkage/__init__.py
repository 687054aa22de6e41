"""Probabilistic record linkage with Splink (DuckDB backend): the features each record is
compared on, the model's comparisons and blocking rules, training without labels, and
matching a batch of incoming records against an index in one call.

Nothing here touches the database of the site: it takes plain records (dicts) and returns
scored pairs, so the same code serves the services, the evaluation and the benchmarks.
"""
