#!/usr/bin/env python3
"""The modlint command as a user runs it: exit codes, output formats, --fix
and --diff, and proof on real interpreters that the fixes fix the bug.

Usage: test_cli.py MODLINT_BINARY REPO_ROOT
"""
import json
import os
import re
import pickle  # noqa: F401  (the child processes pickle)
import shutil
import subprocess
import sys
import tempfile
import textwrap
import unittest

MODLINT = None
ROOT = None
CLASSIC = None

PY3_VARIANT = textwrap.dedent('''\
    import pickle
    import types

    func = None

    code = """
    a = 42

    def func():
        return a
    """

    def main():
        global func
        mod = types.ModuleType("modulename")
        exec(code, mod.__dict__)
        func = mod.func

    main()
    print(func())
    print(len(pickle.dumps(func)) > 0)
    ''')


def run(*args, stdin=None, cwd=None):
    return subprocess.run([MODLINT, *args], capture_output=True, text=True, input=stdin,
                          cwd=cwd)


def python2():
    """A Python 2.7 interpreter, or None."""
    env = dict(os.environ, PYENV_VERSION="2.7.18")
    exe = shutil.which("python2.7")
    if not exe:
        return None
    try:
        ok = subprocess.run([exe, "-c", "print 1"], env=env, capture_output=True).returncode == 0
    except OSError:
        return None
    return (exe, env) if ok else None


def python312():
    """A Python 3.12 interpreter (pyenv 3.12.1), where `imp` is gone, or None."""
    env = dict(os.environ, PYENV_VERSION="3.12.1")
    exe = shutil.which("python3.12")
    if not exe:
        return None
    try:
        probe = subprocess.run([exe, "-c", "import sys; print(sys.version_info[:2])"], env=env,
                               capture_output=True, text=True)
    except OSError:
        return None
    return (exe, env) if probe.stdout.strip() == "(3, 12)" else None


IMP_LOADER = textwrap.dedent('''\
    """A plugin loader written before Python 3.4."""
    import imp, sys
    from imp import new_module as blank

    SOURCE = "def greet():\\n    return 'hello from ' + __name__\\n"


    def load(name):
        mod = imp.new_module(name)
        exec(SOURCE, mod.__dict__)
        sys.modules[name] = mod
        return mod


    def stub(name):
        try:
            import imp
        except ImportError:
            raise
        return imp.new_module(name)


    print(load("plugin").greet())
    print(type(blank("empty")).__name__, stub("stub").__name__)
    ''')

IMP_LOADER_FIXED = textwrap.dedent('''\
    """A plugin loader written before Python 3.4."""
    import types
    import sys

    SOURCE = "def greet():\\n    return 'hello from ' + __name__\\n"


    def load(name):
        mod = types.ModuleType(name)
        exec(SOURCE, mod.__dict__)
        sys.modules[name] = mod
        return mod


    def stub(name):
        try:
            pass
        except ImportError:
            raise
        return types.ModuleType(name)


    print(load("plugin").greet())
    print(type(types.ModuleType("empty")).__name__, stub("stub").__name__)
    ''')


class Workdir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="modlint-cli-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", newline="") as f:
            f.write(text)
        return path

    def read(self, path):
        with open(path, newline="") as f:
            return f.read()


