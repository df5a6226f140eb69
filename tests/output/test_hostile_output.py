#!/usr/bin/env python3
"""Output that cannot be turned against its reader: file names and source
text chosen by an attacker (a pull request's) reach every output format, and
none of them lets that text act as more than text. Human formats and standard
error show unprintable characters visibly (analyzer/DisplayText.h), `--diff`
quotes names as git does, JUnit is well-formed XML, JSON names are lossless,
SARIF locations are normalised, and a file that cannot be read is reported in
every machine format.

Usage: test_hostile_output.py MODLINT_BINARY REPO_ROOT
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest
import urllib.parse
import xml.etree.ElementTree as ET

MODLINT = None
ROOT = None

GOOD_SRC = b"import imp\nm = imp.new_module('x')\n"
GOOD_FIXED = b"import types\nm = types.ModuleType('x')\n"
MOD004 = ("warning: 'imp.new_module' is deprecated since Python 3.4 and removed in 3.12; "
          "use 'types.ModuleType' [MOD004]")
# The name of the issue: a new line, then a GitHub workflow command.
HOSTILE = b"x\n::error file=README.md::pwned\n.py"
HOSTILE_SHOWN = "x\u240a::error file=README.md::pwned\u240a.py"
# What no terminal may receive from a file: C0 controls (ESC, BEL, ...) and DEL,
# C1 controls (CSI), bidi embeddings, overrides and isolates; and no bytes that
# are not UTF-8 (a lone 0x9b is CSI to an 8-bit terminal).
UNPRINTABLE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

def run(*args, cwd=None, stdin=None):
    proc = subprocess.run([MODLINT, *args], cwd=cwd, capture_output=True, input=stdin,
                          timeout=60)
    return proc


class Workdir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="modlint-output-")

    def tearDown(self):
        shutil.rmtree(self.dir)

    def write(self, name, data):
        path = os.path.join(os.fsencode(self.dir), name if isinstance(name, bytes)
                            else name.encode())
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assertNoControls(self, data, what):
        text = data.decode("utf-8")  # raises on bytes that are not UTF-8
        self.assertIsNone(UNPRINTABLE.search(text), f"{what} passes controls through:\n{text!r}")


class HumanFormats(Workdir):
    def test_a_hostile_name_makes_no_workflow_command_in_text_or_concise(self):
        self.write(HOSTILE, GOOD_SRC)
        concise = run("--output-format=concise", ".", cwd=self.dir)
        self.assertEqual(concise.returncode, 1, concise)
        self.assertEqual(concise.stdout.decode().splitlines(),
                         [f"./{HOSTILE_SHOWN}:2:5: {MOD004}"])
        text = run(".", cwd=self.dir)
        self.assertEqual(text.returncode, 1, text)
        lines = text.stdout.decode().splitlines()
        self.assertEqual(lines[0], f"./{HOSTILE_SHOWN}:2:5: {MOD004}")
        self.assertFalse([l for l in lines if l.startswith("::")], lines)

    def test_controls_in_source_are_shown_and_the_caret_stays_under_the_finding(self):
        self.write("a.py", b"import imp\n"
                           b"m = '\x1b]0;pwned\x07\x1b[2J\xe2\x80\xae'; n = imp.new_module('x')\n")
        r = run("a.py", cwd=self.dir)
        self.assertEqual(r.returncode, 1, r)
        self.assertNoControls(r.stdout, "text")
        lines = r.stdout.decode().splitlines()
        self.assertEqual(lines[0], "a.py:2:28: " + MOD004)
        self.assertEqual(lines[1], "m = '\u241b]0;pwned\u2407\u241b[2J\\u{202e}'; "
                                   "n = imp.new_module('x')")
        # The line shows 7 columns more than its characters: the caret moves too.
        self.assertEqual(lines[2], " " * 34 + "^" + "~" * 18)
        self.assertEqual(lines[3], " " * 34 + "types.ModuleType")

    def test_stderr_shows_a_hostile_name_of_an_unreadable_file(self):
        name = b"e\x1b]0;pwned\x07\n::error::x.py"
        os.symlink(b"missing", os.path.join(os.fsencode(self.dir), name))
        r = run(name, cwd=self.dir)
        self.assertEqual(r.returncode, 2, r)
        self.assertNoControls(r.stderr, "stderr")
        self.assertEqual(r.stderr.decode().splitlines(),
                         ["modlint: error: e\u241b]0;pwned\u2407\u240a::error::x.py: "
                          "No such file or directory"])

    def test_a_name_that_is_not_utf8_is_shown_escaped(self):
        self.write(b"bad\xff\x9b.py", GOOD_SRC)
        r = run("--output-format=concise", ".", cwd=self.dir)
        self.assertEqual(r.stdout.decode(), f"./bad\\xff\\x9b.py:2:5: {MOD004}\n")

    def test_github_message_shows_controls_and_keeps_the_file_property_exact(self):
        self.write("g\x1b[1m.py", GOOD_SRC)
        r = run("--output-format=github", "g\x1b[1m.py", cwd=self.dir)
        self.assertEqual(r.stdout.decode().split("::")[1:3],
                         ["warning title=modlint (MOD004),file=g\x1b[1m.py,line=2,col=5,"
                          "endLine=2,endColumn=24", "g\u241b[1m.py:2:5: MOD004 'imp.new_module' "
                          "is deprecated since Python 3.4 and removed in 3.12; use "
                          "'types.ModuleType'\n"])


class Diff(Workdir):
    def test_patch_applies_the_diff_of_a_hostile_name_to_that_file_only(self):
        """Raw, the name's line break made `patch -p0` fix ./victim.py with
        the hostile file's hunk; quoted as git does, patch reads the name."""
        victim = self.write("victim.py", GOOD_SRC)
        hostile = self.write(b"victim.py\nx.py", GOOD_SRC)
        r = run("--diff", "victim.py\nx.py", cwd=self.dir)
        self.assertEqual(r.returncode, 1, r)
        self.assertEqual(r.stdout.splitlines()[:2],
                         [b'--- "victim.py\\nx.py"', b'+++ "victim.py\\nx.py"'])
        dry = subprocess.run(["patch", "-p0", "--dry-run"], input=r.stdout, cwd=self.dir,
                             capture_output=True, timeout=60)
        self.assertEqual(dry.returncode, 0, dry)
        self.assertNotIn(b"checking file victim.py\n", dry.stdout)
        subprocess.run(["patch", "-p0"], input=r.stdout, cwd=self.dir, check=True,
                       capture_output=True, timeout=60)
        with open(victim, "rb") as f:
            self.assertEqual(f.read(), GOOD_SRC)
        with open(hostile, "rb") as f:
            self.assertEqual(f.read(), GOOD_FIXED)
        self.assertEqual(sorted(os.listdir(self.dir)), ["victim.py", "victim.py\nx.py"])

    def test_non_ascii_names_are_quoted_in_octal_and_patch_reads_them(self):
        name = "caf\u00e9 \"q\".py".encode()
        path = self.write(name, GOOD_SRC)
        r = run("--diff", name, cwd=self.dir)
        self.assertEqual(r.stdout.splitlines()[0], b'--- "caf\\303\\251 \\"q\\".py"')
        subprocess.run(["patch", "-p0"], input=r.stdout, cwd=self.dir, check=True,
                       capture_output=True, timeout=60)
        with open(path, "rb") as f:
            self.assertEqual(f.read(), GOOD_FIXED)


