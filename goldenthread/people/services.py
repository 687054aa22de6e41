from typing import Any

from django.db import transaction
from django.http import HttpRequest

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record, audit_records
from goldenthread.bulk import bulk_insert
from goldenthread.organizations.models import Organization, Site
from goldenthread.people.models import Person


@transaction.atomic
def person_create(
    *, actor: User | None, site: Site, request: HttpRequest | None = None, **fields: Any
) -> Person:
    """A new person with whatever identity is known ("goes by JJ, about 40" is enough)."""
    person = Person(site=site, **fields)
    person.full_clean()
    person.save()
    audit_record(
        action=Action.CREATE, actor=actor, request=request, obj=person, subject_person_id=person.pk
    )
    return person


@transaction.atomic
def people_create_many(
    *, actor: User | None, site: Site, rows: list[dict[str, Any]]
) -> list[Person]:
    """person_create for a batch of people (an import, or a synthetic population): each is
    validated as one would be, all are written in one insert, with one CREATE event each."""
    people = [Person(site=site, **fields) for fields in rows]
    for person in people:
        person.full_clean()
    bulk_insert(Person, people)
    audit_records(
        action=Action.CREATE,
        actor=actor,
        entries=[(person, person.pk, {}) for person in people],
    )
    return people


def person_known_by_street_name(
    *,
    actor: User,
    organization: Organization,
    street_name: str,
    request: HttpRequest | None = None,
) -> Person:
    """Someone met on the street who has given only the name they go by there. The
    organization that met them keeps them until they choose to say more, or identity
    resolution finds who they are."""
    return person_create(
        actor=actor,
        site=organization.site,
        request=request,
        preferred_name=street_name.strip(),
        assigned_organization=organization,
    )
