#!/usr/bin/env python3
"""--fix writes exactly the file it read, or nothing.

Usage: test_fix_writes.py MODLINT MODLINT_FIXHOOK SOURCE_ROOT

The attacks happen between modlint reading a file and writing its fix. To act
at that moment deterministically, MODLINT_FIXHOOK (modlint built with
MODLINT_TEST_HOOKS; the installed `modlint` has no such hook) stops itself
with SIGSTOP before each file is checked and replaced when
MODLINT_TEST_STOP_BEFORE_REPLACE is set: the test waits for the stop, swaps,
edits, fixes concurrently or signals, and continues it with SIGCONT.
"""
import os
import pwd
import shutil
import signal
import stat
import struct
import subprocess
import sys
import tempfile
import time
import unittest

MODLINT = None
FIXHOOK = None
TIMEOUT = 60  # seconds for one modlint run; a hang fails the test

MOD005 = ("error: Python 2 'exec' statement is a syntax error in Python 3; use the call "
          "form 'exec(...)' [MOD005]")
MOD004 = ("warning: 'imp.new_module' is deprecated since Python 3.4 and removed in 3.12; "
          "use 'types.ModuleType' [MOD004]")
BOTH = b"import imp\nm = imp.new_module('x')\nexec code\n"
BOTH_MOD004_FIXED = b"import types\nm = types.ModuleType('x')\nexec code\n"
BOTH_MOD005_FIXED = b"import imp\nm = imp.new_module('x')\nexec(code)\n"


def changed(path):
    return f"modlint: error: {path}: changed while modlint was fixing it; not written\n"


def summary(r):
    """The text format's `Found ...` line."""
    found = [l for l in r.stdout.splitlines() if l.startswith("Found ")]
    return found[0] if len(found) == 1 else r.stdout


class Run:
    def __init__(self, returncode, stdout, stderr, signaled=None):
        self.returncode, self.stdout, self.stderr = returncode, stdout, stderr
        self.signaled = signaled

    def __repr__(self):
        return (f"exit {self.returncode} signal {self.signaled}\n--- stdout\n{self.stdout}"
                f"\n--- stderr\n{self.stderr}")


def run(*args, cwd=None):
    p = subprocess.run([MODLINT, *args], cwd=cwd, capture_output=True, text=True,
                       timeout=TIMEOUT, stdin=subprocess.DEVNULL)
    return Run(p.returncode, p.stdout, p.stderr)


def run_stopping(args, at_stop, cwd=None):
    """FIXHOOK ARGS; at each stop before a file is replaced, at_stop(pid, n)
    (n counts the stops from 0), then SIGCONT."""
    env = dict(os.environ, MODLINT_TEST_STOP_BEFORE_REPLACE="1")
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen([FIXHOOK, *args], cwd=cwd, env=env, stdout=out, stderr=err,
                                stdin=subprocess.DEVNULL)
        deadline = time.monotonic() + TIMEOUT
        stops = 0
        while True:
            pid, status = os.waitpid(proc.pid, os.WUNTRACED | os.WNOHANG)
            if pid == 0:
                if time.monotonic() > deadline:
                    proc.kill()
                    os.waitpid(proc.pid, 0)
                    proc.returncode = -9
                    raise AssertionError(f"modlint {args} did not finish (a hang)")
                time.sleep(0.005)
                continue
            if os.WIFSTOPPED(status):
                at_stop(proc.pid, stops)
                stops += 1
                os.kill(proc.pid, signal.SIGCONT)
                continue
            break
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        signaled = os.WTERMSIG(status) if os.WIFSIGNALED(status) else None
        r = Run(proc.returncode, out.read().decode(), err.read().decode(), signaled)
        r.stops = stops
        return r


class Workdir(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="modlint-fixwrite-")
        self.addCleanup(subprocess.run, ["rm", "-rf", self.dir])

    def path(self, name):
        return os.path.join(self.dir, name)

    def write(self, name, data, mode=None):
        path = self.path(name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "wb") as f:
            f.write(data)
        if mode is not None:
            os.chmod(path, mode)
        return path

    def read(self, path):
        with open(path, "rb") as f:
            return f.read()

    def temporaries(self):
        return [os.path.join(d, f) for d, _, fs in os.walk(self.dir) for f in fs
                if f.startswith(".modlint-")]

    def assertNoTemporaries(self):
        self.assertEqual(self.temporaries(), [])


