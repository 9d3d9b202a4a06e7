#!/usr/bin/env python3
# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Execute the example notebooks end to end, as a test.

Each notebook given (default: every *.ipynb beside this script) must be
committed clean (no outputs, no execution counts) and must run from its own
directory without a failing cell. The executed copy is written to --out if
given (never over the committed notebook).

    PYTHONPATH=build/dev/bindings/python python3 examples/python/run_notebooks.py
"""

import argparse
import os
import pathlib
import sys
import time

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def unclean_cells(nb):
    return [i for i, cell in enumerate(nb.cells)
            if cell.cell_type == "code" and (cell.get("outputs") or cell.get("execution_count") is not None)]


def main():
    here = pathlib.Path(__file__).resolve().parent
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("notebooks", nargs="*", type=pathlib.Path, help="notebooks (default: examples/python/*.ipynb)")
    parser.add_argument("--out", type=pathlib.Path, help="directory for the executed copies")
    parser.add_argument("--timeout", type=int, default=300, help="seconds allowed per cell (default 300)")
    args = parser.parse_args()
    notebooks = args.notebooks or sorted(here.glob("*.ipynb"))
    if not notebooks:
        print("no notebooks found", file=sys.stderr)
        return 1
    # The debugger ipykernel starts by default warns on every start; it is not used here.
    os.environ.setdefault("PYDEVD_DISABLE_FILE_VALIDATION", "1")
    # The kernel runs in each notebook's directory: make PYTHONPATH independent of ours.
    if os.environ.get("PYTHONPATH"):
        os.environ["PYTHONPATH"] = os.pathsep.join(
            os.path.abspath(p) for p in os.environ["PYTHONPATH"].split(os.pathsep) if p)
    failed = 0
    for path in notebooks:
        nb = nbformat.read(path, as_version=4)
        nbformat.validate(nb)
        dirty = unclean_cells(nb)
        if dirty:
            print("%s: committed with outputs in code cells %s; clear them before committing" % (path, dirty))
            failed += 1
            continue
        start = time.monotonic()
        client = NotebookClient(nb, timeout=args.timeout, kernel_name="python3",
                                resources={"metadata": {"path": str(path.resolve().parent)}})
        try:
            client.execute()
        except CellExecutionError as error:
            print("%s: a cell failed:\n%s" % (path, error))
            failed += 1
        else:
            cells = sum(1 for c in nb.cells if c.cell_type == "code")
            print("%s: %d code cells ran in %.1f s" % (path, cells, time.monotonic() - start))
        if args.out:
            args.out.mkdir(parents=True, exist_ok=True)
            nbformat.write(nb, args.out / path.name)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
