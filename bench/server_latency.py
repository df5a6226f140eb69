#!/usr/bin/env python3
"""Latency of `modlint server`: from a didChange to the publishDiagnostics
of that version, on a 5,000-line file with findings, against one
`modlint check` run of the same file (process start included, as an editor
calling the CLI on save would pay).

Usage: server_latency.py MODLINT OUT_DIR [CHANGES]
Writes OUT_DIR/server_latency.md (a REPORT.md section) and
OUT_DIR/server_latency.json; prints the section.
"""
import json
import os
import statistics
import subprocess
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "server"))
from lsp_client import Client, uri  # noqa: E402

FACTORY = '''\
def load_{i}(name, source):
    mod = types.ModuleType(name)
    exec(source, mod.__dict__)
    return mod.handler


'''
BLOCK = '''\
class Widget{i}(object):
    def __init__(self, size):
        self.size = size
        self.items = [n * {i} for n in range(size)]

    def total(self):
        return sum(self.items) + len(self.items)

'''


def make_file(lines=5000):
    head = "import types\nimport imp\n\nold = imp.new_module('old')\n\n"
    body, i = [], 0
    while len((head + "".join(body)).splitlines()) < lines:
        # One function in ten makes a module (and is a finding).
        body.append(((FACTORY if i % 10 == 0 else "") + BLOCK).format(i=i))
        i += 1
    return head + "".join(body)


def cpu_ms(pid):
    """User and system CPU time of a process so far (/proc), in ms."""
    with open("/proc/%d/stat" % pid) as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")


def percentile(xs, p):
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(round(p / 100 * (len(xs) - 1))))]


def main():
    modlint, out_dir = os.path.abspath(sys.argv[1]), sys.argv[2]
    changes = int(sys.argv[3]) if len(sys.argv) > 3 else 100
    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, "latency_5000.py")
    text = make_file()
    with open(path, "w") as f:
        f.write(text)
    nlines = len(text.splitlines())

    cli, cli_cpu = [], []
    for _ in range(max(10, changes // 5)):
        r0, t0 = os.times(), time.perf_counter()
        subprocess.run([modlint, "check", "--output-format=json", "--isolated", path],
                       capture_output=True, check=False)
        cli.append((time.perf_counter() - t0) * 1000)
        r1 = os.times()
        cli_cpu.append((r1.children_user + r1.children_system - r0.children_user -
                        r0.children_system) * 1000)

    c = Client(modlint, cwd=out_dir)
    c.initialize()
    doc = uri(path)
    c.open(doc, text)
    findings = len(c.diagnostics(doc, 1)["diagnostics"])
    lat = []
    cpu0 = cpu_ms(c.proc.pid)
    # Typing on the last line: insert a character, then take it back out.
    last = nlines - 1
    for v in range(2, changes + 2):
        edit = ({"range": {"start": {"line": last, "character": 0},
                           "end": {"line": last, "character": 0}}, "text": "#"}
                if v % 2 == 0 else
                {"range": {"start": {"line": last, "character": 0},
                           "end": {"line": last, "character": 1}}, "text": ""})
        t0 = time.perf_counter()
        c.change(doc, v, [edit])
        c.diagnostics(doc, v)
        lat.append((time.perf_counter() - t0) * 1000)
    server_cpu = (cpu_ms(c.proc.pid) - cpu0) / changes
    c.finish()
    load = os.getloadavg()[0]

    res = {"lines": nlines, "bytes": len(text.encode()), "findings": findings,
           "changes": changes, "load_average": load,
           "server_ms": {"median": statistics.median(lat), "p95": percentile(lat, 95),
                         "min": min(lat), "max": max(lat), "cpu_per_change": server_cpu},
           "cli_ms": {"median": statistics.median(cli), "p95": percentile(cli, 95),
                      "runs": len(cli), "cpu_median": statistics.median(cli_cpu)}}
    with open(os.path.join(out_dir, "server_latency.json"), "w") as f:
        json.dump(res, f, indent=2)
    s, k = res["server_ms"], res["cli_ms"]
    md = f"""## Language server latency

`modlint server` on a generated {nlines:,}-line file ({res['bytes'] / 1024:.0f} KB, {findings}
findings), {changes} one-character edits on its last line, each timed from
sending `textDocument/didChange` to receiving the `publishDiagnostics` of
that version (`bench/server_latency.py`); against `modlint check
--output-format=json` of the same file, process start included ({k['runs']} runs).
CPU is the process's user + system time (the server's per change, from
/proc; the CLI's per run), which other load inflates far less than wall time.
Load average (1 min) at the end: {load:.1f}.

| | median | p95 | CPU |
|---|---|---|---|
| server, change -> publish | {s['median']:.1f} ms | {s['p95']:.1f} ms | {s['cpu_per_change']:.1f} ms |
| one CLI run | {k['median']:.1f} ms | {k['p95']:.1f} ms | {k['cpu_median']:.1f} ms |
"""
    with open(os.path.join(out_dir, "server_latency.md"), "w") as f:
        f.write(md)
    print(md)


if __name__ == "__main__":
    main()
