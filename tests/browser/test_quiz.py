"""The quiz engine on the mini course: grading, feedback, score and pass state, progress kept
across reloads and instant navigation, reset, storage that fails, no JavaScript, print."""

from __future__ import annotations

import pytest

from .conftest import (
    DESKTOP,
    instant_navigation_page,
    order_keys,
    plain,
    question,
    wait_for_instant,
    wait_for_path,
)

ALPHA, BETA = "units/alpha/", "units/beta/"


def check(q):
    q.locator("[data-quiz-check]").click()
    return q.get_attribute("data-state")


def test_score_and_pass_state(page, mini_url):
    page.goto(mini_url + ALPHA)
    quiz = page.locator('[data-quiz="alpha"]')
    assert (
        quiz.get_attribute("data-score") is None and quiz.get_attribute("data-pass-ratio") == "0.5"
    )
    q = question(page, "pick-one")
    q.locator('input[value="b"]').check()
    assert check(q) == "correct"
    assert plain(q.locator(".kefu-result").inner_text()) == "✓ 回答正确"
    assert (
        quiz.get_attribute("data-score") == "1/4" and quiz.get_attribute("data-passed") == "false"
    )
    assert (
        plain(quiz.locator("[data-quiz-summary]").inner_text())
        == "得分：1 / 4 · ✗ 未通过（至少要答对 2 题）"
    )
    q = question(page, "pick-many")
    q.locator('input[value="a"]').check()
    assert check(q) == "incorrect"
    assert plain(q.locator(".kefu-result").inner_text()) == "✗ 回答错误"
    assert quiz.get_attribute("data-score") == "1/4"
    q = question(page, "yes-no")
    q.locator('input[value="false"]').check()
    assert check(q) == "correct"
    assert quiz.get_attribute("data-score") == "2/4" and quiz.get_attribute("data-passed") == "true"
    assert plain(quiz.locator("[data-quiz-summary]").inner_text()) == "得分：2 / 4 · ✓ 已通过"


def test_feedback_explanation_and_answer_only_after_an_attempt(page, mini_url):
    page.goto(mini_url + ALPHA)
    q = question(page, "pick-one")
    reveal, retry = q.locator("[data-quiz-reveal]"), q.locator("[data-quiz-retry]")
    assert (
        not q.locator(".kefu-explanation").is_visible() and not q.locator(".kefu-key").is_visible()
    )
    assert not reveal.is_visible() and not retry.is_visible()
    assert check(q) is None  # nothing chosen: asked to answer, not graded
    assert "请先作答" in q.locator(".kefu-result").inner_text()
    q.locator('input[value="c"]').check()
    assert check(q) == "incorrect"
    assert q.locator('[data-feedback-for="c"]').is_visible()
    assert q.locator(".kefu-explanation").is_visible() and not q.locator(".kefu-key").is_visible()
    assert q.locator("input").first.is_disabled()
    assert page.evaluate("document.activeElement.hasAttribute('data-quiz-retry')")
    reveal.click()
    assert q.locator(".kefu-key").is_visible() and "B. 对的" in q.locator(".kefu-key").inner_text()
    assert reveal.get_attribute("aria-expanded") == "true" and reveal.inner_text() == "隐藏答案"
    retry.click()
    assert q.get_attribute("data-state") is None
    assert (
        not q.locator(".kefu-explanation").is_visible() and not q.locator(".kefu-key").is_visible()
    )
    assert not q.locator('[data-feedback-for="c"]').is_visible() and not reveal.is_visible()
    assert q.locator("input").first.is_enabled()
    assert (
        page.locator('[data-quiz="alpha"]').get_attribute("data-score") is None
    )  # nothing checked now
    q.locator('input[value="b"]').check()
    assert check(q) == "correct"
    assert not q.locator('[data-feedback-for="c"]').is_visible()


@pytest.mark.parametrize(
    ("typed", "state"),
    [("６０", "correct"), ("  六十。 ", "correct"), ("60 字", "incorrect"), ("６ ０", "correct")],
)
def test_fill_answers_are_folded(page, mini_url, typed, state):
    page.goto(mini_url + ALPHA)
    q = question(page, "blank")
    q.locator("input[type=text]").fill(typed)
    q.locator("input[type=text]").press("Enter")  # Enter checks a fill answer
    assert q.get_attribute("data-state") == state


def test_multiple_is_right_only_for_the_exact_set(page, mini_url):
    page.goto(mini_url + ALPHA)
    q = question(page, "pick-many")
    for chosen, state in [("a", "incorrect"), ("abc", "incorrect"), ("ac", "correct")]:
        for box in q.locator("input").all():
            box.set_checked(box.get_attribute("value") in chosen)
        assert check(q) == state, chosen
        if state == "incorrect":
            q.locator("[data-quiz-retry]").click()


