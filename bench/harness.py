#!/usr/bin/env python3
"""Helpers for bench/run: the symlink trees, and the report.

  harness.py mirror LIST ROOT SCALE...   build ROOT/corpus/copy{1..max}/<path>
                                         symlink trees, and ROOT/list-N.txt
                                         listing copies 1..N for each scale;
                                         print the corpus summary as JSON
  harness.py report TMP BENCH_DIR        read TMP/raw (hyperfine JSON, GNU time
                                         RSS), write BENCH_DIR/results.json,
                                         BENCH_DIR/REPORT.md, TMP/scaling.dat
  harness.py rerender RESULTS_JSON DAT   recompute the tables from RESULTS_JSON and
                                         rewrite it, REPORT.md beside it, and DAT
  harness.py summary RESULTS_JSON        print the targets, PASS or FAIL
"""
import json
import os
import re
import statistics
import sys

# Directory names modlint (like Ruff) skips by default; a corpus directory
# named so is mirrored under a neutral name. Hidden directories and
# __pycache__ are skipped too.
EXCLUDED = {
    ".bzr", ".direnv", ".eggs", ".git", ".git-rewrite", ".hg", ".ipynb_checkpoints",
    ".mypy_cache", ".nox", ".pants.d", ".pytest_cache", ".pytype", ".ruff_cache",
    ".svn", ".tox", ".venv", "__pypackages__", "_build", "buck-out", "dist",
    "node_modules", "site-packages", "venv", "__pycache__",
}

# The targets of the issue.
MAX_CAT_RATIO = 2.0        # modlint wall time / cat wall time
MIN_RUFF_RATIO = 30.0      # Ruff-wasm wall time / modlint wall time
MAX_RSS_MB = 50.0          # modlint peak RSS at every scale (MB = 10^6 bytes)
MIN_PARSE_RATIO = 1.5      # --no-prefilter throughput / bare parse throughput
LINEAR_BAND = (0.8, 1.25)  # time per MB at N x / time per MB at 1x
MAX_RSS_GROWTH = 1.25      # peak RSS at the largest scale / at 1x

MB = 1e6


def neutral(component):
    if component in EXCLUDED or component.startswith("."):
        return ("_" + component) if component.startswith(".") else (component + "_")
    return component


def mirror(list_file, root, scales):
    with open(list_file) as f:
        paths = [p for p in f.read().split("\n") if p]
    if not paths:
        sys.exit("harness.py: empty corpus list")
    mapped, renamed, total = [], {}, 0
    for p in paths:
        if not os.path.isabs(p):
            sys.exit(f"harness.py: not an absolute path in the list: {p}")
        total += os.stat(p).st_size
        parts = p.strip("/").split("/")
        dirs = [neutral(c) for c in parts[:-1]]
        for i, (old, new) in enumerate(zip(parts[:-1], dirs)):
            if old != new:
                renamed["/" + "/".join(parts[: i + 1])] = "/" + "/".join(dirs[: i + 1])
        mapped.append((p, "/".join(dirs + [parts[-1]])))
    copies = []
    for k in range(1, max(scales) + 1):
        base = os.path.join(root, "corpus", f"copy{k}")
        made, out = set(), []
        for src, rel in mapped:
            dst = os.path.join(base, rel)
            d = os.path.dirname(dst)
            if d not in made:
                os.makedirs(d, exist_ok=True)
                made.add(d)
            if not os.path.lexists(dst):
                os.symlink(src, dst)
            out.append(dst)
        out.sort()
        copies.append(out)
    for n in scales:
        with open(os.path.join(root, f"list-{n}.txt"), "w") as f:
            f.write("".join(x + "\n" for copy in copies[:n] for x in copy))
    json.dump(
        {"files": len(paths), "bytes": total, "renamed_dirs": renamed, "scales": scales},
        sys.stdout, indent=1)
    sys.stdout.write("\n")


def read_tsv(path):
    rows = []
    if os.path.exists(path):
        with open(path) as f:
            for line in f:
                line = line.rstrip("\n")
                if line:
                    rows.append(line.split("\t"))
    return rows


