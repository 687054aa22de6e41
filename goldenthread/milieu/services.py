"""Logging street encounters and following referrals to specialty teams. Each write is one
transaction with its audit event; an encounter with no place, or a referral with no team,
is refused by name with nothing written."""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.milieu.models import (
    TRANSITIONS,
    Encounter,
    EncounterKind,
    ReferralStatus,
    TeamReferral,
)
from goldenthread.organizations.models import Organization
from goldenthread.people.models import Person
from goldenthread.people.services import person_known_by_street_name


@transaction.atomic
def encounter_log(
    *,
    actor: User,
    organization: Organization,
    kind: str,
    occurred_at: datetime,
    area: str,
    place: str,
    person: Person | None = None,
    street_name: str = "",
    note: str = "",
    team: str = "",
    need: str = "",
    request: HttpRequest | None = None,
) -> Encounter:
    """One encounter, with someone known or someone known only by a street name; a
    referral to a specialty team when that is what happened."""
    errors: dict[str, str] = {}
    if not area.strip() or not place.strip():
        errors["place"] = _("Say where it happened: the area and the corner or landmark.")
    if occurred_at > timezone.now():
        errors["occurred_at"] = _("That time is still to come: record what has happened.")
    if person is None and not street_name.strip():
        errors["street_name"] = _("Choose someone already known, or give a street name.")
    if kind == EncounterKind.REFERRAL and not (team.strip() and need):
        errors["team"] = _("A referral names the team and what it is for.")
    if errors:
        raise ValidationError(errors)
    if person is None:
        person = person_known_by_street_name(
            actor=actor, organization=organization, street_name=street_name, request=request
        )
    encounter = Encounter(
        site_id=organization.site_id,
        organization=organization,
        person=person,
        kind=kind,
        occurred_at=occurred_at,
        area=area.strip(),
        place=place.strip(),
        note=note.strip(),
        by=actor,
    )
    encounter.full_clean()
    encounter.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=encounter,
        subject_person_id=person.pk,
    )
    if kind == EncounterKind.REFERRAL:
        referral = TeamReferral(
            encounter=encounter,
            person=person,
            team=team.strip(),
            need=need,
            updated_on=occurred_at.astimezone(organization.site.zone).date(),
        )
        referral.full_clean()
        referral.save()
        audit_record(
            action=Action.CREATE,
            actor=actor,
            request=request,
            obj=referral,
            subject_person_id=person.pk,
        )
    return encounter


@transaction.atomic
def team_referral_transition(
    *,
    actor: User,
    referral: TeamReferral,
    to: str,
    on: date,
    request: HttpRequest | None = None,
) -> TeamReferral:
    """The one place a specialty referral's status changes."""
    locked = (
        TeamReferral.objects.select_for_update().select_related("person__site").get(pk=referral.pk)
    )
    allowed = TRANSITIONS[locked.status]
    if to not in allowed:
        names = ", ".join(str(ReferralStatus(s).label) for s in sorted(allowed)) or _("none")
        raise ValidationError(
            _("A referral that is %(status)s cannot become %(to)s. Allowed: %(allowed)s.")
            % {
                "status": locked.get_status_display(),
                "to": ReferralStatus(to).label,
                "allowed": names,
            }
        )
    if on < locked.updated_on or on > locked.person.site.today():
        raise ValidationError({"on": _("Give a date between the last change and today.")})
    locked.status, locked.updated_on = to, on
    locked.save(update_fields=["status", "updated_on"])
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.person_id,
        detail={"status": to},
    )
    return locked
