"""Start new units and questions from commented templates, so trainers begin from valid files.

A new question is appended as text to the end of its bank and never re-serialised: the
trainer's comments, quoting and layout stay exactly as written. Placeholders are valid
values marked TODO (the site keeps building while a trainer writes; `curriculum lint`
lists every TODO left).
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import jinja2
from pydantic import TypeAdapter, ValidationError

from generator.course import checks, model
from generator.course.load import COURSE_FILE, QUIZZES_DIR, UNITS_DIR, load_file
from generator.course.problems import ProblemsFound
from generator.course.yaml_source import YamlProblem, read_yaml
from generator.errors import KefuError
from generator.messages import say

TEMPLATES = Path(__file__).parent / "templates" / "scaffold"
TEMPLATE_INDENT = 2  # question templates are written as items of `questions:` at this indent


class ScaffoldError(KefuError):
    """A request that cannot be carried out, told in words a trainer can act on."""


def _env() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=False,
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )
    env.filters["yaml"] = lambda text: json.dumps(text, ensure_ascii=False)  # a quoted YAML scalar
    return env


def check_unit_id(value: str) -> str:
    try:
        return TypeAdapter(model.Id).validate_python(value)
    except ValidationError:
        raise ScaffoldError(say("scaffold.bad_id", value=repr(value))) from None


def new_unit(
    root: Path, unit_id: str, title: str, category: str, audience: str = "trainee"
) -> list[Path]:
    """Write curriculum/units/<id>.yml and quizzes/<id>.yml; refuse if either exists."""
    check_unit_id(unit_id)
    if not title.strip():
        raise ScaffoldError(say("scaffold.empty_title"))
    if not (root / COURSE_FILE).is_file():
        raise ScaffoldError(say("scaffold.no_course", course=COURSE_FILE, root=root))
    files = {
        root / UNITS_DIR / f"{unit_id}.yml": "unit.yml",
        root / QUIZZES_DIR / f"{unit_id}.yml": "quiz.yml",
    }
    if existing := [str(p) for p in files if p.exists()]:
        raise ScaffoldError(say("scaffold.exists", files=say("list.join").join(existing)))
    context = {
        "id": unit_id,
        "title": title.strip(),
        "category": category,
        "audience": audience,
        "question_id": "first-question",
        "objective": "first-objective",
    }
    for path, template in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(_env().get_template(template).render(context), encoding="utf-8")
    return list(files)


def question_skeleton(qtype: str, question_id: str, objective: str) -> str:
    """One commented question of ``qtype``, as list-item text at TEMPLATE_INDENT."""
    if qtype not in model.QUESTION_TYPES:
        raise ScaffoldError(
            say("scaffold.not_a_type", type=qtype, types=", ".join(model.QUESTION_TYPES))
        )
    return (
        _env()
        .get_template(f"question-{qtype}.yml")
        .render(question_id=question_id, objective=objective)
    )


def new_question(
    root: Path, unit_id: str, qtype: str, objective: str | None = None
) -> tuple[Path, str]:
    """Append a ``qtype`` skeleton to quizzes/<unit_id>.yml; returns (file, new question id)."""
    check_unit_id(unit_id)
    bank_rel, unit_rel = Path(QUIZZES_DIR) / f"{unit_id}.yml", Path(UNITS_DIR) / f"{unit_id}.yml"
    if not (root / bank_rel).is_file():
        raise ScaffoldError(say("scaffold.no_bank", bank=bank_rel, unit=unit_id))
    if not (root / unit_rel).is_file():
        raise ScaffoldError(say("scaffold.no_unit", unit=unit_rel))
    try:
        bank, source = load_file(root, bank_rel, model.QuizBank)
        objectives = [o.id for o in load_file(root, unit_rel, model.Unit)[0].objectives]
    except ProblemsFound as error:
        raise ProblemsFound(error.problems, "problems.nothing_written") from None
    objective = objective or objectives[0]
    if objective not in objectives:
        raise ScaffoldError(
            say(
                "scaffold.not_an_objective",
                objective=objective,
                unit=unit_id,
                objectives=say("list.join").join(objectives),
            )
        )
    taken = {q.id for q in bank.questions}
    question_id = next(
        f"todo-{qtype}-{n}" for n in range(1, len(taken) + 2) if f"todo-{qtype}-{n}" not in taken
    )
    text = (root / bank_rel).read_bytes().decode("utf-8-sig")
    line, column = source.locate(("questions", len(bank.questions) - 1))
    addition = _reindent(
        question_skeleton(qtype, question_id, objective), _dash_column(text, line, column)
    )
    addition = (
        "\n" if text.endswith("\n") else "\n\n"
    ) + addition  # a blank line between questions
    if "\r\n" in text:  # saved on Windows: keep its line endings
        addition = addition.replace("\n", "\r\n")
    _check_appended(text + addition, len(bank.questions), question_id, bank_rel)
    with (root / bank_rel).open("ab") as file:  # append only: the trainer's bytes stay as they are
        file.write(addition.encode("utf-8"))
    return root / bank_rel, question_id


def _dash_column(text: str, line: int, column: int) -> int:
    """Where the `-` of the last question stands, so the new one lines up with it."""
    before = text.splitlines()[line - 1][: column - 1].rstrip()
    return len(before) - 1 if before.endswith("-") else TEMPLATE_INDENT


def _reindent(skeleton: str, indent: int) -> str:
    shift = indent - TEMPLATE_INDENT
    if shift >= 0:
        return "".join(
            " " * shift + line if line.strip() else line
            for line in skeleton.splitlines(keepends=True)
        )
    return "".join(line[-shift:] for line in skeleton.splitlines(keepends=True))


def _check_appended(text: str, count: int, question_id: str, bank_rel: Path) -> None:
    """Refuse to append unless the result parses as the same bank plus the new question."""
    with tempfile.TemporaryDirectory() as folder:
        trial = Path(folder) / "bank.yml"
        trial.write_text(text, encoding="utf-8")
        try:
            data, _ = read_yaml(trial, str(bank_rel))
            bank = model.QuizBank.model_validate(data)
        except (YamlProblem, ValidationError):
            bank = None
    ok = (
        bank is not None
        and len(bank.questions) == count + 1
        and bank.questions[-1].id == question_id
        and not checks.question_problems(bank.questions[-1])
    )
    if not ok:
        raise ScaffoldError(say("scaffold.cannot_append", bank=bank_rel))
