"""The pytest plugin, run as CI runs it (pytester): every question is its own test item, a wrong
answer key fails exactly its question with file:line, and a bank that does not load fails too."""

from __future__ import annotations

import shutil

import pytest
from conftest import FIXTURES  # tests/conftest.py

pytestmark = pytest.mark.usefixtures("english")  # about robustness, not wording


@pytest.fixture
def course(pytester: pytest.Pytester):
    """The mini course in pytester's folder, which is the rootdir of the inner run."""
    for folder in ("curriculum", "quizzes"):
        shutil.copytree(FIXTURES / "mini" / folder, pytester.path / folder)
    pytester.makeini("[pytest]\n")
    return pytester


def edit(pytester: pytest.Pytester, relative: str, old: str, new: str) -> None:
    path = pytester.path / relative
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def outcomes(result: pytest.HookRecorder) -> dict[str, str]:
    """Node id -> outcome of every test item the run reported."""
    reports = result.getreports("pytest_runtest_logreport")
    return {r.nodeid: r.outcome for r in reports if r.when == "call"}


QUESTIONS = {
    "quizzes/alpha.yml::pick-one",
    "quizzes/alpha.yml::pick-many",
    "quizzes/alpha.yml::yes-no",
    "quizzes/alpha.yml::blank",
    "quizzes/beta.yml::sequence",
    "quizzes/beta.yml::role-play",
    "quizzes/beta.yml::drill",
}


def test_a_good_course_passes_one_item_per_question(course):
    result = course.inline_run("quizzes")
    assert outcomes(result) == dict.fromkeys(QUESTIONS, "passed")
    reports = result.getreports("pytest_runtest_logreport")
    assert {r.location for r in reports if r.nodeid.endswith("::pick-one")} == {
        ("quizzes/alpha.yml", 2, "single question pick-one")  # line 3, zero-based
    }


def test_a_wrong_key_fails_exactly_its_question_with_file_line(course):
    edit(course, "quizzes/alpha.yml", "    answer: b\n", "    answer: e\n")
    result = course.inline_run("quizzes")
    assert outcomes(result) == {
        **dict.fromkeys(QUESTIONS, "passed"),
        "quizzes/alpha.yml::pick-one": "failed",
    }
    (failed,) = result.getfailures()
    assert failed.longreprtext == (
        "quizzes/alpha.yml:11:13: question 1 (id: pick-one), answer: 'e' is not one of the options a, b, c"
    )


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        (
            "answer: [a, c]",
            "answer: [a, a]",
            "quizzes/alpha.yml:22:13: question 2 (id: pick-many), answer: 'a' is listed 2 times; list each option once",
        ),
        (
            "answer: [a, b, c, d]",
            "answer: [a, b, c]",
            (
                "quizzes/beta.yml:13:13: question 1 (id: sequence), answer: the order is missing d; "
                "list every option once, first step first"
            ),
        ),
    ],
)
def test_each_kind_of_broken_key_fails_its_item(course, old, new, message):
    edit(course, "quizzes/alpha.yml" if "[a, c]" in old else "quizzes/beta.yml", old, new)
    result = course.inline_run("quizzes")
    (failed,) = result.getfailures()
    assert message in failed.longreprtext


def test_an_unknown_objective_fails_its_question(course):
    edit(
        course,
        "quizzes/alpha.yml",
        "objective: obj-two\n    stem: 这句话",
        "objective: nope\n    stem: 这句话",
    )
    result = course.inline_run("quizzes")
    assert outcomes(result) == {
        **dict.fromkeys(QUESTIONS, "passed"),
        "quizzes/alpha.yml::yes-no": "failed",
    }
    (failed,) = result.getfailures()
    assert failed.longreprtext == (
        "quizzes/alpha.yml:26:16: question 3 (id: yes-no), objective: 'nope' is not an objective of the "
        "unit (its objectives: obj-one, obj-two)"
    )


