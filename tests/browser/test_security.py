"""Text from YAML never runs as code, and pages load nothing from another host.

tests/fixtures/xss puts <img onerror>, <script> and attribute-breaking payloads in every text
field (Markdown fields carry them in code spans, as raw HTML there is refused)."""

from __future__ import annotations

from urllib.parse import urlsplit

from .conftest import DESKTOP, question

ALL_FEEDBACK = """quiz => {
    const seen = new Set();
    quiz.querySelectorAll('[data-question-id]').forEach(q => {
        const inputs = [...q.querySelectorAll('input[type=radio], input[type=checkbox]')];
        const check = () => {
            q.querySelector('[data-quiz-check]').click();
            q.querySelectorAll('[data-feedback-for]').forEach(f => f.checkVisibility() && seen.add(q.id + f.dataset.feedbackFor));
        };
        if (q.dataset.questionType === 'multiple') { inputs.forEach(i => i.click()); check(); }
        else inputs.forEach((input, n) => { if (n) q.querySelector('[data-quiz-retry]').click(); input.click(); check(); });
        q.querySelector('[data-quiz-reveal]')?.click();
    });
    return seen.size;
}"""


def test_payloads_in_every_field_never_run(pages, xss_url):
    page = pages.new(viewport=DESKTOP)
    page.goto(xss_url + "units/payload/")
    quiz = page.locator('[data-quiz="payload"]')
    assert "<script>window.__xss=1</script>" in page.locator("h1").inner_text()
    q = question(page, "fill")
    q.locator("input[type=text]").fill("<img src=x onerror=window.__xss=1>")
    q.locator("[data-quiz-check]").click()
    assert q.get_attribute("data-state") == "correct"
    q = question(page, "order")
    q.locator('[data-option="b"]').focus()
    page.keyboard.press("ArrowUp")  # announces an option text full of markup
    assert "<script>" in quiz.locator("[data-live]").inner_text()
    q.locator("[data-quiz-check]").click()
    typing = question(page, "typing")
    typing.locator("textarea").type("<img src=x onerror=window.__xss=1>")
    assert typing.get_attribute("data-state") == "correct"
    shown = quiz.evaluate(ALL_FEEDBACK)  # every option chosen in turn: all feedback shows
    assert (
        shown + 1 == quiz.locator("[data-feedback-for]").count()
    )  # + the order item's, shown above
    assert quiz.locator(".kefu-key:visible").count() == 6
    page.reload()  # answers restored from storage: the fill answer goes back into its field
    assert (
        question(page, "fill").locator("input").input_value()
        == "<img src=x onerror=window.__xss=1>"
    )
    for path in ("", "tracks/payload-track/", "glossary/", "categories/process/", "progress/"):
        page.goto(xss_url + path)
        page.wait_for_timeout(50)
        assert page.evaluate("window.__xss") is None, path
    page.locator("#kefu-trainee").fill("<img src=x onerror=window.__xss=1>")
    with page.expect_download():
        page.locator("[data-download]").click()
    assert page.evaluate("window.__xss") is None
    assert pages.dialogs == []


def test_nothing_is_requested_from_another_host(pages, mini_url):
    page = pages.new()
    hosts = set()
    page.on("request", lambda request: hosts.add(urlsplit(request.url).hostname or request.url))
    page.goto(mini_url + "units/beta/")
    q = question(page, "role-play")
    q.locator('input[value="a"]').check()
    q.locator("[data-quiz-check]").click()
    q.locator("[data-quiz-reveal]").click()
    question(page, "drill").locator("textarea").type("亲，您好")
    page.locator(".md-search__input").fill("单元")  # the search index too
    page.wait_for_load_state("networkidle")
    page.goto(mini_url + "progress/")
    page.wait_for_load_state("networkidle")
    assert hosts <= {"127.0.0.1"}, hosts
