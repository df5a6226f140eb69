#!/usr/bin/env python3
"""`modlint server` driven by a scripted LSP client over pipes: lifecycle,
framing errors, diagnostics, code actions, sync, positions, versions,
cancellation, and configuration as the command line finds it.

Usage: test_server.py MODLINT_BINARY REPO_ROOT
"""
import json
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from lsp_client import Client, uri  # noqa: E402

MODLINT = None
ROOT = None
CLASSIC_TEXT = None

NEW_MODULE = textwrap.dedent('''\
    import imp


    def make(name):
        return imp.new_module(name)
    ''')
NEW_MODULE_FIXED = textwrap.dedent('''\
    import types


    def make(name):
        return types.ModuleType(name)
    ''')


def apply_edits(text, edits, utf8=False):
    """The text after LSP TextEdits (non-overlapping), positions counted in
    UTF-16 code units (or UTF-8 bytes)."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(pos):
        if pos["line"] >= len(lines):
            return len(text)
        line = lines[pos["line"]].rstrip("\r\n")
        units = 0
        for i, ch in enumerate(line):
            width = len(ch.encode("utf-8")) if utf8 else (2 if ord(ch) > 0xFFFF else 1)
            if units >= pos["character"]:
                return starts[pos["line"]] + i
            units += width
        return starts[pos["line"]] + len(line)

    spans = sorted(((offset(e["range"]["start"]), offset(e["range"]["end"]), i, e["newText"])
                    for i, e in enumerate(edits)), reverse=True)
    for begin, end, _, new in spans:
        text = text[:begin] + new + text[end:]
    return text


def rng(l1, c1, l2, c2):
    return {"start": {"line": l1, "character": c1}, "end": {"line": l2, "character": c2}}


class ServerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.dir = os.path.realpath(self.tmp.name)
        self.client = None

    def tearDown(self):
        if self.client and self.client.proc.poll() is None:
            self.client.proc.kill()
            self.client.proc.wait()
        self.tmp.cleanup()

    def start(self, **init):
        self.client = Client(MODLINT, cwd=self.dir)
        self.client.initialize(**init)
        return self.client

    def write(self, name, text):
        path = os.path.join(self.dir, name)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", newline="") as f:
            f.write(text)
        return path

    def actions(self, c, doc, r, only=None, diagnostics=()):
        ctx = {"diagnostics": list(diagnostics)}
        if only is not None:
            ctx["only"] = only
        return c.request("textDocument/codeAction",
                         {"textDocument": {"uri": doc}, "range": r, "context": ctx})["result"]


class Lifecycle(ServerTest):
    def test_requests_before_initialize_are_refused(self):
        c = Client(MODLINT, cwd=self.dir)
        self.client = c
        self.assertEqual(c.request("textDocument/codeAction", {}), {
            "jsonrpc": "2.0", "id": 1,
            "error": {"code": -32002, "message": "the server is not initialized"}})
        r = c.request("initialize", {"capabilities": {}})
        self.assertEqual(r["result"]["capabilities"], {
            "positionEncoding": "utf-16",
            "textDocumentSync": {"openClose": True, "change": 2},
            "codeActionProvider": {"codeActionKinds": ["quickfix", "source.fixAll.modlint"],
                                   "resolveProvider": False}})
        self.assertEqual(r["result"]["serverInfo"]["name"], "modlint")
        self.assertEqual(c.request("initialize", {"capabilities": {}})["error"],
                         {"code": -32600, "message": "initialize was sent twice"})
        self.assertEqual(c.finish(), 0)

    def test_unknown_method_and_requests_after_shutdown(self):
        c = self.start()
        self.assertEqual(c.request("textDocument/hover", {})["error"],
                         {"code": -32601, "message": "no method textDocument/hover"})
        c.notify("$/somethingNew", {})  # an unknown notification is ignored
        self.assertEqual(c.request("shutdown"), {"jsonrpc": "2.0", "id": 3, "result": None})
        self.assertEqual(c.request("textDocument/codeAction", {})["error"],
                         {"code": -32600, "message": "the server is shutting down"})
        c.notify("exit")
        self.assertEqual(c.proc.wait(timeout=20), 0)

    def test_exit_without_shutdown_is_status_1(self):
        self.assertEqual(self.start().finish(shutdown=False), 1)

    def test_end_of_input_without_shutdown_is_status_1(self):
        c = self.start()
        c.proc.stdin.close()
        self.assertEqual(c.proc.wait(timeout=20), 1)


class Framing(ServerTest):
    def expect_parse_error(self, c, message):
        self.assertEqual(c.take(lambda m: "error" in m), {
            "jsonrpc": "2.0", "id": None, "error": {"code": -32700, "message": message}})

    def survives(self, c):
        rid = c.request_async("textDocument/hover", {})
        self.assertEqual(c.response(rid)["error"]["code"], -32601)

    def test_each_malformed_frame_gets_one_parse_error_and_the_session_goes_on(self):
        c = self.start()
        c.send_raw(b"Content-Length: 7\r\n\r\n{nope!}")
        m = c.take(lambda m: "error" in m)
        self.assertEqual((m["id"], m["error"]["code"]), (None, -32700))
        self.assertTrue(m["error"]["message"].startswith("invalid JSON: "), m)
        self.survives(c)
        for frame, message in [
                (b"Content-Type: text/plain\r\n\r\n{\"jsonrpc\": \"2.0\"}",
                 "a message header without Content-Length"),
                (b"Content-Length: twelve\r\n\r\n", "bad Content-Length 'twelve'"),
                (b"garbage without a colon\r\n\r\n",
                 "malformed header line 'garbage without a colon'"),
                (b"Content-Length: 4\r\n\r\nnull", None),
                (b"\r\n\r\nContent-Length: 2\r\n\r\n{}", None)]:
            c.send_raw(frame)
            if message:
                self.expect_parse_error(c, message)
            else:
                self.assertEqual(c.take(lambda m: "error" in m)["error"]["code"], -32600)
            self.survives(c)
        c.send_raw(b"Content-Length: 999999999999\r\n\r\n")
        self.expect_parse_error(c, "a message of 999999999999 bytes is too large")
        c.proc.stdin.close()  # the rest of that body never comes
        self.assertEqual(c.proc.wait(timeout=20), 1)
        self.assertEqual(c.quiet(0.2), [])

    def test_resynchronises_at_the_next_header(self):
        c = self.start()
        c.send_raw(b"Content-Type: x\r\n\r\n{\"half\": ")
        self.expect_parse_error(c, "a message header without Content-Length")
        # Still answers: the junk body is skipped up to the next header.
        self.assertEqual(c.request("shutdown")["result"], None)
        c.send({"jsonrpc": "2.0", "id": 7, "result": None})  # a response: ignored
        c.send([1, 2])
        self.assertEqual(c.take(lambda m: "error" in m)["error"], {
            "code": -32600, "message": "not a JSON-RPC request, notification or response"})
        c.notify("exit")
        self.assertEqual(c.proc.wait(timeout=20), 0)


class Diagnostics(ServerTest):
    def test_classic_case_in_full(self):
        c = self.start()
        path = self.write("classic.py", CLASSIC_TEXT)
        doc = uri(path)
        c.open(doc, CLASSIC_TEXT, version=4)
        p = c.diagnostics(doc)
        self.assertEqual(p["version"], 4)
        self.assertEqual([d["code"] for d in p["diagnostics"]], ["MOD001", "MOD004", "MOD005"])
        mod001 = p["diagnostics"][0]
        self.assertEqual(mod001, {
            "range": rng(15, 10, 15, 38),
            "severity": 2,
            "code": "MOD001",
            "codeDescription": {
                "href": "https://github.com/modlint/modlint/blob/main/rules/MOD001.md"},
            "source": "modlint",
            "message": "module object held only by local 'mod' dies when 'main' returns, but "
                       "'mod.func' escapes through global 'func': its __module__ names a module "
                       "missing from sys.modules, so pickle, multiprocessing, inspect.getsource "
                       "and typing.get_type_hints fail on it",
            "relatedInformation": [
                {"location": {"uri": doc, "range": rng(17, 11, 17, 19)},
                 "message": "'mod.func' escapes through global 'func' here"},
                {"location": {"uri": doc, "range": rng(17, 11, 17, 19)},
                 "message": "'func' reads global 'a'"}],
            "data": {"fix": {
                "title": "Register the module in sys.modules",
                "applicability": "unsafe",
                "edits": [{"range": rng(0, 0, 0, 0), "newText": "import sys\n"},
                          {"range": rng(16, 0, 16, 0),
                           "newText": "    sys.modules[mod.__name__] = mod\n"}]}}})
        mod005 = p["diagnostics"][2]
        self.assertEqual((mod005["severity"], mod005["range"], mod005["data"]["fix"]["edits"]),
                         (1, rng(16, 4, 16, 29),
                          [{"range": rng(16, 8, 16, 29), "newText": "(code, mod.__dict__)"}]))
        self.assertEqual(c.finish(), 0)

    def test_incremental_changes_to_clean(self):
        c = self.start()
        doc = uri(self.write("m.py", NEW_MODULE))
        c.open(doc, NEW_MODULE)
        self.assertEqual([d["code"] for d in c.diagnostics(doc, 1)["diagnostics"]], ["MOD004"])
        # `imp.new_module` -> `types.ModuleType`, then the import, in two edits.
        c.change(doc, 2, [{"range": rng(4, 11, 4, 25), "text": "types.ModuleType"}])
        self.assertEqual(c.diagnostics(doc, 2)["diagnostics"], [])
        c.change(doc, 3, [{"range": rng(0, 7, 0, 10), "text": "types"}])
        self.assertEqual(c.diagnostics(doc, 3), {"uri": doc, "version": 3, "diagnostics": []})
        # Full sync back to the finding.
        c.change(doc, 4, [{"text": NEW_MODULE}])
        self.assertEqual(c.diagnostics(doc, 4)["diagnostics"][0]["range"], rng(4, 11, 4, 31))
        self.assertEqual(c.finish(), 0)

    def test_utf16_positions_with_non_ascii_and_crlf(self):
        text = ('import imp\r\n# caf\u00e9 \U0001F600\r\n'
                'def f(): return [u"\u00e9\U0001F600", imp.new_module("x")]\r\n')
        c = self.start()
        doc = uri(self.write("u.py", text))
        c.open(doc, text)
        d = c.diagnostics(doc)["diagnostics"][0]
        # 'é' is one UTF-16 unit, the emoji two: the call starts at unit 25.
        self.assertEqual(d["range"], rng(2, 25, 2, 44))
        edits = d["data"]["fix"]["edits"]
        self.assertEqual(apply_edits(text, edits), (
            'import types\r\n# caf\u00e9 \U0001F600\r\n'
            'def f(): return [u"\u00e9\U0001F600", types.ModuleType("x")]\r\n'))
        # A change right after the emoji lands where UTF-16 says.
        # Edits after the emoji (2 units) and before the 'é' (1) land where
        # UTF-16 says, and CRLF ends each line.
        c.change(doc, 2, [{"range": rng(2, 22, 2, 22), "text": "!"}])
        c.change(doc, 3, [{"range": rng(2, 19, 2, 19), "text": "\u00e9"}])
        p = c.diagnostics(doc, 3)
        self.assertEqual(p["diagnostics"][0]["range"], rng(2, 27, 2, 46))
        c.change(doc, 4, [{"range": rng(0, 10, 1, 0), "text": "\r\nimport sys\r\n"}])
        self.assertEqual(c.diagnostics(doc, 4)["diagnostics"][0]["range"], rng(3, 27, 3, 46))
        self.assertEqual(c.finish(), 0)

    def test_utf8_positions_when_the_client_offers_them(self):
        text = 'import imp\nx = ["\u00e9\U0001F600", imp.new_module("x")]\n'
        c = Client(MODLINT, cwd=self.dir)
        self.client = c
        r = c.initialize(capabilities={"general": {"positionEncodings": ["utf-8", "utf-16"]}})
        self.assertEqual(r["result"]["capabilities"]["positionEncoding"], "utf-8")
        doc = uri(self.write("u8.py", text))
        c.open(doc, text)
        self.assertEqual(c.diagnostics(doc)["diagnostics"][0]["range"], rng(1, 15, 1, 34))
        self.assertEqual(c.finish(), 0)

    def test_out_of_order_versions_never_replace_newer_text(self):
        c = self.start()
        doc = uri(self.write("v.py", NEW_MODULE))
        c.open(doc, NEW_MODULE, version=1)
        c.diagnostics(doc, 1)
        c.change(doc, 5, [{"text": NEW_MODULE_FIXED}])
        c.change(doc, 3, [{"text": NEW_MODULE}])  # late, older
        log = c.notification("window/logMessage")
        self.assertEqual(log, {"type": 3, "message": "modlint: ignored version 3 of " + doc +
                                                     ", which is at version 5"})
        self.assertEqual(c.diagnostics(doc, 5)["diagnostics"], [])
        # Nothing about version 3 is ever published.
        rest = c.quiet(0.5)
        self.assertFalse([m for m in rest if m.get("params", {}).get("version") == 3], rest)
        self.assertEqual(c.finish(), 0)

    def test_burst_of_changes_coalesces_and_close_mid_lint_publishes_nothing_stale(self):
        big = NEW_MODULE + "".join("def f%d(x):\n    return x + %d\n" % (i, i) for i in range(6000))
        c = self.start()
        doc = uri(self.write("big.py", big))
        c.open(doc, big)
        for v in range(2, 30):
            c.change(doc, v, [{"range": rng(4, 11, 4, 11), "text": ""}])
        c.notify("textDocument/didClose", {"textDocument": {"uri": doc}})
        c.request("shutdown")
        got = [m["params"] for m in c.quiet(0.5) + c.pending
               if m.get("method") == "textDocument/publishDiagnostics"]
        # Far fewer lints than changes, and the last word is the close's.
        self.assertLess(len(got), 10, got)
        self.assertEqual(got[-1], {"uri": doc, "diagnostics": []})
        c.notify("exit")
        self.assertEqual(c.proc.wait(timeout=20), 0)

    def test_cancel_request(self):
        big = NEW_MODULE + "".join("def f%d(x):\n    return x + %d\n" % (i, i) for i in range(6000))
        c = self.start()
        doc = uri(self.write("c.py", big))
        c.open(doc, big)  # the worker is busy with this lint
        rid = c.request_async("textDocument/codeAction", {
            "textDocument": {"uri": doc}, "range": rng(4, 11, 4, 11), "context": {"diagnostics": []}})
        c.notify("$/cancelRequest", {"id": rid})
        self.assertEqual(c.response(rid), {"jsonrpc": "2.0", "id": rid, "error": {
            "code": -32800, "message": "cancelled"}})
        self.assertEqual(c.finish(), 0)

    def test_pull_diagnostics_for_clients_that_announce_them(self):
        c = Client(MODLINT, cwd=self.dir)
        self.client = c
        r = c.initialize(capabilities={"textDocument": {"diagnostic": {}}})
        self.assertEqual(r["result"]["capabilities"]["diagnosticProvider"], {
            "identifier": "modlint", "interFileDependencies": False,
            "workspaceDiagnostics": False})
        doc = uri(self.write("p.py", NEW_MODULE))
        c.open(doc, NEW_MODULE, version=3)
        r = c.request("textDocument/diagnostic", {"textDocument": {"uri": doc}})["result"]
        self.assertEqual((r["kind"], r["resultId"], [d["code"] for d in r["items"]]),
                         ("full", "1:3", ["MOD004"]))
        r = c.request("textDocument/diagnostic",
                      {"textDocument": {"uri": doc}, "previousResultId": "1:3"})["result"]
        self.assertEqual(r, {"kind": "unchanged", "resultId": "1:3"})
        self.assertEqual([m for m in c.quiet(0.3) if m.get("method") ==
                          "textDocument/publishDiagnostics"], [])
        self.assertEqual(c.finish(), 0)


class CodeActions(ServerTest):
    def test_quick_fix_noqa_and_fix_all(self):
        self.maxDiff = None
        c = self.start()
        doc = uri(self.write("classic.py", CLASSIC_TEXT))
        c.open(doc, CLASSIC_TEXT)
        diags = c.diagnostics(doc)["diagnostics"]
        acts = self.actions(c, doc, rng(15, 0, 15, 0), diagnostics=diags[:2])
        self.assertEqual([(a["title"], a["kind"], a.get("isPreferred")) for a in acts], [
            ("Fix MOD001 (unsafe): Register the module in sys.modules", "quickfix", False),
            ("Disable MOD001 for this line", "quickfix", None),
            ("Fix MOD004: Replace with 'types.ModuleType'", "quickfix", True),
            ("Disable MOD004 for this line", "quickfix", None),
            ("modlint: Fix all auto-fixable problems", "source.fixAll.modlint", None)])
        self.assertEqual(acts[2]["diagnostics"], [diags[1]])
        mod004 = acts[2]["edit"]["changes"][doc]
        fixed = apply_edits(CLASSIC_TEXT, mod004)
        self.assertEqual(fixed.splitlines()[0], "import types")
        self.assertEqual(fixed.splitlines()[15], '    mod = types.ModuleType("modulename")')
        self.assertEqual(acts[3]["edit"], {"changes": {doc: [
            {"range": rng(15, 38, 15, 38), "newText": "  # noqa: MOD004"}]}})
        fix_all = apply_edits(CLASSIC_TEXT, acts[4]["edit"]["changes"][doc])
        self.assertIn("    exec(code, mod.__dict__)\n", fix_all)
        self.assertNotIn("sys.modules", fix_all)  # unsafe: not without the setting
        # `only` filters by kind.
        acts = self.actions(c, doc, rng(0, 0, 0, 0), only=["source.fixAll"])
        self.assertEqual([a["kind"] for a in acts], ["source.fixAll.modlint"])
        self.assertEqual(self.actions(c, doc, rng(0, 0, 0, 0), only=["quickfix"]), [])
        self.assertEqual(c.finish(), 0)

    def test_fix_all_applies_unsafe_fixes_with_the_setting(self):
        c = self.start(options={"unsafe-fixes": True})
        doc = uri(self.write("classic.py", CLASSIC_TEXT))
        c.open(doc, CLASSIC_TEXT)
        c.diagnostics(doc)
        acts = self.actions(c, doc, rng(0, 0, 0, 0), only=["source"])
        fixed = apply_edits(CLASSIC_TEXT, acts[0]["edit"]["changes"][doc])
        self.assertIn("    mod = types.ModuleType(\"modulename\")\n"
                      "    sys.modules[mod.__name__] = mod\n", fixed)
        self.assertEqual(c.finish(), 0)

    def test_fix_result_is_what_the_cli_writes(self):
        c = self.start()
        path = self.write("m.py", NEW_MODULE)
        doc = uri(path)
        c.open(doc, NEW_MODULE)
        c.diagnostics(doc)
        acts = self.actions(c, doc, rng(0, 0, 0, 0), only=["source.fixAll"])
        subprocess.run([MODLINT, "check", "--fix", path], cwd=self.dir, capture_output=True)
        with open(path) as f:
            self.assertEqual(apply_edits(NEW_MODULE, acts[0]["edit"]["changes"][doc]), f.read())
        self.assertEqual(c.finish(), 0)


class Configuration(ServerTest):
    def cli(self, path):
        r = subprocess.run([MODLINT, "check", "--output-format=json", "--force-exclude", path],
                           cwd=self.dir, capture_output=True, text=True)
        return [(d["code"], d["location"]["row"] - 1, d["location"]["column"] - 1, d["message"])
                for d in json.loads(r.stdout or "[]")]

    @staticmethod
    def lsp(diags):
        return [(d["code"], d["range"]["start"]["line"], d["range"]["start"]["character"],
                 d["message"]) for d in diags]

    def test_agrees_with_the_cli_and_reloads(self):
        self.write("pyproject.toml", textwrap.dedent('''\
            [tool.modlint]
            target-version = "py27"
            extend-exclude = ["skipped"]
            [tool.modlint.per-file-ignores]
            "tests/*.py" = ["MOD004"]
            '''))
        self.write("sub/modlint.toml", 'ignore = ["MOD005"]\n')
        files = {name: self.write(name, CLASSIC_TEXT)
                 for name in ["a.py", "tests/t.py", "sub/s.py", "skipped/k.py"]}
        c = self.start()
        got = {}
        for name, path in files.items():
            c.open(uri(path), CLASSIC_TEXT)
            got[name] = self.lsp(c.diagnostics(uri(path))["diagnostics"])
            self.assertEqual(got[name], self.cli(path), name)
        self.assertEqual([d[0] for d in got["a.py"]], ["MOD001", "MOD004", "MOD005"])
        self.assertIn("sees None for every global", got["a.py"][0][3])  # py27 wording
        self.assertEqual([d[0] for d in got["tests/t.py"]], ["MOD001", "MOD005"])
        self.assertEqual([d[0] for d in got["sub/s.py"]], ["MOD001", "MOD004"])
        self.assertEqual(got["skipped/k.py"], [])
        # The config changes on disk: the client says so, the server rereads it.
        self.write("pyproject.toml", '[tool.modlint]\nignore = ["MOD001"]\n')
        c.notify("workspace/didChangeWatchedFiles",
                 {"changes": [{"uri": uri(os.path.join(self.dir, "pyproject.toml")), "type": 2}]})
        a = uri(files["a.py"])
        p = c.diagnostics(a)
        self.assertEqual(self.lsp(p["diagnostics"]), self.cli(files["a.py"]))
        self.assertEqual([d["code"] for d in p["diagnostics"]], ["MOD004", "MOD005"])
        self.assertEqual(c.finish(), 0)

    def test_editor_settings_override_the_files_as_flags_do(self):
        self.write("pyproject.toml", '[tool.modlint]\nselect = ["MOD001"]\n')
        path = self.write("a.py", CLASSIC_TEXT)
        c = self.start(options={"select": ["MOD004", "MOD005"], "target-version": "py27"})
        c.open(uri(path), CLASSIC_TEXT)
        p = c.diagnostics(uri(path))
        self.assertEqual([(d["code"], d["severity"]) for d in p["diagnostics"]],
                         [("MOD004", 2), ("MOD005", 2)])  # MOD005 warns on py27
        c.notify("workspace/didChangeConfiguration", {"settings": {"modlint": {"ignore": ["MOD4"]}}})
        self.assertEqual(c.notification("window/showMessage"), {
            "type": 1, "message": "modlint: unknown rule code 'MOD4' in setting 'ignore' "
                                  "(the closest is 'MOD0')"})
        p = c.diagnostics(uri(path))
        self.assertEqual([d["code"] for d in p["diagnostics"]], ["MOD001"])  # the file's select
        self.assertEqual(c.finish(), 0)

    def test_config_files_are_watched_when_the_client_allows(self):
        c = self.start(capabilities={
            "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": True}}})
        m = c.take(lambda m: m.get("method") == "client/registerCapability")
        self.assertEqual(m["params"], {"registrations": [{
            "id": "modlint-config-files", "method": "workspace/didChangeWatchedFiles",
            "registerOptions": {"watchers": [{"globPattern": "**/pyproject.toml"},
                                             {"globPattern": "**/modlint.toml"},
                                             {"globPattern": "**/.gitignore"}]}}]})
        c.send({"jsonrpc": "2.0", "id": m["id"], "result": None})  # the client's answer
        self.assertEqual(c.finish(), 0)

    def test_broken_config_is_said_once_and_lints_nothing(self):
        self.write("pyproject.toml", "[tool.modlint\n")
        path = self.write("a.py", CLASSIC_TEXT)
        c = self.start()
        c.open(uri(path), CLASSIC_TEXT)
        self.assertEqual(c.diagnostics(uri(path))["diagnostics"], [])
        msg = c.notification("window/showMessage")
        self.assertEqual(msg["type"], 1)
        self.assertTrue(msg["message"].startswith(
            "modlint: not linted: " + os.path.join(self.dir, "pyproject.toml") + ":"), msg)
        self.assertEqual(c.finish(), 0)


if __name__ == "__main__":
    MODLINT = os.path.abspath(sys.argv[1])
    ROOT = os.path.abspath(sys.argv[2])
    with open(os.path.join(ROOT, "fixtures/examples/classic.py")) as f:
        CLASSIC_TEXT = f.read()
    unittest.main(argv=sys.argv[:1] + sys.argv[3:], verbosity=2)
