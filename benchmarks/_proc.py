"""Run one measurement in a fresh process and watch its memory; describe the machine.

Every figure of the benchmark comes from a child process started here. The child (``_measure.py``)
reports its own wall time, CPU time and ``ru_maxrss`` (self and reaped children); the parent adds
what the child cannot see of itself: the peak of the *sum* of the resident memory of the child and
all its descendants, sampled from /proc every ``interval`` seconds (RSS counts pages shared between
a forked worker and its parent once per process; PSS shares them out, so the PSS sum is the
machine's real cost).
"""

from __future__ import annotations

import json
import os
import platform
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
RESULT_PREFIX = "BENCH "


def loadavg() -> list[float]:
    try:
        return [float(x) for x in Path("/proc/loadavg").read_text().split()[:3]]
    except OSError:
        return [float(x) for x in os.getloadavg()]


def _meminfo() -> dict[str, int]:
    info: dict[str, int] = {}
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            key, _, rest = line.partition(":")
            parts = rest.split()
            if parts:
                info[key] = int(parts[0])  # kB
    except OSError:
        pass
    return info


def _cpu_model() -> str:
    name = platform.processor()
    if name and name not in ("x86_64", "aarch64", "arm64", "i386"):
        return name
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.lower().startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return name or platform.machine()


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def machine_info() -> dict[str, Any]:
    mem = _meminfo()
    try:
        usable = len(os.sched_getaffinity(0))
    except AttributeError:
        usable = os.cpu_count()
    return {
        "nproc": usable,
        "cpu_count": os.cpu_count(),
        "processor": _cpu_model(),
        "platform_processor": platform.processor(),
        "machine": platform.machine(),
        "system": f"{platform.system()} {platform.release()}",
        "ram_total_mb": round(mem.get("MemTotal", 0) / 1024),
        "ram_available_mb": round(mem.get("MemAvailable", 0) / 1024),
        "python": platform.python_version(),
        "python_executable": sys.executable,
        "load_average": loadavg(),
        "versions": {
            name: _version(name)
            for name in ("ukmreport", "python-calamine", "openpyxl", "weasyprint", "pydantic", "pypdf")
        },
    }


def cpu_busy_s() -> tuple[float, float]:
    """(busy, steal) CPU seconds of the whole machine since boot, from /proc/stat."""
    try:
        with open("/proc/stat", "rb") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return 0.0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    user, nice, system, _idle, _iowait, irq, softirq = fields[:7]
    steal = fields[7] if len(fields) > 7 else 0
    return (user + nice + system + irq + softirq) / tick, steal / tick


def others_cores(seconds: float = 1.0) -> float:
    """CPU cores busy over the next `seconds` (call it while idle: it is then the others' use)."""
    busy0, _ = cpu_busy_s()
    t0 = time.perf_counter()
    time.sleep(seconds)
    busy1, _ = cpu_busy_s()
    return (busy1 - busy0) / (time.perf_counter() - t0)


def wait_for_quiet(limit_s: float, threshold_cores: float = 0.5) -> tuple[float, float]:
    """Wait up to limit_s for other processes to use less than threshold_cores; return (waited, last use)."""
    started = time.perf_counter()
    use = others_cores(1.0)
    while use >= threshold_cores and time.perf_counter() - started < limit_s:
        time.sleep(4.0)
        use = others_cores(1.0)
    return time.perf_counter() - started, use


# --- process tree memory ---------------------------------------------------------------------


def _children_map() -> dict[int, list[int]]:
    """ppid -> pids, from /proc (no /proc/PID/task/*/children on every kernel)."""
    kids: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat", "rb") as f:
                stat = f.read()
        except OSError:
            continue
        fields = stat[stat.rfind(b")") + 2 :].split()
        kids.setdefault(int(fields[1]), []).append(int(entry.name))
    return kids


def _tree(root: int) -> list[int]:
    kids = _children_map()
    out, todo = [], [root]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(kids.get(pid, ()))
    return out


