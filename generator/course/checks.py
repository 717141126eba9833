"""Rules that a single field's type cannot express: answer keys, ids and cross-references."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from generator.course import model
from generator.course.problems import Problem, Source, excerpt

Loaded = tuple  # (model instance, Source), or None when the file did not load
BLANK = re.compile(r"_{4,}")


FOLD_EDGES = "。.!?,;"  # after NFKC, which makes ！？，； half-width


def fold(text: str) -> str:
    """How fill answers are compared: full-/half-width and case folded, spaces dropped, and
    punctuation that ends or opens a sentence (。！？，；) stripped from both ends.

    quiz.js folds the same way; tests/fold_cases.json is run against both.
    """
    text = "".join(unicodedata.normalize("NFKC", text).lower().split())
    return text.strip(FOLD_EDGES)


def question_problems(question: model.AnyQuestion) -> list[tuple[tuple, str]]:
    """Problems of one question's key, as (field path within the question, message)."""
    found: list[tuple[tuple, str]] = []
    options = getattr(question, "options", {})
    keys = list(options)
    listed = ", ".join(keys)
    if question.type in ("single", "scenario") and question.answer not in options:
        found.append(
            (("answer",), f"'{excerpt(question.answer)}' is not one of the options {listed}")
        )
    if question.type in ("multiple", "order"):
        for key, count in Counter(question.answer).items():
            if key not in options:
                found.append((("answer",), f"'{excerpt(key)}' is not one of the options {listed}"))
            elif count > 1:
                found.append(
                    (("answer",), f"'{key}' is listed {count} times; list each option once")
                )
    if question.type == "multiple" and set(question.answer) >= set(keys):
        found.append(
            (
                ("answer",),
                "every option is marked correct; a multiple-choice question "
                "needs at least one wrong option",
            )
        )
    if question.type == "order" and (missing := [k for k in keys if k not in question.answer]):
        found.append(
            (
                ("answer",),
                f"the order is missing {', '.join(missing)}; "
                "list every option once, first step first",
            )
        )
    if question.type == "fill":
        if not BLANK.search(question.stem):
            found.append((("stem",), "mark the blank in the stem with ____ (four underscores)"))
        found += _duplicates(("answer",), question.answer, "accepted answer")
    if options:
        found += _duplicates(("options",), [o.text for o in options.values()], "option text")
    return found


def _duplicates(loc: tuple, texts: list[str], what: str) -> list[tuple[tuple, str]]:
    seen: dict[str, int] = {}
    found = []
    for i, text in enumerate(texts):
        if fold(text) in seen:
            found.append(
                (loc, f"{what} {excerpt(repr(text))} appears twice; each must be different")
            )
        seen.setdefault(fold(text), i)
    return found


def cross_check(
    course: Loaded | None, units: dict[str, Loaded | None], banks: dict[str, Loaded | None]
) -> list[Problem]:
    """Every rule spanning fields or files; files that failed to load are skipped."""
    problems: list[Problem] = []
    for stem, loaded in units.items():
        if loaded:
            problems += _check_unit(stem, *loaded, has_bank=stem in banks)
            if bank := banks.get(stem):
                problems += _check_assessed(*loaded, bank[0])
    for stem, loaded in banks.items():
        if loaded:
            unit = units.get(loaded[0].unit)
            problems += _check_bank(
                stem, *loaded, unit_known=loaded[0].unit in units, unit=unit[0] if unit else None
            )
    if course:
        problems += _check_course(*course, unit_ids=set(units))
    return problems


def _check_unit(stem: str, unit: model.Unit, source: Source, has_bank: bool) -> list[Problem]:
    problems = []
    if unit.id != stem:
        problems.append(
            source.problem(
                ("id",),
                f"the id '{unit.id}' must equal the file name "
                f"'{stem}': rename the file or change the id",
            )
        )
    elif not has_bank:
        problems.append(
            source.problem(
                ("id",),
                f"the unit has no question bank: create quizzes/{stem}.yml with `unit: {stem}`",
            )
        )
    problems += _unique_ids(source, "objectives", [o.id for o in unit.objectives], "objective")
    return problems


def _check_bank(
    stem: str, bank: model.QuizBank, source: Source, unit_known: bool, unit: model.Unit | None
) -> list[Problem]:
    problems = []
    if not unit_known:
        problems.append(
            source.problem(
                ("unit",),
                f"there is no unit '{bank.unit}': no file curriculum/units/{bank.unit}.yml",
            )
        )
    elif bank.unit != stem:
        problems.append(
            source.problem(
                ("unit",),
                f"this bank is quizzes/{stem}.yml, so `unit` "
                f"must be '{stem}': rename the file or fix `unit`",
            )
        )
    problems += _unique_ids(source, "questions", [q.id for q in bank.questions], "question")
    for i, question in enumerate(bank.questions):
        for loc, message in question_problems(question):
            problems.append(source.problem(("questions", i, *loc), message))
    if unit is None:
        return problems
    objectives = [o.id for o in unit.objectives]
    for i, question in enumerate(bank.questions):
        if question.objective not in objectives:
            problems.append(
                source.problem(
                    ("questions", i, "objective"),
                    f"'{question.objective}' is not an objective of unit '{unit.id}' "
                    f"(its objectives: {', '.join(objectives)})",
                )
            )
    return problems


def _check_course(course: model.Course, source: Source, unit_ids: set[str]) -> list[Problem]:
    problems = _unique_ids(source, "tracks", [t.id for t in course.tracks], "track")
    for t, track in enumerate(course.tracks):
        seen: set[str] = set()
        for u, unit_id in enumerate(track.units):
            loc = ("tracks", t, "units", u)
            if unit_id not in unit_ids:
                problems.append(
                    source.problem(
                        loc, f"there is no unit '{unit_id}': no file curriculum/units/{unit_id}.yml"
                    )
                )
            elif unit_id in seen:
                problems.append(source.problem(loc, f"'{unit_id}' is already in this track"))
            seen.add(unit_id)
    return problems


def _unique_ids(source: Source, field: str, ids: list[str], what: str) -> list[Problem]:
    first: dict[str, int] = {}
    problems = []
    for i, item_id in enumerate(ids):
        if item_id in first:
            line = source.locate((field, first[item_id], "id"))[0]
            problems.append(
                source.problem(
                    (field, i, "id"), f"duplicate {what} id '{item_id}' (first used on line {line})"
                )
            )
        first.setdefault(item_id, i)
    return problems


def _check_assessed(unit: model.Unit, source: Source, bank: model.QuizBank) -> list[Problem]:
    assessed = {q.objective for q in bank.questions}
    return [
        source.problem(
            ("objectives", i, "id"),
            f"objective '{o.id}' is not assessed by any question in "
            f"quizzes/{unit.id}.yml: add a question with `objective: {o.id}`",
        )
        for i, o in enumerate(unit.objectives)
        if o.id not in assessed
    ]