def read_rss(path):
    vals = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if re.fullmatch(r"\d+", line):
                vals.append(int(line))
    return vals


def first_line(path):
    try:
        with open(path) as f:
            return f.readline().strip()
    except OSError:
        return ""


def count_findings(path):
    n = 0
    try:
        with open(path, errors="replace") as f:
            for line in f:
                if re.match(r"^\S.*:\d+:\d+: (warning|error): ", line):
                    n += 1
    except OSError:
        return None
    return n


def parse_times(s):
    m = re.fullmatch(r"(\d+)m([\d.]+)s", s)
    return int(m.group(1)) * 60 + float(m.group(2)) if m else 0.0


def background(path):
    """Cores kept busy by other work while a benchmark ran: the machine's busy
    CPU time (/proc/stat) less our own children's, over the wall time."""
    try:
        with open(path) as f:
            lines = [l.split() for l in f if l.strip()]
    except OSError:
        return None
    if len(lines) < 2:
        return None
    tck = os.sysconf("SC_CLK_TCK")

    def parse(fields):
        wall = float(fields[0])
        ticks = [int(x) for x in fields[2:-2]]
        idle = ticks[3] + (ticks[4] if len(ticks) > 4 else 0)
        # user nice system idle iowait irq softirq steal (guest is within user)
        busy = sum(ticks[:8]) - idle
        ours = parse_times(fields[-2]) + parse_times(fields[-1])
        return wall, busy / tck, ours

    w0, b0, o0 = parse(lines[0])
    w1, b1, o1 = parse(lines[-1])
    wall = w1 - w0
    if wall <= 0:
        return None
    return {"wall_s": wall, "busy_cores": (b1 - b0) / wall, "ours_cores": (o1 - o0) / wall,
            "other_cores": max(0.0, (b1 - b0) - (o1 - o0)) / wall}


def verdict(ok):
    return "PASS" if ok else "FAIL"


def report(tmp, bench_dir):
    raw = os.path.join(tmp, "raw")
    meta = dict(read_tsv(os.path.join(raw, "meta.tsv")))
    with open(os.path.join(tmp, "corpus.json")) as f:
        corpus = json.load(f)
    commands = read_tsv(os.path.join(raw, "commands.tsv"))
    filecheck = [
        {"scale": int(s), "opened": int(g), "listed": int(e)}
        for s, g, e in read_tsv(os.path.join(raw, "filecheck.tsv"))
    ]
    bytes1 = corpus["bytes"]
    problems = []
    runs = {}
    for name, scale, nruns, cmd in commands:
        with open(os.path.join(raw, f"hf-{name}.json")) as f:
            hf = json.load(f)["results"][0]
        rss = read_rss(os.path.join(raw, f"rss-{name}.txt"))
        scale = int(scale)
        ok_codes = {0, 1} if name.startswith("modlint") else {0}
        bad = sorted({c for c in hf.get("exit_codes", []) if c not in ok_codes})
        if bad:
            problems.append(f"{name}: exit codes {bad}")
        nbytes = bytes1 * scale
        runs[name] = {
            "name": name,
            "scale": scale,
            "bytes": nbytes,
            "files": corpus["files"] * scale,
            "command": cmd,
            "runs": len(hf["times"]),
            "mean_s": hf["mean"],
            "stddev_s": hf.get("stddev") or 0.0,
            "median_s": hf["median"],
            "min_s": hf["min"],
            "max_s": hf["max"],
            "user_s": hf["user"],
            "system_s": hf["system"],
            "times_s": hf["times"],
            "exit_codes": hf.get("exit_codes", []),
            "mb_per_s": nbytes / hf["mean"] / MB,
            "rss_kib_per_run": rss,
            "peak_rss_mb": max(rss) * 1024 / MB if rss else None,
            "background": background(os.path.join(raw, f"load-{name}.txt")),
        }
    for name in ("parse-bare", "ruff-wasm"):
        if name in runs:
            runs[name]["summary"] = first_line(os.path.join(raw, f"out-{name}.txt"))
    for name in runs:
        if name.startswith("modlint"):
            runs[name]["findings"] = count_findings(os.path.join(raw, f"out-{name}.txt"))

    results = {
        "meta": meta, "corpus": corpus, "filecheck": filecheck, "runs": runs,
        "problems": problems, "background": background(os.path.join(raw, "load-all.txt")),
    }
    write_outputs(results, bench_dir, os.path.join(tmp, "scaling.dat"))


