#!/usr/bin/env python3
"""The per-construct scaling table of bench/run (issue 11: every construct
must cost at most about x2.3 per doubling of its count).

For each kind of bench/scaling_inputs.py, lints one generated file of N
repetitions for N = 1000 .. 16000, best CPU time (user + sys of the child,
getrusage) of three runs, and reports the growth per doubling. The verdict
uses the two largest doublings: at small N the fixed start-up cost hides any
growth.

Usage: constructs.py MODLINT_BINARY OUT_DIR
Writes OUT_DIR/constructs.md (a REPORT.md section) and OUT_DIR/constructs.json.
"""
import json
import os
import resource
import subprocess
import sys

import scaling_inputs

SIZES = [1000, 2000, 4000, 8000, 16000]
RUNS = 3
LIMIT = 2.3


def cpu_seconds(modlint, path):
    best = None
    for _ in range(RUNS):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        r = subprocess.run([modlint, "--isolated", "--output-format=concise", path],
                           stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if r.returncode not in (0, 1):
            sys.exit(f"constructs.py: modlint exited {r.returncode} on {path}: {r.stderr[:300]}")
        t = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = t if best is None else min(best, t)
    return best


def main():
    modlint, out = sys.argv[1], sys.argv[2]
    rows = []
    for kind, make in scaling_inputs.KINDS.items():
        times, sizes = [], []
        for n in SIZES:
            path = os.path.join(out, "construct.py")
            text = make(n)
            with open(path, "w") as f:
                f.write(text)
            times.append(cpu_seconds(modlint, path))
            sizes.append(len(text))
        growth = [b / a if a > 0 else float("nan") for a, b in zip(times, times[1:])]
        worst = max(growth[-2:])
        rows.append({"construct": kind, "n": SIZES, "bytes": sizes, "cpu_s": times,
                     "growth_per_doubling": growth, "verdict": "PASS" if worst <= LIMIT else "FAIL"})
    with open(os.path.join(out, "constructs.json"), "w") as f:
        json.dump(rows, f, indent=1)
    lines = ["## Scaling per construct", "",
             f"One generated file per construct (`bench/scaling_inputs.py`) with N repetitions; "
             f"best CPU time (user+sys) of {RUNS} runs; growth = time(2N) / time(N). "
             f"Target: at most x{LIMIT} per doubling over the two largest doublings.", "",
             "| construct | " + " | ".join(f"N={n}" for n in SIZES) + " | growth per doubling | verdict |",
             "|---|" + "---:|" * len(SIZES) + "---|---|"]
    for r in rows:
        lines.append(f"| {r['construct']} | " + " | ".join(f"{t:.3f} s" for t in r["cpu_s"]) +
                     " | " + ", ".join(f"x{g:.2f}" for g in r["growth_per_doubling"]) +
                     f" | {r['verdict']} |")
    with open(os.path.join(out, "constructs.md"), "w") as f:
        f.write("\n".join(lines) + "\n")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
