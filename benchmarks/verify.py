"""Verify benchmark: 100 signed letters of 100 rows each, beside a bare pypdf read of the same files.

    .venv/bin/python benchmarks/verify.py [--letters 100] [--rows 100] [--distinct 10] [--jobs N] [--reuse]

The letters are made once, outside the timing, by the real pipeline: demo owners (the demo
generator's businesses workbook) proposed for the program, decided by the real rules, rendered
by `render_reports` (PDF/A-3b with the XLSX inside) and signed with a throw-away certificate.
Rendering costs ~3 s a letter, so `--distinct` letters with different people are rendered and
each is copied to make `--letters` files: verify reads every file on its own, and across files
it then finds each NIK letters/distinct times (the worst case for the repeated-NIK listing).

Each measurement runs in a fresh process (time and peak RSS of that process; with --jobs, of the
largest worker):
  bare      pypdf opens each file, extracts every page's text and the attached XLSX's bytes
  pdfium    the same with PDFium (pypdfium2): every page's text, then pypdf for the attachment
  verify    verify_letters(files, ca_bundle): everything `ukmreport verify` does, without printing
  verify-N  the same with N processes (--jobs N, default: the cores)
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def make_letters(folder: Path, letters: int, rows: int, distinct: int) -> tuple[list[Path], Path]:
    from tests.certs import PASSWORD, make_pki
    from tests.letters import eligible_run, render_letter
    from ukmreport.office.profile import for_region
    from ukmreport.office.region import load_region
    from ukmreport.settings import Settings
    from ukmreport.signing import load_signing_key, sign_letter
    from ukmreport.signing.stamp import fonts_dir

    settings = Settings()
    settings = for_region(settings, load_region(settings.region_file))  # Baubau's office profile
    pki = make_pki(folder / "pki")
    key = load_signing_key(pki.p12, PASSWORD)
    try:
        run, eligible = eligible_run(folder / "data", rows * distinct, settings)
    except ValueError as exc:
        raise SystemExit(str(exc)) from None
    made = []
    for i in range(distinct):
        letter = render_letter(run, eligible[i * rows : (i + 1) * rows], folder / f"render-{i}")
        sign_letter(letter, settings, key, run.now.date(), fonts_dir())
        made.append(letter)
    files = []
    for n in range(letters):
        path = folder / "letters" / f"usulan_{n:03d}.pdf"
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(made[n % distinct], path)
        files.append(path)
    return files, pki.ca_pem


def child(kind: str, files: list[Path], ca: Path) -> dict[str, float]:
    started = time.perf_counter()
    if kind == "bare":
        from pypdf import PdfReader

        for path in files:
            reader = PdfReader(path)
            for page in reader.pages:
                page.extract_text()
            for contents in reader.attachments.values():
                assert contents[0]
        rows = problems = 0
    elif kind == "pdfium":
        import pypdfium2 as pdfium
        from pypdf import PdfReader

        for path in files:
            document = pdfium.PdfDocument(path)
            for i in range(len(document)):
                document[i].get_textpage().get_text_range()
            document.close()
            for contents in PdfReader(path).attachments.values():
                assert contents[0]
        rows = problems = 0
    else:
        from ukmreport.verify import verify_letters

        jobs = int(kind.partition("-")[2] or 1)
        report = verify_letters(files, ca, jobs=jobs)
        rows = sum(letter.count for f in report.files for letter in f.letters)
        problems = sum(len(f.problems) for f in report.files)
        if problems or not all(f.signature.intact for f in report.files):
            raise SystemExit(f"verify found problems in good letters: {report.files[0].problems}")
    seconds = time.perf_counter() - started
    peak_mb = max(own_peak_kb(), resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return {"seconds": seconds, "peak_mb": peak_mb, "rows": rows, "problems": problems}


def own_peak_kb() -> int:
    """This process's peak RSS: VmHWM, which starts afresh at exec (ru_maxrss keeps the parent's,
    so every child would report the letter-making parent's peak)."""
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmHWM:"))


def measure(kind: str, folder: Path, files: list[Path], ca: Path) -> dict[str, float]:
    listing = folder / "files.json"
    listing.write_text(json.dumps([str(f) for f in files]))
    out = subprocess.run(
        [sys.executable, __file__, "--child", kind, str(listing), str(ca)], check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--letters", type=int, default=100)
    parser.add_argument("--rows", type=int, default=100)
    parser.add_argument("--distinct", type=int, default=10)
    parser.add_argument("--reuse", action="store_true", help="verify the letters a previous run made, if alike")
    parser.add_argument("--jobs", type=int, default=None, help="processes for verify-N (default: the cores)")
    parser.add_argument("--work", type=Path, default=ROOT / "benchmarks" / "data" / "verify")
    parser.add_argument("--child", nargs=3, metavar=("KIND", "FILES", "CA"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        kind, listing, ca = args.child
        print(json.dumps(child(kind, [Path(p) for p in json.loads(Path(listing).read_text())], Path(ca))))
        return
    made = args.work / "made.json"
    asked = {"letters": args.letters, "rows": args.rows, "distinct": args.distinct}
    if args.reuse and made.is_file() and json.loads(made.read_text())["asked"] == asked:
        listing = json.loads(made.read_text())
        files, ca = [Path(f) for f in listing["files"]], Path(listing["ca"])
        print(f"reusing {len(files)} letters of {args.rows} rows in {args.work}")
    else:
        shutil.rmtree(args.work, ignore_errors=True)
        started = time.perf_counter()
        files, ca = make_letters(args.work, args.letters, args.rows, args.distinct)
        made.write_text(json.dumps({"asked": asked, "files": [str(f) for f in files], "ca": str(ca)}))
        seconds = time.perf_counter() - started
        print(f"made {len(files)} letters of {args.rows} rows ({args.distinct} rendered) in {seconds:.1f} s")
    from ukmreport.verify import default_jobs

    jobs = args.jobs or default_jobs()
    kinds = ["bare", "pdfium", "verify"] + ([f"verify-{jobs}"] if jobs > 1 else [])
    results = {kind: measure(kind, args.work, files, ca) for kind in kinds}
    rows = args.letters * args.rows
    for kind, r in results.items():
        print(
            f"{kind:9} {r['seconds']:7.2f} s  {1000 * r['seconds'] / args.letters:7.1f} ms/letter  "
            f"{1e3 * r['seconds'] / rows:6.2f} ms/row  {rows / r['seconds']:7.0f} rows/s  peak {r['peak_mb']:5.0f} MB"
        )
    bare = results["bare"]["seconds"]
    for kind in kinds[1:]:
        print(f"{kind} / bare pypdf read: {results[kind]['seconds'] / bare:.2f}x")
    print(f"verify / bare PDFium read: {results['verify']['seconds'] / results['pdfium']['seconds']:.2f}x")
    load = os.getloadavg()[0]
    for kind in kinds[2:]:
        per_row = results[kind]["seconds"] / rows
        print(
            f"national intake, 500 letters and 1,000,000 rows, as {kind}: about {1e6 * per_row / 60:.0f} min "
            f"(bare pypdf read on one core: {1e6 * bare / rows / 60:.0f} min); load {load:.1f}, {os.cpu_count()} cores"
        )
    out = ROOT / "benchmarks" / "results"
    out.mkdir(exist_ok=True)
    (out / "verify.json").write_text(
        json.dumps({"letters": args.letters, "rows": args.rows, "distinct": args.distinct, **results}, indent=2) + "\n"
    )


if __name__ == "__main__":
    main()
