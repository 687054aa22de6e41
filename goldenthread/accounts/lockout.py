from axes.handlers.database import AxesDatabaseHandler
from django.conf import settings
from django.db.models import Sum
from django.http import HttpRequest


class AccountAndAddressHandler(AxesDatabaseHandler):
    """Locks an account after AXES_FAILURE_LIMIT failures, an address after a larger limit.

    django-axes compares one failure count with one limit. Many officers can share one
    precinct address, so an address is given AXES_ADDRESS_FAILURE_LIMIT failures before
    it is throttled: its count is scaled into account-limit units before the comparison.
    The order follows AXES_LOCKOUT_PARAMETERS: username first, then ip_address.
    """

    def get_failures(self, request: HttpRequest, credentials: dict | None = None) -> int:
        per_account, per_address = (
            attempts.aggregate(total=Sum("failures_since_start"))["total"] or 0
            for attempts in self.get_user_attempts(request, credentials)
        )
        scaled_address = (
            per_address * settings.AXES_FAILURE_LIMIT // settings.AXES_ADDRESS_FAILURE_LIMIT
        )
        return max(per_account, scaled_address)

    def reset_user_attempts(self, request: HttpRequest, credentials: dict | None = None) -> int:
        """A successful sign-in clears that account's failures only.

        Clearing by address too would let anyone sharing the address unlock an account
        under attack by signing in to their own.
        """
        per_account = self.filter_user_attempts(request, credentials)[0]
        deleted, _ = per_account.delete()
        return deleted
