"""Stays as a lodging liaison makes them: check-in into a unit or the first free one,
check-out with housing at exit; a room is never double-booked and a place never holds more
than its units, even when two liaisons check people in at the same moment."""

from datetime import date, datetime, time, timedelta
from unittest import mock

from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.test import Client
from django.test.utils import CaptureQueriesContext

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action, AuditEvent
from goldenthread.casework.models import StatusRecord
from goldenthread.casework.services import status_record
from goldenthread.lodging import services
from goldenthread.lodging.models import LodgingPlace, PlaceKind, Stay, Unit
from goldenthread.lodging.selectors import occupancy
from goldenthread.lodging.views import STAYS_PAGE_SIZE
from goldenthread.organizations.models import OrganizationKind, Role
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import share


class LodgingTestCase(PersonaTestCase):
    """Lena, a lodging liaison, keeps the Harborview Inn's rooms 101 and 102; Ana, Ben and
    Cy may be lodged there."""

    lena: User
    inn: LodgingPlace
    rooms: list[Unit]
    people: list[Person]

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        cls.lena = cls.member("lena", OrganizationKind.LODGING_PROVIDER, Role.LODGING_LIAISON)
        cls.inn = LodgingPlace.objects.create(
            site=cls.site,
            organization=cls.orgs[OrganizationKind.LODGING_PROVIDER],
            name="Harborview Inn",
            kind=PlaceKind.HOTEL,
        )
        cls.rooms = [Unit.objects.create(place=cls.inn, label=f"{n}") for n in (101, 102)]
        cls.people = Person.objects.bulk_create(
            Person(site=cls.site, preferred_name=name) for name in ("Ana", "Ben", "Cy")
        )

    def check_in(self, person: Person, signed: date | None = None, **where: object) -> Stay:
        return services.stay_check_in(
            actor=self.lena,
            person=person,
            agreement_version="2026-1",
            agreement_signed_on=signed or self.site.today(),
            **where,  # type: ignore[arg-type]
        )


