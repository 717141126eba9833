"""Item-writing checks for question banks, after Haladyna, Downing & Rodriguez (2002), and a
compliance check of the replies the course teaches.

A valid question can still be a poor one: its answer guessable from the option lengths, from a
word that only wrong options use or from where keys usually sit, its negative stem easy to
misread. These rules point at such clues. They are warnings (a trainer may have a reason),
errors with --strict. Rules that need judgement are tuned to stay quiet on ordinary Chinese
wording; their thresholds are named constants, documented in the trainer guide.
"""

from __future__ import annotations

from typing import Any

from generator.course import model
from generator.course.placeholders import texts
from generator.course.problems import Loc, Source, format_path
from generator.course.terms import LintTerms
from generator.messages import say
from generator.tools.lint.answers import answer_findings
from generator.tools.lint.compliance import bank_compliance, load_terms, unit_compliance
from generator.tools.lint.cues import cue_findings
from generator.tools.lint.items import PLACEHOLDER, question_findings
from generator.tools.lint.patterns import Pattern, bank_patterns, course_patterns
from generator.tools.lint.report import Clue, Finding, place

__all__ = ["RULES", "Finding", "LintTerms", "lint_bank", "lint_project", "load_terms"]

RULES = (
    "key-position",
    "longest-key",
    "longest-key-share",
    "all-none-above",
    "negative-stem",
    "near-duplicate-options",
    "absolute-clue",
    "few-options",
    "placeholder",
    "option-letter",
    "truefalse-balance",
    "multiple-count",
    "cue-word",
    "fill-variant",
    "order-hint",
    "compliance",
)
"""Every rule by name; the trainer guide explains each (a test checks that it names them all)."""


def lint_project(
    curriculum: model.Curriculum, display_root: str = "", terms: LintTerms | None = None
) -> list[Finding]:
    """Every finding in the course's banks and unit files, in file and line order."""
    findings: list[Finding] = []
    for unit_id, unit in curriculum.units.items():
        clues = _placeholder(unit.model_dump(), ())
        if terms is not None:
            clues += unit_compliance(unit, terms)
        findings += place(curriculum.unit_sources[unit_id], clues, display_root)
    for unit_id, bank in curriculum.banks.items():
        findings += lint_bank(bank, curriculum.bank_sources[unit_id], display_root, terms)
    course: dict[str, list[Clue]] = {}
    for pattern in course_patterns(curriculum):
        course.setdefault(pattern.unit, []).append(_at_questions(pattern))
    for cue in cue_findings(curriculum):
        loc = ("questions", cue.index, "options", cue.option)
        course.setdefault(cue.unit, []).append(Clue(loc, "cue-word", cue.message))
    for unit_id, clues in course.items():
        findings += place(curriculum.bank_sources[unit_id], clues, display_root)
    return sorted(findings)


def lint_bank(
    bank: model.QuizBank, source: Source, display_root: str = "", terms: LintTerms | None = None
) -> list[Finding]:
    """The findings of one bank alone (the course-wide patterns need the whole course)."""
    found: list[Clue] = []
    for i, question in enumerate(bank.questions):
        at = ("questions", i)
        if placeholder := _placeholder(question.model_dump(), at):
            found += placeholder  # a skeleton being written: its other clues are the template's
            continue
        for clue in [*question_findings(question), *answer_findings(question)]:
            found.append(clue._replace(loc=(*at, *clue.loc)))
    found += [_at_questions(pattern) for pattern in bank_patterns(bank.unit, bank)]
    if terms is not None:
        found += bank_compliance(bank, terms)
    return place(source, found, display_root)


def _at_questions(pattern: Pattern) -> Clue:
    return Clue(("questions",), pattern.rule, pattern.message, at_key=True)


def _placeholder(data: Any, loc: Loc) -> list[Clue]:
    """One finding for a question or unit still holding TODO text, at the first one."""
    left = [(path, text) for path, text in texts(data, loc) if PLACEHOLDER.search(text)]
    if not left:
        return []
    fields = ", ".join(format_path(path[len(loc) :]) for path, _ in left)
    return [
        Clue(left[0][0], "placeholder", say("lint.placeholder", count=len(left), fields=fields))
    ]
