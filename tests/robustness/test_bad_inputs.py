#!/usr/bin/env python3
"""modlint on inputs that are hostile, broken or strange: each gets a finding
or one clear error line naming the file (`modlint: error: PATH: ...`), never a
crash, a hang or a silent skip; the other files of the run are still linted
and reported; an error makes the exit status 2 (only findings: 1). `--fix`
writes through a temporary file beside the original and a rename, keeping the
mode, and leaves the original untouched when it cannot write. modlint never
runs the code it analyses.

Every bad input sits next to a GOOD file with a known finding (MOD004 at 2:5)
in the same run, and every run has a time limit (a hang is a failure).

Some tests need to drop root's privileges (a read-only directory does not stop
root) or to mount a small tmpfs (a full disk); they skip, naming the reason,
only where the machine cannot do that. Big inputs are generated into a
temporary directory.

Usage: test_bad_inputs.py MODLINT_BINARY REPO_ROOT
"""
import json
import os
import pwd
import re
import shutil
import stat
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import xml.etree.ElementTree as ET

MODLINT = None
ROOT = None
CLASSIC = None
TIMEOUT = 60  # seconds for one modlint run; a hang fails the test

GOOD_SRC = b"import imp\nm = imp.new_module('x')\n"
# The fixed call was imp's only reader, so MOD004's fix removes its import.
GOOD_FIXED = b"import types\nm = types.ModuleType('x')\n"
MOD004 = ("warning: 'imp.new_module' is deprecated since Python 3.4 and removed in 3.12; "
          "use 'types.ModuleType' [MOD004]")
MOD005 = ("error: Python 2 'exec' statement is a syntax error in Python 3; use the call "
          "form 'exec(...)' [MOD005]")
MOD001 = "warning: module object held only by local 'mod' dies when 'main' returns"


def syntax_error(lines):
    return (f"error: syntax error: modlint could not parse {lines}, so findings there may be "
            "missing [syntax-error]")


ERROR_LINE = re.compile(r"^modlint: error: (.+?): (.+)$")


def text(data):
    """Output bytes as str; undecodable bytes become surrogates, as os.fsdecode does."""
    return data.decode("utf-8", "surrogateescape")


class Result:
    def __init__(self, proc, seconds):
        self.returncode = proc.returncode
        self.stdout_bytes = proc.stdout
        self.stderr_bytes = proc.stderr
        self.stdout = text(proc.stdout)
        self.stderr = text(proc.stderr)
        self.seconds = seconds

    def __repr__(self):
        return (f"exit {self.returncode} after {self.seconds:.1f}s\n--- stdout\n"
                f"{self.stdout[:3000]}\n--- stderr\n{self.stderr[:3000]}")


def run(*args, cwd=None, timeout=TIMEOUT, prefix=(), env=None, stdin=None):
    """modlint ARGS, bytes in and out. A hang or a crash fails the calling test."""
    start = time.monotonic()
    try:
        proc = subprocess.run([*prefix, MODLINT, *args], cwd=cwd, capture_output=True,
                              timeout=timeout, env=env, input=stdin,
                              stdin=None if stdin is not None else subprocess.DEVNULL)
    except subprocess.TimeoutExpired:
        raise AssertionError(f"modlint {args} did not finish within {timeout}s (a hang)")
    r = Result(proc, time.monotonic() - start)
    if r.returncode < 0 or r.returncode > 2:
        raise AssertionError(f"modlint {args} crashed or exited oddly: {r!r}")
    return r


def too_deep_warning(path, line):
    return (f"modlint: warning: {path}:{line}: nested more than 1000 levels deep; modlint "
            "does not analyse deeper, so findings there may be missing\n")


def apply_unified_diff(old, diff):
    """OLD with DIFF's hunks applied, checking every context and removed line."""
    old_lines = old.splitlines(keepends=True)
    out, at = [], 0
    for line in diff.splitlines(keepends=True)[2:]:
        if line.startswith(b"@@"):
            start = int(line.split()[1].split(b",")[0][1:])
            out += old_lines[at:max(start - 1, 0)]
            at = max(start - 1, 0)
        elif line[:1] in (b" ", b"-"):
            assert old_lines[at] == line[1:], (at, line)
            if line[:1] == b" ":
                out.append(line[1:])
            at += 1
        elif line[:1] == b"+":
            out.append(line[1:])
    return b"".join(out + old_lines[at:])


def python2():
    """A Python 2.7 interpreter (exe, env), or None."""
    env = dict(os.environ, PYENV_VERSION="2.7.18")
    exe = shutil.which("python2.7")
    if not exe:
        return None
    try:
        ok = subprocess.run([exe, "-c", "print 1"], env=env, capture_output=True,
                            timeout=30).returncode == 0
    except (OSError, subprocess.TimeoutExpired):
        return None
    return (exe, env) if ok else None


def unprivileged_prefix():
    """(command prefix running modlint as a user that permissions stop, uid, gid,
    reason). Not root: no prefix. Root: setpriv or runuser to 'nobody', if they
    work and 'nobody' can run the binary; else prefix None and the reason."""
    if os.geteuid() != 0:
        return (), os.geteuid(), os.getegid(), ""
    try:
        nobody = pwd.getpwnam("nobody")
    except KeyError:
        return None, None, None, "running as root and there is no user 'nobody'"
    candidates = []
    if shutil.which("setpriv"):
        candidates.append(("setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
                           "--clear-groups"))
    if shutil.which("runuser"):
        candidates.append(("runuser", "-u", "nobody", "--"))
    reasons = []
    for prefix in candidates:
        try:
            r = subprocess.run([*prefix, MODLINT, "--version"], capture_output=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired) as e:
            reasons.append(f"{prefix[0]}: {e}")
            continue
        if r.returncode == 0:
            return prefix, nobody.pw_uid, nobody.pw_gid, ""
        reasons.append(f"{prefix[0]}: exit {r.returncode}: {text(r.stderr).strip()}")
    return None, None, None, ("running as root and cannot drop privileges to run the binary "
                              "as 'nobody' (" + ("; ".join(reasons) or "no setpriv/runuser")
                              + ")")


