"""A printable exam drawn from the question banks, with a separate answer key.

Everything random comes from one seeded generator and nothing depends on the clock, so the
same seed gives byte-identical files: a trainer can reprint a paper or its key months later.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from generator import sanitize
from generator.course import model
from generator.errors import KefuError
from generator.locale import strings
from generator.tools.export import dialogue_lines
from generator.tools.templates import template_env

PAPER_TYPES = ("single", "multiple", "truefalse", "fill", "order", "scenario")  # paper order
NUMERALS = "一二三四五六七八九十"


class ExamError(KefuError):
    """A request that cannot be met, told so the trainer can change it."""


@dataclass
class Item:
    number: int
    unit: model.Unit
    q: model.AnyQuestion
    options: list[tuple[str, model.Option]] = field(
        default_factory=list
    )  # (label, option) as printed
    original: list[tuple[str, str]] = field(
        default_factory=list
    )  # (printed label, key in the bank)
    key: str = ""
    key_texts: list[str] = field(default_factory=list)  # the correct options, in words
    dialogue: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class Exam:
    course: model.Course
    units: list[model.Unit]
    seed: int
    sections: list[tuple[str, str, list[Item]]]  # (heading, question type, items)
    skipped: list[str]  # unit/id of questions that do not fit on paper

    @property
    def count(self) -> int:
        return sum(len(items) for _, _, items in self.sections)


def build_exam(curriculum: model.Curriculum, unit_ids: list[str], count: int, seed: int) -> Exam:
    """Draw ``count`` questions spread evenly over ``unit_ids``; shuffle their options."""
    if unknown := [u for u in unit_ids if u not in curriculum.units]:
        raise ExamError(
            f"unknown unit(s): {', '.join(unknown)}; the units are {', '.join(curriculum.units)}"
        )
    if count < 1:
        raise ExamError("--count must be at least 1")
    rng = random.Random(seed)
    pools = {
        u: [q for q in curriculum.banks[u].questions if q.type in PAPER_TYPES] for u in unit_ids
    }
    skipped = [
        f"{u}/{q.id}"
        for u in unit_ids
        for q in curriculum.banks[u].questions
        if q.type not in PAPER_TYPES
    ]
    available = sum(len(p) for p in pools.values())
    if count > available:
        raise ExamError(
            f"--count {count} is more than the {available} questions of the chosen "
            "unit(s) that fit on paper; ask for fewer or add units"
        )
    drawn = [
        (u, q) for u, quota in _spread(pools, count).items() for q in rng.sample(pools[u], quota)
    ]
    rng.shuffle(drawn)
    texts, sections, number = strings(), [], 0
    for qtype in PAPER_TYPES:
        items = []
        for unit_id, q in (pair for pair in drawn if pair[1].type == qtype):
            number += 1
            items.append(_item(number, curriculum.units[unit_id], q, rng))
        if items:
            heading = f"{NUMERALS[len(sections)]}、{texts['question_type'][qtype]}"
            sections.append((heading, qtype, items))
    return Exam(curriculum.course, [curriculum.units[u] for u in unit_ids], seed, sections, skipped)


def _spread(pools: dict[str, list], count: int) -> dict[str, int]:
    """Quotas as even as the pools allow: one question per unit in turn, in unit order."""
    quota = dict.fromkeys(pools, 0)
    while sum(quota.values()) < count:
        for unit_id, pool in pools.items():
            if quota[unit_id] < len(pool) and sum(quota.values()) < count:
                quota[unit_id] += 1
    return quota


def _item(number: int, unit: model.Unit, q: model.AnyQuestion, rng: random.Random) -> Item:
    item = Item(number, unit, q)
    if q.type in ("single", "multiple", "scenario", "order"):
        keys = list(q.options)
        rng.shuffle(keys)
        while q.type == "order" and keys == list(q.answer):  # never print an order already solved
            rng.shuffle(keys)
        labels = [str(i + 1) if q.type == "order" else chr(ord("A") + i) for i in range(len(keys))]
        item.options = [(label, q.options[k]) for label, k in zip(labels, keys, strict=False)]
        item.original = list(
            zip(labels, keys, strict=False)
        )  # explanations name options by their bank keys
        shown = dict(zip(keys, labels, strict=False))
        correct = [q.answer] if isinstance(q.answer, str) else list(q.answer)
        if q.type == "order":
            item.key = " → ".join(shown[k] for k in correct)
        else:
            correct.sort(key=shown.get)
            item.key = "".join(shown[k] for k in correct)
            item.key_texts = [q.options[k].text for k in correct]
    elif q.type == "truefalse":
        item.key = "√" if q.answer else "×"
    elif q.type == "fill":
        item.key = " ／ ".join(q.answer)
    if q.type == "scenario":
        item.dialogue = dialogue_lines(q)
    return item


def render_exam(exam: Exam) -> dict[str, str]:
    """File name -> HTML of the paper and of its answer key."""
    env = template_env()
    context = {"exam": exam, "t": strings()}
    return {
        name: sanitize.clean_document(env.get_template(name).render(context))
        for name in ("exam.html", "answers.html")
    }


def write_exam(exam: Exam, out: Path) -> tuple[list[Path], str | None]:
    """Write the HTML files (and PDFs when WeasyPrint is installed); returns (files, note)."""
    out.mkdir(parents=True, exist_ok=True)
    written = []
    pages = render_exam(exam)
    for name, html in pages.items():
        (out / name).write_text(html, encoding="utf-8")
        written.append(out / name)
    try:
        import weasyprint  # optional: PDFs straight from the command
    except ImportError:
        return written, (
            "PDF: WeasyPrint is not installed, so no PDF was made; open exam.html in a "
            "browser and print it (Ctrl+P, 'Save as PDF'), or `pip install weasyprint`"
        )
    for name, html in pages.items():
        pdf = out / name.replace(".html", ".pdf")
        weasyprint.HTML(string=html, base_url=str(out)).write_pdf(pdf)
        written.append(pdf)
    return written, None
