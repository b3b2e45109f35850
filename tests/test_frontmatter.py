import yaml

from extractor.markdown.frontmatter import front_matter, render_document, wall_summary
from extractor.records import Extraction, Metadata, Wall


def _result(**kw: object) -> Extraction:
    base: dict[str, object] = {
        "url": "https://example.com/a",
        "final_url": "https://example.com/a",
        "status": 200,
        "metadata": Metadata(title='A "quoted": title', byline="Jo Doe", lang="en"),
        "walls": (),
        "article_html": "<p>Body</p>",
        "markdown": "Body text.\n",
    }
    base.update(kw)
    return Extraction(**base)  # type: ignore[arg-type]


def test_document_front_matter_parses_as_yaml_and_keeps_values() -> None:
    doc = render_document(_result(), captured_at="2026-01-02T03:04:05Z")
    head, body = doc.split("---\n", 2)[1:]
    props = yaml.safe_load(head)
    assert props["title"] == 'A "quoted": title'
    assert props["author"] == "Jo Doe"
    assert props["captured"] == "2026-01-02T03:04:05Z"
    assert body == "\nBody text.\n"


def test_empty_values_are_left_out() -> None:
    props = front_matter(_result())
    assert "published" not in props and "walls" not in props and "captured" not in props


def test_walls_are_summarised_one_line_each() -> None:
    walls = (
        Wall(kind="javascript", phase="static", text="Please enable JavaScript."),
        Wall(
            kind="bot-check",
            phase="rendered",
            text="Just a moment...",
            vendor="Cloudflare",
            first_seen_ms=40,
            cleared_ms=None,
        ),
        Wall(
            kind="consent",
            phase="rendered",
            text="We value your privacy",
            first_seen_ms=10,
            cleared_ms=900,
        ),
    )
    props = front_matter(_result(walls=walls, completeness="none"))
    assert props["walls"] == [
        "javascript, static: Please enable JavaScript.",
        "bot-check, rendered (Cloudflare), seen at 40 ms, stayed: Just a moment...",
        "consent, rendered, seen at 10 ms, cleared at 900 ms: We value your privacy",
    ]
    assert props["completeness"] == "none"


def test_long_wall_text_is_cut_in_the_summary_only() -> None:
    wall = Wall(kind="paywall", phase="static", text="word " * 100)
    line = wall_summary(wall)
    assert line.endswith("…") and len(line) < 160
