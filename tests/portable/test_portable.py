#!/usr/bin/env python3
"""The modlint binary needs nothing at run time but glibc: `ldd` lists the C
library, libm, the dynamic loader and the vDSO, and nothing else (libstdc++
and libgcc are linked in); and it runs in a root that holds nothing but those
files (chroot, where the test runs as root).

Usage: test_portable.py MODLINT_BINARY REPO_ROOT
"""
import os
import shutil
import subprocess
import sys
import tempfile
import unittest

MODLINT = None
GLIBC_ONLY = ["/lib64/ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6", "linux-vdso.so.1"]
IMP_SRC = "import imp\nm = imp.new_module('x')\n"


def ldd(binary):
    """(name, resolved path or None) for each line of ldd's answer."""
    out = subprocess.run(["ldd", binary], capture_output=True, text=True, check=True).stdout
    libs = []
    for line in out.splitlines():
        parts = line.split()
        libs.append((parts[0], parts[2] if len(parts) > 2 and parts[1] == "=>" else None))
    return libs


class Portable(unittest.TestCase):
    def test_ldd_lists_glibc_only(self):
        self.assertEqual(sorted(name for name, _ in ldd(MODLINT)), GLIBC_ONLY)

    def test_needed_entries(self):
        out = subprocess.run(["readelf", "-d", MODLINT], capture_output=True, text=True,
                             check=True).stdout
        needed = sorted(l.split("[")[1].rstrip("]") for l in out.splitlines() if "(NEEDED)" in l)
        self.assertEqual(needed, ["ld-linux-x86-64.so.2", "libc.so.6", "libm.so.6"])

    def test_runs_in_a_root_with_glibc_alone(self):
        """No libstdc++, no terminfo database, no git, no /usr: only what ldd named."""
        chroot = shutil.which("chroot")
        if os.geteuid() != 0 or not chroot:
            self.skipTest("chroot needs root (and chroot(8))")
        root = tempfile.mkdtemp(prefix="modlint-root-")
        try:
            for name, path in ldd(MODLINT):
                src = path or (name if name.startswith("/") else None)
                if not src:
                    continue  # the vDSO is the kernel's
                dest = os.path.join(root, src.lstrip("/"))
                os.makedirs(os.path.dirname(dest), exist_ok=True)
                shutil.copy(os.path.realpath(src), dest)
            shutil.copy(MODLINT, os.path.join(root, "modlint"))
            with open(os.path.join(root, "t.py"), "w") as f:
                f.write(IMP_SRC)
            probe = subprocess.run([chroot, root, "/modlint", "--version"],
                                   capture_output=True, text=True, env={})
            if probe.returncode != 0 and "Operation not permitted" in probe.stderr:
                self.skipTest("chroot is not permitted here")
            self.assertEqual((probe.returncode, probe.stdout.startswith("modlint ")),
                             (0, True), probe.stderr)
            r = subprocess.run([chroot, root, "/modlint", "--output-format=concise", "/t.py"],
                               capture_output=True, text=True, env={})
            self.assertEqual((r.returncode, r.stdout, r.stderr), (
                1, "/t.py:2:5: warning: 'imp.new_module' is deprecated since Python 3.4 and "
                "removed in 3.12; use 'types.ModuleType' [MOD004]\n", ""))
            self.assertEqual(sorted(os.listdir(root)), ["lib", "lib64", "modlint", "t.py"])
        finally:
            shutil.rmtree(root)


if __name__ == "__main__":
    MODLINT = os.path.abspath(sys.argv[1])
    unittest.main(argv=sys.argv[:1] + sys.argv[3:])
