"""Both mini quizzes run with the keyboard only: Tab, Shift+Tab, Space, Enter and arrow keys
(and typing into the fill blank and the drill). Focus starts on the 自测练习 heading's link."""

from __future__ import annotations

from .conftest import order_keys, question

ACTIVE = """() => {
    const a = document.activeElement;
    return [a.tagName.toLowerCase(), a.type || '', a.value || a.dataset.option || '',
            ['data-quiz-check', 'data-quiz-retry', 'data-quiz-reveal', 'data-quiz-reset'].find(n => a.hasAttribute(n)) || '',
            a.closest('[data-question-id]')?.dataset.questionId || ''];
}"""


def active(page):
    return tuple(page.evaluate(ACTIVE))


def tab_to(page, button: str, question_id: str, limit: int = 20):
    for _ in range(limit):
        page.keyboard.press("Tab")
        if active(page)[3:] == (button, question_id):
            return
    raise AssertionError(f"Tab never reached {button} of {question_id}: at {active(page)}")


def start(page, url):
    page.goto(url)
    page.locator("h2#自测练习 a.headerlink").focus()


def test_keyboard_only_alpha(page, mini_url):
    start(page, mini_url + "units/alpha/")
    page.keyboard.press("Tab")
    assert active(page) == ("input", "radio", "a", "", "pick-one")
    page.keyboard.press("ArrowDown")  # radios: arrows move and choose
    assert question(page, "pick-one").locator('input[value="b"]').is_checked()
    page.keyboard.press("Tab")
    assert active(page) == ("button", "button", "", "data-quiz-check", "pick-one")
    page.keyboard.press("Enter")
    assert question(page, "pick-one").get_attribute("data-state") == "correct"
    assert active(page)[3:] == ("data-quiz-retry", "pick-one")  # focus lands on 再试一次
    page.keyboard.press("Tab")
    assert active(page)[3:] == ("data-quiz-reveal", "pick-one")
    page.keyboard.press("Enter")
    assert question(page, "pick-one").locator(".kefu-key").is_visible()

    page.keyboard.press("Tab")
    assert active(page) == ("input", "checkbox", "a", "", "pick-many")
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Tab")
    assert active(page)[:3] == ("input", "checkbox", "c")
    page.keyboard.press("Space")
    tab_to(page, "data-quiz-check", "pick-many")
    page.keyboard.press("Space")
    assert question(page, "pick-many").get_attribute("data-state") == "correct"

    tab_to(page, "", "yes-no", limit=3)
    assert active(page) == ("input", "radio", "true", "", "yes-no")
    page.keyboard.press("ArrowDown")
    tab_to(page, "data-quiz-check", "yes-no")
    page.keyboard.press("Enter")
    assert question(page, "yes-no").get_attribute("data-state") == "correct"

    tab_to(page, "", "blank", limit=3)
    assert active(page)[:2] == ("input", "text")
    page.keyboard.type("60")
    page.keyboard.press("Enter")
    assert question(page, "blank").get_attribute("data-state") == "correct"
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") == "4/4"

    page.keyboard.press("Shift+Tab")  # away and back to 再试一次 of the blank
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    assert question(page, "blank").get_attribute("data-state") is None
    assert active(page)[:2] == ("input", "text")
    tab_to(page, "data-quiz-reset", "", limit=5)
    page.keyboard.press("Enter")  # 重新作答 asks first; focus on 取消
    assert page.evaluate("document.activeElement.hasAttribute('data-reset-no')")
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.hasAttribute('data-quiz-reset')")
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") == "3/4"  # kept
    page.keyboard.press("Enter")
    page.keyboard.press("Shift+Tab")  # to 确定重新作答
    page.keyboard.press("Enter")
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") is None


def test_keyboard_only_beta(page, mini_url):
    start(page, mini_url + "units/beta/")
    page.keyboard.press("Tab")
    assert active(page)[2:] == ("b", "", "sequence")  # the first order item
    page.keyboard.press("ArrowDown")
    assert order_keys(question(page, "sequence")) == ["a", "b", "c", "d"]
    tab_to(page, "data-quiz-check", "sequence")
    page.keyboard.press("Enter")
    assert question(page, "sequence").get_attribute("data-state") == "correct"

    tab_to(page, "", "role-play", limit=3)
    assert active(page) == ("input", "radio", "a", "", "role-play")
    page.keyboard.press("Space")
    tab_to(page, "data-quiz-check", "role-play")
    page.keyboard.press("Enter")
    assert question(page, "role-play").get_attribute("data-state") == "correct"

    tab_to(page, "", "drill", limit=3)
    assert active(page)[0] == "textarea"
    page.keyboard.type("亲，您好，欢迎光临本店。", delay=20)
    assert question(page, "drill").get_attribute("data-state") == "correct"
    assert page.locator('[data-quiz="beta"]').get_attribute("data-score") == "3/3"
