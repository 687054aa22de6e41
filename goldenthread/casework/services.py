"""Every write of case management, each one transaction with its audit event."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import OuterRef, Q, QuerySet, Subquery, TextChoices
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from goldenthread.accounts.models import User
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_record
from goldenthread.casework.models import (
    ENGAGEMENT_TRANSITIONS,
    NOTE_MAX_LENGTH,
    CloseReason,
    Contact,
    EngagementChange,
    NeedDomain,
    ServiceEvent,
    StatusKind,
    StatusRecord,
    Task,
)
from goldenthread.casework.status import VALUES
from goldenthread.organizations.models import Membership
from goldenthread.people.models import EngagementStatus, Person


def move_refusal(
    statuses: type[TextChoices], current: str, target: str, allowed: Iterable[str]
) -> str:
    """What a refused change of status says: from what, to what, and what is allowed."""

    def label(value: str) -> str:
        return str(statuses(value).label) if value in statuses.values else value

    return _("%(status)s cannot become %(to)s. Allowed: %(allowed)s.") % {
        "status": label(current),
        "to": label(target),
        "allowed": ", ".join(label(value) for value in sorted(allowed)),
    }


def date_errors(person: Person, day: date, field: str) -> dict[str, str]:
    """A date in a participant's record lies between their birth and today."""
    if day > person.site.today():
        return {field: _("The date cannot be in the future.")}
    if person.date_of_birth and day < person.date_of_birth:
        return {field: _("The date cannot be before the person was born.")}
    return {}


def closed_case_errors(person: Person) -> dict[str, str]:
    """A closed case keeps its record but takes no new work until it is reopened."""
    if person.engagement_status == EngagementStatus.CLOSED:
        return {"person": _("This participant's case is closed. Reopen it to add to it.")}
    return {}


@transaction.atomic
def contact_log(
    *,
    actor: User,
    membership: Membership,
    person: Person,
    occurred_at: datetime,
    mode: str,
    place: str,
    substantive: bool = False,
    domains: list[str] | None = None,
    note: str = "",
    sharing: str = "team",
    request: HttpRequest | None = None,
) -> Contact:
    """One contact. Refused, naming the field, for a time in the future or before the
    person was born, and for a closed participant (reopen first)."""
    errors: dict[str, str] = {}
    if occurred_at > timezone.now() + timedelta(minutes=5):
        errors["occurred_at"] = _("The contact cannot be in the future.")
    elif person.date_of_birth and occurred_at.date() < person.date_of_birth:
        errors["occurred_at"] = _("The contact cannot be before the person was born.")
    errors.update(closed_case_errors(person))
    if len(note) > NOTE_MAX_LENGTH:
        errors["note"] = _("A note holds at most %(max)s characters; this one has %(length)s.") % {
            "max": NOTE_MAX_LENGTH,
            "length": len(note),
        }
    if set(domains or []) - set(NeedDomain.values):
        errors["domains"] = _("Unknown domain.")
    if errors:
        raise ValidationError(errors)
    contact = Contact(
        person=person,
        staff=actor,
        organization=membership.organization,
        occurred_at=occurred_at,
        mode=mode,
        place=place,
        substantive=substantive,
        domains=domains or [],
        note=note,
        sharing=sharing,
    )
    contact.full_clean()
    contact.save()
    Person.objects.filter(pk=person.pk).filter(
        Q(last_contact_at__isnull=True) | Q(last_contact_at__lt=occurred_at)
    ).update(last_contact_at=occurred_at)
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=contact,
        subject_person_id=person.pk,
        categories=["case_notes"],
    )
    return contact


def last_contact_refresh(*, people: QuerySet[Person]) -> None:
    """Recomputes the latest contact of many people at once, after contacts were written
    in bulk (an import of a site's history)."""
    latest = (
        Contact.objects.filter(person=OuterRef("pk"))
        .order_by("-occurred_at")
        .values("occurred_at")[:1]
    )
    people.update(last_contact_at=Subquery(latest))


