"""Moodle GIFT: the question banks as text that Moodle's question import reads.

Each question is titled ``::unit/id::`` and written in [markdown] format. Scenario dialogue
goes into the stem; an order question becomes a matching question (item -> position);
a fill question a short answer. Explanations become general feedback (####).
"""

from __future__ import annotations

import re
from typing import assert_never

from generator.course import model
from generator.tools.export import dialogue_lines, exported

_SPECIAL = "\\~=#{}:"
# Every line break a reader might split on; written as GIFT's \n, so text never starts a live line.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Moodle reads a leading %50% of an answer as its grade (a leading [html] as its format:
# escape_part).
_WEIGHT_LIKE = re.compile(r"%-*[0-9]{1,2}\.?[0-9]*%")


def escape(text: str) -> str:
    """GIFT text: special characters backslash-escaped, line breaks as \\n (a blank line ends a
    question)."""
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return _LINE_BREAK.sub(r"\\n", text)


def escape_part(text: str) -> str:
    """An escaped answer or feedback that Moodle cannot take for a format name such as [html]."""
    if text.startswith("["):
        return "[markdown]" + escape(text)
    return escape(text)


def comment(text: str) -> str:
    """A `//` comment line: line breaks become spaces, so no text after them is read as GIFT."""
    return "// " + " ".join(_LINE_BREAK.sub(" ", text).split())


def weight(value: float) -> str:
    """A Moodle grade percentage, as Moodle writes them (33.33333, -50)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def to_gift(curriculum: model.Curriculum) -> tuple[str, list[str]]:
    """The whole GIFT file and the `unit/id` of questions left out (typing drills)."""
    questions, skipped = exported(curriculum)
    blocks = [
        comment(
            f"{curriculum.course.title}: {len(questions)} questions, "
            "exported by `curriculum export gift`"
        )
    ]
    category = None
    for unit_id, q in questions:
        if unit_id != category:  # one Moodle question category per unit
            category = unit_id
            blocks.append(f"$CATEGORY: {curriculum.course.id}/{unit_id}")  # ids: [a-z0-9-] only
        blocks.append(question_gift(unit_id, q))
    return "\n\n".join(blocks) + "\n", skipped


def question_gift(unit_id: str, q: model.Portable) -> str:
    head = f"::{escape(unit_id)}/{escape(q.id)}::[markdown]{escape(_stem(q))}"
    general = f"####{escape_part(q.explanation)}"
    match q:
        case model.TrueFalseQuestion():
            return f"{head} {{{'TRUE' if q.answer else 'FALSE'}{general}}}"
        case model.FillQuestion():
            answers = " ".join(f"={_grade(a, 100)}{escape_part(a)}" for a in q.answer)
            return f"{head} {{{answers}{general}}}"
        case model.OrderQuestion():  # a matching question: item -> its position
            pairs = "\n".join(
                f"\t={escape_part(q.options[key].text.replace('->', '→'))} -> {n}"
                for n, key in enumerate(q.answer, 1)
            )
            return f"{head} {{\n{pairs}\n\t{general}\n}}"
        case model.MultipleQuestion():
            right = set(q.answer)
            wrong = len(q.options) - len(right)
            marks = {
                key: f"~%{weight(100 / len(right) if key in right else -100 / wrong)}%"
                for key in q.options
            }
        case model.SingleQuestion() | model.ScenarioQuestion():
            marks = {
                key: "=" if key == q.answer else "~" + _grade(option.text, 0)
                for key, option in q.options.items()
            }
        case _:
            assert_never(q)
    lines = []
    for key, option in q.options.items():
        feedback = f"#{escape_part(option.feedback)}" if option.feedback else ""
        lines.append(f"\t{marks[key]}{escape_part(option.text)}{feedback}")
    return f"{head} {{\n" + "\n".join(lines) + f"\n\t{general}\n}}"


def _stem(q: model.Portable) -> str:
    """The stem, after the dialogue of a scenario."""
    if not isinstance(q, model.ScenarioQuestion):
        return q.stem
    return "\n\n".join(
        ["  \n".join(f"**{who}：** {text}" for who, text in dialogue_lines(q)), q.stem]
    )


def _grade(text: str, percent: int) -> str:
    """An explicit grade before an answer that starts like one, so Moodle reads only ours."""
    return f"%{percent}%" if _WEIGHT_LIKE.match(text) else ""
