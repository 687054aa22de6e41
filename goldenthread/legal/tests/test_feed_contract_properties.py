"""Whatever a jail, court or warrant system sends, reading a row either gives a row the
database can keep or refuses it with a reason: never another error. Hypothesis sends
Unicode, control characters, huge values and every offset ISO 8601 allows."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from goldenthread.legal.feeds.contract import CONTRACTS, FeedRow, Reading, RowError
from goldenthread.text import CONTROL

READING = Reading(
    zone=ZoneInfo("America/Los_Angeles"),
    now=datetime(2026, 11, 29, 12, tzinfo=UTC),
    default_jurisdiction="Cascade County",
)
# What PostgreSQL keeps: offsets within 15:59 of UTC, years 1 to 9999.
KEPT_OFFSET = timedelta(hours=15, minutes=59)

moments = st.builds(
    lambda moment, minutes: (
        moment.isoformat()[:16]
        + f"{'+' if minutes >= 0 else '-'}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"
    ),
    st.datetimes(min_value=datetime(1, 1, 2), max_value=datetime(9999, 12, 30)),
    st.integers(min_value=-(24 * 60 - 1), max_value=24 * 60 - 1),
)
values = st.one_of(
    st.text(max_size=300),
    moments,
    st.dates().map(str),
    st.sampled_from(["", " ", "9A.56.050:misdemeanor", "x:felony;y:infraction", "\x00", "=1+1"]),
)


# A row each contract reads; the test sends it with one to three columns replaced.
VALID = {
    "booking_number": "B-26-40117",
    "case_number": "26-1-01234-5",
    "warrant_number": "W-26-118",
    "jurisdiction": "Cascade County Superior Court",
    "last_name": "Bell",
    "first_name": "Marcus",
    "date_of_birth": "1984-03-02",
    "sex": "male",
    "state_id": "",
    "booked_at": "2026-11-28 22:15",
    "released_at": "",
    "charges": "9A.56.050:misdemeanor",
    "facility": "Cascade County Jail",
    "area": "Downtown",
    "incident_date": "2026-11-01",
    "filed_date": "2026-11-03",
    "issued_date": "2026-11-05",
    "hearing_at": "2026-12-10T09:00",
    "hearing": "arraignment",
    "location": "Courtroom 3",
    "disposition": "",
    "disposition_date": "",
    "status": "active",
}


def _moments_of(row: FeedRow) -> list[datetime]:
    found = [v for v in row.values.values() if isinstance(v, datetime)]
    return found + ([row.hearing.at] if row.hearing else [])


@settings(max_examples=150, deadline=None)
@given(kind=st.sampled_from(sorted(CONTRACTS)), data=st.data())
def test_a_row_is_read_or_refused_with_a_reason(kind, data):
    contract = CONTRACTS[kind]
    row = {column: VALID[column] for column in contract.columns}
    changed = data.draw(
        st.lists(st.sampled_from(contract.columns), min_size=1, max_size=3, unique=True)
    )
    for column in changed:
        row[column] = data.draw(moments if column.endswith("_at") else values, label=column)
    try:
        read = contract.read(row, READING)
    except RowError as refused:
        assert str(refused)
        return
    for moment in _moments_of(read):
        offset = moment.utcoffset()
        assert offset is not None and abs(offset) <= KEPT_OFFSET, moment
    for text in (read.first_name, read.last_name, read.number, read.jurisdiction):
        assert not CONTROL.search(text) and len(text) <= 200
