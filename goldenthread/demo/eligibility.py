"""The demo site's offense codes and eligibility rules: a first version, and a later one in
which the Policy Coordinating Group widened eligible conduct, so the screen shows a history."""

from datetime import timedelta

from goldenthread.accounts.models import User
from goldenthread.eligibility.models import EXCLUSION_QUESTIONS, RuleSet
from goldenthread.eligibility.services import offense_code_save, rule_set_publish
from goldenthread.organizations.models import Site
from goldenthread.referrals.models import ConductCategory as C

VERSIONS = (
    (
        400,
        [C.DRUG_POSSESSION, C.DRUG_DELIVERY, C.PROSTITUTION],
        "Seattle's first divertible conduct: drugs and prostitution.",
    ),
    (
        90,
        [C.DRUG_POSSESSION, C.DRUG_DELIVERY, C.PROSTITUTION, C.THEFT, C.TRESPASS],
        "Low-level theft and trespass added after the first year's review.",
    ),
)


# The fictional Cascade City Code's divertible offenses: (code, description, category, NIBRS).
OFFENSE_CODES = (
    ("CCC 12.10.040", "Possession of a controlled substance", C.DRUG_POSSESSION, "35A"),
    (
        "CCC 12.10.050",
        "Delivery of a controlled substance, subsistence level",
        C.DRUG_DELIVERY,
        "35A",
    ),
    ("CCC 12.30.010", "Prostitution", C.PROSTITUTION, "40A"),
    ("CCC 12.40.020", "Theft in the third degree", C.THEFT, "23H"),
    ("CCC 12.40.030", "Shoplifting", C.THEFT, "23C"),
    ("CCC 12.50.010", "Criminal trespass in the second degree", C.TRESPASS, "90J"),
)
CODE_FOR: dict[str, str] = {category: code for code, _, category, _ in reversed(OFFENSE_CODES)}


def build_eligibility_rules(*, site: Site, pcg_member: User) -> None:
    if RuleSet.objects.filter(site=site).exists():
        return
    for code, description, category, nibrs in OFFENSE_CODES:
        offense_code_save(
            actor=pcg_member,
            site=site,
            code=code,
            description=description,
            category=category,
            nibrs=nibrs,
        )
    today = site.today()
    for days_ago, conduct, note in VERSIONS:
        rule_set_publish(
            actor=pcg_member,
            site=site,
            effective_from=today - timedelta(days=days_ago),
            eligible_conduct=[str(c) for c in conduct],
            max_drug_grams=3,
            minimum_age=18,
            exclusions=[str(q) for q in EXCLUSION_QUESTIONS],
            disqualifying_history_years=10,
            social_contact_lookback_months=24,
            social_contact_in_area_required=True,
            supervision_needs_approval=True,
            note=note,
        )
