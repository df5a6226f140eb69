#!/usr/bin/env python3
"""Globs of `exclude`, `extend-exclude` and `per-file-ignores` as users give
them, hostile ones included: they finish (the timeout of each run only guards
against a hang, it measures nothing), and a glob modlint refuses is one error
line naming it, exit 2.

Usage: test_globs.py MODLINT_BINARY REPO_ROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

MODLINT = None
HANG_GUARD = 120  # seconds; the backtracking matcher took minutes on these

IMP_SRC = "import imp\nm = imp.new_module('x')\n"


def run(*args, cwd):
    return subprocess.run([MODLINT, "--output-format=concise", *args], capture_output=True,
                          text=True, cwd=cwd, timeout=HANG_GUARD)


def finding(path):
    return (path + ":2:5: warning: 'imp.new_module' is deprecated since Python 3.4 and removed "
            "in 3.12; use 'types.ModuleType' [MOD004]")


class Globs(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="modlint-globs-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return "./" + name  # as a walk of "." names it

    def test_many_stars_on_a_29_byte_name(self):
        # Seen failing before: 49 s a match, over the guard for the run.
        long_name = self.write("a" * 26 + ".py", IMP_SRC)  # 29 bytes, no 'b' at the end
        self.write("a" * 28 + "b/x.py", IMP_SRC)  # a directory the glob excludes
        r = run("--extend-exclude=**********b", ".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout.splitlines(), r.stderr),
                         (1, [finding(long_name)], ""))

    def test_stars_up_to_the_limit_still_match(self):
        # Seen failing before: 4096 stars never finished.
        kept = self.write("a" * 26 + ".py", IMP_SRC)
        self.write("sub/" + "a" * 25 + "b.py", IMP_SRC)
        r = run("--extend-exclude=" + "*" * 4092 + "b.py", ".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout.splitlines(), r.stderr),
                         (1, [finding(kept)], ""))

    def test_a_glob_past_4096_bytes_is_an_error_naming_it(self):
        # Seen failing before: 200k stars overflowed the stack (SIGSEGV).
        self.write("a.py", IMP_SRC)
        self.write("pyproject.toml", '[tool.modlint]\nextend-exclude = ["x", "%s"]\n'
                   % ("*" * 200000))
        r = run(".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        config = os.path.join(self.dir, "pyproject.toml")
        # A config that cannot be used: its files are reported, not linted.
        self.assertEqual(r.stderr, "modlint: error: ./a.py: not linted: " + config +
                         ":2: 'extend-exclude': bad glob '" + "*" * 64 +
                         "...' (200000 bytes): longer than 4096 bytes\n")
        r = run("--isolated", "--extend-exclude=" + "*" * 5000, ".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (2, "", (
            "modlint: error: bad glob '" + "*" * 64 + "...' (5000 bytes): longer than 4096 "
            "bytes\n")))

    def test_invalid_globs_say_why(self):
        self.write("a.py", IMP_SRC)
        r = run("--isolated", "--exclude=src/[z-a]", ".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (
            2, "", "modlint: error: bad glob 'src/[z-a]': range 'z-a' is reversed\n"))
        r = run("--isolated", "--per-file-ignores=[ab:MOD004", ".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (
            2, "", "modlint: error: --per-file-ignores: bad glob '[ab': '[' without a closing "
            "']'\n"))
        self.write("pyproject.toml", '[tool.modlint.per-file-ignores]\n"t/[]" = ["MOD004"]\n')
        r = run(".", cwd=self.dir)
        config = os.path.join(self.dir, "pyproject.toml")
        self.assertEqual((r.returncode, r.stdout, r.stderr), (
            2, "", "modlint: error: ./a.py: not linted: " + config + ":2: 'per-file-ignores': "
            "bad glob 't/[]': '[' without a closing ']'\n"))

    def test_regex_metacharacters_are_literal(self):
        self.write("pyproject.toml", '[tool.modlint.per-file-ignores]\n'
                   '"a+(b|c).py" = ["MOD004"]\n"x.py" = ["MOD004"]\n')
        self.write("a+(b|c).py", IMP_SRC)  # ignored: the glob names it exactly
        aab = self.write("aab.py", IMP_SRC)  # as a regex, a+(b|c).py would match these
        xpy = self.write("x_py", IMP_SRC)[2:]  # named on the command line
        self.write("x.py", IMP_SRC)
        r = run(".", "x_py", cwd=self.dir)
        self.assertEqual((r.returncode, sorted(r.stdout.splitlines()), r.stderr),
                         (1, [finding(aab), finding(xpy)], ""))

    def test_star_crosses_directories_and_brackets_pick_bytes(self):
        self.write("pyproject.toml", "[tool.modlint]\n")  # globs are relative to its directory
        self.write("pkg/sub/gen_1.py", IMP_SRC)
        kept = self.write("pkg/sub/gen_x.py", IMP_SRC)
        self.write("pkg/tests/t.py", IMP_SRC)
        r = run("--extend-exclude=pkg*/gen_[0-9].py", "--extend-exclude=tests/",
                ".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout.splitlines(), r.stderr),
                         (1, [finding(kept)], ""))


if __name__ == "__main__":
    MODLINT = os.path.abspath(sys.argv[1])
    unittest.main(argv=sys.argv[:1] + sys.argv[3:])