def test_order_moves_by_buttons_and_keys_and_is_announced(page, mini_url):
    page.goto(mini_url + BETA)
    q = question(page, "sequence")
    live = page.locator('[data-quiz="beta"] [data-live]')
    assert order_keys(q) == ["b", "a", "c", "d"]
    assert "上下方向键" in q.locator(".kefu-order-help").inner_text()
    q.locator('[data-option="d"]').focus()
    page.keyboard.press("ArrowUp")
    assert order_keys(q) == ["b", "a", "d", "c"]
    assert live.inner_text() == "“第四步”已移到第 3 位，共 4 位。"
    assert page.evaluate("document.activeElement.dataset.option") == "d"
    page.keyboard.press("ArrowDown")
    assert order_keys(q) == ["b", "a", "c", "d"]
    q.locator('[data-option="b"] [data-move="down"]').click()
    assert order_keys(q) == ["a", "b", "c", "d"]
    assert live.inner_text() == "“第二步”已移到第 2 位，共 4 位。"
    q.locator('[data-option="a"] [data-move="up"]').press(
        "Alt+ArrowDown"
    )  # Alt+arrow from a button
    assert order_keys(q) == ["b", "a", "c", "d"]
    q.locator('[data-option="a"] [data-move="up"]').click()
    q.locator('[data-option="a"] [data-move="up"]').click()  # already first: nothing moves
    assert order_keys(q) == ["a", "b", "c", "d"]
    assert check(q) == "correct"
    q.locator('[data-option="d"]').focus()
    page.keyboard.press("ArrowUp")  # checked: locked
    assert order_keys(q) == ["a", "b", "c", "d"]


def test_scenario_dialogue_tells_the_speakers_apart(page, mini_url):
    page.goto(mini_url + BETA)
    q = question(page, "role-play")
    turns = q.locator(".kefu-turn").evaluate_all("""turns => turns.map(t => {
        const bubble = t.querySelector('.kefu-bubble'), box = bubble.getBoundingClientRect();
        return {who: t.dataset.speaker, label: t.querySelector('.kefu-speaker').textContent,
                left: box.left, right: box.right, bg: getComputedStyle(bubble).backgroundImage + getComputedStyle(bubble).backgroundColor};
    })""")
    customer, agent = turns[0], turns[1]
    assert (customer["who"], customer["label"], agent["who"], agent["label"]) == (
        "customer",
        "顾客",
        "agent",
        "客服",
    )
    assert customer["left"] < agent["left"] and customer["right"] < agent["right"]
    assert customer["bg"] != agent["bg"]


def answer_alpha(page):
    question(page, "pick-one").locator('input[value="b"]').check()
    check(question(page, "pick-one"))
    question(page, "pick-many").locator('input[value="a"]').check()
    check(question(page, "pick-many"))
    question(page, "blank").locator("input").fill("六十")
    check(question(page, "blank"))


def assert_alpha_restored(page):
    assert question(page, "pick-one").get_attribute("data-state") == "correct"
    assert question(page, "pick-one").locator('input[value="b"]').is_checked()
    assert question(page, "pick-many").get_attribute("data-state") == "incorrect"
    assert question(page, "yes-no").get_attribute("data-state") is None
    assert question(page, "blank").locator("input").input_value() == "六十"
    assert question(page, "blank").locator(".kefu-explanation").is_visible()
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") == "2/4"


def test_progress_survives_reload_and_instant_navigation(pages, mini_url):
    page = instant_navigation_page(pages, viewport=DESKTOP)
    page.goto(mini_url + ALPHA)
    answer_alpha(page)
    page.reload()
    assert_alpha_restored(page)

    page.evaluate("window.__samePage = true")  # survives instant navigation only
    wait_for_instant(page)  # a click before the sitemap is read would load the page anew
    page.locator(".md-nav--primary a.md-nav__link", has_text="单元乙").click()
    wait_for_path(page, "/units/beta/")
    page.locator('[data-quiz="beta"].kefu-js').wait_for()
    assert page.evaluate("window.__samePage") is True, "navigation was not instant"
    q = question(page, "sequence")
    q.locator('[data-option="a"] [data-move="up"]').click()  # bound twice, it would move twice
    assert order_keys(q) == ["a", "b", "c", "d"]
    assert check(q) == "correct"

    page.locator(".md-nav--primary a.md-nav__link", has_text="单元甲").click()
    wait_for_path(page, "/units/alpha/")
    page.locator('[data-quiz="alpha"].kefu-js').wait_for()
    assert page.evaluate("window.__samePage") is True
    assert_alpha_restored(page)
    q = question(page, "yes-no")
    q.locator('input[value="false"]').check()
    assert check(q) == "correct"  # bound once: one check, one result
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") == "3/4"

    page.go_back()
    wait_for_path(page, "/units/beta/")
    page.locator('[data-quiz="beta"].kefu-js').wait_for()
    assert question(page, "sequence").get_attribute("data-state") == "correct"
    assert order_keys(question(page, "sequence")) == ["a", "b", "c", "d"]
    assert page.locator('[data-quiz="beta"]').get_attribute("data-score") == "1/3"