class StayTests(LodgingTestCase):
    def test_a_place_fills_unit_by_unit_and_then_says_it_is_full(self):
        first = self.check_in(self.people[0], place=self.inn)
        second = self.check_in(self.people[1], place=self.inn)
        self.assertEqual({first.unit, second.unit}, set(self.rooms))
        with self.assertRaisesMessage(ValidationError, "Harborview Inn is full"):
            self.check_in(self.people[2], place=self.inn)
        self.assertEqual(Stay.objects.count(), 2)

    def test_a_taken_room_and_a_second_stay_are_refused_with_nothing_written(self):
        self.check_in(self.people[0], unit=self.rooms[0])
        with self.assertRaisesMessage(ValidationError, "101 is already taken"):
            self.check_in(self.people[1], unit=self.rooms[0])
        with self.assertRaisesMessage(ValidationError, "already staying somewhere"):
            self.check_in(self.people[0], unit=self.rooms[1])
        self.assertEqual(Stay.objects.count(), 1)

    def test_two_liaisons_at_the_same_moment_cannot_double_book_a_room(self):
        """Liaison A finds room 101 free; liaison B checks someone into it and commits; A's
        write, made on what it read, is refused by the database, not squeezed in."""
        with transaction.atomic():
            seen_free = services._free_unit(self.inn)
        self.check_in(self.people[1], unit=seen_free)
        with (
            mock.patch.object(services, "_free_unit", return_value=seen_free),
            self.assertRaisesMessage(ValidationError, "101 is already taken"),
        ):
            self.check_in(self.people[0], place=self.inn)
        self.assertEqual(Stay.objects.filter(checked_out_at=None).count(), 1)
        night = occupancy(self.site, self.site.today())[0]
        self.assertEqual((night.units, night.occupied, night.vacant), (2, 1, 1))

    def test_the_database_itself_refuses_a_second_open_stay_in_a_unit(self):
        self.check_in(self.people[0], unit=self.rooms[0])
        with self.assertRaises(IntegrityError), transaction.atomic():
            Stay.objects.create(
                unit=self.rooms[0],
                person=self.people[1],
                checked_in_at=datetime.now().astimezone(),
                agreement_version="x",
                agreement_signed_on=date.today(),
                checked_in_by=self.lena,
            )

    def test_check_out_before_check_in_or_without_housing_at_exit_is_refused(self):
        stay = self.check_in(self.people[0], unit=self.rooms[0])
        with self.assertRaisesMessage(ValidationError, "before check-in"):
            services.stay_check_out(
                actor=self.lena,
                stay=stay,
                exit_housing="permanent",
                at=stay.checked_in_at - timedelta(hours=1),
            )
        with self.assertRaisesMessage(ValidationError, "housing at exit is needed"):
            services.stay_check_out(actor=self.lena, stay=stay, exit_housing="")
        stay.refresh_from_db()
        self.assertIsNone(stay.checked_out_at)
        services.stay_check_out(actor=self.lena, stay=stay, exit_housing="permanent")
        # The room is free again.
        self.check_in(self.people[1], unit=self.rooms[0])

    def test_nightly_occupancy_counts_who_held_a_unit_that_night(self):
        zone = self.site.zone
        three_nights_ago = self.site.today() - timedelta(days=3)
        stay = self.check_in(
            self.people[0],
            signed=three_nights_ago,
            unit=self.rooms[0],
            at=datetime.combine(three_nights_ago, time(20), zone),
        )
        services.stay_check_out(
            actor=self.lena,
            stay=stay,
            exit_housing="returned",
            at=datetime.combine(three_nights_ago + timedelta(days=2), time(10), zone),
        )
        nights = [
            occupancy(self.site, three_nights_ago + timedelta(days=d))[0].occupied for d in range(4)
        ]
        self.assertEqual(nights, [1, 1, 0, 0])
        self.assertEqual(occupancy(self.site, three_nights_ago)[0].vacant, 1)

    def test_the_liaison_reads_the_board_of_their_own_places_and_an_officer_cannot(self):
        self.check_in(self.people[0], unit=self.rooms[0])
        LodgingPlace.objects.create(
            site=self.site,
            organization=self.orgs[OrganizationKind.CASE_MANAGEMENT],
            name="Another provider's shelter",
            kind=PlaceKind.SHELTER,
        )
        response = self.sign_in(self.lena).get("/lodging/")
        self.assertContains(response, "1 of 2 taken, 1 empty.")
        self.assertNotContains(response, "Another provider")
        self.client.logout()
        self.assertContains(self.sign_in(self.lucia).get("/lodging/"), "Another provider")
        self.client.logout()
        self.assertEqual(self.sign_in(self.jordan).get("/lodging/").status_code, 403)

    def test_the_liaison_checks_someone_they_may_see_into_a_free_room(self):
        provider = self.orgs[OrganizationKind.LODGING_PROVIDER]
        Person.objects.filter(pk__in=[p.pk for p in self.people[:2]]).update(
            assigned_organization=provider
        )
        client = self.sign_in(self.lena)
        page = client.get(f"/lodging/{self.inn.pk}/check-in/")
        self.assertContains(page, "Ana")
        self.assertNotContains(page, ">Cy<")  # not shared with this provider
        self.assertAudited(action=Action.LIST, subject_person_id=self.people[0].pk)
        answer = client.post(
            f"/lodging/{self.inn.pk}/check-in/",
            {
                "person": self.people[0].pk,
                "unit": self.rooms[1].pk,
                "agreement_version": "2026-1",
                "agreement_signed_on": self.site.today().isoformat(),
            },
            follow=True,
        )
        self.assertContains(answer, "Ana checked in: Harborview Inn, 102.")
        self.assertEqual(Stay.objects.get(checked_out_at=None).unit, self.rooms[1])
        refused = client.post(
            f"/lodging/{self.inn.pk}/check-in/",
            {
                "person": self.people[2].pk,
                "agreement_version": "2026-1",
                "agreement_signed_on": self.site.today().isoformat(),
            },
        )
        self.assertEqual(refused.status_code, 400)
        self.assertEqual(Stay.objects.count(), 1)

    def test_another_organizations_place_is_not_found(self):
        shelter = LodgingPlace.objects.create(
            site=self.site,
            organization=self.orgs[OrganizationKind.CASE_MANAGEMENT],
            name="Elsewhere",
            kind=PlaceKind.SHELTER,
        )
        self.assertEqual(
            self.sign_in(self.lena).get(f"/lodging/{shelter.pk}/check-in/").status_code, 404
        )

    def test_the_board_names_who_is_staying_and_the_liaison_checks_them_out(self):
        stay = self.check_in(self.people[0], unit=self.rooms[0])
        client = self.sign_in(self.lena)
        self.assertContains(client.get("/lodging/"), "Ana")
        self.assertAudited(action=Action.LIST, subject_person_id=self.people[0].pk)
        url = f"/lodging/stays/{stay.pk}/check-out/"
        self.assertContains(client.get(url), "Where they went")
        refused = client.post(url, {"exit_housing": ""})
        self.assertEqual(refused.status_code, 400)
        answer = client.post(url, {"exit_housing": "permanent"}, follow=True)
        self.assertContains(answer, "Ana checked out of 101.")
        stay.refresh_from_db()
        self.assertEqual(stay.exit_housing, "permanent")
        self.assertEqual(client.post(url, {"exit_housing": "permanent"}).status_code, 404)

    def test_the_board_pages_who_is_staying_and_audits_only_the_names_shown(self):
        self.check_in(self.people[0], unit=self.rooms[0])
        client = self.sign_in(self.lena)
        client.get("/lodging/")  # the session settles on the first request
        one_guest = self.queries(client, "/lodging/")
        rooms = Unit.objects.bulk_create(
            Unit(place=self.inn, label=f"2{n:02d}") for n in range(STAYS_PAGE_SIZE + 3)
        )
        guests = Person.objects.bulk_create(
            Person(site=self.site, preferred_name=f"Guest {n:02d}") for n in range(len(rooms))
        )
        for room, guest in zip(rooms, guests, strict=True):
            self.check_in(guest, unit=room)
        before = AuditEvent.objects.filter(action=Action.LIST).count()
        self.assertEqual(self.queries(client, "/lodging/"), one_guest)
        self.assertEqual(
            AuditEvent.objects.filter(action=Action.LIST).count() - before, STAYS_PAGE_SIZE
        )
        first = client.get("/lodging/")
        self.assertContains(first, "Ana")  # room 101 comes before the 200s
        self.assertNotContains(first, "Guest 27")
        self.assertContains(first, "?page=2")
        second = client.get("/lodging/?page=2")
        self.assertContains(second, "Guest 27")
        self.assertNotContains(second, "Ana")

    def queries(self, client: Client, url: str) -> int:
        with CaptureQueriesContext(connection) as queries:
            self.assertEqual(client.get(url).status_code, 200)
        return len(queries)


