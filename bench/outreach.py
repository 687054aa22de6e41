"""The encampment page at 100 residents: each with a few weeks of visits and an offer, all
visible to the outreach worker, and the queries the page makes at 10 residents and at 100
(the same number: the latest offer, the visit count and where each person stays now are
subqueries of one read)."""

from datetime import timedelta

from django.db import connection
from django.test.utils import CaptureQueriesContext

from bench.participants import _request
from goldenthread.accounts.models import User
from goldenthread.organizations.models import Membership
from goldenthread.outreach import services
from goldenthread.outreach.models import Encampment, OfferKind, OfferResponse
from goldenthread.outreach.views import encampment_detail

RESIDENTS = 100
WORKER = "outreach.nguyen"


def fill(residents: int, name: str) -> Encampment:
    """An encampment of `residents`, met over three weeks, visited three times each and
    offered a room (setup, through the services)."""
    membership = Membership.objects.get(user__username=WORKER)
    site = membership.organization.site
    today = site.today()
    encampment = services.encampment_create(
        actor=membership.user,
        organization=membership.organization,
        name=name,
        location="Bench underpass",
        opened_on=today - timedelta(days=30),
    )
    for n in range(residents):
        resident = services.resident_add(
            actor=membership.user,
            organization=membership.organization,
            encampment=encampment,
            street_name=f"Bench {n}",
            first_met_on=today - timedelta(days=21),
        )
        for week in (21, 14, 7):
            services.visit_record(
                actor=membership.user,
                resident=resident,
                visited_on=today - timedelta(days=week),
                needs=["food", "medical"][: n % 3],
            )
        services.offer_record(
            actor=membership.user,
            resident=resident,
            offered_on=today - timedelta(days=6),
            kind=OfferKind.SHELTER,
            response=OfferResponse.DECLINED if n % 2 else OfferResponse.ACCEPTED,
            reason="Not without my dog" if n % 2 else "",
        )
    return encampment


def page_queries(encampment: Encampment) -> int:
    user = User.objects.get(username=WORKER)
    membership = Membership.objects.get(user=user)
    with CaptureQueriesContext(connection) as queries:
        response = encampment_detail(_request(user, membership), encampment.pk)  # type: ignore[arg-type]
    assert response.status_code == 200
    return len(queries)


def prepare() -> tuple[dict[str, int], str]:
    """Query counts at 10 residents and at 100, and the path of the 100-resident page."""
    small = page_queries(fill(10, "Bench Small Camp"))
    large = fill(RESIDENTS, "Bench Camp")
    return {"10 residents": small, f"{RESIDENTS} residents": page_queries(large)}, (
        f"/outreach/{large.pk}/"
    )
