"""The demo site reports to its continuum of care's HMIS: a fictional CoC code and geocode,
and releases that let about half of the people enrolled or lodged be reported there (their
enrollment status, housing and benefits)."""

import random
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone

from goldenthread.accounts.models import User
from goldenthread.consent.models import CategoryCode, Consent
from goldenthread.demo.participants import release_form, signed_release
from goldenthread.organizations.models import Organization, OrganizationKind, Site
from goldenthread.organizations.services import site_update
from goldenthread.people.models import Person
from goldenthread.referrals.models import ReferralStatus

# HUD's own sample exports use XX-501: no state has the letters XX.
DEMO_COC_CODE = "XX-501"
DEMO_GEOCODE = "539999"
HMIS_PURPOSE = "Report LEAD enrollments and shelter stays to the continuum of care's HMIS."


def build_hmis(
    *, site: Site, organizations: dict[str, Organization], recorder: User, seed: int
) -> int:
    """Releases naming the HMIS for every other person with an enrollment or a stay who has
    none yet (idempotent); returns how many were recorded."""
    if not site.hmis_coc_code:
        site_update(actor=None, site=site, hmis_coc_code=DEMO_COC_CODE, hmis_geocode=DEMO_GEOCODE)
    hmis = organizations[OrganizationKind.HMIS]
    released = Consent.objects.filter(recipients__organization=hmis).values("person_id")
    people = (
        Person.objects.filter(site=site, merged_into=None)
        .filter(Q(referrals__status=ReferralStatus.ENROLLED) | Q(stays__isnull=False))
        .exclude(pk__in=released)
        .distinct()
        .order_by("pk")
    )
    rng = random.Random(f"hmis:{seed}")
    form = release_form(site)
    provider = organizations[OrganizationKind.CASE_MANAGEMENT]
    recorded = 0
    for person in people:
        if rng.random() < 0.5:
            continue
        signed_release(
            recorder,
            person,
            form,
            provider,
            [hmis],
            [CategoryCode.ENROLLMENT_STATUS, CategoryCode.HOUSING_BENEFITS],
            HMIS_PURPOSE,
            timezone.now() - timedelta(days=rng.randrange(1, 300)),
        )
        recorded += 1
    return recorded
