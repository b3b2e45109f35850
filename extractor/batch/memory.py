"""How much memory the batch may use, and how much its process tree uses now (Linux /proc).

The limit is the container's, not the host's: cgroup v2 ``memory.max``, else cgroup v1
``memory.limit_in_bytes``, else the machine's ``MemTotal``. The browser is recycled when the
whole process tree (Python and every Chromium process under it) passes a share of that limit.
Elsewhere than Linux nothing is known, and only the page-count recycling applies.
"""

from __future__ import annotations

import os
from pathlib import Path

# cgroup v1 reports "no limit" as a huge number; anything above this is taken as none.
UNLIMITED = 1 << 60
# The share of the limit at which the browser is recycled.
RECYCLE_SHARE = 0.5


def _read_int(path: Path) -> int | None:
    try:
        text = path.read_text().strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


def cgroup_limit_bytes(
    root: Path = Path("/sys/fs/cgroup"), proc: Path = Path("/proc")
) -> int | None:
    """This process's cgroup memory limit (v2 or v1), or None when it has none."""
    for path in _limit_files(root, proc):
        value = _read_int(path)
        if value is not None and 0 < value < UNLIMITED:
            return value
    return None


def _limit_files(root: Path, proc: Path) -> list[Path]:
    """Where this process's memory limit may be written, most specific first."""
    files = []
    try:
        lines = (proc / "self" / "cgroup").read_text().splitlines()
    except OSError:
        lines = []
    for line in lines:
        number, controllers, path = [*line.split(":", 2), "", ""][:3]
        rel = path.strip().lstrip("/")
        if number == "0" and not controllers:  # cgroup v2
            files.append(root / rel / "memory.max")
        elif "memory" in controllers.split(","):  # cgroup v1
            files.append(root / "memory" / rel / "memory.limit_in_bytes")
    return [*files, root / "memory.max", root / "memory" / "memory.limit_in_bytes"]


def host_memory_bytes(proc: Path = Path("/proc")) -> int | None:
    try:
        for line in (proc / "meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


def memory_limit_bytes(
    proc: Path = Path("/proc"), root: Path = Path("/sys/fs/cgroup")
) -> int | None:
    """The memory this batch can count on: the cgroup's limit, else the machine's."""
    limits = [v for v in (cgroup_limit_bytes(root, proc), host_memory_bytes(proc)) if v]
    return min(limits) if limits else None


def children_of(proc: Path = Path("/proc")) -> dict[int, list[int]]:
    """Parent pid -> child pids, from /proc/*/stat."""
    tree: dict[int, list[int]] = {}
    for entry in proc.iterdir() if proc.is_dir() else ():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # the command name may hold spaces and parentheses: fields start after the last ")"
        fields = stat[stat.rfind(")") + 2 :].split()
        if len(fields) > 1 and fields[1].isdigit():
            tree.setdefault(int(fields[1]), []).append(int(entry.name))
    return tree


def tree_pids(root_pid: int, proc: Path = Path("/proc")) -> list[int]:
    """``root_pid`` and all its descendants."""
    tree = children_of(proc)
    out, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(tree.get(pid, ()))
    return out


def rss_bytes(pid: int, proc: Path = Path("/proc")) -> int:
    """Resident memory of one process (0 when it is gone)."""
    try:
        for line in (proc / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return 0
    return 0


def tree_rss_bytes(root_pid: int | None = None, proc: Path = Path("/proc")) -> int:
    """Resident memory of a process and all its descendants (this process by default)."""
    return sum(rss_bytes(pid, proc) for pid in tree_pids(root_pid or os.getpid(), proc))


__all__ = [
    "RECYCLE_SHARE",
    "cgroup_limit_bytes",
    "host_memory_bytes",
    "memory_limit_bytes",
    "tree_pids",
    "tree_rss_bytes",
]
