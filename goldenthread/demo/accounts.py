"""Demo staff accounts: found if they exist, restored to the printed password and active."""

from goldenthread.accounts.models import User
from goldenthread.accounts.services import user_create, user_set_active, user_set_password
from goldenthread.demo.personas import DEMO_PASSWORD
from goldenthread.organizations.models import Membership, Organization
from goldenthread.organizations.services import membership_create, membership_set_active


def demo_account(username: str, display_name: str) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        return user_create(
            actor=None,
            username=username,
            email=f"{username}@demo.invalid",
            display_name=display_name,
            password=DEMO_PASSWORD,
        )
    if not user.check_password(DEMO_PASSWORD):
        user_set_password(actor=None, user=user, password=DEMO_PASSWORD)
    if not user.is_active:
        user_set_active(actor=None, user=user, active=True)
    return user


def demo_membership(user: User, organization: Organization, role: str) -> None:
    existing = Membership.objects.filter(user=user, organization=organization, role=role).first()
    if existing is None:
        membership_create(actor=None, user=user, organization=organization, role=role)
    elif not existing.is_active:
        membership_set_active(actor=None, membership=existing, active=True)
