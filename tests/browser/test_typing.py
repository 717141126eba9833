"""The typing drill (beta's `drill`: 12 characters, 30 字/分钟, 90%), typed on a paused page
clock so speeds are exact. As the unit typing-tools tells trainees: accuracy by aligning what
was typed with the passage (edit distance: a skipped or extra character costs one), speed =
committed characters per minute of active typing (a pause counts 5 s at most), a bulk insert
(paste, autofill, more than 10 characters committed at once) is refused, and an unfinished
attempt is never a best result."""

from __future__ import annotations

import json

import pytest

from .conftest import question, type_at_pace

PASSAGE = "亲，您好，欢迎光临本店。"
KEY = "kefu-progress:mini-course"


@pytest.fixture
def drill(page, mini_url):
    page.clock.install()
    page.goto(mini_url + "units/beta/")
    return question(page, "drill")


def figures(drill):
    stats = drill.locator("[data-typing-stats]")
    return (
        float(stats.get_attribute("data-speed")),
        stats.get_attribute("data-accuracy"),
        stats.inner_text(),
    )


def marks(drill) -> list[tuple[str, str]]:
    found = drill.locator("[data-typing-marks] mark").evaluate_all(
        "ms => ms.map(m => [m.textContent, m.dataset.mark])"
    )
    return [tuple(mark) for mark in found]


def test_speed_accuracy_and_pass_against_both_targets(page, drill):
    area, result = drill.locator("textarea"), drill.locator(".kefu-result")
    # 12 characters, one a second: 12 in 11 s.
    type_at_pace(page, area, PASSAGE, 1000)
    speed, accuracy, shown = figures(drill)
    assert speed == pytest.approx(12 / 11 * 60, abs=0.1) and accuracy == "1.0000"
    assert "已输入 12 / 12 字" in shown and "打错、多打或漏打 0 字" in shown
    assert drill.get_attribute("data-state") == "correct"  # finishing the passage checks it
    assert (drill.get_attribute("data-accuracy"), drill.get_attribute("data-speed")) == (
        "100.0",
        "65.5",
    )
    assert result.inner_text() == "✓ 达标！ 速度 65 字/分钟 · 准确率 100.0%"
    assert drill.locator("textarea").evaluate("t => t.readOnly")
    assert not drill.locator("[data-typing-marks]").is_visible()  # nothing to mark

    # Two wrong characters at twice the pace: fast enough, not accurate enough (10 / 12).
    drill.locator("[data-quiz-retry]").click()
    assert area.input_value() == "" and drill.get_attribute("data-state") is None
    assert drill.get_attribute("data-accuracy") is None
    type_at_pace(page, area, "亲，X好，欢迎X临本店。", 500)
    speed, accuracy, _ = figures(drill)
    assert speed == pytest.approx(12 / 5.5 * 60, abs=0.1) and accuracy == "0.8333"
    assert drill.get_attribute("data-state") == "incorrect"
    assert drill.get_attribute("data-accuracy") == "83.3"
    assert result.inner_text() == "✗ 还未达标，再练一次吧。 速度 131 字/分钟 · 准确率 83.3%"
    assert marks(drill) == [("X", "wrong"), ("X", "wrong")]
    assert drill.locator("[data-typing-marks]").inner_text() == "亲，X好，欢迎X临本店。"

    # Accurate but slow: 12 in 33 s is 21.8 a minute, under 30.
    drill.locator("[data-quiz-retry]").click()
    type_at_pace(page, area, PASSAGE, 3000)
    assert figures(drill)[0] == pytest.approx(12 / 33 * 60, abs=0.1)
    assert drill.get_attribute("data-state") == "incorrect"
    assert page.locator('[data-quiz="beta"]').get_attribute("data-score") == "0/3"

    # The best result stays, shown and saved; the latest check is what reloads.
    best = "最佳成绩：65 字/分钟，准确率 100.0%"
    assert drill.locator("[data-typing-best]").inner_text() == best
    page.reload()
    assert drill.get_attribute("data-state") == "incorrect"
    assert drill.locator("[data-typing-best]").inner_text() == best


@pytest.mark.parametrize(
    ("typed", "mark"),
    [("亲，您好欢迎光临本店。", ("，", "missed")), ("亲，您好，，欢迎光临本店。", ("，", "extra"))],
)
def test_a_skipped_or_extra_character_costs_one(page, drill, typed, mark):
    type_at_pace(page, drill.locator("textarea"), typed, 1000)
    assert drill.get_attribute("data-state") == "correct"  # the end of the passage reached: checked
    assert drill.get_attribute("data-accuracy") == "91.7"  # 11 of 12, not position by position
    assert marks(drill) == [mark]


