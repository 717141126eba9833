"""A finding: a clue found in one question or unit, placed at its file, line and column."""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from generator.course.problems import Loc, Source


class Clue(NamedTuple):
    """A finding before it is placed in its file."""

    loc: Loc  # field path
    rule: str
    message: str
    at_key: bool = False  # at the field's key (a whole list) rather than its value
    line_offset: int = 0  # lines below the field's start: a table row inside a unit's body


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    column: int
    rule: str
    message: str

    def text(self, level: str) -> str:
        return f"{self.file}:{self.line}:{self.column}: {level} [{self.rule}] {self.message}"

    def github(self, level: str) -> str:
        """A GitHub Actions workflow command, which shows as an annotation on the file."""
        return (
            f"::{level} file={_gh(self.file, property_value=True)},"
            f"line={self.line},col={self.column},"
            f"title={_gh(self.rule, property_value=True)}::{_gh(self.message)}"
        )


def _gh(text: str, *, property_value: bool = False) -> str:
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return text.replace(":", "%3A").replace(",", "%2C") if property_value else text


def place(source: Source, clues: list[Clue], display_root: str = "") -> list[Finding]:
    """The clues of one file as findings, each at its line and column."""
    file = f"{display_root}/{source.path}" if display_root else source.path
    found = []
    for clue in clues:
        line, column = source.locate(clue.loc, at_key=clue.at_key)
        if clue.line_offset:
            line, column = line + clue.line_offset, 1
        found.append(Finding(file, line, column, clue.rule, clue.message))
    return found
