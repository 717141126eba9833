"""Slips of a Chinese input method, named at the line and column where they were typed
(the YAML parser itself notices most of them a line later, in words about what it expected)."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.course.load import load_curriculum
from generator.course.problems import ProblemsFound

BANK = "quizzes/alpha.yml"
UNIT = "curriculum/units/alpha.yml"


def problems_after(project: Path, file: str, old: str, new: str) -> list[str]:
    path = project / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ProblemsFound) as raised:
        load_curriculum(project)
    return [str(problem) for problem in raised.value.problems]


@pytest.mark.parametrize(
    ("file", "old", "new", "expected"),
    [
        (
            BANK,
            "    answer: b\n",
            "    answer：b\n",
            (
                f"{BANK}:11:11: a full-width colon '：' follows the field name; YAML needs a "
                "half-width colon and a space: write ': ' (switch the input method to English "
                "punctuation)"
            ),
        ),
        (
            BANK,
            "    answer: b\n",
            "\u3000  answer: b\n",
            (
                f"{BANK}:11:1: the indentation holds a full-width space (全角空格); YAML indents "
                "with half-width spaces only: delete it and type spaces (switch the input method to "
                "half-width, 半角)"
            ),
        ),
        (
            BANK,
            "    stem: 选出正确的一项。",
            "    stem: “注意: 选出正确的一项。”",
            (
                f"{BANK}:6:11: Chinese quotes “ are not YAML quotes; put the text between "
                "half-width quotes '…' or \"…\", or leave the quotes out"
            ),
        ),
        (
            BANK,
            "  - id: pick-many",
            "  － id: pick-many",
            (
                f"{BANK}:13:3: the list item starts with a full-width dash '－'; YAML lists need a "
                "half-width '-' followed by a space"
            ),
        ),
        (
            UNIT,
            "duration_minutes: 10",
            "duration_minutes: １０",
            (
                f"{UNIT}:6:19: duration_minutes: the number １０ is written with full-width digits; "
                "type it with half-width digits: 10"
            ),
        ),
    ],
    ids=["colon", "full-width-space", "chinese-quotes", "full-width-dash", "full-width-digits"],
)
def test_a_slip_is_named_where_it_was_typed(mini_project, file, old, new, expected):
    assert problems_after(mini_project, file, old, new) == [expected]


def test_chinese_quotes_that_parse_are_text_not_a_slip(mini_project):
    """Quotes far from any syntax error were meant as part of the text."""
    path = mini_project / BANK
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("    stem: 选出正确的一项。", "    stem: 顾客说“好的”。", 1), encoding="utf-8"
    )
    load_curriculum(mini_project)
