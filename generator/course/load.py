"""Load a course from its YAML files into a checked Curriculum, or report every problem.

Layout: <root>/curriculum/course.yml, <root>/curriculum/units/<unit-id>.yml and
<root>/quizzes/<unit-id>.yml. Every file is read and checked even after an error, so a
trainer sees all problems of a run at once, in file order. Names starting with a dot are
skipped: editors leave lock files and backups such as `.#after-sales.yml` there.
"""

from __future__ import annotations

import difflib
import os
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from generator.course import checks, model
from generator.course.placeholders import placeholder_problems
from generator.course.problems import Loc, Problem, ProblemsFound, Source, excerpt
from generator.course.yaml_source import YamlProblem, read_yaml
from generator.messages import say

M = TypeVar("M", bound=BaseModel)

# What each file loaded to, by its path and bytes: the preview re-reads only the files a save
# changed. The checks across files always run on the whole course.
LoadCache = dict[tuple[str, type[BaseModel]], tuple[bytes, Any, list[Problem]]]

COURSE_FILE = "curriculum/course.yml"
UNITS_DIR = "curriculum/units"
QUIZZES_DIR = "quizzes"


def load_curriculum(
    root: Path | str = ".", *, drafts: bool = False, cache: LoadCache | None = None
) -> model.Curriculum:
    """Read, validate and cross-check the course under ``root``; raise ProblemsFound.

    A course to publish may hold no TODO placeholder from `curriculum new`; ``drafts`` lets
    them through, for tools that review work in progress (lint). ``cache``, kept by the caller
    between loads, spares re-reading files whose bytes did not change."""
    root = Path(root)
    problems: list[Problem] = []
    if not os.path.lexists(root / COURSE_FILE):  # anything else there is named by read_yaml
        raise ProblemsFound([Problem(COURSE_FILE, 1, 1, "", say("problem.no_course_file"))])
    course = _cached(root, COURSE_FILE, model.Course, problems, cache)
    units = {
        p.stem: _cached(root, p, model.Unit, problems, cache)
        for p in _yaml_files(root, UNITS_DIR, problems)
    }
    banks = {
        p.stem: _cached(root, p, model.QuizBank, problems, cache)
        for p in _yaml_files(root, QUIZZES_DIR, problems)
    }
    problems += checks.cross_check(course, units, banks)
    if not drafts:
        for loaded in (course, *units.values(), *banks.values()):
            problems += placeholder_problems(loaded)
    if problems:
        raise ProblemsFound(problems)
    assert course is not None  # a file that did not load has left a problem
    loaded_units, loaded_banks = _loaded(units), _loaded(banks)
    return model.Curriculum(
        course=course[0],
        units={unit_id: loaded[0] for unit_id, loaded in loaded_units.items()},
        banks={unit_id: loaded[0] for unit_id, loaded in loaded_banks.items()},
        unit_sources={unit_id: loaded[1] for unit_id, loaded in loaded_units.items()},
        bank_sources={unit_id: loaded[1] for unit_id, loaded in loaded_banks.items()},
    )


def _loaded(files: dict[str, tuple[M, Source] | None]) -> dict[str, tuple[M, Source]]:
    """The files that loaded (with no problems found, that is all of them)."""
    return {stem: pair for stem, pair in files.items() if pair is not None}


def load_file(root: Path, relative: Path | str, model_class: type[M]) -> tuple[M, Source]:
    """Load one file as ``model_class``; raise ProblemsFound with its problems."""
    problems: list[Problem] = []
    loaded = _load(Path(root), relative, model_class, problems)
    if loaded is None:
        raise ProblemsFound(problems)
    return loaded


def _yaml_files(root: Path, folder: str, problems: list[Problem]) -> list[Path]:
    problems.extend(
        Problem(str(odd), 1, 1, "", say("problem.rename_yaml", stem=odd.stem))
        for odd in _named(root, folder, "*.yaml")
    )
    return _named(root, folder, "*.yml")


