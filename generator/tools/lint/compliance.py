"""Compliance of the replies the course teaches as good, against a term list trainers extend.

A keyed reply (a scenario's answer, the correct options of 哪种回复…, a typing passage), a cell
of a good-example column (更好的说法…), a 客服 line of a model conversation or of an
`!!! example` block is what trainees will copy. If it holds an absolute term of the 广告法,
steers the buyer off the platform, trades rewards for reviews or promises what the 客服 cannot
keep, the course teaches a breach. Wrong options and bad-example columns are exempt: there the
breach is the lesson. The terms, with the rule and law of each group and the contexts that are
fine (第一时间, 不能保证), live in `curriculum/lint-terms.yml`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

from generator.course import model
from generator.course.load import load_file
from generator.course.problems import Loc
from generator.course.terms import TERMS_FILE, LintTerms, TermGroup
from generator.messages import say
from generator.tools.lint.items import asks_for_bad, asks_for_reply
from generator.tools.lint.report import Clue

AGENT = "客服"  # the speaker whose lines are replies, in conversation tables and example blocks
# A model conversation: a table with these columns, its 点评 column saying why each line is good.
SPEAKER, SAID, REVIEW = "谁", "说了什么", "点评"
_EXAMPLE = re.compile(r"^(\s*)!!! example\b")
_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{3,}")


def load_terms(root: Path) -> LintTerms | None:
    """The project's term list, or None when it has none (the rule is then off)."""
    if not (root / TERMS_FILE).exists():
        return None
    return load_file(root, TERMS_FILE, LintTerms)[0]


def breaches(text: str, terms: LintTerms) -> Iterator[tuple[TermGroup, str]]:
    """Each (group, term) found in ``text`` outside its exceptions, once per term."""
    folded = model.fold(text)
    for group in terms.groups:
        for entry in group.terms:
            term = model.fold(entry.term)
            allowed = [_spans(folded, model.fold(e)) for e in entry.except_]
            for match in re.finditer(re.escape(term), folded):
                inside = any(
                    a <= match.start() and match.end() <= b for spans in allowed for a, b in spans
                )
                if not inside:
                    yield group, entry.term
                    break


def _spans(text: str, phrase: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for m in re.finditer(re.escape(phrase), text)]


def _clues(loc: Loc, offset: int, text: str, terms: LintTerms) -> Iterator[Clue]:
    for group, term in breaches(text, terms):
        message = say("lint.compliance", term=term, name=group.name, group=group.id, law=group.law)
        yield Clue(loc, "compliance", message, line_offset=offset)


def bank_compliance(bank: model.QuizBank, terms: LintTerms) -> Iterator[Clue]:
    """Keyed replies of a bank: a scenario's answer, correct replies (unless the stem asks
    which to avoid: then the keys are the bad ones), a typing passage."""
    for i, q in enumerate(bank.questions):
        at = ("questions", i)
        if isinstance(q, model.TypingQuestion):
            yield from _clues((*at, "passage"), 0, q.passage, terms)
        elif isinstance(q, model.Choices) and asks_for_reply(q) and not asks_for_bad(q):
            for key in q.correct_keys():
                yield from _clues((*at, "options", key), 0, q.options[key].text, terms)


def unit_compliance(unit: model.Unit, terms: LintTerms) -> Iterator[Clue]:
    """Good replies shown in a unit's sections and FAQ answers."""
    texts: list[tuple[Loc, str]] = [
        (("sections", i, "body"), s.body) for i, s in enumerate(unit.sections)
    ]
    texts += [(("faq", i, "a"), f.a) for i, f in enumerate(unit.faq)]
    for loc, text in texts:
        block = "\n" in text  # a `|` block starts on the line below its key
        for row, reply in good_replies(text, terms.good_columns):
            yield from _clues(loc, row + 1 if block else 0, reply, terms)


def good_replies(markdown: str, good_columns: list[str]) -> Iterator[tuple[int, str]]:
    """(line index, text) of each good reply in ``markdown``: cells of good columns, 客服 lines
    of model conversations (tables with a 点评 column) and of `!!! example` blocks."""
    lines = markdown.split("\n")
    example_indent: int | None = None
    header: list[str] = []
    for n, line in enumerate(lines):
        if match := _EXAMPLE.match(line):
            example_indent = len(match.group(1))
            continue
        if example_indent is not None and line.strip():
            if len(line) - len(line.lstrip()) <= example_indent:
                example_indent = None
            elif (said := line.strip()).startswith(f"{AGENT}："):
                yield n, said[len(AGENT) + 1 :]
                continue
        if not line.strip().startswith("|"):
            header = []
            continue
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if n + 1 < len(lines) and _SEPARATOR.match(lines[n + 1]) and not header:
            header = cells
            continue
        if _SEPARATOR.match(line):
            continue
        row = dict(zip(header, cells, strict=False))
        for column in good_columns:
            if row.get(column):
                yield n, row[column]
        if REVIEW in row and row.get(SPEAKER) == AGENT and row.get(SAID):
            yield n, row[SAID]
