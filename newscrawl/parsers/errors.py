"""The one exception a parser raises."""

from __future__ import annotations


class NotAnArticle(Exception):
    """The input is not an article page: listing, video, error template, empty or unreadable.

    ``reason`` is a short slug fit for a stats key (``listing``, ``no-title``…), given as a string
    literal: docs/article.md lists every reason, and a test holds that list to the code.
    """

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail
