"""The national view: every site's figures side by side, de-identified, from a parquet
snapshot of the operational database read by DuckDB. The same figures computed straight
from the database with the ORM must be identical; a test holds the two to it."""
