#!/usr/bin/env python3
# libgist - therapy-sequencing decision support for advanced GIST.
# SPDX-License-Identifier: Apache-2.0
"""Lines of therapy from Python over a large synthetic cohort: events per second.

Prints, for the same events in the same run:

  numpy read         a plain read of every column the engine reads (the
                     memory-bandwidth bound);
  C API              gist_cohort_run on the same numpy columns through the thin
                     wrapper (gist._cohort.run_columns), one thread and all cores;
  Python path        gist.cohort(df) from a DataFrame with typed columns (int64
                     ids, datetime64 dates, categorical agents and enums): the
                     column checks and conversions plus the C run (goal: within
                     1.5x of the C API); then the lines DataFrame with its
                     text columns, and gist.lines(df) end to end;
  pandas rules       a straightforward vectorised pandas implementation of the
                     core line rules (dose steps, combination window,
                     discontinuation gap) on the same frame;
  bench_lines        the C benchmark of the same build at the same size, when built;

with the ratios, and the peak memory (getrusage).

The cohort: gist-synth writes a base cohort of --base patients once into the
build directory; it is read with pandas into typed columns and repeated with
new patient ids up to --patients (default 1 000 000, ~35 M events), so the
events have gist-synth's distribution without parsing a multi-gigabyte CSV.

Usage: bench_lines.py [--build build/release] [--patients 1000000] [--base 20000] [--runs 3]
"""

import argparse
import os
import pathlib
import resource
import statistics
import subprocess
import sys
import time

REPO = pathlib.Path(__file__).resolve().parent.parent


def default_build():
    for preset in ("release", "dev"):
        build = REPO / "build" / preset
        if (build / "bindings" / "python" / "gist").is_dir():
            return build
    return REPO / "build" / "release"


def peak_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def best(fn, runs):
    times, value = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), value


def base_cohort(build, patients, seed):
    path = build / "bench" / ("cohort-%d-%d.csv" % (patients, seed))
    if not path.is_file():
        synth = build / "tools" / "gist-synth"
        if not synth.is_file():
            sys.exit("%s is not built" % synth)
        path.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(synth), "--patients", str(patients), "--seed", str(seed), str(path)], check=True)
    return path


def read_typed(pd, path):
    df = pd.read_csv(path, dtype={"patient": "int64", "dose_mg": "float64"}, parse_dates=["date", "end"])
    for name in ("event", "agent", "schedule", "reason", "response", "method", "criteria", "extent", "value"):
        df[name] = df[name].astype("category")
    return df


