"""Every question of the shipped course and of the mini course, generated from the YAML: one
page per unit, a wrong answer to every question grades incorrect (with its explanation and the
chosen options' feedback showing), 重新作答 clears the unit, then every key grades correct and
the unit scores n/n. The shipped course is graded in its MkDocs and its Zensical build, both
served under a sub-path (/kefu/) as on a GitHub Pages project site."""

from __future__ import annotations

import functools

import pytest
from conftest import ENGINES  # tests/conftest.py

from generator.course.load import load_curriculum
from generator.course.problems import ProblemsFound

from .conftest import FIXTURES, ROOT, Pages, chosen_keys, give_all, states

COURSES = {"mini": FIXTURES / "mini", "shipped": ROOT}
SITES = {"mini": ["mkdocs"], "shipped": list(ENGINES)}  # mini at the root, shipped at /kefu/


@functools.cache
def course(name: str):
    return load_curriculum(COURSES[name])


def units_of(name: str) -> list[str]:
    try:
        return list(course(name).banks)
    except ProblemsFound:
        return ["<invalid course>"]  # the test then fails on the build with every problem listed


CASES = [
    (name, engine, unit) for name in COURSES for engine in SITES[name] for unit in units_of(name)
]


@pytest.fixture(scope="module")
def course_pages(browser):
    """One page per built site, reused unit after unit (its clock installed for typing drills)."""
    opened, by_site = Pages(browser), {}

    def page_for(site: str):
        if site not in by_site:
            by_site[site] = opened.new()
            by_site[site].clock.install()
            # A page load on a busy 2-core machine may take longer than an interaction's 5 s.
            by_site[site].set_default_navigation_timeout(30_000)
        return by_site[site], opened.errors

    yield page_for
    opened.close()


def expected_feedback(q, right: bool) -> list[str]:
    options = getattr(q, "options", {})
    shown = list(options) if q.type == "order" else chosen_keys(q, right)
    return sorted(k for k in shown if k in options and options[k].feedback)


def site_url(name: str, engine: str, request) -> str:
    if name == "mini":
        return request.getfixturevalue("mini_url")
    return request.getfixturevalue("shipped_at_subpath")(engine)[0]


@pytest.mark.parametrize(
    ("name", "engine", "unit_id"), CASES, ids=["::".join(case) for case in CASES]
)
def test_every_question_grades_its_key_correct_and_a_wrong_answer_incorrect(
    course_pages, name, engine, unit_id, request
):
    course_url = site_url(name, engine, request)
    bank = course(name).banks[unit_id]
    total = len(bank.questions)
    page, errors = course_pages(course_url)
    errors_before = len(errors)
    page.goto(f"{course_url}units/{unit_id}/")
    quiz = page.locator(f'[data-quiz="{unit_id}"]')
    assert quiz.locator("[data-question-id]").count() == total

    give_all(page, quiz, bank.questions, right=False)
    seen = states(quiz)
    for q in bank.questions:
        assert seen[q.id]["state"] == "incorrect", (
            f"{q.id}: a wrong answer was not graded incorrect"
        )
        assert seen[q.id]["explanation"], f"{q.id}: no explanation after the check"
        assert sorted(seen[q.id]["feedback"]) == expected_feedback(q, False), q.id
    assert quiz.get_attribute("data-score") == f"0/{total}"

    quiz.locator("[data-quiz-reset]").click()
    quiz.locator("[data-reset-yes]").click()
    assert quiz.get_attribute("data-score") is None
    assert all(s["state"] is None and not s["explanation"] for s in states(quiz).values())

    give_all(page, quiz, bank.questions, right=True)
    seen = states(quiz)
    for q in bank.questions:
        assert seen[q.id]["state"] == "correct", f"{q.id}: the key was not graded correct"
        assert sorted(seen[q.id]["feedback"]) == expected_feedback(q, True), q.id
    assert quiz.get_attribute("data-score") == f"{total}/{total}"
    assert quiz.get_attribute("data-passed") == "true"
    assert errors[errors_before:] == []