class Junit(Workdir):
    def test_junit_with_names_xml_forbids_is_well_formed(self):
        name = "j\ufffe\uffff\x01<&".encode() + b"\xff.py"
        self.write(name, GOOD_SRC)
        r = run("--output-format=junit", name, cwd=self.dir)
        self.assertEqual(r.returncode, 1, r)
        root = ET.fromstring(r.stdout)  # raises on what XML 1.0 forbids
        suite = root.find("testsuite")
        self.assertEqual(suite.get("name"), "j\\u{fffe}\\u{ffff}\u2401<&\\xff.py")
        self.assertEqual(suite.find("testcase/failure").get("message"), MOD004[9:-9])


class Json(Workdir):
    def test_json_names_are_lossless(self):
        names = [b"n\xfe.py", b"n\xff.py", b"p%FF.py", "p\u00e9.py".encode()]
        for name in names:
            self.write(name, GOOD_SRC)
        for fmt in ("json", "json-lines"):
            with self.subTest(fmt=fmt):
                r = run(f"--output-format={fmt}", *names, cwd=self.dir)
                self.assertEqual(r.returncode, 1, r)
                out = r.stdout.decode("utf-8")
                items = json.loads(out) if fmt == "json" else \
                    [json.loads(l) for l in out.splitlines()]
                got = [i["filename"] for i in items]
                self.assertEqual(got, ["n%FE.py", "n%FF.py", "p%25FF.py", "p\u00e9.py"])
                self.assertEqual([urllib.parse.unquote_to_bytes(g) for g in got], names)


