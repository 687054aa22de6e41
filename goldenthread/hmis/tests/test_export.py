"""The HMIS export as the site admin makes it: only what each person's release shares with
the continuum's HMIS, in HUD's FY2026 columns and codes, every disclosure audited."""

import csv
import hashlib
import io
import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from tempfile import TemporaryDirectory

from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action, AuditEvent
from goldenthread.casework.models import ContactMode, PlaceType, StatusKind
from goldenthread.casework.services import contact_log, engagement_change, status_record
from goldenthread.consent.models import CategoryCode
from goldenthread.consent.services import consent_revoke
from goldenthread.hmis import codes
from goldenthread.hmis.hashing import hashed_name
from goldenthread.hmis.services import Export, hmis_export
from goldenthread.hmis.spec import FILES
from goldenthread.lodging import services as lodging
from goldenthread.lodging.models import ExitHousing, LodgingPlace, PlaceKind, Unit
from goldenthread.organizations.models import Organization, OrganizationKind, Role
from goldenthread.organizations.services import site_update
from goldenthread.people.models import EngagementStatus, Person, RaceEthnicity, Sex
from goldenthread.referrals.models import ConductCategory, Door, Referral, ReferralStatus
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

# HUD's FY2026 sample export (HMIS/LSASampleCode, "Sample HMIS Data"), header lines as
# published: the files a receiving HMIS checks column by column.
HUD_CLIENT = (
    "PersonalID,FirstName,MiddleName,LastName,NameSuffix,NameDataQuality,SSN,SSNDataQuality,"
    "DOB,DOBDataQuality,Sex,AmIndAKNative,Asian,BlackAfAmerican,HispanicLatinao,"
    "MidEastNAfrican,NativeHIPacific,White,RaceNone,AdditionalRaceEthnicity,VeteranStatus,"
    "YearEnteredService,YearSeparated,WorldWarII,KoreanWar,VietnamWar,DesertStorm,"
    "AfghanistanOEF,IraqOIF,IraqOND,OtherTheater,MilitaryBranch,DischargeStatus,DateCreated,"
    "DateUpdated,UserID,DateDeleted,ExportID"
)
HUD_SERVICES = (
    "ServicesID,EnrollmentID,PersonalID,DateProvided,RecordType,TypeProvided,"
    "OtherTypeProvided,MovingOnOtherType,SubTypeProvided,FAAmount,FAStartDate,FAEndDate,"
    "ReferralOutcome,DateCreated,DateUpdated,UserID,DateDeleted,ExportID"
)
HUD_ENROLLMENT_START = (
    "EnrollmentID,PersonalID,ProjectID,EntryDate,HouseholdID,RelationshipToHoH,"
    "EnrollmentCoC,LivingSituation,RentalSubsidyType,LengthOfStay,LOSUnderThreshold,"
    "PreviousStreetESSH,DateToStreetESSH,TimesHomelessPastThreeYears,"
    "MonthsHomelessPastThreeYears,DisablingCondition,DateOfEngagement,MoveInDate"
)
HUD_ENROLLMENT_END = (
    "CoCPrioritized,HPScreeningScore,ThresholdScore,MentalHealthConsultation,DateCreated,"
    "DateUpdated,UserID,DateDeleted,ExportID"
)


def read(export: Export, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(export.files[name])))


