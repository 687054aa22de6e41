"""Evaluating one referral against one rule set: a pure function of the two, so every rule
can be tested with a table of cases and a stored decision can always be explained."""

import calendar
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from goldenthread.eligibility.models import DRUG_CONDUCT, Outcome, RuleSet
from goldenthread.referrals.models import ConductCategory, Door, ScreeningQuestion

Q = ScreeningQuestion


@dataclass(frozen=True)
class Finding:
    """One reason. `blocks` makes the referral ineligible; otherwise a person must review."""

    code: str
    blocks: bool
    params: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"code": self.code, "blocks": self.blocks, "params": self.params}


@dataclass(frozen=True)
class ReferralFacts:
    """What the rules look at, gathered from a referral and its person."""

    door: str
    conduct: str
    on: date  # the referral's date in the site's time zone
    age: int | None
    drug_grams: Decimal | None
    answers: dict[str, bool]
    last_disqualifying_conviction_on: date | None = None
    last_conduct_on: date | None = None
    in_program_area: bool | None = None


REASON_TEXT = {
    "conduct_not_eligible": _("%(conduct)s is not eligible conduct under these rules."),
    "quantity_over": _("%(grams)s g is over the limit of %(limit)s g."),
    "quantity_unknown": _("The drug quantity is not known (the limit is %(limit)s g)."),
    "under_age": _("Under %(minimum)s years old."),
    "age_unknown": _("Age is not known."),
    "excluded": _("Excluded: %(question)s."),
    "unanswered": _("Not yet answered: %(question)s."),
    "history_within": _("A disqualifying conviction on %(on)s, within %(years)s years."),
    "history_date_unknown": _("A disqualifying conviction is on record; its date is not known."),
    "outside_lookback": _(
        "The last qualifying conduct (%(on)s) is more than %(months)s months before the referral."
    ),
    "outside_area": _("The prior conduct was outside the program area."),
    "area_unknown": _("Not known whether the prior conduct was in the program area."),
    "supervision_refused": _("The supervising agency did not approve."),
    "supervision_pending": _("The supervising agency has not yet approved."),
    "no_rule_set": _("No eligibility rules are in force for this date."),
}


def reason_text(reason: dict[str, Any]) -> str:
    """A stored reason in the reader's language."""
    params = dict(reason.get("params", {}))
    if "question" in params and params["question"] in Q.values:
        params["question"] = Q(params["question"]).label
    if "conduct" in params and params["conduct"] in ConductCategory.values:
        params["conduct"] = ConductCategory(params["conduct"]).label
    return str(REASON_TEXT[reason["code"]]) % params


def grams_text(grams: Decimal) -> str:
    """3.00 reads as 3, 2.50 as 2.5."""
    return f"{grams.normalize():f}"


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, or the month's last day if it has no such day."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return date(year, month + 1, min(day.day, last))


def evaluate(rules: RuleSet, facts: ReferralFacts) -> tuple[str, list[Finding]]:
    """(outcome, findings): ineligible if any finding blocks, needs review if anything is
    unknown, eligible otherwise."""
    findings: list[Finding] = []
    add = findings.append
    if facts.conduct not in rules.eligible_conduct:
        add(Finding("conduct_not_eligible", True, {"conduct": facts.conduct}))
    if rules.max_drug_grams is not None and facts.conduct in DRUG_CONDUCT:
        limit = grams_text(Decimal(rules.max_drug_grams))
        if facts.drug_grams is None:
            add(Finding("quantity_unknown", False, {"limit": limit}))
        elif facts.drug_grams > rules.max_drug_grams:
            add(
                Finding(
                    "quantity_over", True, {"grams": grams_text(facts.drug_grams), "limit": limit}
                )
            )
    if facts.age is None:
        add(Finding("age_unknown", False))
    elif facts.age < rules.minimum_age:
        add(Finding("under_age", True, {"minimum": rules.minimum_age}))
    for question in rules.exclusions:
        answer = facts.answers.get(question)
        if answer is None:
            add(Finding("unanswered", False, {"question": question}))
        elif answer:
            add(Finding("excluded", True, {"question": question}))
    if rules.disqualifying_history_years is not None:
        findings.extend(_history(rules.disqualifying_history_years, facts))
    if facts.door == Door.SOCIAL_CONTACT:
        findings.extend(_social_contact(rules, facts))
    if rules.supervision_needs_approval:
        findings.extend(_supervision(facts))
    if any(f.blocks for f in findings):
        return Outcome.INELIGIBLE, findings
    return (Outcome.NEEDS_REVIEW if findings else Outcome.ELIGIBLE), findings


def _history(years: int, facts: ReferralFacts) -> list[Finding]:
    answer = facts.answers.get(Q.DISQUALIFYING_HISTORY)
    if answer is None:
        return [Finding("unanswered", False, {"question": Q.DISQUALIFYING_HISTORY})]
    if not answer:
        return []
    on = facts.last_disqualifying_conviction_on
    if on is None:
        return [Finding("history_date_unknown", False)]
    if on >= months_before(facts.on, 12 * years):
        return [Finding("history_within", True, {"on": on.isoformat(), "years": years})]
    return []


def _social_contact(rules: RuleSet, facts: ReferralFacts) -> list[Finding]:
    findings = []
    months = rules.social_contact_lookback_months
    if facts.last_conduct_on is not None and facts.last_conduct_on < months_before(
        facts.on, months
    ):
        findings.append(
            Finding(
                "outside_lookback",
                True,
                {"on": facts.last_conduct_on.isoformat(), "months": months},
            )
        )
    if rules.social_contact_in_area_required:
        if facts.in_program_area is None:
            findings.append(Finding("area_unknown", False))
        elif not facts.in_program_area:
            findings.append(Finding("outside_area", True))
    return findings


def _supervision(facts: ReferralFacts) -> list[Finding]:
    supervised = facts.answers.get(Q.UNDER_SUPERVISION)
    if supervised is None:
        return [Finding("unanswered", False, {"question": Q.UNDER_SUPERVISION})]
    if not supervised:
        return []
    approved = facts.answers.get(Q.SUPERVISION_APPROVED)
    if approved is None:
        return [Finding("supervision_pending", False)]
    return [] if approved else [Finding("supervision_refused", True)]
