"""axe-core finds no serious or critical violation on unit pages (with results, feedback,
answers and typing figures showing) and on the progress page, in both colour schemes.

Two findings in Material's own markup, which the project cannot change without forking the
theme's templates (the search dialog and the instant-navigation progress bar have no
accessible name), are reported as warnings instead; anything else in the theme's chrome,
such as the contrast of the brand colours, fails the test."""

from __future__ import annotations

import warnings

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import DESKTOP, PHONE, question

THEME_MARKUP = {("aria-dialog-name", ".md-search"), ("aria-progressbar-name", ".md-progress")}
AXE = Axe()


def violations(page, where: str) -> list[str]:
    found, chrome = [], []
    for v in AXE.run(page).response["violations"]:
        for node in v["nodes"]:
            target = " ".join(map(str, node["target"]))
            in_chrome = (v["id"], target) in THEME_MARKUP
            line = f"{where}: {v['id']} ({v['impact']}) {target}: {node.get('failureSummary', '')[:160]}"
            if v["impact"] in ("serious", "critical"):
                (chrome if in_chrome else found).append(line)
    if chrome:
        warnings.warn("theme chrome accessibility findings:\n" + "\n".join(chrome), stacklevel=2)
    return found


def answer_beta(page):
    q = question(page, "role-play")
    q.locator('input[value="b"]').check()
    q.locator("[data-quiz-check]").click()
    q.locator("[data-quiz-reveal]").click()
    question(page, "sequence").locator("[data-quiz-check]").click()
    question(page, "drill").locator("textarea").type("亲，你")
    question(page, "drill").locator("[data-quiz-check]").click()


@pytest.mark.parametrize(("scheme", "viewport"), [("light", PHONE), ("dark", DESKTOP)])
def test_unit_and_progress_pages_have_no_serious_violations(pages, mini_url, scheme, viewport):
    page = pages.new(viewport=viewport, color_scheme=scheme)
    page.goto(mini_url + "units/beta/")
    answer_beta(page)
    found = violations(page, "units/beta")
    page.goto(mini_url + "units/alpha/")
    q = question(page, "pick-one")
    q.locator('input[value="c"]').check()
    q.locator("[data-quiz-check]").click()
    q = question(page, "pick-many")  # right, wrong and missed verdicts showing
    q.locator('input[value="a"]').check()
    q.locator('input[value="b"]').check()
    q.locator("[data-quiz-check]").click()
    q.locator("[data-quiz-reveal]").click()
    page.locator("[data-quiz-reset]").click()  # its confirmation showing too
    found += violations(page, "units/alpha")
    page.goto(mini_url + "progress/")
    page.locator("[data-clear]").click()  # the confirmation showing too
    found += violations(page, "progress")
    page.goto(mini_url + "review/")  # the 错题本 with its questions, and the header badge
    page.locator("[data-review] [data-question-id]").nth(2).wait_for()
    found += violations(page, "review")
    page.goto(mini_url + "tracks/basics/")
    found += violations(page, "tracks/basics")
    assert not found, "\n".join(found)
