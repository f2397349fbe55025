#!/usr/bin/env python3
"""ukmreport benchmarks: reading, checking, long PDFs, the full build and start-up, in one run.

    .venv/bin/python benchmarks/run.py [--sizes 5000,100000] [--with-million] [--repeat 3]
                                       [--out benchmarks/results/latest.json] [--quick]

Generates its own workbooks with the demo generator into benchmarks/data/ (reused while the size,
seed and generator are unchanged), runs every measurement in a fresh process (benchmarks/_measure.py),
prints one table with each figure, its target and PASS/MISS, and writes every number as JSON.
See benchmarks/README.md for what each figure means.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
if str(HERE) not in sys.path:
    sys.path.insert(0, str(HERE))
if str(ROOT) not in sys.path:
    sys.path.insert(1, str(ROOT))

import _data  # noqa: E402
import _proc  # noqa: E402

MEASURE = HERE / "_measure.py"
MILLION = 1_000_000
PDF_REPORTS = ("usulan", "seleksi")
TIMEOUT_S = 3600
MB = "MB"


# --- running ------------------------------------------------------------------------------------


class Bench:
    def __init__(self, args: argparse.Namespace, work: Path) -> None:
        self.args = args
        self.work = work
        self.env = _child_env()
        self.log_lines = 0

    def log(self, text: str) -> None:
        if not self.args.quiet_progress:
            print(f"  · {text}", file=sys.stderr, flush=True)

    def measure(self, task: str, *task_args: str, ok_codes: tuple[int, ...] = (0,)) -> dict[str, Any]:
        waited = quiet = None
        if self.args.wait_idle > 0:
            waited, quiet = _proc.wait_for_quiet(self.args.wait_idle)
        result = _proc.run_measured(
            [sys.executable, str(MEASURE), task, *task_args],
            env=self.env,
            cwd=self.work,
            timeout=TIMEOUT_S,
            ok_codes=ok_codes,
        )
        if waited is not None:
            result.update(waited_for_quiet_s=waited, others_cores_before=quiet)
        return result

    def repeated(
        self, label: str, runs: int, task: str, *task_args: str, key: str = "seconds", ok_codes: tuple[int, ...] = (0,)
    ) -> dict[str, Any]:
        results = []
        for i in range(runs):
            r = self.measure(task, *task_args, ok_codes=ok_codes)
            self.log(
                f"{label} run {i + 1}/{runs}: {r[key]:.2f} s, peak {r['peak_mb']:.0f} MB, "
                f"others {r['others_cores']:.1f} cores"
            )
            results.append(r)
        return summarize(results, key)


def _child_env() -> dict[str, str]:
    env = dict(os.environ)
    env["SOURCE_DATE_EPOCH"] = _data.SOURCE_DATE_EPOCH
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), *filter(None, [env.get("PYTHONPATH")])])
    # Installed packages come with bytecode; let the children write and use it like a real install.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env.pop("UKMREPORT_CONFIG", None)
    return env


def summarize(runs: list[dict[str, Any]], key: str = "seconds") -> dict[str, Any]:
    """Best run by `key` for times; the largest peak over all runs for memory (memory is not luck)."""
    best = min(runs, key=lambda r: r[key])
    out = dict(best)
    out["runs"] = [{k: r.get(k) for k in ("seconds", "work_s", "cpu_s", "peak_mb", "others_cores")} for r in runs]
    out["repeat"] = len(runs)
    out["cpu_s"] = min(r["cpu_s"] for r in runs)
    for k in (
        "peak_mb",
        "maxrss_self_mb",
        "maxrss_children_mb",
        "tree_peak_rss_mb",
        "tree_peak_pss_mb",
        "tree_max_process_rss_mb",
    ):
        out[k] = max(r.get(k, 0.0) for r in runs)
    return out


# --- sections -----------------------------------------------------------------------------------


def bench_reads(b: Bench, sizes: list[int]) -> dict[str, Any]:
    results: dict[str, Any] = {}
    for n in sizes:
        path, made = _data.business_workbook(b.args.data_dir, n, b.args.seed)
        if made is not None:
            b.log(f"generated {path.name} in {made:.1f} s")
        runs = b.args.million_repeat if n >= MILLION else b.args.repeat
        entry: dict[str, Any] = {
            "rows": n,
            "file": str(path),
            "file_mb": path.stat().st_size / 1e6,
            "generated_s": made,
            "repeat": runs,
        }
        checked = b.work / f"check_{n}.json"
        # Interleave the three readers so a change of load hits them alike.
        per_task: dict[str, list[dict[str, Any]]] = {"calamine": [], "openpyxl": [], "check": []}
        skip_openpyxl = b.args.openpyxl_max is not None and n > b.args.openpyxl_max
        for i in range(runs):
            for task in per_task:
                if task == "openpyxl" and skip_openpyxl:
                    continue
                args = (str(path), str(checked)) if task == "check" else (str(path),)
                r = b.measure(task, *args, ok_codes=(0, 1) if task == "check" else (0,))
                b.log(
                    f"{n:,} rows {task} run {i + 1}/{runs}: {r['seconds']:.2f} s, cpu {r['cpu_s']:.2f} s, "
                    f"peak {r['peak_mb']:.0f} MB, others {r['others_cores']:.1f} cores"
                )
                per_task[task].append(r)
        for task, runs_of in per_task.items():
            if not runs_of:
                entry[task] = None
                continue
            s = summarize(runs_of)
            s["rows_per_s"] = n / s["seconds"]
            s["rows_per_cpu_s"] = n / s["cpu_s"] if s["cpu_s"] else None
            entry[task] = s
        cal, opx, chk = entry["calamine"], entry["openpyxl"], entry["check"]
        entry["check_over_calamine"] = chk["seconds"] / cal["seconds"]
        entry["check_over_calamine_cpu"] = chk["cpu_s"] / cal["cpu_s"]
        entry["check_over_calamine_work"] = chk["work_s"] / cal["work_s"]
        entry["openpyxl_over_calamine"] = opx["seconds"] / cal["seconds"] if opx else None
        entry["openpyxl_over_calamine_cpu"] = opx["cpu_s"] / cal["cpu_s"] if opx else None
        entry["check_ok"] = chk.get("checked_rows") == n and chk.get("exit_code") == 1
        results[str(n)] = entry
    return results


def bench_pdf(b: Bench, n_rows: int, names: tuple[str, ...]) -> dict[str, Any]:
    from ukmreport.reports import REPORTS

    _, made = _data.pdf_contexts(b.args.data_dir, n_rows, b.args.seed, names)
    if made is not None:
        b.log(f"built the {n_rows:,}-row report contexts in {made:.1f} s")
    results: dict[str, Any] = {"rows": n_rows, "workers": os.cpu_count()}
    for name in names:
        variant = REPORTS[name].pdf_variant or ""
        single_pdf, chunked_pdf = b.work / f"{name}_single.pdf", b.work / f"{name}_chunked.pdf"
        singles, chunks = [], []
        for i in range(b.args.repeat):
            for kind, dest, bucket in (("single", single_pdf, singles), ("chunked", chunked_pdf, chunks)):
                r = measure_pdf(b, kind, name, n_rows, names, dest, variant)
                b.log(
                    f"{name} {n_rows:,} rows {kind} run {i + 1}/{b.args.repeat}: {r['work_s']:.1f} s, "
                    f"{r['pages']} pages, peak {r['peak_mb']:.0f} MB (tree PSS {r['tree_peak_pss_mb']:.0f} MB), "
                    f"others {r['others_cores']:.1f} cores"
                )
                bucket.append(r)
        single, chunked = summarize(singles, "work_s"), summarize(chunks, "work_s")
        entry: dict[str, Any] = {
            "pdf_variant": variant or None,
            "single": single,
            "chunked": chunked,
            "speedup": single["work_s"] / chunked["work_s"],
            "speedup_cpu": single["cpu_s"] / chunked["cpu_s"],
            "memory_ratio": chunked["peak_mb"] / single["peak_mb"],
            "memory_ratio_tree_rss": chunked["tree_peak_rss_mb"] / single["tree_peak_rss_mb"],
            "memory_ratio_tree_pss": chunked["tree_peak_pss_mb"] / single["tree_peak_pss_mb"],
            "pages_single": single["pages"],
            "pages_chunked": chunked["pages"],
            "pages_diff": chunked["pages"] - single["pages"],
        }
        entry.update(footer_check(chunked_pdf, "chunked"))
        entry.update(footer_check(single_pdf, "single"))
        entry["one_pdf_ok"] = (
            abs(entry["pages_diff"]) <= 2
            and entry["chunked_page_numbers_ok"]
            and entry["chunked_pages_in_file"] == chunked["pages"]
        )
        results[name] = entry
    return results


def measure_pdf(
    b: Bench, kind: str, name: str, n_rows: int, names: tuple[str, ...], dest: Path, variant: str
) -> dict[str, Any]:
    """One PDF measurement; the context file is rebuilt first if the package changed meanwhile."""
    for attempt in (1, 2):
        ctx_paths, made = _data.pdf_contexts(b.args.data_dir, n_rows, b.args.seed, names)
        if made is not None:
            b.log(f"the package changed: rebuilt the {n_rows:,}-row report contexts in {made:.1f} s")
        try:
            return b.measure(f"pdf-{kind}", name, str(ctx_paths[name]), str(dest), variant)
        except _proc.MeasureError as exc:
            if attempt == 2 or "ValidationError" not in str(exc):
                raise
            b.log("the context no longer validates (the package changed while loading it): once more")
    raise AssertionError("unreachable")


FOOTER = re.compile(r"Halaman\s+(\d+)\s+dari\s+(\d+)")


def footer_check(pdf: Path, label: str) -> dict[str, Any]:
    """Is page i's footer "Halaman i dari N" on every page (pdftotext) or at least the last (pypdf)?"""
    from pypdf import PdfReader

    n = len(PdfReader(pdf).pages)
    texts: list[str] | None = None
    method = "last page (pypdf)"
    if shutil.which("pdftotext"):
        done = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=False)
        if done.returncode == 0:
            texts = done.stdout.decode("utf-8", "replace").split("\f")[:n]
            method = "every page (pdftotext)"
    if texts is None:
        texts = [""] * (n - 1) + [PdfReader(pdf).pages[-1].extract_text() or ""]
        check_pages = [n]
    else:
        check_pages = list(range(1, n + 1))
    wrong = []
    for i in check_pages:
        found = FOOTER.findall(texts[i - 1]) if i - 1 < len(texts) else []
        if found != [(str(i), str(n))]:
            wrong.append({"page": i, "found": [f"Halaman {a} dari {b}" for a, b in found]})
    last = FOOTER.findall(texts[-1]) if texts else []
    return {
        f"{label}_pages_in_file": n,
        f"{label}_page_numbers_ok": not wrong,
        f"{label}_page_numbers_checked": method,
        f"{label}_page_numbers_wrong": wrong[:10],
        f"{label}_last_footer": f"Halaman {last[-1][0]} dari {last[-1][1]}" if last else None,
    }


