from django.core.exceptions import ValidationError

from goldenthread.audit.chain import verify
from goldenthread.audit.models import Action, AuditEvent, ChainHead
from goldenthread.audit.selectors import chain_in_order
from goldenthread.people.models import Person
from goldenthread.people.services import people_create_many
from goldenthread.testing import PersonaTestCase


class PeopleCreateManyTests(PersonaTestCase):
    """A batch of people is written as person_create would write each: validated, audited."""

    def test_each_person_is_written_with_its_own_create_event(self):
        people = people_create_many(
            actor=self.ngozi,
            site=self.site,
            rows=[{"legal_first_name": "Ana"}, {"preferred_name": "JJ"}],
        )
        self.assertEqual([p.display_name for p in people], ["Ana", "JJ"])
        events = AuditEvent.objects.filter(action=Action.CREATE, object_type="people.person")
        self.assertEqual(
            sorted(events.values_list("subject_person_id", flat=True)),
            sorted(p.pk for p in people),
        )
        self.assertEqual({e.actor_id for e in events}, {self.ngozi.pk})
        self.assertTrue(verify(chain_in_order(), ChainHead.objects.get(id=1)).ok)

    def test_one_invalid_row_writes_none_of_the_batch(self):
        before = AuditEvent.objects.count()
        with self.assertRaises(ValidationError):
            people_create_many(
                actor=self.ngozi,
                site=self.site,
                rows=[{"legal_first_name": "Ana"}, {"engagement_status": "no-such-status"}],
            )
        self.assertFalse(Person.objects.filter(site=self.site).exists())
        self.assertEqual(AuditEvent.objects.count(), before)
