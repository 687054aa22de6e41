"""A day at a LEAD site, for locust: case managers browsing their caseload and logging
contacts, an officer referring from the form on a phone, the project manager running the
queue and intake, and the jail pushing bookings to the API. Run by goldenthread/drills/load.py, which
says where the site is (GT_LOAD_SITE: the JSON of drills/site.py's prepare_load), where to
write the request id of every answer that shows personal data (GT_LOAD_IDS), so the run can
count each one's audit events, and where to write the server's own time of every answer
(GT_LOAD_SERVER_TIMES).

Each persona signs in once with password and authenticator code, and its simulated users
share that session: an authenticator code is accepted once, as a person's phone is one."""

import json
import os
import random
import re
import uuid
from pathlib import Path
from typing import Any

from django_otp.oath import totp
from gevent.lock import Semaphore
from locust import HttpUser, between, events, task
from requests.cookies import RequestsCookieJar

SITE: dict[str, Any] = json.loads(Path(os.environ["GT_LOAD_SITE"]).read_text())
IDS = Path(os.environ["GT_LOAD_IDS"])
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
# The first message of a form sent back, so that a refused write says why.
FORM_ERROR = re.compile(r'<ul class="errorlist[^>]*>\s*<li>(.*?)</li>', re.S)
# Pages and writes that disclose or record a participant: each must leave an audit event.
# (The referral list names no one and audits only the statuses that say "enrolled".)
PERSONAL = {
    "caseload",
    "person",
    "timeline",
    "contact logged",
    "referral queue",
    "referral submitted",
}
_sessions: dict[str, RequestsCookieJar] = {}
_signing_in = Semaphore()
_shown: list[str] = []  # "request id<TAB>name" of each answer in PERSONAL
# The server's own time of each answer (its Server-Timing header), by name: what locust
# sees beyond it is time spent waiting for a worker or a core.
SERVER_TIMES = Path(os.environ["GT_LOAD_SERVER_TIMES"])
SERVER_TIMING = re.compile(r"app;dur=([0-9.]+)")
_server_ms: dict[str, list[float]] = {}


@events.request.add_listener
def _remember(name: str, response: Any, exception: Any, **_: Any) -> None:
    if response is None:
        return
    if name in PERSONAL and exception is None:
        _shown.append(f"{response.headers.get('X-Request-ID', 'missing')}\t{name}")
    timing = SERVER_TIMING.search(response.headers.get("Server-Timing", ""))
    if timing:
        _server_ms.setdefault(name, []).append(float(timing.group(1)))


@events.quitting.add_listener
def _write_ids(**_: Any) -> None:
    IDS.write_text("\n".join(_shown) + "\n")
    SERVER_TIMES.write_text(json.dumps(_server_ms))


class Staff(HttpUser):
    abstract = True
    username = ""
    # A person reads a page before the next: a few seconds each.
    wait_time = between(2, 6)

    def on_start(self) -> None:
        with _signing_in:
            if self.username not in _sessions:
                self._sign_in()
                _sessions[self.username] = self.client.cookies.copy()
        self.client.cookies.update(_sessions[self.username])

    def _sign_in(self) -> None:
        self._post_form(
            "/accounts/login/",
            {"username": self.username, "password": SITE["password"]},
            name="sign in",
        )
        code = f"{totp(bytes.fromhex(SITE['totp'][self.username])):06d}"
        answer = self._post_form("/accounts/mfa/", {"token": code}, name="authenticator code")
        if answer.headers.get("Location") != "/":
            raise RuntimeError(f"{self.username} did not reach the home page")

    def _post_form(self, path: str, fields: dict[str, str], name: str) -> Any:
        page = self.client.get(path, name=f"{name} (form)")
        token = CSRF.search(page.text)
        if token is None:
            raise RuntimeError(f"no CSRF token on {path}")
        return self.client.post(
            path,
            data={"csrfmiddlewaretoken": token.group(1), **fields},
            headers={"Referer": f"{self.host}{path}"},
            allow_redirects=False,
            name=name,
        )

    def _expect_redirect(self, path: str, fields: dict[str, str], name: str) -> None:
        page = self.client.get(path, name=f"{name} (form)")
        token = CSRF.search(page.text)
        with self.client.post(
            path,
            data={"csrfmiddlewaretoken": token.group(1) if token else "", **fields},
            headers={"Referer": f"{self.host}{path}"},
            allow_redirects=False,
            name=name,
            catch_response=True,
        ) as answer:
            if answer.status_code != 302:
                said = FORM_ERROR.search(answer.text)
                answer.failure(
                    f"{name}: expected a redirect, got {answer.status_code}"
                    + (f" ({said.group(1).strip()})" if said else "")
                )


