"""The injection corpus (testing_hostile.INJECTIONS: SQL, script, spreadsheet formulas and
paths) written into every free-text field the demo site holds, as if each had been typed
there. Then every page each persona can reach from their home page, and every export:
pages answer without a server error and show the text escaped, exports never hand a
spreadsheet a formula, searches take it as text. Nothing of it is ever run."""

import csv
import io
import re
import zipfile
from collections import Counter, deque
from urllib.parse import urlsplit

from django.apps import apps
from django.db import connection, models
from django.test import Client, TestCase
from django.urls import Resolver404, resolve

from goldenthread.accounts.models import User
from goldenthread.demo.generator import build_demo_site
from goldenthread.demo.personas import DEMO_PASSWORD, PERSONAS
from goldenthread.organizations.models import Organization, OrganizationKind
from goldenthread.testing import current_code
from goldenthread.testing_hostile import FORMULA, INJECTIONS, SCRIPT
from goldenthread.text import CONTROL

# What people type, not what the system keys, codes, counts or configures (by name, or
# by model and name where a name means both).
NOT_TYPED = {
    "password",
    "preferred_language",
    "timezone",
    "hmis_coc_code",
    "hmis_geocode",
    "version",
    "signed_copy_type",
    "code",
    "nibrs",
    "offense_code",
    "idempotency_key",
    "value",
    "source",
    "content_hash",
    "fingerprint",
    "mac",
    "secret",
    "prefix",
    "token_hash",
    "key",
    "content_type",
    "notifications.Notification.link",
    "notifications.Notification.about",
    "quarter",
    "stage",
    "dimension",
    "group",
    "sex",
    "conduct",
    "agreement_version",
    "last_error",
}
# Written by the system alone: the audit trail (append-only), replayed answers, imports'
# derived rows.
NOT_TYPED_MODELS = {"audit", "tokens.IdempotentRequest", "insights.Encounter", "legal.SeenRow"}
ROWS_PER_MODEL = 30
PAGES_PER_ROUTE = 2
PAGES_PER_PERSONA = 90
# Pages that end the session or change the language: the crawl stays where it is.
NOT_CRAWLED = ("/accounts/", "/i18n/", "/admin/", "/api/", "/static/")
TYPED = [entry for entry in INJECTIONS if not CONTROL.search(entry)]
LINK = re.compile(r'href="(/[^"#]*)"')


def free_text_fields(model: type[models.Model]) -> list[models.Field]:
    label = model._meta.label
    if model._meta.app_label in NOT_TYPED_MODELS or label in NOT_TYPED_MODELS:
        return []
    return [
        field
        for field in model._meta.concrete_fields
        if type(field) in (models.CharField, models.TextField)
        and not field.choices
        and not field.unique
        and field.name not in NOT_TYPED
        and f"{label}.{field.name}" not in NOT_TYPED
    ]


def seed_corpus() -> Counter[str]:
    """Each free-text field of the first rows of every model gets corpus entries in turn;
    a field in a uniqueness rule gets its row's key after the entry, keeping rows apart."""
    seeded: Counter[str] = Counter()
    for model in apps.get_models():
        if not model.__module__.startswith("goldenthread."):
            continue
        fields = free_text_fields(model)
        if not fields:
            continue
        unique = {
            name
            for constraint in model._meta.constraints
            for name in getattr(constraint, "fields", ())
        }
        for row, pk in enumerate(
            model._default_manager.values_list("pk", flat=True)[:ROWS_PER_MODEL]
        ):
            values = {}
            for column, field in enumerate(fields):
                entry = TYPED[(row + column) % len(TYPED)]
                if field.name in unique:
                    entry = f"{entry} {pk}"
                values[field.name] = entry[: field.max_length] if field.max_length else entry
            model._default_manager.filter(pk=pk).update(**values)
            seeded[model._meta.label] += 1
    return seeded


def unescaped(html: str) -> list[str]:
    return [entry for entry in SCRIPT[:2] if entry in html] + (
        ['href="javascript:'] if 'href="javascript:' in html else []
    )


def formulas_in(text: str) -> list[str]:
    """Cells a spreadsheet would run: corpus formulas exactly as typed."""
    cells = {cell.strip() for row in csv.reader(io.StringIO(text)) for cell in row}
    return sorted(cells & set(FORMULA))


