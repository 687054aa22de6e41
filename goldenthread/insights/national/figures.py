"""The national figures, per site and quarter, computed two ways that must agree: by DuckDB
over the snapshot (what the national page reads: fast over every site's years of records)
and by the ORM over the operational database (the reference the snapshot is checked
against). docs/benchmarks.md records how the two compare."""

from collections import defaultdict
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb
from django.db.models import Count, Q, QuerySet
from django.db.models.functions import ExtractQuarter, ExtractYear
from django.utils.translation import gettext_lazy as _

from goldenthread.casework.models import Contact, ContactMode, PlaceType
from goldenthread.insights.periods import Quarter
from goldenthread.legal.models import LegalMatter, MatterKind
from goldenthread.organizations.models import Site
from goldenthread.referrals.models import Referral


@dataclass
class SiteQuarter:
    contacts: int = 0
    substantive_contacts: int = 0
    people_contacted: int = 0
    field_contacts: int = 0
    in_person_contacts: int = 0
    bookings: int = 0
    people_booked: int = 0
    referrals: int = 0
    enrollments: int = 0


FIGURES = tuple(f.name for f in fields(SiteQuarter))
LABELS = (
    _("Contacts"),
    _("Substantive contacts"),
    _("People contacted"),
    _("In-person contacts in the field"),
    _("In-person contacts"),
    _("Bookings"),
    _("People booked"),
    _("Referrals"),
    _("Enrollments"),
)
# (site id, quarter as text) -> figures
Table = dict[tuple[int, str], SiteQuarter]

CONTACTS_SQL = """
SELECT site_id, year(occurred_on), quarter(occurred_on),
       count(*), count(*) FILTER (WHERE substantive), count(DISTINCT person_key),
       count(*) FILTER (WHERE in_person AND in_field), count(*) FILTER (WHERE in_person)
FROM read_parquet(?) WHERE occurred_on BETWEEN ? AND ? GROUP BY ALL
"""
BOOKINGS_SQL = """
SELECT site_id, year(booked_on), quarter(booked_on), count(*), count(DISTINCT person_key)
FROM read_parquet(?) WHERE booked_on BETWEEN ? AND ? GROUP BY ALL
"""
REFERRALS_SQL = """
SELECT site_id, year(submitted_on), quarter(submitted_on), count(*)
FROM read_parquet(?) WHERE submitted_on BETWEEN ? AND ? GROUP BY ALL
"""
ENROLLMENTS_SQL = """
SELECT site_id, year(enrolled_on), quarter(enrolled_on), count(*)
FROM read_parquet(?) WHERE enrolled_on BETWEEN ? AND ? GROUP BY ALL
"""
# Each query, its file, and the figures its columns after (site, year, quarter) fill.
QUERIES = (
    (
        CONTACTS_SQL,
        "contacts",
        (
            "contacts",
            "substantive_contacts",
            "people_contacted",
            "field_contacts",
            "in_person_contacts",
        ),
    ),
    (BOOKINGS_SQL, "bookings", ("bookings", "people_booked")),
    (REFERRALS_SQL, "referrals", ("referrals",)),
    (ENROLLMENTS_SQL, "referrals", ("enrollments",)),
)


def _fill(table: Table, rows: list[tuple[int, ...]], names: tuple[str, ...]) -> None:
    for site_id, year, number, *values in rows:
        figures = table.setdefault((site_id, str(Quarter(year, number))), SiteQuarter())
        for name, value in zip(names, values, strict=True):
            setattr(figures, name, value)


def from_snapshot(
    folder: Path, first: Quarter, last: Quarter, db: duckdb.DuckDBPyConnection | None = None
) -> Table:
    """Every site's figures for the quarters first..last, by DuckDB over the parquet."""
    if db is None:
        with duckdb.connect() as own:
            return from_snapshot(folder, first, last, own)
    table: Table = {}
    for sql, file, names in QUERIES:
        rows = db.execute(
            sql, [str(folder / f"{file}.parquet"), first.first_day, last.last_day]
        ).fetchall()
        _fill(table, rows, names)
    return table


def site_names(folder: Path, db: duckdb.DuckDBPyConnection) -> dict[int, str]:
    rows = db.execute(
        "SELECT site_id, name FROM read_parquet(?)", [str(folder / "sites.parquet")]
    ).fetchall()
    return dict(rows)


def _quarterly(
    rows: "QuerySet[Any]", moment: str, zone: ZoneInfo, **counts: Count
) -> list[tuple[Any, ...]]:
    """Counts per calendar quarter of `moment` on the site's clock: (year, quarter, *counts)."""
    grouped = rows.annotate(
        y=ExtractYear(moment, tzinfo=zone), q=ExtractQuarter(moment, tzinfo=zone)
    ).values("y", "q")
    return list(grouped.annotate(**counts).values_list("y", "q", *counts))


def from_database(first: Quarter, last: Quarter) -> Table:
    """The same figures by the ORM, each site on its own clock."""
    table: Table = {}
    in_person = Q(mode=ContactMode.IN_PERSON)
    for site in Site.objects.order_by("pk"):
        start, end = first.bounds(site.zone)[0], last.bounds(site.zone)[1]
        contacts = Contact.objects.filter(
            person__site=site, person__merged_into=None, occurred_at__gte=start, occurred_at__lt=end
        )
        bookings = LegalMatter.objects.filter(
            site=site,
            kind=MatterKind.BOOKING,
            person__merged_into=None,
            booked_at__gte=start,
            booked_at__lt=end,
        )
        referrals = Referral.objects.filter(site=site, person__merged_into=None)
        for rows, names in (
            (
                _quarterly(
                    contacts,
                    "occurred_at",
                    site.zone,
                    n=Count("pk"),
                    substantive=Count("pk", filter=Q(substantive=True)),
                    people=Count("person_id", distinct=True),
                    in_field=Count("pk", filter=in_person & ~Q(place=PlaceType.OFFICE)),
                    in_person=Count("pk", filter=in_person),
                ),
                QUERIES[0][2],
            ),
            (
                _quarterly(
                    bookings,
                    "booked_at",
                    site.zone,
                    n=Count("pk"),
                    people=Count("person_id", distinct=True),
                ),
                QUERIES[1][2],
            ),
            (
                _quarterly(
                    referrals.filter(submitted_at__gte=start, submitted_at__lt=end),
                    "submitted_at",
                    site.zone,
                    n=Count("pk"),
                ),
                QUERIES[2][2],
            ),
            (
                _quarterly(
                    referrals.filter(intake_completed_at__gte=start, intake_completed_at__lt=end),
                    "intake_completed_at",
                    site.zone,
                    n=Count("pk"),
                ),
                QUERIES[3][2],
            ),
        ):
            _fill(table, [(site.pk, *row) for row in rows], names)
    return table


def totals(table: Table) -> dict[str, dict[str, int]]:
    """Per quarter, every site's figures summed (people are counted per site)."""
    summed: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(FIGURES, 0))
    for (_site, quarter), figures in table.items():
        for name in FIGURES:
            summed[quarter][name] += getattr(figures, name)
    return dict(summed)