class CaseManager(Staff):
    weight = 5

    def on_start(self) -> None:
        self.username = random.choice(["cm.okafor", "cm.santos"])  # noqa: S311
        super().on_start()
        self.caseload = SITE["caseloads"][self.username]

    @task(3)
    def caseload_page(self) -> None:
        self.client.get("/caseload/", name="caseload")

    @task(3)
    def person_page(self) -> None:
        self.client.get(f"/people/{random.choice(self.caseload)}/", name="person")  # noqa: S311

    @task(2)
    def timeline(self) -> None:
        person = random.choice(self.caseload)  # noqa: S311
        self.client.get(f"/people/{person}/timeline/", name="timeline")

    @task(2)
    def log_contact(self) -> None:
        person = random.choice(self.caseload)  # noqa: S311
        self._expect_redirect(
            f"/people/{person}/contacts/new/",
            {
                "mode": "in_person",
                "place": "street",
                "substantive": "on",
                "domains": "housing",
                "note": "Checked in at the bridge; wants to talk about housing next week.",
                "sharing": "team",
            },
            name="contact logged",
        )


class Officer(Staff):
    weight = 2
    username = "officer.lee"

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="home")

    @task(2)
    def refer(self) -> None:
        self._expect_redirect(
            "/referrals/new/",
            {
                "idempotency_key": uuid.uuid4().hex,
                "door": "arrest_diversion",
                "name": f"goes by {uuid.uuid4().hex[:6]}",
                "approximate_age": "40",
                "conduct": "drug_possession",
                "observed_sex": "unknown",
                "area": "Downtown",
            },
            name="referral submitted",
        )


class ProjectManager(Staff):
    weight = 2
    username = "pm.ramirez"

    @task(3)
    def queue(self) -> None:
        self.client.get("/referrals/queue/", name="referral queue")

    @task(2)
    def referrals(self) -> None:
        self.client.get("/referrals/", name="referral list")

    @task(1)
    def home(self) -> None:
        self.client.get("/", name="home")


class JailFeed(HttpUser):
    """The jail's records system pushing each booking as it happens."""

    weight = 1
    wait_time = between(2, 6)

    @task
    def push_booking(self) -> None:
        number = uuid.uuid4().hex[:8].upper()
        # The reference's booking, for someone else each time: a new number, name and birth.
        row = {
            **SITE["booking"],
            "booking_number": f"B-LOAD-{number}",
            "last_name": random.choice(["Bell", "Reyes", "Nguyen", "Okafor", "Silva"]),  # noqa: S311
            "first_name": random.choice(["Marcus", "Ana", "Tran", "Ngozi", "Joao"]),  # noqa: S311
            "date_of_birth": f"19{random.randint(60, 99)}-0{random.randint(1, 9)}-1{random.randint(0, 9)}",  # noqa: S311
        }
        self.client.post(
            "/api/v1/feeds/bookings",
            json={"sender": "Cascade County Jail", "rows": [row]},
            headers={
                "Authorization": f"Bearer {SITE['feed_token']}",
                "Idempotency-Key": uuid.uuid4().hex,
            },
            name="API: booking pushed",
        )
