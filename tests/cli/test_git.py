#!/usr/bin/env python3
"""`.gitignore` as git itself judges it: modlint asks `git ls-files` for a
walked directory in a work tree and `git check-ignore` for paths named with
--force-exclude. Hostile file names never become options or pathspecs, a hook's
GIT_DIR does not leak in, nested repositories answer for themselves, and a
missing git is a clear error only where a work tree needs it.

Usage: test_git.py MODLINT_BINARY REPO_ROOT   (exit 77: git is not installed)
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

MODLINT = None
IMP_SRC = "import imp\nm = imp.new_module('x')\n"


def finding(path):
    return (path + ":2:5: warning: 'imp.new_module' is deprecated since Python 3.4 and removed "
            "in 3.12; use 'types.ModuleType' [MOD004]")


def run(*args, cwd, env=None):
    return subprocess.run([MODLINT, "--output-format=concise", *args], capture_output=True,
                          text=True, cwd=cwd, env=env)


def git(*args, cwd):
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


class Git(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="modlint-git-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, text=IMP_SRC):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def check(self, r, paths):
        self.assertEqual((r.returncode, sorted(r.stdout.splitlines()), r.stderr),
                         (1 if paths else 0, sorted(finding(p) for p in paths), ""))

    def test_missing_git_is_an_error_only_where_a_work_tree_needs_it(self):
        git("init", "-q", ".", cwd=self.dir)
        self.write(".gitignore", "gen/\n")
        self.write("a.py")
        self.write("gen/b.py")
        no_git = dict(os.environ, PATH=os.path.join(self.dir, "empty-bin"))
        r = run(".", cwd=self.dir, env=no_git)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (
            2, "", f"modlint: error: cannot honour the .gitignore of {self.dir}: git is not on "
            "PATH (pass --no-respect-gitignore to lint without it)\n"))
        r = run("--force-exclude", "a.py", cwd=self.dir, env=no_git)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (
            2, "", f"modlint: error: cannot honour the .gitignore of {self.dir}: git is not on "
            "PATH (pass --no-respect-gitignore to lint without it)\n"))
        self.check(run("--no-respect-gitignore", ".", cwd=self.dir, env=no_git),
                   ["./a.py", "./gen/b.py"])
        self.check(run("a.py", cwd=self.dir, env=no_git), ["a.py"])  # no --force-exclude
        # Outside a work tree no .gitignore applies, and git is not needed.
        outside = tempfile.mkdtemp(prefix="modlint-nogit-")
        try:
            with open(os.path.join(outside, ".gitignore"), "w") as f:
                f.write("*.py\n")
            with open(os.path.join(outside, "c.py"), "w") as f:
                f.write(IMP_SRC)
            self.check(run(".", cwd=outside, env=no_git), ["./c.py"])
        finally:
            shutil.rmtree(outside)

    def test_hostile_names_are_never_options_or_pathspecs(self):
        git("init", "-q", ".", cwd=self.dir)
        self.write(".gitignore", "*_pb2.py\n")
        names = ["-q.py", ":(top)x_pb2.py", "--stdin_pb2.py", "a\nb_pb2.py", ":!c_pb2.py"]
        for n in names:
            self.write(n)
        self.check(run(".", cwd=self.dir), ["./-q.py"])
        self.check(run("--force-exclude", *("./" + n for n in names), cwd=self.dir),
                   ["./-q.py"])

    def test_tracked_files_are_not_ignored(self):
        """git's rule: .gitignore keeps untracked files out; a tracked one is linted."""
        git("init", "-q", ".", cwd=self.dir)
        self.write(".gitignore", "gen/\n")
        self.write("gen/tracked.py")
        self.write("gen/untracked.py")
        git("add", "-f", "gen/tracked.py", cwd=self.dir)
        self.check(run(".", cwd=self.dir), ["./gen/tracked.py"])
        self.check(run("--force-exclude", "gen/tracked.py", "gen/untracked.py", cwd=self.dir),
                   ["gen/tracked.py"])

    def test_nested_repositories_answer_for_themselves(self):
        git("init", "-q", ".", cwd=self.dir)
        self.write(".gitignore", "skipped/\n")
        for d in ("vendor/lib", "skipped"):  # vendor/ holds nothing but the repository
            os.makedirs(os.path.join(self.dir, d))
            git("init", "-q", ".", cwd=os.path.join(self.dir, d))
        self.write("vendor/lib/.gitignore", "gen.py\n")
        self.write("vendor/lib/a.py")
        self.write("vendor/lib/gen.py")
        self.write("skipped/s.py")
        self.check(run(".", cwd=self.dir), ["./vendor/lib/a.py"])
        self.check(run("vendor", cwd=self.dir), ["vendor/lib/a.py"])
        # A named file is judged by the repository it is in, as git does in it.
        self.check(run("--force-exclude", "vendor/lib/gen.py", "vendor/lib/a.py",
                       "skipped/s.py", cwd=self.dir), ["vendor/lib/a.py", "skipped/s.py"])

    def test_a_subdirectory_root_and_a_hooks_git_dir(self):
        """A root below the top of the work tree is judged by the top's
        .gitignore; GIT_DIR and GIT_WORK_TREE, which git sets for a hook,
        name another repository and must not decide."""
        git("init", "-q", ".", cwd=self.dir)
        self.write(".gitignore", "/pkg/gen/\n")
        self.write("pkg/gen/x.py")
        self.write("pkg/y.py")
        other = os.path.join(self.dir, "other")
        os.makedirs(other)
        git("init", "-q", ".", cwd=other)
        hook_env = dict(os.environ, GIT_DIR=os.path.join(other, ".git"), GIT_WORK_TREE=other,
                        GIT_INDEX_FILE=os.path.join(other, ".git", "index"))
        for env in (None, hook_env):
            self.check(run("pkg", cwd=self.dir, env=env), ["pkg/y.py"])
            self.check(run(".", cwd=os.path.join(self.dir, "pkg"), env=env), ["./y.py"])
            self.check(run("--force-exclude", "pkg/gen/x.py", "pkg/y.py", cwd=self.dir, env=env),
                       ["pkg/y.py"])


if __name__ == "__main__":
    if not shutil.which("git"):
        print("skipped: git is not installed")
        sys.exit(77)
    MODLINT = os.path.abspath(sys.argv[1])
    unittest.main(argv=sys.argv[:1] + sys.argv[3:])
