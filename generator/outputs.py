"""Text on its way to another program, made harmless for that program.

Trainee names and unit titles come from files anyone can edit. A spreadsheet runs a cell
that starts like a formula (OWASP "CSV injection"), and a terminal obeys the escape
sequences inside a string it prints; these helpers are the one place both are handled.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

# OWASP: a cell starting with one of these is read as a formula by Excel, WPS or LibreOffice.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

# Bidi embeddings, overrides and isolates reorder what a terminal shows ("Trojan Source").
BIDI_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
)

# Whole escape sequences, so no leftover "[2J" or "]0;title" is printed: CSI (ESC [ or 0x9B),
# OSC, DCS, SOS, PM and APC strings (ended by BEL or ST, or by the end of the line), then
# two-character ones. Any other control character is dropped on its own.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]?"
    r"|\x1b[\]PX^_][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
    r"|\x1b[ -/]*[0-~]?"
)
_LINE_BREAKS = re.compile(r"\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def csv_cell(value: Any) -> Any:
    """A cell a spreadsheet shows as text: a formula-like start gets a leading `'`."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def write_csv(target: Path, rows: Iterable[Sequence[Any]]) -> None:
    """Every CSV the tools write: UTF-8 with a BOM (Excel guesses GBK without it), cells
    neutralised."""
    with target.open("w", encoding="utf-8-sig", newline="") as file:
        writer = csv.writer(file)
        writer.writerows([csv_cell(cell) for cell in row] for row in rows)


def terminal_text(text: str) -> str:
    """``text`` without escape sequences, control characters or bidi overrides; line feeds stay."""
    text = _LINE_BREAKS.sub(lambda m: "\n" if m.group() == "\r\n" else " ", text)
    text = _ESCAPE_SEQUENCE.sub("", text.replace("\t", " "))
    return "".join(c for c in text if c == "\n" or not _is_control(c))


def one_line(text: str) -> str:
    """Terminal-safe text on one line, runs of spaces and line breaks collapsed (names, cells)."""
    return " ".join(terminal_text(text).split())


def json_for_terminal(text: str) -> str:
    """JSON text with the controls json.dumps leaves raw written as \\u escapes: the same data,
    safe to print."""
    return "".join(f"\\u{ord(c):04x}" if c != "\n" and _is_control(c) else c for c in text)


def _is_control(char: str) -> bool:
    return unicodedata.category(char) == "Cc" or char in BIDI_CONTROLS