class Workdir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="modlint-robust-")
        self.cleanups = []

    def tearDown(self):
        for fn in reversed(self.cleanups):
            try:
                fn()
            except Exception:  # noqa: BLE001 - cleanup must go on
                pass
        for dirpath, dirnames, _ in os.walk(self.dir):
            for d in dirnames:  # read-only directories would stop rmtree
                try:
                    os.chmod(os.path.join(dirpath, d), 0o755)
                except OSError:
                    pass
        shutil.rmtree(self.dir, ignore_errors=True)

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data):
        path = self.path(name) if isinstance(name, str) else os.path.join(
            os.fsencode(self.dir), name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def read(self, path):
        with open(path, "rb") as f:
            return f.read()

    def good(self, name="good.py"):
        return self.write(name, GOOD_SRC)

    # -- assertions --------------------------------------------------------

    def assertGoodReported(self, r, good):
        self.assertIn(f"{good}:2:5: {MOD004}", r.stdout.splitlines(), r)

    def assertNoErrors(self, r):
        self.assertEqual(r.stderr, "", r)

    def assertOneError(self, r, path, reason=None):
        """stderr is exactly one line, `modlint: error: PATH: REASON`."""
        lines = r.stderr.splitlines()
        self.assertEqual(len(lines), 1, r)
        m = ERROR_LINE.match(lines[0])
        self.assertIsNotNone(m, r)
        self.assertEqual(m.group(1), path, r)
        if reason is not None:
            self.assertEqual(m.group(2), reason, r)

    def assertFindings(self, r, path, expected):
        """The concise lines of PATH are exactly EXPECTED [(line, col, message)];
        MOD001's message, long and worded per target, is matched by its start."""
        got = [l for l in r.stdout.splitlines() if l.startswith(path + ":")]
        self.assertEqual(len(got), len(expected), r)
        for line, (row, col, msg) in zip(got, expected):
            want = f"{path}:{row}:{col}: {msg}"
            if msg is MOD001:
                self.assertTrue(line.startswith(want) and line.endswith("[MOD001]"), (line, r))
            else:
                self.assertEqual(line, want, r)

    def lint_with_good(self, bad_name, data, expected, fixed=None, unsafe=False):
        """BAD_NAME (bytes DATA) beside good.py: findings exactly EXPECTED, exit 1,
        nothing on stderr; then --fix gives exactly FIXED (if given)."""
        bad = self.write(bad_name, data)
        good = self.good()
        r = run("--output-format=concise", bad, good)
        self.assertFindings(r, bad, expected)
        self.assertGoodReported(r, good)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1, r)
        if fixed is not None:
            args = ["--fix", "--output-format=concise"] + (["--unsafe-fixes"] if unsafe else [])
            r = run(*args, bad, good)
            self.assertNoErrors(r)
            self.assertEqual(self.read(bad), fixed)
            self.assertEqual(self.read(good), GOOD_FIXED)
            self.assertEqual(r.returncode, 0, r)
            self.assertEqual([f for f in os.listdir(self.dir) if f.startswith(".modlint")], [])
        return bad


def classic_bytes(newline=b"\n"):
    with open(CLASSIC, "rb") as f:
        src = f.read()
    with open(CLASSIC + ".fixed", "rb") as f:
        fixed = f.read()
    return src.replace(b"\n", newline), fixed.replace(b"\n", newline)


CLASSIC_FINDINGS = [(16, 11, MOD001), (16, 11, MOD004), (17, 5, MOD005)]


class Encodings(Workdir):
    def assertClassicFindings(self, r, path):
        self.assertFindings(r, path, CLASSIC_FINDINGS)

    def test_invalid_utf8(self):
        self.lint_with_good("invalid_utf8.py", b'x = "\xff\xfe"\nexec code\n',
                            [(2, 1, MOD005)], fixed=b'x = "\xff\xfe"\nexec(code)\n')

    def test_invalid_utf8_keeps_json_sarif_and_junit_valid(self):
        bad = self.write("invalid_utf8.py", b'exec "\xff\xfe" in ns  # \xc0\n')
        for fmt in ("json", "sarif", "json-lines"):
            r = run(f"--output-format={fmt}", bad)
            self.assertEqual(r.returncode, 1, r)
            out = r.stdout_bytes.decode("utf-8")  # raises if not UTF-8
            docs = [json.loads(l) for l in out.splitlines()] if fmt == "json-lines" else \
                [json.loads(out)]
            self.assertTrue(docs, fmt)
        junit = run("--output-format=junit", bad)
        self.assertEqual(junit.returncode, 1, junit)
        ET.fromstring(junit.stdout_bytes)

    def test_nul_bytes(self):
        """The finding is reported, but tree-sitter's recovery of the NUL takes
        the next line into its error region (`x = (1 NUL exec) code`), which a
        syntax-error names, and no fix is applied inside what the parser could
        not read. (Python itself refuses source with NUL bytes.)"""
        bad = self.lint_with_good("nul.py", b"x = 1\x00\nexec code\n",
                                  [(1, 5, syntax_error("lines 1-2")), (2, 1, MOD005)])
        r = run("--fix", "--output-format=concise", bad)
        self.assertEqual(r.returncode, 1, r)
        self.assertEqual(self.read(bad), b"x = 1\x00\nexec code\n")

    def test_utf8_bom_exec_statement_on_the_first_line(self):
        self.lint_with_good("bom_exec.py", b"\xef\xbb\xbfexec code\n", [(1, 1, MOD005)],
                            fixed=b"\xef\xbb\xbfexec(code)\n")

    def test_utf8_bom_does_not_count_as_a_column(self):
        self.lint_with_good("bom_column.py",
                            b"\xef\xbb\xbfimport imp; m = imp.new_module('x')\n",
                            [(1, 17, MOD004)])

    def test_utf8_bom_stays_first_when_an_import_is_added(self):
        bad = self.lint_with_good("bom_import.py", b"\xef\xbb\xbf" + GOOD_SRC, [(2, 5, MOD004)],
                                  fixed=b"\xef\xbb\xbf" + GOOD_FIXED)
        compile(self.read(bad), bad, "exec")

    def test_crlf(self):
        self.lint_with_good("crlf.py", b"x = 1\r\nexec code in ns\r\n", [(2, 1, MOD005)],
                            fixed=b"x = 1\r\nexec(code, ns)\r\n")

    def test_crlf_classic_inserted_lines_are_crlf(self):
        src, fixed = classic_bytes(b"\r\n")
        bad = self.write("classic_crlf.py", src)
        good = self.good()
        r = run("--output-format=concise", bad, good)
        self.assertClassicFindings(r, bad)
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 1, r)
        r = run("--fix", "--unsafe-fixes", bad, good)
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(self.read(bad), fixed)

    def test_lone_cr(self):
        self.lint_with_good("cr.py", b"x = 1\rexec code\r", [(2, 1, MOD005)],
                            fixed=b"x = 1\rexec(code)\r")

    def test_lone_cr_classic(self):
        """Python reads a lone CR as a line break; so must the analysis."""
        src, fixed = classic_bytes(b"\r")
        bad = self.write("classic_cr.py", src)
        good = self.good()
        r = run("--output-format=concise", bad, good)
        self.assertClassicFindings(r, bad)
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 1, r)
        r = run("--fix", "--unsafe-fixes", bad, good)
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(self.read(bad), fixed)

    def test_latin1_cookie(self):
        self.lint_with_good(
            "latin1.py",
            b'# -*- coding: latin-1 -*-\ns = "\xe9"\nexec code in ns\nt = "\xe9\xe8"; exec t\n',
            [(3, 1, MOD005), (4, 11, MOD005)],
            fixed=b'# -*- coding: latin-1 -*-\ns = "\xe9"\nexec(code, ns)\n'
                  b't = "\xe9\xe8"; exec(t)\n')

    def test_latin1_fix_text_in_json_is_decoded_with_the_cookie(self):
        """JSON carries text: the edit for `exec "\\xe9" in ns` in a latin-1 file
        is '("é", ns)', not a replacement character."""
        bad = self.write("latin1.py", b'# -*- coding: latin-1 -*-\nexec "\xe9" in ns\n')
        r = run("--output-format=json", bad)
        self.assertEqual(r.returncode, 1, r)
        items = json.loads(r.stdout_bytes.decode("utf-8"))
        self.assertEqual([(i["code"], i["location"]) for i in items],
                         [("MOD005", {"row": 2, "column": 1})])
        self.assertEqual(items[0]["fix"]["edits"][0]["content"], '("\u00e9", ns)')

    def test_tabs_mixed_with_spaces(self):
        """The classic case with its function body indented by tabs and by 8
        spaces in turn (valid Python 2: a tab reaches column 8)."""
        lines = classic_bytes()[0].split(b"\n")
        body = [i for i, l in enumerate(lines) if i >= 13 and l.startswith(b"    ")]
        self.assertEqual(len(body), 5, "fixtures/examples/classic.py changed")
        for k, i in enumerate(body):
            lines[i] = (b"\t" if k % 2 == 0 else b" " * 8) + lines[i][4:]
        src = b"\n".join(lines)
        self.assertTrue(src.startswith(b"import imp\n"))  # goes with its only reader
        fixed = (b"import sys\nimport types\n" + src[len(b"import imp\n"):]).replace(
            b'\tmod = imp.new_module("modulename")\n',
            b'\tmod = types.ModuleType("modulename")\n\tsys.modules[mod.__name__] = mod\n'
        ).replace(b"        exec code in mod.__dict__\n", b"        exec(code, mod.__dict__)\n")
        bad = self.lint_with_good("tabs.py", src,
                                  [(16, 8, MOD001), (16, 8, MOD004), (17, 9, MOD005)])
        r = run("--fix", "--unsafe-fixes", bad)
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(self.read(bad), fixed)
        py2 = python2()
        if py2:  # both the input and its fixed form are valid Python 2
            exe, env = py2
            orig = self.write("tabs_orig.py", src)
            for p in (orig, bad):
                c = subprocess.run([exe, "-c", "import sys; compile(open(sys.argv[1]).read(), "
                                    "sys.argv[1], 'exec')", p], env=env, capture_output=True,
                                   text=True, timeout=30)
                self.assertEqual(c.returncode, 0, c.stderr)