class HmisExportTestCase(PersonaTestCase):
    """Cascade reports to its continuum's HMIS. Rosa is enrolled in LEAD and has released
    her enrollment, housing and benefits to the HMIS; Ben released only his enrollment
    status; Cy released nothing to it."""

    hmis: Organization
    provider: Organization
    today: date
    rosa: Person
    ben: Person
    cy: Person

    @classmethod
    def setUpTestData(cls):
        super().setUpTestData()
        site_update(actor=None, site=cls.site, hmis_coc_code="XX-501", hmis_geocode="539999")
        cls.hmis = cls.orgs[OrganizationKind.HMIS]
        cls.provider = cls.orgs[OrganizationKind.CASE_MANAGEMENT]
        cls.today = cls.site.today()
        cls.rosa = cls.enrolled(
            legal_first_name="Rosa",
            legal_last_name="Delgado",
            race_ethnicity_self=[RaceEthnicity.HISPANIC, RaceEthnicity.WHITE],
            sex=Sex.FEMALE,
        )
        share(cls.rosa, cls.ngozi, [cls.hmis], [CategoryCode.ENROLLMENT_STATUS, "housing_benefits"])
        cls.ben = cls.enrolled(legal_first_name="Ben", legal_last_name="Ito")
        share(cls.ben, cls.ngozi, [cls.hmis], [CategoryCode.ENROLLMENT_STATUS])
        cls.cy = cls.enrolled(legal_first_name="Cy", legal_last_name="Moss")
        share(cls.cy, cls.ngozi, [cls.orgs[OrganizationKind.POLICE]])

    @classmethod
    def enrolled(cls, days_ago: int = 30, **fields) -> Person:
        person = participant(cls.site, cls.provider, cls.ngozi, **fields)
        intake = datetime.combine(cls.today - timedelta(days=days_ago), time(10), cls.site.zone)
        Referral.objects.create(
            site=cls.site,
            door=Door.SOCIAL_CONTACT,
            status=ReferralStatus.ENROLLED,
            person=person,
            referrer=cls.jordan,
            referrer_organization=cls.orgs[OrganizationKind.POLICE],
            occurred_at=intake - timedelta(days=2),
            conduct=ConductCategory.values[0],
            intake_completed_at=intake,
            receipt_code=f"HMIS{person.pk:06d}",
        )
        return person

    def export(self, **options) -> Export:
        period = {"start": self.today - timedelta(days=364), "end": self.today}
        return hmis_export(actor=self.dana, recipient=self.hmis, **{**period, **options})


class ReleasesDecideTests(HmisExportTestCase):
    def test_each_person_goes_only_as_far_as_their_release_to_the_hmis(self):
        status_record(
            actor=self.ngozi,
            person=self.rosa,
            kind=StatusKind.HOUSING,
            value="116",
            as_of=self.today - timedelta(days=40),
        )
        status_record(
            actor=self.ngozi,
            person=self.ben,
            kind=StatusKind.HOUSING,
            value="101",
            as_of=self.today - timedelta(days=40),
        )
        made = self.export()
        clients = {row["PersonalID"] for row in read(made, "Client")}
        self.assertEqual(clients, {str(self.rosa.pk), str(self.ben.pk)})
        enrollments = {row["PersonalID"]: row for row in read(made, "Enrollment")}
        # Rosa's release covers housing: her living situation at entry goes.
        self.assertEqual(enrollments[str(self.rosa.pk)]["LivingSituation"], "116")
        # Ben's covers his enrollment only: his is not collected, and he has no income rows.
        self.assertEqual(enrollments[str(self.ben.pk)]["LivingSituation"], "99")
        income = {row["PersonalID"] for row in read(made, "IncomeBenefits")}
        self.assertEqual(income, {str(self.rosa.pk)})

    def test_a_revoked_release_takes_the_person_out(self):
        consent = self.ben.consents.get()
        consent_revoke(actor=self.ngozi, consent=consent, how="Told his case manager.")
        clients = {row["PersonalID"] for row in read(self.export(), "Client")}
        self.assertNotIn(str(self.ben.pk), clients)

    def test_a_release_to_every_hmis_by_kind_counts(self):
        share(self.cy, self.ngozi, [OrganizationKind.HMIS], [CategoryCode.ENROLLMENT_STATUS])
        clients = {row["PersonalID"] for row in read(self.export(), "Client")}
        self.assertIn(str(self.cy.pk), clients)

    def test_every_person_sent_is_audited_with_what_and_to_whom(self):
        made = self.export()
        events = AuditEvent.objects.filter(action=Action.EXPORT)
        self.assertEqual(
            {e.subject_person_id: e.categories for e in events},
            {
                self.rosa.pk: [CategoryCode.ENROLLMENT_STATUS, "housing_benefits"],
                self.ben.pk: [CategoryCode.ENROLLMENT_STATUS],
            },
        )
        for event in events:
            self.assertEqual(event.actor_id, self.dana.pk)
            self.assertEqual(event.detail["hmis_export"], made.export_id)
            self.assertEqual(event.detail["recipient"], self.hmis.pk)


