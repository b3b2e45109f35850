"""The benchmark harness is run explicitly (python -m tests.bench.run), never collected."""

collect_ignore_glob = ["*"]