def test_reset_clears_the_unit(page, mini_url):
    page.goto(mini_url + ALPHA)
    answer_alpha(page)
    page.goto(mini_url + BETA)
    question(page, "sequence").locator('[data-option="a"] [data-move="up"]').click()
    check(question(page, "sequence"))
    page.goto(mini_url + ALPHA)
    page.locator("[data-quiz-reset]").click()
    page.locator("[data-reset-yes]").click()
    quiz = page.locator('[data-quiz="alpha"]')
    assert quiz.get_attribute("data-score") is None
    assert quiz.locator("[data-state]").count() == 0
    assert quiz.locator("input:checked").count() == 0
    assert question(page, "blank").locator("input").input_value() == ""
    assert quiz.locator("[data-quiz-check]:visible").count() == 4
    page.reload()
    assert quiz.locator("[data-state]").count() == 0 and quiz.get_attribute("data-score") is None
    page.goto(mini_url + BETA)  # other units keep their progress
    assert question(page, "sequence").get_attribute("data-state") == "correct"


THROWING_STORAGE = {
    # Safari's old private mode: reading works, writing throws.
    "writes-throw": """for (const name of ['setItem', 'removeItem'])
        Storage.prototype[name] = function () { throw new DOMException('Quota exceeded', 'QuotaExceededError'); };""",
    # Storage blocked (Chrome with site data blocked): window.localStorage itself throws. Only
    # for quiz.js: the theme's own inline script reads it unguarded and would throw first.
    "blocked": """const storage = Object.getOwnPropertyDescriptor(window, 'localStorage').get;
        Object.defineProperty(window, 'localStorage', {configurable: true, get() {
            if (/quiz\\.js/.test(new Error().stack)) throw new DOMException('The operation is insecure.', 'SecurityError');
            return storage.call(window);
        }});""",
}


@pytest.mark.parametrize("how", THROWING_STORAGE)
def test_quizzes_grade_without_storage(pages, mini_url, how):
    page = pages.new(init_script=THROWING_STORAGE[how])
    page.goto(mini_url + ALPHA)
    assert page.locator('[data-quiz="alpha"] [data-nostore]').is_visible()
    answer_alpha(page)
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") == "2/4"
    page.locator("[data-quiz-reset]").click()
    page.locator("[data-reset-yes]").click()
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") is None
    answer_alpha(page)
    page.goto(mini_url + "progress/")
    assert page.locator("[data-nostore]").is_visible()
    assert (
        page.locator('[data-unit="alpha"] [data-unit-score]').inner_text() == "–"
    )  # nothing was kept
    page.locator("[data-clear]").click()
    page.locator("[data-clear-yes]").click()
    page.locator("#kefu-trainee").fill("张三")
    with page.expect_download() as download:
        page.locator("[data-download]").click()
    assert download.value.suggested_filename.startswith("kefu-results-mini-course-张三-")
    # the pages fixture fails the test on any page error


def test_without_javascript_everything_stays_readable(pages, mini_url):
    page = pages.new(java_script_enabled=False)
    page.goto(mini_url + BETA)
    q = question(page, "role-play")
    assert q.locator(".kefu-stem").is_visible() and q.locator(".kefu-bubble").first.is_visible()
    assert q.locator(".kefu-option").first.is_visible()
    assert not q.locator("[data-quiz-check]").is_visible()  # a button that could do nothing
    answer = q.locator("details.kefu-answer")
    assert answer.locator("summary").inner_text() == "查看答案与解析"
    answer.locator("summary").click()
    assert "A. 马上为您查好了，明天发出。" in answer.locator(".kefu-key").inner_text()
    assert answer.locator(".kefu-explanation").is_visible()


def test_printing_shows_questions_without_answers(page, mini_url):
    page.goto(mini_url + ALPHA)
    q = question(page, "pick-one")
    q.locator('input[value="c"]').check()
    check(q)
    q.locator("[data-quiz-reveal]").click()
    page.emulate_media(media="print")
    assert q.locator(".kefu-stem").is_visible() and q.locator(".kefu-option").first.is_visible()
    for hidden in (
        ".kefu-answer",
        ".kefu-key",
        ".kefu-explanation",
        '[data-feedback-for="c"]',
        ".kefu-result",
        "[data-quiz-retry]",
        "[data-quiz-check]",
    ):
        assert not q.locator(hidden).is_visible(), hidden
    assert not page.locator("[data-quiz-summary]").is_visible()
    page.emulate_media(media="screen")
    assert q.locator(".kefu-explanation").is_visible()


def test_track_page_shows_completion(page, mini_url):
    page.goto(mini_url + "tracks/basics/")
    line = page.locator("[data-track-progress]")
    assert line.inner_text() == "已通过 0 / 2 个单元"
    page.goto(mini_url + ALPHA)
    answer_alpha(page)
    page.goto(mini_url + "tracks/basics/")
    assert line.inner_text() == "已通过 1 / 2 个单元"