class Sizes(Workdir):
    def test_empty_file(self):
        empty = self.write("empty.py", b"")
        good = self.good()
        r = run("--output-format=concise", empty, good)
        self.assertEqual(r.stdout.splitlines(), [f"{good}:2:5: {MOD004}"], r)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1)
        r = run(empty)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "All checks passed!\n", ""))

    def test_only_comments(self):
        comments = self.write("comments.py", b"#!/usr/bin/env python\n# -*- coding: utf-8 -*-\n"
                                             b"# exec code\n# imp.new_module('x')\n")
        good = self.good()
        r = run("--output-format=concise", comments, good)
        self.assertEqual(r.stdout.splitlines(), [f"{good}:2:5: {MOD004}"], r)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1)
        r = run("--fix", comments)
        self.assertEqual(r.returncode, 0, r)

    def test_50_mb_file(self):
        """A generated 50 MB module (a big data table) with the finding on its
        last line; must finish within the time limit."""
        row = b"    (%d, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789abcd'),\n"
        path = self.path("big.py")
        rows = 0
        with open(path, "wb") as f:
            f.write(b"import imp\nTABLE = [\n")
            size = 0
            block = []
            while size < 50 * 1024 * 1024:
                line = row % rows
                block.append(line)
                size += len(line)
                rows += 1
            f.write(b"".join(block))
            f.write(b"]\nm = imp.new_module('x')\n")
        self.assertGreaterEqual(os.path.getsize(path), 50 * 1024 * 1024)
        good = self.good()
        # A hang guard, not a speed test: 50 MB take ~10 s of CPU in a release
        # build and several times that under ASan on a busy machine.
        r = run("--output-format=concise", path, good, timeout=5 * TIMEOUT)
        self.assertFindings(r, path, [(rows + 4, 5, MOD004)])
        self.assertGoodReported(r, good)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1)

    def assertFindingOrOneError(self, r, path, expected, good, too_deep=None):
        """Either the finding, exit 1 (with the warning that line TOO_DEEP
        nests deeper than modlint analyses); or one error line naming PATH,
        exit 2. Both ways the good file is reported."""
        self.assertGoodReported(r, good)
        if too_deep is not None and r.stderr == too_deep_warning(path, too_deep):
            self.assertFindings(r, path, expected)
            self.assertEqual(r.returncode, 1, r)
        elif r.stderr:
            self.assertOneError(r, path)
            self.assertEqual(r.returncode, 2, r)
            self.assertFindings(r, path, [])
        else:
            self.assertFindings(r, path, expected)
            self.assertEqual(r.returncode, 1, r)

    def test_10000_deep_parentheses(self):
        n = 10000
        path = self.write("parens.py", b"x = " + b"(" * n + b"1" + b")" * n + b"\nexec code\n")
        good = self.good()
        self.assertFindingOrOneError(run("--output-format=concise", path, good), path,
                                     [(2, 1, MOD005)], good)
        path = self.write("brackets.py", b"import imp\nx = " + b"f([{1: " * (n // 3) +
                          b"1" + b"}])" * (n // 3) + b"\nm = imp.new_module('x')\n")
        self.assertFindingOrOneError(run("--output-format=concise", path, good), path,
                                     [(3, 5, MOD004)], good, too_deep=2)
        path = self.write("unclosed.py", GOOD_SRC + b"x = " + b"(" * n + b"\n")
        self.assertFindingOrOneError(run("--output-format=concise", path, good), path,
                                     [(1, 1, syntax_error("lines 1-3")), (2, 5, MOD004)], good)

    def test_a_finding_past_the_analysed_depth_is_not_silent(self):
        """1,000-deep parentheses around a creation call printed nothing at
        all: no finding and no word that the analysis stopped."""
        path = self.write("deep.py", b"import imp\nm = " + b"(" * 1000 +
                          b"imp.new_module('x')" + b")" * 1000 + b"\n")
        r = run("--output-format=concise", path)
        self.assertEqual(r.stdout, "", r)
        self.assertEqual(r.stderr, too_deep_warning(path, 2), r)
        self.assertEqual(r.returncode, 0, r)

    def test_2000_deep_nested_blocks(self):
        depth = 2000
        for kind in (b"if x:", b"def f():", b"class C:", b"with a:", b"for i in x:"):
            with self.subTest(kind=kind):
                lines = [b" " * i + kind + b"\n" for i in range(depth)]
                path = self.write("blocks.py", b"".join(lines) + b" " * depth + b"exec code\n")
                good = self.good()
                self.assertFindingOrOneError(run("--output-format=concise", path, good), path,
                                             [(depth + 1, depth + 1, MOD005)], good)

    def test_deep_indentation_inside_a_string_is_not_block_nesting(self):
        """300 ever more indented lines inside a triple-quoted string are text,
        not blocks: the file is valid Python and must be analysed."""
        body = b"".join(b" " * i + b"x\n" for i in range(1, 301))
        # Line 1 opens the string, 2-301 are its text, 302 closes it.
        self.lint_with_good("staircase.py", b's = """\n' + body + b'"""\nexec code\n',
                            [(303, 1, MOD005)])

    def test_1_mb_single_line(self):
        prefix = b"x = [" + b", ".join([b"1"] * 350000) + b"]; "
        self.assertGreater(len(prefix), 1024 * 1024)
        self.lint_with_good("long_line.py", prefix + b"exec code\n",
                            [(1, len(prefix) + 1, MOD005)], fixed=prefix + b"exec(code)\n")


class Paths(Workdir):
    def test_path_that_does_not_exist(self):
        missing = self.path("missing.py")
        good = self.good()
        r = run("--output-format=concise", missing, good)
        self.assertOneError(r, missing, "No such file or directory")
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)

    def test_directory_named_like_a_python_file_is_searched(self):
        pkg = self.path("pkg.py")
        inner = self.write("pkg.py/inner.py", GOOD_SRC)
        exec_file = self.write("exec.py", b"exec code\n")
        r = run("--output-format=concise", pkg, exec_file)
        self.assertEqual(r.stdout.splitlines(), [f"{inner}:2:5: {MOD004}",
                                                 f"{exec_file}:1:1: {MOD005}"], r)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1)

    def test_file_given_as_a_directory(self):
        good = self.good()
        other = self.write("other.py", b"exec code\n")
        r = run("--output-format=concise", other + "/", good)
        self.assertOneError(r, other + "/", "Not a directory")
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)

    def test_dangling_symlink(self):
        link = self.path("dangling.py")
        os.symlink(self.path("nowhere.py"), link)
        good = self.good()
        r = run("--output-format=concise", link, good)
        self.assertOneError(r, link, "No such file or directory")
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)

    def test_dangling_symlink_found_in_a_directory_is_not_skipped_silently(self):
        """Interpretation of 'never a silent skip': a *.py entry the walk finds
        but cannot read is an error, as when it is named on the command line."""
        tree = self.path("tree")
        good = self.write("tree/good.py", GOOD_SRC)
        link = self.path("tree/dangling.py")
        os.symlink(self.path("nowhere.py"), link)
        r = run("--output-format=concise", tree)
        self.assertOneError(r, link)
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)

    def test_linked_files_and_directories_found_by_a_walk(self):
        """A walk lints a symlinked file and does not enter a symlinked
        directory, even one named like a Python file; a link to a FIFO is an
        error as the FIFO is."""
        tree = self.path("links")
        good = self.write("links/real/good.py", GOOD_SRC)
        os.symlink("real/good.py", self.path("links/linked.py"))
        os.symlink("real", self.path("links/dir.py"))
        os.symlink("real", self.path("links/dir"))
        r = run("--output-format=concise", tree)
        self.assertEqual(r.stdout.splitlines(),
                         [f"{tree}/linked.py:2:5: {MOD004}", f"{good}:2:5: {MOD004}"], r)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1)
        os.mkfifo(self.path("links/real/pipe"))
        os.symlink("real/pipe", self.path("links/pipe.py"))
        r = run("--output-format=concise", tree, timeout=30)
        self.assertOneError(r, f"{tree}/pipe.py", "not a regular file")
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)

    def test_symlink_loop_between_directories(self):
        loop = self.path("loop")
        g = self.write("loop/a/g.py", GOOD_SRC)
        os.makedirs(self.path("loop/b"))
        os.symlink("../b", self.path("loop/a/to_b"))
        os.symlink("../a", self.path("loop/b/to_a"))
        good = self.good()
        r = run("--output-format=concise", loop, good)
        self.assertEqual(r.stdout.splitlines(), [f"{g}:2:5: {MOD004}", f"{good}:2:5: {MOD004}"],
                         r)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1)
        # Through the loop, named explicitly: a path like any other.
        deep = os.path.join(loop, "a", *(["to_b", "to_a"] * 10), "g.py")
        r = run("--output-format=concise", deep, good)
        self.assertEqual(r.stdout.splitlines(), [f"{deep}:2:5: {MOD004}",
                                                 f"{good}:2:5: {MOD004}"], r)
        self.assertEqual(r.returncode, 1)

    def test_symlink_to_itself(self):
        link = self.path("self.py")
        os.symlink("self.py", link)
        good = self.good()
        r = run("--output-format=concise", link, good)
        self.assertOneError(r, link, "Too many levels of symbolic links")
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)

    def test_fifo_is_refused_without_blocking(self):
        fifo = self.path("fifo.py")
        os.mkfifo(fifo)
        good = self.good()
        r = run("--output-format=concise", fifo, good, timeout=30)
        self.assertOneError(r, fifo, "not a regular file")
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)
        r = run("--fix", fifo, good, timeout=30)
        self.assertOneError(r, fifo, "not a regular file")
        self.assertEqual(r.returncode, 2)

    def test_fifo_found_in_a_directory_is_not_skipped_silently(self):
        """Interpretation of 'never a silent skip' (as for a dangling symlink)."""
        tree = self.path("tree")
        good = self.write("tree/good.py", GOOD_SRC)
        fifo = self.path("tree/fifo.py")
        os.mkfifo(fifo)
        r = run("--output-format=concise", tree, timeout=30)
        self.assertOneError(r, fifo)
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)

    def test_file_vanishing_between_discovery_and_reading(self):
        """Deterministic: an LD_PRELOAD shim unlinks any file whose name starts
        with 'vanish' when modlint opens it to read, i.e. after discovery saw
        it. Needs a C compiler for the shim (skipped without one; the
        concurrent test below still runs)."""
        cc = shutil.which("cc") or shutil.which("gcc") or shutil.which("clang")
        if not cc:
            self.skipTest("no C compiler to build the LD_PRELOAD shim")
        shim_c = self.write("shim/vanish.c", VANISH_SHIM.encode())
        shim = self.path("shim/vanish.so")
        c = subprocess.run([cc, "-shared", "-fPIC", "-O1", "-o", shim, shim_c, "-ldl"],
                           capture_output=True, text=True, timeout=60)
        if c.returncode != 0:
            self.skipTest(f"cannot build the LD_PRELOAD shim: {c.stderr.strip()[:300]}")
        env = dict(os.environ, LD_PRELOAD=shim)
        good = self.good()
        # Named on the command line.
        vanish = self.write("vanish_a.py", GOOD_SRC)
        r = run("--output-format=concise", vanish, good, env=env)
        self.assertFalse(os.path.exists(vanish), "the shim did not run")
        self.assertOneError(r, vanish)
        self.assertIn("No such file or directory", r.stderr)
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)
        # Found by the walk.
        tree = self.path("tree")
        vanish = self.write("tree/vanish_b.py", GOOD_SRC)
        inner = self.write("tree/z.py", GOOD_SRC)
        r = run("--output-format=concise", tree, env=env)
        self.assertFalse(os.path.exists(vanish), "the shim did not run")
        self.assertOneError(r, vanish)
        self.assertGoodReported(r, inner)
        self.assertEqual(r.returncode, 2)

    def test_files_vanishing_concurrently(self):
        """NONDETERMINISTIC by nature: half of 1,000 files are deleted while
        modlint runs on their directory, starting 0, 3, ... 27 ms after it, so
        that over the rounds deletions land before discovery, between
        discovery and reading, and after reading (on this machine a run takes
        ~20 ms; which round hits which phase varies). Only invariants are
        checked: no crash, no hang, every file never deleted is reported,
        every error line names a deleted file, no file is both reported and in
        error, and an error line means exit 2."""
        for round_ in range(10):
            tree = self.path(f"tree{round_}")
            names = [self.write(f"tree{round_}/f{i:04}.py", GOOD_SRC) for i in range(1000)]
            kept, doomed = names[0::2], names[1::2]
            proc = subprocess.Popen([MODLINT, "--output-format=concise", tree],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE)

            def delete(delay=0.003 * round_):
                time.sleep(delay)
                for n in doomed:
                    os.unlink(n)

            t = threading.Thread(target=delete)
            t.start()
            try:
                out, err = proc.communicate(timeout=TIMEOUT)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.communicate()
                self.fail(f"round {round_}: modlint hung while files vanished")
            finally:
                t.join()
            out, err = text(out), text(err)
            self.assertIn(proc.returncode, (1, 2), err)
            reported = []
            for line in out.splitlines():
                self.assertTrue(line.endswith(f":2:5: {MOD004}"), line)
                reported.append(line[:-len(f":2:5: {MOD004}")])
            self.assertEqual(sorted(set(reported) & set(kept)), kept)
            failed = []
            for line in err.splitlines():
                m = ERROR_LINE.match(line)
                self.assertIsNotNone(m, line)
                failed.append(m.group(1))
            self.assertEqual(sorted(set(reported) | set(failed)),
                             sorted(reported + failed), "a file reported twice")
            self.assertLessEqual(set(failed), set(doomed))
            self.assertEqual(proc.returncode == 2, bool(err), err)

    def test_file_names_that_are_not_utf8(self):
        d = os.fsencode(self.path("names"))
        os.makedirs(d)
        bad = os.path.join(d, b"bad\xff.py")
        with open(bad, "wb") as f:
            f.write(GOOD_SRC)
        good = self.write("names/good.py", GOOD_SRC)
        bad_s = os.fsdecode(d) + "/bad\\xff.py"  # shown escaped (analyzer/DisplayText.h)
        for args in ([d], [bad, os.fsencode(good)]):
            r = run("--output-format=concise", *args)
            self.assertEqual(r.stdout.splitlines(), [f"{bad_s}:2:5: {MOD004}",
                                                     f"{good}:2:5: {MOD004}"], r)
            self.assertNoErrors(r)
            self.assertEqual(r.returncode, 1)
        for fmt in ("json", "json-lines", "sarif"):
            with self.subTest(fmt=fmt):
                r = run(f"--output-format={fmt}", d)
                self.assertEqual(r.returncode, 1, r)
                out = r.stdout_bytes.decode("utf-8")  # JSON must be valid UTF-8
                if fmt == "json":
                    items = json.loads(out)
                elif fmt == "json-lines":
                    items = [json.loads(l) for l in out.splitlines()]
                else:
                    results = json.loads(out)["runs"][0]["results"]
                    uris = sorted(x["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
                                  for x in results)
                    self.assertEqual(len(uris), 2, uris)
                    self.assertTrue(uris[0].endswith("bad%FF.py"), uris)
                    self.assertTrue(uris[1].endswith("good.py"), uris)
                    continue
                self.assertEqual([(i["code"], i["location"]["row"]) for i in items],
                                 [("MOD004", 2), ("MOD004", 2)])
                self.assertIn("bad", items[0]["filename"])
                self.assertTrue(items[1]["filename"].endswith("good.py"))
        with self.subTest(fmt="junit"):
            r = run("--output-format=junit", d)
            root = ET.fromstring(r.stdout_bytes)  # well-formed XML, declared UTF-8
            self.assertEqual(root.get("failures"), "2")
        with self.subTest(fix=True):
            r = run("--fix", d)
            self.assertEqual(r.returncode, 0, r)
            with open(bad, "rb") as f:
                self.assertEqual(f.read(), GOOD_FIXED)
            self.assertEqual([f for f in os.listdir(d) if f.startswith(b".modlint")], [])


VANISH_SHIM = r"""
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

static void vanish(int dirfd, const char *path, int flags) {
  const char *base = strrchr(path, '/');
  base = base ? base + 1 : path;
  if (!(flags & O_CREAT) && strncmp(base, "vanish", 6) == 0)
    unlinkat(dirfd, path, 0);
}

#define WRAP_OPEN(NAME)                                                      \
  int NAME(const char *path, int flags, ...) {                               \
    static int (*real)(const char *, int, ...);                              \
    int mode = 0;                                                            \
    if (flags & O_CREAT) {                                                   \
      va_list ap; va_start(ap, flags); mode = va_arg(ap, int); va_end(ap);   \
    }                                                                        \
    if (!real) real = (int (*)(const char *, int, ...))dlsym(RTLD_NEXT, #NAME); \
    vanish(AT_FDCWD, path, flags);                                           \
    return real(path, flags, mode);                                          \
  }
#define WRAP_OPENAT(NAME)                                                    \
  int NAME(int dirfd, const char *path, int flags, ...) {                    \
    static int (*real)(int, const char *, int, ...);                         \
    int mode = 0;                                                            \
    if (flags & O_CREAT) {                                                   \
      va_list ap; va_start(ap, flags); mode = va_arg(ap, int); va_end(ap);   \
    }                                                                        \
    if (!real) real = (int (*)(int, const char *, int, ...))dlsym(RTLD_NEXT, #NAME); \
    vanish(dirfd, path, flags);                                              \
    return real(dirfd, path, flags, mode);                                   \
  }
WRAP_OPEN(open)
WRAP_OPEN(open64)
WRAP_OPENAT(openat)
WRAP_OPENAT(openat64)
"""


class BrokenSyntax(Workdir):
    """tree-sitter parses these only with ERROR nodes (line 6, or lines 6-7):
    one syntax-error says so, the findings outside are reported and fixed;
    nothing inside is changed."""

    HEAD = GOOD_SRC + b"\n\ndef broken():\n"
    TAIL = b"\n\ndef after():\n    exec code\n"

    def check(self, broken, after_line):
        src = self.HEAD + broken + self.TAIL
        path = self.write("broken.py", src)
        good = self.good()
        r = run("--output-format=concise", path, good)
        lines = r.stdout.splitlines()
        self.assertIn(f"{path}:2:5: {MOD004}", lines, r)
        where = "line 6" if after_line == 10 else "lines 6-7"
        self.assertIn(f"{path}:6:5: {syntax_error(where)}", lines, r)
        self.assertEqual(r.stdout.count("[syntax-error]"), 1, r)
        self.assertIn(f"{path}:{after_line}:5: {MOD005}", lines, r)
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 1, r)
        run("--fix", path, good)
        # Nothing in the broken lines reads imp: MOD004's fix removes its import.
        expected = (b"import types\n" + self.HEAD.replace(b"import imp\n", b"")
                    .replace(b"imp.new_module", b"types.ModuleType")
                    + broken + self.TAIL.replace(b"exec code", b"exec(code)"))
        self.assertEqual(self.read(path), expected)
        self.assertEqual(self.read(good), GOOD_FIXED)

    def test_stray_character(self):
        self.check(b"    exec code in ns $\n", 10)

    def test_unbalanced_parenthesis(self):
        self.check(b"    exec code in ns )\n", 10)

    def test_missing_colon(self):
        self.check(b"    if x\n        exec code in ns\n", 11)