class ClassicCase(Workdir):
    def test_concise_findings_and_exit_status(self):
        r = run("--output-format=concise", CLASSIC)
        self.assertEqual(r.returncode, 1, r.stderr)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 3, r.stdout)
        self.assertTrue(lines[0].startswith(CLASSIC + ":16:11: warning: module object held only "
                                            "by local 'mod' dies when 'main' returns, but "
                                            "'mod.func' escapes through global 'func'"))
        self.assertTrue(lines[0].endswith("[MOD001]"))
        self.assertTrue(lines[1].startswith(CLASSIC + ":16:11: warning: 'imp.new_module'"))
        self.assertTrue(lines[1].endswith("[MOD004]"))
        self.assertTrue(lines[2].startswith(CLASSIC + ":17:5: error: Python 2 'exec' statement"))
        self.assertTrue(lines[2].endswith("[MOD005]"))
        self.assertEqual(r.stderr, "")

    def test_python2_wording(self):
        r = run("--output-format=concise", "--target-version=py27", CLASSIC)
        self.assertIn("resets its globals to None", r.stdout.splitlines()[0])
        self.assertIn(":17:5: warning:", r.stdout.splitlines()[2])

    def test_text_shows_source_caret_fixit_and_notes(self):
        r = run(CLASSIC)
        self.assertEqual(r.returncode, 1)
        out = r.stdout
        self.assertIn('    mod = imp.new_module("modulename")\n'
                      '          ^~~~~~~~~~~~~~~~~~~~~~~~~~~~\n'
                      '          types.ModuleType\n', out)
        self.assertIn(CLASSIC + ":18:12: note: 'mod.func' escapes through global 'func' here\n"
                      "    func = mod.func\n           ^~~~~~~~\n", out)
        self.assertIn("    exec code in mod.__dict__\n    ^~~~~~~~~~~~~~~~~~~~~~~~~\n"
                      "        (code, mod.__dict__)\n", out)
        self.assertIn("    sys.modules[mod.__name__] = mod\n", out)
        self.assertIn("Found 3 findings.\n", out)

    def test_diff_writes_nothing(self):
        path = self.write("classic.py", self.read(CLASSIC))
        before = os.stat(path).st_mtime_ns
        r = run("--diff", "--unsafe-fixes", path)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(self.read(path), self.read(CLASSIC))
        self.assertEqual(os.stat(path).st_mtime_ns, before)
        self.assertEqual(r.stdout, "\n".join([
            f"--- {path}",
            f"+++ {path}",
            "@@ -1,4 +1,5 @@",
            "-import imp",
            "+import sys",
            "+import types",
            " ",  # context lines keep their leading space, even when blank
            " mod = None",
            " func = None",
            "@@ -13,8 +14,9 @@",
            " def main():",
            "     #global mod",
            "     global func",
            '-    mod = imp.new_module("modulename")',
            "-    exec code in mod.__dict__",
            '+    mod = types.ModuleType("modulename")',
            "+    sys.modules[mod.__name__] = mod",
            "+    exec(code, mod.__dict__)",
            "     func = mod.func",
            " ",
            " main()",
            ""]))

    def test_fix_safe_only_leaves_the_unsafe_finding(self):
        path = self.write("classic.py", self.read(CLASSIC))
        r = run("--fix", "--output-format=concise", path)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertEqual(len(r.stdout.splitlines()), 1)
        self.assertIn("[MOD001]", r.stdout)
        fixed = self.read(path)
        self.assertIn('    mod = types.ModuleType("modulename")\n    exec(code, mod.__dict__)\n',
                      fixed)
        # The fixed call was the only reader of imp: its import goes with it.
        self.assertTrue(fixed.startswith("import types\n\nmod = None\n"), fixed)
        self.assertNotIn("sys.modules", fixed)

    def test_fix_unsafe_writes_expected_text_and_converges(self):
        path = self.write("classic.py", self.read(CLASSIC))
        os.chmod(path, 0o640)
        r = run("--fix", "--unsafe-fixes", path)
        self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
        self.assertEqual(self.read(path), self.read(CLASSIC + ".fixed"))
        self.assertEqual(os.stat(path).st_mode & 0o777, 0o640)
        self.assertEqual([f for f in os.listdir(self.dir) if f.startswith(".modlint")], [])
        again = run(path)
        self.assertEqual(again.returncode, 0)
        self.assertEqual(again.stdout, "All checks passed!\n")

    def test_python2_prints_none_before_and_42_after(self):
        py2 = python2()
        if not py2:
            self.skipTest("no Python 2.7 interpreter (pyenv 2.7.18) on this machine")
        exe, env = py2
        path = self.write("classic.py", self.read(CLASSIC))
        before = subprocess.run([exe, path], env=env, capture_output=True, text=True)
        self.assertEqual(before.stdout, "None\n", before.stderr)
        run("--fix", "--unsafe-fixes", path)
        after = subprocess.run([exe, path], env=env, capture_output=True, text=True)
        self.assertEqual(after.stdout, "42\n", after.stderr)


class Python3Variant(Workdir):
    def test_pickle_fails_before_and_works_after_fix(self):
        path = self.write("variant.py", PY3_VARIANT)
        before = subprocess.run([sys.executable, path], capture_output=True, text=True)
        self.assertNotEqual(before.returncode, 0)
        self.assertIn("pickle", before.stderr.lower())
        r = run("--output-format=concise", path)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(len(r.stdout.splitlines()), 1)
        self.assertIn(":15:11: warning:", r.stdout)
        self.assertIn("[MOD001]", r.stdout)
        fix = run("--fix", "--unsafe-fixes", path)
        self.assertEqual(fix.returncode, 0, fix.stdout + fix.stderr)
        after = subprocess.run([sys.executable, path], capture_output=True, text=True)
        self.assertEqual(after.stdout, "42\nTrue\n", after.stderr)
        self.assertEqual(run(path).returncode, 0)
        self.assertIn('    mod = types.ModuleType("modulename")\n'
                      '    sys.modules[mod.__name__] = mod\n', self.read(path))
        self.assertTrue(self.read(path).startswith("import sys\nimport pickle\n"))


class ImpRemoved(Workdir):
    """MOD004's fix on Python 3.12, which has no `imp`: the fixed file runs."""

    def setUp(self):
        super().setUp()
        self.py312 = python312()
        if not self.py312:
            self.skipTest("no Python 3.12 interpreter (pyenv 3.12.1) on this machine")

    def run312(self, path):
        exe, env = self.py312
        return subprocess.run([exe, path], env=env, capture_output=True, text=True)

    def test_fixed_file_imports_and_runs_where_imp_is_gone(self):
        path = self.write("loader.py", IMP_LOADER)
        before = self.run312(path)
        self.assertEqual(before.returncode, 1)
        self.assertIn("ModuleNotFoundError: No module named 'imp'", before.stderr)
        fix = run("--fix", "--output-format=concise", path)
        self.assertEqual((fix.returncode, fix.stdout), (0, ""), fix.stderr)
        self.assertEqual(self.read(path), IMP_LOADER_FIXED)
        after = self.run312(path)
        self.assertEqual((after.returncode, after.stdout, after.stderr),
                         (0, "hello from plugin\nmodule stub\n", ""))
        # And the same text still runs on the Python the tests run on.
        here = subprocess.run([sys.executable, path], capture_output=True, text=True)
        self.assertEqual(here.stdout, "hello from plugin\nmodule stub\n", here.stderr)

    def test_import_read_elsewhere_stays_and_still_fails(self):
        path = self.write("reloader.py", "import imp\n"
                                         "m = imp.new_module('m')\n"
                                         "imp.reload\n")
        self.assertEqual(run("--fix", path).returncode, 0)
        self.assertEqual(self.read(path), "import types\n"
                                          "import imp\n"
                                          "m = types.ModuleType('m')\n"
                                          "imp.reload\n")
        after = self.run312(path)
        self.assertEqual(after.returncode, 1)
        self.assertIn("ModuleNotFoundError: No module named 'imp'", after.stderr)


