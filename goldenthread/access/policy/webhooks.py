"""Webhook subscriptions: the site admin keeps those of the site's organizations, and
reads their deliveries. What each event may say is decided where it is announced."""

from typing import Any

from django.db.models import QuerySet

from goldenthread.access.policy.roles import Capability, can, visible_one
from goldenthread.organizations.models import Membership, Organization
from goldenthread.webhooks.models import Delivery, Subscription


def webhook_organizations(membership: Membership | None) -> QuerySet[Organization]:
    if membership is None or not can(membership, Capability.MANAGE_SITE):
        return Organization.objects.none()
    return Organization.objects.filter(
        site_id=membership.organization.site_id, is_active=True
    ).order_by("name")


def subscriptions_visible_to(membership: Membership | None) -> QuerySet[Subscription]:
    return Subscription.objects.filter(
        organization__in=webhook_organizations(membership)
    ).select_related("organization")


def access_subscription(membership: Membership | None, pk: Any) -> Subscription:
    subscription: Subscription = visible_one(subscriptions_visible_to(membership), pk)
    return subscription


def deliveries_visible_to(membership: Membership | None) -> QuerySet[Delivery]:
    return Delivery.objects.filter(subscription__in=subscriptions_visible_to(membership))
