"""The typing drill (beta's `drill`: 12 characters, 30 字/分钟, 90%), typed on a paused page
clock so speeds are exact: speed = correct characters per minute from the first committed
character to the last, accuracy = correct / typed, position by position."""

from __future__ import annotations

import pytest

from .conftest import question, type_at_pace

PASSAGE = "亲，您好，欢迎光临本店。"


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


def test_speed_accuracy_and_pass_against_both_targets(page, drill):
    area, result = drill.locator("textarea"), drill.locator(".kefu-result")
    # 12 correct characters, one a second: 12 in 11 s.
    type_at_pace(page, area, PASSAGE, 1000)
    speed, accuracy, shown = figures(drill)
    assert speed == pytest.approx(12 / 11 * 60, abs=0.1) and accuracy == "1.0000"
    assert "已输入 12 / 12 字" in shown
    assert drill.get_attribute("data-state") == "correct"  # finishing the passage checks it
    assert result.inner_text() == "✓ 达标！ 速度 65 字/分钟 · 准确率 100.0%"
    assert drill.locator("textarea").evaluate("t => t.readOnly")

    # Two wrong characters at twice the pace: fast enough, not accurate enough (10 / 12).
    drill.locator("[data-quiz-retry]").click()
    assert area.input_value() == "" and drill.get_attribute("data-state") is None
    type_at_pace(page, area, "亲，X好，欢迎X临本店。", 500)
    speed, accuracy, _ = figures(drill)
    assert speed == pytest.approx(10 / 5.5 * 60, abs=0.1) and accuracy == "0.8333"
    assert drill.get_attribute("data-state") == "incorrect"
    assert result.inner_text() == "✗ 还未达标，再练一次吧。 速度 109 字/分钟 · 准确率 83.3%"

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


def test_check_part_way_and_nothing_typed(page, drill):
    area = drill.locator("textarea")
    drill.locator("[data-quiz-check]").click()
    assert (
        drill.get_attribute("data-state") is None
        and "请先作答" in drill.locator(".kefu-result").inner_text()
    )
    type_at_pace(page, area, PASSAGE[:6], 1000)  # 6 in 5 s: 72 a minute
    assert figures(drill)[0] == pytest.approx(72, abs=0.1)
    drill.locator("[data-quiz-check]").click()  # fast and accurate, but only half the passage
    assert drill.get_attribute("data-state") == "incorrect"
    assert "还没输完整段文字" in drill.locator(".kefu-result").inner_text()
    assert page.locator('[data-quiz="beta"]').get_attribute("data-score") == "0/3"


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