class Redirection(Workdir):
    def secret(self):
        """A 0600 file outside the tree, root's when run as root."""
        secret = self.write("outside/secret", b"TOP SECRET\n", mode=0o600)
        if os.geteuid() == 0:
            os.chown(secret, 0, 0)
            os.chmod(self.path("outside"), 0o700)
        return secret

    def test_file_swapped_for_a_symlink_before_the_write_is_not_written_through(self):
        secret = self.secret()
        before = os.stat(secret)
        tree = self.path("tree")
        a = self.write("tree/a.py", b"exec code\n")
        os.chmod(tree, 0o777)  # anyone may swap names in it, as in a shared checkout

        def swap(pid, n):
            os.remove(a)
            os.symlink(secret, a)

        r = run_stopping(["--fix", "--output-format=concise", tree], swap)
        self.assertEqual(r.stops, 1, r)
        self.assertEqual(self.read(secret), b"TOP SECRET\n")
        after = os.stat(secret)
        self.assertEqual((after.st_ino, after.st_mode, after.st_uid),
                         (before.st_ino, before.st_mode, before.st_uid))
        self.assertEqual(r.stderr, changed(a), r)
        self.assertEqual(r.stdout, f"{a}:1:1: {MOD005}\n", r)
        self.assertEqual(r.returncode, 2, r)
        self.assertTrue(os.path.islink(a))
        self.assertNoTemporaries()

    def test_directory_swapped_for_a_symlink_before_the_write_is_not_written_through(self):
        self.write("outside/a.py", b"exec code\n", mode=0o600)
        other = self.path("outside/a.py")
        sub = self.path("tree/sub")
        a = self.write("tree/sub/a.py", b"exec code\n")

        def swap(pid, n):
            os.rename(sub, self.path("moved"))
            os.symlink(self.path("outside"), sub)

        r = run_stopping(["--fix", "--output-format=concise", self.path("tree")], swap)
        self.assertEqual(self.read(other), b"exec code\n")
        # The file read is written where it now is, through the directory
        # opened before the swap; the path no longer leads to it.
        self.assertEqual(self.read(self.path("moved/a.py")), b"exec(code)\n")
        self.assertEqual((r.stderr, r.stdout, r.returncode), ("", "", 0), r)
        self.assertNoTemporaries()

    def test_link_met_by_the_walk_to_a_file_outside_the_root_is_not_written(self):
        tree = self.path("tree")
        self.write("tree/sub/real.txt", b"exec code\n")  # inside, not linted itself
        for name in ("x.py", "x.txt"):
            self.write(f"outside/{name}", b"exec code\n")
        os.symlink("../outside/x.py", self.path("tree/out.py"))
        os.symlink("../outside/x.txt", self.path("tree/txt.py"))
        os.symlink("sub/real.txt", self.path("tree/in.py"))
        r = run("--fix", "--output-format=concise", "tree", cwd=self.dir)
        self.assertEqual(self.read(self.path("outside/x.py")), b"exec code\n")
        self.assertEqual(self.read(self.path("outside/x.txt")), b"exec code\n")
        self.assertEqual(self.read(self.path("tree/sub/real.txt")), b"exec(code)\n")
        self.assertTrue(os.path.islink(self.path("tree/in.py")))
        warn = ("modlint: warning: tree/{}: a symbolic link to a file outside 'tree'; "
                "not written\n")
        self.assertEqual(r.stderr, warn.format("out.py") + warn.format("txt.py"), r)
        self.assertEqual(r.stdout, f"tree/out.py:1:1: {MOD005}\ntree/txt.py:1:1: {MOD005}\n", r)
        self.assertEqual(r.returncode, 1, r)

    def test_link_named_on_the_command_line_is_written_through(self):
        self.write("outside/x.py", b"exec code\n")
        os.symlink("outside/x.py", self.path("link.py"))
        r = run("--fix", "link.py", cwd=self.dir)
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(self.read(self.path("outside/x.py")), b"exec(code)\n")
        self.assertTrue(os.path.islink(self.path("link.py")))


