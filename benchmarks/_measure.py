"""One measurement, in a fresh process: `python benchmarks/_measure.py TASK ARGS...`.

Prints one line `BENCH {json}` on stdout with at least
  seconds      wall time from this script's start (before the measured library is imported) to
               the end of the work: imports are part of what a user waits for, for every task alike
  work_s       the measured call only (for the PDF tasks: from render_html to the file written)
  cpu_s        user + system CPU of this process and of the children it reaped
  maxrss_self_mb, maxrss_children_mb, peak_mb = max of the two
               the peak resident set of this process (VmHWM), and of the largest single
               descendant that was reaped (RUSAGE_CHILDREN ru_maxrss; not a sum: run.py
               samples the sum of the tree)

Tasks:
  calamine PATH                 python-calamine, whole "Data UMKM" sheet, skip_empty_area=False
  openpyxl PATH                 openpyxl read-only, data_only, every row of "Data UMKM" as values
  check PATH OUTFILE            `python -m ukmreport check --format json PATH`, output to OUTFILE
  pdf-single NAME CTX OUT [VARIANT]   one WeasyPrint render of the whole document (render.write_pdf)
  pdf-chunked NAME CTX OUT [VARIANT]  ukmreport.render.pdf.render_pdf (pieces in worker processes)
  build INPUTS OUT              pipeline.build of a demo input folder, PDF time split out
"""

from __future__ import annotations

import time

T0 = time.perf_counter()

import contextlib  # noqa: E402
import json  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402
from typing import Any  # noqa: E402

SHEET = "Data UMKM"


