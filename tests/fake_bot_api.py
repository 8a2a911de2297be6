"""A fake Telegram Bot API server for tests and benchmarks.

Runs a stdlib ``ThreadingHTTPServer`` on 127.0.0.1 in a daemon thread, so it is
independent of the bot's asyncio loop. Point PTB at it with
``Bot(token, base_url=api.base_url)`` / ``ApplicationBuilder().base_url(...)``.

Usage::

    with FakeBotApi() as api:
        app = ApplicationBuilder().token(api.token).base_url(api.base_url).build()
        ...
        api.push_command(42, "/start")
        msg = api.wait_for(lambda m: m.chat_id == 42 and "Welcome" in m.text)

PTB (HTTPXRequest) posts ``application/x-www-form-urlencoded`` bodies (multipart
when uploading files) in which every value is a string: str parameters raw,
everything else ``json.dumps``-ed (``chat_id`` -> ``"42"``, ``reply_markup`` ->
a JSON object string, ``disable_notification`` -> ``"true"``). The server
therefore decodes values by parameter name, never by guessing from content
(a message text "123" must stay a string). JSON bodies are accepted as well.
"""

from __future__ import annotations

import asyncio
import email.parser
import email.policy
import itertools
import json
import math
import socket
import struct
import sys
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl

from tests.telegram_html_check import (
    MAX_MESSAGE_LENGTH,
    check_telegram_html,
    is_too_long_problem,
    visible_text,
)

JSONDict = dict[str, Any]

# Parameters whose string form is JSON (objects/arrays) in PTB's encoding.
_JSON_PARAMS = frozenset(
    {
        "reply_markup", "entities", "caption_entities", "allowed_updates", "commands",
        "scope", "link_preview_options", "reply_parameters", "media", "results",
        "permissions", "explanation_entities", "options", "button", "menu_button",
        "rights", "reaction", "message_ids",
    }
)
# Integer parameters (chat_id may also be "@channel", so int conversion is best effort).
_INT_PARAMS = frozenset(
    {
        "chat_id", "from_chat_id", "message_id", "user_id", "offset", "limit", "timeout",
        "message_thread_id", "reply_to_message_id", "cache_time",
    }
)
# Free-text parameters: never coerced, a text may well be "true" or "123".
_TEXT_PARAMS = frozenset(
    {
        "text", "caption", "data", "query", "title", "description", "short_description",
        "question", "explanation", "name", "url", "first_name", "last_name", "emoji",
        "inline_message_id", "callback_query_id", "business_connection_id", "message_effect_id",
    }
)
_BOOL_STRINGS = {"true": True, "false": False}

_DEFAULT_ERRORS = {
    400: "Bad Request: chat not found",
    401: "Unauthorized",
    403: "Forbidden: bot was blocked by the user",
    404: "Not Found",
    409: "Conflict: terminated by other getUpdates request",
    500: "Internal Server Error",
    502: "Bad Gateway",
}


@dataclass(frozen=True)
class ApiRequest:
    """One received Bot API call (``time`` is ``time.monotonic()``)."""

    method: str
    params: JSONDict
    time: float


@dataclass(frozen=True)
class SentMessage:
    """A successful sendMessage/editMessageText (``text`` as sent, markup included)."""

    method: str
    chat_id: int | str
    message_id: int
    text: str
    parse_mode: str | None
    reply_markup: JSONDict | None
    time: float
    params: JSONDict = field(default_factory=dict, repr=False)

    @property
    def buttons(self) -> list[JSONDict]:
        """Flat list of inline keyboard buttons (empty if none)."""
        rows = (self.reply_markup or {}).get("inline_keyboard") or []
        return [button for row in rows for button in row]


@dataclass
class _Fault:
    """An injected error answer for the next ``remaining`` matching calls."""

    method: str
    status: int
    description: str
    retry_after: int | None
    remaining: int
    chat_id: int | str | None
    migrate_to_chat_id: int | None = None


@dataclass
class _Reset:
    """Reset the connection of the next ``remaining`` calls, before or after the call took effect."""

    method: str
    remaining: int
    accepted: bool


@dataclass
class _Delay:
    method: str
    seconds: float
    remaining: int | None  # None = forever


