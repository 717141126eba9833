"""The 学习进度 page: every unit with its score and pass state, best scores, content changes,
the results download (kefu-academy-results v1) and 清除进度 with its confirmation."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

from .conftest import question, wait_for_path

KEY = "kefu-progress:mini-course"


def check(page, question_id, *keys, text=None):
    q = question(page, question_id)
    for key in keys:
        q.locator(f'input[value="{key}"]').check()
    if text is not None:
        q.locator("input[type=text]").fill(text)
    q.locator("[data-quiz-check]").click()
    return q.get_attribute("data-state")


def row(page, unit_id):
    r = page.locator(f'tr[data-unit="{unit_id}"]')
    return r.locator("[data-unit-score]").inner_text(), r.locator("[data-unit-state]").inner_text()


def test_progress_page_lists_every_unit_with_score_and_pass_state(page, mini_url):
    page.goto(mini_url + "progress/")
    assert page.locator("tr[data-unit]").count() == 2
    assert row(page, "alpha") == ("–", "未开始") and row(page, "beta") == ("–", "未开始")
    assert page.locator("[data-completion]").inner_text() == "已通过 0 / 2 个单元"
    page.goto(mini_url + "units/alpha/")
    check(page, "pick-one", "b")
    check(page, "yes-no", "false")
    check(page, "blank", text="6")
    page.goto(mini_url + "units/beta/")
    check(page, "role-play", "b")
    page.goto(mini_url + "progress/")
    assert row(page, "alpha") == ("2 / 4", "✓ 已通过")
    assert row(page, "beta") == ("0 / 3", "✗ 未通过")
    assert page.locator("[data-completion]").inner_text() == "已通过 1 / 2 个单元"
    page.locator('tr[data-unit="beta"] a').click()
    wait_for_path(page, "/units/beta/")


def test_best_score_is_kept_and_changed_questions_count_as_new(page, mini_url):
    page.goto(mini_url + "units/alpha/")
    check(page, "pick-one", "b")
    check(page, "pick-many", "a", "c")
    check(page, "yes-no", "false")
    page.locator('[data-question-id="pick-many"] [data-quiz-retry]').click()
    assert check(page, "pick-many", "b") == "incorrect"  # a, c stay chosen: a wrong set
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") == "2/4"
    page.goto(mini_url + "progress/")
    assert row(page, "alpha") == ("3 / 4", "✓ 已通过")  # the best so far
    # The content of pick-one changes: its saved answer no longer counts, nor in the best.
    page.evaluate(
        """key => {
        const data = JSON.parse(localStorage.getItem(key));
        data.alpha.q['pick-one'].h = 'old0000000';
        data.alpha.b.c['pick-one'] = 'old0000000';
        localStorage.setItem(key, JSON.stringify(data));
    }""",
        KEY,
    )
    page.reload()
    assert row(page, "alpha") == ("2 / 4", "✓ 已通过")
    page.goto(mini_url + "units/alpha/")
    assert question(page, "pick-one").get_attribute("data-state") is None
    assert not question(page, "pick-one").locator("input:checked").count()
    assert question(page, "yes-no").get_attribute("data-state") == "correct"
    assert page.locator('[data-quiz="alpha"]').get_attribute("data-score") == "1/4"


def test_download_results_file(page, mini_url):
    page.goto(mini_url + "units/alpha/")
    check(page, "pick-one", "b")
    check(page, "pick-many", "a")
    check(page, "yes-no", "false")
    page.goto(mini_url + "progress/")
    message = page.locator("[data-message]")
    page.locator("[data-download]").click()
    assert message.inner_text() == "请先填写姓名（1 到 40 个字）。"
    assert page.evaluate("document.activeElement.id") == "kefu-trainee"
    page.locator("#kefu-trainee").fill("  张三 ")
    with page.expect_download() as download:
        page.locator("[data-download]").click()
    today = dt.date.today()
    name = download.value.suggested_filename
    assert name == f"kefu-results-mini-course-张三-{today:%Y%m%d}.json"
    assert name in message.inner_text()
    data = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert list(data) == ["format", "version", "course", "trainee", "exported_at", "units"]
    assert data["format"] == "kefu-academy-results" and data["version"] == 1
    assert data["course"] == "mini-course" and data["trainee"] == "张三"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", data["exported_at"])
    assert data["units"] == [
        {
            "unit": "alpha",
            "title": "单元甲",
            "score": 2,
            "total": 4,
            "passed": True,
            "date": today.isoformat(),
            "missed": ["pick-many"],
        }
    ]  # beta never checked


def test_clear_progress_asks_first(pages, mini_url):
    page = pages.new()
    page.goto(mini_url + "units/alpha/")
    check(page, "pick-one", "b")
    page.goto(mini_url + "progress/")
    confirm = page.locator("[data-clear-confirm]")
    assert not confirm.is_visible()
    page.locator("[data-clear]").click()
    assert confirm.is_visible() and "无法恢复" in confirm.inner_text()
    page.locator("[data-clear-no]").click()
    assert not confirm.is_visible() and row(page, "alpha") == ("1 / 4", "✗ 未通过")
    assert page.evaluate("document.activeElement.hasAttribute('data-clear')")
    page.locator("[data-clear]").click()
    page.locator("[data-clear-yes]").click()
    assert row(page, "alpha") == ("–", "未开始")
    assert page.locator("[data-message]").inner_text() == "进度已清除。"
    assert page.evaluate("key => localStorage.getItem(key)", KEY) is None
    assert pages.dialogs == []
    page.goto(mini_url + "units/alpha/")
    assert question(page, "pick-one").get_attribute("data-state") is None


def test_downloaded_results_feed_the_class_report(page, mini_url, tmp_path):
    """The file a trainee downloads is the file `curriculum report` reads."""
    from cli_runner import invoke
    from conftest import FIXTURES

    page.goto(mini_url + "units/alpha/")
    check(page, "pick-one", "b")
    check(page, "pick-many", "a")
    page.goto(mini_url + "progress/")
    page.locator("#kefu-trainee").fill("李四")
    with page.expect_download() as download:
        page.locator("[data-download]").click()
    results = tmp_path / download.value.suggested_filename
    download.value.save_as(results)
    report = invoke("report", "-p", str(FIXTURES / "mini"), str(results))
    assert report.exit_code == 0, report.output
    assert "李四" in report.output and "1/4" in report.output and "pick-many" in report.output
