"""Our values in HUD HMIS codes (FY2026 lists), each mapping in one place. docs/hmis.md
sets them out for the continuum's HMIS lead."""

from goldenthread.casework.status import HOUSING
from goldenthread.lodging.models import ExitHousing
from goldenthread.people.models import RaceEthnicity, Sex

# Shared lists 1.7, 1.8 and 1.10.
NO, YES = 0, 1
NOT_COLLECTED = 99

# Export.csv (lists 1.9, 1.1, 1.2, 1.5).
SOURCE_STANDALONE = 2  # an agency's own application, not the continuum's HMIS
PERIOD_REPORTING = 3
DIRECTIVE_FULL_REFRESH = 2
HASH_UNHASHED = 1
HASH_SHA256_SOUNDEX = 4

# Project.csv (lists 2.02.6, 2.02.D, 2.02.7) and Funder.csv (2.06.1).
PROJECT_SERVICES_ONLY = 6  # LEAD case management: no beds of its own
PROJECT_EMERGENCY_SHELTER_NIGHTLY = 1  # a lodging place, counted night by night
HOUSING_SITE_BASED_SINGLE = 1
TARGET_NOT_APPLICABLE = 4
FUNDER_LOCAL_OR_OTHER = 46

# Inventory.csv (2.07.4, 2.07.5, 2.07.6).
HOUSEHOLDS_WITHOUT_CHILDREN = 1
YEAR_ROUND = 1
BEDS_FACILITY_BASED = 1

# Enrollment.csv and its follow-on records (3.15.1, 5.03.1, 1.4, 4.14).
SELF_HEAD_OF_HOUSEHOLD = 1
STAGE_ENTRY = 1
STAGE_EXIT = 3
RECORD_BED_NIGHT = 200
TYPE_BED_NIGHT = 200

# Client.csv 3.04: one 0/1 column per answer; the three that say no answer was given go
# to RaceNone (list 1.6), and only when no other answer is chosen.
RACE_COLUMNS = {
    RaceEthnicity.AMERICAN_INDIAN: "AmIndAKNative",
    RaceEthnicity.ASIAN: "Asian",
    RaceEthnicity.BLACK: "BlackAfAmerican",
    RaceEthnicity.HISPANIC: "HispanicLatinao",
    RaceEthnicity.MIDDLE_EASTERN: "MidEastNAfrican",
    RaceEthnicity.PACIFIC_ISLANDER: "NativeHIPacific",
    RaceEthnicity.WHITE: "White",
}
RACE_NONE = {
    RaceEthnicity.DOES_NOT_KNOW: 8,
    RaceEthnicity.PREFERS_NOT: 9,
    RaceEthnicity.NOT_COLLECTED: NOT_COLLECTED,
}
# 4.21 Sex (FY2026): 0 Female, 1 Male; not known is not collected.
SEX: dict[str, int] = {Sex.FEMALE: 0, Sex.MALE: 1}
# 3.01.5 and 3.03.2.
NAME_FULL, NAME_PARTIAL = 1, 2
DOB_FULL = 1

# 3.12 Destination. Housing statuses are kept in 3.917 living-situation codes, which 3.12
# shares except for the homes of family and friends: 3.12 asks the tenure, a status does
# not record it, so they go as temporary tenure.
_DESTINATION_OF_SITUATION = {"335": 312, "336": 313}
DECEASED = 24
OTHER_DESTINATION = 17
# A stay's own answer at check-out, when no housing status says more.
_DESTINATION_OF_EXIT_HOUSING: dict[str, tuple[int, str]] = {
    ExitHousing.PERMANENT: (OTHER_DESTINATION, "Permanent housing, type not recorded"),
    ExitHousing.RETURNED: (OTHER_DESTINATION, "Returned to homelessness, place not recorded"),
    ExitHousing.OTHER: (OTHER_DESTINATION, "Other"),
}


def living_situation(code: str | None) -> int:
    """A housing status (3.917) as a prior or current living situation."""
    return int(code) if code in HOUSING else NOT_COLLECTED


def destination(code: str | None) -> int:
    """A housing status (3.917) as an exit destination (3.12)."""
    if code not in HOUSING:
        return NOT_COLLECTED
    return _DESTINATION_OF_SITUATION.get(code, int(code))


def destination_of_exit_housing(answer: str) -> tuple[int, str | None]:
    """(Destination, OtherDestination) from a stay's coarse answer at check-out."""
    known = _DESTINATION_OF_EXIT_HOUSING.get(answer)
    return known if known else (NOT_COLLECTED, None)


# 4.02 Income: the yes/no source columns, and which of them each income status answers.
# "Benefits" does not say which benefit, so it goes as another source, named as such.
INCOME_SOURCE_COLUMNS = (
    "Earned",
    "Unemployment",
    "SSI",
    "SSDI",
    "VADisabilityService",
    "VADisabilityNonService",
    "PrivateDisability",
    "WorkersComp",
    "TANF",
    "GA",
    "SocSecRetirement",
    "Pension",
    "ChildSupport",
    "Alimony",
    "OtherIncomeSource",
)
INCOME_SOURCES = {
    "none": (),
    "benefits": ("OtherIncomeSource",),
    "earned": ("Earned",),
    "earned_and_benefits": ("Earned", "OtherIncomeSource"),
}
BENEFITS_NOT_NAMED = "Benefits, source not recorded"
# 4.04 Health insurance: the yes/no source columns, and the one each kind of cover answers.
INSURANCE_SOURCE_COLUMNS = (
    "Medicaid",
    "Medicare",
    "SCHIP",
    "VHAServices",
    "EmployerProvided",
    "COBRA",
    "PrivatePay",
    "StateHealthIns",
    "IndianHealthServices",
    "OtherInsurance",
)
INSURANCE_SOURCES = {
    "none": (),
    "medicaid": ("Medicaid",),
    "medicare": ("Medicare",),
    "private": ("PrivatePay",),
    "other": ("OtherInsurance",),
}
