"""Record linkage: the features records are compared on, the blocking that lets a nickname
with a swapped date meet its twin, refusing to link on too little evidence, and the
evaluation's arithmetic."""

from dataclasses import replace
from datetime import date
from typing import Any

import pytest
from django.test import SimpleTestCase

from goldenthread.identity.evaluation import _components, _pairs, _score, evaluate, featured
from goldenthread.identity.linkage.features import (
    as_table,
    dob_keys,
    features,
    nickname_key,
    plain,
    related,
)
from goldenthread.identity.linkage.index import ONE_THREAD_UP_TO, WarmIndex
from goldenthread.identity.linkage.model import (
    ASSUMED_RECALL,
    exact_rule_recall,
    linker_for,
    term_frequencies,
    train,
)
from goldenthread.identity.matching import (
    MISSPELT_NICKNAME,
    evidence,
    level_labels,
    names_agree,
)
from goldenthread.identity.synthetic import labelled_records
from goldenthread.organizations.models import Site

# DuckDB and the test's own records only: the same on either database engine.
pytestmark = pytest.mark.engine_independent

# Ids far above the generator's, for the hand-made records.
WILLIAM, BILL, JJ, CYRILLIC = 900_001, 900_002, 900_003, 900_004


class FeatureTests(SimpleTestCase):
    def test_names_are_compared_plain_and_with_the_names_a_nickname_relates_to(self):
        self.assertEqual(plain("  José  DE la Cruz-Ortíz "), "jose de la cruzortiz")
        self.assertEqual({nickname_key(n) for n in ("bill", "billy", "william")}, {"bill"})
        self.assertIn("william", related("bill"))
        self.assertNotIn("robert", related("william"))
        self.assertEqual(related("zorblax"), ("zorblax",))

    def test_the_table_gives_each_record_the_names_its_first_name_relates_to(self):
        rows = [
            features(1, first_name="Bill", last_name="Ash", dob=None),
            features(2, first_name="Zorblax", last_name="Ash", dob=None),
            features(3, first_name=None, last_name="Ash", dob=None),
            features(4, first_name="BILL", last_name="Oak", dob=None),
        ]
        related_names = as_table(rows)["first_related"].to_pylist()
        self.assertIn("william", related_names[0])
        self.assertEqual(related_names[1:3], [["zorblax"], []])
        self.assertEqual(related_names[3], related_names[0])

    def test_a_day_and_month_swap_keeps_the_unordered_key(self):
        self.assertEqual(dob_keys(date(1980, 3, 4))[2], dob_keys(date(1980, 4, 3))[2])
        self.assertNotEqual(dob_keys(date(1980, 3, 4))[0], dob_keys(date(1980, 4, 3))[0])

    def test_unreadable_or_endless_names_count_as_missing_or_are_cut(self):
        self.assertIsNone(plain("Дмитрий"))
        self.assertIsNone(plain("<>!!"))
        self.assertEqual(len(plain("a" * 5000) or ""), 60)


def _evidence(**levels: str) -> list[dict[str, Any]]:
    return [{"attribute": name, "level": level, "weight": 0.0} for name, level in levels.items()]


class NamesRuleTests(SimpleTestCase):
    def test_twins_who_share_all_but_a_first_name_never_link_on_their_own(self):
        twins = _evidence(first_name="different", last_name="the same", dob="the same")
        self.assertFalse(names_agree(twins))

    def test_a_changed_surname_links_only_when_the_birth_date_or_state_id_vouches(self):
        married = {"first_name": "the same", "last_name": "different"}
        self.assertTrue(names_agree(_evidence(**married, dob="the same")))
        self.assertTrue(names_agree(_evidence(**married, dob="missing", state_id="the same")))
        self.assertFalse(names_agree(_evidence(**married, dob="within a year")))
        self.assertFalse(names_agree(_evidence(**married, dob="missing", state_id="missing")))

    def test_a_misspelt_nickname_counts_as_the_first_names_agreeing(self):
        self.assertTrue(
            names_agree(_evidence(first_name=MISSPELT_NICKNAME, last_name="a typo", dob="missing"))
        )


