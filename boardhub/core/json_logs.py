"""Production's log format: one JSON object per line, which log collectors read without a
parser of their own, each with the request id (boardhub.core.request_id) so that every line
about one request can be found by its number.

Standard library only. A line holds the time (UTC, ISO 8601), the level, the logger's name,
the message, the request id, and the traceback when there is one.
"""

import json
import logging
from datetime import UTC, datetime

from .request_id import NO_REQUEST


class JsonLinesFormatter(logging.Formatter):
    def format(self, record):
        line = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", NO_REQUEST),
        }
        if record.exc_info:
            line["traceback"] = self.formatException(record.exc_info)
        elif record.stack_info:
            line["stack"] = self.formatStack(record.stack_info)
        return json.dumps(line, ensure_ascii=False, default=str)