class Fix(Workdir):
    def test_fix_replaces_the_file_by_rename_keeping_its_mode(self):
        for mode in (0o640, 0o755, 0o600, 0o444):
            with self.subTest(mode=oct(mode)):
                path = self.write(f"m{mode:o}.py", b"exec code\n")
                os.chmod(path, mode)
                inode = os.stat(path).st_ino
                r = run("--fix", path)
                self.assertEqual(r.returncode, 0, r)
                self.assertEqual(self.read(path), b"exec(code)\n")
                st = os.stat(path)
                self.assertEqual(stat.S_IMODE(st.st_mode), mode)
                self.assertNotEqual(st.st_ino, inode, "written in place, not renamed")
        self.assertEqual([f for f in os.listdir(self.dir) if f.startswith(".modlint")], [])

    def test_fix_through_a_symlink_fixes_the_target_and_keeps_the_link(self):
        real = self.write("real.py", b"exec code\n")
        link = self.path("link.py")
        os.symlink("real.py", link)
        r = run("--fix", link)
        self.assertEqual(r.returncode, 0, r)
        self.assertTrue(os.path.islink(link), "the symlink was replaced by a file")
        self.assertEqual(self.read(real), b"exec(code)\n")

    def drop_privileges_or_skip(self):
        prefix, uid, gid, reason = unprivileged_prefix()
        if prefix is None:
            self.skipTest(reason)
        self.check_reachable(prefix)
        return prefix, uid, gid

    def check_reachable(self, prefix):
        """The unprivileged user must reach the temporary directory."""
        os.chmod(self.dir, 0o755)
        probe = self.write("probe/probe.py", b"x = 1\n")
        r = run(probe, prefix=prefix)
        os.remove(probe)
        os.rmdir(os.path.dirname(probe))
        if r.returncode != 0:
            self.skipTest(f"the unprivileged user cannot read {self.dir}: {r.stderr.strip()}")

    def test_read_only_directory_gives_an_error_and_keeps_the_original(self):
        prefix, uid, gid, reason = unprivileged_prefix()
        ro = self.path("ro")
        os.makedirs(ro)
        bad = self.write("ro/a.py", b"exec code\n")
        good = self.write("rw/good.py", GOOD_SRC)
        if prefix is not None:
            self.check_reachable(prefix)
            for p in (ro, bad, self.path("rw"), good):
                os.chown(p, uid, gid)
            os.chmod(bad, 0o644)  # the file itself is writable: only a rename is refused
            os.chmod(ro, 0o555)
        else:
            if not shutil.which("chattr"):
                self.skipTest(reason + "; and no chattr")
            c = subprocess.run(["chattr", "+i", ro], capture_output=True, text=True)
            if c.returncode != 0:
                self.skipTest(reason + f"; and chattr +i fails here: {c.stderr.strip()}")
            self.cleanups.append(lambda: subprocess.run(["chattr", "-i", ro]))
            prefix = ()  # root, but the directory is immutable
        r = run("--fix", "--output-format=concise", bad, good, prefix=prefix)
        self.assertOneError(r, bad)
        self.assertEqual(r.stdout.splitlines(), [f"{bad}:1:1: {MOD005}"], r)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(self.read(bad), b"exec code\n")
        self.assertEqual(self.read(good), GOOD_FIXED)
        self.assertEqual(os.listdir(ro), ["a.py"])

    def test_full_disk_gives_an_error_and_keeps_the_original(self):
        if os.geteuid() != 0:
            self.skipTest("mounting a small tmpfs to fill needs root")
        mnt = self.path("tmpfs")
        os.makedirs(mnt)
        m = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt],
                           capture_output=True, text=True)
        if m.returncode != 0:
            self.skipTest(f"cannot mount a tmpfs here: {m.stderr.strip()}")
        self.cleanups.append(lambda: subprocess.run(["umount", "-l", mnt], capture_output=True))
        original = b"exec code\n" + b"x = 1\n" * 4000  # 24 kB; its fixed copy cannot fit
        bad = os.path.join(mnt, "a.py")
        with open(bad, "wb") as f:
            f.write(original)
        try:
            with open(os.path.join(mnt, "filler"), "wb") as f:
                while True:
                    f.write(b"\0" * 4096)
                    f.flush()
        except OSError:
            pass
        good = self.good()
        r = run("--fix", "--output-format=concise", bad, good)
        self.assertOneError(r, bad, "cannot write the fixed file: No space left on device")
        self.assertEqual(r.stdout.splitlines(), [f"{bad}:1:1: {MOD005}"], r)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(self.read(bad), original)
        self.assertEqual(self.read(good), GOOD_FIXED)
        self.assertEqual(sorted(os.listdir(mnt)), ["a.py", "filler"])

    def test_unreadable_file(self):
        prefix, uid, gid = self.drop_privileges_or_skip()
        bad = self.write("secret.py", GOOD_SRC)
        good = self.good()
        os.chmod(bad, 0)
        r = run("--output-format=concise", bad, good, prefix=prefix)
        self.assertOneError(r, bad, "cannot read: Permission denied")
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)

    def test_unreadable_subdirectory_is_not_skipped_silently(self):
        prefix, uid, gid = self.drop_privileges_or_skip()
        tree = self.path("tree")
        good = self.write("tree/good.py", GOOD_SRC)
        self.write("tree/closed/hidden.py", GOOD_SRC)
        closed = self.path("tree/closed")
        os.chmod(closed, 0)
        r = run("--output-format=concise", tree, prefix=prefix)
        self.assertOneError(r, closed)
        self.assertIn("Permission denied", r.stderr)
        self.assertGoodReported(r, good)
        self.assertEqual(r.returncode, 2)


