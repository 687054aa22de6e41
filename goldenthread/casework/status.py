"""Dated status facts (housing, income, employment, insurance, identity documents) and the
value lists they take. Housing uses HMIS living-situation codes (3.917) so exports and
evaluations line up."""

from django.utils.translation import gettext_lazy as _

# HMIS 3.917 prior/current living situation (FY2024 and FY2026 identical), grouped by the
# leading digit: 1xx homeless, 2xx institutional, 3xx temporary, 4xx permanent.
HOUSING = {
    "116": _("Place not meant for habitation (street, vehicle, encampment)"),
    "101": _("Emergency shelter"),
    "118": _("Safe Haven"),
    "204": _("Psychiatric hospital or facility"),
    "205": _("Substance use treatment facility or detox"),
    "206": _("Hospital or other medical facility"),
    "207": _("Jail, prison or juvenile detention"),
    "215": _("Foster care or group home"),
    "225": _("Long-term care or nursing home"),
    "302": _("Transitional housing"),
    "314": _("Hotel or motel paid without an emergency shelter voucher"),
    "329": _("Residential project or halfway house"),
    "332": _("Host Home (non-crisis)"),
    "335": _("Staying in a family member's home"),
    "336": _("Staying in a friend's home"),
    "410": _("Rental, no ongoing subsidy"),
    "411": _("Owned, no ongoing subsidy"),
    "421": _("Owned, with ongoing subsidy"),
    "435": _("Rental, with ongoing housing subsidy"),
    "8": _("Client doesn't know"),
    "9": _("Client prefers not to answer"),
    "99": _("Data not collected"),
}
INCOME = {
    "none": _("No income"),
    "benefits": _("Benefits only"),
    "earned": _("Earned income only"),
    "earned_and_benefits": _("Earned income and benefits"),
}
EMPLOYMENT = {
    "not_working": _("Not working"),
    "informal": _("Informal or day work"),
    "training": _("In training or education"),
    "part_time": _("Part-time job"),
    "full_time": _("Full-time job"),
}
INSURANCE = {
    "none": _("No health insurance"),
    "medicaid": _("Medicaid"),
    "medicare": _("Medicare"),
    "private": _("Private insurance"),
    "other": _("Other coverage"),
}
# Identity documents, each one held or not on a date: without them there is no housing
# application, no benefits and no job.
DOCUMENT = {
    "held": _("Has it"),
    "applied": _("Applied for"),
    "not_held": _("Does not have it"),
}
VALUES = {
    "housing": HOUSING,
    "income": INCOME,
    "employment": EMPLOYMENT,
    "insurance": INSURANCE,
    "photo_id": DOCUMENT,
    "birth_certificate": DOCUMENT,
    "social_security_card": DOCUMENT,
}
