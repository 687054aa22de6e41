"""Past one machine: the model a site trains in DuckDB, run on Spark (local mode), scores
every pair as DuckDB does and forms the same people."""

import tempfile
from typing import Any

import pytest
from django.test import SimpleTestCase

from goldenthread.identity.evaluation import featured
from goldenthread.identity.linkage.features import as_table
from goldenthread.identity.linkage.model import linker_for, term_frequencies, train
from goldenthread.identity.linkage.rebuild import clusters
from goldenthread.identity.linkage.spark import local_session, spark_api
from goldenthread.identity.synthetic import labelled_records

# Spark, DuckDB and the test's own records only: the same on either database engine.
pytestmark = pytest.mark.engine_independent


def _people(found: dict[Any, Any]) -> set[frozenset[Any]]:
    groups: dict[Any, set[Any]] = {}
    for record, cluster in found.items():
        groups.setdefault(cluster, set()).add(record)
    return {frozenset(group) for group in groups.values()}


def _scores(linker: Any) -> dict[tuple[Any, Any], float]:
    scored = linker.inference.predict(threshold_match_probability=0.01).as_record_list()
    return {(r["unique_id_l"], r["unique_id_r"]): r["match_probability"] for r in scored}


class SparkEquivalenceTests(SimpleTestCase):
    def test_spark_and_duckdb_give_the_same_links(self):
        rows = featured(labelled_records(300, seed=3))
        model, frequencies = train(rows), term_frequencies(rows)
        session = local_session()
        self.addCleanup(session.stop)
        with tempfile.TemporaryDirectory() as checkpoints:
            on_spark = spark_api(session, checkpoints)
            spark_linker, _ = linker_for(model, frequencies, as_table(rows), db_api=on_spark)
            spark_scores = _scores(spark_linker)
            spark_people = clusters(model, frequencies, as_table(rows), 0.9, db_api=on_spark)
        duckdb_linker, _ = linker_for(model, frequencies, rows)
        duckdb_scores = _scores(duckdb_linker)

        self.assertGreater(len(duckdb_scores), 100)
        self.assertEqual(spark_scores.keys(), duckdb_scores.keys())
        for pair, probability in duckdb_scores.items():
            self.assertAlmostEqual(spark_scores[pair], probability, places=9, msg=pair)
        duckdb_people = _people(clusters(model, frequencies, rows, 0.9))
        self.assertEqual(_people(spark_people), duckdb_people)
        self.assertLess(len(duckdb_people), len(rows))  # some records did join
