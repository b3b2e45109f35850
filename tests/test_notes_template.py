"""Clipper template text rendered against an extraction: variables, lookups, ``??``, problems."""

from __future__ import annotations

import json
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime

import pytest

from extractor.notes import render, template_problems
from extractor.pipeline import extract_html

PAGE = """<!doctype html><html lang="de-AT"><head>
<title>Ignored</title>
<meta name="description" content="A short summary.">
<meta property="og:title" content="Tide Tables, Explained">
<meta property="og:image" content="https://cdn.example/cover.jpg">
<meta name="author" content="Ana Ruiz">
<link rel="icon" href="/favicon.png">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
 "headline":"Tide Tables, Explained","datePublished":"2024-06-12T14:05:31+00:00",
 "author":[{"@type":"Person","name":"Ana Ruiz"},{"@type":"Person","name":"Li Wei"}],
 "keywords":["tides","sea"],"publisher":{"@type":"Organization","name":"Coast Weekly"}}</script>
</head><body><header><nav>Home | About</nav></header>
<article><h1>Tide Tables, Explained</h1>
<p class="lede">Twice a day the sea comes in and goes out again, and tables say when.</p>
<p>Harbour masters have printed tide tables for centuries; today they come from models that
combine the pull of the moon and the sun with the shape of each coast.</p>
<p>Reading one takes a minute: find the date, then the times of high and low water.</p>
<ul class="tags"><li>tides</li><li>harbours</li></ul>
</article></body></html>"""

NOW = datetime(2025, 3, 4, 5, 6, 7, tzinfo=UTC)


@pytest.fixture
def utc() -> Iterator[None]:
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        os.environ.pop("TZ", None)
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture(scope="module")
def result():  # type: ignore[no-untyped-def]
    return extract_html(PAGE, url="https://www.coast.example/news/tides?ref=feed")


def run(template: str, result) -> str:  # type: ignore[no-untyped-def]
    return render(template, result, html=PAGE, now=NOW)


def test_presets(result, utc) -> None:  # type: ignore[no-untyped-def]
    assert run("{{title}}", result) == "Tide Tables, Explained"
    assert run("{{domain}}", result) == "coast.example"
    assert run("{{url}}", result) == "https://www.coast.example/news/tides?ref=feed"
    assert run("{{author}}|{{site}}|{{language}}", result) == "Ana Ruiz, Li Wei|Coast Weekly|de-AT"
    assert run('{{published|date:"YYYY-MM-DD"}}', result) == "2024-06-12"
    assert run("{{image}}", result) == "https://cdn.example/cover.jpg"
    assert run("{{favicon}}", result) == "https://www.coast.example/favicon.png"
    assert run("{{date}}", result) == "2025-03-04T05:06:07+00:00"
    assert run('{{time|date:"HH:mm"}}', result) == "05:06"
    assert "Twice a day the sea" in run("{{content}}", result)
    assert run("{{contentHtml}}", result).startswith("<")
    assert "<nav>" in run("{{fullHtml}}", result)
    words = int(run("{{words}}", result))
    assert 40 < words < 80


def test_date_is_local_time(result) -> None:  # type: ignore[no-untyped-def]
    old = os.environ.get("TZ")
    os.environ["TZ"] = "Asia/Tokyo"
    time.tzset()
    try:
        assert run("{{date}}", result) == "2025-03-04T14:06:07+09:00"
    finally:
        if old is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = old
        time.tzset()


def test_meta_selector_and_schema_lookups(result) -> None:  # type: ignore[no-untyped-def]
    assert run("{{meta:name:description}}", result) == "A short summary."
    assert run("{{meta:property:og:title}}", result) == "Tide Tables, Explained"
    assert run("{{selector:h1}}", result) == "Tide Tables, Explained"
    assert run("{{selector:link[rel=icon]?href}}", result) == "/favicon.png"
    assert json.loads(run("{{selector:ul.tags li}}", result)) == ["tides", "harbours"]
    assert run('{{selector:ul.tags li|join:", "}}', result) == "tides, harbours"
    assert run("{{selectorHtml:p.lede}}", result).startswith('<p class="lede">Twice')
    assert run("{{selector:.nothing-here}}", result) == ""
    assert run("{{schema:@NewsArticle:headline}}", result) == "Tide Tables, Explained"
    assert run("{{schema:author.name}}", result) == "Ana Ruiz"
    assert run("{{schema:author[1].name}}", result) == "Li Wei"
    assert json.loads(run("{{schema:author[*].name}}", result)) == ["Ana Ruiz", "Li Wei"]
    assert run("{{schema:keywords}}", result) == "tides"
    assert run("{{schema:publisher.name}}", result) == "Coast Weekly"
    assert run("{{schema:@Recipe:name}}", result) == ""


@pytest.mark.parametrize("selector", ["div >", "a:nth-child(x)", "p::before"])
def test_a_selector_written_wrong_matches_nothing(result, selector: str) -> None:  # type: ignore[no-untyped-def]
    assert run(f"{{{{selector:{selector}}}}}", result) == ""
    assert run(f'{{{{selectorHtml:h1|remove_html:("{selector}")}}}}', result).startswith("<h1")


def test_fallbacks_and_filter_binding(result) -> None:  # type: ignore[no-untyped-def]
    assert run('{{nothing ?? "Untitled"}}', result) == "Untitled"
    assert run("{{nothing ?? selector:.none ?? title}}", result) == "Tide Tables, Explained"
    assert run('{{title|upper ?? "UNTITLED"}}', result) == "TIDE TABLES, EXPLAINED"
    assert run('{{nothing ?? "Untitled"|lower}}', result) == "untitled"
    assert run('{{schema:author[*].name|wikilink|join:", "}}', result) == "[[Ana Ruiz]], [[Li Wei]]"


def test_text_around_expressions_and_quoted_braces(result) -> None:  # type: ignore[no-untyped-def]
    assert (
        run("# {{title}}\n\nby {{author}}", result)
        == "# Tide Tables, Explained\n\nby Ana Ruiz, Li Wei"
    )
    assert run('{{title|replace:",":"}}"}}', result) == "Tide Tables}} Explained"
    assert run("no variables {here}", result) == "no variables {here}"


def test_problems_are_named() -> None:
    problems = template_problems(
        '{{"summarize the page"}} {{title|frobnicate}} {% if x %}y{% endif %}'
    )
    assert any("Interpreter" in p for p in problems)
    assert "unknown filter 'frobnicate'" in problems
    assert any("{% ... %}" in p for p in problems)
    assert template_problems("{{title|lower}}") == []


def test_prompt_renders_empty(result) -> None:  # type: ignore[no-untyped-def]
    assert run('[{{"a summary in three bullet points"}}]', result) == "[]"


def test_selector_html_through_html_filters_to_markdown() -> None:
    html = (
        "<html><body><div id='content'><p>Tides are <b>long</b> waves.</p>"
        "<div class='navbox'>Navigation box</div><p class='printfooter'>Retrieved from x</p>"
        "<ul><li>Neap</li><li>Spring</li></ul></div></body></html>"
    )
    result = extract_html(html, url="https://en.wiki.example/wiki/Tide")
    template = '{{selectorHtml:#content|remove_html:(".navbox,.printfooter")|markdown}}'
    out = render(template, result, html=html, now=NOW)
    assert out == "Tides are **long** waves.\n\n- Neap\n- Spring"
