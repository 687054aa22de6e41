from django.core.management.base import BaseCommand, CommandError

from goldenthread.audit.chain import verify
from goldenthread.audit.models import ChainHead
from goldenthread.audit.selectors import chain_in_order


class Command(BaseCommand):
    help = (
        "Verify the audit trail's keyed hash chain. Exits non-zero and names the first bad "
        "position if a row was edited, deleted, inserted or reordered."
    )

    def handle(self, *args: object, **options: object) -> None:
        verdict = verify(chain_in_order(), ChainHead.objects.filter(id=1).first())
        if not verdict.ok:
            raise CommandError(
                f"Audit trail broken at position {verdict.first_bad_position}: {verdict.reason}. "
                f"Positions 1 to {verdict.checked} are intact."
            )
        head = ChainHead.objects.filter(id=1).first()
        self.stdout.write(
            f"Audit trail intact: {verdict.checked} events. "
            f"Head {head.position if head else 0}:{head.mac if head else ''} "
            "(keep a copy of the head outside the database)."
        )
