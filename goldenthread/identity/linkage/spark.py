"""The same model on Spark, for a rebuild past one machine (a state or national network):
`rebuild.clusters(..., db_api=spark_api(session))` scores and clusters with the model a
site trained in DuckDB, its conditions rewritten for Spark (comparisons.for_dialect).

PySpark is optional: a site's own machine never needs it (`pip install pyspark`, with Java
17, where a rebuild outgrows DuckDB)."""

from typing import Any

# Spark's own session settings for a machine of its own: partitions sized for a few cores
# rather than a cluster, and no web interface.
LOCAL_SETTINGS = {
    "spark.sql.shuffle.partitions": "8",
    "spark.default.parallelism": "8",
    "spark.ui.enabled": "false",
    "spark.driver.memory": "2g",
}


def local_session(cores: int = 2) -> Any:
    """A Spark session on this machine (local mode) with Splink's similarity functions."""
    from pyspark.sql import SparkSession
    from splink.backends.spark import similarity_jar_location

    builder = SparkSession.builder.master(f"local[{cores}]").appName("goldenthread-linkage")
    for key, value in {**LOCAL_SETTINGS, "spark.jars": similarity_jar_location()}.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("ERROR")
    return session


def spark_api(session: Any, checkpoints: str) -> Any:
    """Splink's Spark backend on `session`; long chains of steps (clustering iterates) are
    cut by writing them to `checkpoints`, a directory."""
    from splink.backends.spark import SparkAPI

    session.sparkContext.setCheckpointDir(checkpoints)
    return SparkAPI(spark_session=session, break_lineage_method="parquet")
