"""Problems found in trainers' files, each pinned to file:line:column and a field path."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import IO, Any, TypeAlias

import click

from generator.errors import KefuError
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
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"


def format_path(loc: Sequence[str | int]) -> str:
    """("questions", 3, "answer") -> "questions[3].answer"."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{excerpt(part)}" if out else excerpt(part)
    return out


@dataclass
class Source:
    """One YAML file as read: its display path and where each field path starts."""

    path: str
    positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)
    key_positions: dict[Loc, tuple[int, int]] = field(default_factory=dict)

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
        return Problem(self.path, line, column, format_path(loc), message)


class ProblemsFound(KefuError):
    """Raised with every problem of a run, so all are reported together."""

    def __init__(self, problems: list[Problem], outcome: str = "nothing was built"):
        self.problems = sorted(problems)
        self.outcome = outcome
        super().__init__("\n".join(map(str, self.problems)))

    def show(self, file: IO[Any] | None = None) -> None:
        for problem in self.problems:
            click.echo(terminal_text(str(problem)), err=True, file=file)
        count = len(self.problems)
        click.secho(
            f"{count} problem{'s' if count != 1 else ''} found; {self.outcome}.",
            fg="red",
            err=True,
            file=file,
        )
