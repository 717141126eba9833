"""Moodle GIFT: the question banks as text that Moodle's question import reads.

Each question is titled ``::unit/id::`` and written in [markdown] format. Scenario dialogue
goes into the stem; an order question becomes a matching question (item -> position);
a fill question a short answer. Explanations become general feedback (####).
"""

from __future__ import annotations

import re

from generator.course import model
from generator.tools.export import dialogue_lines, exported

_SPECIAL = "\\~=#{}:"
# Every line break a reader might split on; written as GIFT's \n, so text never starts a live line.
_LINE_BREAK = re.compile(r"\r\n|[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
# Moodle reads a leading %50% of an answer as its grade (a leading [html] as its format: escape_part).
_WEIGHT_LIKE = re.compile(r"%-*[0-9]{1,2}\.?[0-9]*%")


def escape(text: str) -> str:
    """GIFT text: special characters backslash-escaped, line breaks as \\n (a blank line ends a question)."""
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
            f"{curriculum.course.title}: {len(questions)} questions, exported by `curriculum export gift`"
        )
    ]
    category = None
    for unit_id, q in questions:
        if unit_id != category:  # one Moodle question category per unit
            category = unit_id
            blocks.append(f"$CATEGORY: {curriculum.course.id}/{unit_id}")  # ids: [a-z0-9-] only
        blocks.append(question_gift(unit_id, q))
    return "\n\n".join(blocks) + "\n", skipped


def question_gift(unit_id: str, q: model.AnyQuestion) -> str:
    stem = q.stem
    if q.type == "scenario":
        stem = "\n\n".join(
            ["  \n".join(f"**{who}：** {text}" for who, text in dialogue_lines(q)), stem]
        )
    head = f"::{escape(unit_id)}/{escape(q.id)}::[markdown]{escape(stem)}"
    general = f"####{escape_part(q.explanation)}"
    if q.type == "truefalse":
        return f"{head} {{{'TRUE' if q.answer else 'FALSE'}{general}}}"
    if q.type == "fill":
        answers = " ".join(f"={_grade(a, 100)}{escape_part(a)}" for a in q.answer)
        return f"{head} {{{answers}{general}}}"
    if q.type == "order":
        pairs = "\n".join(
            f"\t={escape_part(q.options[key].text.replace('->', '→'))} -> {n}"
            for n, key in enumerate(q.answer, 1)
        )
        return f"{head} {{\n{pairs}\n\t{general}\n}}"
    keys = set(q.answer) if q.type == "multiple" else {q.answer}
    lines = []
    for key, option in q.options.items():
        if q.type == "multiple":
            share = 100 / len(keys) if key in keys else -100 / (len(q.options) - len(keys))
            mark = f"~%{weight(share)}%"
        else:
            mark = "=" if key in keys else "~" + _grade(option.text, 0)
        feedback = f"#{escape_part(option.feedback)}" if option.feedback else ""
        lines.append(f"\t{mark}{escape_part(option.text)}{feedback}")
    return f"{head} {{\n" + "\n".join(lines) + f"\n\t{general}\n}}"


def _grade(text: str, percent: int) -> str:
    """An explicit grade before an answer that starts like one, so Moodle reads only ours."""
    return f"%{percent}%" if _WEIGHT_LIKE.match(text) else ""
