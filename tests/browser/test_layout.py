"""Unit and progress pages at phone width (390×844) and desktop width (1280×900): nothing
wider than the viewport, tap targets at least 44 px high on the phone, and screenshots in
test-output/ for a human to look at."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, question

WIDEST = """() => {
    const over = [...document.querySelectorAll('.md-content *')]
        .filter(el => el.getBoundingClientRect().right > innerWidth + 0.5 && !el.closest('pre, .md-typeset__scrollwrap'))
        .map(el => el.tagName.toLowerCase() + '.' + el.className);
    return {scroll: document.documentElement.scrollWidth, inner: innerWidth, over: over.slice(0, 5)};
}"""

SMALL_TARGETS = """() => [...document.querySelectorAll(
        '.kefu-quiz button, .kefu-option label, .kefu-fill, .kefu-progress button, .kefu-progress input')]
    .filter(el => el.checkVisibility())
    .map(el => [el.outerHTML.slice(0, 80), el.getBoundingClientRect().height])
    .filter(([, h]) => h < 43.5)"""


def fits(page):
    width = page.evaluate(WIDEST)
    assert width["scroll"] <= width["inner"] and not width["over"], width


@pytest.mark.parametrize(("name", "viewport"), [("phone", PHONE), ("desktop", DESKTOP)])
def test_unit_pages_fit_the_screen(pages, mini_url, output_dir, name, viewport):
    page = pages.new(viewport=viewport)
    page.goto(mini_url + "units/beta/")
    fits(page)
    q = question(page, "role-play")
    q.locator('input[value="b"]').check()
    q.locator("[data-quiz-check]").click()
    q.locator("[data-quiz-reveal]").click()
    question(page, "drill").locator("textarea").type("亲，您好")
    fits(page)
    if name == "phone":
        assert page.evaluate(SMALL_TARGETS) == []
    page.screenshot(path=output_dir / f"unit-beta-{name}.png", full_page=True)
    page.goto(mini_url + "units/alpha/")
    q = question(page, "pick-one")
    q.locator('input[value="c"]').check()
    q.locator("[data-quiz-check]").click()
    fits(page)
    page.screenshot(path=output_dir / f"unit-alpha-{name}.png", full_page=True)
    page.goto(mini_url + "progress/")
    fits(page)
    if name == "phone":
        assert page.evaluate(SMALL_TARGETS) == []
    page.screenshot(path=output_dir / f"progress-{name}.png", full_page=True)
