"""FEBRL4 as a regression check: the site's model, trained without labels on the public
benchmark's 10,000 records, must keep finding the 5,000 true pairs."""

import pytest
from django.test import SimpleTestCase

from goldenthread.identity.evaluation import measure
from goldenthread.identity.febrl import febrl4

# DuckDB and the test's own records only: the same on either database engine.
pytestmark = pytest.mark.engine_independent


class Febrl4Tests(SimpleTestCase):
    def test_the_model_links_febrl4_with_f1_of_at_least_0_99(self):
        rows, truth = febrl4()
        self.assertEqual((len(rows), len(set(truth.values()))), (10_000, 5_000))
        [pairwise] = measure(rows, truth, thresholds=[0.9])["pairwise"]
        self.assertGreaterEqual(pairwise.f1, 0.99, pairwise)
        self.assertGreaterEqual(pairwise.precision, 0.99, pairwise)
