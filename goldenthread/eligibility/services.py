"""Every write about eligibility: publishing a rule-set version, recording what screening
found, and evaluating a referral under the rules in force on its date."""

from datetime import date
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import HttpRequest
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.eligibility.models import (
    EXCLUSION_QUESTIONS,
    EligibilityDecision,
    RuleSet,
)
from goldenthread.eligibility.rules import ReferralFacts, evaluate
from goldenthread.organizations.models import Site
from goldenthread.referrals.models import ConductCategory, OffenseCode, Referral

RULE_FIELDS = (
    "effective_from",
    "eligible_conduct",
    "max_drug_grams",
    "minimum_age",
    "exclusions",
    "disqualifying_history_years",
    "social_contact_lookback_months",
    "social_contact_in_area_required",
    "supervision_needs_approval",
    "note",
)


def rule_set_in_force(site: Site, on: date) -> RuleSet | None:
    """The version with the latest start on or before `on` (the newer version on a tie)."""
    return (
        RuleSet.objects.filter(site=site, effective_from__lte=on)
        .order_by("-effective_from", "-version")
        .first()
    )


@transaction.atomic
def rule_set_publish(
    *, actor: User, site: Site, request: HttpRequest | None = None, **rules: Any
) -> RuleSet:
    """A new version; earlier versions and the decisions made under them stay as they were."""
    unknown = set(rules) - set(RULE_FIELDS)
    if unknown:
        raise ValueError(f"not eligibility rules: {sorted(unknown)}")
    errors = {}
    if not rules.get("eligible_conduct"):
        errors["eligible_conduct"] = _("Choose at least one eligible kind of conduct.")
    elif set(rules["eligible_conduct"]) - set(ConductCategory.values):
        errors["eligible_conduct"] = _("Unknown conduct category.")
    if set(rules.get("exclusions", [])) - set(EXCLUSION_QUESTIONS):
        errors["exclusions"] = _("Unknown exclusion.")
    if errors:
        raise ValidationError(errors)
    # Lock the site row so two PCG members publishing at once get consecutive versions.
    Site.objects.select_for_update().get(pk=site.pk)
    latest = RuleSet.objects.filter(site=site).aggregate(v=Max("version"))["v"] or 0
    rule_set = RuleSet(site=site, version=latest + 1, created_by=actor, **rules)
    rule_set.full_clean()
    rule_set.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=rule_set,
        detail={"version": rule_set.version, "effective_from": str(rule_set.effective_from)},
    )
    return rule_set


@transaction.atomic
def offense_code_save(
    *,
    actor: User,
    site: Site,
    code: str,
    description: str,
    category: str,
    nibrs: str = "",
    request: HttpRequest | None = None,
) -> OffenseCode:
    """Adds a site offense code or changes its mapping. Referrals already made keep the
    NIBRS code they were filed with."""
    offense = OffenseCode.objects.filter(site=site, code=code).first() or OffenseCode(
        site=site, code=code
    )
    before = None if offense.pk is None else [offense.category, offense.nibrs]
    offense.description, offense.category, offense.nibrs = description, category, nibrs
    offense.full_clean()
    offense.save()
    audit_record(
        action=Action.CREATE if before is None else Action.UPDATE,
        actor=actor,
        request=request,
        obj=offense,
        detail={"code": code, "category": category, "nibrs": nibrs, "before": before},
    )
    return offense


def referral_local_date(referral: Referral) -> date:
    return referral.occurred_at.astimezone(referral.site.zone).date()


def referral_facts(referral: Referral) -> ReferralFacts:
    on = referral_local_date(referral)
    person = referral.person
    if person.date_of_birth is not None:
        born = person.date_of_birth
        age: int | None = on.year - born.year - ((on.month, on.day) < (born.month, born.day))
    else:
        age = person.approximate_age
    return ReferralFacts(
        door=referral.door,
        conduct=referral.conduct,
        on=on,
        age=age,
        drug_grams=referral.drug_grams,
        answers=dict(referral.screening_answers),
        last_disqualifying_conviction_on=referral.last_disqualifying_conviction_on,
        last_conduct_on=referral.last_conduct_on,
        in_program_area=referral.in_program_area,
    )


@transaction.atomic
def referral_evaluate(
    *, actor: User | None, referral: Referral, request: HttpRequest | None = None
) -> EligibilityDecision | None:
    """Evaluates under the rules in force on the referral's date and keeps the decision.
    None when the site has no rules for that date: a person decides, with a reason."""
    rules = rule_set_in_force(referral.site, referral_local_date(referral))
    if rules is None:
        return None
    outcome, findings = evaluate(rules, referral_facts(referral))
    decision = EligibilityDecision.objects.create(
        referral=referral,
        rule_set=rules,
        outcome=outcome,
        reasons=[finding.as_json() for finding in findings],
        decided_by=actor,
    )
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=decision,
        subject_person_id=referral.person_id,
        detail={"outcome": outcome, "version": rules.version},
    )
    return decision


@transaction.atomic
def referral_record_screening(
    *,
    actor: User,
    referral: Referral,
    answers: dict[str, bool],
    drug_grams: Decimal | None,
    last_disqualifying_conviction_on: date | None,
    request: HttpRequest | None = None,
) -> EligibilityDecision | None:
    """What screening found, then a fresh evaluation; earlier decisions are kept."""
    locked = (
        Referral.objects.select_for_update().select_related("site", "person").get(pk=referral.pk)
    )
    locked.screening_answers = answers
    locked.drug_grams = drug_grams
    locked.last_disqualifying_conviction_on = last_disqualifying_conviction_on
    locked.full_clean()
    locked.save(
        update_fields=["screening_answers", "drug_grams", "last_disqualifying_conviction_on"]
    )
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.person_id,
        detail={"screening": answers},
    )
    return referral_evaluate(actor=actor, referral=locked, request=request)


def latest_decision(referral: Referral) -> EligibilityDecision | None:
    return referral.eligibility_decisions.select_related("rule_set").first()
