from typing import Any

from django.db import transaction
from django.http import HttpRequest

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.organizations.models import Site
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
