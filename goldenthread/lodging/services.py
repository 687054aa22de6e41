"""Checking people in and out. Each write is one transaction and audited; what the
database refuses (a unit already taken, a person already staying) comes back as a message
the liaison can act on, with nothing written."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.lodging.models import ExitHousing, LodgingPlace, Stay, Unit
from goldenthread.lodging.selectors import free_units
from goldenthread.people.models import Person


def _free_unit(place: LodgingPlace) -> Unit:
    free = free_units(place).select_for_update().first()
    if free is None:
        raise ValidationError(
            _("%(place)s is full: every room or bed is taken.") % {"place": place}
        )
    return free


def stay_check_in(
    *,
    actor: User,
    person: Person,
    agreement_version: str,
    agreement_signed_on: date,
    unit: Unit | None = None,
    place: LodgingPlace | None = None,
    at: datetime | None = None,
    request: HttpRequest | None = None,
) -> Stay:
    """Into `unit`, or into the first free unit of `place`."""
    at = at or timezone.now()
    if agreement_signed_on > at.astimezone(person.site.zone).date():
        raise ValidationError(_("The lodging agreement cannot be signed after check-in."))
    try:
        with transaction.atomic():
            if unit is None:
                assert place is not None
                unit = _free_unit(place)
            stay = Stay(
                unit=unit,
                person=person,
                checked_in_at=at,
                agreement_version=agreement_version.strip(),
                agreement_signed_on=agreement_signed_on,
                checked_in_by=actor,
            )
            stay.full_clean(validate_constraints=False)
            stay.save()
            audit_record(
                action=Action.CREATE,
                actor=actor,
                request=request,
                obj=stay,
                subject_person_id=person.pk,
            )
    except IntegrityError as error:
        if Stay.objects.filter(person=person, checked_out_at=None).exists():
            raise ValidationError(
                _("This person is already staying somewhere; check them out there first.")
            ) from error
        raise ValidationError(
            _("%(unit)s is already taken; choose another room or bed.") % {"unit": unit}
        ) from error
    return stay


@transaction.atomic
def stay_check_out(
    *,
    actor: User,
    stay: Stay,
    exit_housing: str,
    at: datetime | None = None,
    request: HttpRequest | None = None,
) -> Stay:
    at = at or timezone.now()
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    if stay.checked_out_at is not None:
        raise ValidationError(_("This stay has already ended."))
    if at < stay.checked_in_at:
        raise ValidationError(_("Check-out cannot be before check-in."))
    if exit_housing not in ExitHousing.values:
        raise ValidationError(_("Say where the person went: housing at exit is needed."))
    stay.checked_out_at = at
    stay.exit_housing = exit_housing
    stay.checked_out_by = actor
    stay.save(update_fields=["checked_out_at", "exit_housing", "checked_out_by"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=stay,
        subject_person_id=stay.person_id,
        detail={"checked_out": True, "exit_housing": exit_housing},
    )
    return stay