def test_a_bank_with_a_schema_error_fails_as_one_item(course):
    edit(course, "quizzes/beta.yml", "pass_ratio: 1.0", "pass_ratio: lots")
    result = course.inline_run("quizzes")
    assert outcomes(result) == {
        **{q: "passed" for q in QUESTIONS if q.startswith("quizzes/alpha.yml")},
        "quizzes/beta.yml::<bank>": "failed",
    }
    (failed,) = result.getfailures()
    assert failed.location[:2] == ("quizzes/beta.yml", 0)
    assert failed.longreprtext.startswith(
        "quizzes/beta.yml:2:13: pass_ratio: expected a number such as 0.8, not 'lots'"
    )


def test_a_bank_whose_unit_does_not_load_still_checks_its_keys(course):
    edit(course, "curriculum/units/alpha.yml", "title: 单元甲", "title: [单元甲")
    edit(course, "quizzes/alpha.yml", "    answer: b\n", "    answer: e\n")
    result = course.inline_run("quizzes")
    assert outcomes(result)["quizzes/alpha.yml::pick-one"] == "failed"
    assert outcomes(result)["quizzes/alpha.yml::blank"] == "passed"


def test_only_the_quizzes_folder_is_collected(course):
    (course.path / "curriculum/units/extra.yml").write_text("questions: []\n", encoding="utf-8")
    (course.path / "other").mkdir()
    shutil.copy(course.path / "quizzes/alpha.yml", course.path / "other/alpha.yml")
    result = course.inline_run("curriculum", "other")
    assert outcomes(result) == {}


def test_every_item_carries_the_answer_key_marker(course):
    result = course.inline_run("quizzes", "-m", "not answer_key")
    assert outcomes(result) == {}
    result = course.runpytest("--markers")
    result.stdout.fnmatch_lines(["@pytest.mark.answer_key: *"])


def test_every_problem_of_a_question_is_reported_one_per_line(course):
    edit(course, "quizzes/alpha.yml", "    objective: obj-one\n", "    objective: nope\n")
    edit(course, "quizzes/alpha.yml", "    answer: b\n", "    answer: e\n")
    result = course.inline_run("quizzes")
    (failed,) = result.getfailures()
    first, second = failed.longreprtext.split("\n")
    assert first == (
        "quizzes/alpha.yml:11:13: question 1 (id: pick-one), answer: "
        "'e' is not one of the options a, b, c"
    )
    assert second.startswith("quizzes/alpha.yml:5:16: question 1 (id: pick-one), objective: ")
    assert "'nope'" in second and "obj-one, obj-two" in second


def test_a_bank_that_does_not_load_reports_every_problem_at_its_first_line(course):
    edit(course, "quizzes/beta.yml", "pass_ratio: 1.0", "pass_ratio: lots\nextra: 1")
    result = course.inline_run("quizzes")
    (failed,) = result.getfailures()
    assert failed.location == ("quizzes/beta.yml", 0, "the question bank does not load")
    lines = failed.longreprtext.split("\n")
    assert len(lines) == 2
    assert lines[0].startswith("quizzes/beta.yml:2:13: pass_ratio: ")
    assert lines[1].startswith("quizzes/beta.yml:3:1: extra: ")


def test_a_bug_in_the_checks_shows_its_traceback(course, monkeypatch):
    """Only answer-key problems are shown as trainer messages; anything else is a bug."""
    from generator.course import checks

    def broken(question):
        raise RuntimeError("a bug in the checks")

    monkeypatch.setattr(checks, "question_problems", broken)
    result = course.inline_run("quizzes/alpha.yml::pick-one")
    (failed,) = result.getfailures()
    assert "RuntimeError: a bug in the checks" in failed.longreprtext
    assert 'raise RuntimeError("a bug in the checks")' in failed.longreprtext  # the traceback


def test_the_answer_key_error_says_every_problem():
    from generator.course.problems import Problem
    from generator.pytest_plugin import AnswerKeyError

    problems = [Problem("b.yml", 1, 7, "unit", "one"), Problem("b.yml", 2, 12, "questions", "two")]
    assert str(AnswerKeyError(problems)) == "b.yml:1:7: unit: one\nb.yml:2:12: questions: two"
