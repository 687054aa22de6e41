"""Referral figures: submission server time through the officer's form and the records-system
API, and the project manager's queue with 1,000 open referrals, each against /healthz
measured in the same run."""

import json
import re
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from django.utils import timezone

from bench.client import SignedInClient
from goldenthread.accounts.models import User
from goldenthread.organizations.models import Membership
from goldenthread.referrals.models import OPEN_STATUSES, Door, Referral
from goldenthread.referrals.services import referral_submit
from goldenthread.tokens.models import Scope
from goldenthread.tokens.services import token_create

OPEN_REFERRALS = 1000
SUBMISSIONS_PER_CLIENT = 25
CONCURRENCY = 4


def fill_queue(officer: str = "officer.lee") -> int:
    """Tops the site up to OPEN_REFERRALS open referrals through the submission service."""
    user = User.objects.get(username=officer)
    membership = Membership.objects.select_related("organization__site").get(user=user)
    site = membership.organization.site
    open_now = Referral.objects.filter(site=site, status__in=OPEN_STATUSES).count()
    for number in range(open_now, OPEN_REFERRALS):
        referral_submit(
            actor=user,
            membership=membership,
            door=Door.ARREST_DIVERSION if number % 3 == 0 else Door.SOCIAL_CONTACT,
            person=None,
            new_person={"preferred_name": f"Bench {number}", "approximate_age": 30 + number % 40},
            occurred_at=timezone.now() - timedelta(hours=number % 500),
            conduct="drug_possession",
            area="Downtown",
            verification_basis="" if number % 3 == 0 else "records",
            last_conduct_on=None if number % 3 == 0 else site.today() - timedelta(days=30),
            in_program_area=None if number % 3 == 0 else True,
        )
    return Referral.objects.filter(site=site, status__in=OPEN_STATUSES).count()


def api_token(officer: str = "officer.lee") -> str:
    user = User.objects.get(username=officer)
    _, secret = token_create(
        actor=user,
        membership=Membership.objects.get(user=user),
        name="bench records system",
        scopes=[Scope.REFERRALS_WRITE, Scope.REFERRALS_READ],
        lifetime_days=1,
    )
    return secret


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args: object, **kwargs: object) -> None:
        return None


def _server_ms(response: object) -> float:
    header = response.headers["Server-Timing"]  # type: ignore[attr-defined]
    return float(header.split("dur=")[1])


def form_submissions(base: str, client: SignedInClient) -> list[float]:
    """Each submission is a fresh form (its own idempotency key), posted like a phone does."""
    opener = urllib.request.build_opener(
        urllib.request.HTTPCookieProcessor(client.jar), _NoRedirect
    )
    page = opener.open(f"{base}/referrals/new/").read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token, "the referral form has a CSRF token"

    def one_client(worker: int) -> list[float]:
        times = []
        for number in range(SUBMISSIONS_PER_CLIENT):
            data = urllib.parse.urlencode(
                {
                    "csrfmiddlewaretoken": token.group(1),
                    "idempotency_key": uuid.uuid4().hex,
                    "door": "arrest_diversion",
                    "name": f"Form {worker}-{number}",
                    "approximate_age": "40",
                    "conduct": "drug_possession",
                    "observed_sex": "unknown",
                    "area": "Downtown",
                }
            ).encode()
            request = urllib.request.Request(  # noqa: S310 - loopback only
                f"{base}/referrals/new/", data=data, headers={"Referer": f"{base}/referrals/new/"}
            )
            try:
                opener.open(request)
                raise RuntimeError("the form did not redirect to the receipt")
            except urllib.error.HTTPError as answer:  # the 302 to the receipt
                if answer.code != 302:
                    raise
                times.append(_server_ms(answer))
        return times

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        return [t for batch in pool.map(one_client, range(CONCURRENCY)) for t in batch]


def api_submissions(base: str, secret: str) -> list[float]:
    def one_client(worker: int) -> list[float]:
        times = []
        for number in range(SUBMISSIONS_PER_CLIENT):
            body = json.dumps(
                {
                    "door": "arrest_diversion",
                    "name": f"API {worker}-{number}",
                    "approximate_age": 40,
                    "occurred_at": timezone.now().isoformat(),
                    "conduct": "drug_possession",
                }
            ).encode()
            request = urllib.request.Request(  # noqa: S310 - loopback only
                f"{base}/api/v1/referrals",
                data=body,
                headers={
                    "Authorization": f"Bearer {secret}",
                    "Content-Type": "application/json",
                    "Idempotency-Key": uuid.uuid4().hex,
                },
            )
            with urllib.request.urlopen(request) as response:  # noqa: S310 - loopback only
                assert response.status == 201, response.status
                times.append(_server_ms(response))
        return times

    with ThreadPoolExecutor(CONCURRENCY) as pool:
        return [t for batch in pool.map(one_client, range(CONCURRENCY)) for t in batch]
