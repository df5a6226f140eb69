#!/usr/bin/env python3
"""Fix safety on real code: `modlint --fix --unsafe-fixes` applied to a copy of
every corpus file with a finding, ~200 corpus files without one, and every
fixtures/**/*.py must

- leave every file that Python 3 compiled before still compiling (checked
  in-process with compile() on the file's bytes, so coding cookies and BOMs
  are honoured as py_compile would);
- change no file that had no finding (byte-identical, same mode);
- converge: a second run reports no finding that still has a fix.

The files without findings are a fixed sample (evenly spaced in the sorted
corpus list: half among files that mention exec/new_module/ModuleType/
module_from_spec, so the parser and rules really run on them, half among the
rest), so every run checks the same files.

Usage: test_fix_safety.py MODLINT_BINARY REPO_ROOT
Exit 77 (skipped) where the corpus cannot be installed (no ../shared, not
root), like test_corpus.py. Prints `N passed, M failed` last.
"""
import glob
import hashlib
import json
import os
import shutil
import stat
import subprocess
import sys
import tempfile
import warnings

SKIP = 77
CHUNK = 500
SAMPLE = 200
WORDS = (b"exec", b"new_module", b"ModuleType", b"module_from_spec")


def compiles(path):
    with open(path, "rb") as f:
        source = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, path, "exec", dont_inherit=True)
            return True
        except (SyntaxError, ValueError, UnicodeDecodeError, MemoryError, RecursionError):
            return False