def analyze(results):
    """Scaling table, targets and derived numbers, from the runs."""
    runs = results["runs"]

    def mean(name):
        return runs[name]["mean_s"]

    def cpu(name):
        return runs[name]["user_s"] + runs[name]["system_s"]

    def fastest(name):
        return runs[name]["min_s"]

    scales = sorted({r["scale"] for r in runs.values() if r["name"].startswith("modlint-") and r["name"].endswith("x")})
    scaling = []
    for n in scales:
        m, c = runs[f"modlint-{n}x"], runs[f"cat-{n}x"]
        scaling.append({
            "scale": n,
            "files": m["files"],
            "mb": m["bytes"] / MB,
            "modlint_s": m["mean_s"], "modlint_sd": m["stddev_s"],
            "cat_s": c["mean_s"], "cat_sd": c["stddev_s"],
            "modlint_mb_per_s": m["mb_per_s"],
            "modlint_over_cat": m["mean_s"] / c["mean_s"],
            "per_mb_vs_1x": (m["mean_s"] / n) / runs["modlint-1x"]["mean_s"],
            "modlint_cpu_s": cpu(f"modlint-{n}x"),
            "cpu_per_mb_vs_1x": (cpu(f"modlint-{n}x") / n) / cpu("modlint-1x"),
            "modlint_rss_mb": m["peak_rss_mb"],
        })

    cat_ratio = mean("modlint-1x") / mean("cat-1x")
    ruff_ratio = mean("ruff-wasm") / mean("modlint-1x")
    parse_ratio = mean("parse-bare") / mean("modlint-no-prefilter")
    max_rss = max(s["modlint_rss_mb"] for s in scaling)
    band = [s["per_mb_vs_1x"] for s in scaling]
    rss_growth = max_rss / scaling[0]["modlint_rss_mb"]
    np_cpu = runs["modlint-no-prefilter"]["user_s"] + runs["modlint-no-prefilter"]["system_s"]
    pb_cpu = runs["parse-bare"]["user_s"] + runs["parse-bare"]["system_s"]
    cat_fast = fastest("modlint-1x") / fastest("cat-1x")
    ruff_fast = fastest("ruff-wasm") / fastest("modlint-1x")
    parse_fast = fastest("parse-bare") / fastest("modlint-no-prefilter")
    targets = [
        {"id": "cat", "target": f"whole corpus in at most {MAX_CAT_RATIO:g}x the cat floor",
         "measured": f"modlint / cat = {cat_ratio:.2f}x", "value": cat_ratio,
         "fastest_runs": f"{cat_fast:.2f}x", "pass": cat_ratio <= MAX_CAT_RATIO},
        {"id": "ruff", "target": f"at least {MIN_RUFF_RATIO:g}x faster than Ruff-wasm",
         "measured": f"Ruff-wasm / modlint = {ruff_ratio:.1f}x", "value": ruff_ratio,
         "fastest_runs": f"{ruff_fast:.1f}x", "pass": ruff_ratio >= MIN_RUFF_RATIO},
        {"id": "rss", "target": f"peak RSS at most {MAX_RSS_MB:g} MB at every scale",
         "measured": "max " + f"{max_rss:.1f} MB (" + ", ".join(
             f"{s['scale']}x: {s['modlint_rss_mb']:.1f}" for s in scaling) + ")",
         "value": max_rss, "pass": max_rss <= MAX_RSS_MB},
        {"id": "parse", "target": f"--no-prefilter throughput at least {MIN_PARSE_RATIO:g}x the single-thread bare parse",
         "measured": f"{runs['modlint-no-prefilter']['mb_per_s']:.2f} / {runs['parse-bare']['mb_per_s']:.2f} MB/s = {parse_ratio:.2f}x",
         "value": parse_ratio, "fastest_runs": f"{parse_fast:.2f}x",
         "pass": parse_ratio >= MIN_PARSE_RATIO},
        {"id": "linear", "target": f"time grows linearly (time per MB at every scale within {LINEAR_BAND[0]:g}-{LINEAR_BAND[1]:g}x of 1x)",
         "measured": ", ".join(f"{s['scale']}x: {s['per_mb_vs_1x']:.2f}" for s in scaling),
         "fastest_runs": "CPU time per MB: " + ", ".join(
             f"{s['scale']}x: {s['cpu_per_mb_vs_1x']:.2f}" for s in scaling),
         "value": max(band), "pass": all(LINEAR_BAND[0] <= b <= LINEAR_BAND[1] for b in band)},
        {"id": "flat-rss", "target": f"peak RSS stays flat (largest scale at most {MAX_RSS_GROWTH:g}x of 1x)",
         "measured": f"{rss_growth:.2f}x", "value": rss_growth, "pass": rss_growth <= MAX_RSS_GROWTH},
    ]
    derived = {
        "no_prefilter_cpu_s": np_cpu,
        "parse_bare_cpu_s": pb_cpu,
        "no_prefilter_cpu_over_parse_cpu": np_cpu / pb_cpu,
        "no_prefilter_cores_used": np_cpu / mean("modlint-no-prefilter"),
        "modlint_cores_used": (runs["modlint-1x"]["user_s"] + runs["modlint-1x"]["system_s"]) / mean("modlint-1x"),
        "threads1_over_default": mean("modlint-threads1") / mean("modlint-1x"),
    }
    results.update({"scaling": scaling, "targets": targets, "derived": derived})


