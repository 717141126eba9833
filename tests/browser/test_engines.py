"""Both builds of the shipped course under /kefu/, driven as a trainee would: through the
navigation (Material's instant navigation swaps the content; quiz.js, loaded once through
extra_javascript, must set up each new page), a quiz, then 学习进度 and back to the unit."""

from __future__ import annotations

import pytest
from conftest import ENGINES, SUBPATH  # tests/conftest.py

from generator.course.load import load_curriculum

from .conftest import DESKTOP, ROOT, chosen_keys

COURSE = load_curriculum(ROOT)
UNIT = next(iter(COURSE.banks.values()))
TRACK = next(track for track in COURSE.course.tracks if UNIT.unit in track.units)


@pytest.mark.parametrize("engine", ENGINES)
def test_a_trainee_navigates_answers_and_sees_progress_under_a_subpath(
    pages, shipped_at_subpath, engine
):
    url, _ = shipped_at_subpath(engine)
    page = pages.new(viewport=DESKTOP)
    page.set_default_navigation_timeout(30_000)  # a first load on a busy machine may be slow
    missing = []
    page.on("response", lambda r: r.status >= 400 and missing.append(f"{r.status} {r.url}"))
    page.goto(url)
    page.locator(f'.md-nav--primary a[href$="tracks/{TRACK.id}/"]').first.click()
    page.wait_for_url(f"**{SUBPATH}tracks/{TRACK.id}/")
    page.locator(f'.md-nav--primary a[href$="units/{UNIT.unit}/"]').first.click()
    page.wait_for_url(f"**{SUBPATH}units/{UNIT.unit}/")
    question = next(q for q in UNIT.questions if q.type in ("single", "truefalse", "scenario"))
    block = page.locator(f'[data-question-id="{question.id}"]')
    block.locator(f'input[value="{chosen_keys(question, right=True)[0]}"]').check()
    block.locator("[data-quiz-check]").click()  # visible only once quiz.js has set the page up
    assert block.get_attribute("data-state") == "correct"

    page.locator('.md-nav--primary a[href$="progress/"]').first.click()
    page.wait_for_url(f"**{SUBPATH}progress/")
    row = page.locator(f'tr[data-unit="{UNIT.unit}"]')
    assert row.locator("[data-unit-score]").inner_text() == f"1 / {len(UNIT.questions)}"
    row.locator("a").click()
    page.wait_for_url(f"**{SUBPATH}units/{UNIT.unit}/")
    assert page.locator(f'[data-question-id="{question.id}"]').get_attribute("data-state") == (
        "correct"
    )  # the saved answer is shown again
    assert missing == []
