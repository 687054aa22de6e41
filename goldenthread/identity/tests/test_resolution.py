"""Resolving incoming records to people: three outcomes, refusals on too little evidence,
bad input handled with a reason, "not the same person" remembered, and merges undone
exactly."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.utils import timezone

from goldenthread.casework.models import Contact, Task
from goldenthread.casework.services import contact_log, task_create
from goldenthread.identity.models import IdentityRecord, MatchProposal, NotSamePerson
from goldenthread.identity.services import (
    Snapshot,
    identity_records_resolve,
    linkage_train,
    person_merge,
    person_unmerge,
    proposal_decide,
)
from goldenthread.organizations.models import OrganizationKind
from goldenthread.people.models import Person
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant

K = OrganizationKind
WILLIAM = Snapshot(
    source="referral",
    source_ref="R-1",
    first_name="William",
    last_name="Johnson",
    date_of_birth=date(1980, 3, 4),
    sex="male",
    area="downtown",
    state_id="WA12345678",
)


class ResolutionTestCase(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        linkage_train(actor=None, site=cls.site)  # the starter model, trained once

    def resolve(self, *snapshots: Snapshot):
        return identity_records_resolve(actor=self.lucia, site=self.site, snapshots=list(snapshots))


class OutcomeTests(ResolutionTestCase):
    def test_the_first_record_makes_a_person_and_a_confident_match_joins_them(self):
        [first] = self.resolve(WILLIAM)
        self.assertEqual(first.outcome, "new")
        [booking] = self.resolve(
            Snapshot(
                source="booking",
                source_ref="B-77",
                first_name="Bill",
                last_name="Jonson",
                date_of_birth=date(1980, 4, 3),
                sex="male",
                state_id="WA12345678",
            )
        )
        self.assertEqual(booking.outcome, "linked")
        self.assertEqual(booking.record.person_id, first.record.person_id)
        self.assertEqual(first.record.person.identity_records.count(), 2)

    def test_a_possible_match_waits_for_review_with_its_evidence(self):
        [first] = self.resolve(WILLIAM)
        [court] = self.resolve(
            Snapshot(source="court", source_ref="C-9", first_name="William", last_name="Johnson")
        )
        self.assertEqual(court.outcome, "review")
        self.assertIn("No date of birth or state id", court.reason)
        proposal = MatchProposal.objects.get()
        self.assertEqual(proposal.candidate_id, first.record.person_id)
        levels = {e["attribute"]: e["level"] for e in proposal.evidence}
        self.assertEqual((levels["first_name"], levels["dob"]), ("the same", "missing"))

    def test_a_twin_is_never_linked_automatically_however_likely(self):
        self.site.link_automatically_at, self.site.link_review_at = 0.5, 0.1
        self.site.save()
        [first] = self.resolve(WILLIAM)
        twin = Snapshot(
            source="booking",
            first_name="Marcus",
            last_name="Johnson",
            date_of_birth=date(1980, 3, 4),
            sex="male",
            area="downtown",
        )
        [result] = self.resolve(twin)
        self.assertEqual(result.outcome, "review")
        self.assertGreaterEqual(result.probability or 0, 0.5)
        self.assertNotEqual(result.record.person_id, first.record.person_id)

    def test_strangers_become_new_people_and_a_batch_is_resolved_at_once(self):
        self.resolve(WILLIAM)
        results = self.resolve(
            Snapshot(
                source="court",
                first_name="Rosa",
                last_name="Delgado",
                date_of_birth=date(1990, 1, 2),
            ),
            Snapshot(
                source="court",
                first_name="Marcus",
                last_name="Bell",
                date_of_birth=date(1970, 6, 7),
            ),
        )
        self.assertEqual([r.outcome for r in results], ["new", "new"])
        self.assertEqual(Person.objects.count(), 3)

    def test_bad_input_gets_a_reason_and_never_an_automatic_link(self):
        self.resolve(WILLIAM)
        results = self.resolve(
            Snapshot(source="import", first_name="William"),
            Snapshot(
                source="import",
                first_name="Уильям",
                last_name="Джонсон",
                date_of_birth=date(1980, 3, 4),
            ),
            Snapshot(
                source="import",
                first_name="W" * 500,
                last_name="Johnson",
                date_of_birth=date(1800, 1, 1),
            ),
            Snapshot(
                source="import",
                first_name="William",
                last_name="Johnson",
                date_of_birth=timezone.now().date() + timedelta(days=9),
            ),
        )
        self.assertNotIn("linked", [r.outcome for r in results])
        self.assertIn("impossible", results[2].reason)
        self.assertIn("impossible", results[3].reason)
        self.assertEqual(len(results[2].record.first_name), 100)


class MergeTests(ResolutionTestCase):
    def setUp(self):
        provider = self.orgs[K.CASE_MANAGEMENT]
        self.kept = participant(self.site, provider, self.ngozi, legal_first_name="Kept")
        self.merged = participant(self.site, provider, self.ngozi, legal_first_name="Merged")
        for person in (self.kept, self.merged):
            contact_log(
                actor=self.ngozi,
                membership=self.membership(self.ngozi),
                person=person,
                occurred_at=timezone.now() - timedelta(days=2),
                mode="phone",
                place="office",
                note=f"about {person.legal_first_name}",
            )
            task_create(
                actor=self.ngozi, title=f"task {person.pk}", due_on=self.site.today(), person=person
            )

    def belongings(self, person):
        return (
            set(Contact.objects.filter(person=person).values_list("pk", flat=True)),
            set(Task.objects.filter(person=person).values_list("pk", flat=True)),
        )

    def test_a_merge_moves_everything_and_undoing_it_restores_both_exactly(self):
        before = (self.belongings(self.kept), self.belongings(self.merged))
        merge = person_merge(actor=self.lucia, kept=self.kept, merged=self.merged)
        self.assertEqual(self.belongings(self.merged), (set(), set()))
        self.assertEqual(len(self.belongings(self.kept)[0]), 2)
        self.assertFalse(
            Person.objects.visible_to(self.membership(self.ngozi))
            .filter(pk=self.merged.pk)
            .exists()
        )
        later = contact_log(
            actor=self.ngozi,
            membership=self.membership(self.ngozi),
            person=self.kept,
            occurred_at=timezone.now(),
            mode="phone",
            place="office",
        )
        person_unmerge(actor=self.lucia, merge=merge)
        kept_contacts, kept_tasks = self.belongings(self.kept)
        self.assertEqual((kept_contacts - {later.pk}, kept_tasks), before[0])
        self.assertEqual(self.belongings(self.merged), before[1])
        self.assertIsNone(Person.objects.get(pk=self.merged.pk).merged_into_id)
        with self.assertRaisesMessage(ValidationError, "already undone"):
            person_unmerge(actor=self.lucia, merge=merge)

    def test_not_the_same_person_is_remembered_and_blocks_a_merge(self):
        [first] = self.resolve(WILLIAM)
        [court] = self.resolve(Snapshot(source="court", first_name="William", last_name="Johnson"))
        proposal = MatchProposal.objects.get()
        proposal_decide(actor=self.lucia, proposal=proposal, same=False)
        self.assertTrue(NotSamePerson.objects.exists())
        with self.assertRaisesMessage(ValidationError, "not the same person"):
            person_merge(actor=self.lucia, kept=first.record.person, merged=court.record.person)

    def test_accepting_a_proposal_merges_the_newcomer_into_the_candidate(self):
        [first] = self.resolve(WILLIAM)
        [court] = self.resolve(Snapshot(source="court", first_name="William", last_name="Johnson"))
        proposal_decide(actor=self.lucia, proposal=MatchProposal.objects.get(), same=True)
        self.assertEqual(
            set(IdentityRecord.objects.values_list("person_id", flat=True)),
            {first.record.person_id},
        )
        self.assertEqual(
            Person.objects.get(pk=court.record.person_id).merged_into_id, first.record.person_id
        )


class WarmIndexTests(ResolutionTestCase):
    def test_records_added_between_batches_are_matched_without_a_rebuild(self):
        from goldenthread.identity.warm import _cache

        [first] = self.resolve(WILLIAM)
        self.resolve(
            Snapshot(
                source="court",
                first_name="Rosa",
                last_name="Delgado",
                date_of_birth=date(1990, 1, 2),
            )
        )
        index = _cache[self.site.pk].index
        [again] = self.resolve(
            Snapshot(
                source="booking",
                first_name="Rosa",
                last_name="Delgado",
                date_of_birth=date(1990, 2, 1),
                state_id="",
            )
        )
        self.assertIs(_cache[self.site.pk].index, index)
        self.assertIn(again.outcome, ("linked", "review"))
        self.assertNotEqual(again.record.person_id, first.record.person_id)

    def test_a_record_that_commits_after_a_newer_one_is_added_without_a_rebuild(self):
        from goldenthread.identity.warm import _cache

        self.resolve(WILLIAM)
        [quill] = self.resolve(Snapshot(source="court", first_name="Zed", last_name="Quill"))
        index = _cache[self.site.pk].index

        def record(pk: int, first: str, last: str, **more: object) -> IdentityRecord:
            someone = Person.objects.create(site=self.site, legal_last_name=last)
            return IdentityRecord.objects.create(
                pk=pk, site=self.site, person=someone, first_name=first, last_name=last, **more
            )

        # A referral's record takes an id, a booking's the one after and commits first.
        record(quill.record.pk + 10, "Ann", "Byrne")
        self.resolve(Snapshot(source="court", first_name="Quinn", last_name="Moss"))
        late = record(
            quill.record.pk + 5,
            "Rosa",
            "Delgado",
            date_of_birth=date(1990, 1, 2),
            state_id="WA99999999",
        )
        [booking] = self.resolve(
            Snapshot(
                source="booking",
                first_name="Rosa",
                last_name="Delgado",
                date_of_birth=date(1990, 1, 2),
                state_id="WA99999999",
            )
        )
        self.assertIs(_cache[self.site.pk].index, index)
        self.assertEqual((booking.outcome, booking.record.person_id), ("linked", late.person_id))


class RelinkTests(ResolutionTestCase):
    def test_a_whole_site_is_deduplicated_and_kept_apart_pairs_stay_apart(self):
        from goldenthread.identity.services import identity_record_attach, site_relink

        def person(first, last, dob, state_id=""):
            someone = Person.objects.create(
                site=self.site, legal_first_name=first, legal_last_name=last
            )
            identity_record_attach(
                actor=None,
                person=someone,
                snapshot=Snapshot(
                    source="import",
                    first_name=first,
                    last_name=last,
                    date_of_birth=dob,
                    state_id=state_id,
                ),
            )
            return someone

        william = person("William", "Johnson", date(1980, 3, 4), "WA12345678")
        bill = person("Bill", "Jonson", date(1980, 4, 3), "WA12345678")
        rosa = person("Rosa", "Delgado", date(1990, 1, 2))
        ro = person("Rosa", "Delgado", None)
        tina = person("Tina", "Ortiz", date(1975, 5, 5))
        tina_too = person("Tina", "Ortiz", date(1975, 5, 5))
        NotSamePerson.objects.create(
            site=self.site, first=tina, second=tina_too, decided_by=self.lucia
        )
        result = site_relink(actor=self.lucia, site=self.site)
        self.assertEqual(Person.objects.get(pk=bill.pk).merged_into_id, william.pk)
        self.assertTrue(MatchProposal.objects.filter(candidate=rosa, record__person=ro).exists())
        self.assertIsNone(Person.objects.get(pk=tina_too.pk).merged_into_id)
        self.assertEqual((result.merged, result.proposed), (1, 1))
        again = site_relink(actor=self.lucia, site=self.site)
        self.assertEqual((again.merged, again.proposed), (0, 0))


class ReferralRecordTests(ResolutionTestCase):
    def test_a_referral_joins_the_persons_identity_records_and_a_booking_finds_them(self):
        from goldenthread.referrals.services import referral_submit

        referral, _ = referral_submit(
            actor=self.jordan,
            membership=self.membership(self.jordan),
            door="arrest_diversion",
            person=None,
            new_person={
                "legal_first_name": "Keanu",
                "legal_last_name": "Halvorsen",
                "date_of_birth": date(1988, 2, 9),
            },
            occurred_at=timezone.now(),
            conduct="trespass",
            area="downtown",
        )
        record = IdentityRecord.objects.get(source="referral")
        self.assertEqual(
            (record.source_ref, record.person_id), (referral.receipt_code, referral.person_id)
        )
        [booking] = self.resolve(
            Snapshot(
                source="booking",
                first_name="Keanu",
                last_name="Halvorsen",
                date_of_birth=date(1988, 9, 2),
                area="downtown",
            )
        )
        self.assertEqual(
            (booking.outcome, booking.record.person_id), ("linked", referral.person_id)
        )