class _TokenBucket:
    """Token bucket: ``rate`` tokens/s, burst of max(1, rate)."""

    def __init__(self, rate: float) -> None:
        self.rate = rate
        self.capacity = max(1.0, rate)
        self.tokens = self.capacity
        self.stamp = time.monotonic()

    def _refill(self, now: float) -> None:
        # ``now`` may predate the bucket's creation (taken earlier under the lock): clamp.
        elapsed = max(0.0, now - self.stamp)
        self.tokens = min(self.capacity, self.tokens + elapsed * self.rate)
        self.stamp = max(self.stamp, now)

    def wait_needed(self, now: float) -> float:
        """Seconds until one token is available (0 if available now)."""
        self._refill(now)
        return 0.0 if self.tokens >= 1.0 else (1.0 - self.tokens) / self.rate

    def take(self) -> None:
        self.tokens -= 1.0


class ApiError(Exception):
    """Raised inside handlers to produce a Telegram error answer."""

    def __init__(
        self, status: int, description: str, retry_after: int | None = None, migrate_to_chat_id: int | None = None
    ) -> None:
        super().__init__(description)
        self.status = status
        self.description = description
        self.retry_after = retry_after
        self.migrate_to_chat_id = migrate_to_chat_id


class FakeBotApi:
    """Fake Bot API server with recording, fault injection and rate limiting."""

    def __init__(
        self, token: str = "123456:TEST-TOKEN", bot_username: str = "newsbrief_test_bot"
    ) -> None:
        self.token = token
        self.bot_username = bot_username
        self.bot_id = int(token.split(":", 1)[0]) if token.split(":", 1)[0].isdigit() else 1
        self.latency: float = 0.0  # fixed delay added to every reply (benchmarks)
        self.requests: list[ApiRequest] = []
        self.sent: list[SentMessage] = []
        self.html_problems: list[tuple[str, list[str]]] = []
        self.rejected_429 = 0
        self.errors: list[str] = []  # exceptions raised by the fake itself
        self.commands: list[JSONDict] = []  # the default menu (setMyCommands without a scope)
        self.scoped_commands: dict[str, list[JSONDict]] = {}  # other menus, by scope: "chat:42", "all_group_chats"...
        self.chat_admins: dict[int, set[int]] = {}  # group chat id -> user ids getChatMember calls admins
        self._lock = threading.Lock()
        self._sent_cond = threading.Condition(self._lock)  # notified on every new sent message
        self._updates_cond = threading.Condition(self._lock)  # notified on push / stop
        self._updates: deque[JSONDict] = deque()
        self._update_ids = itertools.count(1)
        self._message_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        # (chat, message id) -> (text, reply_markup) of the bot's messages, for edits/callbacks
        self._messages: dict[tuple[Any, int], tuple[str, JSONDict | None]] = {}
        self._faults: list[_Fault] = []
        self._delays: list[_Delay] = []
        self._resets: list[_Reset] = []
        self._global_bucket: _TokenBucket | None = None
        self._chat_rate: float | None = None
        self._chat_buckets: dict[int | str, _TokenBucket] = {}
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None
        self._stopping = False
        self._delayed_in_progress = 0  # requests held by delay(), not answered yet
        self._floods: dict[str, float] = {}  # method -> monotonic end of a bot-wide 429 window
        self.flooded: list[ApiRequest] = []  # calls answered 429 by a flood()

    # ------------------------------------------------------------------ lifecycle

    @property
    def port(self) -> int:
        """The bound ephemeral port (server must be started)."""
        if self._server is None:
            raise RuntimeError("FakeBotApi is not started")
        return self._server.server_address[1]

    @property
    def base_url(self) -> str:
        """Value for PTB's ``base_url``; PTB appends ``{token}/{method}``."""
        return f"http://127.0.0.1:{self.port}/bot"

    def start(self) -> FakeBotApi:
        """Bind 127.0.0.1:0 and serve in a daemon thread."""
        if self._server is not None:
            return self
        self._stopping = False
        server = _Server(("127.0.0.1", 0), _Handler)
        server.api = self
        self._server = server
        self._thread = threading.Thread(
            target=server.serve_forever, kwargs={"poll_interval": 0.05},
            name=f"FakeBotApi:{self.port}", daemon=True,
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving and wake blocked long polls so their threads end."""
        with self._lock:
            self._stopping = True
            self._updates_cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    def __enter__(self) -> FakeBotApi:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()

    # ------------------------------------------------------------------ user input

    def push_command(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        username: str = "alice",
        first_name: str = "Alice",
    ) -> JSONDict:
        """Queue a private-chat message whose leading /command has a bot_command entity."""
        command = text.split(" ", 1)[0].split("\n", 1)[0]
        entities = []
        if command.startswith("/") and len(command) > 1:
            entities.append({"type": "bot_command", "offset": 0, "length": _utf16_len(command)})
        return self._push_message(chat_id, text, user_id, username, first_name, entities)

    def push_group_command(self, chat_id: int, text: str, user_id: int | None, as_group: bool = False) -> JSONDict:
        """A /command in group `chat_id` (negative) by `user_id`, or posted anonymously as the group itself
        (an anonymous admin: `sender_chat` is the group, `from` is Telegram's GroupAnonymousBot)."""
        command = text.split(" ", 1)[0]
        with self._lock:
            message_id = next(self._message_ids)
        message: JSONDict = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": _user(GROUP_ANONYMOUS_BOT, "GroupAnonymousBot", "Group") if as_group else _user(user_id or 1, "bob", "Bob"),
            "text": text,
            "entities": [{"type": "bot_command", "offset": 0, "length": _utf16_len(command)}],
        }
        if as_group:
            message["sender_chat"] = _chat(chat_id)
        return self._push_update({"message": message})

    def set_chat_admins(self, chat_id: int, user_ids: set[int]) -> None:
        """Who getChatMember reports as an administrator of group `chat_id` (everyone else is a member)."""
        with self._lock:
            self.chat_admins[chat_id] = set(user_ids)

    def push_text(
        self,
        chat_id: int,
        text: str,
        user_id: int | None = None,
        username: str = "alice",
        first_name: str = "Alice",
    ) -> JSONDict:
        """Queue a plain private-chat text message (no entities)."""
        return self._push_message(chat_id, text, user_id, username, first_name, [])

    def push_callback(
        self,
        chat_id: int,
        data: str,
        message_id: int,
        user_id: int | None = None,
        username: str = "alice",
        first_name: str = "Alice",
    ) -> JSONDict:
        """Queue a callback_query (inline button press) on a bot message."""
        user = _user(user_id if user_id is not None else chat_id, username, first_name)
        with self._lock:
            text = self._messages.get((chat_id, message_id), ("", None))[0]
            callback_id = str(next(self._callback_ids))
        message: JSONDict = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": _chat(chat_id, username, first_name),
            "from": self.bot_user(),
            "text": text,
        }
        update = {
            "callback_query": {
                "id": callback_id,
                "from": user,
                "chat_instance": f"ci{chat_id}",
                "message": message,
                "data": data,
            }
        }
        return self._push_update(update)

    def push_my_chat_member(self, chat_id: int, status: str, user_id: int | None = None) -> JSONDict:
        """Queue a my_chat_member update: the bot's own status in ``chat_id`` became ``status`` ("kicked", "left"...)."""
        user = _user(user_id if user_id is not None else abs(chat_id), "alice", "Alice")
        new_member: JSONDict = {"status": status, "user": self.bot_user()}
        if status == "kicked":
            new_member["until_date"] = 0
        change = {
            "chat": _chat(chat_id),
            "from": user,
            "date": int(time.time()),
            "old_chat_member": {"status": "member", "user": self.bot_user()},
            "new_chat_member": new_member,
        }
        return self._push_update({"my_chat_member": change})

    def push_migration(self, old_chat_id: int, new_chat_id: int) -> JSONDict:
        """Queue the service message a group gets when it becomes a supergroup (``migrate_to_chat_id``)."""
        with self._lock:
            message_id = next(self._message_ids)
        message: JSONDict = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": {"id": old_chat_id, "type": "group", "title": f"Group {old_chat_id}"},
            "from": _user(7, "alice", "Alice"),
            "migrate_to_chat_id": new_chat_id,
        }
        return self._push_update({"message": message})

    def push_update(self, update: JSONDict) -> JSONDict:
        """Queue an arbitrary update body (update_id is assigned)."""
        return self._push_update(dict(update))

    def _push_message(
        self,
        chat_id: int,
        text: str,
        user_id: int | None,
        username: str,
        first_name: str,
        entities: list[JSONDict],
    ) -> JSONDict:
        with self._lock:
            message_id = next(self._message_ids)
        message: JSONDict = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": _chat(chat_id, username, first_name),
            "from": _user(user_id if user_id is not None else chat_id, username, first_name),
            "text": text,
        }
        if entities:
            message["entities"] = entities
        return self._push_update({"message": message})

    def _push_update(self, body: JSONDict) -> JSONDict:
        with self._lock:
            update = {"update_id": next(self._update_ids), **body}
            self._updates.append(update)
            self._updates_cond.notify_all()
        return update

    def unconfirmed_updates(self) -> list[JSONDict]:
        """Updates not yet confirmed by a getUpdates offset (what a restarted bot would still receive)."""
        with self._lock:
            return list(self._updates)

    @property
    def pending_updates(self) -> int:
        """Updates not yet confirmed by a getUpdates offset."""
        with self._lock:
            return len(self._updates)

    # ------------------------------------------------------------------ faults / limits

    def fail_next(
        self,
        method: str,
        status: int,
        description: str | None = None,
        retry_after: int | None = None,
        times: int = 1,
        chat_id: int | str | None = None,
        migrate_to_chat_id: int | None = None,
    ) -> None:
        """Answer the next ``times`` calls of ``method`` (optionally to ``chat_id``) with an error.

        ``migrate_to_chat_id`` answers as Telegram does for a group that became a supergroup.
        """
        if status == 429:
            retry_after = 1 if retry_after is None else retry_after
            description = description or f"Too Many Requests: retry after {retry_after}"
        else:
            description = description or _DEFAULT_ERRORS.get(status, "Internal Server Error")
        with self._lock:
            self._faults.append(
                _Fault(method, status, description, retry_after, times, chat_id, migrate_to_chat_id)
            )

    def reset_next(self, method: str, times: int = 1, accepted: bool = False) -> None:
        """Reset the TCP connection instead of answering the next ``times`` calls of ``method``.

        ``accepted=True``: the call takes effect first (a message is sent), as when a connection drops
        after Telegram accepted it; the client cannot tell the two apart.
        """
        with self._lock:
            self._resets.append(_Reset(method, times, accepted))

    def take_reset(self, method: str) -> _Reset | None:
        """The reset planned for this call of ``method``, if any (used by the request handler)."""
        with self._lock:
            for reset in self._resets:
                if reset.method == method:
                    reset.remaining -= 1
                    if reset.remaining <= 0:
                        self._resets.remove(reset)
                    return reset
        return None

    def delay(self, method: str, seconds: float, times: int | None = None) -> None:
        """Sleep ``seconds`` before answering ``method`` (``times=None``: always)."""
        with self._lock:
            self._delays.append(_Delay(method, seconds, times))

    def flood(self, method: str, seconds: float) -> None:
        """Telegram-wide flood control: every call of ``method`` for ``seconds`` gets 429 with the
        retry_after left (rounded up), whatever its chat. Each such call is kept in ``flooded``."""
        with self._lock:
            self._floods[method] = time.monotonic() + seconds

    def rate_limit(self, per_second: float, per_chat_per_second: float | None = None) -> None:
        """Enforce token buckets on sendMessage; excess calls get 429 + retry_after.

        ``per_second`` is the global rate (0 disables it); each bucket allows a burst of
        max(1, rate) messages. Rejected calls are counted in ``rejected_429``.
        """
        with self._lock:
            self._global_bucket = _TokenBucket(per_second) if per_second else None
            self._chat_rate = per_chat_per_second
            self._chat_buckets = {}

    def clear_faults(self) -> None:
        """Drop pending faults, delays and rate limits."""
        with self._lock:
            self._faults.clear()
            self._delays.clear()
            self._resets.clear()
            self._floods.clear()
            self._global_bucket = None
            self._chat_rate = None
            self._chat_buckets = {}

    # ------------------------------------------------------------------ inspection

    def sent_to(self, chat_id: int | str) -> list[SentMessage]:
        """Successful sends/edits to ``chat_id``, oldest first."""
        with self._lock:
            return [m for m in self.sent if m.chat_id == chat_id]

    def calls(self, method: str) -> list[ApiRequest]:
        """Recorded requests of one method."""
        with self._lock:
            return [r for r in self.requests if r.method == method]

    def wait_for(
        self, predicate: Callable[[SentMessage], bool], timeout: float = 10.0
    ) -> SentMessage:
        """Return the first sent message matching ``predicate``; AssertionError on timeout."""
        deadline = time.monotonic() + timeout
        checked = 0
        with self._sent_cond:
            while True:
                # Only evaluate messages not checked yet: predicates may be costly.
                for message in self.sent[checked:]:
                    if predicate(message):
                        return message
                checked = len(self.sent)
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    break
                self._sent_cond.wait(remaining)
            dump = self._dump_locked()
        raise AssertionError(f"no sent message matched within {timeout}s.\n{dump}")

    async def wait_for_async(
        self, predicate: Callable[[SentMessage], bool], timeout: float = 10.0
    ) -> SentMessage:
        """``wait_for`` for use inside the bot's event loop (waits in a worker thread)."""
        return await asyncio.to_thread(self.wait_for, predicate, timeout)

    def wait_for_count(self, n: int, timeout: float = 10.0) -> list[SentMessage]:
        """Wait until at least ``n`` messages were sent; return them."""
        deadline = time.monotonic() + timeout
        with self._sent_cond:
            while len(self.sent) < n:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    dump = self._dump_locked()
                    raise AssertionError(
                        f"expected {n} sent messages within {timeout}s, got {len(self.sent)}.\n"
                        f"{dump}"
                    )
                self._sent_cond.wait(remaining)
            return list(self.sent)

    def wait_for_delayed(self, timeout: float = 10.0) -> None:
        """Wait until every request held by ``delay()`` has been answered (and its message recorded)."""
        deadline = time.monotonic() + timeout
        while True:
            with self._lock:
                if self._delayed_in_progress == 0:
                    return
            if time.monotonic() > deadline:
                raise AssertionError(f"delayed requests still unanswered after {timeout}s")
            time.sleep(0.02)

    def dump(self) -> str:
        """Human-readable summary of what the bot sent and called (for failures)."""
        with self._lock:
            return self._dump_locked()

    def _dump_locked(self, limit: int = 30) -> str:
        lines = [f"sent ({len(self.sent)}):"]
        for m in self.sent[-limit:]:
            text = m.text if len(m.text) <= 300 else m.text[:300] + "…"
            lines.append(f"  {m.method} chat={m.chat_id} id={m.message_id} {text!r}")
        counts: dict[str, int] = {}
        for r in self.requests:
            counts[r.method] = counts.get(r.method, 0) + 1
        lines.append(f"requests by method: {counts}")
        if self.html_problems:
            lines.append(f"html problems ({len(self.html_problems)}):")
            for text, problems in self.html_problems[-5:]:
                lines.append(f"  {text[:120]!r}: {problems[:3]}")
        return "\n".join(lines)

    def clear(self) -> None:
        """Forget recorded requests, sent messages, problems and 429 counts."""
        with self._lock:
            self.requests.clear()
            self.sent.clear()
            self.html_problems.clear()
            self.flooded.clear()
            self.rejected_429 = 0

    def bot_user(self) -> JSONDict:
        """The bot's User object, as getMe returns it."""
        return {
            "id": self.bot_id,
            "is_bot": True,
            "first_name": "NewsBrief Test",
            "username": self.bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
            "can_connect_to_business": False,
            "has_main_web_app": False,
        }

    # ------------------------------------------------------------------ request handling

    def handle(self, token: str, method: str, params: JSONDict) -> tuple[int, JSONDict]:
        """Answer one call; returns (HTTP status, Telegram JSON body). Runs in server threads."""
        if token != self.token:
            return 401, _error(401, "Unauthorized")
        now = time.monotonic()
        chat_id = params.get("chat_id")
        with self._lock:
            self.requests.append(ApiRequest(method, params, now))
            sleep = self.latency + self._take_delay_locked(method)
            fault = self._take_fault_locked(method, chat_id)
            flood_left = self._floods.get(method, 0.0) - now
            if fault is None and flood_left > 0:
                self.flooded.append(self.requests[-1])
                retry = max(1, math.ceil(flood_left))
                fault = _Fault(method, 429, f"Too Many Requests: retry after {retry}", retry, 0, None)
            if sleep > 0:
                self._delayed_in_progress += 1
        if sleep > 0:
            try:
                time.sleep(sleep)  # outside the lock so other requests proceed
                return self._answer(method, params, fault)
            finally:
                with self._lock:
                    self._delayed_in_progress -= 1
        return self._answer(method, params, fault)

    def _answer(self, method: str, params: JSONDict, fault: _Fault | None) -> tuple[int, JSONDict]:
        try:
            if fault is not None:
                raise ApiError(fault.status, fault.description, fault.retry_after, fault.migrate_to_chat_id)
            handler = _METHODS.get(method)
            if handler is None:
                return 200, {"ok": True, "result": True}
            return 200, {"ok": True, "result": handler(self, params)}
        except ApiError as err:
            return err.status, _error(err.status, err.description, err.retry_after, err.migrate_to_chat_id)
        except Exception as exc:  # a bug in the fake: surface it instead of hanging the bot
            with self._lock:
                self.errors.append(f"{method}: {exc!r}")
            return 500, _error(500, f"Internal Server Error: fake server bug: {exc!r}")

    def _take_delay_locked(self, method: str) -> float:
        total = 0.0
        for d in self._delays:
            if d.method == method and (d.remaining is None or d.remaining > 0):
                total += d.seconds
                if d.remaining is not None:
                    d.remaining -= 1
        self._delays = [d for d in self._delays if d.remaining is None or d.remaining > 0]
        return total

    def _take_fault_locked(self, method: str, chat_id: Any) -> _Fault | None:
        for fault in self._faults:
            if fault.method == method and (fault.chat_id is None or fault.chat_id == chat_id):
                fault.remaining -= 1
                if fault.remaining <= 0:
                    self._faults.remove(fault)
                return fault
        return None

    def _check_rate_locked(self, chat_id: int | str) -> None:
        """Consume rate-limit tokens or raise 429 with an integer retry_after >= 1."""
        now = time.monotonic()
        buckets = [self._global_bucket] if self._global_bucket else []
        if self._chat_rate:
            bucket = self._chat_buckets.get(chat_id)
            if bucket is None:
                bucket = self._chat_buckets[chat_id] = _TokenBucket(self._chat_rate)
            buckets.append(bucket)
        wait = max((b.wait_needed(now) for b in buckets), default=0.0)
        if wait > 0:
            self.rejected_429 += 1
            retry_after = max(1, math.ceil(wait))
            raise ApiError(429, f"Too Many Requests: retry after {retry_after}", retry_after)
        for b in buckets:
            b.take()

    def _validate_text(self, text: Any, parse_mode: Any) -> str:
        """Telegram's checks on message text: empty, HTML entities, length."""
        if not isinstance(text, str) or not text.strip():
            raise ApiError(400, "Bad Request: message text is empty")
        if isinstance(parse_mode, str) and parse_mode.lower() == "html":
            problems = check_telegram_html(text)
            if problems:
                with self._lock:
                    self.html_problems.append((text, problems))
                parse_errors = [p for p in problems if not is_too_long_problem(p)]
                if parse_errors:
                    raise ApiError(400, f"Bad Request: can't parse entities: {parse_errors[0]}")
                raise ApiError(400, "Bad Request: message is too long")
            if not visible_text(text).strip():
                raise ApiError(400, "Bad Request: message text is empty")
        elif len(text) > MAX_MESSAGE_LENGTH:
            raise ApiError(400, "Bad Request: message is too long")
        return text

    def _record_sent(self, method: str, params: JSONDict, chat_id: Any, message_id: int) -> None:
        markup = params.get("reply_markup")
        message = SentMessage(
            method=method,
            chat_id=chat_id,
            message_id=message_id,
            text=params["text"],
            parse_mode=params.get("parse_mode"),
            reply_markup=markup if isinstance(markup, dict) else None,
            time=time.monotonic(),
            params=params,
        )
        with self._lock:
            self.sent.append(message)
            self._messages[(chat_id, message_id)] = (message.text, message.reply_markup)
            self._sent_cond.notify_all()

    def _message_result(self, chat_id: Any, message_id: int, params: JSONDict) -> JSONDict:
        result: JSONDict = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": _chat(chat_id),
            "from": self.bot_user(),
            "text": _displayed_text(params),
        }
        if isinstance(params.get("reply_markup"), dict):
            result["reply_markup"] = params["reply_markup"]
        return result


