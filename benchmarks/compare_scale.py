#!/usr/bin/env python3
"""Times scipy's ks_2samp(method="asymp") at N = 1M reference x 1M window (normal(0,1) vs normal(0.05,1)) and prints
the targets of the bounded-profile benchmarks against the newest BenchmarkDotNet report of ScaleBenchmarks made in the
same session, with the machine's load average.

    /usr/bin/python3 benchmarks/compare_scale.py --results BenchmarkDotNet.Artifacts/results
"""
import argparse
import glob
import json
import os
import statistics
import time

import numpy as np
import scipy
import scipy.stats


def time_it(fn, repeat):
    fn()
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1e9


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--results", default="BenchmarkDotNet.Artifacts/results")
    parser.add_argument("--n", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rng = np.random.default_rng(1)
    reference = rng.normal(0.0, 1.0, args.n)
    current = rng.normal(0.05, 1.0, args.n)
    load = os.getloadavg()
    scipy_ns = time_it(lambda: scipy.stats.ks_2samp(reference, current, method="asymp"), args.repeat)
    print(f"scipy {scipy.__version__} numpy {np.__version__}: ks_2samp asymp N={args.n}: {scipy_ns / 1e6:.1f} ms "
          f"(load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} before, {os.getloadavg()[0]:.1f} after)")

    files = sorted(glob.glob(os.path.join(args.results, "*ScaleBenchmarks*-report-full*.json")), key=os.path.getmtime)
    if not files:
        files = sorted(glob.glob(os.path.join(args.results, "*ScaleBenchmarks*-report*.json")), key=os.path.getmtime)
    if not files:
        print("no ScaleBenchmarks report found")
        return
    with open(files[-1], encoding="utf-8") as f:
        doc = json.load(f)
    rows = {}
    for b in doc["Benchmarks"]:
        rows[b["Method"]] = (b["Statistics"]["Mean"], (b.get("Memory") or {}).get("BytesAllocatedPerOperation"))
    for method, (mean, alloc) in rows.items():
        print(f"{method:24s} {mean / 1e6:10.3f} ms  alloc {alloc} B")

    def ratio(a, b):
        return rows[a][0] / rows[b][0]

    sort = rows["BaselineSortCopy"][0]
    print()
    print(f"KsWithProfileNoSort vs scipy: {scipy_ns / rows['KsWithProfileNoSort'][0]:.1f}x (target >= 50x)")
    print(f"KsWithProfileNoSort / BaselineSortCopy: {rows['KsWithProfileNoSort'][0] / sort:.3f} (target <= 0.25)")
    print(f"KsTwoSample vs scipy: {scipy_ns / rows['KsTwoSample'][0]:.1f}x (target >= 20x)")
    print(f"KsWithSketch vs scipy: {scipy_ns / rows['KsWithSketch'][0]:.1f}x (target >= 300x)")
    print(f"ProfileBuild / SketchProfileBuild (per value, same N): {ratio('ProfileBuild', 'SketchProfileBuild'):.2f}x (target >= 3x)")
    print(f"SketchMerge16: {rows['SketchMerge16'][0] / 1e6:.3f} ms, ProfileMerge16: {rows['ProfileMerge16'][0] / 1e6:.3f} ms (target < 1 ms)")


if __name__ == "__main__":
    main()
