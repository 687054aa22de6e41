"""The Operational Work Group's screens: the groups a member sits in, and a meeting's
agenda and notes as each attendee may read them; the project manager runs the meeting from
the same page (items added, removed and moved; notes, decisions, action items and
attendance recorded; the minutes closed)."""

from collections.abc import Callable

from django.contrib import messages
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied, ValidationError
from django.forms import BaseForm
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    access_meeting,
    access_person,
    actions_visible_to,
    agenda_brief,
    groups_to_raise_at,
    may_close_action,
    may_run_meetings,
    minutes_recipients,
    work_groups_visible_to,
)
from goldenthread.access.policy.roles import visible_one
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.conferencing import services
from goldenthread.conferencing.forms import (
    NOTE_CLASSES,
    ActionItemForm,
    AgendaItemForm,
    AttendanceForm,
    FlagForm,
    ItemNoteForm,
)
from goldenthread.conferencing.models import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Meeting,
    WorkGroup,
)
from goldenthread.http import AuthedRequest
from goldenthread.organizations.models import Membership
from goldenthread.text import whole_number


@require_GET
def groups(request: AuthedRequest) -> HttpResponse:
    visible = work_groups_visible_to(request.membership).prefetch_related("meetings")
    now = timezone.now()
    rows = [
        (
            group,
            next((m for m in reversed(group.meetings.all()) if m.starts_at >= now), None),
            [m for m in group.meetings.all() if m.starts_at < now][:3],
        )
        for group in visible
    ]
    context = {"rows": rows, "runs": may_run_meetings(request.membership)}
    return render(request, "conferencing/groups.html", context)


@require_POST
def schedule_next(request: AuthedRequest, pk: int) -> HttpResponse:
    if not may_run_meetings(request.membership):
        raise PermissionDenied
    group: WorkGroup = visible_one(work_groups_visible_to(request.membership), pk)
    try:
        meeting = services.meeting_schedule_next(actor=request.user, work_group=group)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("conferencing:groups")
    return redirect("conferencing:meeting", pk=meeting.pk)


@require_http_methods(["GET", "POST"])
def meeting(request: AuthedRequest, pk: int) -> HttpResponse:
    found = access_meeting(request.membership, pk)
    runs = may_run_meetings(request.membership) and not found.held
    forms = _Forms(request, found, bound=request.method == "POST") if runs else None
    if request.method == "POST":
        if not runs or forms is None:
            raise PermissionDenied
        if forms.run():
            return redirect("conferencing:meeting", pk=found.pk)
    brief = agenda_brief(request.membership, found)
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed=brief.disclosed,
        detail={"meeting": found.pk},
    )
    actions = actions_visible_to(request.membership).filter(
        work_group=found.work_group, status=ActionStatus.OPEN
    )
    context = {
        "meeting": found,
        "brief": brief,
        "runs": runs,
        "note_classes": NOTE_CLASSES,
        "past_without_minutes": not found.held and found.starts_at < timezone.now(),
        "attendees": list(found.attendees.order_by("username")),
        # The roster the project manager picks attendees and owners from.
        "roster": list(found.work_group.members.order_by("username")) if runs else [],
        "group_organizations": list(found.work_group.organizations.order_by("name"))
        if runs
        else [],
        "closable": [a for a in actions if may_close_action(request.membership, a)],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "conferencing/meeting.html", context, status=status)


def _form_errors(form: BaseForm) -> list[str]:
    """Each error of a form, named by its field's label, for the message at the top."""
    return [
        f"{form.fields[name].label}: {error}" if name != NON_FIELD_ERRORS else str(error)
        for name, errors in form.errors.items()
        for error in errors
    ]


