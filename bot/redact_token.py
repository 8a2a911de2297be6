"""Keep the bot token out of every log line, whatever library wrote it."""

from __future__ import annotations

import logging


class RedactToken(logging.Filter):
    """Replace the token in a record's formatted message and arguments with a placeholder."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if self._token in message:
            record.msg, record.args = message.replace(self._token, "<token>"), None
        if record.exc_info and record.exc_info[1] and self._token in str(record.exc_info[1]):
            record.exc_text = logging.Formatter().formatException(record.exc_info).replace(self._token, "<token>")
        return True


def configure_logging(token: str, level: int = logging.INFO) -> None:
    """Log to stderr, every line scrubbed of the token (build_application also keeps httpx quiet)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))
