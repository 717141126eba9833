"""quiz.js folds fill answers as model.fold does: the same table (tests/fold_cases.json) run
in Chromium against the fold function of the shipped script, and once through the page."""

from __future__ import annotations

import json
import re
from pathlib import Path

from generator.site.minify import shipped

from .conftest import question

CASES = json.loads((Path(__file__).parents[1] / "fold_cases.json").read_text(encoding="utf-8"))[
    "cases"
]
RUN = """([source, cases]) => {
    const fold = new Function('return ' + source)();
    return cases.map(([typed, accepted]) => fold(typed) === fold(accepted));
}"""


def test_the_browser_folds_by_the_same_table(page):
    source = re.search(r"function fold\(\w+\)\{[^}]*\}", shipped("quiz.js").decode()).group()
    page.set_content("<p>fold</p>")
    same = page.evaluate(RUN, [source, [case[:2] for case in CASES]])
    wrong = [case for case, result in zip(CASES, same, strict=True) if result is not case[2]]
    assert not wrong, wrong


def test_a_fill_answer_with_a_full_stop_is_right_on_the_page(page, mini_url):
    page.goto(mini_url + "units/alpha/")
    q = question(page, "blank")
    q.locator("input[type=text]").fill("六十。")
    q.locator("[data-quiz-check]").click()
    assert q.get_attribute("data-state") == "correct"