def bench_build(b: Bench) -> dict[str, Any]:
    inputs, made = _data.demo_inputs(b.args.data_dir, b.args.seed, 5000)
    if made is not None:
        b.log(f"wrote the demo inputs in {made:.1f} s")
    runs = []
    for i in range(b.args.repeat):
        out = b.work / f"reports_{i}"
        r = b.measure("build", str(inputs), str(out))
        b.log(
            f"build run {i + 1}/{b.args.repeat}: {r['work_s']:.1f} s, pdf {r['pdf_s']:.1f} s, "
            f"non-pdf {r['non_pdf_share']:.0%}, others {r['others_cores']:.1f} cores"
        )
        runs.append(r)
        shutil.rmtree(out, ignore_errors=True)
    s = summarize(runs, "work_s")
    s["inputs"] = str(inputs)
    return s


def bench_startup(b: Bench, runs: int) -> dict[str, Any]:
    script = Path(sys.executable).with_name("ukmreport")
    commands = {"module": [sys.executable, "-m", "ukmreport", "--help"]}
    if script.is_file():
        commands["script"] = [str(script), "--help"]
    out: dict[str, Any] = {}
    for label, cmd in commands.items():
        _proc.time_command(cmd, env=b.env, cwd=b.work)  # warm-up: disk cache, bytecode
        times = [_proc.time_command(cmd, env=b.env, cwd=b.work) * 1000 for _ in range(runs)]
        out[f"{label}_help_ms"] = min(times)
        out[f"{label}_runs_ms"] = times
        out[f"{label}_command"] = " ".join(Path(c).name if i == 0 else c for i, c in enumerate(cmd))
    out["python_bare_ms"] = min(
        _proc.time_command([sys.executable, "-c", "pass"], env=b.env, cwd=b.work) * 1000 for _ in range(runs)
    )
    if "script_help_ms" not in out:
        out["script_help_ms"] = None
        out["script_missing"] = str(script)
    return out