class ExitStatus(Workdir):
    def test_clean_file_exits_zero(self):
        path = self.write("ok.py", "import os\nprint(os.sep)\n")
        r = run(path)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "All checks passed!\n", ""))

    def test_missing_path_is_an_error_but_others_are_still_linted(self):
        bad = os.path.join(self.dir, "missing.py")
        good = self.write("imp_user.py", "import imp\nm = imp.new_module('x')\n")
        r = run("--output-format=concise", bad, good)
        self.assertEqual(r.returncode, 2)
        self.assertIn("modlint: error: " + bad + ": No such file or directory", r.stderr)
        self.assertIn(good + ":2:5: warning:", r.stdout)

    def test_exit_zero(self):
        self.assertEqual(run("--exit-zero", CLASSIC).returncode, 0)

    def test_usage_errors_exit_two(self):
        for args in (["--output-format=xml", CLASSIC], ["--bogus", CLASSIC],
                     ["rule", "MOD999"]):
            r = run(*args)
            self.assertEqual(r.returncode, 2, args)
            self.assertTrue(r.stderr.startswith("modlint: error: "), r.stderr)

    def test_version_help_and_rules(self):
        self.assertRegex(run("--version").stdout, r"^modlint \d+\.\d+\.\d+\n$")
        self.assertIn("--output-format", run("--help").stdout)
        doc = run("rule", "MOD001")
        self.assertEqual(doc.returncode, 0)
        self.assertTrue(doc.stdout.startswith("# MOD001 orphaned-module-member"))
        for section in ("## What it does", "## Why is this bad?", "## Example", "## Fix",
                        "## Fix safety", "## References"):
            self.assertIn(section, doc.stdout)
        listing = run("rule", "--all").stdout.splitlines()
        self.assertEqual(listing[1].split(), ["MOD001", "orphaned-module-member", "warning",
                                              "unsafe"])

    def test_select_and_ignore(self):
        r = run("--output-format=concise", "--select=MOD004", CLASSIC)
        self.assertEqual([l.rsplit(" ", 1)[1] for l in r.stdout.splitlines()], ["[MOD004]"])
        r = run("--output-format=concise", "--ignore=MOD00", CLASSIC)
        self.assertEqual((r.returncode, r.stdout), (0, ""))


class Discovery(Workdir):
    def test_directories_are_searched_in_order_skipping_default_excludes_and_caches(self):
        src = "import imp\nm = imp.new_module('x')\n"
        self.write("b.py", src)
        self.write("a/c.py", src)
        self.write("a/d.pyi", src)
        self.write("a/e.txt", src)
        # As Ruff: a hidden directory is searched; only the named ones are not.
        self.write(".hidden/f.py", src)
        for excluded in (".git", ".venv", ".tox", ".mypy_cache", ".vscode", ".pyenv"):
            self.write(f"{excluded}/x.py", src)
        self.write("__pycache__/g.py", src)
        self.write("venv/pyvenv.cfg", "")
        self.write("venv/h.py", src)
        r = run("--output-format=concise", self.dir)
        files = [l.split(":")[0] for l in r.stdout.splitlines()]
        self.assertEqual(files, [os.path.join(self.dir, p)
                                 for p in (".hidden/f.py", "a/c.py", "a/d.pyi", "b.py")])

    def test_thread_count_does_not_change_output(self):
        for i in range(40):
            self.write(f"m{i:02}.py", "import imp\n" * (i % 3) + "m = imp.new_module('x')\n")
        one = run("--output-format=concise", "--threads=1", self.dir)
        two = run("--output-format=concise", "--threads=2", self.dir)
        unfiltered = run("--output-format=concise", "--no-prefilter", self.dir)
        self.assertEqual(one.stdout, two.stdout)
        self.assertEqual(one.stdout, unfiltered.stdout)
        self.assertEqual(len(one.stdout.splitlines()), 26)


class StandardInput(Workdir):
    def test_stdin_is_linted_under_its_name(self):
        r = run("--output-format=concise", "--stdin-filename=pkg/x.py", "-",
                stdin="import imp\nm = imp.new_module('x')\n")
        self.assertEqual(r.returncode, 1)
        self.assertTrue(r.stdout.startswith("pkg/x.py:2:5: warning:"), r.stdout)

    def test_stdin_fix_prints_the_fixed_text(self):
        r = run("--fix", "-", stdin="exec code in ns\n")
        self.assertEqual(r.stdout, "exec(code, ns)\n")
        self.assertEqual(r.returncode, 0)


