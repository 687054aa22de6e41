"""Hostile input for the property tests and the injection corpus: what a tired person, a
broken export or an attacker sends through a form, an import or the API."""

from datetime import date

from hypothesis import strategies as st

# Control characters, every plane of Unicode, text far past any field's limit.
hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.text(alphabet="\x00\x07\x1b\x7f\x85\x9f\r\n\t\u2028\u202e\ufeff", min_size=1, max_size=8),
    st.integers(min_value=200, max_value=20_000).map(lambda n: "x" * n),
)
# Dates where calendars and databases break: the ends of the calendar, the leap day,
# days that do not exist, and text that only looks like a date.
boundary_dates = st.one_of(
    st.dates().map(date.isoformat),
    st.sampled_from(
        [
            "0001-01-01",
            "9999-12-31",
            "1899-12-31",
            "1970-01-01",
            "2024-02-29",
            "2025-02-29",
            "2026-13-01",
            "2026-00-10",
            "02/30/2026",
            "2026-11-29T25:61",
            "9999-12-31T23:59",
            "0001-01-01T00:00",
            "now",
        ]
    ),
)
huge_numbers = st.one_of(
    st.integers().map(str),
    st.sampled_from(
        [
            "2147483648",
            "-2147483649",
            "9223372036854775808",
            "1e309",
            "NaN",
            "-0",
            "1_000",
            "²",
            "٣٤",
            "\uff11\uff12",
        ]
    ),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)
anything = st.one_of(hostile_text, boundary_dates, huge_numbers)

# The injection corpus: each entry is kept as text wherever it is typed, shown escaped,
# never run by the database, the browser, a spreadsheet or the file system.
SQL = ["'; DROP TABLE people_person; --", "1 OR 1=1", '" OR ""="', "%' OR '1'='1"]
SCRIPT = [
    "<script>alert('gt')</script>",
    '"><img src=x onerror=alert(1)>',
    "javascript:alert(1)",
    "{{ 7*7 }}{% debug %}",
]
FORMULA = [
    '=HYPERLINK("http://evil.example","x")',
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "=cmd|' /C calc'!A0",
]
PATH = ["../../etc/passwd", "..\\..\\windows\\win.ini", "/etc/shadow", "name\x00.csv"]
INJECTIONS = SQL + SCRIPT + FORMULA + PATH