# --- targets and table --------------------------------------------------------------------------


def targets(res: dict[str, Any]) -> list[dict[str, Any]]:
    t: list[dict[str, Any]] = []

    def add(key: str, label: str, value: float | None, limit: float, op: str, unit: str, note: str = "") -> None:
        ok = (
            None
            if value is None
            else {
                "<=": value <= limit,
                ">=": value >= limit,
                "<": value < limit,
                "|<=|": abs(value) <= limit,
            }[op]
        )
        target = f"±{limit:g}" if op == "|<=|" else f"{op} {limit:g}{unit}"
        t.append({"id": key, "label": label, "value": value, "target": target, "pass": ok, "unit": unit, "note": note})

    reads = res.get("reads", {})
    k100 = reads.get("100000")
    if k100:
        add("check_100k_over_calamine", "check 100k / bare calamine (wall)", k100["check_over_calamine"], 2, "<=", "×")
    else:
        t.append(
            {
                "id": "check_100k_over_calamine",
                "label": "check 100k / bare calamine",
                "value": None,
                "target": "<= 2×",
                "pass": None,
                "unit": "×",
                "note": "100,000 rows not measured",
            }
        )
    m = reads.get(str(MILLION))
    if m:
        add(
            "million_completes",
            "1M rows: check completes (all rows checked)",
            1.0 if m["check_ok"] else 0.0,
            1,
            ">=",
            "",
        )
        if k100:
            add(
                "million_over_100k",
                "check 1M / check 100k (wall)",
                m["check"]["seconds"] / k100["check"]["seconds"],
                12,
                "<=",
                "×",
            )
        add("million_peak_mb", "check 1M peak memory", m["check"]["peak_mb"], 3072, "<", " MB")
    for name, p in res.get("pdf", {}).items():
        if not isinstance(p, dict):
            continue
        add(
            f"pdf_{name}_speedup",
            f"PDF {name} {res['pdf']['rows']:,} rows: speedup vs one render",
            p["speedup"],
            1.8,
            ">=",
            "×",
        )
        add(
            f"pdf_{name}_memory",
            f"PDF {name}: peak memory, largest process / one render",
            p["memory_ratio"],
            0.6,
            "<=",
            "",
            "max of ru_maxrss of any single process",
        )
        add(
            f"pdf_{name}_memory_tree",
            f"PDF {name}: peak memory, whole tree PSS / one render",
            p["memory_ratio_tree_pss"],
            0.6,
            "<=",
            "",
            "sum over concurrent processes, sampled",
        )
        add(
            f"pdf_{name}_page_numbers",
            f"PDF {name}: one PDF, 'Halaman i dari N' right on every page",
            1.0 if p["chunked_page_numbers_ok"] and p["chunked_pages_in_file"] == p["chunked"]["pages"] else 0.0,
            1,
            ">=",
            "",
        )
        add(
            f"pdf_{name}_pages",
            f"PDF {name}: pages, pieces minus one render (±2)",
            float(p["pages_diff"]),
            2,
            "|<=|",
            "",
        )
    bld = res.get("build")
    if bld:
        add(
            "build_non_pdf_share",
            "build of the demo: share outside PDF rendering (wall)",
            bld["non_pdf_share"],
            0.25,
            "<=",
            "",
        )
    st = res.get("startup")
    if st:
        add("startup_module", "python -m ukmreport --help", st["module_help_ms"], 500, "<", " ms")
        if st.get("script_help_ms") is not None:
            add("startup_script", "ukmreport --help (console script)", st["script_help_ms"], 500, "<", " ms")
    return t


