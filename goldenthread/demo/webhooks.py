"""The police department's records system follows its referrals by webhook (a fictional
endpoint: the demo's deliveries wait in the log, since nothing answers there)."""

from goldenthread.accounts.models import User
from goldenthread.organizations.models import Organization
from goldenthread.webhooks.models import Event, Subscription
from goldenthread.webhooks.services import subscription_create

DEMO_ENDPOINT = "https://rms.cascade-police.example/hooks/golden-thread"


def build_webhooks(*, police: Organization, admin: User) -> None:
    if not Subscription.objects.filter(organization=police, url=DEMO_ENDPOINT).exists():
        subscription_create(
            actor=admin, organization=police, url=DEMO_ENDPOINT, events=[Event.REFERRAL_STATUS]
        )
