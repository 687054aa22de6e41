"""The referral form's duplicate check: as the officer types, the site's model finds people
by a nickname or a misspelling, among only the people already shared with the officer."""

from datetime import date

from goldenthread.consent.models import CategoryCode
from goldenthread.identity.services import Snapshot, identity_record_attach, linkage_train
from goldenthread.organizations.models import OrganizationKind
from goldenthread.testing import PersonaTestCase
from goldenthread.testing_consent import participant, share

K = OrganizationKind


class LookupTests(PersonaTestCase):
    @classmethod
    def setUpTestData(cls) -> None:
        super().setUpTestData()
        linkage_train(actor=None, site=cls.site)

    def someone(self, first: str, last: str, *, shared: bool):
        person = participant(
            self.site, self.orgs[K.CASE_MANAGEMENT], legal_first_name=first, legal_last_name=last
        )
        identity_record_attach(
            actor=None,
            person=person,
            snapshot=Snapshot(
                source="enrollment",
                first_name=first,
                last_name=last,
                date_of_birth=date(1979, 5, 6),
            ),
        )
        if shared:
            share(person, self.ngozi, [K.POLICE], [CategoryCode.ENROLLMENT_STATUS])
        return person

    def test_a_nickname_with_a_misspelling_finds_the_person_shared_with_the_officer(self):
        self.someone("William", "Johnson", shared=True)
        self.someone("William", "Johnston", shared=False)
        self.someone("Maria", "Lopez", shared=True)
        self.sign_in(self.jordan)
        page = self.client.get("/referrals/candidates/?name=Bill Jonson", HTTP_HX_REQUEST="true")
        self.assertContains(page, "William Johnson")
        self.assertNotContains(page, "Johnston")
        self.assertNotContains(page, "Maria")
        self.assertAudited(action="search", actor_id=self.jordan.pk)
