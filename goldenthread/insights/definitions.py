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
        # Fidelity to the core principles (site, area, quarter).
        Definition(
            "fidelity_caseloads",
            _("Case managers within the caseload limit"),
            _(
                "Of case managers with anyone enrolled at quarter end, the share with 25 or "
                "fewer. Target: all of them (the model's limit is 25 under any circumstances)."
            ),
        ),
        Definition(
            "fidelity_field_contacts",
            _("In-person contacts in the field"),
            _("Of in-person contacts during the quarter, the share anywhere but the office."),
        ),
        Definition(
            "fidelity_first_contact",
            _("Days to first contact"),
            _("The median days from referral to first contact, as in the operational figures."),
        ),
        Definition(
            "fidelity_work_group_cadence",
            _("Operational Work Group meetings held at cadence"),
            _(
                "Meetings held (minutes closed) during the quarter, against those each "
                "Operational Work Group's cadence calls for over the part of the quarter it "
                "existed and that has passed. Target: every one."
            ),
        ),
        Definition(
            "fidelity_closures",
            _("Closures for another reason"),
            _(
                "Cases closed during the quarter for a reason other than moving away, death "
                "or the person's own request, out of all closures. Nobody is closed for "
                "non-compliance, so the target is none; each one deserves a look."
            ),
        ),
        Definition(
            "fidelity_community_accepted",
            _("Community referrals accepted"),
            _(
                "Community-door referrals approved or declined during the quarter, the share approved."
            ),
        ),
        Definition(
            "fidelity_equity_band",
            _("Race and ethnicity indexes outside the band"),
            _(
                "Relative Rate Indexes by race and ethnicity, at any stage of the quarter's "
                "funnel, outside the PCG's band with an interval that excludes 1. Target: none."
            ),
        ),
        # Outcome evaluation (the whole site or one area, since it began).
        Definition(
            "legal_before_after",
            _("Legal-system use before and after entry"),
            _(
                "For participants enrolled at least 6, 12 or 24 months ago: arrests (bookings "
                "and citations), bookings, charges filed by level, and days in custody, dated "
                "by the incident, in the same number of months before their intake and after "
                "it. Warrants are not counted as conduct."
            ),
        ),
        Definition(
            "legal_cost",
            _("Legal-system cost per person"),
            _(
                "Bookings, custody days and cases (each costed at its most serious charge) "
                "at the site's unit costs, per participant in the window."
            ),
        ),
        Definition(
            "program_cost_per_year",
            _("Program cost per participant-year"),
            _("Twelve times the site's program cost per participant-month."),
        ),
        Definition(
            "monthly_outcomes",
            _("Housing, income and work by month"),
            _(
                "The share of participants for whom it held on the day before referral "
                "(month 0) and on the day each month after it, among those whose status "
                "was known that day. The odds ratio compares the months after referral with "
                "the month before, within each person (logistic GEE, exchangeable "
                "correlation), holding that month's contacts; it needs 30 people known both "
                "before and after."
            ),
        ),
        Definition(
            "dose_response",
            _("Contacts and re-arrest"),
            _(
                "Participants followed 6 months since entry, by contacts a month in those "
                "months. The odds ratio of any arrest in the 6 months after entry for each "
                "additional contact a month, holding arrests in the 6 months before "
                "(logistic regression); it needs 30 people."
            ),
        ),
        Definition(
            "comparison_odds_ratio",
            _("Odds of re-arrest against the comparison cohort"),
            _(
                "The odds of any arrest in the 6 months after entry, participants against "
                "the imported comparison cohort, weighted for the effect on participants "
                "(weights 1 and p/(1-p), p from a logistic model of taking part on age, sex, "
                "bookings in the 24 months before and arrests in the 6 months before), with "
                "a robust 95 percent interval. It needs 30 in each group."
            ),
        ),
    ]
}


def definition(key: str) -> Definition:
    return DEFINITIONS[key]
