"""The command line without a browser: usage errors, formats, exit codes."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from extractor.batch.notes import render
from extractor.cli.main import build_parser, fail_kinds, main, options_from
from extractor.cli.pages import explain
from extractor.errors import UsageError
from extractor.pipeline import extract_html

ARTICLE = "<html lang=en><head><title>T</title></head><body><article><h1>T</h1><p>Body words here.</p></article></body></html>"


def run_cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "extractor.cli", *args],
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "give a URL or a local HTML file"),
        (["not a url"], "not a URL or an existing file"),
        (["--timeout", "0", "https://example.com"], "--timeout must be a positive"),
        (["--fail-on-wall", "dragons", "https://example.com"], "unknown kind 'dragons'"),
        (["-o", "x.md", "https://a.example", "https://b.example"], "-o takes one URL"),
        (["--format", "pdf", "https://example.com"], "invalid choice"),
        (["--no-such-flag"], "unrecognized arguments"),
        ([""], "an empty argument"),
        (["http://127.0.0.1:99999/"], "port must be a number from 1 to 65535"),
        (
            ["--skip", "junk-line", "https://example.com"],
            "unknown step 'junk-line' (steps: expanders, walls,",
        ),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(args: list[str], message: str) -> None:
    proc = run_cli(*args)
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("extractor: ") and message in lines[0]


def test_help_shows_examples() -> None:
    proc = run_cli("--help")
    assert proc.returncode == 0
    assert "examples:" in proc.stdout and "--fail-on-wall" in proc.stdout


def test_missing_urls_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--urls", str(tmp_path / "none.txt")]) == 2
    assert "cannot read" in capsys.readouterr().err


def test_a_list_without_urls_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    listed = tmp_path / "list.txt"
    listed.write_text("# nothing yet\n\n", encoding="utf-8")
    assert main(["--urls", str(listed)]) == 2
    assert (
        capsys.readouterr().err
        == f"extractor: no URLs in {listed} (one per line; # starts a comment)\n"
    )


def test_an_out_dir_that_is_a_file_is_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    taken = tmp_path / "notes"
    taken.write_text("mine", encoding="utf-8")
    assert main(["--out-dir", str(taken), "https://example.com/"]) == 2
    assert "exists and is not a folder" in capsys.readouterr().err
    assert taken.read_text(encoding="utf-8") == "mine"


def test_an_output_file_that_cannot_be_written_is_said_before_loading(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "a.html"
    page.write_text(ARTICLE, encoding="utf-8")
    assert main([str(page), "-o", str(tmp_path)]) == 2
    assert "is a folder; give a file name" in capsys.readouterr().err
    assert main([str(page), "-o", str(page / "x.md")]) == 2
    assert f"{page} is a file, not a folder" in capsys.readouterr().err
    taken = tmp_path / "taken.md"
    taken.write_text("mine", encoding="utf-8")
    assert main([str(page), "-o", str(taken)]) == 7
    assert "exists; pass --force" in capsys.readouterr().err
    assert taken.read_text(encoding="utf-8") == "mine"


def test_options_follow_flags() -> None:
    args = build_parser().parse_args(
        ["--timeout", "2.5", "--wait-for", "main p", "--no-scroll", "--consent", "reject", "u"]
    )
    opts = options_from(args)
    assert (opts.timeout_ms, opts.wait_for, opts.scroll, opts.consent) == (
        2500,
        "main p",
        False,
        "reject",
    )


def test_fail_on_wall_defaults_to_every_kind() -> None:
    args = build_parser().parse_args(["--fail-on-wall", "--", "u"])
    assert "bot-check" in fail_kinds(args) and "login" in fail_kinds(args)
    args = build_parser().parse_args(["--fail-on-wall", "paywall,login", "u"])
    assert fail_kinds(args) == {"paywall", "login"}
    with pytest.raises(UsageError):
        fail_kinds(build_parser().parse_args(["--fail-on-wall", "x", "u"]))


def test_json_format_carries_the_contract_keys() -> None:
    result = extract_html(ARTICLE, url="https://example.com/t")
    data = json.loads(render(result, "json", "2026-01-01T00:00:00Z"))
    for key in (
        "url", "final_url", "status", "title", "byline", "published", "site_name", "lang",
        "description", "image", "markdown", "walls", "wait",
    ):  # fmt: skip
        assert key in data
    assert data["wait"]["ended_by"] == "static"
    assert "Body words here." in data["markdown"] and not data["markdown"].startswith("---")


def test_markdown_format_has_front_matter() -> None:
    result = extract_html(ARTICLE, url="https://example.com/t")
    text = render(result, "markdown", "2026-01-01T00:00:00Z")
    assert text.startswith("---\ntitle: T\n") and "captured: '2026-01-01T00:00:00Z'" in text


def test_explain_lists_steps_or_says_nothing_was_removed() -> None:
    result = extract_html(ARTICLE, url="https://example.com/t")
    assert explain(result).startswith("explain https://example.com/t:")


def test_an_unexpected_error_is_one_line_and_debug_shows_its_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(args: object) -> None:
        raise RuntimeError("the options went missing\nsecond line")

    monkeypatch.setattr(sys.modules["extractor.cli.main"], "options_from", broken)
    assert main(["https://example.com/a"]) == 1
    err = capsys.readouterr().err
    assert err.splitlines() == [
        "extractor: unexpected error: RuntimeError: the options went missing "
        "(--debug shows the traceback)"
    ]
    assert main(["--debug", "https://example.com/a"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("Traceback (most recent call last):") and "def broken" not in err
    assert 'raise RuntimeError("the options went missing' in err
    assert (
        err.splitlines()[-1]
        == "extractor: unexpected error: RuntimeError: the options went missing"
    )


def test_skip_lists_the_valid_steps_when_one_is_unknown() -> None:
    with pytest.raises(UsageError, match=r"unknown step 'title' .*title-duplicate"):
        options_from(build_parser().parse_args(["--skip", "chrome,title", "u"]))


def test_skip_names_steps_to_switch_off() -> None:
    args = build_parser().parse_args(["--skip", "junk-lines, captions", "u"])
    assert options_from(args).skip_steps == ("junk-lines", "captions")


def test_a_wall_that_stayed_is_said_in_one_line_with_what_it_said_if_anything() -> None:
    from extractor.cli.pages import stayed_message
    from extractor.records import Wall

    said = Wall(kind="paywall", phase="rendered", text="Subscribe  to keep reading")
    assert stayed_message(said) == "paywall wall stayed: Subscribe to keep reading"
    # a consent dialog drawn in a frame of another origin: nothing readable, no dangling colon
    silent = Wall(kind="consent", phase="rendered", text="")
    assert stayed_message(silent) == "consent wall stayed"