def _named(root: Path, folder: str, pattern: str) -> list[Path]:
    """Paths matching ``pattern`` in ``folder``, relative to ``root``.

    Dot-files are editor debris."""
    return [
        p.relative_to(root)
        for p in sorted((root / folder).glob(pattern))
        if not p.name.startswith(".")
    ]


def _cached(
    root: Path,
    relative: Path | str,
    model_class: type[M],
    problems: list[Problem],
    cache: LoadCache | None,
) -> tuple[M, Source] | None:
    """`_load`, or what it gave last time for the same bytes."""
    try:
        content = (root / relative).read_bytes() if cache is not None else None
    except OSError:  # _load names the problem
        content = None
    if cache is None or content is None:
        return _load(root, relative, model_class, problems)
    key = (str(relative), model_class)
    if key in cache and cache[key][0] == content:
        problems += cache[key][2]
        loaded: tuple[M, Source] | None = cache[key][1]
        return loaded
    found: list[Problem] = []
    loaded = _load(root, relative, model_class, found)
    cache[key] = (content, loaded, found)
    problems += found
    return loaded


def _load(
    root: Path, relative: Path | str, model_class: type[M], problems: list[Problem]
) -> tuple[M, Source] | None:
    display = str(relative)
    try:
        data, source = read_yaml(root / relative, display, root=root)
    except YamlProblem as error:
        problems.append(error.problem)
        return None
    try:
        return model_class.model_validate(data), source
    except ValidationError as error:
        problems += [_explain(e, source) for e in error.errors(include_url=False)]
    if model_class is model.QuizBank:
        problems += _check_sound_questions(data, source)
    return None


_QUESTION = TypeAdapter(model.Question)


def _check_sound_questions(data: Any, source: Source) -> list[Problem]:
    """In a bank that failed, still check the keys of the questions that are well formed,
    so one broken question does not hide the problems of the others."""
    questions = data.get("questions") if isinstance(data, dict) else None
    problems = []
    for i, raw in enumerate(questions if isinstance(questions, list) else []):
        try:
            question = _QUESTION.validate_python(raw)
        except ValidationError:
            continue
        problems += [
            source.problem(("questions", i, *loc), message)
            for loc, message in checks.question_problems(question)
        ]
    return problems


# --- pydantic's errors, told the way a trainer can act on them ---------------------------

_FIELD_NAMES = sorted(
    {
        name
        for cls in (
            model.Course,
            model.Track,
            model.Unit,
            model.Objective,
            model.Section,
            model.FaqEntry,
            model.Term,
            model.Option,
            model.QuizBank,
            *model.QUESTION_MODELS,
        )
        for name in cls.model_fields
    }
    | {"customer", "agent"}
)
_TYPE_LIST = ", ".join(model.QUESTION_TYPES)


def _clean_loc(loc: tuple[str | int, ...]) -> Loc:
    """Drop the union tags pydantic inserts, e.g. ("questions", 0, "single", "answer")."""
    return tuple(
        p
        for i, p in enumerate(loc)
        if not (p in model.QUESTION_TYPES and i and isinstance(loc[i - 1], int))
    )


def _explain(error: ErrorDetails, source: Source) -> Problem:
    loc = _clean_loc(error["loc"])
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    name = loc[-1] if loc else ""
    if kind == "extra_forbidden":
        # A field of another file ('unit' in a unit file) is no typo: suggest nothing then.
        # 0.75: anwser → answer, titel → title; but not extra → text.
        close = difflib.get_close_matches(str(name), _FIELD_NAMES, n=2, cutoff=0.75)
        guess = [g for g in close if g != name]
        message = (
            say("problem.unknown_field_guess", name=excerpt(name), guess=guess[0])
            if guess
            else say("problem.unknown_field", name=excerpt(name))
        )
        return source.problem(loc, message, at_key=True)
    if kind == "missing":
        # Named at the item that lacks it: the field itself is nowhere in the file.
        return Problem(*_at(source, loc[:-1]), say("problem.missing_field", name=name))
    return source.problem(loc, _MESSAGES.get(kind, _default)(value, ctx, error))