def _f(x: float | None, digits: int = 2) -> str:
    if x is None:
        return "—"
    return f"{x:,.{digits}f}"


def print_table(res: dict[str, Any]) -> None:
    m = res["machine"]
    out: list[str] = []
    w = out.append
    w("")
    w(f"ukmreport benchmarks — {res['started_at']}  ({res['elapsed_s']:.0f} s)")
    w(
        f"machine: {m['nproc']} cores ({m['processor']}), RAM {m['ram_total_mb'] / 1024:.1f} GB "
        f"({m['ram_available_mb'] / 1024:.1f} GB free at start), Python {m['python']}, {m['system']}"
    )
    v = m["versions"]
    w(
        f"versions: ukmreport {v['ukmreport']}, python-calamine {v['python-calamine']}, openpyxl {v['openpyxl']}, "
        f"weasyprint {v['weasyprint']}, pypdf {v['pypdf']}"
    )
    la, lb = res["load_start"], res["load_end"]
    w(
        f"load average at start {la[0]:.2f} {la[1]:.2f} {la[2]:.2f}; at end {lb[0]:.2f} {lb[1]:.2f} {lb[2]:.2f}"
        f"  (other processes used {res['others_cores_at_start']:.1f} of {m['nproc']} cores just before the run)"
    )
    w(
        f"times: best of {res['args']['repeat']}, wall seconds from process start incl. imports; cpu = CPU seconds "
        "(process + its workers);"
    )
    w(
        "memory: peak RSS of the largest single process (own VmHWM, workers' ru_maxrss), max over runs; tree = peak of "
        "the sum over the process tree, sampled; 'others' = cores other processes kept busy during the best run"
    )

    reads = res.get("reads") or {}
    if reads:
        w("")
        w("READ 'Data UMKM' (23 columns, as the demo generator writes them)")
        w(
            f"  {'rows':>9}  {'reader':<22} {'time s':>8} {'cpu s':>7} {'rows/s':>10} {'peak MB':>8} "
            f"{'× calamine':>10} {'× cpu':>6} {'others':>6}"
        )
        for n, e in reads.items():
            cal = e["calamine"]
            for task, label in (
                ("calamine", "python-calamine"),
                ("openpyxl", "openpyxl read-only"),
                ("check", "ukmreport check"),
            ):
                s = e[task]
                if s is None:
                    w(f"  {int(n):>9,}  {label:<22} {'skipped':>8}")
                    continue
                w(
                    f"  {int(n):>9,}  {label:<22} {s['seconds']:>8.2f} {s['cpu_s']:>7.2f} {s['rows_per_s']:>10,.0f} "
                    f"{s['peak_mb']:>8.0f} {s['seconds'] / cal['seconds']:>9.2f}× {s['cpu_s'] / cal['cpu_s']:>5.2f}× "
                    f"{s['others_cores']:>6.1f}"
                )
            chk = e["check"]
            w(
                f"  {'':>9}  check: exit {chk['exit_code']}, {chk.get('checked_rows') or 0:,} rows checked, findings "
                + ", ".join(f"{k} {v:,}" for k, v in sorted((chk.get("findings") or {}).items()))
                + f"; file {e['file_mb']:.1f} MB"
            )

    pdf = res.get("pdf") or {}
    if pdf:
        w("")
        w(f"PDF, long tables ({pdf['rows']:,} rows; render_pdf with {pdf['workers']} workers vs one WeasyPrint render)")
        w(
            f"  {'report':<8} {'path':<26} {'pages':>5} {'time s':>8} {'cpu s':>7} {'peak MB':>8} "
            f"{'tree RSS':>9} {'tree PSS':>9} {'others':>6}"
        )
        for name, p in pdf.items():
            if not isinstance(p, dict):
                continue
            for kind, label in (("single", "one WeasyPrint render"), ("chunked", "render_pdf (pieces)")):
                s = p[kind]
                w(
                    f"  {name:<8} {label:<26} {s['pages']:>5} {s['work_s']:>8.1f} {s['cpu_s']:>7.1f} {s['peak_mb']:>8.0f} "
                    f"{s['tree_peak_rss_mb']:>9.0f} {s['tree_peak_pss_mb']:>9.0f} {s['others_cores']:>6.1f}"
                )
            wrong = p["chunked_page_numbers_wrong"]
            w(
                f"  {'':<8} speedup {p['speedup']:.2f}× (cpu {p['speedup_cpu']:.2f}×); memory {p['memory_ratio']:.0%} "
                f"(largest process), {p['memory_ratio_tree_pss']:.0%} (tree PSS); pages {p['pages_chunked']} vs "
                f"{p['pages_single']} ({p['pages_diff']:+d})"
            )
            w(
                f"  {'':<8} page numbers checked on {p['chunked_page_numbers_checked']}: "
                + ("all right" if p["chunked_page_numbers_ok"] else f"{len(wrong)}+ wrong, first {wrong[:2]}")
                + f"; last page says '{p['chunked_last_footer']}'"
            )

    bld = res.get("build")
    if bld:
        w("")
        w(
            f"BUILD of the demo data ({bld['businesses']:,} businesses, {bld['proposals']} proposals; pipeline.build, "
            f"{bld['outputs']} outputs)"
        )
        w(
            f"  total {bld['work_s']:.1f} s: PDF rendering {bld['pdf_s']:.1f} s, outside PDF {bld['non_pdf_s']:.1f} s "
            f"= {bld['non_pdf_share']:.0%} (by CPU: {bld['non_pdf_cpu_share']:.0%}); peak {bld['peak_mb']:.0f} MB; "
            f"others {bld['others_cores']:.1f} cores"
        )
        st = bld["stages"]
        w("  stages (wall s): " + ", ".join(f"{k} {v:.1f}" for k, v in st.items()))
        w("  PDFs (wall s): " + ", ".join(f"{k} {v['seconds']:.1f} ({v['pages']} p.)" for k, v in bld["pdfs"].items()))

    st = res.get("startup")
    if st:
        w("")
        w(
            f"START-UP (best of {len(st['module_runs_ms'])}, after a warm-up run): "
            f"python -m ukmreport --help {st['module_help_ms']:.0f} ms; "
            + (f"ukmreport --help {st['script_help_ms']:.0f} ms; " if st.get("script_help_ms") is not None else "")
            + f"bare python -c pass {st['python_bare_ms']:.0f} ms"
        )

    if res.get("package_changed_during_run"):
        w("")
        w("NOTE: ukmreport's source changed while the benchmark ran; the figures mix versions.")
    w("")
    w("TARGETS")
    for t in res["targets"]:
        value = t["value"]
        if value is None:
            shown = "—"
        elif t["id"].endswith(("_page_numbers", "_completes")):
            shown = "yes" if value >= 1 else "no"
        elif t["id"].endswith("_pages"):
            shown = f"{value:+.0f}"
        elif t["unit"] == "" and value <= 1.5:
            shown = f"{value:.0%}"
        else:
            shown = f"{value:,.2f}{t['unit']}" if t["unit"] == "×" else f"{value:,.0f}{t['unit']}"
        target = t["target"]
        if t["id"].endswith(("_page_numbers", "_completes")):
            target = "yes"
        elif t["unit"] == "" and not t["id"].endswith("_pages"):
            limit = float(target.split()[1])
            target = f"{target.split()[0]} {limit:.0%}"
        result = "n/a" if t["pass"] is None else ("PASS" if t["pass"] else "MISS")
        w(f"  {t['label']:<62} {shown:>10}  {target:>9}  {result}")
    print("\n".join(out), flush=True)