class LostUpdates(Workdir):
    def test_one_file_reached_twice_is_fixed_once_without_error(self):
        self.write("tree/real.py", b"exec code\n")
        os.symlink("real.py", self.path("tree/link.py"))
        r = run("--fix", "tree", cwd=self.dir)
        self.assertEqual((r.stderr, r.returncode), ("", 0), r)
        self.assertEqual(self.read(self.path("tree/real.py")), b"exec(code)\n")
        self.assertTrue(os.path.islink(self.path("tree/link.py")))


    def test_edit_saved_in_place_during_the_fix_is_kept(self):
        a = self.write("a.py", b"exec code\n")
        b = self.write("b.py", b"exec other\n")

        def edit(pid, n):
            if n == 0:
                with open(a, "r+b") as f:  # same inode, same size: only the bytes differ
                    f.write(b"exec cod2\n")

        r = run_stopping(["--fix", a, b], edit)
        self.assertEqual(self.read(a), b"exec cod2\n")
        self.assertEqual(self.read(b), b"exec(other)\n")
        self.assertEqual(r.stderr, changed(a), r)
        self.assertEqual(summary(r), "Found 2 findings (1 fixed, 1 remaining).", r)
        self.assertEqual(r.returncode, 2, r)
        self.assertNoTemporaries()

    def test_edit_saved_by_rename_during_the_fix_is_kept(self):
        a = self.write("a.py", b"exec code\n")

        def save(pid, n):
            self.write("new.tmp", b"exec code\n")  # same bytes, another file
            os.rename(self.path("new.tmp"), a)

        r = run_stopping(["--fix", a], save)
        self.assertEqual(self.read(a), b"exec code\n")
        self.assertEqual(r.stderr, changed(a), r)
        self.assertEqual(summary(r), "Found 1 finding (0 fixed, 1 remaining).", r)
        self.assertEqual(r.returncode, 2, r)

    def test_concurrent_fix_runs_do_not_lose_each_others_fixes(self):
        a = self.write("a.py", BOTH)
        inner = []

        def other_run(pid, n):
            inner.append(run("--fix", "--select=MOD004", a))

        r = run_stopping(["--fix", "--select=MOD005", a], other_run)
        self.assertEqual(inner[0].returncode, 0, inner[0])
        self.assertEqual(summary(inner[0]),
                         "Found 1 finding (1 fixed, 0 remaining).", inner[0])
        self.assertEqual(self.read(a), BOTH_MOD004_FIXED)
        self.assertEqual(r.stderr, changed(a), r)
        self.assertEqual(summary(r), "Found 1 finding (0 fixed, 1 remaining).", r)
        self.assertEqual(r.returncode, 2, r)
        # A later run finds the file as the other run left it.
        r = run("--fix", a)
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(self.read(a), b"import types\nm = types.ModuleType('x')\nexec(code)\n")


ACL_USER_OBJ, ACL_USER, ACL_GROUP_OBJ, ACL_MASK, ACL_OTHER = 0x01, 0x02, 0x04, 0x10, 0x20


def acl(entries):
    """The system.posix_acl_access value: version 2, then (tag, perm, id) each."""
    return struct.pack("<I", 2) + b"".join(
        struct.pack("<HHI", tag, perm, ident) for tag, perm, ident in entries)


