"""Every question as one spreadsheet row, for reviewing a course in Excel or WPS.

UTF-8 with a byte-order mark: without it Excel on Windows guesses the old GBK encoding and
shows Chinese as mojibake. Options are one per line in their cell, as `a. text`. A cell that
starts like a formula (`=`, `+`, `-`, `@`) gets a leading `'`, so Excel shows it, not runs it.
"""

from __future__ import annotations

from pathlib import Path

from generator import outputs
from generator.course import model
from generator.tools.export import dialogue_lines

COLUMNS = ("unit", "id", "type", "objective", "stem", "options", "answer", "explanation")
LIST_SEPARATOR = " | "  # between several answers (multiple, fill)
ORDER_SEPARATOR = " > "  # between the steps of an order answer
KEY_STYLE = model.KeyStyle(
    option=lambda options, key: key,
    true="true",
    false="false",
    several=LIST_SEPARATOR,
    steps=ORDER_SEPARATOR,
    accepted=LIST_SEPARATOR,
    passage_is_key=True,
)


def rows(curriculum: model.Curriculum) -> list[dict[str, str]]:
    """One row per question of every bank, typing drills included (their passage is the answer)."""
    return [row(unit_id, q) for unit_id, bank in curriculum.banks.items() for q in bank.questions]


def row(unit_id: str, q: model.AnyQuestion) -> dict[str, str]:
    stem = q.stem
    if isinstance(q, model.ScenarioQuestion):
        stem = "\n".join(f"{who}：{text}" for who, text in dialogue_lines(q)) + "\n\n" + stem
    options = "\n".join(f"{key}. {option.text}" for key, option in q.choices().items())
    cells = (unit_id, q.id, q.type, q.objective, stem, options, answer_text(q), q.explanation)
    return dict(zip(COLUMNS, cells, strict=True))


def answer_text(q: model.AnyQuestion) -> str:
    """The key as bank keys (`b | d`, `c > a > b`), `true`/`false`, or a drill's passage."""
    return q.key_text(KEY_STYLE)


def write_csv(curriculum: model.Curriculum, target: Path) -> int:
    """Write the file (formula-like cells neutralised); returns the number of question rows."""
    table = rows(curriculum)
    outputs.write_csv(target, [COLUMNS, *([r[c] for c in COLUMNS] for r in table)])
    return len(table)
