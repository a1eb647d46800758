"""Benchmarks: speed and memory as ratios against a floor measured in the same run.

    python bench/run.py [--sizes 1000 10000 50000] [--report-size 10000] [--only-pdf-batch]

1. Appendix rendering (the library call, plan already read) against the floor: the
   same table's WordprocessingML built with string joins and zipped (bench/floor.py).
   Targets at 10k and 50k tasks: ≤ 3× the floor's time and peak memory; 50k/10k ≤ 6.
2. Reading a workbook (read → validate → model) against python-calamine's raw read of
   the same sheets, at 50k tasks and on the report's workbook: ≤ 2×.
   `cchc appendix` end to end at 50k tasks against the floor process end to end: ≤ 6×.
3. `cchc report --quy 4` on 10k tasks, 50 units, 40k entries: ≤ 3× `cchc appendix` on
   the same workbook, peak memory < 1 GiB.
4. PDF export (LibreOffice) of a 5,000-task appendix: ≤ 6× that of a 1,000-task one.
5. `cchc pdf` of the bundled workbook's documents (plan, appendix, reports, công văn, unit
   plans) in one LibreOffice run against one run per file: < 1× the time per file.
Each measurement runs in a fresh process; results are printed and written to
bench/results/latest.md.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

BENCH = Path(__file__).resolve().parent

SEED = ROOT / "data" / "kehoach.xlsx"


def make_workbook(path: Path, tasks: int, units: int, entries: bool) -> Path:
    """A workbook like the bundled one with `tasks` tasks spread over the 7 sections,
    `units` units, and (optionally) one entry per task from its lead unit per period."""
    from openpyxl import Workbook
    from python_calamine import CalamineWorkbook

    seed = CalamineWorkbook.from_path(str(SEED))
    wb = Workbook(write_only=True)
    for name in ("ThongTin", "NoiDung", "ChiTieu", "KyBaoCao", "NhanXet"):
        ws = wb.create_sheet(name)
        for row in seed.get_sheet_by_name(name).to_python():
            ws.append(row)
    base = seed.get_sheet_by_name("NhiemVu").to_python()
    head, rows = base[0], base[1:]
    ws = wb.create_sheet("DonVi")
    ws.append(["Mã đơn vị", "Tên đơn vị", "Tên gọi khác", "Loại"])
    codes = [f"DV{i:02d}" for i in range(units)]
    for i, code in enumerate(codes):
        ws.append([code, f"Đơn vị thử số {i}", "", ("phòng", "chi cục", "đơn vị sự nghiệp")[i % 3]])
    ws = wb.create_sheet("NhiemVu")
    ws.append(head)
    statuses = ("Chưa thực hiện", "Đang thực hiện", "Đã hoàn thành", "Đang thực hiện")
    progress = []
    for i in range(tasks):
        src = rows[i % len(rows)]
        lead = codes[i % units]
        ws.append([f"T{i:06d}", src[1], f"{src[2]} (lần {i // len(rows) + 1})", src[3], lead, "", src[6], src[7]])
        if entries:
            for q in (1, 2, 3, 4):
                status = statuses[(i + q) % 4] if q < 4 else statuses[2 + i % 2]
                done = dt.date(2024, 3 * q, 1) if status == "Đã hoàn thành" else None
                progress.append([f"T{i:06d}", lead, q, status, 100 if done else 50, "Kết quả", "", done, "", ""])
    ws = wb.create_sheet("TienDo")
    ws.append(["Mã nhiệm vụ", "Đơn vị", "Kỳ", "Trạng thái", "Tỷ lệ (%)", "Kết quả thực hiện", "Văn bản/minh chứng",
               "Ngày hoàn thành", "Khó khăn, vướng mắc", "Ghi chú"])
    for row in progress:
        ws.append(row)
    wb.save(path)
    return path


def run_json(args: list[str]) -> dict:
    out = subprocess.run([sys.executable, *args], check=True, capture_output=True, text=True,
                         env=os.environ | {"PYTHONPATH": f"{BENCH}{os.pathsep}{ROOT}"})
    return json.loads(out.stdout.strip().splitlines()[-1])


def run_process(args: list[str]) -> tuple[float, float]:
    """Wall time and peak RSS (MB) of a fresh process, start-up included."""
    with tempfile.TemporaryFile() as err:  # a pipe could fill up with warnings and block the child
        start = time.perf_counter()
        proc = subprocess.Popen([sys.executable, *args], stdout=subprocess.DEVNULL, stderr=err,
                                env=os.environ | {"PYTHONPATH": f"{BENCH}{os.pathsep}{ROOT}"})
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        if status != 0:
            err.seek(0)
            raise SystemExit(f"{args} failed: {err.read().decode()[-2000:]}")
    return seconds, usage.ru_maxrss / 1024


def best_of(n: int, fn):
    results = [fn() for _ in range(n)]
    return min(results, key=lambda r: r["seconds"] if isinstance(r, dict) else r[0])


def ingest_line(label: str, book: Path, which: str, repeat: int) -> str:
    """One row of the reading table: both reads in fresh processes, best of `repeat`."""
    raw = best_of(repeat, lambda: run_json([str(BENCH / "ingest_call.py"), "raw", str(book), which]))["seconds"]
    ours = best_of(repeat, lambda: run_json([str(BENCH / "ingest_call.py"), "pipeline", str(book), which]))["seconds"]
    return f"| {label} | {which} | {raw:.2f} | {ours:.2f} | {ours / raw:.2f}× | ≤ 2× |"


def bundled_documents(folder: Path) -> list[Path]:
    """The bundled workbook's usual documents, written into `folder` (each in a fresh process)."""
    commands = [["plan", "-o", "plan.docx"], ["appendix", "-o", "appendix.docx"],
                ["report", "--quy", "3", "-o", "report3.docx"], ["report", "--quy", "4", "-o", "report4.docx"],
                ["remind", "--quy", "3", "-o", "remind.docx"], ["unit-plans", "-o", "units"]]
    for args in commands:
        run_process(["-m", "pipeline", "--data", str(SEED), args[0], *args[1:-1], str(folder / args[-1])])
    return sorted(folder.rglob("*.docx"))