# ---------------------------------------------------------------------- method handlers


def _get_me(api: FakeBotApi, params: JSONDict) -> Any:
    return api.bot_user()


def _get_updates(api: FakeBotApi, params: JSONDict) -> Any:
    """Long polling: confirm by offset, then block until updates or timeout."""
    offset = _as_int(params.get("offset"), 0)
    limit = min(max(_as_int(params.get("limit"), 100), 1), 100)
    timeout = max(_as_int(params.get("timeout"), 0), 0)
    deadline = time.monotonic() + timeout
    with api._updates_cond:
        if offset > 0:
            # offset confirms every update with a smaller id: Telegram forgets them.
            while api._updates and api._updates[0]["update_id"] < offset:
                api._updates.popleft()
        elif offset < 0:
            while len(api._updates) > -offset:
                api._updates.popleft()
        while not api._updates and not api._stopping:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                break
            api._updates_cond.wait(remaining)  # releases the lock while waiting
        return list(itertools.islice(api._updates, limit))


def _send_message(api: FakeBotApi, params: JSONDict) -> Any:
    chat_id = params.get("chat_id")
    if chat_id is None or chat_id == "":
        raise ApiError(400, "Bad Request: chat_id is empty")
    with api._lock:
        api._check_rate_locked(chat_id)
    api._validate_text(params.get("text"), params.get("parse_mode"))
    with api._lock:
        message_id = next(api._message_ids)
    api._record_sent("sendMessage", params, chat_id, message_id)
    return api._message_result(chat_id, message_id, params)


