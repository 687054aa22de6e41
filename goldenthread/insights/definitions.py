"""Every figure Golden Thread reports, with the definition it is computed by. Pages show
the definition beside the figure, docs/insights.md restates them, and a test checks that
every figure a page or an export shows has one here."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Definition:
    key: str
    label: Promise
    text: Promise


DEFINITIONS = {
    d.key: d
    for d in [
        # Operational figures (site, area, quarter).
        Definition(
            "referrals_received",
            _("Referrals received"),
            _("Referrals submitted during the quarter, through any door, counted by door."),
        ),
        Definition(
            "approvals",
            _("Approvals"),
            _("Referrals moved to approved during the quarter."),
        ),
        Definition(
            "enrolled_at_end",
            _("Enrolled at quarter end"),
            _(
                "People whose intake was completed on an enrolled referral by the quarter's "
                "last day and whose engagement status that day was not closed."
            ),
        ),
        Definition(
            "substantive_contacts",
            _("Substantive contacts"),
            _("Contacts during the quarter marked substantive (working on needs and goals)."),
        ),
        Definition(
            "contacts_per_participant_month",
            _("Substantive contacts per participant-month"),
            _(
                "Substantive contacts with enrolled people during the quarter, divided by "
                "participant-months: the people enrolled at the end of each of its three "
                "months, summed."
            ),
        ),
        Definition(
            "days_to_first_contact",
            _("Days from referral to first contact (median)"),
            _(
                "For referrals received during the quarter that have been followed by a "
                "contact, the median of the days from submission to the first contact."
            ),
        ),
        Definition(
            "intake_in_window",
            _("Arrest diversions with intake inside the window"),
            _(
                "Of arrest diversions whose intake was due during the quarter, the share "
                "whose intake was completed by the due time."
            ),
        ),
        Definition(
            "caseload_per_case_manager",
            _("Caseload per case manager"),
            _(
                "People enrolled at quarter end per case manager they are assigned to now: "
                "the mean and the largest."
            ),
        ),
        Definition(
            "in_the_wind_share",
            _("Share in the wind"),
            _(
                "Of people enrolled at quarter end, the share whose status that day was in the wind."
            ),
        ),
        # Equity funnel stages (a cohort: encounters, or referrals submitted, in the quarter).
        Definition(
            "eligible_encounters",
            _("Eligible encounters"),
            _(
                "Encounters in the police records export during the quarter whose offense "
                "code the site's rules in force that day make eligible, in the program area, "
                "for a person of the minimum age."
            ),
        ),
        Definition(
            "police_referred",
            _("Referred by police"),
            _(
                "Arrest-diversion and social-contact referrals submitted during the quarter. "
                "Its index is measured against eligible encounters."
            ),
        ),
        Definition(
            "referred",
            _("Referred"),
            _("Referrals submitted during the quarter through any door."),
        ),
        Definition(
            "approved",
            _("Approved"),
            _("Of those referrals, the ones approved (at any time since)."),
        ),
        Definition(
            "enrolled",
            _("Enrolled"),
            _("Of those referrals, the ones whose intake was completed and enrolled the person."),
        ),
        Definition(
            "engaged_90",
            _("Engaged at 90 days"),
            _(
                "Of those enrolled at least 90 days ago, the ones with a substantive contact "
                "in the 30 days that end 90 days after intake."
            ),
        ),
        Definition(
            "relative_rate_index",
            _("Relative Rate Index"),
            _(
                "A group's rate at a stage (its count over its count at the stage that feeds "
                "it) divided by the same rate for White alone, with a 95 percent interval "
                "exp(ln RRI ± 1.96·√(1/a - 1/n + 1/c - 1/m)). Shown only when the group has "
                "at least 30 at the feeding stage and 5 at the stage."
            ),
        ),
        Definition(
            "missed_diversion_rate",
            _("Missed-diversion rate"),
            _(
                "Bookings during the quarter of people never referred, for conduct eligible "
                "on the booking day in the program area, as a share of those bookings plus "
                "the police referrals of the quarter."
            ),
        ),
    ]
}


def definition(key: str) -> Definition:
    return DEFINITIONS[key]
