import io

from extractor.batch.progress import Progress, Tally
from extractor.batch.runner import PageResult
from extractor.errors import NavigationError
from extractor.pipeline import extract_html

STORY = (
    "<html><body><article><h1>T</h1><p>"
    + "Words of a story. " * 30
    + "</p></article></body></html>"
)


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def results() -> list[PageResult]:
    ok = extract_html(STORY, url="https://a.example/1")
    return [
        PageResult(0, "https://a.example/1", ok),
        PageResult(1, "https://a.example/2", error=NavigationError("refused")),
    ]


def test_summary_line() -> None:
    tally = Tally(ok=8, walled=1, failed=1, started=100.0)
    assert tally.summary(now=104.0) == "10 pages: 8 ok, 1 walled, 1 failed in 4.0 s, 2.50 pages/s"
    tally.skipped = 3
    assert tally.summary(now=104.0).endswith("(3 done before, skipped)")


def test_plain_lines_when_not_a_terminal() -> None:
    out = io.StringIO()
    progress = Progress(out, total=2)
    for r in results():
        progress.page(r, f"line {r.index}")
    progress.close()
    lines = out.getvalue().splitlines()
    assert lines[:2] == ["line 0", "line 1"]
    assert lines[2].startswith("2 pages: 1 ok, 0 walled, 1 failed in")


def test_quiet_shows_only_failures_and_a_single_page_no_summary() -> None:
    out = io.StringIO()
    progress = Progress(out, quiet=True)
    for r in results():
        progress.page(r, f"line {r.index}")
    progress.close()
    assert out.getvalue().splitlines() == ["line 1"]
    single = io.StringIO()
    one = Progress(single, batch=False)
    one.page(results()[0], "line 0")
    one.close()
    assert single.getvalue() == ""


def test_a_bar_on_a_terminal() -> None:
    out = Terminal()
    progress = Progress(out, total=2)
    for r in results():
        progress.page(r, f"failed page {r.index}")
    progress.close()
    text = out.getvalue()
    assert "failed page 1" in text and "failed page 0" not in text  # only failures as lines
    assert "2 pages: 1 ok" in text.rstrip().splitlines()[-1]
