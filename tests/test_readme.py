"""README.md embeds `extractor --help`; this keeps it current.

Update it with: .venv/bin/python -m tests.test_readme
"""

import os
import re
from pathlib import Path

README = Path(__file__).parent.parent / "README.md"
BLOCK = re.compile(r"(<!-- help:start -->\n)(.*?)(<!-- help:end -->)", re.DOTALL)


def current_help() -> str:
    from extractor.cli.main import build_parser

    old = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = "100"
    try:
        text = build_parser().format_help()
    finally:
        if old is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = old
    return f"```text\n{text.rstrip()}\n```\n"


def test_readme_embeds_current_help() -> None:
    match = BLOCK.search(README.read_text(encoding="utf-8"))
    assert match, "README.md lost its help markers"
    assert match.group(2) == current_help(), "run: .venv/bin/python -m tests.test_readme"


def test_readme_quick_start_is_two_commands_and_ci_runs_the_test_command() -> None:
    text = README.read_text(encoding="utf-8")
    quick = text.split("## Quick start", 1)[1].split("\n#", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick, re.DOTALL)
    assert len(commands) == 2
    test_command = commands[1].strip()
    ci = (README.parent / ".ci" / "run").read_text(encoding="utf-8")
    for part in test_command.split(" && "):
        assert part in ci


if __name__ == "__main__":
    text = README.read_text(encoding="utf-8")
    README.write_text(BLOCK.sub(lambda m: m.group(1) + current_help() + m.group(3), text), "utf-8")
