#!/usr/bin/env python3
"""Configure without the npm registry: `npm pack` fails, and CMake says why
(npm's own reason) and names the two options that take unpacked sources;
given them, configure succeeds with the registry still unreachable.

Usage: test_offline_configure.py BUILD_DIR REPO_ROOT   (exit 77: no npm)
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import unittest

BUILD = REPO = None


def versions():
    text = open(os.path.join(REPO, "grammar", "versions.cmake")).read()
    return (re.search(r'MODLINT_TREE_SITTER_VERSION "([^"]+)"', text).group(1),
            re.search(r'MODLINT_TREE_SITTER_PYTHON_VERSION "([^"]+)"', text).group(1))


class OfflineConfigure(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="modlint-offline-")
        # A registry nobody answers on, an empty cache, no retries.
        self.env = dict(os.environ, npm_config_registry="http://127.0.0.1:9/",
                        npm_config_cache=os.path.join(self.tmp, "npm-cache"),
                        npm_config_fetch_retries="0", npm_config_offline="false")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def configure(self, *args):
        return subprocess.run(["cmake", "-S", REPO, "-B", os.path.join(self.tmp, "b"), "-G",
                               "Ninja", "-DMODLINT_BUILD_TESTS=OFF", *args],
                              capture_output=True, text=True, env=self.env)

    def test_failure_says_why_and_names_the_options(self):
        ts, tsp = versions()
        r = self.configure()
        self.assertEqual(r.returncode, 1)
        lines = r.stderr.splitlines()
        start = lines.index("  modlint: cannot fetch the tree-sitter sources: `npm pack")
        self.assertEqual(lines[start + 1], f"  tree-sitter@{ts}` failed (exit 1):")
        self.assertIn("ECONNREFUSED", "\n".join(lines[start + 2:start + 8]))
        self.assertIn("  Without the npm registry, unpack the two npm packages elsewhere and pass",
                      lines)
        self.assertIn(f"    -DMODLINT_TREE_SITTER_SOURCE_DIR=<dir of tree-sitter@{ts}>", lines)
        self.assertIn("    -DMODLINT_TREE_SITTER_PYTHON_SOURCE_DIR=<dir of "
                      f"tree-sitter-python@{tsp}>", lines)

    def test_the_named_options_build_offline(self):
        ts, tsp = versions()
        deps = os.path.join(BUILD, "_deps")
        r = self.configure(f"-DMODLINT_TREE_SITTER_SOURCE_DIR={deps}/tree-sitter-{ts}",
                           f"-DMODLINT_TREE_SITTER_PYTHON_SOURCE_DIR={deps}/tree-sitter-python-{tsp}")
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("npm pack", r.stdout)


if __name__ == "__main__":
    if not shutil.which("npm") or not shutil.which("ninja"):
        print("skipped: npm or ninja is not installed")
        sys.exit(77)
    BUILD, REPO = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    unittest.main(argv=sys.argv[:1] + sys.argv[3:])
