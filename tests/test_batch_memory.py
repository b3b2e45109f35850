import os
from pathlib import Path

import pytest

from extractor.batch import memory


def fake_proc(tmp_path: Path, cgroup: str) -> Path:
    proc = tmp_path / "proc"
    (proc / "self").mkdir(parents=True)
    (proc / "self" / "cgroup").write_text(cgroup)
    (proc / "meminfo").write_text("MemTotal:       8000000 kB\nMemFree: 1 kB\n")
    return proc


def test_cgroup_v2_limit_of_this_process_beats_the_host(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "0::/jobs/one\n")
    root = tmp_path / "cg"
    (root / "jobs" / "one").mkdir(parents=True)
    (root / "jobs" / "one" / "memory.max").write_text("1073741824\n")
    assert memory.memory_limit_bytes(proc, root) == 1 << 30


def test_cgroup_v1_limit(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "4:memory:/box/7\n0::/\n")
    root = tmp_path / "cg"
    (root / "memory" / "box" / "7").mkdir(parents=True)
    (root / "memory" / "box" / "7" / "memory.limit_in_bytes").write_text("2147483648\n")
    assert memory.cgroup_limit_bytes(root, proc) == 2 << 30


def test_no_limit_means_the_host_memory(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "0::/\n")
    root = tmp_path / "cg"
    root.mkdir()
    (root / "memory.max").write_text("max\n")
    assert memory.cgroup_limit_bytes(root, proc) is None
    assert memory.memory_limit_bytes(proc, root) == 8000000 * 1024


def test_v1_unlimited_sentinel_is_no_limit(tmp_path: Path) -> None:
    proc = fake_proc(tmp_path, "4:memory:/\n")
    root = tmp_path / "cg"
    (root / "memory").mkdir(parents=True)
    (root / "memory" / "memory.limit_in_bytes").write_text("9223372036854771712\n")
    assert memory.cgroup_limit_bytes(root, proc) is None


def test_tree_includes_children(tmp_path: Path) -> None:
    proc = tmp_path / "proc"
    for pid, ppid, rss in ((10, 1, 100), (11, 10, 50), (12, 11, 25), (20, 1, 999)):
        (proc / str(pid)).mkdir(parents=True)
        (proc / str(pid) / "stat").write_text(f"{pid} (a (b) c) S {ppid} 0 0\n")
        (proc / str(pid) / "status").write_text(f"Name: x\nVmRSS:\t{rss} kB\n")
    assert sorted(memory.tree_pids(10, proc)) == [10, 11, 12]
    assert memory.tree_rss_bytes(10, proc) == 175 * 1024


def test_this_process_has_resident_memory() -> None:
    if not Path("/proc/self/status").exists():
        pytest.skip("no /proc on this system")
    assert memory.tree_rss_bytes(os.getpid()) > 1 << 20
