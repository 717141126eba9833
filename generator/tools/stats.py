"""Course statistics for trainers: how long each unit reads and how well objectives are assessed.

Reading time is estimated from a character count, because Chinese has no word boundaries:
every Han character counts as one, and each run of Latin letters or digits counts as one
word, all read at READING_RATE a minute (a common figure for adult Chinese readers).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from generator.course import model

READING_RATE = 300  # characters a minute
RATE_NOTE = f"阅读时间按每分钟 {READING_RATE} 字估算（汉字按字计，英文单词和数字按词计）"
_READ_UNIT = re.compile(
    r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]|[A-Za-z0-9]+(?:[.'’][A-Za-z0-9]+)*"
)


def count_characters(text: str) -> int:
    """Han characters plus Latin words and numbers; Markdown punctuation counts for nothing."""
    return len(_READ_UNIT.findall(text))


def unit_text(unit: model.Unit) -> Iterable[str]:
    """Everything a trainee reads on the unit page before its quiz."""
    yield unit.title
    yield unit.summary
    yield from (o.text for o in unit.objectives)
    for section in unit.sections:
        yield section.title
        yield section.body
    yield from unit.key_points
    for entry in unit.faq:
        yield entry.q
        yield entry.a
    for term in unit.glossary:
        yield term.term
        yield term.definition


@dataclass(frozen=True)
class ObjectiveStats:
    id: str
    text: str
    questions: int  # how many questions assess it


@dataclass(frozen=True)
class UnitStats:
    id: str
    title: str
    sections: int
    characters: int
    reading_minutes: float
    duration_minutes: int
    objectives: list[ObjectiveStats]
    questions: int
    question_types: dict[str, int]  # every type, in model order, 0 when absent


@dataclass(frozen=True)
class Totals:
    units: int
    sections: int
    characters: int
    reading_minutes: float
    duration_minutes: int
    objectives: int
    questions: int
    question_types: dict[str, int]


@dataclass(frozen=True)
class CourseStats:
    course: str
    title: str
    reading_rate_per_minute: int
    units: list[UnitStats]
    total: Totals

    def as_json(self) -> dict[str, Any]:
        """Plain data, keys in field order: what `curriculum stats --json` prints."""
        return asdict(self)


def unit_stats(unit: model.Unit, bank: model.QuizBank) -> UnitStats:
    characters = sum(count_characters(text) for text in unit_text(unit))
    per_objective = Counter(q.objective for q in bank.questions)
    types: Counter[str] = Counter(q.type for q in bank.questions)
    return UnitStats(
        id=unit.id,
        title=unit.title,
        sections=len(unit.sections),
        characters=characters,
        reading_minutes=reading_minutes(characters),
        duration_minutes=unit.duration_minutes,
        objectives=[ObjectiveStats(o.id, o.text, per_objective[o.id]) for o in unit.objectives],
        questions=len(bank.questions),
        question_types={t: types[t] for t in model.QUESTION_TYPES},
    )


def reading_minutes(characters: int) -> float:
    return math.ceil(characters / READING_RATE * 10) / 10


def course_stats(curriculum: model.Curriculum) -> CourseStats:
    """Per unit and for the whole course."""
    units = [unit_stats(u, curriculum.banks[u.id]) for u in curriculum.units.values()]
    characters = sum(u.characters for u in units)
    total = Totals(
        units=len(units),
        sections=sum(u.sections for u in units),
        characters=characters,
        reading_minutes=reading_minutes(characters),
        duration_minutes=sum(u.duration_minutes for u in units),
        objectives=sum(len(u.objectives) for u in units),
        questions=sum(u.questions for u in units),
        question_types={t: sum(u.question_types[t] for u in units) for t in model.QUESTION_TYPES},
    )
    return CourseStats(curriculum.course.id, curriculum.course.title, READING_RATE, units, total)


def stats_text(stats: CourseStats, type_names: dict[str, str]) -> str:
    """The three tables `curriculum stats` prints."""
    total = stats.total
    rows: list[list[Any]] = [
        [
            u.id,
            u.title,
            u.sections,
            u.characters,
            u.reading_minutes,
            u.duration_minutes,
            len(u.objectives),
            u.questions,
        ]
        for u in stats.units
    ]
    rows.append(
        [
            "合计",
            f"{total.units} 个单元",
            total.sections,
            total.characters,
            total.reading_minutes,
            total.duration_minutes,
            total.objectives,
            total.questions,
        ]
    )
    units = text_table(
        ["单元", "标题", "节", "字数", "阅读(分钟)", "计划(分钟)", "目标", "题目"], rows
    )
    objectives = text_table(
        ["单元", "学习目标", "题目", "目标内容"],
        [
            [u.id, o.id, o.questions, _shorten(o.text, 30)]
            for u in stats.units
            for o in u.objectives
        ],
    )
    types = text_table(
        ["单元", *(type_names[t] for t in model.QUESTION_TYPES), "合计"],
        [[u.id, *u.question_types.values(), u.questions] for u in stats.units]
        + [["合计", *total.question_types.values(), total.questions]],
    )
    return (
        f"课程统计：{stats.title}\n{RATE_NOTE}\n\n{units}\n\n"
        f"每个学习目标的考核题数\n{objectives}\n\n题型分布\n{types}\n"
    )


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


# --- plain-text tables that line up with Chinese text in a terminal --------------------


def display_width(text: str) -> int:
    """Columns ``text`` takes in a terminal: wide (CJK) characters take two."""
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def text_table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Columns padded to line up; numbers right-aligned, text left-aligned."""
    cells = [[str(c) for c in headers]] + [[_cell(c) for c in row] for row in rows]
    numeric = [
        all(isinstance(row[i], (int, float)) for row in rows) if rows else False
        for i in range(len(headers))
    ]
    widths = [max(display_width(row[i]) for row in cells) for i in range(len(headers))]
    lines = []
    for n, row in enumerate(cells):
        padded = [_pad(text, widths[i], right=numeric[i] and n > 0) for i, text in enumerate(row)]
        lines.append("  ".join(padded).rstrip())
        if n == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _cell(value: Any) -> str:
    return f"{value:.1f}" if isinstance(value, float) else str(value)


def _pad(text: str, width: int, right: bool) -> str:
    gap = " " * (width - display_width(text))
    return gap + text if right else text + gap
