"""`manage.py export_hmis --out DIR`: writes the HUD HMIS CSV files (FY2026) for the
site's continuum of care HMIS into DIR, as the site admin's screen does, and records the
disclosure of each person in the audit trail."""

from argparse import ArgumentParser
from datetime import date, timedelta
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from goldenthread.access.policy import Capability, can
from goldenthread.accounts.models import User
from goldenthread.hmis.csv_files import write_directory
from goldenthread.hmis.services import hmis_export
from goldenthread.organizations.models import Organization, OrganizationKind, Site
from goldenthread.organizations.selectors import memberships_of


class Command(BaseCommand):
    help = "Write the HMIS CSV files (FY2026) for the continuum of care's HMIS into a folder."

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--out", type=Path, required=True, help="the folder to write into")
        parser.add_argument("--site", help="the site's short name (the only site if omitted)")
        parser.add_argument(
            "--recipient", help="the HMIS organization's name (the only one if omitted)"
        )
        parser.add_argument(
            "--start", type=date.fromisoformat, help="first day, YYYY-MM-DD (a year ago)"
        )
        parser.add_argument("--end", type=date.fromisoformat, help="last day (today)")
        parser.add_argument("--hashed", action="store_true", help="hash names (HashStatus 4)")
        parser.add_argument(
            "--as", dest="username", help="the user the audit trail names as exporting"
        )

    def handle(self, *args: Any, out: Path, **options: Any) -> None:
        sites = Site.objects.filter(slug=options["site"]) if options["site"] else Site.objects.all()
        if sites.count() != 1:
            raise CommandError("Name the site with --site (its short name).")
        site = sites.get()
        recipients = Organization.objects.filter(
            site=site, kind=OrganizationKind.HMIS, is_active=True
        )
        if options["recipient"]:
            recipients = recipients.filter(name=options["recipient"])
        if recipients.count() != 1:
            names = ", ".join(recipients.values_list("name", flat=True)) or "none"
            raise CommandError(
                f"Name the HMIS organization with --recipient (active HMIS organizations: {names})."
            )
        actor = None
        if options["username"]:
            actor = User.objects.filter(username=options["username"], is_active=True).first()
            memberships = memberships_of(actor).filter(organization__site=site) if actor else []
            if not any(can(m, Capability.EXPORT_HMIS) for m in memberships):
                raise CommandError(f"{options['username']} may not export to HMIS at {site.slug}.")
        end = options["end"] or site.today()
        start = options["start"] or end - timedelta(days=364)
        try:
            made = hmis_export(
                actor=actor,
                recipient=recipients.get(),
                start=start,
                end=end,
                hashed=options["hashed"],
            )
        except ValidationError as refused:
            raise CommandError(" ".join(refused.messages)) from None
        write_directory(made.files, out)
        self.stdout.write(
            f"export {made.export_id}: {made.people} people; "
            + ", ".join(f"{name} {count}" for name, count in sorted(made.rows.items()))
        )
