"""错题本: a question answered wrong anywhere comes back on the review page, the same
interactive question, on a Leitner schedule run on a fake clock: due the day of the mistake,
then 1 day after a right answer, then 3 days after the next, then learnt; a wrong answer
starts it over. The header badge counts what is due today."""

from __future__ import annotations

import datetime as dt
import re

from playwright.sync_api import expect

from .conftest import DESKTOP, question

DAY0 = dt.datetime(2026, 12, 7, 9, 0)  # noqa: DTZ001 - the browser's local time, as a trainee's day


def on(page, day: int) -> None:
    page.clock.set_system_time(DAY0 + dt.timedelta(days=day))


def answer(q, *keys):
    for box in q.locator("input").all():
        box.set_checked(box.get_attribute("value") in keys)
    q.locator("[data-quiz-check]").click()


def review(page, url):
    page.goto(url + "review/")
    line = page.locator("[data-review-due]")
    line.wait_for()
    return line


def due_questions(page) -> list[str]:
    """The questions on the 错题本, once as many are there as the page says are due."""
    text = page.locator("[data-review-due]").inner_text()
    due = int(re.match(r"今天要复习 (\d+) 题", text).group(1)) if text.startswith("今天要") else 0
    expect(page.locator("[data-review] [data-question-id]")).to_have_count(due)
    return page.locator("[data-review] [data-question-id]").evaluate_all(
        "qs => qs.map(q => q.closest('[data-quiz]').dataset.quiz + '/' + q.dataset.questionId)"
    )


def test_a_mistake_comes_back_until_it_sticks(pages, mini_url, output_dir):
    page = pages.new()
    page.clock.install(time=DAY0)
    line = review(page, mini_url)
    assert line.inner_text() == "还没有答错的题。在单元自测里答错的题会自动收进这里。"
    badge = page.locator("[data-due-badge]")
    assert badge.count() == 1 and not badge.is_visible()

    page.goto(mini_url + "units/alpha/")
    answer(question(page, "pick-many"), "a")  # half right: wrong
    answer(question(page, "pick-one"), "b")  # right: not in the 错题本
    assert badge.is_visible() and badge.inner_text() == "错题 1"
    assert badge.get_attribute("title") == "今天要复习 1 题"

    badge.click()  # the badge leads to the 错题本
    page.wait_for_url("**/review/")
    assert line.inner_text() == "今天要复习 1 题"
    assert due_questions(page) == ["alpha/pick-many"]
    q = question(page, "pick-many")
    assert q.get_attribute("data-state") is None  # asked afresh, not shown as answered
    assert q.locator(".kefu-stem").inner_text() == "选出所有正确的项。"
    page.screenshot(path=output_dir / "review-phone.png", full_page=True)
    answer(q, "a", "c")
    assert q.get_attribute("data-state") == "correct"
    assert line.inner_text() == "今天没有要复习的题。 另有 1 题已排好日子，到时会出现在这里。"
    assert not badge.is_visible()
    page.goto(mini_url + "units/alpha/")  # the right answer counts in the unit too
    assert question(page, "pick-many").get_attribute("data-state") == "correct"
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") == "2/4"

    review(page, mini_url)  # the same day: nothing due
    assert due_questions(page) == []

    on(page, 1)
    review(page, mini_url)
    assert due_questions(page) == ["alpha/pick-many"] and badge.inner_text() == "错题 1"
    answer(question(page, "pick-many"), "a", "c")  # right on a later day: 3 days on
    for day, due in [(2, []), (3, []), (4, ["alpha/pick-many"])]:
        on(page, day)
        review(page, mini_url)
        assert due_questions(page) == due, day

    answer(question(page, "pick-many"), "a")  # wrong again: back to the start, due today
    assert line.inner_text() == "今天要复习 1 题"
    question(page, "pick-many").locator("[data-quiz-retry]").click()
    answer(question(page, "pick-many"), "a", "c")
    for day in (5, 8):
        on(page, day)
        review(page, mini_url)
        assert due_questions(page) == ["alpha/pick-many"], day
        answer(question(page, "pick-many"), "a", "c")
    assert line.inner_text() == "还没有答错的题。在单元自测里答错的题会自动收进这里。"  # learnt


def test_every_kind_of_question_and_unit_is_gathered(pages, mini_url):
    page = pages.new(viewport=DESKTOP)
    page.goto(mini_url + "units/beta/")
    answer(question(page, "role-play"), "b")
    question(page, "drill").locator("textarea").focus()
    page.keyboard.type("亲，你好")
    question(page, "drill").locator("[data-quiz-check]").click()  # unfinished: not passed
    page.goto(mini_url + "units/alpha/")
    blank = question(page, "blank")
    blank.locator("input[type=text]").fill("五十")
    blank.locator("[data-quiz-check]").click()
    line = review(page, mini_url)
    assert line.inner_text() == "今天要复习 3 题"
    assert sorted(due_questions(page)) == ["alpha/blank", "beta/drill", "beta/role-play"]
    headings = page.locator("[data-review-list] h2").all_inner_texts()
    assert sorted(headings) == ["出自：单元乙", "出自：单元甲"]
    fill = question(page, "blank").locator("input[type=text]")
    fill.fill("六十")
    fill.press("Enter")
    assert line.inner_text() == "今天要复习 2 题 另有 1 题已排好日子，到时会出现在这里。"


def test_a_question_whose_key_changed_leaves_the_review(page, mini_url):
    page.goto(mini_url + "units/alpha/")
    answer(question(page, "pick-many"), "a")
    page.evaluate("""() => {
        const key = 'kefu-progress:mini-course', data = JSON.parse(localStorage.getItem(key));
        data.alpha.q['pick-many'].h = 'old0000000';
        localStorage.setItem(key, JSON.stringify(data));
    }""")
    line = review(page, mini_url)
    assert due_questions(page) == [] and line.inner_text().startswith("还没有答错的题")
    saved = page.evaluate("JSON.parse(localStorage.getItem('kefu-progress:mini-course'))")
    assert "w" not in saved["alpha"]["q"]["pick-many"]


def test_the_badge_shows_on_the_home_page_and_across_instant_navigation(pages, mini_url):
    page = pages.new(viewport=DESKTOP)
    page.goto(mini_url + "units/alpha/")
    answer(question(page, "pick-many"), "a")
    page.goto(mini_url)
    badge = page.locator("[data-due-badge]")
    assert badge.is_visible() and badge.inner_text() == "错题 1"
    page.evaluate("window.__samePage = true")
    page.locator(".md-nav--primary a.md-nav__link", has_text="术语表").click()
    page.wait_for_url("**/glossary/")
    page.locator("h1", has_text="术语表").wait_for()
    assert page.evaluate("window.__samePage") is True  # an instant navigation
    assert badge.is_visible() and badge.inner_text() == "错题 1"
    assert badge.evaluate("a => a.href") == mini_url + "review/"
