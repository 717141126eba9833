"""A printable exam drawn from the question banks, with a separate answer key.

Everything random comes from one seeded generator and nothing depends on the clock, so the
same seed gives byte-identical files: a trainer can reprint a paper or its key months later.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import NamedTuple, assert_never, get_args

from generator import sanitize
from generator.course import model
from generator.errors import KefuError
from generator.locale import strings
from generator.messages import say
from generator.tools.export import dialogue_lines
from generator.tools.templates import template_env

PAPER_TYPES = tuple(  # in the order of the paper's sections
    name
    for name, cls in zip(model.QUESTION_TYPES, model.QUESTION_MODELS, strict=True)
    if cls in get_args(model.Portable)
)
NUMERALS = "一二三四五六七八九十"
PAPER_KEY = model.KeyStyle(  # `option` is set per item: the labels are shuffled
    option=lambda options, key: key,
    true="√",
    false="×",
    several="",
    steps=" → ",
    accepted=" ／ ",
    sort_several=True,
)


class ExamError(KefuError):
    """A request that cannot be met, told so the trainer can change it."""


@dataclass
class Item:
    number: int
    unit: model.Unit
    q: model.Portable
    options: list[tuple[str, model.Option]] = field(
        default_factory=list
    )  # (label, option) as printed
    original: list[tuple[str, str]] = field(
        default_factory=list
    )  # (printed label, key in the bank)
    key: str = ""
    key_texts: list[str] = field(default_factory=list)  # the correct options, in words
    any_one_of: bool = False  # a fill question with several accepted answers
    dialogue: list[tuple[str, str]] = field(default_factory=list)


class ExamSection(NamedTuple):
    heading: str
    type: str
    items: list[Item]

    @property
    def widget(self) -> model.Widget:
        """How its questions are answered, which decides the answer space on paper."""
        return self.items[0].q.widget


@dataclass
class Exam:
    course: model.Course
    units: list[model.Unit]
    seed: int
    sections: list[ExamSection]
    skipped: list[str]  # unit/id of questions that do not fit on paper

    @property
    def count(self) -> int:
        return sum(len(section.items) for section in self.sections)


def build_exam(curriculum: model.Curriculum, unit_ids: list[str], count: int, seed: int) -> Exam:
    """Draw ``count`` questions spread evenly over ``unit_ids``; shuffle their options."""
    if unknown := [u for u in unit_ids if u not in curriculum.units]:
        raise ExamError(
            say(
                "exam.unknown_units",
                unknown=say("list.join").join(unknown),
                units=say("list.join").join(curriculum.units),
            )
        )
    if count < 1:
        raise ExamError(say("exam.count_too_small"))
    rng = random.Random(seed)
    pools = {
        u: [q for q in curriculum.banks[u].questions if model.leaves_site(q)] for u in unit_ids
    }
    skipped = [
        f"{u}/{q.id}"
        for u in unit_ids
        for q in curriculum.banks[u].questions
        if not model.leaves_site(q)
    ]
    available = sum(len(p) for p in pools.values())
    if count > available:
        raise ExamError(say("exam.count_too_large", count=count, available=available))
    drawn = [
        (u, q) for u, quota in _spread(pools, count).items() for q in rng.sample(pools[u], quota)
    ]
    rng.shuffle(drawn)
    by_type: dict[str, list[tuple[str, model.Portable]]] = {}
    for unit_id, q in drawn:
        by_type.setdefault(q.type, []).append((unit_id, q))
    texts, number = strings(), 0
    sections: list[ExamSection] = []
    for qtype in PAPER_TYPES:
        items = []
        for unit_id, q in by_type.get(qtype, []):
            number += 1
            items.append(_item(number, curriculum.units[unit_id], q, rng))
        if items:
            heading = f"{NUMERALS[len(sections)]}、{texts['question_type'][qtype]}"
            sections.append(ExamSection(heading, qtype, items))
    return Exam(curriculum.course, [curriculum.units[u] for u in unit_ids], seed, sections, skipped)


def _spread(pools: dict[str, list[model.Portable]], count: int) -> dict[str, int]:
    """Quotas as even as the pools allow: one question per unit in turn, in unit order."""
    quota = dict.fromkeys(pools, 0)
    while sum(quota.values()) < count:
        for unit_id, pool in pools.items():
            if quota[unit_id] < len(pool) and sum(quota.values()) < count:
                quota[unit_id] += 1
    return quota


def _item(number: int, unit: model.Unit, q: model.Portable, rng: random.Random) -> Item:
    item = Item(number, unit, q)
    shown: dict[str, str] = {}  # key in the bank -> label on paper
    match q:
        case model.OrderQuestion():
            shown = _shuffle(item, q, rng, lambda i: str(i + 1))  # steps are numbered
        case model.SingleQuestion() | model.MultipleQuestion() | model.ScenarioQuestion():
            shown = _shuffle(item, q, rng, model.option_letter)
            item.key_texts = [
                q.options[k].text for k in sorted(q.correct_keys(), key=shown.__getitem__)
            ]
            if isinstance(q, model.ScenarioQuestion):
                item.dialogue = dialogue_lines(q)
        case model.FillQuestion():
            item.any_one_of = len(q.answer) > 1
        case model.TrueFalseQuestion():
            pass
        case _:
            assert_never(q)
    item.key = q.key_text(replace(PAPER_KEY, option=lambda options, key: shown[key]))
    return item


def _shuffle(
    item: Item, q: model.Choices, rng: random.Random, label: Callable[[int], str]
) -> dict[str, str]:
    """Print the options in a new order; returns key in the bank -> printed label."""
    keys = q.shuffled(rng)
    labels = [label(i) for i in range(len(keys))]
    item.options = [(name, q.options[key]) for name, key in zip(labels, keys, strict=True)]
    item.original = list(zip(labels, keys, strict=True))  # explanations name bank keys
    return dict(zip(keys, labels, strict=True))


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
        import weasyprint  # noqa: PLC0415 (optional: PDFs straight from the command)
    except ImportError:
        return written, say("exam.no_pdf")
    for name, html in pages.items():
        pdf = out / name.replace(".html", ".pdf")
        weasyprint.HTML(string=html, base_url=str(out)).write_pdf(pdf)
        written.append(pdf)
    return written, None
