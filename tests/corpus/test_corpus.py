#!/usr/bin/env python3
"""modlint on ~8,400 real Python files nobody here wrote (Debian packages:
CPython's library and tests, Django, NumPy, SymPy, Twisted, ...) must report
exactly the reviewed findings of expected.txt: no false positive slips in, no
true one goes missing, nothing crashes or fails to read.

Usage: test_corpus.py MODLINT_BINARY REPO_ROOT
Exit 77 (skipped) where the corpus cannot be installed (no ../shared, not root).
"""
import os
import re
import subprocess
import sys
import tempfile

SKIP = 77


def main():
    modlint, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    install = os.path.join(os.path.dirname(root), "shared", "corpus", "install")
    if not os.path.exists(install):
        print(f"skipped: no corpus installer at {install}")
        return SKIP
    with tempfile.TemporaryDirectory() as tmp:
        listing = os.path.join(tmp, "corpus-files.txt")
        r = subprocess.run([install, listing], capture_output=True, text=True)
        if r.returncode != 0:
            if os.geteuid() != 0:
                print("skipped: installing the corpus needs root (apt-get)\n" + r.stderr)
                return SKIP
            print(r.stdout + r.stderr)
            return 1
        print(r.stdout.strip())
        with open(listing) as f:
            files = [line.rstrip("\n") for line in f if line.strip()]

    errors = []

    def lint(*flags):
        found = []
        for start in range(0, len(files), 1000):
            chunk = files[start:start + 1000]
            r = subprocess.run([modlint, "--output-format=concise", *flags, *chunk],
                               capture_output=True, text=True)
            if r.returncode not in (0, 1) or r.stderr:
                errors.append(f"exit {r.returncode}: {r.stderr.strip()[:2000]}")
            for line in r.stdout.splitlines():
                m = re.match(r"(.*?:\d+:\d+): \w+: .* \[(MOD\d+|syntax-error)\]$", line)
                if not m:
                    errors.append("unparsable output line: " + line)
                    continue
                found.append(f"{m.group(1)}: {m.group(2)}")
        return found

    got = lint()
    # The prefilter only skips work, and the thread count changes nothing:
    # every file parsed and analysed on one thread finds the same.
    unfiltered = lint("--no-prefilter", "--threads=1")
    if unfiltered != got:
        errors.append("--no-prefilter --threads=1 differs: only with the prefilter: "
                      f"{sorted(set(got) - set(unfiltered))}, only without: "
                      f"{sorted(set(unfiltered) - set(got))}")

    expected = []
    with open(os.path.join(root, "tests", "corpus", "expected.txt")) as f:
        for line in f:
            line = line.split("  #", 1)[0].strip()
            if line and not line.startswith("#"):
                expected.append(line)

    unexpected = sorted(set(got) - set(expected))
    missing = sorted(set(expected) - set(got))
    counts = {}
    for g in got:
        code = g.rsplit(" ", 1)[1]
        counts[code] = counts.get(code, 0) + 1
    print(f"{len(files)} files, {len(got)} findings: " +
          ", ".join(f"{c} {n}" for c, n in sorted(counts.items())))
    for e in errors:
        print("error:", e)
    for u in unexpected:
        print("unexpected (a false positive, or not yet reviewed):", u)
    for m in missing:
        print("missing (a reviewed finding no longer reported):", m)
    ok = not errors and not unexpected and not missing
    print(f"{1 if ok else 0} passed, {0 if ok else 1} failed")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