def write_outputs(results, bench_dir, datfile):
    analyze(results)
    with open(os.path.join(bench_dir, "results.json"), "w") as f:
        json.dump(results, f, indent=1)
        f.write("\n")
    with open(datfile, "w") as f:
        f.write("# scale MB modlint_s modlint_sd cat_s cat_sd modlint_rss_MB modlint_cpu_s\n")
        for s in results["scaling"]:
            f.write(f"{s['scale']} {s['mb']:.3f} {s['modlint_s']:.6f} {s['modlint_sd']:.6f} "
                    f"{s['cat_s']:.6f} {s['cat_sd']:.6f} {s['modlint_rss_mb']:.3f} "
                    f"{s['modlint_cpu_s']:.6f}\n")
    with open(os.path.join(bench_dir, "REPORT.md"), "w") as f:
        f.write(render(results))
    if results["problems"]:
        sys.exit("harness.py: " + "; ".join(results["problems"]))


LABELS = {
    "cat-1x": "`cat` floor",
    "modlint-1x": "modlint",
    "modlint-threads1": "modlint `--threads 1`",
    "modlint-no-prefilter": "modlint `--no-prefilter`",
    "parse-bare": "bare tree-sitter parse, 1 thread",
    "ruff-wasm": "Ruff-wasm (`F` rules, node)",
}


def shorten(cmd, meta):
    cmd = cmd.replace(meta.get("tmp", "\0"), "$TMP")
    cmd = cmd.replace(meta.get("build_dir", "\0"), "build")
    cmd = cmd.replace(meta.get("repo", "\0") + "/", "")
    return cmd


def other(x):
    b = x.get("background")
    return f"{b['other_cores']:.2f}" if b else "?"


