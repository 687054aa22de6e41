from io import StringIO
from unittest import mock

from django.core.management import call_command
from django.test import Client, TestCase

from goldenthread.accounts.models import User
from goldenthread.demo.personas import DEMO_PASSWORD, PERSONAS
from goldenthread.organizations.models import Membership, Organization, OrganizationKind, Role
from goldenthread.people.models import Person


class DemoTests(TestCase):
    def run_demo(self, *args):
        out = StringIO()
        call_command("demo", *args, stdout=out)
        return out.getvalue()

    def test_it_builds_every_organization_kind_and_a_login_per_persona(self):
        output = self.run_demo("--seed", "7")
        self.assertEqual(
            set(Organization.objects.values_list("kind", flat=True)), set(OrganizationKind.values)
        )
        self.assertEqual(set(Membership.objects.values_list("role", flat=True)), set(Role.values))
        for persona in PERSONAS:
            self.assertIn(persona.username, output)
        self.assertIn(DEMO_PASSWORD, output)

    def test_it_is_idempotent_and_deterministic(self):
        first = self.run_demo("--seed", "7")
        counts = (User.objects.count(), Organization.objects.count(), Membership.objects.count())
        second = self.run_demo("--seed", "7")
        self.assertEqual(first, second)
        self.assertEqual(
            counts, (User.objects.count(), Organization.objects.count(), Membership.objects.count())
        )
        self.assertNotEqual(first, self.run_demo("--seed", "8"))

    def test_its_printed_credentials_sign_in(self):
        output = self.run_demo("--seed", "7")
        line = next(
            line
            for line in output.splitlines()
            if "recovery codes" in line and output.index(line) > output.index("cm.okafor")
        )
        code = line.split("recovery codes")[1].split()[0]
        client = Client()
        client.post("/accounts/login/", {"username": "cm.okafor", "password": DEMO_PASSWORD})
        self.assertEqual(client.post("/accounts/mfa/", {"token": code}).status_code, 302)
        self.assertContains(client.get("/"), "Case manager at Harbor Case Management Services")

    def test_the_large_size_adds_staff_for_benchmarks(self):
        with mock.patch("goldenthread.demo.generator.LARGE_POPULATION", 60):
            output = self.run_demo("--size", "large")
        self.assertEqual(Person.objects.count(), 60)
        self.assertIn("staff accounts for benchmarks", output)
        self.assertGreater(User.objects.count(), 200)
