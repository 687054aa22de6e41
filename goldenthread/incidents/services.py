"""Reporting a critical incident and moving it through review. Each write is one
transaction with its audit event; an incident without an outcome, or with a place that
does not match where it happened, is refused with nothing written."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.consent.models import CategoryCode
from goldenthread.incidents.models import (
    TRANSITIONS,
    Incident,
    IncidentTransition,
    Outcome,
    PlaceKind,
    ReviewStatus,
)
from goldenthread.lodging.models import LodgingPlace
from goldenthread.organizations.models import Organization
from goldenthread.outreach.models import Encampment
from goldenthread.people.models import Person

MAX_NALOXONE_DOSES = 20


def _place_errors(
    organization: Organization,
    place_kind: str,
    lodging_place: LodgingPlace | None,
    encampment: Encampment | None,
) -> dict[str, str]:
    site_id = organization.site_id
    if place_kind == PlaceKind.LODGING and (
        lodging_place is None or lodging_place.site_id != site_id
    ):
        return {"lodging_place": _("Name the hotel or shelter where it happened.")}
    if place_kind == PlaceKind.ENCAMPMENT and (encampment is None or encampment.site_id != site_id):
        return {"encampment": _("Name the encampment where it happened.")}
    return {}


@transaction.atomic
def incident_report(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    program: str,
    occurred_at: datetime,
    place_kind: str,
    outcome: str,
    person: Person | None = None,
    lodging_place: LodgingPlace | None = None,
    encampment: Encampment | None = None,
    place_detail: str = "",
    naloxone_doses: int = 0,
    ems_called: bool = False,
    account: str = "",
    request: HttpRequest | None = None,
) -> Incident:
    errors: dict[str, str] = {}
    if not outcome:
        errors["outcome"] = _("Say how it ended; choose “Not known yet” if nobody knows yet.")
    if occurred_at > timezone.now():
        errors["occurred_at"] = _("That time is still to come: record what has happened.")
    if not 0 <= naloxone_doses <= MAX_NALOXONE_DOSES:
        errors["naloxone_doses"] = _("Give the number of naloxone doses, from 0 to 20.")
    if person is not None and person.site_id != organization.site_id:
        errors["person"] = _("This person is not known at this site.")
    errors.update(_place_errors(organization, place_kind, lodging_place, encampment))
    if errors:
        raise ValidationError(errors)
    incident = Incident(
        site_id=organization.site_id,
        person=person,
        kind=kind,
        program=program,
        occurred_at=occurred_at,
        place_kind=place_kind,
        lodging_place=lodging_place if place_kind == PlaceKind.LODGING else None,
        encampment=encampment if place_kind == PlaceKind.ENCAMPMENT else None,
        place_detail=place_detail.strip(),
        naloxone_doses=naloxone_doses,
        ems_called=ems_called,
        outcome=outcome,
        account=account.strip(),
        reported_by=actor,
        reported_by_organization=organization,
    )
    incident.full_clean()
    incident.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=incident,
        subject_person_id=person.pk if person else None,
        categories=[CategoryCode.HEALTH],
        detail={"kind": kind, "outcome": outcome},
    )
    return incident


@transaction.atomic
def incident_transition(
    *,
    actor: User,
    incident: Incident,
    to: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> Incident:
    """The one place an incident's review status changes. A finished review says what it
    found; an outcome still unknown must be learned before the review can finish."""
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    allowed = TRANSITIONS[locked.status]
    if to not in allowed:
        names = ", ".join(str(ReviewStatus(s).label) for s in sorted(allowed))
        raise ValidationError(
            _("An incident that is %(status)s cannot become %(to)s. Allowed: %(allowed)s.")
            % {
                "status": locked.get_status_display(),
                "to": ReviewStatus(to).label,
                "allowed": names,
            }
        )
    if to == ReviewStatus.REVIEWED:
        if not note.strip():
            raise ValidationError({"note": _("Say what the review found.")})
        if locked.outcome == Outcome.NOT_KNOWN:
            raise ValidationError(
                {"note": _("The outcome is still not known: record it before the review ends.")}
            )
    IncidentTransition.objects.create(
        incident=locked, from_status=locked.status, to_status=to, note=note.strip(), actor=actor
    )
    locked.status = to
    fields = ["status"]
    if to == ReviewStatus.REVIEWED:
        locked.review_notes = note.strip()
        fields.append("review_notes")
    locked.save(update_fields=fields)
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.person_id,
        categories=[CategoryCode.HEALTH],
        detail={"status": to},
    )
    return locked


@transaction.atomic
def incident_outcome_update(
    *,
    actor: User,
    incident: Incident,
    outcome: str,
    request: HttpRequest | None = None,
) -> Incident:
    """What became known later (the hospital called back)."""
    locked = Incident.objects.select_for_update().get(pk=incident.pk)
    if outcome not in Outcome.values:
        raise ValidationError({"outcome": _("Say how it ended.")})
    locked.outcome = outcome
    locked.full_clean()
    locked.save(update_fields=["outcome"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.person_id,
        categories=[CategoryCode.HEALTH],
        detail={"outcome": outcome},
    )
    return locked