class FilesTests(HmisExportTestCase):
    def test_every_file_is_written_with_hud_headers_even_when_empty(self):
        made = self.export()
        self.assertEqual(set(made.files), set(FILES))
        self.assertEqual(len(FILES), 24)
        for name, text in made.files.items():
            self.assertEqual(text.split("\r\n")[0], ",".join(FILES[name]), name)
        self.assertEqual(made.files["Client"].split("\r\n")[0], HUD_CLIENT)
        self.assertEqual(made.files["Services"].split("\r\n")[0], HUD_SERVICES)
        header = made.files["Enrollment"].split("\r\n")[0]
        self.assertTrue(header.startswith(HUD_ENROLLMENT_START))
        self.assertTrue(header.endswith(HUD_ENROLLMENT_END))
        self.assertEqual(made.files["HealthAndDV"], ",".join(FILES["HealthAndDV"]) + "\r\n")

    def test_strings_are_quoted_numbers_and_dates_bare_nulls_empty(self):
        made = self.export()
        line = next(
            line
            for line in made.files["Client"].split("\r\n")
            if line.startswith(f'"{self.rosa.pk}"')
        )
        values = line.split(",")
        self.assertEqual(values[1], '"Rosa"')  # FirstName
        self.assertEqual(values[2], "")  # MiddleName: null
        self.assertEqual(values[5], "1")  # NameDataQuality: full name
        self.assertRegex(values[-5], r"^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d$")  # DateCreated
        export = read(made, "Export")[0]
        self.assertEqual(export["ExportID"], made.export_id)
        self.assertEqual(export["CSVVersion"], "2026 v1.0")
        self.assertEqual(export["HashStatus"], "1")
        for name in ("Client", "Enrollment", "Project", "Organization", "User"):
            for row in read(made, name):
                self.assertEqual(row["ExportID"], made.export_id, name)

    def test_a_quote_inside_a_value_is_doubled(self):
        Organization.objects.filter(pk=self.provider.pk).update(name='The "Harbor" Team')
        made = self.export()
        self.assertIn('"The ""Harbor"" Team"', made.files["Organization"])
        self.assertEqual(read(made, "Organization")[0]["OrganizationName"], 'The "Harbor" Team')

    def test_race_sex_and_projects_in_hud_codes(self):
        made = self.export()
        rosa = next(r for r in read(made, "Client") if r["PersonalID"] == str(self.rosa.pk))
        self.assertEqual((rosa["HispanicLatinao"], rosa["White"], rosa["Asian"]), ("1", "1", "0"))
        self.assertEqual(rosa["RaceNone"], "")
        self.assertEqual(rosa["Sex"], "0")
        ben = next(r for r in read(made, "Client") if r["PersonalID"] == str(self.ben.pk))
        self.assertEqual((ben["White"], ben["RaceNone"], ben["Sex"]), ("0", "99", "99"))
        project = read(made, "Project")[0]
        self.assertEqual(project["ProjectID"], f"LEAD{self.provider.pk}")
        self.assertEqual(project["ProjectType"], str(codes.PROJECT_SERVICES_ONLY))
        coc = read(made, "ProjectCoC")[0]
        self.assertEqual((coc["CoCCode"], coc["Geocode"]), ("XX-501", "539999"))

    def test_hashed_names_are_sha256_of_their_soundex(self):
        made = self.export(hashed=True)
        rosa = next(r for r in read(made, "Client") if r["PersonalID"] == str(self.rosa.pk))
        self.assertEqual(rosa["FirstName"], hashlib.sha256(b"R200").hexdigest())
        self.assertEqual(rosa["LastName"], hashlib.sha256(b"D423").hexdigest())
        self.assertEqual(read(made, "Export")[0]["HashStatus"], "4")
        self.assertNotIn("Rosa", made.files["Client"])

    def test_soundex_vectors(self):
        # American Soundex: H and W do not separate letters of one code; accents drop.
        self.assertEqual(hashed_name("Robert"), hashed_name("Rupert"))
        self.assertEqual(hashed_name("Ashcraft"), hashlib.sha256(b"A261").hexdigest())
        self.assertEqual(hashed_name("Tymczak"), hashlib.sha256(b"T522").hexdigest())
        self.assertEqual(hashed_name("José"), hashed_name("Jose"))
        self.assertEqual(hashed_name("O'Brien-Smith"), hashed_name("OBrienSmith"))
        self.assertIsNone(hashed_name("  -- "))