def _at(source: Source, loc: Loc) -> tuple[str, int, int, str]:
    return (source.path, *source.locate(loc), source.place(loc))


def _text_type(value: Any, ctx: dict[str, Any], error: ErrorDetails) -> str:
    if isinstance(value, bool):
        return say("problem.yes_no_word", value=str(value).lower())
    return say("problem.text_expected", kind=_kind(value))


def _pattern(value: Any, ctx: dict[str, Any], error: ErrorDetails) -> str:
    if "A-Z" in ctx.get("pattern", ""):
        return say("problem.option_key", value=_shown(value))
    return say("problem.bad_id", value=_shown(value))


def _whole_number(value: Any) -> str:
    """A number typed with a Chinese input method has full-width digits (１０): say so."""
    text = str(value)
    half = unicodedata.normalize("NFKC", text)
    if half != text and half.strip().isdigit():
        return say("problem.full_width_digits", number=excerpt(text), half=half.strip())
    return say("problem.whole_number", kind=_kind(value))


def _kind(value: Any) -> str:
    if isinstance(value, dict):
        return say("kind.mapping")
    if isinstance(value, list):
        return say("kind.list")
    return _shown(value) if value is not None else say("kind.empty")


def _shown(value: Any) -> str:
    """A value as a message quotes it: its repr, cut to a short excerpt."""
    return excerpt(repr(value))


def _default(value: Any, ctx: dict[str, Any], error: ErrorDetails) -> str:
    if error["type"] in ("unsafe_markdown", "dialogue_turn"):  # ours, in the trainer's words
        return error["msg"]
    return say("problem.other", detail=error["msg"])


def _choices(expected: str) -> str:
    """pydantic's "'a', 'b' or 'c'" as the catalogue lists alternatives."""
    return say("list.join").join(
        part.strip(" '") for part in expected.replace(" or ", ",").split(",")
    )


_MESSAGES: dict[str, Callable[[Any, dict[str, Any], ErrorDetails], str]] = {
    "string_type": _text_type,
    "string_too_short": lambda v, c, e: say("problem.empty_text"),
    "string_pattern_mismatch": _pattern,
    "literal_error": lambda v, c, e: say(
        "problem.not_allowed", value=_shown(v), allowed=_choices(c["expected"])
    ),
    "union_tag_invalid": lambda v, c, e: say(
        "problem.not_a_type", tag=excerpt(c["tag"]), types=_TYPE_LIST
    ),
    "union_tag_not_found": lambda v, c, e: say("problem.no_type", types=_TYPE_LIST),
    "int_type": lambda v, c, e: say("problem.whole_number", kind=_kind(v)),
    "int_parsing": lambda v, c, e: _whole_number(v),
    "int_from_float": lambda v, c, e: say("problem.whole_number", kind=excerpt(v)),
    "float_type": lambda v, c, e: say("problem.number", kind=_kind(v)),
    "float_parsing": lambda v, c, e: say("problem.number", kind=_kind(v)),
    "finite_number": lambda v, c, e: say("problem.number", kind=_kind(v)),
    "bool_type": lambda v, c, e: say("problem.true_false", kind=_kind(v)),
    "greater_than": lambda v, c, e: say("problem.too_small", value=excerpt(v), limit=c["gt"]),
    "less_than_equal": lambda v, c, e: say("problem.too_large", value=excerpt(v), limit=c["le"]),
    "too_short": lambda v, c, e: say(
        "problem.too_few", need=c["min_length"], have=c.get("actual_length", 0)
    ),
    "list_type": lambda v, c, e: say("problem.list_expected", kind=_kind(v)),
    "dict_type": lambda v, c, e: say("problem.mapping_expected", kind=_kind(v)),
    "model_type": lambda v, c, e: say("problem.mapping_expected", kind=_kind(v)),
    "model_attributes_type": lambda v, c, e: say("problem.mapping_expected", kind=_kind(v)),
}
