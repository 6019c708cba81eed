"""Tempo's own lines around an article: login modal, image buttons, paywall, footer.

docs/layouts.md (E3, text renderings) lists them as a browser shows them (the text renderings) and as
the HTML holds them. Tempo's text rules (``rules.py``) make them chrome: never article text
wherever they appear; the paywall and the footer end the article — nothing after them is article
text either (the paywall's benefit list and the footer's navigation words are open-ended, so they
are cut off by where they start rather than listed).
"""

from __future__ import annotations

from newscrawl.outlets.rules import whole_line

# The login/registration modal E2 pages had in the DOM (its text comes first in a rendering).
LOGIN_MODAL = (
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
IMAGE_BUTTONS = (r"image\ of\ tempo", r"perbesar", r"image-gnews")
# Labels and ad slots of the current layout (the paid-article badge, ad-light reading offers).
LABELS = (
    r"berita\ tempo\ plus",
    r"tempo\ ?plus",
    r"baca\ berita\ dengan\ sedikit\ iklan,?\ klik\ di\ ?sini",
    r"lihat\ benefit\ lainnya",
    r"close",
)
# Where the paywall starts: the teaser is over (docs/layouts.md, text renderings).
PAYWALL = (
    r"berlangganan\ tempo\s?\+?\ untuk\ membaca\b.*",
    r"sudah\ berlangganan\?.*",
    r"(?:baca|nikmati)\ selengkapnya\ dengan\ berlangganan\b.*",
)
# Where the footer starts (item 10): the logo, the app offer, the social links, the copyright.
FOOTER = (
    r"logo\ tempo",
    r"unduh\ aplikasi\ tempo\b.*",
    r"ikuti\ media\ sosial\ kami",
    r"(?:©|\(c\)|copyright)\s*\d{4}\s+tempo\b.*",
    r"hak\ cipta\ dilindungi\ (?:hukum|undang-undang)\.?",
)


_PREMIUM_LABEL = whole_line((r"berita\ tempo\ plus",))
_PAYWALL_LINE = whole_line(PAYWALL)


def is_paywall(line: str) -> bool:
    """The paywall's first line: the page shows a teaser of a paid article."""
    return bool(_PAYWALL_LINE.match(line))


def is_premium_label(line: str) -> bool:
    """The "Berita Tempo Plus" badge line under the rubric of a paid article."""
    return bool(_PREMIUM_LABEL.match(line))