def digest(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def lint_json(modlint, files, *extra):
    """Findings per file (modlint --output-format=json), and a list of problems."""
    findings, problems = {}, []
    for start in range(0, len(files), CHUNK):
        chunk = files[start:start + CHUNK]
        r = subprocess.run([modlint, "--isolated", "--output-format=json", *extra, *chunk],
                           capture_output=True, timeout=600)
        if r.returncode not in (0, 1) or r.stderr:
            problems.append(f"modlint {' '.join(extra)} exited {r.returncode} on files "
                            f"{start}..{start + len(chunk) - 1}: "
                            f"{r.stderr.decode(errors='replace').strip()[:2000]}")
        try:
            items = json.loads(r.stdout.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as e:
            problems.append(f"invalid JSON output ({e}) on files {start}..")
            continue
        for item in items:
            findings.setdefault(item["filename"], []).append(item)
    return findings, problems


def main():
    modlint, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    install = os.path.join(os.path.dirname(root), "shared", "corpus", "install")
    if not os.path.exists(install):
        print(f"skipped: no corpus installer at {install}")
        return SKIP
    work = tempfile.mkdtemp(prefix="modlint-fix-safety-")
    try:
        listing = os.path.join(work, "corpus-files.txt")
        r = subprocess.run([install, listing], capture_output=True, text=True)
        if r.returncode != 0:
            if os.geteuid() != 0:
                print("skipped: installing the corpus needs root (apt-get)\n" + r.stderr)
                return SKIP
            print(r.stdout + r.stderr)
            print("0 passed, 1 failed")
            return 1
        print(r.stdout.strip())
        with open(listing) as f:
            corpus = [line.rstrip("\n") for line in f if line.strip()]
        return check(modlint, root, work, corpus)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def check(modlint, root, work, corpus):
    failures, checks = [], 0

    # 1. Which corpus files have findings (the originals are only read).
    found, problems = lint_json(modlint, corpus)
    failures += problems
    with_findings = [f for f in corpus if f in found]
    rest = [f for f in corpus if f not in found]
    mentions, others = [], []
    for f in rest:
        with open(f, "rb") as fh:
            data = fh.read()
        (mentions if any(w in data for w in WORDS) else others).append(f)

    def spaced(items, n):
        if len(items) <= n:
            return list(items)
        return [items[i * len(items) // n] for i in range(n)]

    sample = spaced(mentions, SAMPLE // 2) + spaced(others, SAMPLE - min(SAMPLE // 2,
                                                                         len(mentions)))
    fixtures = sorted(glob.glob(os.path.join(root, "fixtures", "**", "*.py"), recursive=True))

    # 2. The copy: corpus files under copy/corpus/<absolute path>, fixtures
    #    under copy/fixtures/<relative path>.
    copy = os.path.join(work, "copy")
    origin = {}
    for f in with_findings + sample:
        dst = os.path.join(copy, "corpus", f.lstrip("/"))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(f, dst)
        origin[dst] = f
    for f in fixtures:
        dst = os.path.join(copy, "fixtures", os.path.relpath(f, os.path.join(root, "fixtures")))
        os.makedirs(os.path.dirname(dst), exist_ok=True)
        shutil.copy2(f, dst)
        origin[dst] = f
    files = sorted(origin)

    checks += 3  # the three lint runs: before on the originals, before and after on the copy
    # 3. Before: findings on the copy, hashes, modes, and who compiles.
    before, problems = lint_json(modlint, files)
    failures += problems
    state = {f: (digest(f), stat.S_IMODE(os.stat(f).st_mode), compiles(f)) for f in files}
    print(f"{len(files)} files copied: {len(with_findings)} corpus files with findings, "
          f"{len(sample)} corpus files without, {len(fixtures)} fixtures; "
          f"{sum(1 for f in files if f in before)} with findings, "
          f"{sum(1 for s in state.values() if s[2])} compile under Python "
          f"{sys.version_info.major}.{sys.version_info.minor}")

    # 4. Fix.
    for start in range(0, len(files), CHUNK):
        chunk = files[start:start + CHUNK]
        r = subprocess.run([modlint, "--isolated", "--fix", "--unsafe-fixes",
                            "--output-format=concise", *chunk], capture_output=True, timeout=600)
        checks += 1
        if r.returncode not in (0, 1) or r.stderr:
            failures.append(f"modlint --fix --unsafe-fixes exited {r.returncode} on files "
                            f"{start}..{start + len(chunk) - 1}: "
                            f"{r.stderr.decode(errors='replace').strip()[:2000]}")
    leftovers = [p for p in glob.glob(os.path.join(copy, "**", ".modlint-*"), recursive=True)]
    checks += 1
    for p in leftovers:
        failures.append(f"temporary file left behind: {p}")

    # 5. After: compiles, untouched, converged.
    after, problems = lint_json(modlint, files)
    failures += problems
    for f in files:
        digest0, mode0, compiled0 = state[f]
        checks += 4
        if compiled0 and not compiles(f):
            failures.append(f"compiled before the fixes, not after: {origin[f]} "
                            f"(fixed copy {f}: {compile_error(f)})")
        if f not in before and digest(f) != digest0:
            failures.append(f"changed although it had no finding: {origin[f]} (copy {f})")
        if stat.S_IMODE(os.stat(f).st_mode) != mode0:
            failures.append(f"mode changed from {mode0:o} to "
                            f"{stat.S_IMODE(os.stat(f).st_mode):o}: {origin[f]}")
        still = [item for item in after.get(f, []) if item.get("fix") is not None]
        if still:
            failures.append(f"fixes do not converge: {origin[f]} (copy {f}): " + "; ".join(
                f"{i['location']['row']}:{i['location']['column']}: {i['code']} still has a "
                f"fix ({i['fix'].get('message')})" for i in still))
    fixed = [f for f in files if f in before and digest(f) != state[f][0]]
    print(f"{len(fixed)} files changed by the fixes; "
          f"{sum(len(v) for v in after.values())} findings without a fix remain")
    for failure in failures:
        print("FAIL:", failure)
    failed = len(failures)
    checks = max(checks, failed)
    print(f"{checks - failed} passed, {failed} failed")
    return 1 if failed else 0


def compile_error(path):
    with open(path, "rb") as f:
        source = f.read()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            compile(source, path, "exec", dont_inherit=True)
            return "compiles"
        except Exception as e:  # noqa: BLE001 - any reason is reported
            return f"{type(e).__name__}: {e}"


if __name__ == "__main__":
    sys.exit(main())
