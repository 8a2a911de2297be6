"""Who may change a group's digest: the group's administrators, asked of Telegram and remembered briefly."""

from __future__ import annotations

import time
from collections.abc import Callable

from telegram import Bot, ChatMember, Update
from telegram.constants import ChatType

ADMIN_TTL = 60.0  # seconds: a demoted admin loses the right within a minute; a busy group costs one call a minute
_PRUNE_ABOVE = 4096


class GroupAdmins:
    """getChatMember answers per (group, user), cached for ADMIN_TTL seconds."""

    def __init__(self, ttl: float = ADMIN_TTL, clock: Callable[[], float] = time.monotonic) -> None:
        self._ttl = ttl
        self._clock = clock
        self._seen: dict[tuple[int, int], tuple[float, bool]] = {}

    async def is_admin(self, bot: Bot, chat_id: int, user_id: int) -> bool:
        now = self._clock()
        cached = self._seen.get((chat_id, user_id))
        if cached and cached[0] > now:
            return cached[1]
        member = await bot.get_chat_member(chat_id, user_id)
        admin = member.status in (ChatMember.ADMINISTRATOR, ChatMember.OWNER)
        if len(self._seen) > _PRUNE_ABOVE:
            self._seen = {key: value for key, value in self._seen.items() if value[0] > now}
        self._seen[(chat_id, user_id)] = (now + self._ttl, admin)
        return admin


async def may_change_digest(update: Update, bot: Bot, admins: GroupAdmins) -> bool:
    """Anyone in a private chat; in a group, its admins, including one posting anonymously as the group."""
    chat = update.effective_chat
    if chat is None or chat.type == ChatType.PRIVATE:
        return True
    message = update.effective_message
    if message and message.sender_chat and message.sender_chat.id == chat.id:
        return True  # only an anonymous administrator can post as the group itself
    user = update.effective_user
    return user is not None and await admins.is_admin(bot, chat.id, user.id)