class Metadata(Workdir):
    def test_setuid_and_setgid_are_kept(self):
        for mode in (0o4755, 0o2755, 0o6750):
            with self.subTest(mode=oct(mode)):
                a = self.write(f"m{mode:o}.py", b"exec code\n", mode=mode)
                r = run("--fix", a)
                self.assertEqual(r.returncode, 0, r)
                self.assertEqual(self.read(a), b"exec(code)\n")
                self.assertEqual(oct(stat.S_IMODE(os.stat(a).st_mode)), oct(mode))
        self.assertNoTemporaries()

    def test_extended_attributes_are_kept(self):
        a = self.write("a.py", b"exec code\n", mode=0o640)
        try:
            os.setxattr(a, "user.origin", b"checkout")
        except OSError as e:
            self.skipTest(f"no user xattrs on {self.dir}: {e}")
        r = run("--fix", a)
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(self.read(a), b"exec(code)\n")
        self.assertEqual(os.getxattr(a, "user.origin"), b"checkout")
        self.assertEqual(stat.S_IMODE(os.stat(a).st_mode), 0o640)
        self.assertNoTemporaries()

    def test_posix_acl_is_kept_and_the_group_gets_no_write_access(self):
        a = self.write("a.py", b"exec code\n")
        # user::rw- user:65534:rw- group::r-- mask::rw- other::---; ls shows 0660.
        value = acl([(ACL_USER_OBJ, 6, 0xFFFFFFFF), (ACL_USER, 6, 65534),
                     (ACL_GROUP_OBJ, 4, 0xFFFFFFFF), (ACL_MASK, 6, 0xFFFFFFFF),
                     (ACL_OTHER, 0, 0xFFFFFFFF)])
        try:
            os.setxattr(a, "system.posix_acl_access", value)
        except OSError as e:
            self.skipTest(f"no POSIX ACLs on {self.dir}: {e}")
        mode = stat.S_IMODE(os.stat(a).st_mode)
        self.assertEqual(oct(mode), oct(0o660))
        r = run("--fix", a)
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(self.read(a), b"exec(code)\n")
        self.assertEqual(os.getxattr(a, "system.posix_acl_access"), value)
        self.assertEqual(oct(stat.S_IMODE(os.stat(a).st_mode)), oct(mode))

    def test_hard_links_are_kept(self):
        a = self.write("a.py", b"exec code\n")
        b = self.path("b.py")
        os.link(a, b)
        inode = os.stat(a).st_ino
        r = run("--fix", a)
        self.assertEqual(r.returncode, 0, r)
        self.assertEqual(self.read(b), b"exec(code)\n")
        st = os.stat(a)
        self.assertEqual((st.st_ino, st.st_nlink), (inode, 2))
        self.assertNoTemporaries()

    def test_owner_is_kept_when_another_user_fixes_a_file_they_may_write(self):
        if os.geteuid() != 0 or not shutil.which("setpriv"):
            self.skipTest("needs root and setpriv to run modlint as another user")
        try:
            nobody = pwd.getpwnam("nobody")
        except KeyError:
            self.skipTest("no user 'nobody'")
        os.chmod(self.dir, 0o777)  # nobody may create the temporary file beside it
        a = self.write("a.py", b"exec code\n", mode=0o666)
        prefix = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
                  "--clear-groups"]
        p = subprocess.run([*prefix, MODLINT, "--fix", a], capture_output=True, text=True,
                           timeout=TIMEOUT)
        self.assertEqual(p.returncode, 0, p)
        self.assertEqual(self.read(a), b"exec(code)\n")
        st = os.stat(a)
        self.assertEqual((st.st_uid, stat.S_IMODE(st.st_mode)), (0, 0o666))
        self.assertNoTemporaries()

    def test_hard_linked_file_edited_during_the_fix_is_kept(self):
        a = self.write("a.py", b"exec code\n")
        os.link(a, self.path("b.py"))

        def edit(pid, n):
            with open(a, "r+b") as f:
                f.write(b"exec cod2\n")

        r = run_stopping(["--fix", a], edit)
        self.assertEqual(self.read(a), b"exec cod2\n")
        self.assertEqual(r.stderr, changed(a), r)
        self.assertEqual(r.returncode, 2, r)


class Signals(Workdir):
    def test_signal_before_the_rename_leaves_no_temporary_file(self):
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
            with self.subTest(signal=sig.name):
                a = self.write("a.py", b"exec code\n")

                def hit(pid, n):
                    self.assertNotEqual(self.temporaries(), [], "no temporary file to clean")
                    os.kill(pid, sig)

                r = run_stopping(["--fix", a], hit)
                self.assertEqual(r.signaled, sig, r)
                self.assertNoTemporaries()
                self.assertEqual(self.read(a), b"exec code\n")


if __name__ == "__main__":
    MODLINT, FIXHOOK = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    del sys.argv[1:4]
    unittest.main(verbosity=1)
