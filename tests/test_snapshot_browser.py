"""Record a served fixture page with a real browser, then check it offline and live."""

from __future__ import annotations

from pathlib import Path

import pytest

from extractor.cli.snapshot import main
from tests import record_fixtures


@pytest.mark.browser
def test_record_as_origin_then_check_offline_and_live(
    pages_url: str,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("CI", raising=False)
    name = "login-form-then-story"
    argv = ["--dir", str(tmp_path), "--timeout", "20"]
    as_origin = ["--as-origin", "http://pages.test", "--no-network"]
    assert main(["record", f"{pages_url}{name}/", "--name", name, *as_origin, *argv]) == 0
    assert capsys.readouterr().out == f"{name}: new\n"
    case = tmp_path / name
    assert sorted(p.name for p in case.iterdir()) == [
        "dom.html",
        "expected.json",
        "expected.md",
        "page.json",
        "server.html",
    ]
    port = pages_url.rsplit(":", 1)[1].strip("/")
    for path in case.iterdir():
        assert f":{port}" not in path.read_text(), path.name
    assert "source: http://pages.test/login-form-then-story/" in (case / "expected.md").read_text()
    assert 'id="login"' in (case / "server.html").read_text()

    assert main(["check", *argv]) == 0
    assert capsys.readouterr().out == "1 passed, 0 failed\n"

    # live: the fixture script maps pages.test back to the server it starts itself
    assert record_fixtures.main(["--check", "--dir", str(tmp_path), name]) == 0
    assert capsys.readouterr().out == "1 passed, 0 failed\n"
