"""The HMIS export of the large demo site: every release to its HMIS over ten years, timed
end to end (reading under the releases, the audit events, the files written to disk)."""

import resource
import time
from datetime import timedelta
from pathlib import Path
from typing import Any

from goldenthread.accounts.models import User
from goldenthread.demo.personas import SITE_SLUG
from goldenthread.hmis.csv_files import write_directory
from goldenthread.hmis.services import hmis_export
from goldenthread.organizations.models import Organization, OrganizationKind, Site


def export(folder: Path) -> dict[str, Any]:
    site = Site.objects.get(slug=SITE_SLUG)
    recipient = Organization.objects.get(site=site, kind=OrganizationKind.HMIS)
    admin = User.objects.get(username="site.admin")
    end = site.today()
    started = time.perf_counter()
    made = hmis_export(actor=admin, recipient=recipient, start=end - timedelta(days=3652), end=end)
    write_directory(made.files, folder)
    seconds = time.perf_counter() - started
    return {
        "seconds": seconds,
        "people": made.people,
        "rows": dict(sorted(made.rows.items())),
        "bytes": sum(len(text.encode()) for text in made.files.values()),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
