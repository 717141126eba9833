"""Problems found in trainers' files, each pinned to file:line:column and a place named as the
trainer sees it (第 2 题（id: pick-one）的 answer), in the trainer's language."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any, TypeAlias

import click

from generator.errors import KefuError
from generator.messages import say
from generator.outputs import terminal_text

Loc: TypeAlias = tuple[str | int, ...]  # a field path: ("questions", 3, "answer")

EXCERPT = 40  # characters of a trainer's text a message may quote
MAX_MESSAGE = 400  # the longest fixed message is about 250 characters


def excerpt(text: object, limit: int = EXCERPT) -> str:
    """At most ``limit`` characters of ``text``: a message never replays a whole file
    (CI logs of pull requests are public, and a linked file may be private)."""
    text = str(text)
    return text if len(text) <= limit else text[:limit] + "…"


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int
    column: int
    path: str
    message: str

    def __post_init__(self) -> None:
        # The last line of defence for messages that quote a file without excerpt().
        object.__setattr__(self, "message", excerpt(self.message, MAX_MESSAGE))

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        if self.path:
            return f"{where}: {say('place.at', place=self.path, message=self.message)}"
        return f"{where}: {self.message}"


def format_path(loc: Sequence[str | int]) -> str:
    """("questions", 3, "answer") -> "questions[3].answer": the path as code and tools name it."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{excerpt(part)}" if out else excerpt(part)
    return out


# The list fields whose items a page numbers: their items are named "question 2", "第 2 题".
_ITEMS = {
    "questions",
    "sections",
    "objectives",
    "tracks",
    "units",
    "key_points",
    "faq",
    "glossary",
    "dialogue",
}


def format_place(loc: Loc, ids: dict[Loc, str] | None = None, keys: Sequence[str] = ()) -> str:
    """("questions", 1, "answer") -> "第 2 题（id: pick-one）的 answer": items counted from 1
    as the page shows them, with their id when they have one. ``keys`` lists the option keys of
    the question in ``loc`` in file order, so an option is named by its place too."""
    ids = ids or {}
    parts: list[str] = []
    for i, part in enumerate(loc):
        field = loc[i - 1] if i else ""
        if isinstance(part, int) and field in _ITEMS:
            parts.pop()
            named = say(f"place.{field}", n=part + 1)
            if item_id := ids.get(tuple(loc[: i + 1])):
                named = say("place.with_id", item=named, id=excerpt(item_id))
            parts.append(named)
        elif isinstance(part, int):
            parts.append(say("place.item", n=part + 1))
        elif field == "options":
            parts.pop()
            n = list(keys).index(part) + 1 if part in keys else 0
            parts.append(
                say("place.option", n=n, key=excerpt(part))
                if n
                else say("place.option_key", key=excerpt(part))
            )
        else:
            parts.append(excerpt(part))
    return _joined(parts, say("place.join"))


def _joined(parts: list[str], joiner: str) -> str:
    """Parts joined; a Chinese joiner (的) is spaced from Latin letters and digits, as Chinese
    typography spaces them (第 2 题的 answer)."""
    out = parts[0] if parts else ""
    for part in parts[1:]:
        before = " " if joiner.isalpha() and not joiner.isascii() and out[-1:].isascii() else ""
        after = " " if joiner.isalpha() and not joiner.isascii() and part[:1].isascii() else ""
        out += f"{before}{joiner}{after}{part}"
    return out


@dataclass
class Source:
    """One YAML file as read: its display path and where each field path starts."""

    path: str
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    ids: dict[Loc, str] = field(default_factory=dict)  # the id of each mapping that has one

    def locate(self, loc: Loc, at_key: bool = False) -> tuple[int, int]:
        """Line and column of ``loc`` (its key when ``at_key``), or of its nearest ancestor."""
        loc = tuple(loc)
        if at_key and loc in self.key_positions:
            return self.key_positions[loc]
        while loc not in self.positions and loc:
            loc = loc[:-1]
        return self.positions.get(loc, (1, 1))

    def problem(self, loc: Loc, message: str, at_key: bool = False) -> Problem:
        line, column = self.locate(loc, at_key)
        return Problem(self.path, line, column, self.place(loc), message)

    def place(self, loc: Loc) -> str:
        """``loc`` in the trainer's words, options named by their place in the file."""
        options = next((loc[: i + 1] for i, p in enumerate(loc) if p == "options"), None)
        keys = [k[-1] for k in self.key_positions if options and k[:-1] == options]
        return format_place(loc, self.ids, [str(k) for k in keys])


class ProblemsFound(KefuError):
    """Raised with every problem of a run, so all are reported together."""

    def __init__(self, problems: list[Problem], outcome: str = "problems.nothing_built"):
        self.problems = sorted(problems)
        self.outcome = outcome  # a message key: what was left undone
        super().__init__("\n".join(map(str, self.problems)))

    def show(self, file: IO[Any] | None = None) -> None:
        for problem in self.problems:
            click.echo(terminal_text(str(problem)), err=True, file=file)
        click.secho(
            say("problems.summary", count=len(self.problems), outcome=say(self.outcome)),
            fg="red",
            err=True,
            file=file,
        )