class CheckOutChecklistTests(LodgingTestCase):
    """The housing-ready checklist at exit: documents and insurance, recorded as of the day
    of exit, shown only where a release lets the liaison read them."""

    def documents(self, person: Person) -> dict[str, tuple[str, date]]:
        return {r.kind: (r.value, r.as_of) for r in StatusRecord.objects.filter(person=person)}

    def test_what_changed_at_exit_is_recorded_as_of_that_day_and_the_rest_is_left(self):
        ana = self.people[0]
        status_record(
            actor=self.ngozi, person=ana, kind="photo_id", value="held", as_of=date(2026, 1, 5)
        )
        stay = self.check_in(ana, unit=self.rooms[0], signed=date(2026, 3, 1))
        Stay.objects.filter(pk=stay.pk).update(
            checked_in_at=datetime(2026, 3, 1, 12, tzinfo=self.site.zone)
        )
        stay.refresh_from_db()
        left = datetime(2026, 4, 2, 11, tzinfo=self.site.zone)
        services.stay_check_out(
            actor=self.lena,
            stay=stay,
            exit_housing="permanent",
            checklist={"photo_id": "held", "birth_certificate": "applied", "insurance": "medicaid"},
            at=left,
        )
        self.assertEqual(
            self.documents(ana),
            {
                "photo_id": ("held", date(2026, 1, 5)),  # unchanged: not recorded again
                "birth_certificate": ("applied", date(2026, 4, 2)),
                "insurance": ("medicaid", date(2026, 4, 2)),
            },
        )

    def test_a_bad_answer_is_refused_and_the_stay_stays_open(self):
        stay = self.check_in(self.people[0], unit=self.rooms[0])
        with self.assertRaises(ValidationError):
            services.stay_check_out(
                actor=self.lena,
                stay=stay,
                exit_housing="permanent",
                checklist={"insurance": "medicaid", "photo_id": "lost"},
            )
        stay.refresh_from_db()
        self.assertIsNone(stay.checked_out_at)
        self.assertEqual(self.documents(self.people[0]), {})

    def test_without_a_release_the_liaison_asks_and_sees_nothing_known(self):
        ana = self.people[0]
        status_record(
            actor=self.ngozi, person=ana, kind="insurance", value="medicaid", as_of=date(2026, 1, 5)
        )
        stay = self.check_in(ana, unit=self.rooms[0])
        url = f"/lodging/stays/{stay.pk}/check-out/"
        client = self.sign_in(self.lena)
        page = client.get(url)
        self.assertContains(page, "Ask the person")
        self.assertEqual(page.context["form"]["insurance"].value(), "")
        self.assertAudited(action=Action.VIEW, subject_person_id=ana.pk, categories=[])
        answer = client.post(
            url,
            {"exit_housing": "returned", "photo_id": "not_held", "insurance": "medicaid"},
            follow=True,
        )
        self.assertContains(answer, "Ana checked out of 101.")
        self.assertEqual(self.documents(ana)["photo_id"][0], "not_held")

    def test_with_a_release_the_liaison_starts_from_what_is_known(self):
        ana = self.people[0]
        ana.assigned_organization = self.orgs[OrganizationKind.CASE_MANAGEMENT]
        ana.save()
        share(ana, self.ngozi, [self.orgs[OrganizationKind.LODGING_PROVIDER]], ["housing_benefits"])
        status_record(
            actor=self.ngozi, person=ana, kind="insurance", value="medicaid", as_of=date(2026, 1, 5)
        )
        stay = self.check_in(ana, unit=self.rooms[0])
        page = self.sign_in(self.lena).get(f"/lodging/stays/{stay.pk}/check-out/")
        self.assertContains(page, "What is known today")
        self.assertEqual(page.context["form"]["insurance"].value(), "medicaid")
        self.assertAudited(
            action=Action.VIEW, subject_person_id=ana.pk, categories=["housing_benefits"]
        )