class Sarif(Workdir):
    def test_sarif_log_of_the_classic_case(self):
        r = run("--output-format=sarif", os.path.relpath(CLASSIC, ROOT), cwd=ROOT)
        self.assertEqual(r.returncode, 1, r.stderr)
        log = json.loads(r.stdout)
        self.assertEqual(log["version"], "2.1.0")
        run0 = log["runs"][0]
        driver = run0["tool"]["driver"]
        self.assertEqual(driver["name"], "modlint")
        self.assertEqual([rule["id"] for rule in driver["rules"]][:2], ["MOD001", "MOD002"])
        self.assertEqual(run0["columnKind"], "utf16CodeUnits")
        results = [(x["ruleId"], x["locations"][0]["physicalLocation"]["region"]["startLine"],
                    x["locations"][0]["physicalLocation"]["region"]["startColumn"])
                   for x in run0["results"]]
        self.assertEqual(results, [("MOD001", 16, 11), ("MOD004", 16, 11), ("MOD005", 17, 5)])
        mod001 = run0["results"][0]
        self.assertEqual(mod001["level"], "warning")
        related = mod001["relatedLocations"][0]["physicalLocation"]["region"]
        self.assertEqual((related["startLine"], related["startColumn"]), (18, 12))
        loc = mod001["locations"][0]["physicalLocation"]["artifactLocation"]
        self.assertEqual((loc["uri"], loc["uriBaseId"]), ("fixtures/examples/classic.py",
                                                          "%SRCROOT%"))
        replacements = mod001["fixes"][0]["artifactChanges"][0]["replacements"]
        self.assertEqual([x["insertedContent"]["text"] for x in replacements],
                         ["import sys\n", "    sys.modules[mod.__name__] = mod\n"])
        self.assertEqual(replacements[1]["deletedRegion"],
                         {"startLine": 17, "startColumn": 1, "endLine": 17, "endColumn": 1})
        self.assertEqual(run0["results"][2]["level"], "error")
        self.assertTrue(run0["invocations"][0]["executionSuccessful"])


IMP_SRC = "import imp\nm = imp.new_module('x')\n"


class Configuration(Workdir):
    def test_closest_config_wins_and_cli_overrides(self):
        self.write("pyproject.toml", '[tool.modlint]\nignore = ["MOD004"]\n')
        self.write("sub/modlint.toml", 'select = ["MOD004"]\n')
        top = self.write("a.py", IMP_SRC)
        sub = self.write("sub/b.py", IMP_SRC)
        r = run("--output-format=concise", self.dir, cwd=self.dir)
        self.assertEqual([l.split(":")[0] for l in r.stdout.splitlines()], [sub])
        r = run("--output-format=concise", "--isolated", self.dir, cwd=self.dir)
        self.assertEqual(len(r.stdout.splitlines()), 2)
        r = run("--output-format=concise", "--select=ALL", top, cwd=self.dir)
        self.assertEqual(r.stdout, "")  # the config's ignore still applies

    def test_per_file_ignores_and_target_version(self):
        self.write("pyproject.toml", '[tool.modlint]\ntarget-version = "py27"\n'
                   '[tool.modlint.per-file-ignores]\n"tests/*.py" = ["MOD004"]\n')
        self.write("tests/t.py", IMP_SRC)
        src = self.write("src/s.py", "exec code\n")
        r = run("--output-format=concise", self.dir, cwd=self.dir)
        self.assertEqual(r.stdout.splitlines(), [
            src + ":1:1: warning: Python 2 'exec' statement; the call form 'exec(...)' means "
                  "the same in Python 2.7 and also runs on Python 3 [MOD005]"])

    def test_unknown_key_names_file_line_and_key(self):
        cfg = self.write("pyproject.toml", '[project]\nname = "x"\n\n[tool.modlint]\n'
                         'select = ["MOD001"]\nselct = ["MOD004"]\n')
        self.write("a.py", IMP_SRC)
        r = run(self.dir, cwd=self.dir)
        self.assertEqual(r.returncode, 2)
        self.assertEqual(r.stderr, f"modlint: error: {cfg}:6: unknown key 'selct'\n")

    def test_bad_value_is_an_error(self):
        cfg = self.write("modlint.toml", 'target-version = "py26"\n')
        r = run(self.dir, cwd=self.dir)
        self.assertEqual(r.returncode, 2)
        self.assertIn(f"{cfg}:1: 'target-version' must be one of", r.stderr)
        cfg = self.write("modlint.toml", 'select = "MOD001"\n')
        r = run(self.dir, cwd=self.dir)
        self.assertIn(f"{cfg}:1: 'select' must be a list of strings", r.stderr)

    def test_explicit_config(self):
        cfg = self.write("conf/custom.toml", 'ignore = ["MOD004"]\n')
        path = self.write("a.py", IMP_SRC)
        self.assertEqual(run("--config", cfg, path).returncode, 0)

    def test_output_format_from_config(self):
        self.write("pyproject.toml", '[tool.modlint]\noutput-format = "json"\n')
        self.write("a.py", IMP_SRC)
        r = run("a.py", cwd=self.dir)
        self.assertEqual(json.loads(r.stdout)[0]["code"], "MOD004")