@transaction.atomic
def engagement_change(
    *,
    actor: User,
    person: Person,
    to: str,
    close_reason: str = "",
    note: str = "",
    request: HttpRequest | None = None,
) -> EngagementChange:
    """The one place a participant's engagement status changes. Closing needs a reason;
    a closed case may be reopened; an invalid change says which are allowed."""
    locked = Person.objects.select_for_update().get(pk=person.pk)
    allowed = ENGAGEMENT_TRANSITIONS[locked.engagement_status]
    if to not in allowed:
        refusal = move_refusal(EngagementStatus, locked.engagement_status, to, allowed)
        raise ValidationError({"to": refusal})
    if to == EngagementStatus.CLOSED and close_reason not in CloseReason.values:
        raise ValidationError({"close_reason": _("Say why the case is closing.")})
    if to != EngagementStatus.CLOSED:
        close_reason = ""
    change = EngagementChange.objects.create(
        person=locked,
        from_status=locked.engagement_status,
        to_status=to,
        close_reason=close_reason,
        note=note,
        actor=actor,
    )
    locked.engagement_status = to
    locked.save(update_fields=["engagement_status"])
    person.engagement_status = to
    audit_record(
        action=Action.UPDATE,
        actor=actor,
        request=request,
        obj=locked,
        subject_person_id=locked.pk,
        categories=["enrollment_status"],
        detail={"engagement": to, "close_reason": close_reason},
    )
    return change


@transaction.atomic
def status_record(
    *,
    actor: User,
    person: Person,
    kind: str,
    value: str,
    as_of: date,
    note: str = "",
    request: HttpRequest | None = None,
) -> StatusRecord:
    """A dated fact; it holds until a later record of the same kind."""
    errors: dict[str, str] = {}
    if kind not in VALUES:
        errors["kind"] = _("Unknown kind of status.")
    elif value not in VALUES[kind]:
        errors["value"] = _("Not a value for %(kind)s.") % {"kind": StatusKind(kind).label}
    errors.update(date_errors(person, as_of, "as_of"))
    if errors:
        raise ValidationError(errors)
    record = StatusRecord.objects.create(
        person=person, kind=kind, value=value, as_of=as_of, note=note, recorded_by=actor
    )
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=record,
        subject_person_id=person.pk,
        categories=["housing_benefits"],
        detail={"kind": kind, "value": value, "as_of": str(as_of)},
    )
    return record


@transaction.atomic
def task_create(
    *,
    actor: User,
    title: str,
    due_on: date,
    person: Person | None = None,
    request: HttpRequest | None = None,
) -> Task:
    """A reminder for oneself (tasks are staff work, assigned to whoever writes them)."""
    task = Task(assignee=actor, person=person, title=title, due_on=due_on, created_by=actor)
    task.full_clean()
    task.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=task,
        subject_person_id=person.pk if person else None,
    )
    return task


@transaction.atomic
def task_complete(*, actor: User, task: Task, request: HttpRequest | None = None) -> Task:
    if task.done_at is None:
        task.done_at = timezone.now()
        task.save(update_fields=["done_at"])
        audit_record(
            action=Action.UPDATE,
            actor=actor,
            request=request,
            obj=task,
            subject_person_id=task.person_id,
            detail={"done": True},
        )
    return task


@transaction.atomic
def service_event_record(
    *,
    actor: User,
    person: Person,
    kind: str,
    provider: str,
    occurred_on: date,
    outcome: str,
    note: str = "",
    request: HttpRequest | None = None,
) -> ServiceEvent:
    """A referral out to a service, or what came of one."""
    errors = closed_case_errors(person) | date_errors(person, occurred_on, "occurred_on")
    if errors:
        raise ValidationError(errors)
    event = ServiceEvent(
        person=person,
        kind=kind,
        provider=provider,
        occurred_on=occurred_on,
        outcome=outcome,
        note=note,
        recorded_by=actor,
    )
    event.full_clean()
    event.save()
    audit_record(
        action=Action.CREATE,
        actor=actor,
        request=request,
        obj=event,
        subject_person_id=person.pk,
        categories=[event.category],
    )
    return event