class NeverRunsAnalysedCode(Workdir):
    NAMES = ("pwn.py", "__init__.py", "conftest.py", "setup.py", "sitecustomize.py",
             "usercustomize.py", "__main__.py")

    def source(self, marker):
        return (f"open({marker!r}, 'a').write(__file__ + '\\n')\n"
                f"import imp\n"
                f"m = imp.new_module('x')\n"
                f"\n"
                f"\n"
                f"def load(code):\n"
                f"    mod = imp.new_module('m')\n"
                f"    exec(code, mod.__dict__)\n"
                f"    return mod.func\n").encode()

    def test_no_marker_after_lint_fix_diff_and_noqa(self):
        marker = self.path("MARKER")
        pkg = self.path("pkg")
        files = [self.write(f"pkg/{n}", self.source(marker)) for n in self.NAMES]
        self.write("pkg/pyproject.toml", b"[tool.modlint]\nselect = [\"ALL\"]\n")
        # Were modlint to start a Python, sitecustomize.py and friends on
        # PYTHONPATH would be imported and write the marker too.
        env = dict(os.environ, PYTHONPATH=pkg)
        for args in (["--output-format=concise"], ["--output-format=json"],
                     ["--output-format=sarif"], ["--statistics"], ["--diff", "--unsafe-fixes"],
                     ["--fix", "--unsafe-fixes"], ["--add-noqa"]):
            with self.subTest(args=args):
                r = run(*args, pkg, cwd=pkg, env=env)
                self.assertIn(r.returncode, (0, 1), r)
                self.assertFalse(os.path.exists(marker), f"modlint {args} ran analysed code")
        r = run("--output-format=concise", "--stdin-filename=pkg/setup.py", "-",
                stdin=self.source(marker), cwd=pkg, env=env)
        self.assertEqual(r.returncode, 1, r)
        self.assertFalse(os.path.exists(marker), "modlint ran code read from stdin")
        fixed = self.read(files[0])
        self.assertIn(b"types.ModuleType", fixed)  # the fixes did run
        # The marker code works: running the file does write it.
        subprocess.run([sys.executable, files[0]], capture_output=True, timeout=30)
        self.assertTrue(os.path.exists(marker), "the marker code itself does not work")