class Gitignore(Workdir):
    def test_gitignore_nested_and_negated(self):
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        subprocess.run(["git", "init", "-q", self.dir], check=True)
        # libgit2 1.5 drops a negation in a nested .gitignore that re-includes
        # what a parent ignore file excluded (libgit2 issue 7284), so the
        # negation sits beside the pattern it negates.
        self.write(".gitignore", "gen/\n*_pb2.py\n!keep_pb2.py\n")
        self.write("pkg/.gitignore", "local.py\n")
        for name in ("a.py", "gen/b.py", "x_pb2.py", "pkg/local.py", "pkg/keep_pb2.py",
                     "pkg/c.py"):
            self.write(name, IMP_SRC)
        r = run("--output-format=concise", ".", cwd=self.dir)
        self.assertEqual(sorted(l.split(":")[0] for l in r.stdout.splitlines()),
                         ["./a.py", "./pkg/c.py", "./pkg/keep_pb2.py"])
        r = run("--output-format=concise", "--no-respect-gitignore", ".", cwd=self.dir)
        self.assertEqual(len(r.stdout.splitlines()), 6)

    def test_linked_root_is_judged_by_its_own_repository(self):
        """A directory named on the command line through a link belongs to the
        repository it really is in, whatever roots came before it."""
        if not shutil.which("git"):
            self.skipTest("git is not installed")
        r_dir, other = os.path.join(self.dir, "r"), os.path.join(self.dir, "other")
        for d in (r_dir, other):
            subprocess.run(["git", "init", "-q", d], check=True)
        self.write("r/.gitignore", "/link\n")
        self.write("r/a.py", IMP_SRC)
        self.write("other/sub/x.py", IMP_SRC)  # no .git of its own where the link points
        os.symlink(os.path.join(other, "sub"), os.path.join(r_dir, "link"))
        expect = ["r/a.py", "r/link/x.py"]
        for args in (["r", "r/link"], ["r/link", "r"]):
            r = run("--output-format=concise", *args, cwd=self.dir)
            self.assertEqual(sorted(l.split(":")[0] for l in r.stdout.splitlines()), expect,
                             (args, r.stdout, r.stderr))

    def test_excludes_and_force_exclude(self):
        self.write("pyproject.toml", '[tool.modlint]\nextend-exclude = ["legacy"]\n')
        self.write("legacy/old.py", IMP_SRC)
        self.write("dist/out.py", IMP_SRC)
        new = self.write("new.py", IMP_SRC)
        r = run("--output-format=concise", self.dir, cwd=self.dir)
        self.assertEqual([l.split(":")[0] for l in r.stdout.splitlines()], [new])
        # Named on the command line: linted, unless --force-exclude.
        self.assertEqual(run("legacy/old.py", cwd=self.dir).returncode, 1)
        r = run("--force-exclude", "legacy/old.py", cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout), (0, "All checks passed!\n"))


class Formats(Workdir):
    def test_json(self):
        r = run("--output-format=json", CLASSIC)
        self.assertEqual(r.returncode, 1)
        items = json.loads(r.stdout)
        self.assertEqual([(i["code"], i["location"]["row"], i["location"]["column"])
                          for i in items], [("MOD001", 16, 11), ("MOD004", 16, 11),
                                            ("MOD005", 17, 5)])
        first = items[0]
        self.assertEqual(first["end_location"], {"row": 16, "column": 39})
        self.assertEqual(first["fix"]["applicability"], "unsafe")
        self.assertEqual(first["fix"]["edits"][1], {
            "content": "    sys.modules[mod.__name__] = mod\n",
            "location": {"row": 17, "column": 1}, "end_location": {"row": 17, "column": 1}})
        self.assertTrue(first["url"].endswith("/rules/MOD001.md"))
        self.assertEqual(items[2]["fix"]["applicability"], "safe")

    def test_json_lines(self):
        lines = run("--output-format=json-lines", CLASSIC).stdout.splitlines()
        self.assertEqual([json.loads(l)["code"] for l in lines], ["MOD001", "MOD004", "MOD005"])

    def test_github(self):
        r = run("--output-format=github", "--select=MOD005", CLASSIC)
        self.assertEqual(r.stdout,
                         f"::error title=modlint (MOD005),file={CLASSIC},line=17,col=5,"
                         f"endLine=17,endColumn=30::{CLASSIC}:17:5: MOD005 Python 2 'exec' "
                         "statement is a syntax error in Python 3; use the call form "
                         "'exec(...)'\n")

    def test_junit(self):
        import xml.etree.ElementTree as ET
        root = ET.fromstring(run("--output-format=junit", CLASSIC).stdout)
        self.assertEqual(root.tag, "testsuites")
        self.assertEqual(root.get("failures"), "3")
        cases = root.findall("testsuite/testcase")
        self.assertEqual([c.get("name") for c in cases],
                         ["org.modlint.MOD001", "org.modlint.MOD004", "org.modlint.MOD005"])

    def test_statistics(self):
        r = run("--statistics", CLASSIC)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(r.stdout, "    1\tMOD001\t[*] orphaned-module-member\n"
                                   "    1\tMOD004\t[*] deprecated-imp-new-module\n"
                                   "    1\tMOD005\t[*] exec-statement\n")


