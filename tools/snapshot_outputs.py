"""Write every document the bundled workbook produces, or compare two such snapshots part by part.

Developer tool for refactors that must not change what the clerk receives:

    python tools/snapshot_outputs.py write DIR [--data data/kehoach.xlsx]
    python tools/snapshot_outputs.py compare OLD NEW

`write` runs the command line (`python -m pipeline`, from the current folder's code) for the
plan, the appendix, the reports of the four periods with their figures workbooks, the forms of
every period and the công văn đôn đốc where one is due. `compare` unzips each pair of files and
compares every part's XML after canonicalisation, ignoring what legitimately differs between two
runs (timestamps in docProps, rsids, drawing ids); it prints each differing part and exits 1 if
any differ. Snapshots taken on different days differ in the forms' dates.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import zipfile
from pathlib import Path

COMMANDS: list[tuple[str, list[str]]] = [
    ("plan.docx", ["plan"]),
    ("appendix.docx", ["appendix"]),
    *[(f"report_q{q}.docx", ["report", "--quy", str(q)]) for q in (1, 2, 3, 4)],
    *[(f"remind_q{q}.docx", ["remind", "--quy", str(q)]) for q in (1, 2, 3, 4)],
]

# Attributes and elements whose values change from run to run without changing the document.
_VOLATILE = [
    (re.compile(rb'\sw:rsid\w*="[^"]*"'), rb""),
    (re.compile(rb'(<wp:docPr[^>]*\sid=")\d+'), rb"\1"),
    (re.compile(rb'(<pic:cNvPr[^>]*\sid=")\d+'), rb"\1"),
    (re.compile(rb"<dcterms:(created|modified)[^>]*>[^<]*</dcterms:\1>"), rb""),
    (re.compile(rb"<(Application|AppVersion|TotalTime)>[^<]*</\1>"), rb""),
]


def write(folder: Path, data: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, args in COMMANDS:
        cmd = [sys.executable, "-m", "pipeline", "--data", str(data), *args, "-o", str(folder / name)]
        done = subprocess.run(cmd, capture_output=True, text=True)
        status = "ok" if done.returncode == 0 else f"exit {done.returncode}"
        print(f"{name}: {status}")
    for q in (1, 2, 3, 4):
        cmd = [sys.executable, "-m", "pipeline", "--data", str(data), "forms", "--quy", str(q),
               "-o", str(folder / f"forms_q{q}")]
        done = subprocess.run(cmd, capture_output=True, text=True)
        print(f"forms_q{q}: {'ok' if done.returncode == 0 else f'exit {done.returncode}'}")


def _normalise(blob: bytes) -> bytes:
    for pattern, replacement in _VOLATILE:
        blob = pattern.sub(replacement, blob)
    return blob


def _parts(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as zf:
        return {i.filename: _normalise(zf.read(i.filename)) for i in zf.infolist()}


def compare(old: Path, new: Path) -> int:
    old_files = {p.relative_to(old) for p in old.rglob("*") if p.is_file()}
    new_files = {p.relative_to(new) for p in new.rglob("*") if p.is_file()}
    differing = 0
    for rel in sorted(old_files | new_files):
        if rel not in old_files or rel not in new_files:
            print(f"{rel}: only in {'new' if rel in new_files else 'old'}")
            differing += 1
            continue
        a, b = _parts(old / rel), _parts(new / rel)
        for part in sorted(set(a) | set(b)):
            if a.get(part) != b.get(part):
                print(f"{rel} › {part}: differs")
                differing += 1
    print(f"{len(old_files | new_files)} files compared, {differing} differences")
    return 1 if differing else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = parser.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("folder", type=Path)
    w.add_argument("--data", type=Path, default=Path("data/kehoach.xlsx"))
    c = sub.add_parser("compare")
    c.add_argument("old", type=Path)
    c.add_argument("new", type=Path)
    args = parser.parse_args()
    if args.cmd == "write":
        write(args.folder, args.data.resolve())
    else:
        sys.exit(compare(args.old, args.new))


if __name__ == "__main__":
    main()
