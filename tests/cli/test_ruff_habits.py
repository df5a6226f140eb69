#!/usr/bin/env python3
"""What Ruff users take for granted (issue 12, "Fit the habits of Ruff users"):
the target inferred from requires-python, --output-format=gitlab,
--output-file, --quiet, --show-files, --show-settings, dot directories
searched, --stdin-filename under --force-exclude, `# flake8: noqa`, and SARIF
that keeps what noqa silenced with %SRCROOT% at the project root.

Usage: test_ruff_habits.py MODLINT_BINARY REPO_ROOT
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

MODLINT = None
CLASSIC_SRC = None

PY2_MOD001 = ("a.py:16:11: warning: module object held only by local 'mod' dies when 'main' "
              "returns, but 'mod.func' escapes through global 'func': once the module is freed, "
              "Python resets its globals to None and the escaped code sees None for every "
              "global [MOD001]")
PY3_MOD001 = ("a.py:16:11: warning: module object held only by local 'mod' dies when 'main' "
              "returns, but 'mod.func' escapes through global 'func': its __module__ names a "
              "module missing from sys.modules, so pickle, multiprocessing, inspect.getsource "
              "and typing.get_type_hints fail on it [MOD001]")
MOD004 = ("a.py:16:11: warning: 'imp.new_module' is deprecated since Python 3.4 and removed in "
          "3.12; use 'types.ModuleType' [MOD004]")
PY2_MOD005 = ("a.py:17:5: warning: Python 2 'exec' statement; the call form 'exec(...)' means "
              "the same in Python 2.7 and also runs on Python 3 [MOD005]")
PY3_MOD005 = ("a.py:17:5: error: Python 2 'exec' statement is a syntax error in Python 3; use "
              "the call form 'exec(...)' [MOD005]")
PY2 = [PY2_MOD001, MOD004, PY2_MOD005]
PY3 = [PY3_MOD001, MOD004, PY3_MOD005]
IMP_SRC = "import imp\nm = imp.new_module('x')\n"
IMP_FINDING = ("warning: 'imp.new_module' is deprecated since Python 3.4 and removed in 3.12; "
               "use 'types.ModuleType' [MOD004]")


def run(*args, cwd, stdin=None, env=None):
    return subprocess.run([MODLINT, *args], capture_output=True, text=True, cwd=cwd, input=stdin,
                          env=env)


class Project(unittest.TestCase):
    def setUp(self):
        self.dir = os.path.realpath(tempfile.mkdtemp(prefix="modlint-habits-"))

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w") as f:
            f.write(text)
        return path

    def concise(self, *args, cwd=None):
        r = run("--output-format=concise", *args, cwd=cwd or self.dir)
        return r.returncode, r.stdout.splitlines(), r.stderr

    def git_init(self):
        subprocess.run(["git", "init", "-q", self.dir], check=True)


class TargetFromRequiresPython(Project):
    def test_py27_project_gets_python2_wording_and_mod005_warning(self):
        self.write("pyproject.toml", '[project]\nname = "x"\nrequires-python = ">=2.7"\n')
        self.write("a.py", CLASSIC_SRC)
        self.assertEqual(self.concise("a.py"), (1, PY2, ""))

    def test_lower_bound_with_upper_bound(self):
        self.write("pyproject.toml", '[project]\nrequires-python = ">=3.9,<4"\n')
        self.write("a.py", CLASSIC_SRC)
        self.assertEqual(self.concise("a.py"), (1, PY3, ""))
        # 3.3 still clears a freed module's globals (PEP 442 came in 3.4).
        self.write("pyproject.toml", '[project]\nrequires-python = "~=3.3"\n')
        self.assertEqual(self.concise("a.py")[1][0], PY2_MOD001)
        self.assertEqual(self.concise("a.py")[1][2], PY3_MOD005)

    def test_without_requires_python_the_default(self):
        self.write("a.py", CLASSIC_SRC)
        self.assertEqual(self.concise("a.py"), (1, PY3, ""))

    def test_closest_pyproject_decides_even_without_tool_table(self):
        self.write("pyproject.toml", '[project]\nrequires-python = ">=3.10"\n'
                                     '[tool.modlint]\nignore = ["MOD004"]\n')
        self.write("legacy/pyproject.toml", '[project]\nrequires-python = ">=2.7"\n')
        self.write("legacy/a.py", CLASSIC_SRC)
        self.write("other/pyproject.toml", '[project]\nname = "other"\n')
        self.write("other/a.py", CLASSIC_SRC)
        code, lines, _ = self.concise("legacy/a.py", "other/a.py")
        self.assertEqual(lines, ["legacy/" + PY2_MOD001, "legacy/" + PY2_MOD005,
                                 "other/" + PY3_MOD001, "other/" + PY3_MOD005])

    def test_config_cli_and_isolated_win(self):
        self.write("pyproject.toml", '[project]\nrequires-python = ">=2.7"\n')
        self.write("a.py", CLASSIC_SRC)
        self.assertEqual(self.concise("--target-version=py312", "a.py")[1], PY3)
        self.assertEqual(self.concise("--isolated", "a.py")[1], PY3)
        self.write("modlint.toml", 'target-version = "py38"\n')
        self.assertEqual(self.concise("a.py")[1], PY3)

    def test_standard_input_takes_the_target_of_its_name(self):
        self.write("pyproject.toml", '[project]\nrequires-python = ">=2.7"\n')
        r = run("--output-format=concise", "--stdin-filename=a.py", "-", cwd=self.dir,
                stdin=CLASSIC_SRC)
        self.assertEqual(r.stdout.splitlines(), PY2)


class Gitlab(Project):
    def test_code_quality_report(self):
        self.git_init()
        self.write("pkg/a.py", CLASSIC_SRC)
        self.write("pkg/b.py", IMP_SRC + IMP_SRC)
        env = {k: v for k, v in os.environ.items() if k != "CI_PROJECT_DIR"}
        r = run("--output-format=gitlab", ".", cwd=os.path.join(self.dir, "pkg"), env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        issues = json.loads(r.stdout)
        self.assertEqual(r.stdout, json.dumps(issues, indent=2) + "\n")
        summary = [(i["check_name"], i["severity"], i["location"]["path"],
                    i["location"]["lines"]["begin"], i["location"]["lines"]["end"])
                   for i in issues]
        self.assertEqual(summary, [("MOD001", "minor", "pkg/a.py", 16, 16),
                                   ("MOD004", "minor", "pkg/a.py", 16, 16),
                                   ("MOD005", "major", "pkg/a.py", 17, 17),
                                   ("MOD004", "minor", "pkg/b.py", 2, 2),
                                   ("MOD004", "minor", "pkg/b.py", 4, 4)])
        self.assertEqual(issues[1]["description"], MOD004[len("a.py:16:11: warning: "):-9])
        self.assertEqual(sorted(issues[0]), ["check_name", "description", "fingerprint",
                                             "location", "severity"])
        prints = [i["fingerprint"] for i in issues]
        self.assertEqual(len(set(prints)), 5)  # the two equal findings of b.py differ
        self.assertTrue(all(len(p) == 40 and set(p) <= set("0123456789abcdef") for p in prints))
        # Stable across runs and moves of the line.
        self.write("pkg/a.py", "\n\n" + CLASSIC_SRC)
        again = json.loads(run("--output-format=gitlab", ".", cwd=self.dir, env=env).stdout)
        self.assertEqual([i["fingerprint"] for i in again], prints)
        self.assertEqual(again[0]["location"]["lines"]["begin"], 18)

    def test_ci_project_dir_and_io_errors(self):
        self.write("a.py", IMP_SRC)
        env = dict(os.environ, CI_PROJECT_DIR=os.path.dirname(self.dir))
        r = run("--output-format=gitlab", "a.py", "missing.py", cwd=self.dir, env=env)
        self.assertEqual(r.returncode, 2)
        issues = json.loads(r.stdout)
        base = os.path.basename(self.dir)
        self.assertEqual([(i["check_name"], i["location"]["path"], i["severity"])
                          for i in issues],
                         [("MOD004", f"{base}/a.py", "minor"),
                          ("io-error", f"{base}/missing.py", "major")])
        self.assertEqual(issues[1]["description"],
                         "missing.py: No such file or directory")

    def test_config_accepts_gitlab(self):
        self.write("pyproject.toml", '[tool.modlint]\noutput-format = "gitlab"\n')
        self.write("a.py", IMP_SRC)
        r = run("a.py", cwd=self.dir)
        self.assertEqual(json.loads(r.stdout)[0]["check_name"], "MOD004")


class OutputFile(Project):
    def test_report_goes_to_the_file(self):
        self.write("a.py", IMP_SRC)
        r = run("--output-format=gitlab", "--output-file=report.json", "a.py", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (1, "", ""))
        with open(os.path.join(self.dir, "report.json")) as f:
            written = f.read()
        self.assertEqual(written, run("--output-format=gitlab", "a.py", cwd=self.dir).stdout)
        self.assertEqual(sorted(os.listdir(self.dir)), ["a.py", "report.json"])
        self.assertEqual(os.stat(os.path.join(self.dir, "report.json")).st_mode & 0o777,
                         0o666 & ~current_umask())
        r = run("-o", "out.txt", "a.py", cwd=self.dir)
        with open(os.path.join(self.dir, "out.txt")) as f:
            text = f.read()
        self.assertTrue(text.startswith("a.py:2:5: " + IMP_FINDING + "\n"), text)
        self.assertTrue(text.endswith("Found 1 finding.\n1 fixable with the --fix option.\n"))
        self.assertNotIn("\x1b", text)

    def test_unwritable_path_is_an_error_and_writes_nothing(self):
        self.write("a.py", IMP_SRC)
        r = run("--output-file=no/such/dir/r.json", "a.py", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout), (2, ""))
        self.assertEqual(r.stderr, "modlint: error: cannot write output file "
                                   "'no/such/dir/r.json': No such file or directory\n")
        r = run("--output-file=.", "a.py", cwd=self.dir)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr, "modlint: error: cannot write output file '.': "
                                   "Is a directory\n")

    def test_a_failed_run_leaves_the_previous_report(self):
        self.write("a.py", IMP_SRC)
        report = self.write("report.json", "previous\n")
        r = run("--output-file=report.json", "--select=MOD999", "a.py", cwd=self.dir)
        self.assertEqual(r.returncode, 2)
        with open(report) as f:
            self.assertEqual(f.read(), "previous\n")
        self.assertEqual(sorted(os.listdir(self.dir)), ["a.py", "report.json"])


class Quiet(Project):
    def test_findings_only(self):
        self.write("a.py", IMP_SRC)
        self.write("ok.py", "x = 1\n")
        for flag in ("-q", "--quiet"):
            r = run(flag, "ok.py", cwd=self.dir)
            self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))
            r = run(flag, "--output-format=concise", "a.py", cwd=self.dir)
            self.assertEqual((r.returncode, r.stdout), (1, "a.py:2:5: " + IMP_FINDING + "\n"))
            r = run(flag, "a.py", cwd=self.dir)
            self.assertNotIn("Found", r.stdout)
            self.assertIn("a.py:2:5: " + IMP_FINDING, r.stdout)
        os.makedirs(os.path.join(self.dir, "empty"))
        self.assertEqual(run("-q", "empty", cwd=self.dir).stderr, "")
        self.assertEqual(run("empty", cwd=self.dir).stderr,
                         "modlint: warning: no Python files found under the given path(s)\n")
        self.assertEqual(run("-q", "missing.py", cwd=self.dir).returncode, 2)


class ShowFilesAndSettings(Project):
    def test_show_files(self):
        self.write("b.py", IMP_SRC)
        self.write("a/c.pyi", "")
        self.write(".github/scripts/x.py", "")
        self.write(".venv/lib/y.py", "")
        self.write("notes.txt", "")
        r = run("--show-files", ".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        self.assertEqual(r.stdout, "".join(os.path.join(self.dir, p) + "\n" for p in
                                           (".github/scripts/x.py", "a/c.pyi", "b.py")))
        r = run("--show-files", "--extend-exclude=a", ".", cwd=self.dir)
        self.assertEqual(r.stdout.count("\n"), 2)

    def test_show_settings(self):
        self.write("pyproject.toml", '[project]\nrequires-python = ">=2.7"\n'
                                     '[tool.modlint]\nignore = ["MOD002", "MOD003"]\n')
        self.write("b.py", "")
        self.write("a/c.py", "")
        r = run("--show-settings", "--output-format=sarif", ".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        self.assertEqual(r.stdout, "\n".join([
            f'Resolved settings for: "{self.dir}/a/c.py"',
            f'Settings path: "{self.dir}/pyproject.toml"',
            "",
            "# Linter Settings",
            "linter.rules.enabled = [",
            "\torphaned-module-member (MOD001),",
            "\tdeprecated-imp-new-module (MOD004),",
            "\texec-statement (MOD005),",
            "]",
            f'linter.target_version = py27 (project.requires-python of "{self.dir}/pyproject.toml")',
            "linter.respect_gitignore = true",
            "linter.force_exclude = false",
            "linter.prefilter = true",
            "",
            "# Output Settings",
            "output_format = sarif",
            "fix = false",
            "unsafe_fixes = false",
            ""]))
        r = run("--show-settings", "--isolated", "--target-version=py39", "b.py", cwd=self.dir)
        self.assertIn("\nlinter.target_version = py39 (--target-version)\n", r.stdout)
        self.assertNotIn("Settings path", r.stdout)
        os.makedirs(os.path.join(self.dir, "empty"))
        r = run("--show-settings", "empty", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout, r.stderr),
                         (2, "", "modlint: error: no Python files found under the given path(s)\n"))


class DotDirectories(Project):
    def test_github_scripts_are_linted_as_precommit_would(self):
        self.write(".github/scripts/x.py", IMP_SRC)
        self.write(".tox/py3/x.py", IMP_SRC)
        self.write(".git/hooks/x.py", IMP_SRC)
        code, lines, _ = self.concise(".")
        self.assertEqual((code, lines), (1, ["./.github/scripts/x.py:2:5: " + IMP_FINDING]))
        # The same file as pre-commit names it.
        self.assertEqual(self.concise(".github/scripts/x.py")[1],
                         [".github/scripts/x.py:2:5: " + IMP_FINDING])


class StdinForceExclude(Project):
    def test_excluded_name_is_not_linted(self):
        self.write("pyproject.toml", '[tool.modlint]\nextend-exclude = ["legacy"]\n')
        args = ["--output-format=concise", "--stdin-filename=legacy/x.py", "-"]
        r = run("--force-exclude", *args, cwd=self.dir, stdin=IMP_SRC)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", ""))
        r = run(*args, cwd=self.dir, stdin=IMP_SRC)
        self.assertEqual((r.returncode, r.stdout), (1, "legacy/x.py:2:5: " + IMP_FINDING + "\n"))
        # Editors that fix through stdin get the text back unchanged.
        r = run("--force-exclude", "--fix", "--stdin-filename=legacy/x.py", "-", cwd=self.dir,
                stdin="exec code\n")
        self.assertEqual((r.returncode, r.stdout), (0, "exec code\n"))
        r = run("--force-exclude", "--stdin-filename=legacy/x.py", "-", cwd=self.dir,
                stdin=IMP_SRC)
        self.assertEqual(r.stdout, "All checks passed!\n")

    def test_cli_exclude_default_excludes_and_gitignore(self):
        self.git_init()
        self.write(".gitignore", "generated/\n")
        self.write("generated/x.py", IMP_SRC)  # the buffer of a file on disk
        for name, flags in (("vendored/x.py", ["--extend-exclude=vendored"]),
                            (".venv/x.py", []), ("generated/x.py", [])):
            r = run("--force-exclude", "--output-format=concise", *flags,
                    f"--stdin-filename={name}", "-", cwd=self.dir, stdin=IMP_SRC)
            self.assertEqual((r.returncode, r.stdout), (0, ""), name)
        r = run("--force-exclude", "--output-format=concise", "--stdin-filename=src/x.py", "-",
                cwd=self.dir, stdin=IMP_SRC)
        self.assertEqual(r.returncode, 1)


class Flake8Noqa(Project):
    def lint(self, text):
        self.write("a.py", text)
        return self.concise("a.py")

    def test_file_level_flake8_noqa(self):
        self.assertEqual(self.lint("# flake8: noqa\n" + IMP_SRC), (0, [], ""))
        self.assertEqual(self.lint(IMP_SRC + "    #   flake8:NOQA\n"), (0, [], ""))
        self.assertEqual(self.lint("# FLAKE8: noqa\n" + IMP_SRC)[0], 1)  # as Ruff: lower case
        # With codes, those codes only (as Ruff).
        self.assertEqual(self.lint("# flake8: noqa: E501\n" + IMP_SRC)[1],
                         ["a.py:3:5: " + IMP_FINDING])
        self.assertEqual(self.lint("# flake8: noqa: E501, MOD004\n" + IMP_SRC), (0, [], ""))
        self.assertEqual(self.lint("# flake8: noqa: E501, MOD004\n" + "exec code\n")[1],
                         ["a.py:2:1: error: Python 2 'exec' statement is a syntax error in "
                          "Python 3; use the call form 'exec(...)' [MOD005]"])

    def test_not_a_file_level_flake8_noqa(self):
        for text in ("x = 1  # flake8: noqa\n" + IMP_SRC,        # not on its own line
                     's = """\n# flake8: noqa\n"""\n' + IMP_SRC,  # in a string
                     "# flake8: noqa because\n" + IMP_SRC,        # not the directive
                     "# ruff: noqa\n" + IMP_SRC):                 # Ruff's own
            code, lines, _ = self.lint(text)
            self.assertEqual(code, 1, text)
            self.assertEqual(len(lines), 1, text)

    def test_sarif_keeps_it_as_suppressed(self):
        self.write("a.py", "# flake8: noqa\n" + IMP_SRC)
        r = run("--output-format=sarif", "a.py", cwd=self.dir)
        self.assertEqual(r.returncode, 0)
        results = json.loads(r.stdout)["runs"][0]["results"]
        self.assertEqual([(x["ruleId"], x["suppressions"]) for x in results],
                         [("MOD004", [{"kind": "inSource"}])])


