"""Body lines to paragraphs, pulling out what is not body: "Baca juga" links, the
"Pilihan Editor:" pick, the trailing credit, the dateline, the site's chrome lines; the
body ends where the paywall or the footer starts.

Shared by the HTML parsers and the text parser, so both read a page the same way.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from newscrawl.items import Link
from newscrawl.outlets import link_target
from newscrawl.outlets.rules import TextRules
from newscrawl.parsers.blocks import Line
from newscrawl.parsers.clean import clean_text, editor_pick_title, read_also_title, take_credits


@dataclass(slots=True)
class BodyParts:
    paragraphs: list[str] = field(default_factory=list)
    read_also: list[Link] = field(default_factory=list)
    editor_pick: Link | None = None
    credit: str | None = None
    dateline: str | None = None

    @property
    def body(self) -> str:
        return "\n\n".join(self.paragraphs)


def split_body(lines: Iterable[Line], rules: TextRules, base_url: str | None = None) -> BodyParts:
    """The body's paragraphs and what is taken out of them, by the outlet's text ``rules``."""
    parts = BodyParts()
    awaiting_read_also = False  # a bare "Baca juga" label: its link is the next line
    ends_story, is_site_line = rules.ends_story, rules.is_site_line
    for line in lines:
        text = line.text
        if ends_story(text):  # the paywall or the footer: the rest is not the article's
            break
        if not text or is_site_line(text):
            continue
        pick = editor_pick_title(text)
        if pick is not None:
            parts.editor_pick = _link(line, pick, base_url)
            continue
        read_also = read_also_title(text)
        if read_also is not None:
            if read_also:
                parts.read_also.append(_link(line, read_also, base_url))
            awaiting_read_also = not read_also
            continue
        if awaiting_read_also and line.is_link_only:
            parts.read_also.append(_link(line, text, base_url))
            continue
        awaiting_read_also = False
        parts.paragraphs.append(text)
    parts.credit = take_credits(parts.paragraphs, rules)
    if parts.paragraphs:
        parts.dateline = rules.dateline_of(parts.paragraphs[0])
    return parts


def _link(line: Line, title: str, base_url: str | None) -> Link:
    """The line's link whose anchor text best matches ``title`` (or its only link)."""
    best: tuple[str, str] | None = None
    for href, anchor in line.links:
        anchor = clean_text(anchor)
        if anchor and (anchor in title or title in anchor):
            best = (href, anchor)
            break
    if best is None and len(line.links) == 1:
        best = line.links[0]
    if best is None:
        return Link(title=title)
    href, anchor = best
    anchor = clean_text(anchor)
    # The anchor may hold the label too ("<a>Baca: X</a>"): keep only X.
    inner = read_also_title(anchor) if anchor else None
    name = (inner or title) if inner is not None else (anchor or title)
    return Link(title=name, url=link_target(href, base_url))
