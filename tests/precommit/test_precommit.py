#!/usr/bin/env python3
"""modlint's hooks under the real pre-commit, in a throw-away repository:
`modlint` fails naming the finding on a bad file and passes once it is fixed;
`modlint-fix` rewrites the file.

Usage: test_precommit.py MODLINT_BINARY REPO_ROOT
Exit 77 (skipped) where pre-commit or git is missing.
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

MODLINT = ROOT = None
BAD = "import imp\n\n\ndef load(name):\n    return imp.new_module(name)\n"
GOOD = "import types\n\n\ndef load(name):\n    return types.ModuleType(name)\n"


class PreCommitHooks(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="modlint-precommit-")
        self.repo = os.path.join(self.dir, "project")
        os.makedirs(self.repo)
        bindir = os.path.join(self.dir, "bin")
        os.makedirs(bindir)
        os.symlink(MODLINT, os.path.join(bindir, "modlint"))
        self.env = dict(os.environ, PATH=bindir + os.pathsep + os.environ["PATH"],
                        PRE_COMMIT_HOME=os.path.join(self.dir, "cache"),
                        GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.invalid",
                        GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.invalid")
        self.git("init", "-q")
        self.write("bad.py", BAD)
        self.write("good.py", GOOD)
        self.git("add", ".")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def git(self, *args):
        subprocess.run(["git", *args], cwd=self.repo, env=self.env, check=True,
                       capture_output=True)

    def write(self, name, text):
        with open(os.path.join(self.repo, name), "w") as f:
            f.write(text)

    def read(self, name):
        with open(os.path.join(self.repo, name)) as f:
            return f.read()

    def try_repo(self, hook):
        return subprocess.run(["pre-commit", "try-repo", ROOT, hook, "--all-files"],
                              cwd=self.repo, env=self.env, capture_output=True, text=True)

    def test_check_hook_fails_on_the_bad_file_then_passes(self):
        r = self.try_repo("modlint")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)
        self.assertIn("bad.py:5:12: warning: 'imp.new_module' is deprecated", r.stdout)
        self.assertIn("[MOD004]", r.stdout)
        self.assertNotIn("good.py:", r.stdout)
        self.write("bad.py", GOOD)
        self.git("add", ".")
        r = self.try_repo("modlint")
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertRegex(r.stdout, r"modlint\.+Passed")

    def test_fix_hook_rewrites_the_file(self):
        r = self.try_repo("modlint-fix")
        self.assertEqual(r.returncode, 1, r.stdout + r.stderr)  # files were modified
        self.assertIn("files were modified by this hook", r.stdout)
        self.assertEqual(self.read("bad.py"),
                         "import types\n\n\ndef load(name):\n"
                         "    return types.ModuleType(name)\n")
        self.git("add", ".")
        self.assertEqual(self.try_repo("modlint-fix").returncode, 0)


if __name__ == "__main__":
    MODLINT, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    del sys.argv[1:3]
    if not shutil.which("pre-commit") or not shutil.which("git"):
        print("skipped: pre-commit or git is not installed")
        sys.exit(77)
    unittest.main(verbosity=1)
