"""Moodle GIFT: the question banks as text that Moodle's question import reads.

Each question is titled ``::unit/id::`` and written in [markdown] format. Scenario dialogue
goes into the stem; an order question becomes a matching question (item -> position);
a fill question a short answer. Explanations become general feedback (####).
"""

from __future__ import annotations

from .. import model
from . import dialogue_lines, exported

_SPECIAL = "\\~=#{}:"


def escape(text: str) -> str:
    """GIFT text: special characters backslash-escaped, line breaks as \\n (a blank line ends a question)."""
    for char in _SPECIAL:
        text = text.replace(char, "\\" + char)
    return text.replace("\r\n", "\n").replace("\n", "\\n")


def weight(value: float) -> str:
    """A Moodle grade percentage, as Moodle writes them (33.33333, -50)."""
    return f"{value:.5f}".rstrip("0").rstrip(".")


def to_gift(curriculum: model.Curriculum) -> tuple[str, list[str]]:
    """The whole GIFT file and the `unit/id` of questions left out (typing drills)."""
    questions, skipped = exported(curriculum)
    blocks = [f"// {curriculum.course.title}: {len(questions)} questions, exported by `curriculum export gift`"]
    category = None
    for unit_id, q in questions:
        if unit_id != category:  # one Moodle question category per unit
            category = unit_id
            blocks.append(f"$CATEGORY: {curriculum.course.id}/{unit_id}")
        blocks.append(question_gift(unit_id, q))
    return "\n\n".join(blocks) + "\n", skipped


def question_gift(unit_id: str, q: model.AnyQuestion) -> str:
    stem = q.stem
    if q.type == "scenario":
        stem = "\n\n".join(["  \n".join(f"**{who}：** {text}" for who, text in dialogue_lines(q)), stem])
    head = f"::{escape(unit_id)}/{escape(q.id)}::[markdown]{escape(stem)}"
    general = f"####{escape(q.explanation)}"
    if q.type == "truefalse":
        return f"{head} {{{'TRUE' if q.answer else 'FALSE'}{general}}}"
    if q.type == "fill":
        answers = " ".join(f"={escape(a)}" for a in q.answer)
        return f"{head} {{{answers}{general}}}"
    if q.type == "order":
        pairs = "\n".join(f"\t={escape(q.options[key].text.replace('->', '→'))} -> {n}"
                          for n, key in enumerate(q.answer, 1))
        return f"{head} {{\n{pairs}\n\t{general}\n}}"
    keys = set(q.answer) if q.type == "multiple" else {q.answer}
    lines = []
    for key, option in q.options.items():
        if q.type == "multiple":
            share = 100 / len(keys) if key in keys else -100 / (len(q.options) - len(keys))
            mark = f"~%{weight(share)}%"
        else:
            mark = "=" if key in keys else "~"
        feedback = f"#{escape(option.feedback)}" if option.feedback else ""
        lines.append(f"\t{mark}{escape(option.text)}{feedback}")
    return f"{head} {{\n" + "\n".join(lines) + f"\n\t{general}\n}}"
