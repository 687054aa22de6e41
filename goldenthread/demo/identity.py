"""Identity records for the demo: each participant's own record from enrollment, then a
batch from the jail and the court as feeds would send it. Some join their person at once
(a booking of Marcus Bell with day and month swapped and his state id), some wait for the
project manager (court records without a date of birth: Rosa Delgado; "Dale Whittaker",
misspelt, in another area), and a stranger becomes a new person."""

from goldenthread.accounts.models import User
from goldenthread.identity.models import IdentityRecord
from goldenthread.identity.services import (
    Snapshot,
    identity_record_attach,
    identity_records_resolve,
)
from goldenthread.organizations.models import Site
from goldenthread.people.models import Person


def build_identity(*, site: Site, recorder: User) -> None:
    if IdentityRecord.objects.filter(site=site, source="enrollment").exists():
        return
    people = {}
    for person in Person.objects.filter(site=site, date_of_birth__isnull=False).order_by("pk")[:7]:
        state_id = f"WA{person.pk:08d}"
        identity_record_attach(
            actor=recorder,
            person=person,
            snapshot=Snapshot(
                source="enrollment",
                source_ref=f"E-{person.pk}",
                first_name=person.legal_first_name,
                last_name=person.legal_last_name,
                date_of_birth=person.date_of_birth,
                sex=person.sex,
                area="downtown",
                state_id=state_id,
            ),
        )
        people[person.legal_last_name] = (person, state_id)
    incoming = []
    if "Bell" in people:
        marcus, state_id = people["Bell"]
        dob = marcus.date_of_birth
        assert dob is not None
        swapped = dob.replace(month=dob.day, day=dob.month) if dob.day <= 12 else dob
        incoming.append(
            Snapshot(
                source="booking",
                source_ref="KCJ-2026-0412",
                first_name="Marcus",
                last_name="Bell",
                date_of_birth=swapped,
                sex=marcus.sex,
                state_id=state_id,
            )
        )
    if "Delgado" in people:
        incoming.append(
            Snapshot(
                source="court", source_ref="CR-26-1187", first_name="Rosa", last_name="Delgado"
            )
        )
    if "Whitaker" in people:
        incoming.append(
            Snapshot(
                source="court",
                source_ref="CR-26-1203",
                first_name="Dale",
                last_name="Whittaker",
                area="rainier",
            )
        )
    incoming.append(
        Snapshot(
            source="booking",
            source_ref="KCJ-2026-0419",
            first_name="Harold",
            last_name="Nakamura-Pike",
            date_of_birth=site.today().replace(year=site.today().year - 52),
        )
    )
    identity_records_resolve(actor=recorder, site=site, snapshots=incoming)
