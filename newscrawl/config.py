"""Reading ``NEWSCRAWL_*`` settings with their values checked, for every component's config.

Each component reads its settings once, into a config dataclass of its own, through ``Read``;
a value that cannot work raises ``SettingError`` with one line naming the setting and what it
expects (``NEWSCRAWL_DB_BATCH_SIZE: 'abc' is not a whole number``). The defaults are those of
``newscrawl/settings.py``, passed in by each component. ``newscrawl.validation`` reads every
component's config when a crawl starts, however it is started, so a wrong value stops it before
any request. Values given with ``-s`` or the environment arrive as text, ``settings.py``'s typed:
both are accepted.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scrapy.settings import BaseSettings


class SettingError(ValueError):
    """A setting's value cannot work; the message is one line: the setting, then what it expects."""


class Read:
    """Typed reads of one settings object."""

    def __init__(self, settings: BaseSettings) -> None:
        self.settings = settings

    def _value(self, name: str, default: Any) -> Any:
        value = self.settings.get(name)
        return default if value is None or value == "" else value

    def whole(self, name: str, default: int, *, minimum: int = 0) -> int:
        value = self._value(name, default)
        try:
            number = int(str(value).strip().replace("_", "")) if not isinstance(value, bool) else None
        except ValueError:
            number = None
        if number is None or (isinstance(value, float) and not value.is_integer()):
            raise SettingError(f"{name}: {value!r} is not a whole number")
        if number < minimum:
            raise SettingError(f"{name}: {value!r} must be {minimum} or more")
        return number

    def number(self, name: str, default: float, *, minimum: float = 0.0, above: bool = False) -> float:
        """A number at least ``minimum`` (more than it, with ``above``)."""
        value = self._value(name, default)
        try:
            number = float(value) if not isinstance(value, bool) else float("nan")
        except (TypeError, ValueError):
            number = float("nan")
        if number != number:  # NaN: not a number at all
            raise SettingError(f"{name}: {value!r} is not a number")
        if number < minimum or (above and number == minimum):
            raise SettingError(f"{name}: {value!r} must be {'more than' if above else 'at least'} {minimum:g}")
        return number

    def ratio(self, name: str, value: Any) -> float:
        """``value`` (given under ``name``) as a share from 0 to 1."""
        try:
            share = float(value)
        except (TypeError, ValueError):
            share = -1.0
        if not 0.0 <= share <= 1.0:
            raise SettingError(f"{name}: {value!r} is not a share from 0 to 1")
        return share

    def flag(self, name: str, default: bool) -> bool:
        value = self._value(name, default)
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in ("1", "true", "yes", "on"):
            return True
        if text in ("0", "false", "no", "off"):
            return False
        raise SettingError(f"{name}: {value!r} is not True or False")

    def text(self, name: str, default: str | None = None) -> str | None:
        value = self._value(name, default)
        return None if value is None else str(value).strip() or None

    def choice(self, name: str, default: str, choices: Sequence[str]) -> str:
        value = str(self._value(name, default)).strip().lower()
        if value not in choices:
            raise SettingError(f"{name}: {value!r} is not one of {', '.join(choices)}")
        return value

    def words(self, name: str, default: Sequence[str]) -> list[str]:
        """A list: given as one (``a,b,c``) or as a JSON list."""
        value = self._value(name, default)
        if isinstance(value, str):
            text = value.strip()
            if text.startswith("["):
                value = _json(name, text)
            else:
                return [word.strip() for word in text.split(",") if word.strip()]
        if not isinstance(value, Sequence) or isinstance(value, str):
            raise SettingError(f"{name}: {value!r} is not a list")
        return [str(word).strip() for word in value if str(word).strip()]

    def mapping(self, name: str, default: Mapping[str, Any]) -> dict[str, Any]:
        """A mapping: given as one, or as a JSON object."""
        value = self._value(name, default)
        if isinstance(value, str):
            value = _json(name, value)
        if not isinstance(value, Mapping):
            raise SettingError(f"{name}: {value!r} is not a JSON object")
        return {str(k): v for k, v in value.items()}


def _json(name: str, text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        raise SettingError(f"{name}: {text!r} is not valid JSON") from None