BROKEN_SRC = "import imp\nm = imp.new_module('x')\n\ndef f(:\n    pass\n"
SYNTAX_ERROR = ("error: syntax error: modlint could not parse line 4, so findings there may be "
                "missing")


class SyntaxErrors(Workdir):
    """RULES.md "What is never silent": a candidate file that does not parse
    gets one syntax-error, in every format, and it counts for the exit status."""

    def test_concise_and_text(self):
        path = self.write("broken.py", BROKEN_SRC)
        r = run("--output-format=concise", path)
        self.assertEqual((r.returncode, r.stderr), (1, ""))
        self.assertEqual(r.stdout.splitlines(), [
            path + ":2:5: warning: 'imp.new_module' is deprecated since Python 3.4 and removed "
                   "in 3.12; use 'types.ModuleType' [MOD004]",
            path + f":4:7: {SYNTAX_ERROR} [syntax-error]"])
        r = run(path)
        self.assertEqual(r.returncode, 1)
        self.assertIn(path + f":4:7: {SYNTAX_ERROR} [syntax-error]\ndef f(:\n      ^\n",
                      r.stdout)
        self.assertTrue(r.stdout.endswith("Found 2 findings.\n1 fixable with the --fix option.\n"),
                        r.stdout)
        self.assertNotIn("All checks passed!", r.stdout)

    def test_every_other_format(self):
        path = self.write("broken.py", BROKEN_SRC)
        r = run("--output-format=json", path)
        self.assertEqual(r.returncode, 1)
        item = json.loads(r.stdout)[1]
        self.assertEqual(
            {k: item[k] for k in ("code", "level", "location", "end_location", "fix", "noqa_row",
                                  "related")},
            {"code": "syntax-error", "level": "error", "location": {"row": 4, "column": 7},
             "end_location": {"row": 4, "column": 7}, "fix": None, "noqa_row": None,
             "related": []})
        self.assertEqual(item["message"], SYNTAX_ERROR[len("error: "):])
        self.assertTrue(item["url"].endswith("/README.md#what-is-never-silent"))
        r = run("--output-format=json-lines", path)
        self.assertEqual([json.loads(l)["code"] for l in r.stdout.splitlines()],
                         ["MOD004", "syntax-error"])
        self.assertEqual(r.returncode, 1)
        r = run("--output-format=github", path)
        self.assertEqual(r.stdout.splitlines()[1],
                         f"::error title=modlint (syntax-error),file={path},line=4,col=7,"
                         f"endLine=4,endColumn=7::{path}:4:7: syntax-error "
                         + SYNTAX_ERROR[len("error: "):])
        self.assertEqual(r.returncode, 1)
        import xml.etree.ElementTree as ET
        r = run("--output-format=junit", path)
        root = ET.fromstring(r.stdout)
        self.assertEqual([c.get("name") for c in root.findall("testsuite/testcase")],
                         ["org.modlint.MOD004", "org.modlint.syntax-error"])
        self.assertEqual(r.returncode, 1)
        r = run("--statistics", path)
        self.assertEqual(r.stdout, "    1\tMOD004\t[*] deprecated-imp-new-module\n"
                                   "    1\tsyntax-error\tinvalid-syntax\n")
        self.assertEqual(r.returncode, 1)

    def test_sarif_result_has_a_rule_descriptor(self):
        self.write("broken.py", BROKEN_SRC)
        r = run("--output-format=sarif", "broken.py", cwd=self.dir)
        self.assertEqual(r.returncode, 1, r.stderr)
        run0 = json.loads(r.stdout)["runs"][0]
        rules = run0["tool"]["driver"]["rules"]
        result = run0["results"][1]
        self.assertEqual((result["ruleId"], result["level"]), ("syntax-error", "error"))
        self.assertEqual(result["message"]["text"], SYNTAX_ERROR[len("error: "):])
        descriptor = rules[result["ruleIndex"]]
        self.assertEqual((descriptor["id"], descriptor["name"]), ("syntax-error", "invalid-syntax"))
        self.assertEqual(descriptor["defaultConfiguration"], {"level": "error"})
        self.assertEqual(descriptor["properties"], {"fixSafety": "none"})
        region = result["locations"][0]["physicalLocation"]["region"]
        self.assertEqual((region["startLine"], region["startColumn"]), (4, 7))
        self.assertNotIn("fixes", result)
        # Not a rule of the catalogue.
        self.assertNotIn("syntax-error", run("rule", "--all").stdout)

    def test_nothing_turns_it_off(self):
        path = self.write("broken.py", BROKEN_SRC)
        for args in (["--select=MOD001"], ["--ignore=ALL"], ["--per-file-ignores=*.py:ALL"]):
            r = run("--output-format=concise", *args, path)
            self.assertEqual((r.returncode, r.stdout.splitlines()),
                             (1, [path + f":4:7: {SYNTAX_ERROR} [syntax-error]"]), args)
        for text in (BROKEN_SRC.replace("def f(:", "def f(:  # noqa"),
                     BROKEN_SRC.replace("def f(:", "def f(:  # noqa: syntax-error"),
                     "# modlint: noqa\n" + BROKEN_SRC):
            path = self.write("noqa.py", text)
            r = run("--output-format=concise", path)
            self.assertEqual(r.returncode, 1, text)
            self.assertIn("[syntax-error]", r.stdout.splitlines()[-1], text)

    def test_a_file_no_rule_looks_at_stays_silent(self):
        path = self.write("other.py", "import os\n\ndef f(:\n    pass\n")
        for args in ([], ["--no-prefilter"]):
            r = run(*args, path)
            self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "All checks passed!\n", ""))

    def test_prefilter_does_not_change_it(self):
        self.write("broken.py", BROKEN_SRC)
        self.write("other.py", "import os\n\ndef f(:\n    pass\n")
        on = run("--output-format=concise", self.dir)
        off = run("--output-format=concise", "--no-prefilter", self.dir)
        self.assertEqual(on.stdout, off.stdout)
        self.assertEqual(on.stdout.count("[syntax-error]"), 1)

    def test_fix_leaves_it_and_diff_and_add_noqa_warn(self):
        path = self.write("broken.py", BROKEN_SRC)
        warning = f"modlint: warning: {path}:4:7: {SYNTAX_ERROR[len('error: '):]}\n"
        r = run("--diff", path)
        self.assertEqual((r.returncode, r.stderr), (1, warning))
        self.assertIn("+import types\n", r.stdout)
        r = run("--add-noqa", path)
        self.assertEqual((r.returncode, r.stderr), (0, warning + "Added 1 noqa directive.\n"))
        self.assertIn("m = imp.new_module('x')  # noqa: MOD004\n\ndef f(:\n", self.read(path))
        r = run("--fix", "--output-format=concise", path)
        self.assertEqual((r.returncode, r.stdout), (1, path + f":4:7: {SYNTAX_ERROR} [syntax-error]\n"))