class Configs(Workdir):
    """A config that cannot be used stops only the files it covers: each is
    reported as not linted, naming the config and why; the rest is linted."""
    drop_privileges_or_skip = Fix.drop_privileges_or_skip
    check_reachable = Fix.check_reachable

    def lint_beside_broken_config(self, config, reason, prefix=()):
        """sub/pyproject.toml holding CONFIG (bytes) covers sub/a.py; good.py
        above it is linted. The one error line is sub/a.py's: REASON, after
        the config's path."""
        cfg = self.write("sub/pyproject.toml", config)
        covered = self.write("sub/a.py", GOOD_SRC)
        good = self.good()
        return cfg, covered, good, lambda: self.check(cfg, covered, good, reason, prefix)

    def check(self, cfg, covered, good, reason, prefix=()):
        r = run("--output-format=concise", self.dir, prefix=prefix)
        self.assertOneError(r, covered, f"not linted: {cfg}{reason}")
        self.assertEqual(r.stdout.splitlines(), [f"{good}:2:5: {MOD004}"], r)
        self.assertEqual(r.returncode, 2, r)
        return r

    def test_table_header_40000_dotted_keys_deep(self):
        """toml++ recursed once per key and overflowed the stack (SIGSEGV)."""
        header = b"[" + b".".join([b"a"] * 40000) + b"]\n"
        self.lint_beside_broken_config(
            header, ":1: nested more than 100 levels deep (tables, dotted keys, arrays); "
            "not read")[3]()

    def test_nesting_counts_headers_keys_and_brackets_together(self):
        config = (b"[tool.modlint]\nselect = [\"MOD\"]\n[" + b".".join([b"t"] * 60) + b"]\n" +
                  b"k." * 30 + b"k = " + b"[" * 15 + b"]" * 15 + b"\n")
        self.lint_beside_broken_config(
            config, ":4: nested more than 100 levels deep (tables, dotted keys, arrays); "
            "not read")[3]()

    def test_config_over_1_mib_is_not_read(self):
        config = b"[tool.modlint]\n" + b"# padding\n" * (1 << 17)
        self.lint_beside_broken_config(
            config, f": config file of {len(config)} bytes is larger than 1048576; not read")[3]()

    def test_broken_pyproject_without_a_modlint_table(self):
        """Another tool's broken pyproject.toml stopped the whole run."""
        self.lint_beside_broken_config(
            b"[project\nname = 'x'\n",
            ":1: Error while parsing table header: expected ']', saw '\\n'")[3]()

    def test_unreadable_config_names_its_errno(self):
        prefix, uid, gid = self.drop_privileges_or_skip()
        cfg, covered, good, check = self.lint_beside_broken_config(
            b"[tool.modlint]\n", ": cannot read: Permission denied", prefix)
        os.chmod(cfg, 0)
        check()

    def test_files_beside_a_good_config_still_follow_it(self):
        """The nesting limit does not refuse real configs."""
        self.write("sub/pyproject.toml",
                   b"[tool.modlint]\nignore = [\"MOD004\"]\n"
                   b"[tool.modlint.per-file-ignores]\n\"x/*.py\" = [\"MOD005\"]\n"
                   b"[tool.other]\na.b.c = {d = [[1, 2], {e.f = \"g.h\"}], 'i.j' = 1.5}\n")
        self.write("sub/a.py", GOOD_SRC)
        good = self.good()
        r = run("--output-format=concise", self.dir)
        self.assertEqual(r.stdout.splitlines(), [f"{good}:2:5: {MOD004}"], r)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1, r)


