"""The staff side of a place: notes on a stay, a lead named for each shift, and the
overnight on-call log, each line within the night's hours and about someone who was
staying there then."""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.audit.models import Action
from goldenthread.lodging import services
from goldenthread.lodging.models import OnCallEntry, Shift, ShiftKind, Stay, StayNote
from goldenthread.lodging.selectors import night_moment, night_of
from goldenthread.lodging.tests.test_stays import LodgingTestCase
from goldenthread.organizations.models import OrganizationKind, Role

K = OrganizationKind


class StayNoteTests(LodgingTestCase):
    def test_the_liaison_keeps_notes_on_a_stay_and_others_cannot_open_it(self):
        stay = self.check_in(self.people[0], unit=self.rooms[0])
        client = self.sign_in(self.lena)
        url = f"/lodging/stays/{stay.pk}/"
        refused = client.post(url, {"text": "   "})
        self.assertContains(refused, "Write the note.", status_code=400)
        self.assertFalse(StayNote.objects.exists())
        saved = client.post(url, {"text": "Room check 10:00.\nAsked for a fan."}, follow=True)
        self.assertContains(saved, "Asked for a fan.")
        self.assertEqual(StayNote.objects.get().text, "Room check 10:00.\nAsked for a fan.")
        self.assertAudited(
            action=Action.VIEW, subject_person_id=stay.person_id, categories=["case_notes"]
        )
        for outsider in (self.ngozi, self.jordan):
            with self.subTest(outsider=outsider.username):
                self.assertEqual(self.sign_in(outsider).get(url).status_code, 404)


class RotaTests(LodgingTestCase):
    def test_one_lead_a_shift_from_the_places_own_liaisons(self):
        day = self.site.today()
        client = self.sign_in(self.lena)
        url = f"/lodging/{self.inn.pk}/rota/"
        self.assertContains(client.get(url), "no one named")
        named = client.post(url, {"day": day, "kind": "overnight", "lead": self.lena.pk})
        self.assertEqual(named.status_code, 302)
        mo = self.member("mo", K.LODGING_PROVIDER, Role.LODGING_LIAISON)
        client.post(url, {"day": day, "kind": "overnight", "lead": mo.pk})
        self.assertEqual(Shift.objects.get(place=self.inn, day=day, kind="overnight").lead, mo)
        # Ngozi works for a case management agency, not for the hotel.
        refused = client.post(url, {"day": day, "kind": "day", "lead": self.ngozi.pk})
        self.assertEqual(refused.status_code, 400)
        with self.assertRaisesMessage(ValidationError, "A shift lead works for"):
            services.shift_lead_set(
                actor=self.lena, place=self.inn, day=day, kind="day", lead=self.ngozi
            )
        self.assertEqual(Shift.objects.count(), 1)

    def test_a_mistyped_or_far_off_week_falls_back_to_this_one(self):
        client = self.sign_in(self.lena)
        for value in ("9999-12-31", "0001-01-01", "not-a-date", "2026-02-30"):
            with self.subTest(value=value):
                for page, key in (("rota", "from"), ("on-call", "night")):
                    answer = client.get(f"/lodging/{self.inn.pk}/{page}/", {key: value})
                    self.assertEqual(answer.status_code, 200)
        first = client.get(f"/lodging/{self.inn.pk}/rota/", {"from": "9999-12-31"})
        self.assertEqual(first.context["rows"][0][0], self.site.today())


class NightTests(LodgingTestCase):
    def test_a_night_runs_from_its_evening_to_the_next_afternoon_for_reading(self):
        zone = self.site.zone
        monday = date(2026, 11, 23)

        def at(day: date, hour: int) -> datetime:
            return datetime.combine(day, time(hour), tzinfo=zone)

        tuesday = monday + timedelta(days=1)
        for moment, night in (
            (at(monday, 23), monday),
            (at(tuesday, 2), monday),
            (at(tuesday, 14), monday),
            (at(tuesday, 22), tuesday),
        ):
            with self.subTest(moment=moment):
                self.assertEqual(night_of(self.site, moment), night)
        self.assertEqual(
            night_moment(self.site, monday, time(23, 30)), at(monday, 23) + timedelta(minutes=30)
        )
        self.assertEqual(
            night_moment(self.site, monday, time(2, 10)), at(tuesday, 2) + timedelta(minutes=10)
        )