class TrainedModel(SimpleTestCase):
    model: dict[str, Any]
    frequencies: dict[str, dict[str, float]]

    @classmethod
    def setUpClass(cls) -> None:
        super().setUpClass()
        rows = featured(labelled_records(1500, seed=3))
        cls.model, cls.frequencies = train(rows), term_frequencies(rows)


class MatchingTests(TrainedModel):
    def score(self, index: list[dict[str, Any]], incoming: list[dict[str, Any]]) -> dict:
        linker, registered = linker_for(self.model, self.frequencies, index)
        new = linker._db_api.register(as_table(incoming))
        scored = linker.inference.predict_between(registered, new).as_record_list()
        return {
            (row["unique_id_l"], row["unique_id_r"]): row["match_probability"] for row in scored
        }

    def index(self) -> list[dict[str, Any]]:
        rows = featured(labelled_records(300, seed=5))
        rows.append(
            features(
                WILLIAM,
                first_name="William",
                last_name="Johnson",
                dob=date(1980, 3, 4),
                sex="male",
                area="downtown",
            )
        )
        return rows

    def test_a_nickname_with_a_misspelling_and_a_swapped_date_meets_its_twin(self):
        incoming = features(
            BILL, first_name="Bill", last_name="Jonson", dob=date(1980, 4, 3), sex="male"
        )
        scores = self.score(self.index(), [incoming])
        self.assertGreater(scores.get((WILLIAM, BILL), 0), 0.8)

    def test_the_evidence_names_a_misspelt_nickname(self):
        born = date(1980, 3, 4)
        tony = features(BILL, first_name="Touy", last_name="Johnson", dob=born, sex="male")
        anthony = features(WILLIAM, first_name="Anthony", last_name="Jonson", dob=born, sex="male")
        linker, registered = linker_for(self.model, self.frequencies, [anthony])
        new = linker._db_api.register(as_table([tony]))
        (row,) = linker.inference.predict_between(registered, new).as_record_list()
        levels = {e["attribute"]: e["level"] for e in evidence(row, level_labels(self.model))}
        self.assertEqual(levels["first_name"], MISSPELT_NICKNAME)

    def test_too_little_evidence_is_never_a_confident_link(self):
        only_first = features(JJ, first_name="William", last_name=None, dob=None)
        cyrillic = features(
            CYRILLIC, first_name="Уильям", last_name="Джонсон", dob=date(1980, 3, 4)
        )
        scores = self.score(self.index(), [only_first, cyrillic])
        self.assertFalse([pair for pair, p in scores.items() if pair[1] == JJ])
        self.assertLess(
            max((p for pair, p in scores.items() if pair[1] == CYRILLIC), default=0), 0.99
        )


