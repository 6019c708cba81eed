"""docs/reading.md against the code: each command line it shows is one the command line accepts,
and the change feed's payload has the keys it shows."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from newscrawl import cli
from newscrawl.cli import reading
from newscrawl.store import statements
from tests.doc_tables import page

PROMPT = "$ .venv/bin/python -m newscrawl "


def _command_lines() -> list[list[str]]:
    found = []
    for line in page("reading.md").splitlines():
        if line.startswith(PROMPT):
            words = shlex.split(line[len(PROMPT) :], comments=True)
            for stop in ("|", ">"):  # the shell's part of the line
                if stop in words:
                    words = words[: words.index(stop)]
            found.append(words)
    return found


def test_the_page_shows_every_reading_command() -> None:
    shown = {words[0] if words[0] != "db" else " ".join(words[:2]) for words in _command_lines()}
    assert shown == {"watch", "search", "export", "db grant-reader"}


@pytest.mark.parametrize("argv", _command_lines(), ids=" ".join)
def test_each_command_line_shown_is_accepted(argv: list[str], monkeypatch: pytest.MonkeyPatch) -> None:
    ran: list[object] = []

    def run(args: object) -> int:
        ran.append(args)
        return 0

    monkeypatch.setattr(reading, "run", run)
    assert cli.main(argv) == 0
    assert len(ran) == 1


def test_the_payload_shown_has_the_keys_the_store_sends() -> None:
    example = re.search(r"```json\n(.*?)\n```", page("reading.md"), re.S)
    assert example is not None
    sent = re.findall(r"'(\w+)', ", statements.NOTIFY_CHANGES.split("json_build_object(")[1])
    assert list(json.loads(example[1])) == sent