def repeat(np, pd, base, patients):
    """The base cohort repeated with new patient ids up to ``patients`` patients, still sorted by patient."""
    ids = base["patient"].to_numpy()
    span = int(ids.max())
    copies = -(-patients // span)
    n = len(base)
    out = {}
    offsets = np.repeat(np.arange(copies, dtype=np.int64) * span, n)
    out["patient"] = np.tile(ids, copies) + offsets
    for name in base.columns:
        if name == "patient":
            continue
        col = base[name]
        if isinstance(col.dtype, pd.CategoricalDtype):
            out[name] = pd.Categorical.from_codes(np.tile(col.cat.codes.to_numpy(), copies), dtype=col.dtype)
        else:
            out[name] = np.tile(col.to_numpy(), copies)
    df = pd.DataFrame(out, columns=list(base.columns))
    keep = df["patient"].to_numpy() <= patients
    return df[keep].reset_index(drop=True) if not keep.all() else df


def numpy_read(np, pd, df):
    """Touch every byte of the columns the engine reads."""
    acc = 0
    for name in df.columns:
        col = df[name]
        values = col.cat.codes.to_numpy() if isinstance(col.dtype, pd.CategoricalDtype) else col.to_numpy()
        if values.dtype.kind == "M":
            values = values.view(np.int64)
        acc += int(values.sum()) if values.dtype.kind in "iu" else int(np.nansum(values))
    return acc


def pandas_rules(np, pd, df, window=28, gap=180):
    """Core line rules, vectorised: exposures by patient and date; a dose step where the agent stays and
    the dose changes; a new line on a new agent started later than the combination window after the
    line's previous start, or after a gap longer than the discontinuation threshold."""
    e = df[df["event"] == "exposure"]
    e = e.sort_values(["patient", "date"], kind="stable")
    patient = e["patient"].to_numpy()
    start = e["date"].to_numpy().view(np.int64) // 86_400_000_000_000
    end = e["end"].to_numpy().view(np.int64)
    end = np.where(end == np.iinfo(np.int64).min, start, end // 86_400_000_000_000)
    agent = e["agent"].cat.codes.to_numpy()
    dose = e["dose_mg"].to_numpy()
    new_patient = np.r_[True, patient[1:] != patient[:-1]]
    prev_end = pd.Series(end).groupby(patient).cummax().shift(1).to_numpy()
    long_gap = ~new_patient & (start - prev_end > gap)
    new_agent = np.r_[True, agent[1:] != agent[:-1]]
    prev_start = np.r_[start[0], start[:-1]] if len(start) else start
    outside_window = start - prev_start > window
    new_line = new_patient | long_gap | (new_agent & outside_window)
    line = np.cumsum(new_line)
    dose_step = ~new_line & ~new_agent & (np.r_[np.nan, dose[:-1]] != dose)
    lines = pd.DataFrame({"line": line, "patient": patient, "start": start, "end": end, "step": dose_step})
    return lines.groupby("line").agg(patient=("patient", "first"), start=("start", "min"), end=("end", "max"),
                                     dose_steps=("step", "sum"))


def bench_lines_c(build, patients):
    exe = build / "bench" / "bench_lines"
    if not exe.is_file():
        return None
    return subprocess.run([str(exe), str(patients)], check=True, capture_output=True, text=True).stdout


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--build", type=pathlib.Path, default=None, help="build directory (default build/release)")
    parser.add_argument("--patients", type=int, default=1_000_000)
    parser.add_argument("--base", type=int, default=20_000, help="patients written by gist-synth and repeated")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-c-bench", action="store_true", help="do not run build/<preset>/bench/bench_lines")
    args = parser.parse_args()
    build = (args.build or default_build()).resolve()
    sys.path.insert(0, str(build / "bindings" / "python"))
    import numpy as np
    import pandas as pd

    import gist
    from gist import _cohort

    t0 = time.perf_counter()
    base = read_typed(pd, base_cohort(build, min(args.base, args.patients), args.seed))
    df = repeat(np, pd, base, args.patients)
    del base
    setup = time.perf_counter() - t0
    n = len(df)
    frame_mb = df.memory_usage(deep=True).sum() / 2 ** 20
    cores = os.cpu_count() or 1
    print("bench_lines.py: %d patients, %d events (%.1f per patient), frame %.0f MB; built in %.1f s; %d cores"
          % (args.patients, n, n / args.patients, frame_mb, setup, cores))
    rss_frame = peak_mb()

    t_read, _ = best(lambda: numpy_read(np, pd, df), args.runs)
    columns, _, _ = _cohort.convert(df)
    t_c1, _ = best(lambda: _cohort.run_columns(columns, threads=1), args.runs)
    t_call, _ = best(lambda: _cohort.run_columns(columns, threads=0), args.runs)
    del columns
    t_py1, _ = best(lambda: gist.cohort(df, threads=1), args.runs)
    t_pyall, result = best(lambda: gist.cohort(df, threads=0), args.runs)
    t_frame, lines = best(lambda: gist.cohort(df).lines, 1)
    t_frame -= t_pyall
    t_lines, lines = best(lambda: gist.lines(df), 1)
    t_pandas, plines = best(lambda: pandas_rules(np, pd, df), 1)

    def row(label, seconds, note=""):
        print("  %-46s %8.1f M events/s  (%7.3f s)  %s" % (label, n / seconds / 1e6, seconds, note))

    row("baseline: numpy read of the columns", t_read)
    row("C API (gist_cohort_run), 1 thread", t_c1, "%.2fx the numpy read" % (t_c1 / t_read))
    row("C API (gist_cohort_run), all cores", t_call, "%.2fx speed-up" % (t_c1 / t_call))
    row("Python gist.cohort(df), 1 thread", t_py1, "%.2fx the C API" % (t_py1 / t_c1))
    row("Python gist.cohort(df), all cores", t_pyall, "%.2fx the C API" % (t_pyall / t_call))
    print("  %-46s %8s             (%7.3f s)  %d lines" % ("  + the lines DataFrame with its text", "", t_frame,
                                                             len(lines)))
    row("Python gist.lines(df) end to end, all cores", t_lines, "%.2fx the C API" % (t_lines / t_call))
    row("pandas: vectorised core line rules", t_pandas,
        "%.1fx gist.cohort; %d lines" % (t_pandas / t_pyall, len(plines)))
    print("  peak memory: %.0f MB in all, of which the frame and its copies %.0f MB" % (peak_mb(), rss_frame))
    goal = t_pyall / t_call
    print("  result: the Python path is %.2fx the C API on all cores (goal: within 1.5x): %s"
          % (goal, "met" if goal <= 1.5 else "NOT met"))
    if not args.no_c_bench:
        out = bench_lines_c(build, args.patients)
        if out:
            print("bench_lines (C, its own synthetic cohort of the same size):")
            print("".join("  " + line + "\n" for line in out.splitlines()), end="")
    return 0


if __name__ == "__main__":
    sys.exit(main())
