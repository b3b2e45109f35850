from extractor.batch.timing import breakdown, describe, mean_breakdown


def test_marks_become_phases() -> None:
    marks = {
        "commit": 40, "navigate": 100, "network_idle": 600, "quiet": 700, "scroll": 1500,
        "consent": 20, "capture": 80, "total": 1600, "extract": 55,
    }  # fmt: skip
    assert breakdown(marks) == {
        "navigation": 100, "settle": 600, "scroll": 800, "capture": 100, "extraction": 55,
    }  # fmt: skip


def test_a_wall_wait_counts_as_settling_and_no_scroll_as_none() -> None:
    marks = {"navigate": 100, "quiet": 300, "walls": 2_300, "capture": 10}
    parts = breakdown(marks)
    assert parts["settle"] == 2_200 and parts["scroll"] == 0


def test_describe_and_mean() -> None:
    assert describe({"navigate": 5}).startswith("navigation 5 ms, settle 0 ms")
    assert mean_breakdown([{"navigate": 10}, {"navigate": 30}])["navigation"] == 20
    assert mean_breakdown([])["settle"] == 0