def _rss_pss_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) of one process in kB; PSS falls back to RSS where smaps_rollup is unreadable."""
    try:
        with open(f"/proc/{pid}/smaps_rollup", "rb") as f:
            rss = pss = None
            for line in f:
                if line.startswith(b"Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith(b"Pss:"):
                    pss = int(line.split()[1])
            if rss is not None:
                return rss, pss if pss is not None else rss
    except OSError:
        pass
    try:
        with open(f"/proc/{pid}/statm", "rb") as f:
            rss = int(f.read().split()[1]) * PAGE_KB
            return rss, rss
    except OSError:
        return 0, 0


@dataclass
class TreeWatcher:
    """Samples the summed RSS/PSS of a process and its descendants until stopped."""

    pid: int
    interval: float = 0.1
    peak_rss_kb: int = 0
    peak_pss_kb: int = 0
    peak_processes: int = 0
    peak_one_rss_kb: int = 0
    samples: int = 0
    _stop: threading.Event = field(default_factory=threading.Event)
    _thread: threading.Thread | None = None

    def start(self) -> TreeWatcher:
        if Path("/proc").is_dir():
            self._thread = threading.Thread(target=self._run, daemon=True)
            self._thread.start()
        return self

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                pids = _tree(self.pid)
                rss = pss = 0
                for pid in pids:
                    r, p = _rss_pss_kb(pid)
                    rss, pss = rss + r, pss + p
                    self.peak_one_rss_kb = max(self.peak_one_rss_kb, r)
                self.peak_rss_kb = max(self.peak_rss_kb, rss)
                self.peak_pss_kb = max(self.peak_pss_kb, pss)
                self.peak_processes = max(self.peak_processes, len(pids))
                self.samples += 1
            except Exception:  # a process vanishing mid-scan: next sample
                pass
            self._stop.wait(self.interval)

    def stop(self) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join()


class MeasureError(RuntimeError):
    pass


def run_measured(
    args: list[str],
    *,
    env: dict[str, str] | None = None,
    cwd: Path | None = None,
    timeout: float | None = None,
    ok_codes: tuple[int, ...] = (0,),
) -> dict[str, Any]:
    """Run a child that prints one `BENCH {json}` line; return that JSON plus the parent's figures."""
    load = loadavg()[0]
    busy0, steal0 = cpu_busy_s()
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, cwd=cwd, text=True)
    watcher = TreeWatcher(proc.pid).start()
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        out, err = proc.communicate()
        watcher.stop()
        raise MeasureError(f"{' '.join(args[-3:])}: timed out after {timeout} s") from None
    wall = time.perf_counter() - started
    busy1, steal1 = cpu_busy_s()
    watcher.stop()
    lines = [line for line in out.splitlines() if line.startswith(RESULT_PREFIX)]
    if proc.returncode not in ok_codes or not lines:
        tail = "\n".join(err.strip().splitlines()[-15:])
        raise MeasureError(f"{' '.join(args[1:])}: exit {proc.returncode}\n{tail}")
    result = json.loads(lines[-1][len(RESULT_PREFIX) :])
    result.update(
        process_wall_s=wall,
        tree_peak_rss_mb=watcher.peak_rss_kb / 1024,
        tree_peak_pss_mb=watcher.peak_pss_kb / 1024,
        tree_peak_processes=watcher.peak_processes,
        tree_max_process_rss_mb=watcher.peak_one_rss_kb / 1024,
        tree_samples=watcher.samples,
        load1_at_start=load,
        returncode=proc.returncode,
        # Cores the rest of the machine kept busy meanwhile (machine busy minus this tree's CPU):
        # on a shared machine the figure that says how much a wall time can be trusted.
        others_cores=max(0.0, (busy1 - busy0 - result.get("cpu_s", 0.0)) / wall) if wall > 0 else 0.0,
        steal_cores=(steal1 - steal0) / wall if wall > 0 else 0.0,
    )
    return result


def time_command(args: list[str], *, env: dict[str, str] | None = None, cwd: Path | None = None) -> float:
    """Wall seconds of one run of a command (output discarded); raises if it fails."""
    started = time.perf_counter()
    subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env, cwd=cwd, check=True)
    return time.perf_counter() - started