def test_a_pause_counts_five_seconds_at_most(page, drill):
    area = drill.locator("textarea")
    type_at_pace(page, area, PASSAGE[:6], 1000)  # 5 s
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 60)  # a minute away from the keys
    area.focus()
    page.keyboard.type(PASSAGE[6])  # counts 5 s
    type_at_pace(page, area, PASSAGE[7:], 1000)  # 5 more characters: 1 s before each
    assert drill.get_attribute("data-speed") == f"{12 / 15 * 60:.1f}"  # 12 in 5 + 5 + 5 s


def test_bulk_inserts_are_refused_with_a_message(page, drill):
    area, result = drill.locator("textarea"), drill.locator(".kefu-result")
    area.focus()
    page.keyboard.insert_text(PASSAGE)  # autofill or a whole phrase committed at once
    assert area.input_value() == "" and "一次输入的字太多" in result.inner_text()
    assert drill.get_attribute("data-state") is None
    page.keyboard.type("亲，")
    assert area.input_value() == "亲，" and result.inner_text() == ""
    page.keyboard.insert_text("您好，欢迎光临本店。")  # 10 at once: still typing
    assert drill.get_attribute("data-state") == "correct"
    drill.locator("[data-quiz-retry]").click()
    pasted = area.evaluate(
        """t => { const data = new DataTransfer(); data.setData('text/plain', '亲，您好，欢迎光临本店。');
        return t.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true})); }"""
    )
    assert pasted is False and area.input_value() == ""  # the paste was cancelled
    assert "一次输入的字太多" in result.inner_text()


def test_check_part_way_is_no_record(page, drill):
    area = drill.locator("textarea")
    drill.locator("[data-quiz-check]").click()
    assert (
        drill.get_attribute("data-state") is None
        and "请先作答" in drill.locator(".kefu-result").inner_text()
    )
    type_at_pace(page, area, PASSAGE[:6], 1000)  # 6 in 5 s: 72 a minute
    assert figures(drill)[0] == pytest.approx(72, abs=0.1)
    assert figures(drill)[1] == "1.0000"  # so far, against the part typed
    drill.locator("[data-quiz-check]").click()  # fast and accurate, but only half the passage
    assert drill.get_attribute("data-state") == "incorrect"
    assert "还没输完整段文字" in drill.locator(".kefu-result").inner_text()
    assert drill.get_attribute("data-accuracy") == "50.0"  # against the whole passage
    assert page.locator('[data-quiz="beta"]').get_attribute("data-score") == "0/3"
    assert drill.locator("[data-typing-best]").inner_text() == ""
    saved = json.loads(page.evaluate(f"localStorage.getItem('{KEY}')"))
    assert "tb" not in saved["beta"]["q"]["drill"]


def test_ime_composition_does_not_count(page, drill):
    area = drill.locator("textarea")
    stats = drill.locator("[data-typing-stats]")
    cdp = page.context.new_cdp_session(page)
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    area.focus()

    def compose(text):
        cdp.send(
            "Input.imeSetComposition",
            {"text": text, "selectionStart": len(text), "selectionEnd": len(text)},
        )

    compose("q")
    page.clock.run_for(5000)  # composing time before the first commit does not count
    compose("qin")
    assert area.input_value() == "qin" and stats.inner_text() == ""
    cdp.send("Input.insertText", {"text": "亲"})  # the IME commits: the clock starts
    assert "已输入 1 / 12 字" in stats.inner_text()
    page.clock.run_for(1000)
    page.keyboard.insert_text("，")  # committed directly
    page.clock.run_for(1000)
    compose("ni")
    compose("nin")
    assert area.input_value() == "亲，nin"
    assert (
        "已输入 2 / 12 字" in stats.inner_text()
        and stats.get_attribute("data-accuracy") == "1.0000"
    )
    cdp.send("Input.insertText", {"text": "您"})
    assert "已输入 3 / 12 字" in stats.inner_text()
    assert float(stats.get_attribute("data-speed")) == pytest.approx(3 / 2 * 60, abs=0.1)
    assert stats.get_attribute("data-accuracy") == "1.0000"
    assert drill.get_attribute("data-state") is None


def test_one_skipped_character_of_a_long_passage_costs_under_one_percent(page, shipped_url):
    page.clock.install()
    page.goto(shipped_url + "units/typing-tools/")
    drill = question(page, "typing-drill-dress")
    passage = drill.locator("[data-passage]").inner_text()
    assert len(passage) > 100
    skipped = passage[:40] + passage[41:]
    type_at_pace(page, drill.locator("textarea"), skipped, 300, chunk=8)
    assert drill.get_attribute("data-state") == "correct"
    assert float(drill.get_attribute("data-accuracy")) >= 98.5
    assert marks(drill) == [(passage[40], "missed")]