class _Forms:
    """The project manager's forms on a meeting's page and what each one does."""

    def __init__(self, request: AuthedRequest, meeting: Meeting, *, bound: bool) -> None:
        self.request, self.meeting = request, meeting
        data = request.POST if bound else None
        op = request.POST.get("op", "") if bound else ""
        group = meeting.work_group
        self.item = AgendaItemForm(data if op == "add_item" else None, prefix="item")
        self.action = ActionItemForm(
            data if op == "add_action" else None, prefix="action", group=group
        )
        self.attendance = AttendanceForm(
            data if op == "attendance" else None,
            prefix="attendance",
            group=group,
            initial={"attendees": meeting.attendees.all()},
        )
        self.op = op

    def run(self) -> bool:
        """Does what was asked; True when something changed, False with the reason shown."""
        handler: Callable[[], None] | None = {
            "add_item": self._add_item,
            "add_action": self._add_action,
            "add_note": self._add_note,
            "attendance": self._attendance,
            "up": self._move_up,
            "remove": self._remove,
            "close": self._close,
        }.get(self.op)
        if handler is None:
            return False
        try:
            handler()
        except ValidationError as error:
            messages.error(self.request, " ".join(error.messages))
            return False
        return True

    def _items(self) -> dict[str, AgendaItem]:
        return {str(item.pk): item for item in self.meeting.items.filter(removed=False)}

    def _chosen_item(self) -> AgendaItem:
        item = self._items().get(self.request.POST.get("item", ""))
        if item is None:
            raise ValidationError(_("That item is not on this agenda."))
        return item

    def _add_item(self) -> None:
        if not self.item.is_valid():
            raise ValidationError(_("Write what the item is about."))
        services.agenda_item_add(
            actor=self.request.user, meeting=self.meeting, detail=self.item.cleaned_data["detail"]
        )

    def _add_action(self) -> None:
        if not self.action.is_valid():
            raise ValidationError(_form_errors(self.action))
        data = self.action.cleaned_data
        services.action_item_add(
            actor=self.request.user,
            meeting=self.meeting,
            description=data["description"],
            due_on=data["due_on"],
            owner_user=data["owner_user"],
            owner_organization=data["owner_organization"],
        )
        messages.success(self.request, _("Action item added; it stays on the agenda until done."))

    def _add_note(self) -> None:
        item = self._chosen_item()
        form = ItemNoteForm(self.request.POST)
        if not form.is_valid():
            raise ValidationError(_form_errors(form))
        services.item_note_add(actor=self.request.user, item=item, **form.cleaned_data)

    def _attendance(self) -> None:
        if not self.attendance.is_valid():
            raise ValidationError(_("Attendees come from the work group's members."))
        services.attendance_record(
            actor=self.request.user,
            meeting=self.meeting,
            attendees=list(self.attendance.cleaned_data["attendees"]),
        )

    def _move_up(self) -> None:
        item = self._chosen_item()
        items = self._items().values()
        order = [i.pk for i in sorted(items, key=lambda i: (i.position, i.pk))]
        at = order.index(item.pk)
        if at:
            order[at - 1], order[at] = order[at], order[at - 1]
        removed = list(self.meeting.items.filter(removed=True).values_list("pk", flat=True))
        services.agenda_reorder(
            actor=self.request.user, meeting=self.meeting, order=order + removed
        )

    def _remove(self) -> None:
        services.agenda_item_remove(actor=self.request.user, item=self._chosen_item())

    def _close(self) -> None:
        services.meeting_close(actor=self.request.user, meeting=self.meeting)
        messages.success(self.request, _("Minutes closed."))


@require_POST
def action_done(request: AuthedRequest, pk: int) -> HttpResponse:
    action: ActionItem = visible_one(actions_visible_to(request.membership), pk)
    if not may_close_action(request.membership, action):
        raise PermissionDenied
    try:
        services.action_item_done(actor=request.user, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    back = whole_number(request.POST.get("meeting", ""))
    if back is not None:
        return redirect("conferencing:meeting", pk=back)
    return redirect("conferencing:groups")


@require_http_methods(["GET", "POST"])
def raise_person(request: AuthedRequest, pk: int) -> HttpResponse:
    """Staff ask a work group to talk about a participant at its next meeting."""
    person = access_person(request.membership, pk)
    groups = groups_to_raise_at(request.membership, person)
    if not groups.exists():
        return render(request, "conferencing/raise.html", {"person": person, "form": None})
    form = FlagForm(request.POST or None, groups=groups)
    if request.method == "POST" and form.is_valid():
        try:
            services.flag_raise(
                actor=request.user,
                work_group=form.cleaned_data["work_group"],
                person=person,
                why=form.cleaned_data["why"],
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Raised for the group's next meeting."))
            return redirect("people:detail", pk=person.pk)
    status = 400 if request.method == "POST" else 200
    context = {"form": form, "person": person}
    return render(request, "conferencing/raise.html", context, status=status)


@require_GET
def minutes(request: AuthedRequest, pk: int) -> HttpResponse:
    """A meeting's minutes as one recipient may read them, to print or download: the
    project manager picks any member of the group's organizations, anyone else gets their
    own copy. The Part 2 notice goes with any copy that carries Part 2 data."""
    found = access_meeting(request.membership, pk)
    recipients = minutes_recipients(request.membership, found)
    chosen = request.GET.get("for") or (request.membership.pk if request.membership else "")
    recipient: Membership = visible_one(recipients, chosen)
    brief = agenda_brief(recipient, found)
    as_text = request.GET.get("format") == "text"
    audit_disclosures(
        request=request,
        action=Action.EXPORT if as_text else Action.VIEW,
        disclosed=brief.disclosed,
        detail={"meeting": found.pk, "minutes_for": recipient.pk},
    )
    context = {
        "meeting": found,
        "brief": brief,
        "recipient": recipient,
        "recipients": recipients if may_run_meetings(request.membership) else None,
        "attendees": list(found.attendees.order_by("username")),
    }
    if not as_text:
        return render(request, "conferencing/minutes.html", context)
    response = render(
        request, "conferencing/minutes.txt", context, content_type="text/plain; charset=utf-8"
    )
    name = f"minutes-{found.starts_at:%Y-%m-%d}-{recipient.user.get_username()}.txt"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
