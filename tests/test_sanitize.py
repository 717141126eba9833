"""The sanitizer behind the Markdown check: what it removes, what the widgets keep, and that
every built page goes through it."""

from __future__ import annotations

import pytest

from generator import sanitize
from generator.course import markdown, model
from generator.site.build import build_site


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>",
        "<svg onload=alert(1)>",
        "<img src=x onerror=alert(1)>",
        "<details open ontoggle=alert(1)>x</details>",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="java&#9;script:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        '<a href="vbscript:msgbox(1)">x</a>',
        '<a href="data:text/html;base64,PHNjcmlwdD4=">x</a>',
        '<img src="https://evil.example/x.png">',
        '<img src="//evil.example/x.png">',
        '<iframe src="https://evil.example/"></iframe>',
        '<form action="https://evil.example/"><input name=q></form>',
        "<style>body{background:url(https://evil.example/)}</style>",
        '<p style="background:url(https://evil.example/)">x</p>',
        '<object data="x.swf"></object>',
        '<link rel="stylesheet" href="https://evil.example/x.css">',
        '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    ],
)
def test_what_could_run_or_load_is_removed(dirty):
    clean = sanitize.clean(dirty).lower()
    for bad in (
        "<script",
        "onload",
        "onerror",
        "ontoggle",
        "javascript",
        "vbscript",
        "data:",
        "evil.example",
        "<iframe",
        "<form",
        "<style",
        "<object",
        "<link",
        "<meta",
    ):
        assert bad not in clean, clean


def test_the_widgets_and_markdown_keep_what_they_need():
    widget = (
        '<div class="kefu-question" data-question-id="q" role="group" aria-labelledby="h">'
        '<input type="radio" name="n" value="a"><label for="x">甲</label>'
        '<textarea rows="4" spellcheck="false"></textarea>'
        '<button type="button" data-quiz-check hidden>检查</button>'
        '<details class="question" open><summary>问</summary><p>答</p></details>'
        '<table><tbody><tr><th style="text-align:right">a</th></tr></tbody></table>'
        '<a href="../units/alpha/">链接</a><a href="https://example.com">外链</a>'
        '<img src="../images/a.png" alt="图"><h2 id="x">标题<a class="headerlink" href="#x">¶</a></h2></div>'
    )
    assert sanitize.clean(widget) == widget.replace(
        "data-quiz-check", 'data-quiz-check=""'
    ).replace("hidden>", 'hidden="">').replace(" open>", ' open="">')


def test_a_document_keeps_its_head_and_loses_what_its_body_must_not_have():
    document = (
        "<!doctype html><html><head><style>p{color:red}</style></head>"
        "<body><p>题</p><script>alert(1)</script></body></html>"
    )
    assert sanitize.clean_document(document) == (
        "<!doctype html><html><head><style>p{color:red}</style></head><body><p>题</p></body></html>"
    )


@pytest.mark.slow  # a full MkDocs build
def test_every_built_page_is_sanitized_even_when_the_check_and_renderer_fail(
    mini_project, tmp_path, monkeypatch
):
    """Both lines before the sanitizer broken on purpose: it still stands."""
    monkeypatch.setattr(model, "markdown_problem", lambda text: None)
    monkeypatch.setattr(model, "inline_problem", lambda text: None)
    monkeypatch.setattr(markdown, "render", lambda text: text)
    monkeypatch.setattr(markdown, "render_inline", lambda text: text)
    unit = mini_project / "curriculum/units/alpha.yml"
    unit.write_text(
        unit.read_text(encoding="utf-8").replace(
            "正文，**加粗**。", "正文<img src=x onerror=alert(1)><script>alert(2)</script>"
        ),
        encoding="utf-8",
    )
    bank = mini_project / "quizzes/alpha.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace("a: 错的甲", "a: '<svg onload=alert(3)>甲'"),
        encoding="utf-8",
    )
    site = build_site(mini_project, site_dir=tmp_path / "site")
    html = (site / "units/alpha/index.html").read_text(encoding="utf-8")
    page = html[
        html.index("<article") : html.index("</article>")
    ]  # the theme's own icons are <svg>
    assert "正文" in page and "甲" in page and "onerror" not in page and "alert(2)" not in page
    assert "onload" not in page and "<svg" not in page


def test_exam_papers_are_sanitized_even_when_the_renderer_fails(mini_project, monkeypatch):
    from generator.course.load import load_curriculum
    from generator.tools.exam import build_exam, render_exam

    monkeypatch.setattr(model, "markdown_problem", lambda text: None)
    monkeypatch.setattr(markdown, "render", lambda text: text)
    bank = mini_project / "quizzes/alpha.yml"
    bank.write_text(
        bank.read_text(encoding="utf-8").replace(
            "stem: 选出正确的一项。",
            "stem: '题<img src=x onerror=alert(1)><script>alert(2)</script>'",
        ),
        encoding="utf-8",
    )
    papers = render_exam(build_exam(load_curriculum(mini_project), ["alpha"], count=4, seed=1))
    for html in papers.values():
        body = html[html.index("<body") :]
        assert "题" in body and "onerror" not in body and "<script" not in body
