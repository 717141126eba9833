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
                f"{BANK}:11:11: 字段名后面的冒号是中文冒号“：”，请改成英文冒号加一个空格，"
                "例如 answer: c（把输入法切换到英文标点）"
            ),
        ),
        (
            BANK,
            "    answer: b\n",
            "\u3000  answer: b\n",
            (
                f"{BANK}:11:1: 缩进里有全角空格（中文输入法打的空格）：YAML 只能用半角空格缩进，"
                "请删掉它，切换到半角后重新输入空格"
            ),
        ),
        (
            BANK,
            "    stem: 选出正确的一项。",
            "    stem: “注意: 选出正确的一项。”",
            (
                f"{BANK}:6:11: 中文引号 “ 不能当 YAML 的引号用：请改用英文引号 '…' 或 \"…\"，或者去掉引号"
            ),
        ),
        (
            BANK,
            "  - id: pick-many",
            "  － id: pick-many",
            (f"{BANK}:13:3: 列表项开头用了全角的“－”：YAML 的列表要用英文减号 - 加一个空格"),
        ),
        (
            UNIT,
            "duration_minutes: 10",
            "duration_minutes: １０",
            (
                f"{UNIT}:6:19: duration_minutes：数字 １０ 是全角数字：请切换到半角后重新输入，写成 10"
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
