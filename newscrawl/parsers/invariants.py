"""What holds for every ``Article``, whatever the layout it was read from.

``enforce`` runs once per parse, after the era's (or the text rendering's) fields are read:

* the body holds story text only: no paragraph of its own is the headline, the subtitle, the
  date line, a byline line, the caption, an image's alt text, a key point, a breadcrumb or
  rubric label, or a line of the site around the article (its outlet's ``TextRules``: chrome,
  boilerplate);
* a trailing team or agency credit is ``credit``, not body;
* an article has a title, a body (on a paid page the teaser, with a warning saying so) and a
  publication date or an article id; anything else is ``NotAnArticle`` with a reason.

``breaks`` applies the same tests without changing anything: ``check-pages`` and the property
tests use it to see whether a result that bypassed ``enforce`` (or a bug in it) breaks them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

from newscrawl import outlets
from newscrawl.items import Article
from newscrawl.outlets.rules import TextRules
from newscrawl.parsers.byline import is_byline_line
from newscrawl.parsers.clean import take_credits
from newscrawl.parsers.dates import is_date_string, parse_date
from newscrawl.parsers.errors import NotAnArticle

MAX_DATE_LINE = 60


@dataclass(frozen=True, slots=True)
class Break:
    """One invariant a result breaks: the field and what is wrong with it."""

    field: str
    problem: str

    def __str__(self) -> str:
        return f"{self.field}: {self.problem}"


def rules_of(article: Article) -> TextRules:
    """The text rules of the article's outlet (the shared ones for a site without a package)."""
    try:
        return outlets.by_name(article.outlet or "").text
    except KeyError:
        return TextRules()


def enforce(article: Article, also_not_body: Iterable[str] = (), rules: TextRules | None = None) -> Article:
    """``article`` with the body's stray lines and trailing credit taken out; ``NotAnArticle``
    when it has no title, no body, or neither a date nor an id. ``also_not_body`` are page
    texts only the parser knows (image alt texts, breadcrumb and rubric labels); ``rules`` the
    outlet's text rules (by default those of ``article.outlet``)."""
    rules = rules or rules_of(article)
    if not article.title or rules.is_site_line(article.title):
        raise NotAnArticle("no-title", f"no headline (found {article.title!r})")
    others = _Others(article, also_not_body, rules)
    paragraphs: list[str] = []
    removed: dict[str, int] = {}
    for paragraph in article.body.split("\n\n"):
        what = others.what_is(paragraph) if paragraph else "empty"
        if what is None:
            paragraphs.append(paragraph)
        elif what != "empty":
            removed[what] = removed.get(what, 0) + 1
    credit = take_credits(paragraphs, rules, article.credit)
    if not paragraphs:
        paid = " (a paid article without its teaser)" if article.is_premium else ""
        raise NotAnArticle("no-body", f"no story text{paid}")
    if not article.published_at and article.article_id is None:
        raise NotAnArticle("no-date", "neither a publication date nor an article id")
    warnings = list(article.warnings)
    if removed:
        found = ", ".join(f"{n} {what}" for what, n in removed.items())
        warnings.append(f"body: lines that are not story text taken out ({found})")
    if article.is_premium and rules.teaser_warning not in warnings:
        warnings.append(rules.teaser_warning)
    return replace(
        article,
        body="\n\n".join(paragraphs),
        credit=credit,
        dateline=article.dateline or rules.dateline_of(paragraphs[0]),
        warnings=tuple(warnings),
    )


def breaks(article: Article, also_not_body: Iterable[str] = (), rules: TextRules | None = None) -> list[Break]:
    """Every invariant ``article`` breaks (none, for what ``enforce`` returned)."""
    rules = rules or rules_of(article)
    found: list[Break] = []
    if not article.title or rules.is_site_line(article.title):
        found.append(Break("title", f"no headline: {article.title!r}"))
    others = _Others(article, also_not_body, rules)
    paragraphs = [p for p in article.body.split("\n\n") if p]
    for number, paragraph in enumerate(paragraphs, 1):
        what = others.what_is(paragraph)
        if what is not None:
            found.append(Break("body", f"paragraph {number} is {what}: {_short(paragraph)}"))
    if not paragraphs:
        found.append(Break("body", "empty"))
    elif len(paragraphs) > 1 and rules.is_credit(paragraphs[-1]):
        found.append(Break("credit", f"the credit line is left in the body: {_short(paragraphs[-1])}"))
    if not article.published_at and article.article_id is None:
        found.append(Break("published_at", "neither a publication date nor an article id"))
    if article.is_premium and rules.teaser_warning not in article.warnings:
        found.append(Break("warnings", "a paid article without the teaser warning"))
    if article.image_caption and rules.has_image_words(article.image_caption):
        found.append(Break("image_caption", f"holds an image button: {_short(article.image_caption)}"))
    return found


class _Others:
    """The texts of the page that are not story text, and what each is."""

    def __init__(self, article: Article, also_not_body: Iterable[str], rules: TextRules) -> None:
        self.rules = rules
        known: dict[str, str] = {}
        for what, texts in (
            ("a page label", also_not_body),
            ("a key point", article.highlights),
            ("the caption", (article.image_caption or "",)),
            ("the date line", (article.published_at_raw or "",)),
            ("the subtitle", (article.subtitle or "",)),
            ("the headline", (article.title,)),
        ):
            known.update((_key(text), what) for text in texts if text)
        self.known = known
        published = parse_date(article.published_at)
        self.published_day = published.date() if published else None

    def what_is(self, paragraph: str) -> str | None:
        """What the paragraph is, if it is not story text."""
        known = self.known.get(_key(paragraph))
        if known:
            return known
        if self.rules.is_site_line(paragraph):
            return "a site line"
        if is_byline_line(paragraph):
            return "a byline line"
        if self.published_day and len(paragraph) <= MAX_DATE_LINE and is_date_string(paragraph):
            when = parse_date(paragraph)
            if when is not None and when.date() == self.published_day:
                return "the date line"
        return None


def _key(text: str) -> str:
    folded = text.casefold()
    if folded.isprintable() and "  " not in folded:  # a clean text: its only spaces are single ones
        return folded.strip(" .:")
    return " ".join(folded.split()).strip(" .:")


def _short(text: str) -> str:
    return repr(text if len(text) <= 70 else text[:67] + "...")