class ExitsTests(HmisExportTestCase):
    def test_an_exit_carries_the_destination_of_the_housing_status_then(self):
        status_record(
            actor=self.ngozi,
            person=self.rosa,
            kind=StatusKind.HOUSING,
            value="335",  # a family member's home: 3.12 asks the tenure, so temporary
            as_of=self.today,
        )
        engagement_change(
            actor=self.ngozi, person=self.rosa, to=EngagementStatus.CLOSED, close_reason="other"
        )
        exits = read(self.export(), "Exit")
        self.assertEqual(len(exits), 1)
        self.assertEqual(exits[0]["Destination"], "312")
        self.assertEqual(exits[0]["ExitDate"], self.today.isoformat())

    def test_a_death_is_destination_24_whatever_the_release_covers(self):
        engagement_change(
            actor=self.ngozi, person=self.ben, to=EngagementStatus.CLOSED, close_reason="deceased"
        )
        exits = {row["PersonalID"]: row for row in read(self.export(), "Exit")}
        self.assertEqual(exits[str(self.ben.pk)]["Destination"], str(codes.DECEASED))

    def test_an_enrollment_that_ended_before_the_period_is_left_out(self):
        engagement_change(
            actor=self.ngozi, person=self.rosa, to=EngagementStatus.CLOSED, close_reason="other"
        )
        made = self.export(start=self.today + timedelta(days=1), end=self.today + timedelta(days=1))
        # Ben is still enrolled then; Rosa's enrollment ended the day before.
        self.assertEqual([r["PersonalID"] for r in read(made, "Enrollment")], [str(self.ben.pk)])
        self.assertEqual([r["PersonalID"] for r in read(made, "Client")], [str(self.ben.pk)])

    def test_an_exit_after_the_period_is_not_one_yet(self):
        engagement_change(
            actor=self.ngozi, person=self.rosa, to=EngagementStatus.CLOSED, close_reason="other"
        )
        made = self.export(end=self.today - timedelta(days=1))
        self.assertEqual(len(read(made, "Enrollment")), 2)
        self.assertEqual(read(made, "Exit"), [])


class ContactsAndIncomeTests(HmisExportTestCase):
    def test_in_person_contacts_are_current_living_situations(self):
        membership = self.membership(self.ngozi)
        when = datetime.combine(self.today - timedelta(days=3), time(14), self.site.zone)
        for mode in (ContactMode.IN_PERSON, ContactMode.PHONE):
            contact_log(
                actor=self.ngozi,
                membership=membership,
                person=self.rosa,
                occurred_at=when,
                mode=mode,
                place=PlaceType.STREET,
                substantive=True,
            )
        status_record(
            actor=self.ngozi,
            person=self.rosa,
            kind=StatusKind.HOUSING,
            value="116",
            as_of=self.today - timedelta(days=10),
        )
        made = self.export()
        situations = read(made, "CurrentLivingSituation")
        self.assertEqual(len(situations), 1)
        self.assertEqual(situations[0]["CurrentLivingSituation"], "116")
        self.assertEqual(situations[0]["UserID"], str(self.ngozi.pk))
        users = {row["UserID"] for row in read(made, "User")}
        self.assertEqual(users, {"system", str(self.ngozi.pk)})
        enrollment = next(
            r for r in read(made, "Enrollment") if r["PersonalID"] == str(self.rosa.pk)
        )
        self.assertEqual(
            enrollment["DateOfEngagement"], (self.today - timedelta(days=3)).isoformat()
        )

    def test_income_and_insurance_at_entry(self):
        entry = self.today - timedelta(days=30)
        for kind, value in ((StatusKind.INCOME, "earned"), (StatusKind.INSURANCE, "medicaid")):
            status_record(actor=self.ngozi, person=self.rosa, kind=kind, value=value, as_of=entry)
        row = next(
            r for r in read(self.export(), "IncomeBenefits") if r["PersonalID"] == str(self.rosa.pk)
        )
        self.assertEqual(row["DataCollectionStage"], str(codes.STAGE_ENTRY))
        self.assertEqual((row["IncomeFromAnySource"], row["Earned"], row["SSI"]), ("1", "1", "0"))
        self.assertEqual((row["InsuranceFromAnySource"], row["Medicaid"]), ("1", "1"))
        self.assertEqual((row["Medicare"], row["BenefitsFromAnySource"]), ("0", "99"))


