#!/usr/bin/env python3
# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""How long does one piece of advice take from Python?

Prints microseconds per Pathway.advise() call (goal: <= 5 us) beside
baselines measured in the same run:

  C advise        bench_advise from the same build: gist_advise + free in C,
                  the floor any binding adds to;
  raw SWIG call   gist.core's advise(): the C call through SWIG alone, without
                  the Python objects of the package;
  decide          Pathway.decide() over a list: the same decisions in one
                  call, per patient.

The patients are the twelve kinds bench/bench_advise.c uses, in rotation,
over the built-in gist-2016 pathway. Each figure is the median of the runs.

Usage: bench_python.py [--build build/release] [--calls 200000] [--runs 7]
"""

import argparse
import os
import pathlib
import re
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent

# The twelve kinds of patient of bench_advise.c, as keyword facts.
KINDS = [
    dict(regimen=("imatinib", 400), response="progression", confirmed_by="radiologic"),
    dict(regimen=("imatinib", 400), response="stable", confirmed_by="radiologic", tolerance="tolerating"),
    dict(regimen=("imatinib", 800), tolerance="intolerant"),
    dict(regimen=("imatinib", 800), response="progression", confirmed_by="radiologic"),
    dict(regimen=("sunitinib", 50), response="progression", confirmed_by="radiologic"),
    dict(regimen=("sunitinib", 50), response="stable", confirmed_by="radiologic", tolerance="tolerating"),
    dict(regimen=("regorafenib", 160), response="progression", confirmed_by="radiologic"),
    dict(regimen=("imatinib", 400), response="progression", confirmed_by="clinical"),
    dict(regimen=("imatinib", 400), response="progression"),
    dict(genotype="pdgfra_d842v"),
    dict(regimen=("regorafenib", 160), response="responding", confirmed_by="radiologic", tolerance="tolerating"),
    dict(regimen=("imatinib", 400), interrupted=True, response="stable", confirmed_by="radiologic",
         tolerance="tolerating"),
]


def default_build():
    for preset in ("release", "dev"):
        build = REPO / "build" / preset
        if (build / "bindings" / "python" / "gist").is_dir():
            return build
    return REPO / "build" / "release"


def median_us(fn, calls, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter_ns()
        fn(calls)
        times.append((time.perf_counter_ns() - start) / calls / 1000.0)
    return statistics.median(times)


def c_figure(build, calls):
    """ns per gist_advise call from bench_advise in the same build, or None."""
    exe = build / "bench" / "bench_advise"
    if not exe.is_file():
        return None, "%s not built" % exe
    out = subprocess.run([str(exe), str(calls)], check=True, capture_output=True, text=True).stdout
    m = re.search(r"gist_advise \+ gist_advice_free\s+([0-9.]+) ns/call", out)
    return (float(m.group(1)), None) if m else (None, "no figure in bench_advise output")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=pathlib.Path, default=None, help="build directory (default build/release)")
    parser.add_argument("--calls", type=int, default=200000, help="advise calls per run (default 200000)")
    parser.add_argument("--runs", type=int, default=7, help="runs; the median is reported (default 7)")
    args = parser.parse_args()
    build = (args.build or default_build()).resolve()
    sys.path.insert(0, str(build / "bindings" / "python"))
    import gist
    from gist import _core

    calls = max(len(KINDS), args.calls // len(KINDS) * len(KINDS))
    pathway = gist.Pathway.builtin("gist-2016")
    patients = [gist.Patient(setting="advanced", **facts) for facts in KINDS]
    rotation = patients * (calls // len(patients))
    raw_pathway = pathway._raw
    raw_rotation = [p._raw for p in rotation]

    def advise(n):
        adv = pathway.advise
        for p in rotation:
            adv(p)

    def advise_and_read(n):
        adv = pathway.advise
        for p in rotation:
            a = adv(p)
            a.outcome
            a.options

    def raw(n):
        adv = _core.advise
        for p in raw_rotation:
            adv(raw_pathway, p)

    def decide(n):
        pathway.decide(rotation)

    python_us = median_us(advise, calls, args.runs)
    read_us = median_us(advise_and_read, calls, args.runs)
    raw_us = median_us(raw, calls, args.runs)
    decide_us = median_us(decide, calls, args.runs)
    c_ns, why = c_figure(build, calls * 10)

    print("bench_python: pathway gist-2016 (%d rules), %d patient kinds, %d calls x %d runs, median, one core"
          % (len(pathway.rules), len(KINDS), calls, args.runs))
    print("  libgist %s from %s, Python %s" % (gist.version, os.path.relpath(gist.__file__, os.getcwd()),
                                               sys.version.split()[0]))
    print("  %-40s %8.2f us/call   (goal <= 5 us)" % ("Pathway.advise (Python API)", python_us))
    print("  %-40s %8.2f us/call" % ("  + reading outcome and options", read_us))
    print("  %-40s %8.2f us/call   ratio API/raw %.2f" % ("baseline: raw SWIG core.advise", raw_us, python_us / raw_us))
    print("  %-40s %8.2f us/patient" % ("baseline: Pathway.decide (batch)", decide_us))
    if c_ns is not None:
        print("  %-40s %8.3f us/call   ratio Python/C %.1f" % ("baseline: gist_advise in C (bench_advise)",
                                                               c_ns / 1000.0, python_us * 1000.0 / c_ns))
    else:
        print("  baseline: gist_advise in C: not measured (%s)" % why)
    print("  result: %s" % ("within the 5 us goal" if python_us <= 5.0 else "ABOVE the 5 us goal"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
