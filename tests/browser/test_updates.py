"""Progress survives edits that do not change what is right: two and three builds of one
course served at one address, one browser profile. A reworded stem, option, feedback or
explanation keeps a trainee's answer; a changed key drops it; added and removed questions
show as 本单元有更新."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import FIXTURES, make_project, serve_folder

from generator.site.build import build_site

from .conftest import plain, question


@pytest.fixture
def course(tmp_path: Path):
    project = make_project(tmp_path, FIXTURES / "mini")
    site = tmp_path / "site"
    url, server = serve_folder(site)
    build_site(project, site_dir=site)
    yield project, site, url
    server.shutdown()
    server.server_close()


def edit(project: Path, *changes: tuple[str, str]) -> None:
    bank = project / "quizzes/alpha.yml"
    text = bank.read_text(encoding="utf-8")
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    bank.write_text(text, encoding="utf-8")


def check(page, question_id, *keys):
    q = question(page, question_id)
    for key in keys:
        q.locator(f'input[value="{key}"]').check()
    q.locator("[data-quiz-check]").click()


NEW_QUESTION = """  - id: added
    type: truefalse
    objective: obj-one
    stem: 新加的题。
    answer: true
    explanation: 新题的解析。
"""


def test_rewording_keeps_progress_and_a_new_key_drops_it(page, course):
    project, site, url = course
    page.goto(url + "units/alpha/")
    check(page, "pick-one", "b")
    check(page, "pick-many", "a", "c")
    quiz, updated = page.locator('[data-quiz="alpha"]'), page.locator("[data-updated]")
    assert quiz.get_attribute("data-score") == "2/4" and not updated.is_visible()

    edit(
        project,
        ("stem: 选出正确的一项。", "stem: 请选出**正确**的一项。"),
        ("b: 对的", "b: 对的那一项"),
        ("c: {text: 错的乙, feedback: 乙不对。}", "c: {text: 错的乙。, feedback: 丙不对。}"),
        ("explanation: 因为 B 是对的。", "explanation: B 才是对的。"),
    )
    build_site(project, site_dir=site)
    page.reload()
    assert "请选出正确的一项" in plain(
        question(page, "pick-one").locator(".kefu-stem").inner_text()
    )
    assert question(page, "pick-one").get_attribute("data-state") == "correct"
    assert question(page, "pick-many").get_attribute("data-state") == "correct"
    assert quiz.get_attribute("data-score") == "2/4" and not updated.is_visible()
    page.goto(url + "progress/")
    assert page.locator('tr[data-unit="alpha"] [data-unit-score]').inner_text() == "2 / 4"

    # pick-many gets another key, yes-no goes, a question is added.
    edit(project, ("answer: [a, c]", "answer: [a, b, c]"))
    text = (project / "quizzes/alpha.yml").read_text(encoding="utf-8")
    start = text.index("  - id: yes-no")
    text = text[:start] + text[text.index("  - id: blank") :] + NEW_QUESTION
    (project / "quizzes/alpha.yml").write_text(text, encoding="utf-8")
    build_site(project, site_dir=site)
    page.goto(url + "units/alpha/")
    assert question(page, "pick-one").get_attribute("data-state") == "correct"
    assert question(page, "pick-many").get_attribute("data-state") is None
    assert quiz.get_attribute("data-score") == "1/4"
    assert (
        updated.inner_text()
        == "本单元有更新：第 2 题、第 4 题是新题或答案有改动，请作答。另有 1 道题已删去。"
    )
    flagged = quiz.locator("[data-new]").evaluate_all("qs => qs.map(q => q.dataset.questionId)")
    assert flagged == ["pick-many", "added"]

    check(page, "added", "true")
    assert updated.inner_text() == "本单元有更新：第 2 题是新题或答案有改动，请作答。"
    check(page, "pick-many", "a", "b", "c")
    assert not updated.is_visible() and not quiz.locator("[data-new]").count()
    page.reload()
    assert not updated.is_visible() and quiz.get_attribute("data-score") == "3/4"