class LodgingTests(HmisExportTestCase):
    lena: User
    inn: LodgingPlace
    room: Unit

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
        cls.room = Unit.objects.create(place=cls.inn, label="101")

    def stay(self, person: Person, nights_ago: int):
        checked_in = datetime.combine(
            self.today - timedelta(days=nights_ago), time(18), self.site.zone
        )
        return lodging.stay_check_in(
            actor=self.lena,
            person=person,
            unit=self.room,
            agreement_version="2026-1",
            agreement_signed_on=checked_in.date(),
            at=checked_in,
        )

    def test_a_stay_is_a_shelter_enrollment_with_a_bed_night_for_each_night(self):
        stay = self.stay(self.rosa, nights_ago=3)
        lodging.stay_check_out(actor=self.lena, stay=stay, exit_housing=ExitHousing.RETURNED)
        made = self.export()
        enrollment = next(r for r in read(made, "Enrollment") if r["EnrollmentID"] == f"S{stay.pk}")
        self.assertEqual(enrollment["ProjectID"], f"ES{self.inn.pk}")
        nights = [r["DateProvided"] for r in read(made, "Services")]
        self.assertEqual(nights, [(self.today - timedelta(days=n)).isoformat() for n in (3, 2, 1)])
        self.assertTrue(all(r["RecordType"] == "200" for r in read(made, "Services")))
        exit_row = next(r for r in read(made, "Exit") if r["EnrollmentID"] == f"S{stay.pk}")
        self.assertEqual(exit_row["Destination"], str(codes.OTHER_DESTINATION))
        self.assertEqual(
            exit_row["OtherDestination"], "Returned to homelessness, place not recorded"
        )
        project = next(r for r in read(made, "Project") if r["ProjectID"] == f"ES{self.inn.pk}")
        self.assertEqual(project["ProjectType"], str(codes.PROJECT_EMERGENCY_SHELTER_NIGHTLY))
        inventory = read(made, "Inventory")[0]
        self.assertEqual((inventory["UnitInventory"], inventory["BedInventory"]), ("1", "1"))

    def test_a_housing_status_recorded_during_the_stay_gives_the_destination(self):
        stay = self.stay(self.rosa, nights_ago=2)
        status_record(
            actor=self.ngozi,
            person=self.rosa,
            kind=StatusKind.HOUSING,
            value="410",
            as_of=self.today,
        )
        lodging.stay_check_out(actor=self.lena, stay=stay, exit_housing=ExitHousing.PERMANENT)
        exit_row = next(
            r for r in read(self.export(), "Exit") if r["EnrollmentID"] == f"S{stay.pk}"
        )
        self.assertEqual((exit_row["Destination"], exit_row["OtherDestination"]), ("410", ""))

    def test_an_open_stay_counts_nights_until_last_night(self):
        self.stay(self.rosa, nights_ago=2)
        nights = [r["DateProvided"] for r in read(self.export(), "Services")]
        self.assertEqual(nights, [(self.today - timedelta(days=n)).isoformat() for n in (2, 1)])

    def test_a_stay_needs_a_release_of_housing(self):
        self.stay(self.ben, nights_ago=2)
        made = self.export()
        self.assertEqual(read(made, "Services"), [])
        self.assertFalse(any(r["ProjectID"].startswith("ES") for r in read(made, "Project")))


