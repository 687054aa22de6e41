import re
from pathlib import Path

import polib  # type: ignore[import-untyped]
from django.test import Client

from goldenthread.testing import PersonaTestCase

CATALOG = Path(__file__).resolve().parents[3] / "locale" / "es" / "LC_MESSAGES"


class SpanishTests(PersonaTestCase):
    def test_the_spanish_catalog_is_complete_and_compiled(self):
        source = polib.pofile(str(CATALOG / "django.po"))
        self.assertEqual(source.untranslated_entries(), [])
        self.assertEqual(source.fuzzy_entries(), [])
        compiled = polib.mofile(str(CATALOG / "django.mo"))
        self.assertEqual(
            {(e.msgid, e.msgstr) for e in source if not e.msgid_plural},
            {(e.msgid, e.msgstr) for e in compiled if e.msgid and not e.msgid_plural},
            "run `make messages` after editing the catalog",
        )

    def test_the_language_switcher_changes_the_shell(self):
        client = Client()
        self.assertContains(client.get("/accounts/login/"), "Sign in")
        client.post("/i18n/setlang/", {"language": "es", "next": "/accounts/login/"})
        page = client.get("/accounts/login/")
        self.assertContains(page, '<html lang="es">')
        self.assertContains(page, "Iniciar sesión")
        self.assertContains(page, "Saltar al contenido principal")

    def test_a_signed_in_home_page_speaks_spanish(self):
        self.client.post("/i18n/setlang/", {"language": "es", "next": "/"})
        self.sign_in(self.ngozi)
        page = self.client.get("/")
        self.assertContains(page, "Hola, Ngozi")
        self.assertContains(page, "Gestor de casos en Cascade")
        self.assertContains(page, "Mi trabajo")


class CatalogCoverageTests(PersonaTestCase):
    def test_every_marked_string_is_in_the_catalog(self):
        """Catches a string added without `make messages`: single-line {% translate %} in
        templates and _("...") in code (blocktranslate is left to makemessages)."""
        root = Path(__file__).resolve().parents[2]
        catalog = {entry.msgid for entry in polib.pofile(str(CATALOG / "django.po"))}
        found = set()
        for template in root.glob("*/templates/**/*.html"):
            found |= set(re.findall(r'{% translate "([^"]+)" %}', template.read_text()))
        for module in root.glob("*/*.py"):
            found |= set(re.findall(r'\b_\(\s*"([^"]+)"\s*\)', module.read_text()))
        self.assertGreater(len(found), 100, "the scan found the marked strings")
        self.assertEqual(sorted(found - catalog), [])
