"""The Operational Work Group's screens: the groups a member sits in, and a meeting's
agenda as each attendee may read it; the project manager runs the meeting from the same
page (items added, removed and moved; action items agreed)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from goldenthread.access.policy import (
    access_meeting,
    actions_visible_to,
    agenda_brief,
    may_close_action,
    may_run_meetings,
    work_groups_visible_to,
)
from goldenthread.access.policy.roles import visible_one
from goldenthread.audit.models import Action
from goldenthread.audit.services import audit_disclosures
from goldenthread.conferencing import services
from goldenthread.conferencing.forms import ActionItemForm, AgendaItemForm
from goldenthread.conferencing.models import ActionItem, ActionStatus, Meeting
from goldenthread.http import AuthedRequest


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
    return render(request, "conferencing/groups.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def meeting(request: AuthedRequest, pk: int) -> HttpResponse:
    found = access_meeting(request.membership, pk)
    runs = may_run_meetings(request.membership)
    item_form = AgendaItemForm(prefix="item") if runs else None
    action_form = ActionItemForm(prefix="action", group=found.work_group) if runs else None
    if request.method == "POST":
        if not runs:
            raise PermissionDenied
        item_form = (
            AgendaItemForm(request.POST, prefix="item")
            if "item-detail" in request.POST
            else item_form
        )
        action_form = (
            ActionItemForm(request.POST, prefix="action", group=found.work_group)
            if "action-description" in request.POST
            else action_form
        )
        done = _run(request, found, item_form, action_form)
        if done:
            return redirect("conferencing:meeting", pk=found.pk)
    brief = agenda_brief(request.membership, found)
    audit_disclosures(
        request=request,
        action=Action.LIST,
        disclosed={item.person.pk: [] for item in brief if item.person is not None},
        detail={"meeting": found.pk},
    )
    actions = actions_visible_to(request.membership).filter(
        work_group=found.work_group, status=ActionStatus.OPEN
    )
    context = {
        "meeting": found,
        "brief": brief,
        "runs": runs,
        "item_form": item_form,
        "action_form": action_form,
        "closable": [
            a
            for a in actions.select_related("work_group")
            if may_close_action(request.membership, a)
        ],
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "conferencing/meeting.html", context, status=status)


def _run(
    request: AuthedRequest,
    found: Meeting,
    item_form: AgendaItemForm | None,
    action_form: ActionItemForm | None,
) -> bool:
    """The project manager's changes to the agenda; True when one was made."""
    op = request.POST.get("op", "")
    items = {str(item.pk): item for item in found.items.filter(removed=False)}
    if op in ("remove", "up") and request.POST.get("item") in items:
        item = items[request.POST["item"]]
        if op == "remove":
            services.agenda_item_remove(actor=request.user, item=item)
        else:
            order = [i.pk for i in sorted(items.values(), key=lambda i: (i.position, i.pk))]
            at = order.index(item.pk)
            if at:
                order[at - 1], order[at] = order[at], order[at - 1]
            removed = list(found.items.filter(removed=True).values_list("pk", flat=True))
            services.agenda_reorder(actor=request.user, meeting=found, order=order + removed)
        return True
    if op == "add_item" and item_form is not None and item_form.is_valid():
        services.agenda_item_add(
            actor=request.user, meeting=found, detail=item_form.cleaned_data["detail"]
        )
        return True
    if op == "add_action" and action_form is not None and action_form.is_valid():
        data = action_form.cleaned_data
        try:
            services.action_item_add(
                actor=request.user,
                meeting=found,
                description=data["description"],
                due_on=data["due_on"],
                owner_user=data["owner_user"],
                owner_organization=data["owner_organization"],
            )
        except ValidationError as error:
            action_form.add_error(None, error)
            return False
        messages.success(request, _("Action item added; it stays on the agenda until done."))
        return True
    return False


@require_POST
def action_done(request: AuthedRequest, pk: int) -> HttpResponse:
    action: ActionItem = visible_one(actions_visible_to(request.membership), pk)
    if not may_close_action(request.membership, action):
        raise PermissionDenied
    try:
        services.action_item_done(actor=request.user, action=action)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    back = request.POST.get("meeting", "")
    if back.isdigit():
        return redirect("conferencing:meeting", pk=int(back))
    return redirect("conferencing:groups")