class UnknownRuleCodes(Workdir):
    """An unknown code where codes select or ignore rules is a usage error."""

    def test_every_flag(self):
        path = self.write("a.py", IMP_SRC)
        for args, message in (
                (["--select=MOD999"], "unknown rule code 'MOD999' in --select (the closest is "
                                      "'MOD001')"),
                (["--select", "MOD001,mod04"], "unknown rule code 'MOD04' in --select (the closest "
                                               "is 'MOD00')"),
                (["--extend-select=MO"], "unknown rule code 'MO' in --extend-select (the closest "
                                         "is 'MOD')"),
                (["--ignore=E501"], "unknown rule code 'E501' in --ignore (the closest is "
                                    "'MOD0')"),
                (["--per-file-ignores=tests/*.py:MOD004,MOD0004"],
                 "unknown rule code 'MOD0004' in --per-file-ignores (the closest is 'MOD004')")):
            r = run(*args, path)
            self.assertEqual((r.returncode, r.stdout, r.stderr),
                             (2, "", f"modlint: error: {message}\n"), args)

    def test_known_codes_and_prefixes_are_fine(self):
        path = self.write("a.py", IMP_SRC)
        for args in (["--select=ALL"], ["--select=MOD"], ["--select=mod0"],
                     ["--extend-select=MOD00"], ["--ignore=MOD005"],
                     ["--per-file-ignores=x.py:MOD001,MOD002"]):
            r = run("--output-format=concise", *args, path)
            self.assertEqual((r.returncode, r.stderr), (1, ""), args)

    def test_config_keys_name_file_line_and_key(self):
        self.write("a.py", IMP_SRC)
        cfg = self.write("pyproject.toml", '[tool.modlint]\nselect = [\n  "MOD001",\n  "MOD01",\n]\n')
        r = run(self.dir, cwd=self.dir)
        self.assertEqual((r.returncode, r.stdout, r.stderr), (
            2, "", f"modlint: error: {cfg}:4: unknown rule code 'MOD01' in 'select' (the "
                   "closest is 'MOD00')\n"))
        for key in ("ignore", "extend-select"):
            self.write("pyproject.toml", f'[tool.modlint]\n{key} = ["MOD1"]\n')
            r = run(self.dir, cwd=self.dir)
            self.assertEqual(r.stderr, f"modlint: error: {cfg}:2: unknown rule code 'MOD1' in "
                                       f"'{key}' (the closest is 'MOD0')\n")
            self.assertEqual(r.returncode, 2)
        self.write("pyproject.toml", '[tool.modlint.per-file-ignores]\n"t/*.py" = ["ALL"]\n'
                                     '"u/*.py" = ["MOD004", "F401"]\n')
        r = run(self.dir, cwd=self.dir)
        self.assertEqual(r.stderr, f"modlint: error: {cfg}:3: unknown rule code 'F401' in "
                                   "'per-file-ignores' (the closest is 'MOD0')\n")
        self.assertEqual(r.returncode, 2)

    def test_other_tools_codes_in_noqa_are_left_alone(self):
        path = self.write("a.py", "import imp\nm = imp.new_module('x')  # noqa: E501\n"
                                  "x = 1  # noqa: E501, F401\n")
        r = run("--output-format=concise", path)
        self.assertEqual((r.returncode, r.stderr), (1, ""))
        self.assertEqual([l.rsplit(" ", 1)[1] for l in r.stdout.splitlines()], ["[MOD004]"])


