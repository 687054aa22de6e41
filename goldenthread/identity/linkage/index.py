"""A site's records, featured once and kept in DuckDB with a linker ready to score: matching
a batch then costs only the batch. Records added later are appended; the index never needs
the database of the site again until the model changes.

Splink writes its SQL afresh on every predict_between, parsing and printing it through
sqlglot, which for the one record a jail feed or an officer's lookup brings costs several
times what running it does. The SQL depends only on the model, the table names and the
threshold, never on the rows, so the index records the statements Splink runs, and once two
calls have run the same ones it runs them itself for every later batch at that threshold."""

import logging
import threading
from collections.abc import Callable
from typing import Any

import duckdb
from splink import DuckDBAPI
from splink.internals.duckdb.duckdb_helpers import record_dicts_from_relation

from goldenthread.identity.linkage.features import as_table
from goldenthread.identity.linkage.model import linker_for

logger = logging.getLogger(__name__)

# The incoming batch always goes by this name, so that the SQL is the same on every call.
INCOMING = "incoming_batch"

# Batches up to this size (a pushed booking, an officer's lookup) are scored on one thread:
# the web server's workers are its parallelism, and DuckDB's threads would take the other
# cores from the pages being served. An import's batches of thousands use every core.
ONE_THREAD_UP_TO = 50

# What Splink runs that scoring needs: its working tables made and dropped, and the one read
# of the predictions. Reads of the catalogue, and the incoming table's own drop, are not.
_WORK = ("create table __splink__", "drop table if exists __splink__")
_READ = "select * from __splink__df_predict_"


def scoring_statements(executed: list[str]) -> list[str] | None:
    """The statements of one predict_between that make its predictions, or None when they
    are not the shape expected (one read of the predictions, after the tables it needs)."""
    kept = [sql for sql in executed if sql.lower().startswith((*_WORK, _READ))]
    reads = [sql for sql in kept if sql.lower().startswith(_READ)]
    if len(reads) != 1 or not any(sql.lower().startswith(_WORK[0]) for sql in kept):
        return None
    return kept


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
        # Per threshold: the statements of the last call through Splink, until two agree;
        # then the statements replayed.
        self._recorded: dict[float, list[str] | None] = {}
        self.compiled: dict[float, list[str]] = {}
        self.calls = 0
        self._all_threads = self._threads = int(
            connection.execute("SELECT current_setting('threads')").fetchone()[0]  # type: ignore[index]
        )

    def add(self, rows: list[dict[str, Any]]) -> None:
        if not rows:
            return
        with self._lock:
            connection = self.db_api.duckdb_con
            connection.register("incoming_rows", as_table(rows))
            connection.execute("INSERT INTO site_index SELECT * FROM incoming_rows")
            connection.unregister("incoming_rows")

    def ids_between(self, above: int, up_to: int) -> set[int]:
        """The ids of the records held, above `above` and up to `up_to`."""
        with self._lock:
            found = self.db_api.duckdb_con.execute(
                "SELECT unique_id FROM site_index WHERE unique_id > ? AND unique_id <= ?",
                [above, up_to],
            ).fetchall()
        return {row[0] for row in found}

    def score(self, incoming: list[dict[str, Any]], at_least: float) -> list[dict[str, Any]]:
        """Every blocked pair (index record, incoming record) scoring at least `at_least`."""
        with self._lock:
            self._use_threads(1 if len(incoming) <= ONE_THREAD_UP_TO else self._all_threads)
            statements = self.compiled.get(at_least)
            if statements is not None:
                return self._replay(statements, incoming)
            rows, executed = self._recording(lambda: self._predict_between(incoming, at_least))
            statements = scoring_statements(executed)
            if statements is not None and statements == self._recorded.get(at_least):
                self.compiled[at_least] = statements
            elif statements is None:
                logger.warning("splink's predict_between ran unexpected SQL; not replayed")
            self._recorded[at_least] = statements
            return rows

    def _use_threads(self, threads: int) -> None:
        if threads != self._threads:
            self.db_api.duckdb_con.execute(f"SET threads = {threads}")
            self._threads = threads

    def _predict_between(self, incoming: list[dict[str, Any]], at_least: float) -> Any:
        connection = self.db_api.duckdb_con
        connection.register(INCOMING, as_table(incoming))
        try:
            # Splink takes each name it is given once only: a new name for each call, over
            # the same table.
            self.calls += 1
            new = self.db_api.register(INCOMING, table_name=f"batch_{self.calls}")
            scored = self.linker.inference.predict_between(
                self.registered, new, threshold_match_probability=at_least
            )
            rows = scored.as_record_list()
            scored.drop_table_from_database_and_remove_from_cache()
            return rows
        finally:
            connection.unregister(INCOMING)

    def _recording(self, call: Callable[[], Any]) -> tuple[Any, list[str]]:
        """What `call` returns, with every statement Splink ran against DuckDB meanwhile."""
        executed: list[str] = []
        run = self.db_api._execute_sql_against_backend

        def recorded(sql: str) -> duckdb.DuckDBPyRelation:
            executed.append(sql)
            return run(sql)

        self.db_api._execute_sql_against_backend = recorded  # type: ignore[method-assign,assignment]
        try:
            return call(), executed
        finally:
            del self.db_api._execute_sql_against_backend

    def _replay(
        self, statements: list[str], incoming: list[dict[str, Any]]
    ) -> list[dict[str, Any]]:
        connection = self.db_api.duckdb_con
        connection.register(INCOMING, as_table(incoming))
        try:
            rows: list[dict[str, Any]] = []
            for sql in statements:
                if sql.lower().startswith(_READ):
                    rows = record_dicts_from_relation(connection.sql(sql))
                else:
                    connection.execute(sql)
            return rows
        finally:
            connection.unregister(INCOMING)