class SarifHabits(Project):
    def test_suppressed_findings_are_kept_dismissed(self):
        self.write("a.py", "import imp\n"
                           "m = imp.new_module('x')  # noqa: MOD004\n"
                           "n = imp.new_module('y')\n"
                           "exec code  # noqa\n")
        r = run("--output-format=sarif", "a.py", cwd=self.dir)
        self.assertEqual(r.returncode, 1)
        results = json.loads(r.stdout)["runs"][0]["results"]
        self.assertEqual([(x["ruleId"], x["locations"][0]["physicalLocation"]["region"]
                           ["startLine"], x.get("suppressions")) for x in results],
                         [("MOD004", 2, [{"kind": "inSource"}]), ("MOD004", 3, None),
                          ("MOD005", 4, [{"kind": "inSource"}])])
        # Only SARIF shows them; the other formats and the exit status do not count them.
        self.assertEqual(self.concise("a.py")[1], ["a.py:3:5: " + IMP_FINDING])
        self.assertEqual(len(json.loads(run("--output-format=json", "a.py",
                                            cwd=self.dir).stdout)), 1)
        self.write("a.py", "import imp\nm = imp.new_module('x')  # noqa\n")
        r = run("--output-format=sarif", "a.py", cwd=self.dir)
        self.assertEqual(r.returncode, 0)
        self.assertEqual(len(json.loads(r.stdout)["runs"][0]["results"]), 1)

    def test_srcroot_is_the_git_root_wherever_modlint_runs(self):
        self.git_init()
        self.write("pkg/sub/a.py", IMP_SRC)
        logs = [json.loads(run("--output-format=sarif", path, cwd=cwd).stdout)["runs"][0]
                for cwd, path in ((self.dir, "pkg/sub/a.py"),
                                  (os.path.join(self.dir, "pkg"), "sub/a.py"),
                                  (os.path.join(self.dir, "pkg", "sub"), "a.py"),
                                  (os.path.join(self.dir, "pkg", "sub"),
                                   os.path.join(self.dir, "pkg/sub/a.py")))]
        for log in logs:
            self.assertEqual(log["originalUriBaseIds"]["%SRCROOT%"]["uri"],
                             "file://" + self.dir + "/")
            loc = log["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
            self.assertEqual((loc["uri"], loc["uriBaseId"]), ("pkg/sub/a.py", "%SRCROOT%"))
        self.assertEqual(len({json.dumps(log["results"]) for log in logs}), 1)

    def test_outside_a_repository_the_working_directory(self):
        self.write("sub/a.py", IMP_SRC)
        log = json.loads(run("--output-format=sarif", "a.py",
                             cwd=os.path.join(self.dir, "sub")).stdout)["runs"][0]
        self.assertEqual(log["originalUriBaseIds"]["%SRCROOT%"]["uri"],
                         "file://" + self.dir + "/sub/")
        loc = log["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
        self.assertEqual(loc["uri"], "a.py")


def current_umask():
    mask = os.umask(0)
    os.umask(mask)
    return mask


if __name__ == "__main__":
    MODLINT, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(os.path.join(root, "fixtures", "examples", "classic.py")) as f:
        CLASSIC_SRC = f.read()
    del sys.argv[1:3]
    unittest.main(verbosity=1)
