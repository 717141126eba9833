"""The track certificate (结业证明): offered only once every unit of the track is passed, made
with the name the trainee types, its code verified by `curriculum report --verify` against
the results file downloaded from the same browser, printed alone on one A4 page."""

from __future__ import annotations

import re

from click.testing import CliRunner
from conftest import FIXTURES

from generator.cli import main

from .conftest import question

TRACK = "tracks/basics/"


def pass_alpha(page, url):
    page.goto(url + "units/alpha/")
    for qid, key in (("pick-one", "b"), ("yes-no", "false")):
        q = question(page, qid)
        q.locator(f'input[value="{key}"]').check()
        q.locator("[data-quiz-check]").click()


def pass_beta(page, url):
    page.goto(url + "units/beta/")
    sequence = question(page, "sequence")
    sequence.locator('[data-option="a"] [data-move="up"]').click()
    sequence.locator("[data-quiz-check]").click()
    role_play = question(page, "role-play")
    role_play.locator('input[value="a"]').check()
    role_play.locator("[data-quiz-check]").click()
    question(page, "drill").locator("textarea").focus()
    page.keyboard.type("亲，您好，欢迎光临本店。")
    assert page.locator('[data-quiz="beta"]').get_attribute("data-passed") == "true"


def test_certificate_only_after_every_unit_of_the_track_is_passed(
    page, mini_url, tmp_path, output_dir
):
    state, tools, certificate = (
        page.locator(selector)
        for selector in ("[data-cert-state]", "[data-cert-tools]", "[data-cert]")
    )
    page.goto(mini_url + TRACK)
    assert (
        state.inner_text()
        == "通过这条学习路径的全部单元后，可以在这里生成结业证明（已通过 0 / 2 个单元）。"
    )
    assert not tools.is_visible() and not certificate.is_visible()
    pass_alpha(page, mini_url)
    page.goto(mini_url + TRACK)
    assert "已通过 1 / 2 个单元" in state.inner_text() and not tools.is_visible()

    pass_beta(page, mini_url)
    page.goto(mini_url + TRACK)
    assert state.inner_text().startswith("恭喜！") and tools.is_visible()
    page.locator("[data-cert-make]").click()
    assert page.locator("[data-cert-message]").inner_text() == "请先填写姓名（1 到 40 个字）。"
    assert not certificate.is_visible()
    page.locator("[data-cert-name]").fill(" 张三 ")
    page.locator("[data-cert-name]").press("Enter")
    assert certificate.is_visible()
    body = certificate.locator("[data-cert-body]").inner_text()
    assert body == "兹证明 张三 已完成学习路径「基础路径」全部 2 个单元的学习，各单元自测均已通过。"
    rows = certificate.locator("tbody tr").evaluate_all(
        "rows => rows.map(r => [...r.cells].map(c => c.textContent))"
    )
    today = page.evaluate("new Date().toLocaleDateString('sv')")  # YYYY-MM-DD, local
    assert rows == [["单元甲", "2 / 4", today], ["单元乙", "3 / 3", today]]
    code = certificate.locator("[data-cert-code]").inner_text()
    assert re.fullmatch(r"[0-9A-F]{4}-[0-9A-F]{4}", code)
    certificate.screenshot(path=output_dir / "certificate-phone.png")

    # The trainer checks the code against the results file from the same browser.
    page.goto(mini_url + "progress/")
    page.locator("#kefu-trainee").fill("张三")
    with page.expect_download() as download:
        page.locator("[data-download]").click()
    results = tmp_path / download.value.suggested_filename
    download.value.save_as(results)
    runner = CliRunner()
    verified = runner.invoke(
        main, ["report", "-p", str(FIXTURES / "mini"), str(results), "--verify", code]
    )
    assert verified.exit_code == 0, verified.output
    assert verified.output.startswith("核验通过：张三 · 基础路径（")
    other = runner.invoke(
        main, ["report", "-p", str(FIXTURES / "mini"), str(results), "--verify", "0000-0000"]
    )
    assert other.exit_code == 1


def test_the_certificate_prints_alone_on_one_a4_page(page, mini_url, output_dir):
    pass_alpha(page, mini_url)
    pass_beta(page, mini_url)
    page.goto(mini_url + TRACK)
    page.locator("[data-cert-name]").fill("李四")
    page.locator("[data-cert-make]").click()
    page.emulate_media(media="print")
    assert page.locator("[data-cert]").is_visible()
    for hidden in (
        ".md-header",
        "h1",
        "[data-cert-tools]",
        "[data-cert-print]",
        ".md-footer",
        ".md-sidebar--primary",
    ):
        assert not page.locator(hidden).first.is_visible(), hidden
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.screenshot(path=output_dir / "certificate-print.png")
    pdf = page.pdf(format="A4")
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) == 1
