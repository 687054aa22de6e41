"""Each process keeps one warm index per site (identity.linkage.index.WarmIndex), brought up
to date from the database before each batch: records added since are appended, including
records that committed after others with higher ids (transactions overlap: a referral's
record can commit after a booking's that took the next id); anything else (another model,
records gone or changed) rebuilds it."""

import logging
import threading
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from goldenthread.identity.linkage.features import features
from goldenthread.identity.linkage.index import WarmIndex
from goldenthread.identity.models import IdentityRecord, LinkageModel
from goldenthread.organizations.models import Site


@dataclass
class _Cached:
    model: tuple[int, datetime]  # (pk, trained_at): a row id alone can come back after a rollback
    count: int
    last: tuple[int, datetime]  # the newest record's (pk, received_at), likewise
    index: WarmIndex


_cache: dict[int, _Cached] = {}
_lock = threading.Lock()
logger = logging.getLogger(__name__)

# How far below the newest id it holds the index looks for records that committed late:
# two feed import batches, the longest transactions that write records.
LATE_WINDOW = 10_000


def featured(key: object, source: Any) -> dict[str, Any]:
    """The features of an identity record or of a snapshot of one, under id `key`."""
    return features(
        key,
        first_name=source.first_name,
        last_name=source.last_name,
        dob=source.date_of_birth,
        sex=source.sex,
        area=source.area,
        state_id=source.state_id,
    )


def warm_index(site: Site, model: LinkageModel) -> WarmIndex | None:
    """The site's index, current with its records; None while it has none."""
    records = IdentityRecord.objects.filter(site=site)
    count = records.count()
    if not count:
        return None
    newest = records.order_by("-pk").values_list("pk", "received_at")[0]
    with _lock:
        cached = _cache.get(site.pk)
        if cached is not None and cached.model == (model.pk, model.trained_at):
            same_past = records.filter(pk=cached.last[0], received_at=cached.last[1]).exists()
            added = list(records.filter(pk__gt=cached.last[0])) if same_past else []
            if same_past and cached.count + len(added) != count:
                added += _committed_late(records, cached)
            if same_past and cached.count + len(added) == count:
                cached.index.add([featured(r.pk, r) for r in added])
                cached.count, cached.last = count, newest
                return cached.index
            logger.info("identity index of site %s rebuilt: its records changed", site.pk)
        index = WarmIndex(
            model.settings_json, model.term_frequencies, [featured(r.pk, r) for r in records]
        )
        _cache[site.pk] = _Cached((model.pk, model.trained_at), count, newest, index)
        return index


def _committed_late(records: Any, cached: _Cached) -> list[IdentityRecord]:
    """Records with ids below the newest the index holds that it lacks: they committed
    after it was last brought up to date."""
    newest = cached.last[0]
    floor = max(newest - LATE_WINDOW, 0)
    stored = set(records.filter(pk__gt=floor, pk__lte=newest).values_list("pk", flat=True))
    missing = stored - cached.index.ids_between(floor, newest)
    return list(records.filter(pk__in=missing)) if missing else []


def warm_index_extend(
    site: Site, model: LinkageModel, added: list[tuple[IdentityRecord, dict[str, Any]]]
) -> None:
    """Records this process has just written, with their features, appended to its index
    without reading them back. If anyone else wrote records meanwhile, the next warm_index
    finds the count wrong and rebuilds; if the transaction rolls back, it finds the newest
    record gone."""
    if not added:
        return
    with _lock:
        cached = _cache.get(site.pk)
        if cached is None or cached.model != (model.pk, model.trained_at):
            return
        newest = max((record for record, _row in added), key=lambda record: record.pk)
        if newest.pk <= cached.last[0]:
            return
        cached.index.add([{**row, "unique_id": record.pk} for record, row in added])
        cached.count += len(added)
        cached.last = (newest.pk, newest.received_at)
