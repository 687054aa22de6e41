"""Status over time: what was true on any date, and month by month."""

from datetime import date

from django.core.exceptions import ValidationError
from django.test import Client

from goldenthread.casework.selectors import status_by_month, status_on
from goldenthread.casework.services import status_record
from goldenthread.consent.models import CategoryCode
from goldenthread.organizations.models import OrganizationKind
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind


class StatusTests(PersonaTestCase):
    def setUp(self):
        self.person = participant(self.site, self.orgs[K.CASE_MANAGEMENT], self.ngozi)
        self.person.date_of_birth = date(1980, 1, 1)
        self.person.save()

    def record(self, kind, value, as_of):
        return status_record(
            actor=self.ngozi, person=self.person, kind=kind, value=value, as_of=as_of
        )

    def test_what_was_true_on_a_date_across_changes(self):
        self.record("housing", "116", date(2025, 3, 10))  # unsheltered
        self.record("housing", "101", date(2025, 6, 1))  # shelter
        self.record("housing", "435", date(2025, 9, 15))  # subsidized rental
        self.record("income", "benefits", date(2025, 7, 1))
        records = list(self.person.status_records.all())
        cases = [
            (date(2025, 3, 9), {}),
            (date(2025, 3, 10), {"housing": "116"}),
            (date(2025, 5, 31), {"housing": "116"}),
            (date(2025, 6, 1), {"housing": "101"}),
            (date(2025, 7, 1), {"housing": "101", "income": "benefits"}),
            (date(2025, 9, 14), {"housing": "101", "income": "benefits"}),
            (date(2025, 9, 15), {"housing": "435", "income": "benefits"}),
        ]
        for day, expected in cases:
            with self.subTest(day=day):
                state = status_on(records, day)
                self.assertEqual({k: r.value for k, r in state.items()}, expected)

    def test_by_month_uses_each_months_end(self):
        self.record("housing", "116", date(2025, 3, 10))
        self.record("housing", "101", date(2025, 4, 30))
        months = status_by_month(list(self.person.status_records.all()), date(2025, 6, 15), 4)
        self.assertEqual(
            [(m.isoformat(), s["housing"].value if "housing" in s else None) for m, s in months],
            [
                ("2025-03-01", "116"),
                ("2025-04-01", "101"),
                ("2025-05-01", "101"),
                ("2025-06-01", "101"),
            ],
        )
        self.assertEqual(len(status_by_month([], date(2026, 1, 31))), 18)

    def test_bad_values_and_dates_are_refused_by_field(self):
        for kwargs, field in [
            ({"kind": "housing", "value": "full_time", "as_of": date(2025, 1, 1)}, "value"),
            ({"kind": "astrology", "value": "x", "as_of": date(2025, 1, 1)}, "kind"),
            ({"kind": "income", "value": "none", "as_of": date(2099, 1, 1)}, "as_of"),
            ({"kind": "income", "value": "none", "as_of": date(1979, 1, 1)}, "as_of"),
        ]:
            with self.subTest(field=field, kwargs=kwargs):
                with self.assertRaises(ValidationError) as refused:
                    self.record(**kwargs)
                self.assertIn(field, refused.exception.message_dict)

    def test_the_care_team_records_on_screen_and_a_partner_only_reads(self):
        self.sign_in(self.ngozi)
        response = self.client.post(
            f"/people/{self.person.pk}/status/", {"status": "housing:101", "as_of": "2025-06-01"}
        )
        self.assertRedirects(response, f"/people/{self.person.pk}/status/")
        page = self.client.get(f"/people/{self.person.pk}/status/")
        self.assertContains(page, "Emergency shelter (since 2025-06-01)")
        self.assertAudited(action="create", object_type="casework.statusrecord")
        share(self.person, self.ngozi, [K.POLICE], [CategoryCode.HOUSING_BENEFITS])
        officer = self.sign_in(self.jordan, Client())
        self.assertContains(officer.get(f"/people/{self.person.pk}/status/"), "Emergency shelter")
        refused = officer.post(
            f"/people/{self.person.pk}/status/", {"status": "housing:116", "as_of": "2025-07-01"}
        )
        self.assertEqual(refused.status_code, 403)