NO_FILES = "modlint: warning: no Python files found under the given path(s)\n"


class NoPythonFiles(Workdir):
    def test_an_empty_directory(self):
        os.mkdir(os.path.join(self.dir, "empty"))
        r = run(os.path.join(self.dir, "empty"))
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "All checks passed!\n", NO_FILES))
        self.write("other/readme.txt", "import imp\nimp.new_module('x')\n")
        r = run("--output-format=concise", os.path.join(self.dir, "other"))
        self.assertEqual((r.returncode, r.stdout, r.stderr), (0, "", NO_FILES))

    def test_only_excluded_files(self):
        self.write("legacy/old.py", IMP_SRC)
        self.write("pyproject.toml", '[tool.modlint]\nextend-exclude = ["legacy"]\n')
        r = run(".", cwd=self.dir)
        self.assertEqual((r.returncode, r.stderr), (0, NO_FILES))
        r = run("--force-exclude", "legacy/old.py", cwd=self.dir)
        self.assertEqual((r.returncode, r.stderr), (0, NO_FILES))
        r = run("--isolated", "--extend-exclude=old.py", "legacy", cwd=self.dir)
        self.assertEqual((r.returncode, r.stderr), (0, NO_FILES))

    def test_no_warning_when_a_file_is_linted_or_a_path_fails(self):
        self.write("clean.py", "import os\n")
        r = run(self.dir)
        self.assertEqual((r.returncode, r.stderr), (0, ""))
        r = run(os.path.join(self.dir, "missing"))
        self.assertEqual(r.returncode, 2)
        self.assertNotIn("no Python files", r.stderr)


MULTI_LINE_ESCAPE = textwrap.dedent("""\
    import types


    def load(src):
        mod = types.ModuleType("m")
        exec(src, mod.__dict__)
        return (mod
                .handler)


    def register(src):
        mod = types.ModuleType("m")
        exec(src, mod.__dict__)
        REGISTRY[
            "key"] = getattr(mod,  # the handler
                             "handler_with_a_name_long_enough_to_be_shortened")
    """)


class OneLinePerFinding(Workdir):
    def test_a_value_spanning_lines_is_quoted_on_one_line(self):
        path = self.write("multi.py", MULTI_LINE_ESCAPE)
        r = run("--output-format=concise", path)
        self.assertEqual(r.returncode, 1)
        lines = r.stdout.splitlines()
        self.assertEqual(len(lines), 2, r.stdout)
        self.assertRegex(lines[0], r"^" + re.escape(path) + r":5:11: warning: module object held "
                         r"only by local 'mod' dies when 'load' returns, but 'mod\.handler' "
                         r"is returned: .* \[MOD001\]$")
        self.assertEqual(lines[1], path + ":12:11: warning: module object held only by local "
                         "'mod' dies when 'register' returns, but 'getattr(mod, "
                         "\"handler_with_a_name_long_enough_to_be_short...' is stored in "
                         "'REGISTRY[\"key\"]': its __module__ names a module missing from "
                         "sys.modules, so pickle, multiprocessing, inspect.getsource and "
                         "typing.get_type_hints fail on it [MOD001]")
        # The notes of the text format too.
        r = run(path)
        self.assertIn(path + ":15:18: note: 'getattr(mod, \"handler_with_a_name_long_enough_to_"
                      "be_short...' is stored in 'REGISTRY[\"key\"]' here\n", r.stdout)


class Adoption(Workdir):
    def test_add_noqa_keeps_comments_and_merges(self):
        path = self.write("a.py", "import imp\n"
                                  "m = imp.new_module('x')  # legacy loader\n"
                                  "n = imp.new_module('y')  # noqa: MOD001\n"
                                  "s = '''\n'''; exec code\n"
                                  "t = '''\n''' if imp.new_module('z') else '''\n'''\n")
        r = run("--add-noqa", path)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stderr, "Added 3 noqa directives.\n")
        self.assertEqual(self.read(path), "import imp\n"
                         "m = imp.new_module('x')  # legacy loader  # noqa: MOD004\n"
                         "n = imp.new_module('y')  # noqa: MOD001, MOD004\n"
                         "s = '''\n'''; exec code  # noqa: MOD005\n"
                         "t = '''\n''' if imp.new_module('z') else '''\n'''\n")

    def test_exit_non_zero_on_fix(self):
        path = self.write("a.py", "exec code\n")
        r = run("--fix", "--exit-non-zero-on-fix", path)
        self.assertEqual(r.returncode, 1)
        self.assertEqual(self.read(path), "exec(code)\n")
        self.assertEqual(run("--fix", "--exit-non-zero-on-fix", path).returncode, 0)


if __name__ == "__main__":
    MODLINT, ROOT = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    CLASSIC = os.path.join(ROOT, "fixtures", "examples", "classic.py")
    del sys.argv[1:3]
    unittest.main(verbosity=1)
