"""Writes of encampment outreach. Each is one transaction with its audit event; a date
that cannot be true (a visit before the person was met, anything in the future) is refused
with nothing written."""

from datetime import date
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.lodging.models import LodgingPlace
from goldenthread.organizations.models import Organization, Site
from goldenthread.outreach.models import (
    Encampment,
    EncampmentStatus,
    Need,
    Offer,
    OfferKind,
    Resident,
    Visit,
    Wave,
)
from goldenthread.people.models import Person
from goldenthread.people.services import person_known_by_street_name

# Offers of a roof that name the place: a hotel room or a shelter bed.
LODGED = {OfferKind.LODGING, OfferKind.SHELTER}


def _not_future(site: Site, day: date) -> None:
    if day > site.today():
        raise ValidationError(_("That date is still to come: record what has happened."))


@transaction.atomic
def encampment_create(
    *,
    actor: User,
    organization: Organization,
    name: str,
    location: str,
    opened_on: date,
    latitude: Decimal | None = None,
    longitude: Decimal | None = None,
    request: HttpRequest | None = None,
) -> Encampment:
    site = organization.site
    _not_future(site, opened_on)
    if (latitude is None) != (longitude is None):
        raise ValidationError(_("Give both latitude and longitude, or neither."))
    encampment = Encampment(
        site=site,
        organization=organization,
        name=name.strip(),
        location=location.strip(),
        opened_on=opened_on,
        latitude=latitude,
        longitude=longitude,
        created_by=actor,
    )
    encampment.full_clean()
    encampment.save()
    audit_record(action=Action.CREATE, actor=actor, request=request, obj=encampment)
    return encampment


@transaction.atomic
def encampment_resolve(
    *, actor: User, encampment: Encampment, resolved_on: date, request: HttpRequest | None = None
) -> Encampment:
    encampment = Encampment.objects.select_for_update().get(pk=encampment.pk)
    if encampment.status == EncampmentStatus.RESOLVED:
        raise ValidationError(_("This encampment is already resolved."))
    _not_future(encampment.site, resolved_on)
    if resolved_on < encampment.opened_on:
        raise ValidationError(_("An encampment cannot be resolved before outreach began."))
    encampment.status = EncampmentStatus.RESOLVED
    encampment.resolved_on = resolved_on
    encampment.save(update_fields=["status", "resolved_on"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=encampment,
        detail={"resolved_on": resolved_on.isoformat()},
    )
    return encampment


@transaction.atomic
def resident_add(
    *,
    actor: User,
    organization: Organization,
    encampment: Encampment,
    first_met_on: date,
    person: Person | None = None,
    street_name: str = "",
    request: HttpRequest | None = None,
) -> Resident:
    """Someone already known, or someone known only by a street name: a new person kept by
    the outreach worker's organization until they choose to say more."""
    _not_future(encampment.site, first_met_on)
    if first_met_on < encampment.opened_on:
        raise ValidationError(_("Nobody can be met there before outreach began."))
    if person is None:
        if not street_name.strip():
            raise ValidationError(_("Choose someone already known, or give a street name."))
        person = person_known_by_street_name(
            actor=actor, organization=organization, street_name=street_name, request=request
        )
    elif Resident.objects.filter(encampment=encampment, person=person).exists():
        raise ValidationError(_("%(person)s is already a resident here.") % {"person": person})
    resident = Resident(
        encampment=encampment,
        person=person,
        first_met_on=first_met_on,
        last_seen_on=first_met_on,
        added_by=actor,
    )
    resident.full_clean(validate_constraints=False)
    resident.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=resident,
        subject_person_id=person.pk,
    )
    return resident


def _seen(resident: Resident, day: date) -> None:
    """A visit is a sighting: it moves "last seen", and someone lost is found again."""
    fields = []
    if day > resident.last_seen_on:
        resident.last_seen_on = day
        fields.append("last_seen_on")
    if resident.lost_since is not None and day >= resident.lost_since:
        resident.lost_since = None
        fields.append("lost_since")
    if fields:
        resident.save(update_fields=fields)


