"""Whatever a police records export or an evaluator's comparison file holds, an import
either refuses the whole file with a reason and writes nothing, or reads every row: each
taken, counted as a duplicate, or kept with its reason. Never another error. Hypothesis
sends Unicode, control characters, huge numbers, boundary dates, broken CSV and bytes that
are not UTF-8."""

import csv
import io
from datetime import date

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from goldenthread.eligibility.models import RuleSet
from goldenthread.insights.contracts import BASELINE_COLUMNS, COMPARISON_COLUMNS
from goldenthread.insights.models import ComparisonMember, DataImport, Encounter, RejectedRow
from goldenthread.insights.services import ImportRefused, baseline_import, comparison_import
from goldenthread.referrals.models import OffenseCode
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_hostile import anything
from goldenthread.text import CONTROL

VALID = {
    "record_id": "R-1",
    "date": "2026-01-15",
    "area": "Downtown",
    "offense_code": "69.50.4013",
    "race_ethnicity": "W;H",
    "sex": "F",
    "age": "34",
    "key": "CMP-0001",
    "entry_date": "2025-06-01",
    "prior_bookings": "2",
    "arrests_before": "1",
    "arrests_after": "0",
}
IMPORTS = {
    "baseline": (baseline_import, BASELINE_COLUMNS),
    "comparison": (comparison_import, COMPARISON_COLUMNS),
}


def as_csv(header: list[str], rows: list[list[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue().encode()


@st.composite
def files(draw: st.DrawFn, columns: tuple[str, ...]) -> bytes:
    """A file of valid rows with a few cells spoiled, or now and then bytes of any kind."""
    if draw(st.integers(0, 9)) == 0:
        return draw(st.binary(max_size=200) | st.text(max_size=200).map(str.encode))
    rows = []
    for _ in range(draw(st.integers(1, 6))):
        row = {column: VALID[column] for column in columns}
        for column in draw(st.sets(st.sampled_from(columns), max_size=3)):
            row[column] = draw(anything, label=column)
        rows.append([row[c] for c in columns])
    if draw(st.integers(0, 4)) == 0:  # a row with a cell too many or too few
        rows.append(rows[0] + ["extra"] if draw(st.booleans()) else rows[0][:-1])
    return as_csv(list(columns), rows)


class ImportPropertyTests(HypothesisTestCase, PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        OffenseCode.objects.create(site=cls.site, code="69.50.4013", category="drug_possession")
        RuleSet.objects.create(
            site=cls.site,
            version=1,
            effective_from=date(2020, 1, 1),
            eligible_conduct=["drug_possession"],
            created_by=cls.lucia,
        )

    @settings(
        max_examples=150,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(kind=st.sampled_from(sorted(IMPORTS)), data=st.data())
    def test_a_file_is_refused_whole_or_every_row_is_accounted_for(self, kind, data):
        run, columns = IMPORTS[kind]
        content = data.draw(files(columns), label="file")
        before = DataImport.objects.count()
        try:
            done = run(actor=self.lucia, site=self.site, name="export.csv", content=content)
        except ImportRefused as refused:
            event("refused whole")
            self.assertTrue(str(refused))
            self.assertEqual(DataImport.objects.count(), before)
            return
        event("read")
        self.assertEqual(done.rows_read, done.created + done.duplicates + done.rejected)
        reasons = RejectedRow.objects.filter(data_import=done).values_list("reason", flat=True)
        self.assertEqual(len(reasons), done.rejected)
        self.assertTrue(all(reason.strip() for reason in reasons))
        taken = (
            Encounter.objects.filter(data_import=done).values_list("area", "offense_code")
            if kind == "baseline"
            else ComparisonMember.objects.filter(data_import=done).values_list("key", "sex")
        )
        for values in taken:
            for text in values:
                self.assertFalse(CONTROL.search(text), text)