# --- main ---------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description=__doc__.split("\n\n")[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("--sizes", default=None, help="business rows of the read benchmarks (default 5000,100000)")
    p.add_argument(
        "--with-million",
        action="store_true",
        help="add 1,000,000 rows (~10 min more; bare calamine needs 2.5 GB, check ~2 GB)",
    )
    p.add_argument(
        "--repeat", type=int, default=None, help="runs of each measurement; the best time counts (default 3)"
    )
    p.add_argument(
        "--million-repeat",
        type=int,
        default=2,
        help="runs at 1,000,000 rows, the best counts (default 2: one run on a shared machine can be 30%% off)",
    )
    p.add_argument(
        "--openpyxl-max", type=int, default=None, help="skip the openpyxl reader above this many rows (~6 min at 1M)"
    )
    p.add_argument("--pdf-rows", type=int, default=None, help="rows of the long-table PDFs (default 5000)")
    p.add_argument("--pdf-reports", default=None, help="reports with a long table to render (default usulan,seleksi)")
    p.add_argument("--only", default="reads,pdf,build,startup", help="sections to run (default all)")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--data-dir", type=Path, default=HERE / "data")
    p.add_argument("--out", type=Path, default=HERE / "results" / "latest.json")
    p.add_argument(
        "--wait-idle",
        type=float,
        default=0.0,
        help="before each measurement wait up to this many seconds for the machine to be quiet",
    )
    p.add_argument(
        "--quick", action="store_true", help="smoke run: 5,000 rows, PDF at 1,000 rows (usulan), one run each"
    )
    p.add_argument("--keep", action="store_true", help="keep the work folder (PDFs, check output)")
    p.add_argument("--quiet-progress", action="store_true", help="no progress lines on stderr")
    a = p.parse_args(argv)
    quick = a.quick
    a.sizes = [int(s.replace("_", "")) for s in (a.sizes or ("5000" if quick else "5000,100000")).split(",") if s]
    if a.with_million and MILLION not in a.sizes:
        a.sizes.append(MILLION)
    a.repeat = a.repeat or (1 if quick else 3)
    a.pdf_rows = a.pdf_rows or (1000 if quick else 5000)
    a.pdf_reports = tuple((a.pdf_reports or ("usulan" if quick else ",".join(PDF_REPORTS))).split(","))
    unknown = [r for r in a.pdf_reports if r not in PDF_REPORTS]
    if unknown:
        p.error(f"--pdf-reports: no long table in {', '.join(unknown)}; choose from {', '.join(PDF_REPORTS)}")
    a.only = {s.strip() for s in a.only.split(",") if s.strip()}
    a.startup_runs = 3 if quick else 5
    return a


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    started = time.perf_counter()
    res: dict[str, Any] = {
        "started_at": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": _proc.machine_info(),
        "package_digest_start": _data.package_digest(),
        "load_start": _proc.loadavg(),
        "others_cores_at_start": _proc.others_cores(1.0),
        "args": {
            "sizes": args.sizes,
            "repeat": args.repeat,
            "million_repeat": args.million_repeat,
            "pdf_rows": args.pdf_rows,
            "pdf_reports": list(args.pdf_reports),
            "seed": args.seed,
            "quick": args.quick,
            "wait_idle": args.wait_idle,
            "today": _data.TODAY.isoformat(),
            "source_date_epoch": _data.SOURCE_DATE_EPOCH,
        },
    }
    m = res["machine"]
    print(
        f"ukmreport benchmarks: {m['nproc']} cores, load {' '.join(f'{x:.2f}' for x in res['load_start'])}; "
        f"sizes {', '.join(f'{n:,}' for n in args.sizes)}; PDF {args.pdf_rows:,} rows; best of {args.repeat}",
        file=sys.stderr,
        flush=True,
    )
    work = Path(tempfile.mkdtemp(prefix="ukmbench-"))
    bench = Bench(args, work)
    try:
        if "startup" in args.only:
            res["startup"] = bench_startup(bench, args.startup_runs)
        if "reads" in args.only:
            res["reads"] = bench_reads(bench, args.sizes)
        if "pdf" in args.only:
            res["pdf"] = bench_pdf(bench, args.pdf_rows, args.pdf_reports)
        if "build" in args.only:
            res["build"] = bench_build(bench)
    finally:
        res["load_end"] = _proc.loadavg()
        res["package_digest_end"] = _data.package_digest()
        res["package_changed_during_run"] = res["package_digest_end"] != res["package_digest_start"]
        res["elapsed_s"] = time.perf_counter() - started
        res["targets"] = targets(res)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(res, indent=2, default=str) + "\n", encoding="utf-8")
        if args.keep:
            print(f"work folder kept: {work}", file=sys.stderr)
        else:
            shutil.rmtree(work, ignore_errors=True)
    print_table(res)
    print(f"\nJSON: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
