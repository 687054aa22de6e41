"""A site's records, featured once and kept in DuckDB with a linker ready to score: matching
a batch then costs only the batch. Records added later are appended; the index never needs
the database of the site again until the model changes."""

import threading
from typing import Any

from splink import DuckDBAPI

from goldenthread.identity.linkage.features import as_table
from goldenthread.identity.linkage.model import linker_for


class WarmIndex:
    def __init__(
        self,
        model: dict[str, Any],
        frequencies: dict[str, dict[str, float]],
        rows: list[dict[str, Any]],
    ) -> None:
        self._lock = threading.Lock()
        self.db_api = DuckDBAPI()
        connection = self.db_api.duckdb_con
        connection.register("incoming_rows", as_table(rows))
        connection.execute("CREATE TABLE site_index AS SELECT * FROM incoming_rows")
        connection.unregister("incoming_rows")
        self.linker, self.registered = linker_for(
            model, frequencies, "site_index", db_api=self.db_api
        )
        self.batches = 0

    def add(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        with self._lock:
            connection = self.db_api.duckdb_con
            connection.register("incoming_rows", as_table(rows))
            connection.execute("INSERT INTO site_index SELECT * FROM incoming_rows")
            connection.unregister("incoming_rows")

    def score(self, incoming: list[dict[str, Any]], at_least: float) -> list[dict[str, Any]]:
        """Every blocked pair (index record, incoming record) scoring at least `at_least`,
        in one predict_between call."""
        with self._lock:
            self.batches += 1
            new = self.db_api.register(
                as_table(incoming),
                table_name=f"batch_{self.batches}",
            )
            scored = self.linker.inference.predict_between(
                self.registered, new, threshold_match_probability=at_least
            )
            rows: list[dict[str, Any]] = scored.as_record_list()
            scored.drop_table_from_database_and_remove_from_cache()
            new.drop_table_from_database_and_remove_from_cache(force_non_splink_table=True)
            return rows