def _edit_message_text(api: FakeBotApi, params: JSONDict) -> Any:
    api._validate_text(params.get("text"), params.get("parse_mode"))
    if params.get("inline_message_id"):
        api._record_sent("editMessageText", params, None, 0)
        return True
    chat_id, message_id = params.get("chat_id"), params.get("message_id")
    if chat_id is None or not isinstance(message_id, int):
        raise ApiError(400, "Bad Request: message to edit not found")
    with api._lock:
        old = api._messages.get((chat_id, message_id))
    new_markup = params.get("reply_markup")
    if old == (params["text"], new_markup if isinstance(new_markup, dict) else None):
        raise ApiError(
            400,
            "Bad Request: message is not modified: specified new message content and reply "
            "markup are exactly the same as a current content and reply markup of the message",
        )
    api._record_sent("editMessageText", params, chat_id, message_id)
    return api._message_result(chat_id, message_id, params)


def _set_my_commands(api: FakeBotApi, params: JSONDict) -> Any:
    commands = params.get("commands")
    commands = list(commands) if isinstance(commands, list) else []
    scope = params.get("scope")
    if isinstance(scope, str):
        scope = json.loads(scope)
    key = _scope_key(scope)
    with api._lock:
        if key == "default":
            api.commands = commands
        else:
            api.scoped_commands[key] = commands
    return True