def _vm_hwm_kb() -> int | None:
    """This process's own peak resident set (VmHWM of /proc/self/status), in KiB."""
    try:
        with open("/proc/self/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return None


def _usage() -> dict[str, float]:
    """CPU and peak memory of this process and of the descendants it (or they) reaped.

    Own peak: VmHWM, not ru_maxrss. On Linux a process started with vfork+exec (subprocess does
    that) inherits its launcher's ru_maxrss, so ru_maxrss of a child of a 300 MB parent never
    reads below 300 MB; VmHWM belongs to the new address space only. The children's figure is
    RUSAGE_CHILDREN's ru_maxrss: the largest single reaped descendant (not a sum); a helper
    started by exec (the forkserver) carries the peak this process had when it was started.
    """
    me = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    hwm = _vm_hwm_kb()
    own = hwm if hwm is not None else me.ru_maxrss  # Linux: ru_maxrss in KiB
    return {
        "cpu_s": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
        "cpu_self_s": me.ru_utime + me.ru_stime,
        "maxrss_self_mb": own / 1024,
        "ru_maxrss_self_mb": me.ru_maxrss / 1024,
        "maxrss_children_mb": kids.ru_maxrss / 1024,
        "peak_mb": max(own, kids.ru_maxrss) / 1024,
    }


def _stop_forkserver() -> None:
    """Reap the forkserver (and through it the workers) so RUSAGE_CHILDREN includes their peaks.

    The workers are children of the forkserver, which reaps them; the kernel folds a reaped
    process's peak (and its own children's) into its parent's, so once the forkserver is reaped
    here RUSAGE_CHILDREN holds the largest worker's ru_maxrss.
    """
    from multiprocessing import forkserver, resource_tracker

    for process in (getattr(forkserver, "_forkserver", None), getattr(resource_tracker, "_resource_tracker", None)):
        stop = getattr(process, "_stop", None)
        if stop is not None:
            with contextlib.suppress(Exception):
                stop()


def _emit(result: dict[str, Any]) -> None:
    sys.__stdout__.write("BENCH " + json.dumps(result) + "\n")
    sys.__stdout__.flush()


def task_calamine(path: str) -> dict[str, Any]:
    start = time.perf_counter()
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(path).get_sheet_by_name(SHEET).to_python(skip_empty_area=False)
    return {"work_s": time.perf_counter() - start, "sheet_rows": len(rows), "columns": max(map(len, rows[:50]))}


def task_openpyxl(path: str) -> dict[str, Any]:
    start = time.perf_counter()
    from openpyxl import load_workbook

    wb = load_workbook(path, read_only=True, data_only=True)
    n = 0
    cells = 0
    for row in wb[SHEET].iter_rows(values_only=True):
        n += 1
        cells += len(row)
    wb.close()
    return {"work_s": time.perf_counter() - start, "sheet_rows": n, "cells": cells}


def task_check(path: str, outfile: str) -> dict[str, Any]:
    """`python -m ukmreport check --format json PATH` in this process, its output to a file."""
    import runpy

    start = time.perf_counter()
    saved_argv, saved_stdout = sys.argv, sys.stdout
    code: Any = 0
    with open(outfile, "w", encoding="utf-8") as out:
        sys.argv = ["ukmreport", "check", "--format", "json", path]
        sys.stdout = out
        try:
            runpy.run_module("ukmreport", run_name="__main__", alter_sys=True)
        except SystemExit as exc:
            code = exc.code
        finally:
            sys.argv, sys.stdout = saved_argv, saved_stdout
    end = time.perf_counter()
    usage = _usage()  # before the output is parsed back below
    data = json.loads(Path(outfile).read_text(encoding="utf-8"))
    counts = data.get("counts", {})
    severities: dict[str, int] = {}
    for f in data.get("findings", []):
        severities[f["severity"]] = severities.get(f["severity"], 0) + 1
    return {
        "work_s": end - start,
        "_end": end,
        "exit_code": code if isinstance(code, int) else 2,
        "checked_rows": counts.get("businesses", {}).get("rows"),
        "findings": severities,
        "_usage": usage,
    }


def _context(name: str, ctx_path: str) -> Any:
    from ukmreport.reports import contexts

    cls = {"usulan": contexts.UsulanContext, "seleksi": contexts.SeleksiContext}[name]
    return cls.model_validate_json(Path(ctx_path).read_bytes())


def task_pdf_single(name: str, ctx_path: str, out: str, variant: str = "") -> dict[str, Any]:
    """One WeasyPrint render of the whole document, as render_pdf does for short documents."""
    from ukmreport.pipeline import clock
    from ukmreport.render.html import render_html, write_pdf
    from ukmreport.settings import load_settings

    settings = load_settings(None)
    ctx = _context(name, ctx_path)
    start = time.perf_counter()
    html = render_html(name, ctx, settings)
    pages = write_pdf(
        html,
        Path(out),
        settings=settings,
        title=ctx.doc.title,
        author=ctx.doc.author,
        stamp=clock(),
        pdf_variant=variant or None,
    )
    return {"work_s": time.perf_counter() - start, "pages": pages, "html_chars": len(html)}


def task_pdf_chunked(name: str, ctx_path: str, out: str, variant: str = "") -> dict[str, Any]:
    """ukmreport.render.pdf.render_pdf, the public entry: pieces in worker processes, merged, numbered."""
    from ukmreport.pipeline import clock
    from ukmreport.render.pdf import render_pdf
    from ukmreport.reports import REPORTS
    from ukmreport.settings import load_settings

    settings = load_settings(None)
    ctx = _context(name, ctx_path)
    start = time.perf_counter()
    pages = render_pdf(
        name,
        ctx,
        Path(out),
        settings,
        stamp=clock(),
        pdf_variant=variant or None,
        long_table=REPORTS[name].long_table,
    )
    work = time.perf_counter() - start
    _stop_forkserver()
    return {"work_s": work, "pages": pages}


def task_build(inputs: str, out: str) -> dict[str, Any]:
    """pipeline.build with timing shims: PDF rendering vs everything else."""
    import ukmreport.pipeline as pipeline
    import ukmreport.render.html
    import ukmreport.render.pdf
    import ukmreport.render.xlsx
    from ukmreport.settings import load_settings

    names = ("prepare", "annotate", "xlsx", "html", "pdf")
    stages: dict[str, float] = dict.fromkeys(names, 0.0)
    stages_cpu: dict[str, float] = dict.fromkeys(names, 0.0)
    pdfs: dict[str, dict[str, float]] = {}

    def cpu() -> float:
        # This process only: the chunked path's workers are counted once the forkserver is reaped.
        return time.process_time()

    def timed(stage: str, func: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t, c = time.perf_counter(), cpu()
            try:
                return func(*args, **kwargs)
            finally:
                stages[stage] += time.perf_counter() - t
                stages_cpu[stage] += cpu() - c

        return wrapper

    real_render_pdf = ukmreport.render.pdf.render_pdf

    def render_pdf(name: str, *args: Any, **kwargs: Any) -> int:
        t, c = time.perf_counter(), cpu()
        pages = real_render_pdf(name, *args, **kwargs)
        took = time.perf_counter() - t
        stages["pdf"] += took
        stages_cpu["pdf"] += cpu() - c
        pdfs[name] = {"seconds": took, "pages": pages}
        return pages

    # render_report and usulan.write_xlsx import these from their modules at call time; build calls
    # the rest by global name.
    ukmreport.render.pdf.render_pdf = render_pdf
    ukmreport.render.html.render_html = timed("html", ukmreport.render.html.render_html)
    ukmreport.render.xlsx.write_table = timed("xlsx", ukmreport.render.xlsx.write_table)
    pipeline.prepare = timed("prepare", pipeline.prepare)
    # The annotated copies are written in a second process while the PDFs render: what the build
    # waits for is starting that job and collecting its result after the PDFs.
    pipeline.AnnotationJob.__enter__ = timed("annotate", pipeline.AnnotationJob.__enter__)
    pipeline.AnnotationJob.result = timed("annotate", pipeline.AnnotationJob.result)

    settings = load_settings(None)
    start, start_cpu = time.perf_counter(), cpu()
    result = pipeline.build(Path(inputs), settings, out=Path(out))
    total, total_cpu = time.perf_counter() - start, cpu() - start_cpu
    _stop_forkserver()
    stages["other"] = total - sum(stages.values())
    stages_cpu["other"] = total_cpu - sum(stages_cpu.values())
    workers_cpu = resource.getrusage(resource.RUSAGE_CHILDREN)
    workers_cpu_s = workers_cpu.ru_utime + workers_cpu.ru_stime
    pdf_cpu = stages_cpu["pdf"] + workers_cpu_s
    return {
        "work_s": total,
        "pdf_s": stages["pdf"],
        "non_pdf_s": total - stages["pdf"],
        "non_pdf_share": (total - stages["pdf"]) / total,
        # CPU seconds: robust to other load, but blind to parallelism; PDF includes the workers' CPU.
        "pdf_cpu_s": pdf_cpu,
        "non_pdf_cpu_s": total_cpu - stages_cpu["pdf"],
        "non_pdf_cpu_share": (total_cpu - stages_cpu["pdf"]) / (total_cpu + workers_cpu_s),
        "stages": stages,
        "stages_cpu": stages_cpu,
        "pdfs": pdfs,
        "outputs": len(result.outputs),
        "businesses": len(result.run.data.businesses),
        "proposals": len(result.run.data.proposals),
    }


TASKS = {
    "calamine": task_calamine,
    "openpyxl": task_openpyxl,
    "check": task_check,
    "pdf-single": task_pdf_single,
    "pdf-chunked": task_pdf_chunked,
    "build": task_build,
}


def main(argv: list[str]) -> int:
    if not argv or argv[0] not in TASKS:
        print(__doc__, file=sys.stderr)
        return 2
    result = TASKS[argv[0]](*argv[1:])
    seconds = result.pop("_end", time.perf_counter()) - T0
    usage = result.pop("_usage", None) or _usage()
    _emit({"task": argv[0], "seconds": seconds, **usage, **result})
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
