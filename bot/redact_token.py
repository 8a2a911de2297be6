"""Keep the bot token out of every log line and error message, whatever library wrote it."""

from __future__ import annotations

import logging


def redact(text: str, token: str) -> str:
    """The token, and its secret part on its own (URLs may encode the colon), replaced by a placeholder."""
    secret = token.partition(":")[2]
    text = text.replace(token, "<token>")
    return text.replace(secret, "<token>") if len(secret) >= 8 else text


class RedactToken(logging.Filter):
    """Replace the token in a record's formatted message, arguments and traceback with a placeholder."""

    def __init__(self, token: str) -> None:
        super().__init__()
        self._token = token

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        scrubbed = redact(message, self._token)
        if scrubbed != message:
            record.msg, record.args = scrubbed, None
        if record.exc_info and record.exc_info[1]:
            # A chained cause or a frame's source line may hold the token even when str(exc) does not.
            record.exc_text = redact(logging.Formatter().formatException(record.exc_info), self._token)
        return True


def configure_logging(token: str, level: int = logging.INFO) -> None:
    """Log to stderr, every line scrubbed of the token (build_application also keeps httpx quiet)."""
    logging.basicConfig(level=level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for handler in logging.getLogger().handlers:
        handler.addFilter(RedactToken(token))