def _scope_key(scope: JSONDict | None) -> str:
    """"default", "chat:42", "all_group_chats"...: how tests name a BotCommandScope."""
    if not scope or scope.get("type") == "default":
        return "default"
    return f"{scope['type']}:{scope['chat_id']}" if "chat_id" in scope else str(scope["type"])


def _get_chat_member(api: FakeBotApi, params: JSONDict) -> Any:
    chat_id, user_id = int(params["chat_id"]), int(params["user_id"])
    with api._lock:
        admin = user_id in api.chat_admins.get(chat_id, set())
    return {"status": "administrator" if admin else "member", "user": _user(user_id, "bob", "Bob"), **(
        {"can_be_edited": False, "is_anonymous": False, "can_manage_chat": True, "can_delete_messages": True,
         "can_manage_video_chats": False, "can_restrict_members": True, "can_promote_members": False,
         "can_change_info": True, "can_invite_users": True, "can_post_stories": False, "can_edit_stories": False,
         "can_delete_stories": False} if admin else {}
    )}


def _get_my_commands(api: FakeBotApi, params: JSONDict) -> Any:
    with api._lock:
        return list(api.commands)


def _true(api: FakeBotApi, params: JSONDict) -> Any:
    return True


_METHODS: dict[str, Callable[[FakeBotApi, JSONDict], Any]] = {
    "getMe": _get_me,
    "getUpdates": _get_updates,
    "sendMessage": _send_message,
    "editMessageText": _edit_message_text,
    "setMyCommands": _set_my_commands,
    "getMyCommands": _get_my_commands,
    "getChatMember": _get_chat_member,
    "deleteWebhook": _true,
    "answerCallbackQuery": _true,
    "sendChatAction": _true,
    "close": _true,
    "logOut": _true,
}


