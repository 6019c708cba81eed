"""The site's own lines around an article: login modal, image buttons, paywall, footer.

docs/layouts.md (E3, text renderings) lists them as a browser shows them (the text renderings) and as
the HTML holds them. ``is_chrome`` lines are never article text wherever they appear;
``ends_article`` lines (the paywall, the footer) mean that nothing after them is article
text either — the paywall's benefit list and the footer's navigation words are open-ended,
so they are cut off by where they start rather than listed.
"""

from __future__ import annotations

import re

# The login/registration modal E2 pages had in the DOM (its text comes first in a rendering).
_LOGIN_MODAL = (
    r"lupa\ kata\ sandi\?.*",
    r"atau\ (?:masuk|daftar)\ melalui",
    r"(?:belum|sudah)\ memiliki\ akun\b.*",
    r"konfirmasi\ email",
    r"kami\ telah\ mengirimkan\ link\ aktivasi\b.*",
    r"klik\ link\ aktivasi\b.*",
    r"jika\ anda\ tidak\ menerima\ email,?",
    r"kirimkan\ lagi\ sekarang",
    r"masuk\ atau\ daftar",
)
# The image's alt text as drawn for a missing image, the zoom button, the E2 image slot.
_IMAGE = (r"image\ of\ tempo", r"perbesar", r"image-gnews")
# Labels and ad slots of the current layout (the paid-article badge, ad-light reading offers).
_LABELS = (
    r"berita\ tempo\ plus",
    r"tempo\ ?plus",
    r"baca\ berita\ dengan\ sedikit\ iklan,?\ klik\ di\ ?sini",
    r"lihat\ benefit\ lainnya",
    r"close",
)
# Where the paywall starts: the teaser is over (docs/layouts.md, text renderings).
_PAYWALL = (
    r"berlangganan\ tempo\s?\+?\ untuk\ membaca\b.*",
    r"sudah\ berlangganan\?.*",
    r"(?:baca|nikmati)\ selengkapnya\ dengan\ berlangganan\b.*",
)
# Where the footer starts (item 10): the logo, the app offer, the social links, the copyright.
_FOOTER = (
    r"logo\ tempo",
    r"unduh\ aplikasi\ tempo\b.*",
    r"ikuti\ media\ sosial\ kami",
    r"(?:©|\(c\)|copyright)\s*\d{4}\s+tempo\b.*",
    r"hak\ cipta\ dilindungi\ (?:hukum|undang-undang)\.?",
)


def _whole_line(alternatives: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"^(?:" + "|".join(alternatives) + r")$", re.IGNORECASE | re.VERBOSE)


_CHROME = _whole_line(_LOGIN_MODAL + _IMAGE + _LABELS + _PAYWALL + _FOOTER)
_ENDS_ARTICLE = _whole_line(_PAYWALL + _FOOTER)
_IMAGE_LINE = _whole_line(_IMAGE)
_PREMIUM_LABEL = _whole_line((r"berita\ tempo\ plus",))
_PAYWALL_LINE = _whole_line(_PAYWALL)


def is_chrome(line: str) -> bool:
    """A line of the site around the article (modal, image button, label, paywall, footer)."""
    return bool(_CHROME.match(line))


def ends_article(line: str) -> bool:
    """The paywall or the footer starts here: nothing after it is the article's text."""
    return bool(_ENDS_ARTICLE.match(line))


def is_paywall(line: str) -> bool:
    """The paywall's first line: the page shows a teaser of a paid article."""
    return bool(_PAYWALL_LINE.match(line))


def is_image_line(line: str) -> bool:
    """What a rendering shows in place of the lead image ("Image of Tempo", "Perbesar")."""
    return bool(_IMAGE_LINE.match(line))


def is_premium_label(line: str) -> bool:
    """The "Berita Tempo Plus" badge line under the rubric of a paid article."""
    return bool(_PREMIUM_LABEL.match(line))


_IMAGE_WORDS = re.compile(r"(?<![\w-])(?:image\s+of\s+tempo|perbesar|image-gnews)(?![\w-])", re.IGNORECASE)


def has_image_words(text: str) -> bool:
    """The image buttons' words inside a longer text (a caption that swallowed them)."""
    return bool(_IMAGE_WORDS.search(text))