class OnCallTests(LodgingTestCase):
    night: date
    url: str

    def setUp(self):
        super().setUp()
        self.night = night_of(self.site, timezone.now()) - timedelta(days=2)
        self.url = f"/lodging/{self.inn.pk}/on-call/?night={self.night}"
        self.ana = self.check_in(self.people[0], unit=self.rooms[0])
        Stay.objects.filter(pk=self.ana.pk).update(
            checked_in_at=night_moment(self.site, self.night, time(12)) - timedelta(days=1)
        )
        self.ana.refresh_from_db()

    def shift(self) -> Shift:
        return services.shift_lead_set(
            actor=self.lena, place=self.inn, day=self.night, kind="overnight", lead=self.lena
        )

    def test_nothing_is_logged_until_someone_is_named_on_call(self):
        client = self.sign_in(self.lena)
        self.assertContains(client.get(self.url), "No one is named on call this night.")
        refused = client.post(self.url, {"time": "02:10", "what_happened": "Lockout"})
        self.assertContains(refused, "name the lead first", status_code=400)
        self.assertFalse(OnCallEntry.objects.exists())

    def test_the_one_on_call_logs_a_call_about_a_guest_at_two_in_the_morning(self):
        self.shift()
        client = self.sign_in(self.lena)
        page = client.get(self.url)
        self.assertContains(page, "On call: Lena.")
        self.assertContains(page, "Ana · 101")  # a guest that night
        answer = client.post(
            self.url,
            {"time": "02:10", "stay": self.ana.pk, "what_happened": "Locked out; let her in."},
            follow=True,
        )
        self.assertContains(answer, "Locked out; let her in.")
        entry = OnCallEntry.objects.get()
        self.assertEqual(entry.occurred_at, night_moment(self.site, self.night, time(2, 10)))
        self.assertEqual(
            entry.occurred_at.astimezone(self.site.zone).date(), self.night + timedelta(days=1)
        )
        self.assertAudited(
            action=Action.LIST, subject_person_id=self.ana.person_id, categories=["case_notes"]
        )

    def test_a_line_outside_the_nights_hours_or_about_someone_not_staying_is_refused(self):
        shift = self.shift()
        client = self.sign_in(self.lena)
        afternoon = client.post(self.url, {"time": "15:00", "what_happened": "Noise"})
        self.assertContains(afternoon, "the night&#x27;s on-call hours", status_code=400)
        ben = self.check_in(self.people[1], unit=self.rooms[1])  # checked in today
        with self.assertRaisesMessage(ValidationError, "That guest was not staying here then."):
            services.on_call_log(
                actor=self.lena,
                shift=shift,
                occurred_at=night_moment(self.site, self.night, time(23)),
                stay=ben,
                what_happened="Noise complaint",
            )
        tonight = services.shift_lead_set(
            actor=self.lena,
            place=self.inn,
            day=night_of(self.site, timezone.now()) + timedelta(days=1),
            kind="overnight",
            lead=self.lena,
        )
        with self.assertRaisesMessage(ValidationError, "This time has not come yet."):
            services.on_call_log(
                actor=self.lena,
                shift=tonight,
                occurred_at=night_moment(self.site, tonight.day, time(23)),
                what_happened="Quiet",
            )
        day_shift = services.shift_lead_set(
            actor=self.lena, place=self.inn, day=self.night, kind=ShiftKind.DAY, lead=self.lena
        )
        with self.assertRaisesMessage(ValidationError, "Only the overnight on-call shift"):
            services.on_call_log(
                actor=self.lena,
                shift=day_shift,
                occurred_at=night_moment(self.site, self.night, time(23)),
                what_happened="Quiet",
            )
        self.assertFalse(OnCallEntry.objects.exists())