class RefusalsTests(HmisExportTestCase):
    def test_without_a_coc_code_nothing_is_read_or_recorded(self):
        site_update(actor=None, site=self.site, hmis_coc_code="", hmis_geocode="")
        self.hmis.refresh_from_db()
        with self.assertRaisesMessage(ValidationError, "continuum of care code"):
            self.export()
        self.assertFalse(AuditEvent.objects.filter(action=Action.EXPORT).exists())

    def test_a_backwards_period_is_refused(self):
        with self.assertRaisesMessage(ValidationError, "ends before it starts"):
            self.export(start=self.today, end=self.today - timedelta(days=1))

    def test_a_malformed_coc_code_is_refused_in_the_settings(self):
        with self.assertRaises(ValidationError):
            site_update(actor=None, site=self.site, hmis_coc_code="WA500")


class ScreenAndCommandTests(HmisExportTestCase):
    def test_the_site_admin_downloads_every_file_in_one_zip(self):
        client = self.sign_in(self.dana)
        page = client.get("/hmis/export/")
        self.assertContains(page, "Export to HMIS")
        response = client.post(
            "/hmis/export/",
            {
                "recipient": self.hmis.pk,
                "start": (self.today - timedelta(days=60)).isoformat(),
                "end": self.today.isoformat(),
            },
        )
        self.assertEqual(response["Content-Type"], "application/zip")
        archive = zipfile.ZipFile(io.BytesIO(response.content))
        self.assertEqual(sorted(archive.namelist()), sorted(f"{n}.csv" for n in FILES))
        self.assertIn(b'"Rosa"', archive.read("Client.csv"))

    def test_a_bad_period_comes_back_on_the_form(self):
        client = self.sign_in(self.dana)
        response = client.post(
            "/hmis/export/",
            {"recipient": self.hmis.pk, "start": self.today.isoformat(), "end": "2020-01-01"},
        )
        self.assertEqual(response.status_code, 400)
        self.assertContains(response, "ends before it starts", status_code=400)

    def test_a_case_manager_may_not_export(self):
        client = self.sign_in(self.ngozi)
        self.assertEqual(client.get("/hmis/export/").status_code, 403)

    def test_another_sites_admin_cannot_send_this_sites_people(self):
        client = self.sign_in(self.olga)
        self.assertContains(client.get("/hmis/export/"), "No organization here is the")
        response = client.post(
            "/hmis/export/",
            {
                "recipient": self.hmis.pk,
                "start": self.today.isoformat(),
                "end": self.today.isoformat(),
            },
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(AuditEvent.objects.filter(action=Action.EXPORT).exists())

    def test_the_command_writes_the_files_into_a_folder(self):
        with TemporaryDirectory() as folder:
            out = io.StringIO()
            call_command(
                "export_hmis", "--out", folder, "--site", "cascade", "--as", "dana", stdout=out
            )
            written = sorted(p.name for p in Path(folder).iterdir())
            self.assertEqual(written, sorted(f"{n}.csv" for n in FILES))
            self.assertIn("2 people", out.getvalue())

    def test_an_export_from_the_command_line_is_on_the_sites_audit_trail(self):
        with TemporaryDirectory() as folder:
            call_command("export_hmis", "--out", folder, "--site", "cascade", stdout=io.StringIO())
        events = AuditEvent.objects.filter(action=Action.EXPORT)
        self.assertEqual(events.count(), 2)
        self.assertEqual({(e.site_id, e.actor_id) for e in events}, {(self.site.pk, None)})

    def test_the_command_names_the_exporter_only_if_they_may_export(self):
        with (
            TemporaryDirectory() as folder,
            self.assertRaisesMessage(CommandError, "may not export"),
        ):
            call_command(
                "export_hmis",
                "--out",
                folder,
                "--site",
                "cascade",
                "--as",
                "ngozi",
                stdout=io.StringIO(),
            )
