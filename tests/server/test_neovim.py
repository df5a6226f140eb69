#!/usr/bin/env python3
"""Neovim (Debian's 0.7.2, headless) as a real client of `modlint server`:
it sees the classic case's findings through vim.diagnostic.get() and the
buffer holds the fixed text after it applies the MOD004 quick fix.

Usage: test_neovim.py MODLINT_BINARY REPO_ROOT (exit 77: no nvim)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

MODLINT = ROOT = None


class Neovim(unittest.TestCase):
    def test_classic_case_quick_fix(self):
        with tempfile.TemporaryDirectory() as tmp:
            src = os.path.join(ROOT, "fixtures/examples/classic.py")
            path = os.path.join(tmp, "classic.py")
            shutil.copy(src, path)
            out = os.path.join(tmp, "out.json")
            env = dict(os.environ, MODLINT_BIN=MODLINT, MODLINT_NVIM_OUT=out,
                       XDG_CONFIG_HOME=tmp, XDG_DATA_HOME=tmp, XDG_STATE_HOME=tmp)
            subprocess.run(["nvim", "--headless", "--clean", "-n", path, "-c",
                            "luafile " + os.path.join(ROOT, "tests/server/neovim_client.lua")],
                           cwd=tmp, env=env, timeout=120, check=True,
                           stdin=subprocess.DEVNULL, capture_output=True)
            with open(out) as f:
                result = json.load(f)
            with open(src) as f:
                original = f.read()
        self.assertNotIn("error", result)
        self.assertTrue(result["attached"])
        self.assertEqual([(d["code"], d["source"], d["lnum"], d["col"], d["severity"])
                          for d in result["diagnostics"]],
                         [("MOD001", "modlint", 15, 10, 2), ("MOD004", "modlint", 15, 10, 2),
                          ("MOD005", "modlint", 16, 4, 1)])
        self.assertTrue(result["diagnostics"][0]["message"].startswith(
            "module object held only by local 'mod' dies when 'main' returns"))
        self.assertEqual(result["titles"][:3], [
            "Fix MOD001 (unsafe): Register the module in sys.modules",
            "Disable MOD001 for this line",
            "Fix MOD004: Replace with 'types.ModuleType'"])
        self.assertTrue(result["changed"])
        expected = original.replace("import imp\n", "import types\n").replace(
            'imp.new_module("modulename")', 'types.ModuleType("modulename")')
        self.assertEqual(result["text"], expected)
        self.assertTrue(result["relinted"])


if __name__ == "__main__":
    MODLINT = os.path.abspath(sys.argv[1])
    ROOT = os.path.abspath(sys.argv[2])
    if not shutil.which("nvim"):
        print("skipped: no nvim (scripts/setup installs it)")
        sys.exit(77)
    unittest.main(argv=sys.argv[:1], verbosity=2)