def render(r):
    meta, corpus, runs = r["meta"], r["corpus"], r["runs"]
    meta = dict(meta)
    if r.get("background"):
        meta["background"] = f"{r['background']['other_cores']:.2f} cores on average"
    out = []
    w = out.append
    w("# modlint benchmark\n")
    w(f"Generated by `bench/run` ({meta.get('mode', '?')} mode) on {meta.get('date', '?')}. "
      "Every number below comes from that one run, on the same files, caches warm "
      f"(one warm-up run before the timed ones). Raw numbers: [`results.json`](results.json).\n")
    w("## Machine and versions\n")
    w("| | |\n|---|---|")
    for key, label in [("cpu", "CPU"), ("nproc", "cores (nproc)"), ("memory", "memory"),
                       ("os", "OS"), ("kernel", "kernel"),
                       ("loadavg_start", "load average at start"), ("loadavg_end", "load average at end"),
                       ("background", "other processes' CPU use during the measurements"),
                       ("waited", "seconds spent waiting for a quieter machine (`--max-wait`)"),
                       ("modlint", "modlint"), ("modlint_built", "modlint binary built"),
                       ("modlint_sha256", "modlint binary SHA-256 (first 16 hex digits)"), ("ruff", "Ruff wasm (`@astral-sh/ruff-wasm-nodejs`)"),
                       ("node", "node"), ("hyperfine", "hyperfine"), ("gnu_time", "GNU time"),
                       ("gnuplot", "gnuplot")]:
        w(f"| {label} | {meta.get(key, '?')} |")
    w("")
    w(f"Corpus: {corpus['files']} Python files, {corpus['bytes']} bytes "
      f"({corpus['bytes'] / MB:.1f} MB), from `../shared/corpus/install`, linted through a tree "
      "of symlinks mirroring their paths (`$TMP/corpus/copyK/usr/lib/...`).")
    if corpus.get("renamed_dirs"):
        w(" Directories modlint skips by default were mirrored under a neutral name so every tool "
          "sees the same files: " + ", ".join(f"`{a}` as `{b}`" for a, b in corpus["renamed_dirs"].items()) + ".")
    for fc in r["filecheck"]:
        w(f" At {fc['scale']}x modlint opened {fc['opened']} files (strace), the list has {fc['listed']}.")
    w("\n")
    w("## Results (1x corpus)\n")
    w("| what | runs | mean ± σ (s) | min (s) | CPU, user+sys (s) | MB/s | peak RSS (MB) | other load (cores) |")
    w("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name in ("cat-1x", "modlint-1x", "modlint-threads1", "modlint-no-prefilter", "parse-bare", "ruff-wasm"):
        x = runs[name]
        w(f"| {LABELS[name]} | {x['runs']} | {x['mean_s']:.3f} ± {x['stddev_s']:.3f} | {x['min_s']:.3f} | "
          f"{x['user_s'] + x['system_s']:.3f} | {x['mb_per_s']:.1f} | {x['peak_rss_mb']:.1f} | {other(x)} |")
    w("")
    w("Peak RSS is the largest `ru_maxrss` (GNU time `%M`) over the runs; for `cat` it is that of "
      "`xargs`/`cat`. CPU is the mean user+system time of a run, which other processes "
      "disturb less than the wall time. Findings reported by modlint: "
      f"{runs['modlint-1x'].get('findings')}; `--no-prefilter`: {runs['modlint-no-prefilter'].get('findings')}.")
    for name in ("parse-bare", "ruff-wasm"):
        if runs[name].get("summary"):
            w(f" `{name}` printed: `{runs[name]['summary']}`.")
    w("\n")
    w("## Targets\n")
    w("| target | measured (means) | from the fastest runs (or CPU time) | |\n|---|---|---|---|")
    for t in r["targets"]:
        w(f"| {t['target']} | {t['measured']} | {t.get('fastest_runs', '')} | **{verdict(t['pass'])}** |")
    w("")
    w("The verdict is on the means. \"Other load\" is the CPU time other processes on the machine "
      "used while a benchmark ran (busy time in `/proc/stat` less our own), in cores out of "
      f"{meta.get('nproc', '?')}: anything well above 0 slowed that benchmark down.")
    d = r["derived"]
    w("")
    w(f"Also: modlint uses {d['modlint_cores_used']:.2f} cores on average (CPU time / wall time), "
      f"`--no-prefilter` {d['no_prefilter_cores_used']:.2f}; `--no-prefilter` spends "
      f"{d['no_prefilter_cpu_over_parse_cpu']:.2f}x the CPU time of the bare parse "
      f"({d['no_prefilter_cpu_s']:.2f} s against {d['parse_bare_cpu_s']:.2f} s: the analysis and "
      f"the driver add {100 * (d['no_prefilter_cpu_over_parse_cpu'] - 1):.0f}% over parsing); "
      f"`--threads 1` takes {d['threads1_over_default']:.2f}x the default's wall time.\n")
    busy = [n for n, x in runs.items() if x.get("background") and x["background"]["other_cores"] > 0.5]
    quiet = [n for n, x in runs.items() if x.get("background") and x["background"]["other_cores"] <= 0.2]
    if busy:
        w(f"**Caution:** other processes kept more than half a core busy during {len(busy)} of "
          f"{len(runs)} benchmarks ({', '.join(busy)}), so their wall times, and the ratios "
          "between benchmarks run under different loads, are perturbed; the CPU times "
          "(user+sys) and peak RSS are much less so."
          + (f" Quiet (at most 0.2 cores of other load): {', '.join(quiet)}." if quiet else "")
          + " Rerun `bench/run` on an idle machine for clean wall-time ratios.\n")
    if r["problems"]:
        w("**Problems:** " + "; ".join(r["problems"]) + "\n")
    w("## Scaling\n")
    w("The corpus repeated N times: N symlink trees, modlint given the N directories, `cat` the N lists.\n")
    w("| scale | files | MB | modlint (s) | MB/s | modlint CPU (s) | cat (s) | modlint / cat | time per MB vs 1x | CPU per MB vs 1x | peak RSS (MB) | other load (cores) |")
    w("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for s in r["scaling"]:
        w(f"| {s['scale']}x | {s['files']} | {s['mb']:.1f} | {s['modlint_s']:.3f} ± {s['modlint_sd']:.3f} | "
          f"{s['modlint_mb_per_s']:.1f} | {s['modlint_cpu_s']:.3f} | {s['cat_s']:.3f} | "
          f"{s['modlint_over_cat']:.2f} | {s['per_mb_vs_1x']:.2f} | {s['cpu_per_mb_vs_1x']:.2f} | "
          f"{s['modlint_rss_mb']:.1f} | {other(runs['modlint-%dx' % s['scale']])} |")
    w("")
    w("![wall time and peak RSS against input size](scaling.png)\n")
    w("## Commands\n")
    w("`$TMP` is the run's temporary directory; `$TMP/bin` holds a copy of `build/modlint` and "
      "`build/modlint_parse_bench` taken at the start, so that a rebuild during the run changes nothing; every command runs under GNU time, which appends "
      "its peak RSS (KiB) to a file; `-i` because modlint exits 1 when it has findings (the exit "
      "codes are checked afterwards).\n")
    w("```sh")
    for x in runs.values():
        w(shorten(x["command"], meta))
    w("```\n")
    return "\n".join(out)


def summary(path):
    with open(path) as f:
        r = json.load(f)
    for name, x in r["runs"].items():
        print(f"{name:22} {x['mean_s']:8.3f} s  {x['mb_per_s']:8.1f} MB/s  {x['peak_rss_mb']:7.1f} MB peak RSS")
    for t in r["targets"]:
        print(f"{verdict(t['pass'])}  {t['target']}: {t['measured']}")
    if r.get("background"):
        print(f"other processes used {r['background']['other_cores']:.2f} cores on average during the measurements")
    if r["problems"]:
        print("problems: " + "; ".join(r["problems"]))


def main(argv):
    if len(argv) >= 4 and argv[1] == "mirror":
        mirror(argv[2], argv[3], [int(x) for x in argv[4:]] or [1])
    elif len(argv) == 4 and argv[1] == "report":
        report(argv[2], argv[3])
    elif len(argv) == 4 and argv[1] == "rerender":
        with open(argv[2]) as f:
            results = json.load(f)
        write_outputs(results, os.path.dirname(os.path.abspath(argv[2])), argv[3])
    elif len(argv) == 3 and argv[1] == "summary":
        summary(argv[2])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv)