def _locked(resident: Resident) -> Resident:
    return (
        Resident.objects.select_for_update().select_related("encampment__site").get(pk=resident.pk)
    )


def _save_sighting(
    actor: User, request: HttpRequest | None, row: Visit | Offer, resident: Resident, day: date
) -> None:
    """A visit or an offer: saved, audited, and counted as seeing the person that day."""
    row.full_clean()
    row.save()
    _seen(resident, day)
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=row,
        subject_person_id=resident.person_id,
    )


def _check_day(resident: Resident, day: date) -> None:
    _not_future(resident.encampment.site, day)
    if day < resident.first_met_on:
        raise ValidationError(
            _("%(person)s was first met on %(day)s: nothing can be recorded before that.")
            % {"person": resident.person, "day": resident.first_met_on.isoformat()}
        )


@transaction.atomic
def visit_record(
    *,
    actor: User,
    resident: Resident,
    visited_on: date,
    needs: list[str],
    note: str = "",
    request: HttpRequest | None = None,
) -> Visit:
    resident = _locked(resident)
    _check_day(resident, visited_on)
    unknown = set(needs) - set(Need.values)
    if unknown:
        raise ValidationError(_("Unknown need: %(need)s.") % {"need": ", ".join(sorted(unknown))})
    visit = Visit(
        resident=resident,
        visited_on=visited_on,
        needs=sorted(set(needs)),
        note=note.strip(),
        by=actor,
    )
    _save_sighting(actor, request, visit, resident, visited_on)
    return visit


@transaction.atomic
def offer_record(
    *,
    actor: User,
    resident: Resident,
    offered_on: date,
    kind: str,
    response: str,
    reason: str = "",
    place: LodgingPlace | None = None,
    request: HttpRequest | None = None,
) -> Offer:
    resident = _locked(resident)
    _check_day(resident, offered_on)
    if place is not None:
        if kind not in LODGED:
            raise ValidationError(
                {"place": _("Only a room or a shelter bed is offered at a place.")}
            )
        if place.site_id != resident.encampment.site_id or not place.is_active:
            raise ValidationError({"place": _("Choose a lodging place of this site.")})
    offer = Offer(
        resident=resident,
        offered_on=offered_on,
        kind=kind,
        response=response,
        reason=reason.strip(),
        place=place,
        by=actor,
    )
    _save_sighting(actor, request, offer, resident, offered_on)
    return offer


@transaction.atomic
def resident_mark_lost(
    *,
    actor: User,
    resident: Resident,
    since: date,
    last_known_place: str = "",
    request: HttpRequest | None = None,
) -> Resident:
    """Nobody has seen them since `since`: they stay in every count, as lost to follow-up."""
    resident = _locked(resident)
    if resident.lost_since is not None:
        raise ValidationError(_("This resident is already marked lost to follow-up."))
    _check_day(resident, since)
    if since < resident.last_seen_on:
        raise ValidationError(
            _("%(person)s was seen on %(day)s, after that date.")
            % {"person": resident.person, "day": resident.last_seen_on.isoformat()}
        )
    resident.lost_since = since
    resident.last_known_place = last_known_place.strip()
    resident.full_clean()
    resident.save(update_fields=["lost_since", "last_known_place"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=resident,
        subject_person_id=resident.person_id,
        detail={"lost_since": since.isoformat()},
    )
    return resident


@transaction.atomic
def wave_create(
    *,
    actor: User,
    site: Site,
    name: str,
    starts_on: date,
    ends_on: date,
    request: HttpRequest | None = None,
) -> Wave:
    if ends_on < starts_on:
        raise ValidationError(_("A wave cannot end before it starts."))
    if Wave.objects.filter(site=site, starts_on__lte=ends_on, ends_on__gte=starts_on).exists():
        raise ValidationError(_("Waves cannot overlap: each person belongs to one wave."))
    wave = Wave(site=site, name=name.strip(), starts_on=starts_on, ends_on=ends_on)
    wave.full_clean()
    wave.save()
    audit_record(action=Action.CREATE, actor=actor, request=request, obj=wave)
    return wave
