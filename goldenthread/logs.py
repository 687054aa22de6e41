"""Logs as one JSON object per line, for a log collector (GT_LOG_FORMAT=json, the default
outside development).

What reaches a log is ours or Django's: a message, the request id that ties it to the audit
trail and the error page, the status, and a traceback without local values. Paths carry ids
at most and query strings are never logged, so a log line names no participant.
"""

import json
import logging
from datetime import UTC, datetime


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, object] = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        # django.request and django.server attach the request and its answer's status.
        request = getattr(record, "request", None)
        if request is not None:
            entry["request_id"] = getattr(request, "request_id", "")
            entry["method"] = getattr(request, "method", "")
        status = getattr(record, "status_code", None)
        if status is not None:
            entry["status"] = status
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return json.dumps(entry, default=str)