# ---------------------------------------------------------------------- HTTP layer


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    # Don't join handler threads on close: PTB keeps keep-alive connections open.
    block_on_close = False
    request_queue_size = 128
    allow_reuse_address = True
    api: FakeBotApi

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (a killed bot, a reset injected on purpose) is no error of the server's."""
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return
        super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive: httpx reuses connections
    disable_nagle_algorithm = True  # small replies must not wait for delayed ACKs
    server: _Server

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Silence per-request logging (benchmarks push thousands of requests)."""

    def do_POST(self) -> None:
        self._dispatch()

    def do_GET(self) -> None:
        self._dispatch()

    def _dispatch(self) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length) if length else b""
        path, _, query = self.path.partition("?")
        # Path is /bot{token}/{method}; the token itself contains ':' but no '/'.
        parts = path.split("/")
        if len(parts) != 3 or parts[0] != "" or not parts[1].startswith("bot"):
            self._reply(404, _error(404, "Not Found"))
            return
        token, method = parts[1][3:], parts[2]
        try:
            params = _decode_params(self.headers.get("Content-Type", ""), body, query)
        except ValueError as exc:
            self._reply(400, _error(400, f"Bad Request: {exc}"))
            return
        reset = self.server.api.take_reset(method)
        if reset is not None and not reset.accepted:
            self._reset()
            return
        status, payload = self.server.api.handle(token, method, params)
        if reset is not None:
            self._reset()
            return
        self._reply(status, payload)

    def _reset(self) -> None:
        """Close with RST (SO_LINGER 0): the client sees a reset connection, not an answer."""
        self.close_connection = True
        self.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))

    def _reply(self, status: int, payload: JSONDict) -> None:
        body = json.dumps(payload, ensure_ascii=False).encode()
        # One write for status line, headers and body: fewer syscalls and TCP segments.
        head = (
            f"HTTP/1.1 {status} {self.responses.get(status, ('',))[0]}\r\n"
            "Content-Type: application/json\r\n"
            f"Content-Length: {len(body)}\r\n"
            f"Connection: {'close' if self.close_connection else 'keep-alive'}\r\n\r\n"
        ).encode("latin-1")
        self.wfile.write(head + body)


def _decode_params(content_type: str, body: bytes, query: str) -> JSONDict:
    """Decode form, multipart or JSON bodies (plus query string) into typed params."""
    raw: dict[str, Any] = dict(parse_qsl(query, keep_blank_values=True)) if query else {}
    ctype = content_type.split(";", 1)[0].strip().lower()
    if not body:
        pass
    elif ctype == "application/json":
        try:
            decoded = json.loads(body)
        except json.JSONDecodeError as exc:
            raise ValueError(f"invalid JSON body: {exc}") from exc
        if not isinstance(decoded, dict):
            raise ValueError("JSON body must be an object")
        raw.update(decoded)
    elif ctype == "multipart/form-data":
        raw.update(_decode_multipart(content_type, body))
    else:
        raw.update(parse_qsl(body.decode("utf-8"), keep_blank_values=True))
    return {key: _coerce(key, value) for key, value in raw.items()}


def _decode_multipart(content_type: str, body: bytes) -> dict[str, Any]:
    """Parse multipart/form-data with the email package (text fields as str)."""
    header = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(header + body)
    fields: dict[str, Any] = {}
    for part in msg.iter_parts():
        name = part.get_param("name", header="content-disposition")
        if not name:
            continue
        payload = part.get_payload(decode=True) or b""
        if part.get_filename():
            fields[name] = {"filename": part.get_filename(), "size": len(payload)}
        else:
            fields[name] = payload.decode(part.get_content_charset() or "utf-8")
    return fields


def _coerce(key: str, value: Any) -> Any:
    """Type a form value by parameter name (PTB JSON-encodes non-str values)."""
    if not isinstance(value, str) or key in _TEXT_PARAMS:
        return value
    if key in _JSON_PARAMS:
        try:
            return json.loads(value)
        except json.JSONDecodeError:
            return value
    if key in _INT_PARAMS:
        try:
            return int(value)
        except ValueError:
            return value  # e.g. chat_id "@channel"
    if value in _BOOL_STRINGS:
        return _BOOL_STRINGS[value]
    return value


# ---------------------------------------------------------------------- helpers


def _error(
    status: int, description: str, retry_after: int | None = None, migrate_to_chat_id: int | None = None
) -> JSONDict:
    body: JSONDict = {"ok": False, "error_code": status, "description": description}
    if retry_after is not None:
        body["parameters"] = {"retry_after": retry_after}
    if migrate_to_chat_id is not None:
        body["parameters"] = {"migrate_to_chat_id": migrate_to_chat_id}
    return body


def _user(user_id: int, username: str, first_name: str) -> JSONDict:
    return {
        "id": user_id,
        "is_bot": False,
        "first_name": first_name,
        "username": username,
        "language_code": "en",
    }


GROUP_ANONYMOUS_BOT = 1087968824  # the `from` of messages an anonymous admin posts as the group


def _chat(chat_id: Any, username: str = "alice", first_name: str = "Alice") -> JSONDict:
    if isinstance(chat_id, int) and chat_id > 0:
        return {"id": chat_id, "type": "private", "username": username, "first_name": first_name}
    if isinstance(chat_id, int):
        return {"id": chat_id, "type": "supergroup", "title": f"Group {chat_id}"}
    # "@channel" usernames: Telegram answers with the numeric id; any fixed one will do.
    name = str(chat_id).lstrip("@")
    return {"id": -1001000000001, "type": "channel", "title": name, "username": name}


def _displayed_text(params: JSONDict) -> str:
    """Telegram returns the parsed text (markup becomes entities, which we omit)."""
    text = params["text"]
    parse_mode = params.get("parse_mode")
    if isinstance(parse_mode, str) and parse_mode.lower() == "html":
        return visible_text(text)
    return text


def _as_int(value: Any, default: int) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        return default


def _utf16_len(text: str) -> int:
    """Telegram entity offsets/lengths count UTF-16 code units."""
    return len(text.encode("utf-16-le")) // 2

