"""Key flows in a real browser: Debian's Chromium driven by Playwright, checked with axe-core.

A phone-sized case manager signs in with their authenticator and reaches "my work", then
logs a contact at an encampment and a setback on a goal, and finds both on the timeline; a
site administrator searches people through HTMX; the project manager runs a work group's
meeting and its action item returns on the next agenda. No page may log a CSP violation, and
axe-core must find no serious or critical accessibility problem.
"""

import os
import socket
import subprocess
import sys
import tempfile
import time
import unittest
import urllib.request
import zipfile
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from django_otp.oath import totp
from playwright.sync_api import (
    Browser,
    ConsoleMessage,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)

from goldenthread.demo.generator import totp_key_for
from goldenthread.demo.personas import DEMO_PASSWORD, SITE_SLUG

ROOT = Path(__file__).resolve().parents[3]
CHROMIUM = "/usr/bin/chromium"
# Chromium's own background traffic would knock on a closed network; keep it quiet.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE: ViewportSize = {"width": 390, "height": 844}
SEED = 4242


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.browser
@pytest.mark.engine_independent
class BrowserTests(unittest.TestCase):
    """Runs against a real server process on its own SQLite file, built by `manage.py demo`:
    the browser sees exactly what a site sees, and the demo's printed logins are proven."""

    workdir: tempfile.TemporaryDirectory[str]
    base: str
    server: subprocess.Popen[bytes]
    playwright: Playwright
    browser: Browser

    @classmethod
    def setUpClass(cls):
        cls.workdir = tempfile.TemporaryDirectory()
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["GT_SQLITE_PATH"] = str(Path(cls.workdir.name) / "browser.sqlite3")
        manage = [sys.executable, str(ROOT / "manage.py")]
        subprocess.run([*manage, "migrate", "--noinput", "-v0"], env=env, check=True, cwd=ROOT)
        subprocess.run(
            [*manage, "demo", "--seed", str(SEED)],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        port = free_port()
        cls.base = f"http://127.0.0.1:{port}"
        cls.server = subprocess.Popen(
            [*manage, "runserver", "--noreload", "--insecure", f"127.0.0.1:{port}"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{cls.base}/healthz", timeout=1)  # noqa: S310 - loopback
                break
            except OSError:
                if time.monotonic() > deadline:
                    cls.server.kill()
                    raise
                time.sleep(0.2)
        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        cls.server.terminate()
        cls.server.wait(timeout=10)
        cls.workdir.cleanup()

    def setUp(self):
        self.context = self.browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        self.page = self.context.new_page()
        self.console_errors: list[str] = []
        self.page.on("console", self.record_console_error)

    def tearDown(self):
        self.context.close()

    def record_console_error(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def assertAccessible(self, name, page=None):
        results = Axe().run(page or self.page)
        serious = [
            f"{v['id']} ({v['impact']}): {v['help']}"
            for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")
        ]
        self.assertEqual(serious, [], f"axe-core on the {name} page")

    def as_persona(self, username):
        """Another person on their own phone, signed in, in the same test."""
        context = self.browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        self.addCleanup(context.close)
        page = context.new_page()
        page.on("console", self.record_console_error)
        self.sign_in(username, page)
        return page

    # The time step each persona last signed in at: a code is accepted only once, so a
    # persona signing in again waits for the next step.
    signed_in_at: dict[str, int] = {}

    def fresh_code(self, username):
        step = int(time.time()) // 30
        if self.signed_in_at.get(username) == step:
            time.sleep(30 - time.time() % 30 + 0.5)
            step = int(time.time()) // 30
        self.signed_in_at[username] = step
        return totp(bytes.fromhex(totp_key_for(SEED, username)))

    def sign_in(self, username, page=None):
        page = page or self.page
        page.goto(f"{self.base}/")
        page.get_by_label("Username").fill(username)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Continue").click()
        page.get_by_label("Code").fill(f"{self.fresh_code(username):06d}")
        page.get_by_role("button", name="Verify").click()
        page.wait_for_url(f"{self.base}/")

    def test_a_case_manager_signs_in_with_mfa_on_a_phone(self):
        page = self.page
        page.goto(f"{self.base}/")
        self.assertIn("/accounts/login/", page.url)
        self.assertAccessible("login")
        self.sign_in("cm.okafor")
        self.assertEqual(page.get_by_role("heading", level=1).inner_text(), "Hello, Ngozi Okafor")
        self.assertIn("Case manager at Harbor Case Management Services", page.content())
        self.assertAccessible("home")
        # Nothing overflows the phone's width.
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        self.assertEqual(self.console_errors, [])

    def test_a_case_manager_logs_an_encampment_contact_and_a_setback_and_the_timeline_shows_both(
        self,
    ):
        page = self.page
        self.sign_in("cm.okafor")
        page.goto(f"{self.base}/caseload/")
        self.assertAccessible("caseload")
        page.get_by_role("link", name="Marcus Bell").click()
        page.get_by_role("link", name="Contacts").click()
        page.get_by_role("link", name="Log a contact").click()
        self.assertAccessible("log a contact")
        page.get_by_label("In person").check()
        page.get_by_label("Where:").select_option("encampment")
        page.get_by_label("Substantive (worked on their goals)").check()
        page.get_by_label("Identity documents").check()
        page.get_by_label("Note:", exact=True).fill("Found him at the river camp; new tent.")
        page.get_by_role("button", name="Log the contact").click()
        expect(page.get_by_text("Contact logged.")).to_be_visible()

        page.get_by_role("link", name="Back to the record").click()
        page.get_by_role("link", name="Plan", exact=True).click()
        self.assertAccessible("plan")
        page.get_by_role("link", name="Record progress or a setback").first.click()
        page.get_by_label("A setback (part of the journey)").check()
        page.get_by_label("Note:", exact=True).fill("Papers lost in the sweep; starting again.")
        page.get_by_role("button", name="Record").click()
        expect(page.get_by_text("Progress recorded.")).to_be_visible()
        expect(page.locator("li.setback").first).to_contain_text("starting again")

        page.get_by_role("link", name="Back to the record").click()
        page.get_by_role("link", name="Timeline").click()
        events = page.locator("ol.timeline")
        expect(events).to_contain_text("Found him at the river camp; new tent.")
        expect(events).to_contain_text("Encampment")
        expect(events).to_contain_text("Papers lost in the sweep; starting again.")
        expect(events).to_contain_text("A setback (part of the journey)")
        self.assertAccessible("timeline")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        self.assertEqual(self.console_errors, [])

    def manage(self, *args: str) -> str:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        env["GT_SQLITE_PATH"] = str(Path(self.workdir.name) / "browser.sqlite3")
        done = subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), *args],
            env=env,
            check=True,
            cwd=ROOT,
            capture_output=True,
            text=True,
        )
        return done.stdout

    def test_a_booking_arrives_and_the_case_manager_sees_the_alert_and_the_timeline_entry(self):
        found = self.manage(
            "shell",
            "-c",
            "from goldenthread.people.models import Person; "
            "p = Person.objects.get(legal_first_name='Marcus', legal_last_name='Bell', "
            "assigned_organization__isnull=False); print(p.pk, p.date_of_birth, p.sex)",
        )
        pk, born, sex = found.split()[-3:]
        feed = Path(self.workdir.name) / "tonight.csv"
        booked = time.strftime("%Y-%m-%dT%H:%M+00:00", time.gmtime(time.time() - 600))
        feed.write_text(
            "booking_number,last_name,first_name,date_of_birth,sex,state_id,booked_at,"
            "released_at,charges,facility,area\n"
            f"KCJ-26-99901,BELL,MARCUS,{born},{sex},WA{int(pk):08d},{booked},,"
            "CCC 12.50.010:misdemeanor,Cascade County Jail,downtown\n",
            encoding="utf-8",
        )
        self.assertIn("created 1", self.manage("import_feed", "bookings", str(feed)))

        page = self.page
        self.sign_in("cm.okafor")
        page.get_by_role("link", name="Notifications").click()
        self.assertAccessible("notifications")
        alert = page.get_by_role("listitem").filter(has_text="Booked into jail").first
        expect(alert).to_contain_text("Marcus Bell")
        expect(alert).to_contain_text("New")
        alert.get_by_role("button", name="Open").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Legal matters")
        expect(page.locator("table")).to_contain_text("KCJ-26-99901")
        self.assertAccessible("legal matters")
        page.get_by_role("link", name="Back to the record").click()
        page.get_by_role("link", name="Timeline").click()
        expect(page.locator("ol.timeline")).to_contain_text("KCJ-26-99901")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        self.assertEqual(self.console_errors, [])

    def test_a_site_admin_searches_people_and_downloads_the_hmis_files(self):
        page = self.page
        self.sign_in("site.admin")
        page.goto(f"{self.base}/site/people/")
        self.assertAccessible("people")
        page.evaluate("window.__sameDocument = true")
        page.get_by_label("Search by name, username or email").fill("okafor")
        rows = page.locator("#people-rows")
        expect(rows).not_to_contain_text("site.admin")
        expect(rows).to_contain_text("cm.okafor")
        self.assertTrue(
            page.evaluate("window.__sameDocument === true"), "HTMX swapped the rows in place"
        )
        # The continuum's HMIS asks for the year's files.
        page.goto(f"{self.base}/hmis/export/")
        self.assertAccessible("HMIS export")
        expect(page.get_by_label("Send to")).to_contain_text("Cascade Continuum of Care HMIS")
        with page.expect_download() as downloading:
            page.get_by_role("button", name="Download the files").click()
        with zipfile.ZipFile(downloading.value.path()) as archive:
            self.assertEqual(len(archive.namelist()), 24)
            client = archive.read("Client.csv").decode()
        self.assertTrue(client.startswith("PersonalID,FirstName,MiddleName,LastName,"))
        self.assertGreater(client.count("\r\n"), 2, "people whose releases name the HMIS")
        # What an integrator reads before asking for a token.
        page.goto(f"{self.base}/api/docs/")
        expect(page.get_by_role("heading", name="Worked examples")).to_be_visible()
        self.assertAccessible("API reference")
        self.assertEqual(self.console_errors, [])

    def test_an_officer_looks_someone_up_on_a_phone(self):
        page = self.page
        self.sign_in("officer.lee")
        page.goto(f"{self.base}/people/")
        self.assertAccessible("participant lookup")
        page.get_by_label("Is this person in LEAD? Search by any name").fill("Marcus")
        results = page.locator("#results")
        expect(results).to_contain_text("Marcus Bell")
        expect(results).not_to_contain_text("Samuel")  # no release to police: never shown
        results.get_by_role("link", name="Marcus Bell").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Marcus Bell")
        self.assertIn("Active LEAD participant.", page.content())
        self.assertIn("Ngozi Okafor", page.content())  # whom to call
        self.assertAccessible("officer card")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        self.assertEqual(self.console_errors, [])

    def test_an_arrest_diversion_from_referral_to_the_prosecutors_record(self):
        """A sergeant refers on a phone; the project manager screens and approves; a case
        manager records the intake; the liaison prosecutor records the charge not filed."""
        page = self.page
        self.sign_in("sgt.morales")
        page.goto(f"{self.base}/referrals/new/")
        self.assertAccessible("referral form")
        page.get_by_label("Arrest diversion").check()
        page.get_by_label("Name, or what they go by").fill("Tiny Flow")
        page.get_by_label("Approximate age").fill("35")
        page.get_by_label("Conduct:", exact=True).select_option("drug_possession")
        page.get_by_text("More, if you know it").click()
        page.get_by_label("Drug quantity (grams)").fill("1")
        page.get_by_role("button", name="Send referral").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Referral receipt")
        code = page.locator("code.secret").inner_text()
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])

        manager = self.as_persona("pm.ramirez")
        manager.goto(f"{self.base}/referrals/queue/")
        self.assertAccessible("referral queue", manager)
        card = manager.locator("section.card", has_text="Tiny Flow")
        card.get_by_label("Move to").select_option("screening")
        card.get_by_role("button", name="Move").click()
        expect(manager.get_by_text(f"Referral {code} is now Screening.")).to_be_visible()
        manager.locator("section.card", has_text="Tiny Flow").get_by_role("link").click()
        screening = manager.locator(
            "form", has=manager.get_by_role("button", name="Save and evaluate")
        )
        for select in screening.locator("select").all():
            select.select_option("no")
        screening.get_by_label("Drug quantity (grams)").fill("1")
        screening.get_by_role("button", name="Save and evaluate").click()
        expect(manager.get_by_text("Screening saved. Under version 2: Eligible.")).to_be_visible()
        manager.goto(f"{self.base}/referrals/queue/")
        card = manager.locator("section.card", has_text="Tiny Flow")
        card.get_by_label("Move to").select_option("approved")
        card.get_by_role("button", name="Move").click()
        expect(manager.get_by_text(f"Referral {code} is now Approved.")).to_be_visible()

        case_manager = self.as_persona("cm.santos")
        case_manager.goto(f"{self.base}/referrals/intake/")
        self.assertAccessible("intake worklist", case_manager)
        case_manager.locator("article", has_text="Tiny Flow").get_by_role(
            "link", name="Record intake"
        ).click()
        case_manager.get_by_role("button", name="Enroll").click()
        expect(case_manager.get_by_text("Tiny Flow is enrolled.")).to_be_visible()

        prosecutor = self.as_persona("prosecutor.walsh")
        prosecutor.goto(f"{self.base}/referrals/holds/")
        self.assertAccessible("held charges", prosecutor)
        timely = prosecutor.locator("section", has_text="Intake completed in time")
        timely.locator("article", has_text="Tiny Flow").get_by_role(
            "button", name="Record: not filed"
        ).click()
        expect(prosecutor.get_by_text(f"Outcome recorded for {code}.")).to_be_visible()
        expect(prosecutor.locator("article", has_text="Tiny Flow")).to_have_count(0)

        # The sergeant hears back only what a release allows: no release here yet.
        page.goto(f"{self.base}/referrals/")
        expect(page.locator("tr", has_text=code)).to_contain_text("Intake stage finished")
        self.assertEqual(self.console_errors, [])

    def test_the_project_manager_runs_a_meeting_and_the_next_agenda_carries_its_action_item(self):
        # The Cascade OWG's next meeting comes round: it started an hour ago.
        self.manage(
            "shell",
            "-c",
            "from datetime import timedelta; from django.utils import timezone; "
            "from goldenthread.conferencing.models import Meeting; "
            "m = Meeting.objects.filter(work_group__name='Cascade OWG', "
            "starts_at__gt=timezone.now()).get(); "
            "m.starts_at = timezone.now() - timedelta(hours=1); m.save()",
        )
        page = self.page
        self.sign_in("pm.ramirez")
        page.get_by_role("link", name="Work groups").click()
        self.assertAccessible("work groups")
        page.locator("section.card", has_text="Cascade OWG").get_by_role("link").first.click()
        expect(page.get_by_text("its minutes are not closed")).to_be_visible()
        self.assertAccessible("meeting")

        first = page.locator("ol.stack > li.card").first
        first.get_by_text("Add a note or decision").click()
        first.get_by_label("Note", exact=True).fill("Outreach walks the camp Friday.")
        first.get_by_label("Attendees, as consent allows").check()
        first.get_by_label("This is a decision").check()
        first.get_by_role("button", name="Save note").click()
        expect(page.locator("ol.stack > li.card").first).to_contain_text(
            "Decision: Outreach walks the camp Friday."
        )

        page.get_by_label("Action", exact=True).fill("Bring the shelter list to the camp")
        due = time.strftime("%Y-%m-%d", time.gmtime(time.time() + 5 * 86400))
        page.get_by_label("Due", exact=True).fill(due)
        page.get_by_label("Owner (a person)").select_option(label="Ngozi Okafor")
        page.get_by_role("button", name="Add action item").click()
        expect(page.get_by_text("it stays on the agenda until done")).to_be_visible()

        attended = page.locator("fieldset", has_text="Who attended")
        attended.get_by_label("Ngozi Okafor").check()
        attended.get_by_label("Jordan Lee").check()
        page.get_by_role("button", name="Save attendance").click()
        page.get_by_role("button", name="Close the minutes").click()
        expect(page.get_by_text("Minutes closed.")).to_be_visible()
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])

        page.get_by_role("link", name="Work groups").click()
        page.get_by_role("button", name="Schedule the next meeting").click()
        agenda = page.locator("ol.stack")
        expect(agenda).to_contain_text("Bring the shelter list to the camp")
        expect(agenda).to_contain_text("Open action item")
        self.assertAccessible("next meeting")
        self.assertEqual(self.console_errors, [])

    def test_the_evaluator_reads_the_quarter_and_the_outcomes_and_the_public_reads_its_dashboard(
        self,
    ):
        page = self.page
        self.sign_in("evaluator.kim")
        page.get_by_role("link", name="Insights").click()
        expect(page.get_by_role("heading", name="Fidelity to the core principles")).to_be_visible()
        self.assertAccessible("insights")
        page.get_by_role("link", name="Outcomes", exact=True).click()
        expect(page.get_by_text("Odds of re-arrest against the comparison cohort")).to_be_visible()
        expect(page.locator("p.estimate").first).to_contain_text("Odds ratio")
        self.assertAccessible("outcomes")
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])

        public = self.browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
        self.addCleanup(public.close)
        anyone = public.new_page()
        anyone.goto(f"{self.base}/s/{SITE_SLUG}/")
        anyone.get_by_role("link", name="Public dashboard").click()
        expect(anyone.get_by_role("heading", name="Who is diverted")).to_be_visible()
        self.assertAccessible("public dashboard", anyone)
        self.assertLessEqual(
            anyone.evaluate("document.documentElement.scrollWidth"), PHONE["width"]
        )
        self.assertEqual(self.console_errors, [])

    def test_a_lodging_liaison_checks_someone_in_and_logs_a_night_call_on_a_phone(self):
        page = self.page
        self.sign_in("lodging.silva")
        page.get_by_role("link", name="Lodging").click()
        expect(page.get_by_role("heading", name="Lodging tonight")).to_be_visible()
        self.assertAccessible("lodging board")
        inn = page.locator("section.card", has_text="Harborview Inn")
        inn.get_by_role("link", name="Check someone in").click()
        page.get_by_label("Who").select_option(label="Ana Flores")
        page.get_by_label("Lodging agreement version").fill("2026-1")
        # Signed a few days ago: a date that is past on the site's clock as well as UTC.
        signed = time.strftime("%Y-%m-%d", time.gmtime(time.time() - 3 * 86400))
        page.get_by_label("Agreement signed on").fill(signed)
        self.assertAccessible("check-in")
        page.get_by_role("button", name="Check in").click()
        expect(page.get_by_text("Ana Flores checked in: Harborview Inn")).to_be_visible()
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        # The overnight log, a night already over whatever the hour: a call at 02:10.
        page.locator("section.card", has_text="Harborview Inn").get_by_role(
            "link", name="On-call log"
        ).click()
        page.get_by_role("link", name="The night before").click()
        expect(page.get_by_text("On call:")).to_be_visible()
        page.get_by_label("Time").fill("02:10")
        page.get_by_label("What happened and what was done").fill("Lockout on the 2nd floor")
        self.assertAccessible("on-call log")
        page.get_by_role("button", name="Add", exact=True).click()
        expect(page.get_by_text("Added to the night's log.")).to_be_visible()
        expect(page.get_by_text("Lockout on the 2nd floor")).to_be_visible()
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])
        self.assertEqual(self.console_errors, [])

    def test_an_outreach_worker_records_a_visit_and_an_accepted_room_and_the_liaison_checks_in(
        self,
    ):
        page = self.page
        self.sign_in("outreach.nguyen")
        page.get_by_role("link", name="Outreach").click()
        self.assertAccessible("encampments")
        page.get_by_role("link", name="Jackson St underpass").click()
        expect(page.get_by_text("12 residents: 2 came inside")).to_be_visible()
        self.assertAccessible("encampment")
        page.get_by_role("link", name="Add a resident").click()
        page.get_by_label("Or the name they go by here").fill("Kestrel")
        page.get_by_label("First met").fill(self.days_ago(3))
        page.get_by_role("button", name="Add").click()
        expect(page.get_by_role("heading", name="Kestrel")).to_be_visible()
        page.get_by_label("Visited on").fill(self.days_ago(2))
        page.get_by_label("Medical care").check()
        page.get_by_label("A phone").check()
        page.get_by_role("button", name="Save the visit").click()
        expect(page.get_by_text("Visit recorded.")).to_be_visible()
        page.get_by_label("Offered on").fill(self.days_ago(1))
        page.get_by_label("What was offered").select_option(label="A hotel room")
        page.get_by_label("Where (a room or a bed)").select_option(label="Harborview Inn")
        page.get_by_label("Their answer").select_option(label="Accepted")
        page.get_by_label("Their reason, in their words").fill("A door that locks")
        self.assertAccessible("resident")
        page.get_by_role("button", name="Save the offer").click()
        expect(page.get_by_text("Offer recorded.")).to_be_visible()
        expect(page.get_by_text("Medical care, A phone")).to_be_visible()
        self.assertLessEqual(page.evaluate("document.documentElement.scrollWidth"), PHONE["width"])

        liaison = self.as_persona("lodging.silva")
        liaison.get_by_role("link", name="Lodging").click()
        inn = liaison.locator("section.card", has_text="Harborview Inn")
        inn.get_by_role("link", name="Check someone in").click()
        liaison.get_by_label("Who").select_option(label="Kestrel")
        liaison.get_by_label("Lodging agreement version").fill("2026-1")
        liaison.get_by_label("Agreement signed on").fill(self.days_ago(1))
        liaison.get_by_role("button", name="Check in").click()
        expect(liaison.get_by_text("Kestrel checked in: Harborview Inn")).to_be_visible()
        page.reload()
        page.get_by_role("link", name="Jackson St underpass").click()
        expect(page.get_by_text("13 residents: 3 came inside")).to_be_visible()
        self.assertEqual(self.console_errors, [])

    def days_ago(self, n: int) -> str:
        """A date that is past on the site's clock as well as in UTC."""
        return time.strftime("%Y-%m-%d", time.gmtime(time.time() - n * 86400 - 12 * 3600))
