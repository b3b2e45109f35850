import extractor


def test_package_exports_are_exact_and_resolve() -> None:
    assert set(extractor.__all__) == {
        "Extraction", "ExtractorError", "Metadata", "NavigationError", "NoBrowserError",
        "NotHtmlError", "Options", "OutputError", "PageTimeoutError", "RenderedPage",
        "SnapshotMismatch", "Step", "UsageError", "Wait", "Wall", "WallError", "__version__",
        "capture", "capture_async", "extract", "extract_async", "extract_html", "extract_many",
        "extract_many_async", "extract_page", "open_session",
    }  # fmt: skip
    for name in extractor.__all__:
        assert getattr(extractor, name) is not None, name


def test_pure_api_does_not_load_the_browser_driver() -> None:
    import subprocess
    import sys

    code = "import sys, extractor; extractor.extract_html('<p>x</p>'); print('playwright' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
