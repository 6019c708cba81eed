"""The one exception a parser raises."""

from __future__ import annotations


class NotAnArticle(Exception):
    """The input is not an article page: listing, video, error template, empty or unreadable.

    ``reason`` is a short slug fit for a stats key (``listing``, ``video``,
    ``error-page``, ``empty``, ``unreadable``, ``no-title``, ``unknown-layout``, ``parser-limit``).
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
