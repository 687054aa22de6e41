"""Checking people in and out, notes on stays, shift leads and the overnight on-call log.
Each write is one transaction and audited; what the database refuses (a unit already
taken, a person already staying) comes back as a message the liaison can act on, with
nothing written."""

from collections.abc import Mapping
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.selectors import status_on
from goldenthread.casework.services import status_record
from goldenthread.consent.models import CategoryCode
from goldenthread.lodging.models import (
    ExitHousing,
    LodgingPlace,
    OnCallEntry,
    Shift,
    ShiftKind,
    Stay,
    StayNote,
    Unit,
)
from goldenthread.lodging.readiness import EXIT_CHECKLIST
from goldenthread.lodging.selectors import free_units, on_call_window, shift_leads
from goldenthread.people.models import Person
from goldenthread.text import printable


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
    checklist: Mapping[str, str] | None = None,
    at: datetime | None = None,
    request: HttpRequest | None = None,
) -> Stay:
    """Ends the stay with where the person went. `checklist` holds what the person said of
    their documents and insurance at exit ({kind: value}, "" for not asked); each answer
    that changes what was known is recorded as of the day of exit, in the same
    transaction."""
    at = at or timezone.now()
    stay = Stay.objects.select_for_update().get(pk=stay.pk)
    if stay.checked_out_at is not None:
        raise ValidationError(_("This stay has already ended."))
    if at < stay.checked_in_at:
        raise ValidationError(_("Check-out cannot be before check-in."))
    if exit_housing not in ExitHousing.values:
        raise ValidationError(_("Say where the person went: housing at exit is needed."))
    _checklist_record(actor, stay.person, checklist or {}, at, request)
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


def _checklist_record(
    actor: User,
    person: Person,
    checklist: Mapping[str, str],
    at: datetime,
    request: HttpRequest | None,
) -> None:
    day = at.astimezone(person.site.zone).date()
    known = status_on(person.status_records.filter(kind__in=EXIT_CHECKLIST), day)
    for kind in EXIT_CHECKLIST:
        value = checklist.get(kind, "")
        if not value or (kind in known and known[kind].value == value):
            continue
        status_record(
            actor=actor, person=person, kind=kind, value=value, as_of=day, request=request
        )


@transaction.atomic
def stay_note_add(
    *,
    actor: User,
    stay: Stay,
    text: str,
    at: datetime | None = None,
    request: HttpRequest | None = None,
) -> StayNote:
    text = printable(text, 1000, keep_newlines=True).strip()
    if not text:
        raise ValidationError({"text": _("Write the note.")})
    note = StayNote(stay=stay, text=text, written_by=actor, written_at=at or timezone.now())
    note.full_clean()
    note.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=note,
        subject_person_id=stay.person_id,
        categories=[CategoryCode.CASE_NOTES],
    )
    return note


@transaction.atomic
def shift_lead_set(
    *,
    actor: User,
    place: LodgingPlace,
    day: date,
    kind: str,
    lead: User,
    request: HttpRequest | None = None,
) -> Shift:
    """Names the lead of one shift, replacing whoever was named before."""
    if kind not in ShiftKind.values:
        raise ValidationError({"kind": _("Choose a shift.")})
    if not shift_leads(place).filter(pk=lead.pk).exists():
        raise ValidationError(
            {
                "lead": _("A shift lead works for %(organization)s.")
                % {"organization": place.organization}
            }
        )
    shift, created = Shift.objects.update_or_create(
        place=place, day=day, kind=kind, defaults={"lead": lead}
    )
    audit_record(
        action=Action.CREATE if created else Action.UPDATE,
        actor=actor,
        request=request,
        obj=shift,
        detail={"day": str(day), "kind": kind, "lead": lead.pk},
    )
    return shift


@transaction.atomic
def on_call_log(
    *,
    actor: User,
    shift: Shift,
    occurred_at: datetime,
    what_happened: str,
    stay: Stay | None = None,
    request: HttpRequest | None = None,
) -> OnCallEntry:
    """One line of the overnight log, within the night's hours and about a guest who was
    staying at the place then, if about anyone."""
    errors: dict[str, str] = {}
    what_happened = printable(what_happened, 1000, keep_newlines=True).strip()
    if shift.kind != ShiftKind.OVERNIGHT:
        errors["shift"] = _("Only the overnight on-call shift keeps a log.")
    starts, ends = on_call_window(shift)
    if not starts <= occurred_at < ends:
        errors["occurred_at"] = _("Between %(starts)s and %(ends)s: the night's on-call hours.") % {
            "starts": f"{starts:%Y-%m-%d %H:%M}",
            "ends": f"{ends:%Y-%m-%d %H:%M}",
        }
    elif occurred_at > timezone.now():
        errors["occurred_at"] = _("This time has not come yet.")
    if stay is not None and not (
        stay.unit.place_id == shift.place_id
        and stay.checked_in_at <= occurred_at
        and (stay.checked_out_at is None or occurred_at <= stay.checked_out_at)
    ):
        errors["stay"] = _("That guest was not staying here then.")
    if not what_happened:
        errors["what_happened"] = _("Say what happened and what was done.")
    if errors:
        raise ValidationError(errors)
    entry = OnCallEntry(
        shift=shift,
        occurred_at=occurred_at,
        stay=stay,
        what_happened=what_happened,
        written_by=actor,
    )
    entry.full_clean()
    entry.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=entry,
        subject_person_id=stay.person_id if stay is not None else None,
        categories=[CategoryCode.CASE_NOTES] if stay is not None else [],
    )
    return entry