class WarmIndexTests(TrainedModel):
    """The warm index runs Splink's SQL itself once two calls agree on it: what it finds
    must be what Splink finds, batch after batch, at each threshold, as records arrive."""

    def splink(self, index: list[dict[str, Any]], incoming: list[dict[str, Any]], at: float):
        linker, registered = linker_for(self.model, self.frequencies, index)
        new = linker._db_api.register(as_table(incoming))
        return linker.inference.predict_between(
            registered, new, threshold_match_probability=at
        ).as_record_list()

    def test_replayed_scoring_finds_exactly_what_splink_finds(self):
        # Alternate records to each side, so that many arrivals are someone indexed.
        records = featured(labelled_records(300, seed=11))
        index, arriving = records[::2], records[1::2]
        warm = WarmIndex(self.model, self.frequencies, index)
        batches = [
            arriving[n : n + size]
            for n, size in zip(range(0, 120, 10), [1, 3, 10] * 4, strict=True)
        ]
        batches.append([features(-1, first_name="Zorblax", last_name="Quux", dob=None)])
        found = 0
        for at in (0.5, 0.05):
            for number, batch in enumerate(batches):
                with self.subTest(at=at, batch=number):
                    ours = _sorted(warm.score(batch, at_least=at))
                    self.assertEqual(ours, _sorted(self.splink(index, batch, at)))
                    found += len(ours)
        self.assertEqual(set(warm.compiled), {0.5, 0.05})
        self.assertGreater(found, len(batches))

    def test_records_added_after_compiling_are_found(self):
        people = featured(labelled_records(300, seed=13))
        warm = WarmIndex(self.model, self.frequencies, people[:200])
        for batch in (people[200:201], people[201:202]):
            warm.score(batch, at_least=0.5)
        self.assertIn(0.5, warm.compiled)
        arriving = people[250]
        twin = {**arriving, "unique_id": 999_999}
        before = {row["unique_id_l"] for row in warm.score([twin], at_least=0.5)}
        self.assertNotIn(arriving["unique_id"], before)
        warm.add([arriving])
        after = {row["unique_id_l"] for row in warm.score([twin], at_least=0.5)}
        self.assertIn(arriving["unique_id"], after)

    def test_a_pushed_record_is_scored_on_one_thread_and_an_import_on_every_core(self):
        records = featured(labelled_records(200, seed=17))
        warm = WarmIndex(self.model, self.frequencies, records[:100])

        def threads() -> int:
            setting = "SELECT current_setting('threads')"
            return int(warm.db_api.duckdb_con.execute(setting).fetchone()[0])  # type: ignore[index]

        every = threads()
        warm.score(records[100:101], at_least=0.5)
        self.assertEqual(threads(), 1)
        warm.score(records[100 : 101 + ONE_THREAD_UP_TO], at_least=0.5)
        self.assertEqual(threads(), every)


def _sorted(rows: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return sorted(
        (row["unique_id_l"], row["unique_id_r"], round(row["match_probability"], 12))
        for row in rows
    )


class EvaluationTests(SimpleTestCase):
    def test_clusters_join_pairs_and_scores_count_them(self):
        groups = _components([1, 2, 3, 4, 5], [(1, 2), (2, 3)])
        self.assertEqual(sorted(sorted(g) for g in groups), [[1, 2, 3], [4], [5]])
        found = _pairs(groups)
        truth = {(1, 2), (1, 3), (2, 3), (4, 5)}
        score = _score(0.9, found, truth)
        self.assertEqual((score.precision, score.recall), (1.0, 0.75))
        self.assertAlmostEqual(score.f1, 6 / 7)

    def test_the_model_links_the_generators_people_well_at_the_default_thresholds(self):
        automatic_at = Site._meta.get_field("link_automatically_at").default
        result = evaluate(labelled_records(800, seed=9), thresholds=(0.8, automatic_at))
        clusters = {s.threshold: s for s in result["clusters"]}
        automatic = {s.threshold: s for s in result["automatic people"]}
        # Regression guards; docs/benchmarks.md has the figures on 5,000 people.
        self.assertGreater(clusters[0.8].f1, 0.95)
        self.assertGreaterEqual(automatic[automatic_at].precision, 0.99)
        self.assertGreaterEqual(automatic[automatic_at].recall, 0.95)

    def test_a_site_without_state_ids_keeps_every_comparison(self):
        records = [replace(r, state_id=None) for r in labelled_records(400, seed=5)]
        model = train(featured(records))
        names = [c["output_column_name"] for c in model["comparisons"]]
        self.assertEqual(names, ["first_name", "last_name", "dob", "state_id", "area", "sex"])

    def test_the_prior_comes_from_how_often_records_sharing_a_state_id_agree(self):
        def row(n: int, first: str, state_id: str) -> dict[str, Any]:
            return features(
                n, first_name=first, last_name="Quist", dob=date(1970, 1, 2), state_id=state_id
            )

        # 40 people with two records each under one state id; one in four spelt otherwise.
        rows = []
        for n in range(40):
            rows += [
                row(2 * n, "Ann", f"S{n}"),
                row(2 * n + 1, "Anne" if n % 4 else "Ann", f"S{n}"),
            ]
        self.assertEqual(exact_rule_recall(rows), 10 / 40)
        self.assertEqual(exact_rule_recall(rows[:20]), ASSUMED_RECALL)  # too few to tell
