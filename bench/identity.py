"""Identity resolution at scale: a batch of 1,000 incoming records matched against an index
of 1,000,000 people, end to end (features, one predict_between, the best person for each)
against a bare Splink predict_between on the same data in the same run; and one record at a
time, as a pushed booking or an officer's lookup brings it, scored by the warm index and by
a bare predict_between."""

import multiprocessing
import random
import resource
import statistics
import time
from typing import Any

import pyarrow as pa

from goldenthread.identity.evaluation import featured
from goldenthread.identity.linkage.features import as_table, features
from goldenthread.identity.linkage.index import WarmIndex
from goldenthread.identity.linkage.model import term_frequencies, train
from goldenthread.identity.linkage.rebuild import clusters
from goldenthread.identity.matching import best_candidates, level_labels
from goldenthread.identity.synthetic import LabelledRecord, _people, _record, labelled_records

INDEX_PEOPLE = 1_000_000
BATCH = 1_000
ROUNDS = 5
SINGLES = 20
REBUILD_PEOPLE = 455_000  # about 1,000,000 records
REBUILD_SLICE = 50_000


def _featured(record: LabelledRecord) -> dict[str, Any]:
    return features(
        record.unique_id,
        first_name=record.first_name,
        last_name=record.last_name,
        dob=record.dob,
        sex=record.sex,
        area=record.area,
        state_id=record.state_id,
    )


def dataset(people: int, seed: int = 5) -> tuple[list[LabelledRecord], list[list[LabelledRecord]]]:
    """One record per person for the index; batches of incoming records, nine in ten of
    people already indexed (as another source would describe them), one in ten new."""
    rng = random.Random(f"bench-identity:{seed}")
    population = _people(rng, people + BATCH * ROUNDS)
    index = [_record(rng, person, n) for n, person in enumerate(population[:people])]
    batches = []
    for round_number in range(ROUNDS):
        batch = []
        for n in range(BATCH):
            known = rng.random() < 0.9
            person = (
                population[rng.randrange(people)]
                if known
                else population[people + round_number * BATCH + n]
            )
            batch.append(_record(rng, person, -(round_number * BATCH + n + 1)))
        batches.append(batch)
    return index, batches


def measure(people: int = INDEX_PEOPLE) -> dict[str, Any]:
    started = time.perf_counter()
    index_records, batches = dataset(people)
    rows = [_featured(r) for r in index_records]
    prepared = time.perf_counter() - started
    started = time.perf_counter()
    # The model is trained as a site's would be, on records with their duplicates (the
    # index here holds one record per person, from which nothing about matches can be
    # learnt); name frequencies come from the index itself.
    model = train(featured(labelled_records(50_000, seed=7)))
    frequencies = term_frequencies(rows)
    trained = time.perf_counter() - started
    started = time.perf_counter()
    warm = WarmIndex(model, frequencies, rows)
    loaded = time.perf_counter() - started
    owners = {r.unique_id: r.person for r in index_records}
    labels = level_labels(model)
    ours, bare, found = [], [], []
    for batch in batches:
        started = time.perf_counter()
        incoming = [_featured(r) for r in batch]
        scored = warm.score(incoming, at_least=0.5)
        best = best_candidates(scored, owners, labels)
        ours.append(time.perf_counter() - started)
        found.append(len(best))
        featured_batch = [_featured(r) for r in batch]
        started = time.perf_counter()
        new = warm.db_api.register(as_table(featured_batch))
        warm.linker.inference.predict_between(
            warm.registered, new, threshold_match_probability=0.5
        ).as_record_list()
        bare.append(time.perf_counter() - started)
    one, bare_one = [], []
    for record in batches[-1][:SINGLES]:
        started = time.perf_counter()
        warm.score([_featured(record)], at_least=0.5)
        one.append(time.perf_counter() - started)
        started = time.perf_counter()
        new = warm.db_api.register(as_table([_featured(record)]))
        warm.linker.inference.predict_between(
            warm.registered, new, threshold_match_probability=0.5
        ).as_record_list()
        bare_one.append(time.perf_counter() - started)
    return {
        "people": people,
        "prepare_s": prepared,
        "train_s": trained,
        "load_s": loaded,
        "ours_median_s": statistics.median(ours),
        "ours_max_s": max(ours),
        "bare_median_s": statistics.median(bare),
        "found": statistics.median(found),
        "one_median_s": statistics.median(one),
        "one_max_s": max(one),
        "bare_one_median_s": statistics.median(bare_one),
    }


def rebuild_alone(people: int) -> dict[str, Any]:
    """rebuild() in a process of its own, with that process's peak resident memory."""
    context = multiprocessing.get_context("spawn")
    with context.Pool(1) as pool:
        result: dict[str, Any] = pool.apply(rebuild, (people,))
    # Linux reports the largest child's peak in KiB.
    result["peak_gb"] = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024**2
    return result


def rebuild(people: int) -> dict[str, Any]:
    """Deduplicating a whole site of `people` people's records (about 2.2 records each):
    featuring, one predict over every blocked pair, and clustering at 0.99."""
    records = labelled_records(people, seed=13)
    people_true = len({r.person for r in records})
    model = train(featured(labelled_records(50_000, seed=7)))
    started = time.perf_counter()
    # Featured a slice at a time into one table, so the records' Python objects never all
    # exist twice.
    table = pa.concat_tables(
        as_table(featured(records[start : start + REBUILD_SLICE]))
        for start in range(0, len(records), REBUILD_SLICE)
    )
    count = len(records)
    del records
    found = clusters(model, term_frequencies(table), table, threshold=0.99)
    return {
        "records": count,
        "seconds": time.perf_counter() - started,
        "people_found": len(set(found.values())),
        "people_true": people_true,
    }
