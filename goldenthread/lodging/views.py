"""The occupancy board: each place's rooms or beds, taken and empty, night by night."""

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from goldenthread.access.policy import Capability, can, lodging_places_visible_to
from goldenthread.http import AuthedRequest
from goldenthread.lodging.selectors import occupancy_nights

NIGHTS = 7


@require_GET
def board(request: AuthedRequest) -> HttpResponse:
    if request.membership is None or not can(request.membership, Capability.KEEP_LODGING):
        raise PermissionDenied
    site = request.membership.organization.site
    places = lodging_places_visible_to(request.membership)
    nights = occupancy_nights(site, places, NIGHTS)
    return render(request, "lodging/board.html", {"nights": nights, "tonight": nights[-1][1]})