class Sarif(Workdir):
    def test_sarif_locations_do_not_depend_on_how_the_path_is_spelled(self):
        self.write("a.py", GOOD_SRC)
        os.mkdir(os.path.join(self.dir, "sub"))
        seen = set()
        for spelling in ("a.py", "./a.py", os.path.join(self.dir, "a.py"), "sub/../a.py",
                         os.path.join(self.dir, "sub", "..", ".", "a.py")):
            r = run("--output-format=sarif", spelling, cwd=self.dir)
            self.assertEqual(r.returncode, 1, r)
            result = json.loads(r.stdout)["runs"][0]["results"][0]
            where = result["locations"][0]["physicalLocation"]["artifactLocation"]
            self.assertEqual((where["uri"], where["uriBaseId"]), ("a.py", "%SRCROOT%"), spelling)
            seen.add(result["partialFingerprints"]["modlintFingerprint/v1"])
        self.assertEqual(len(seen), 1, seen)

    def test_sarif_uri_outside_the_root_keeps_no_dot_dot(self):
        self.write("a.py", GOOD_SRC)
        os.mkdir(os.path.join(self.dir, "run"))
        r = run("--output-format=sarif", "../a.py", cwd=os.path.join(self.dir, "run"))
        where = json.loads(r.stdout)["runs"][0]["results"][0]["locations"][0][
            "physicalLocation"]["artifactLocation"]
        self.assertEqual(where, {"uri": "file://" + urllib.parse.quote(
            os.path.realpath(self.dir) + "/a.py"), "index": 0})


class UnreadableFiles(Workdir):
    """A dangling link beside a file with a finding: every format reports both."""

    def setUp(self):
        super().setUp()
        self.write("good.py", GOOD_SRC)
        os.symlink("missing", os.path.join(self.dir, "gone.py"))

    def lint(self, fmt):
        r = run(f"--output-format={fmt}", "gone.py", "good.py", cwd=self.dir)
        self.assertEqual(r.returncode, 2, r)
        self.assertEqual(r.stderr.decode(),
                         "modlint: error: gone.py: No such file or directory\n")
        return r.stdout.decode()

    def test_json_and_json_lines(self):
        entry = {"code": "io-error", "level": "error", "message": "No such file or directory",
                 "filename": "gone.py", "location": {"row": 1, "column": 1},
                 "end_location": {"row": 1, "column": 1}, "fix": None, "noqa_row": None,
                 "related": [],
                 "url": "https://github.com/modlint/modlint/blob/main/README.md"
                        "#names-and-source-text-in-the-output"}
        items = json.loads(self.lint("json"))
        self.assertEqual(items[0], entry)
        self.assertEqual([(i["code"], i["filename"]) for i in items],
                         [("io-error", "gone.py"), ("MOD004", "good.py")])
        lines = [json.loads(l) for l in self.lint("json-lines").splitlines()]
        self.assertEqual(lines, items)

    def test_junit(self):
        root = ET.fromstring(self.lint("junit"))
        self.assertEqual((root.get("tests"), root.get("failures"), root.get("errors")),
                         ("2", "1", "1"))
        suite = root.find("testsuite")
        self.assertEqual((suite.get("name"), suite.get("errors")), ("gone.py", "1"))
        case = suite.find("testcase")
        self.assertEqual(case.get("name"), "org.modlint.io-error")
        self.assertEqual(case.find("error").get("message"), "No such file or directory")

    def test_github(self):
        self.assertEqual(self.lint("github").splitlines()[0],
                         "::error title=modlint (io-error),file=gone.py::gone.py: io-error "
                         "No such file or directory")


if __name__ == "__main__":
    MODLINT, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    del sys.argv[1:3]
    unittest.main(verbosity=1)
