"""How well the model links, measured on labelled records: pairwise precision, recall and
F1 of the pairs scored at or above each threshold; the same for the people formed by joining
those pairs (clusters: a pair counts as linked when both records end up in one person); and
for the pairs the services would link without review ("automatic": the names agree too), and
the people those links form ("automatic people": a record joins a person through any of the
person's records, as the services link them)."""

import itertools
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from goldenthread.identity.linkage.features import features
from goldenthread.identity.linkage.model import linker_for, term_frequencies, train
from goldenthread.identity.matching import evidence, level_labels, names_agree
from goldenthread.identity.synthetic import LabelledRecord

THRESHOLDS = (0.5, 0.8, 0.9, 0.95, 0.99, 0.999)


@dataclass(frozen=True)
class Scores:
    threshold: float
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def featured(records: Iterable[LabelledRecord]) -> list[dict[str, Any]]:
    return [
        features(
            r.unique_id,
            first_name=r.first_name,
            last_name=r.last_name,
            dob=r.dob,
            sex=r.sex,
            area=r.area,
            state_id=r.state_id,
        )
        for r in records
    ]


def _pairs(groups: Iterable[list[Any]]) -> set[tuple[Any, Any]]:
    return {pair for group in groups for pair in itertools.combinations(sorted(group), 2)}


def _components(ids: Iterable[Any], links: Iterable[tuple[Any, Any]]) -> list[list[Any]]:
    parent = {i: i for i in ids}

    def root(i: Any) -> Any:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for a, b in links:
        parent[root(a)] = root(b)
    groups: dict[Any, list[Any]] = defaultdict(list)
    for i in parent:
        groups[root(i)].append(i)
    return list(groups.values())


def _score(threshold: float, found: set[tuple[Any, Any]], truth: set[tuple[Any, Any]]) -> Scores:
    hits = len(found & truth)
    return Scores(threshold, hits / len(found) if found else 1.0, hits / len(truth))


def measure(
    rows: list[dict[str, Any]], truth: dict[Any, Any], thresholds: Iterable[float] = THRESHOLDS
) -> dict[str, list[Scores]]:
    """{"pairwise": [...], "clusters": [...], "automatic": [...]}, one Scores per threshold,
    for a model trained on `rows` without their labels; `truth` maps each row's unique id to
    its entity."""
    thresholds = list(thresholds)
    model = train(rows)
    linker, _ = linker_for(model, term_frequencies(rows), rows)
    labels = level_labels(model)
    scored = linker.inference.predict(threshold_match_probability=min(thresholds))
    pairs = [
        (row["unique_id_l"], row["unique_id_r"], row["match_probability"], row)
        for row in scored.as_record_list()
    ]
    entities: dict[Any, list[Any]] = defaultdict(list)
    for unique_id, entity in truth.items():
        entities[entity].append(unique_id)
    true_pairs = _pairs(entities.values())
    result: dict[str, list[Scores]] = {
        "pairwise": [],
        "clusters": [],
        "automatic": [],
        "automatic people": [],
    }
    for threshold in thresholds:
        links = {(min(a, b), max(a, b)) for a, b, p, _ in pairs if p >= threshold}
        result["pairwise"].append(_score(threshold, links, true_pairs))
        clusters = _pairs(_components(truth, links))
        result["clusters"].append(_score(threshold, clusters, true_pairs))
        # What the services would link without review: the names must agree as well.
        automatic = {
            (min(a, b), max(a, b))
            for a, b, p, row in pairs
            if p >= threshold and names_agree(evidence(row, labels))
        }
        result["automatic"].append(_score(threshold, automatic, true_pairs))
        people = _pairs(_components(truth, automatic))
        result["automatic people"].append(_score(threshold, people, true_pairs))
    return result


def evaluate(
    records: list[LabelledRecord], thresholds: Iterable[float] = THRESHOLDS
) -> dict[str, list[Scores]]:
    """measure() on the synthetic generator's labelled records."""
    return measure(featured(records), {r.unique_id: r.person for r in records}, thresholds)