def pdf_batch_lines(tmp: Path, repeat: int) -> list[str]:
    """`cchc pdf` of N documents in one LibreOffice run against one run per document."""
    folder = tmp / "batch"
    folder.mkdir()
    docs = [str(d) for d in bundled_documents(folder)]
    each = best_of(repeat, lambda: run_json([str(BENCH / "pdf_batch.py"), "each", *docs]))["seconds"]
    batch = best_of(repeat, lambda: run_json([str(BENCH / "pdf_batch.py"), "batch", *docs]))["seconds"]
    n = len(docs)
    return ["", f"## `cchc pdf` of {n} documents: one LibreOffice run against one run per document", "",
            f"one run per document {each:.1f} s ({each / n:.2f} s per file), one run for all {batch:.1f} s "
            f"({batch / n:.2f} s per file): {batch / each:.2f}× the time per file (target < 1×; LibreOffice's "
            "start-up is paid once)."]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 50000])
    parser.add_argument("--report-size", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--pdf-sizes", type=int, nargs=2, default=[1000, 5000])
    parser.add_argument("--only-pdf-batch", action="store_true",
                        help="measure only the one-run PDF export (results in bench/results/pdf_batch.md)")
    opts = parser.parse_args()
    if opts.only_pdf_batch:
        with tempfile.TemporaryDirectory() as tmp_name:
            lines = [f"# PDF export in one run {dt.datetime.now():%Y-%m-%d %H:%M} ({os.cpu_count()} CPU)",
                     *pdf_batch_lines(Path(tmp_name), opts.repeat)]
        (BENCH / "results").mkdir(exist_ok=True)
        (BENCH / "results" / "pdf_batch.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
        print("\n".join(lines))
        return
    lines = [f"# Benchmark {dt.datetime.now():%Y-%m-%d %H:%M} ({os.cpu_count()} CPU, Python {sys.version.split()[0]})",
             "", "## Appendix rendering against the floor (plan already read)", "",
             "| tasks | floor s | render s | time ratio | floor MB | render MB | memory ratio |",
             "|---:|---:|---:|---:|---:|---:|---:|"]
    timings: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as tmp_name:
        tmp = Path(tmp_name)
        books = {}
        for n in opts.sizes:
            books[n] = make_workbook(tmp / f"wb{n}.xlsx", n, 10, entries=False)
            groups = tmp / f"groups{n}.pickle"
            lib = best_of(opts.repeat, lambda n=n, g=groups: run_json(
                [str(BENCH / "lib_call.py"), str(books[n]), str(tmp / f"pl{n}.docx"), str(g)]))
            floor = best_of(opts.repeat, lambda g=groups, n=n: run_json(
                [str(BENCH / "floor.py"), str(g), str(tmp / f"floor{n}.docx")]))
            timings[n] = lib["seconds"]
            lines.append(f"| {n:,} | {floor['seconds']:.2f} | {lib['seconds']:.2f} | "
                         f"{lib['seconds'] / floor['seconds']:.2f}× | {floor['peak_mb']:.0f} | {lib['peak_mb']:.0f} | "
                         f"{lib['peak_mb'] / max(floor['peak_mb'], 1):.2f}× |")
            print(lines[-1], flush=True)
        if 10000 in timings and 50000 in timings:
            lines += ["", f"Growth of the render time from 10k to 50k tasks: {timings[50000] / timings[10000]:.2f} "
                          "(linear would be 5; target ≤ 6)."]
        big = max(opts.sizes)
        cli = best_of(opts.repeat, lambda: run_process(
            ["-m", "pipeline", "--data", str(books[big]), "appendix", "-o", str(tmp / "cli.docx")]))
        floor_proc = best_of(opts.repeat, lambda: run_process(
            [str(BENCH / "floor.py"), str(tmp / f"groups{big}.pickle"), str(tmp / "floorp.docx")]))
        lines += ["", f"## `cchc appendix` end to end at {big:,} tasks", "",
                  f"cchc appendix {cli[0]:.2f} s (peak {cli[1]:.0f} MB) against the floor process "
                  f"{floor_proc[0]:.2f} s: {cli[0] / floor_proc[0]:.2f}× (target ≤ 6×)."]
        print(lines[-1], flush=True)
        n = opts.report_size
        wb = make_workbook(tmp / "report.xlsx", n, 50, entries=True)
        appendix = best_of(opts.repeat, lambda: run_process(["-m", "pipeline", "--data", str(wb), "appendix", "-o",
                                                             str(tmp / "r_pl.docx")]))
        report = best_of(opts.repeat, lambda: run_process(["-m", "pipeline", "--data", str(wb), "report", "--quy", "4",
                                                           "-o", str(tmp / "r_bc.docx")]))
        lines += ["", f"## `cchc report --quy 4`: {n:,} tasks, 50 units, {4 * n:,} entries", "",
                  f"report {report[0]:.2f} s, peak {report[1]:.0f} MB; appendix on the same workbook "
                  f"{appendix[0]:.2f} s: {report[0] / appendix[0]:.2f}× (target ≤ 3×, memory < 1024 MB)."]
        print(lines[-1], flush=True)
        lines += ["", "## Reading the workbook: read → validate → model against python-calamine's raw read", "",
                  "| workbook | sheets | calamine s | pipeline s | ratio | target |", "|---|---|---:|---:|---:|---:|"]
        for label, book, which in ((f"{big:,} tasks", books[big], "appendix"),
                                   (f"{n:,} tasks, {4 * n:,} entries", wb, "report")):
            lines.append(ingest_line(label, book, which, opts.repeat))
            print(lines[-1], flush=True)
        from pipeline.pdf import find_soffice

        if find_soffice():
            small, large = opts.pdf_sizes
            secs = {}
            for n in (small, large):
                wb = make_workbook(tmp / f"pdf{n}.xlsx", n, 10, entries=False)
                docx = tmp / f"pdf{n}.docx"
                run_process(["-m", "pipeline", "--data", str(wb), "appendix", "-o", str(docx)])
                secs[n] = best_of(opts.repeat, lambda d=docx: run_json([str(BENCH / "pdf_call.py"), str(d)]))["seconds"]
            lines += ["", "## PDF export of the appendix (LibreOffice)", "",
                      f"{small:,} tasks {secs[small]:.1f} s, {large:,} tasks {secs[large]:.1f} s: "
                      f"{secs[large] / secs[small]:.2f}× (target ≤ 6×; LibreOffice's layout of one long table grows "
                      "with the square of its length, so long appendices are split into 200-row tables)."]
            print(lines[-1], flush=True)
            lines += pdf_batch_lines(tmp, opts.repeat)
            print(lines[-1], flush=True)
    out = BENCH / "results"
    out.mkdir(exist_ok=True)
    (out / "latest.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
