"""Feedback at a glance: after 检查 every chosen option says right or wrong; keyed options not
chosen say "missed" only once the answer shows (显示答案, or the question answered right);
colours and marks follow; order items carry the letters the key uses."""

from __future__ import annotations

import pytest

from .conftest import DESKTOP, PHONE, plain, question

ALPHA, BETA = "units/alpha/", "units/beta/"
VERDICTS = "q => [...q.querySelectorAll('.kefu-option')].map(o => o.dataset.verdict || '')"
LOOK = """q => [...q.querySelectorAll('.kefu-option label')].map(l => {
    const after = getComputedStyle(l, '::after');
    return [after.content, getComputedStyle(l).borderTopColor, getComputedStyle(l).borderTopStyle];
})"""


def verdicts(q) -> list[str]:
    return q.evaluate(VERDICTS)


def answer(q, *keys):
    for key in keys:
        q.locator(f'input[value="{key}"]').check()
    q.locator("[data-quiz-check]").click()


@pytest.mark.parametrize(
    ("url", "qid", "chosen", "after_check", "after_reveal"),
    [
        (ALPHA, "pick-one", ["c"], ["", "", "wrong"], ["", "missed", "wrong"]),
        # Partial multiple choice: a right, b wrong, c (keyed) missed only once revealed.
        (
            ALPHA,
            "pick-many",
            ["a", "b"],
            ["right", "wrong", "", ""],
            ["right", "wrong", "missed", ""],
        ),
        (ALPHA, "yes-no", ["true"], ["wrong", ""], ["wrong", "missed"]),
        (BETA, "role-play", ["b"], ["", "wrong"], ["missed", "wrong"]),
    ],
)
def test_verdicts_before_and_after_the_answer_shows(
    page, mini_url, url, qid, chosen, after_check, after_reveal
):
    page.goto(mini_url + url)
    q = question(page, qid)
    assert verdicts(q) == [""] * len(after_check)  # nothing judged before 检查
    answer(q, *chosen)
    assert q.get_attribute("data-state") == "incorrect"
    assert verdicts(q) == after_check
    q.locator("[data-quiz-reveal]").click()
    assert verdicts(q) == after_reveal
    q.locator("[data-quiz-reveal]").click()  # hidden again: no "missed" mark left
    assert verdicts(q) == after_check
    q.locator("[data-quiz-retry]").click()
    assert verdicts(q) == [""] * len(after_check)


def test_a_right_answer_marks_every_chosen_option_right(page, mini_url):
    page.goto(mini_url + ALPHA)
    q = question(page, "pick-many")
    answer(q, "a", "c")
    assert verdicts(q) == ["right", "", "right", ""]
    page.reload()  # restored from storage, judged the same
    assert verdicts(question(page, "pick-many")) == ["right", "", "right", ""]


@pytest.mark.parametrize(("scheme", "viewport"), [("light", PHONE), ("dark", DESKTOP)])
def test_marks_and_colours_follow_the_verdict(pages, mini_url, output_dir, scheme, viewport):
    page = pages.new(viewport=viewport, color_scheme=scheme)
    page.goto(mini_url + ALPHA)
    q = question(page, "pick-many")
    answer(q, "a", "b")
    q.locator("[data-quiz-reveal]").click()
    (right, wrong, missed, plain_option) = q.evaluate(LOOK)
    assert (right[0], wrong[0], missed[0]) == ('"✓ 选对"', '"✗ 选错"', '"漏选"')
    assert right[1] != wrong[1] and right[2] == wrong[2] == "solid" and missed[2] == "dashed"
    assert plain_option[0] == "none"
    q.screenshot(path=output_dir / f"verdicts-partial-multiple-{scheme}.png")
    single = question(page, "pick-one")
    answer(single, "a")
    single.locator("[data-quiz-reveal]").click()
    assert single.evaluate(LOOK)[1][0] == '"正确答案"'  # a missed single key reads 正确答案


def test_order_items_are_lettered_as_in_the_key(page, mini_url):
    page.goto(mini_url + BETA)
    q = question(page, "sequence")
    letters = q.locator(".kefu-order-item .kefu-option-letter").all_inner_texts()
    assert letters == ["B.", "A.", "C.", "D."]  # shown shuffled, each with its own letter
    q.locator("[data-quiz-check]").click()
    q.locator("[data-quiz-reveal]").click()
    key = q.locator(".kefu-key li").all_inner_texts()
    assert key == ["A. 第一步", "B. 第二步", "C. 第三步", "D. 第四步"]
    assert q.locator(".kefu-key ol").is_visible()


def test_explanations_use_the_letters_the_trainee_sees(page, mini_url):
    page.goto(mini_url + ALPHA)
    q = question(page, "pick-one")
    answer(q, "a")
    assert plain(q.locator(".kefu-explanation").inner_text()) == "因为 B 是对的。"
    assert "B." in q.locator(".kefu-option-letter").all_inner_texts()
