from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_POST

from goldenthread.access.policy import notifications_visible_to
from goldenthread.access.policy.roles import visible_one
from goldenthread.http import AuthedRequest
from goldenthread.notifications.models import Notification
from goldenthread.notifications.services import notification_open

PAGE_SIZE = 50


@require_GET
def inbox(request: AuthedRequest) -> HttpResponse:
    """One's own notifications, newest first; opening one marks it read."""
    mine = notifications_visible_to(request.user).select_related("person")
    return render(request, "notifications/inbox.html", {"notifications": mine[:PAGE_SIZE]})


@require_POST
def open_notification(request: AuthedRequest, pk: int) -> HttpResponse:
    notification: Notification = visible_one(notifications_visible_to(request.user), pk)
    notification_open(notification)
    return redirect(notification.link)