class ProcessLimits(Workdir):
    """What the process meets outside its input: files changing under it, an
    output it cannot write, little memory or stack."""

    def test_file_truncated_while_linted_is_not_a_sigbus(self):
        """A 20 MiB file is truncated as soon as modlint opens it (inotify):
        a mapped file died of SIGBUS. Now it is the finding (read before the
        truncation) or one error for that file; never a signal."""
        import ctypes
        libc = ctypes.CDLL(None, use_errno=True)
        big = self.path("big.py")
        with open(big, "wb") as f:
            f.write(b"import imp\nTABLE = [\n")
            f.write(b"    (1, 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ'),\n" * 330000)
            f.write(b"]\nm = imp.new_module('x')\n")
        size = os.path.getsize(big)
        self.assertGreater(size, 20 << 20)
        good = self.good()
        fd = libc.inotify_init()
        if fd < 0:
            self.skipTest("no inotify here")
        self.cleanups.append(lambda: os.close(fd))
        IN_OPEN = 0x20
        if libc.inotify_add_watch(fd, os.fsencode(big), IN_OPEN) < 0:
            self.skipTest("cannot watch the file with inotify")

        def truncate_when_opened():
            os.read(fd, 4096)
            time.sleep(0.2)  # read (now) or mapped and being parsed (before)
            os.truncate(big, 4096)

        t = threading.Thread(target=truncate_when_opened)
        t.start()
        r = run("--output-format=concise", "--threads=1", big, good)
        t.join()
        self.assertGoodReported(r, good)
        if r.returncode == 2:
            self.assertOneError(
                r, big, f"changed while being read: truncated from {size} bytes; "
                "not analysed")
        else:
            self.assertFindings(r, big, [(330004, 5, MOD004)])
            self.assertEqual(r.returncode, 1, r)

    def run_shell(self, script, *args):
        """modlint ARGS under `sh -c SCRIPT` (SCRIPT ends in running "$@")."""
        return run(*args, prefix=("sh", "-c", script, "sh"))

    def test_report_to_a_full_disk(self):
        """LLVM aborted at exit on the stream's error (SIGABRT)."""
        bad = self.write("bad.py", b"exec code\n" * 2000)
        for fmt in ("sarif", "concise", "json"):
            with self.subTest(fmt=fmt):
                r = self.run_shell('exec "$@" >/dev/full', f"--output-format={fmt}", bad)
                self.assertEqual(r.stderr,
                                 "modlint: error: cannot write the report: "
                                 "No space left on device\n", r)
                self.assertEqual(r.returncode, 2, r)

    def test_report_to_a_closed_stdout(self):
        bad = self.write("bad.py", b"exec code\n")
        r = self.run_shell('exec "$@" >&-', "--output-format=sarif", bad)
        self.assertEqual(r.stderr, "modlint: error: cannot write the report: Bad file descriptor\n",
                         r)
        self.assertEqual(r.returncode, 2, r)

    def test_closed_stdout_never_becomes_a_fixed_file(self):
        """With fd 1 closed, the fixed file's temporary took fd 1 and the
        report went into it."""
        bad = self.write("bad.py", b"exec code\n")
        r = self.run_shell('exec "$@" >&-', "--fix", bad)
        self.assertEqual(self.read(bad), b"exec(code)\n")
        self.assertEqual(r.stderr, "modlint: error: cannot write the report: Bad file descriptor\n",
                         r)
        self.assertEqual(r.returncode, 2, r)

    def deep_inputs(self):
        """(path, expected findings, expected stderr): 10,000-deep brackets
        (past the analysed depth, which is said) and 500-deep parentheses
        around the finding."""
        n = 10000
        brackets = self.write("brackets.py", b"import imp\nx = " + b"f([{1: " * (n // 3) +
                              b"1" + b"}])" * (n // 3) + b"\nm = imp.new_module('x')\n")
        parens = self.write("parens.py", b"import imp\nm = " + b"(" * 500 +
                            b"imp.new_module('x')" + b")" * 500 + b"\n")
        return [(brackets, [(3, 5, MOD004)], too_deep_warning(brackets, 2)),
                (parens, [(2, 505, MOD004)], "")]

    @unittest.skipIf(os.environ.get("MODLINT_TEST_ASAN") == "1",
                     "AddressSanitizer maps ~15 TB of shadow memory, which no "
                     "`ulimit -v` allows; the release build runs this test")
    def test_eight_workers_under_ulimit_v(self):
        """Eight 256 MiB stacks did not fit in 1 GiB of address space: LLVM's
        "PLEASE submit a bug report" abort at startup."""
        files = self.deep_inputs()
        r = self.run_shell('ulimit -v 1048576 && exec "$@"', "--threads=8",
                           "--output-format=concise", *[p for p, _, _ in files])
        for path, expected, _ in files:
            self.assertFindings(r, path, expected)
        self.assertEqual(r.stderr, "".join(warning for _, _, warning in files), r)
        self.assertEqual(r.returncode, 1, r)

    @unittest.skipIf(os.environ.get("MODLINT_TEST_ASAN") == "1",
                     "AddressSanitizer cannot run under `ulimit -v`")
    def test_diff_of_20000_fixes_in_1_gib(self):
        """--diff compared the old and new texts (Myers, O(D^2) memory):
        20,000 fixes took 6.4 GB and 73 s. It is built from the edits now."""
        src = b"import imp\n" + b"".join(b"m%d = imp.new_module('x%d')\n" % (i, i)
                                         for i in range(20000))
        path = self.write("many.py", src)
        r = self.run_shell('ulimit -v 1048576 && exec "$@"', "--threads=2", "--diff",
                           "--unsafe-fixes", path)
        self.assertEqual(r.returncode, 1, r)
        fixed = self.write("fixed.py", src)
        self.assertEqual(run("--fix", "--unsafe-fixes", fixed).returncode, 0)
        with open(fixed, "rb") as f:
            want = f.read()
        self.assertEqual(apply_unified_diff(src, r.stdout_bytes), want)

    def test_stdin_under_ulimit_s_256(self):
        """Standard input (the editor's path) was linted on the main thread,
        whose stack `ulimit -s` sets: 500-deep parentheses overflowed it."""
        for path, expected, warning in self.deep_inputs():
            with self.subTest(path=path):
                r = run("--output-format=concise", "--stdin-filename", path, "-",
                        prefix=("sh", "-c", 'ulimit -s 256 && exec "$@"', "sh"),
                        stdin=self.read(path))
                self.assertFindings(r, path, expected)
                self.assertEqual(r.stderr, warning, r)
                self.assertEqual(r.returncode, 1, r)

    def test_same_file_named_several_ways_is_linted_once(self):
        d = self.path("d")
        b = self.write("d/b.py", GOOD_SRC)
        os.symlink("d", self.path("e"))
        r = run("--output-format=concise", d, b, os.path.join(d, ".", "b.py"),
                os.path.join(self.dir, "e"), cwd=self.dir)
        self.assertEqual(r.stdout.splitlines(), [f"{b}:2:5: {MOD004}"], r)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 1, r)
        r = run("--fix", "--output-format=concise", "d", "d/b.py", "./d/b.py", cwd=self.dir)
        self.assertEqual(self.read(b), GOOD_FIXED)
        self.assertEqual(r.stdout, "", r)
        self.assertNoErrors(r)
        self.assertEqual(r.returncode, 0, r)


if __name__ == "__main__":
    MODLINT, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    CLASSIC = os.path.join(ROOT, "fixtures", "examples", "classic.py")
    del sys.argv[1:3]
    unittest.main(verbosity=1)
