"""The de-identified evaluation extract of the large demo site: its time, and how far
k-anonymity had to generalize or leave rows out."""

import time
from typing import Any

from goldenthread.accounts.models import User
from goldenthread.demo.personas import SITE_SLUG
from goldenthread.evaluation.services import evaluation_extract
from goldenthread.organizations.models import Site


def extract() -> dict[str, Any]:
    site = Site.objects.get(slug=SITE_SLUG)
    started = time.perf_counter()
    made = evaluation_extract(actor=User.objects.get(username="evaluator.kim"), site=site)
    return {
        "seconds": time.perf_counter() - started,
        "rows": made.rows,
        "k": made.k,
        "smallest_group": made.smallest_group,
        "suppressed": made.suppressed,
        "generalized": dict(sorted(made.generalized.items())),
    }
