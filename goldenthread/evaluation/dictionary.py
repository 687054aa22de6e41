"""The extract's data dictionary: every column, what it means and the values it takes. It
is written into each extract beside the data, and docs/evaluation.md repeats it."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Column:
    name: str
    meaning: str
    values: str
    quasi_identifier: bool = False


AGE_BANDS = ("18-24", "25-34", "35-44", "45-54", "55-64", "65+")
HOUSING_GROUPS = ("homeless", "institutional", "temporary", "permanent", "unknown")

COLUMNS = (
    Column(
        "participant",
        "A key for the person, made with a secret drawn for this extract alone: it links "
        "the person's rows within the extract and to nothing else, not even the next extract.",
        "12 hexadecimal characters",
    ),
    Column(
        "entry_date",
        "The day intake was completed, shifted by the person's own random number of days.",
        "yyyy-mm-dd; each person's dates move together by the same 1 to 30 days, earlier or later",
    ),
    Column(
        "exit_date", "The day the case closed, shifted like entry_date.", "yyyy-mm-dd, or empty"
    ),
    Column(
        "days_enrolled",
        "Days from entry to exit, or to the day of the extract if still enrolled (not shifted).",
        "whole days",
    ),
    Column(
        "age_band",
        "Age at entry.",
        ", ".join(AGE_BANDS) + "; 'under 18'; 'unknown'; 'any' where generalized",
        quasi_identifier=True,
    ),
    Column("sex", "Sex.", "female, male, unknown; 'any' where generalized", quasi_identifier=True),
    Column(
        "race_ethnicity",
        "The person's own answer (SPD 15 categories); more than one answer is 'multiple'.",
        "american_indian, asian, black, hispanic, middle_eastern, pacific_islander, white, "
        "multiple, unknown; 'any' where generalized",
        quasi_identifier=True,
    ),
    Column(
        "area",
        "The program area of the referral that led to enrollment.",
        "the site's area names; 'other' for an area with fewer than k participants; 'any' "
        "where generalized",
        quasi_identifier=True,
    ),
    Column("door", "How the person was referred.", "arrest_diversion, social_contact, community"),
    Column("conduct", "The category of the conduct referred for.", "the site's conduct categories"),
    Column("contacts", "Contacts with or about the person while enrolled.", "count"),
    Column("substantive_contacts", "Of those, contacts in which goals were worked on.", "count"),
    Column(
        "housing_at_entry",
        "The person's living situation on the day of entry, grouped by its HMIS code.",
        ", ".join(HOUSING_GROUPS),
    ),
    Column(
        "housing_at_exit",
        "The living situation on the day of exit (or of the extract), grouped.",
        ", ".join(HOUSING_GROUPS),
    ),
    Column("bookings_year_before", "Jail bookings in the 365 days before entry.", "count"),
    Column("bookings_year_after", "Jail bookings in the 365 days after entry.", "count"),
)
QUASI_IDENTIFIERS = tuple(c.name for c in COLUMNS if c.quasi_identifier)
NAMES = tuple(c.name for c in COLUMNS)