class InjectionCorpusTests(TestCase):
    seeded: Counter[str]

    @classmethod
    def setUpTestData(cls) -> None:
        build_demo_site(seed=2011, size="small")
        cls.seeded = seed_corpus()
        if connection.vendor == "postgresql":
            # The site was written inside the test's transaction, where autovacuum never
            # looks: without statistics the planner takes its tables for empty, and the
            # dashboards' nested subqueries take minutes instead of milliseconds.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")

    def sign_in(self, username: str) -> Client:
        client = Client()
        user = User.objects.get(username=username)
        client.post("/accounts/login/", {"username": username, "password": DEMO_PASSWORD})
        response = client.post("/accounts/mfa/", {"token": current_code(user)})
        self.assertEqual(response.status_code, 302, username)
        return client

    def test_the_corpus_reached_every_kind_of_record_people_type_into(self):
        for label in (
            "people.Person",
            "casework.Contact",
            "referrals.Referral",
            "legal.LegalMatter",
            "conferencing.ItemNote",
            "incidents.Incident",
            "outreach.Visit",
            "governance.PublicPage",
        ):
            self.assertGreater(self.seeded[label], 0, label)
        self.assertGreater(len(self.seeded), 50)

    def test_every_page_each_persona_reaches_answers_and_shows_it_escaped(self):
        for persona in PERSONAS:
            with self.subTest(persona=persona.username):
                visited, failures = self.crawl(self.sign_in(persona.username))
                self.assertEqual(failures, [])
                self.assertGreater(visited, 3)

    def crawl(self, client: Client) -> tuple[int, list[str]]:
        queue, seen, per_route = deque(["/"]), {"/"}, Counter[str]()
        failures, visited = [], 0
        while queue and visited < PAGES_PER_PERSONA:
            path = queue.popleft()
            try:
                route = resolve(urlsplit(path).path).route
            except Resolver404:
                continue
            if per_route[route] >= PAGES_PER_ROUTE:
                continue
            per_route[route] += 1
            response = client.get(path)
            visited += 1
            if response.status_code >= 500:
                failures.append(f"{path}: {response.status_code}")
                continue
            if response.status_code != 200 or response.streaming:
                continue
            body = response.content.decode(errors="replace")
            if response["Content-Type"].startswith("text/csv"):
                failures += [f"{path}: formula {f!r}" for f in formulas_in(body)]
            if not response["Content-Type"].startswith("text/html"):
                continue  # JSON and text are not run by the browser (nosniff)
            failures += [f"{path}: unescaped {e!r}" for e in unescaped(body)]
            for link in LINK.findall(body):
                link = link.replace("&amp;", "&")
                if link not in seen and not link.startswith(NOT_CRAWLED):
                    seen.add(link)
                    queue.append(link)
        return visited, failures

    def test_exports_never_hand_a_spreadsheet_a_formula(self):
        manager = self.sign_in("pm.ramirez")
        response = manager.get("/insights/export.csv")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(formulas_in(response.content.decode()), [])
        admin = self.sign_in("site.admin")
        hmis = Organization.objects.get(kind=OrganizationKind.HMIS)
        response = admin.post(
            "/hmis/export/", {"recipient": hmis.pk, "start": "2020-01-01", "end": "2026-11-01"}
        )
        self.assertEqual(response["Content-Type"], "application/zip")
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            for name in archive.namelist():
                self.assertEqual(formulas_in(archive.read(name).decode()), [], name)
        evaluator = self.sign_in("evaluator.kim")
        response = evaluator.post("/evaluation/extract/")
        self.assertEqual(response.status_code, 200)
        with zipfile.ZipFile(io.BytesIO(response.content)) as archive:
            for name in archive.namelist():
                self.assertEqual(formulas_in(archive.read(name).decode()), [], name)
                # A file's name in the archive is the export's own, never a typed path.
                self.assertNotIn("..", name)
                self.assertFalse(name.startswith("/"))

    def test_searches_take_it_as_text(self):
        manager = self.sign_in("pm.ramirez")
        for entry in INJECTIONS:
            with self.subTest(entry=entry):
                for path in ("/people/", "/referrals/", "/site/audit/"):
                    response = manager.get(path, {"q": entry})
                    self.assertLess(response.status_code, 500, path)
                    self.assertEqual(unescaped(response.content.decode()), [], path)
        self.assertTrue(User.objects.filter(username="pm.ramirez").exists())
        self.assertTrue(apps.get_model("people", "Person").objects.exists())
