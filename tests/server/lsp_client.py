"""A scripted LSP client over pipes for the `modlint server` tests."""
import json
import os
import queue
import subprocess
import threading


def uri(path):
    from urllib.parse import quote
    return "file://" + quote(os.path.abspath(path))


class Client:
    def __init__(self, modlint, cwd=None, timeout=20):
        self.proc = subprocess.Popen([modlint, "server"], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=cwd)
        self.timeout = timeout
        self.inbox = queue.Queue()
        self.pending = []  # messages read but not yet taken
        self.next_id = 1
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        out = self.proc.stdout
        while True:
            headers = {}
            while True:
                line = out.readline()
                if not line:
                    self.inbox.put(None)
                    return
                line = line.decode("ascii").rstrip("\r\n")
                if not line:
                    break
                name, _, value = line.partition(":")
                headers[name.strip().lower()] = value.strip()
            body = out.read(int(headers["content-length"]))
            self.inbox.put(json.loads(body.decode("utf-8")))

    def send_raw(self, data):
        self.proc.stdin.write(data)
        self.proc.stdin.flush()

    def send(self, message):
        body = json.dumps(message).encode("utf-8")
        self.send_raw(b"Content-Length: %d\r\n\r\n" % len(body) + body)

    def notify(self, method, params=None):
        m = {"jsonrpc": "2.0", "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)

    def request_async(self, method, params=None):
        rid = self.next_id
        self.next_id += 1
        m = {"jsonrpc": "2.0", "id": rid, "method": method}
        if params is not None:
            m["params"] = params
        self.send(m)
        return rid

    def take(self, match):
        """The first message (read so far or next) for which match() holds."""
        for i, m in enumerate(self.pending):
            if match(m):
                return self.pending.pop(i)
        while True:
            m = self.inbox.get(timeout=self.timeout)
            if m is None:
                raise EOFError("the server closed its output")
            if match(m):
                return m
            self.pending.append(m)

    def response(self, rid):
        return self.take(lambda m: m.get("id") == rid and "method" not in m)

    def request(self, method, params=None):
        return self.response(self.request_async(method, params))

    def notification(self, method, match=lambda p: True):
        return self.take(lambda m: m.get("method") == method and match(m.get("params")))["params"]

    def diagnostics(self, doc_uri, version=None):
        return self.notification(
            "textDocument/publishDiagnostics",
            lambda p: p["uri"] == doc_uri and (version is None or p.get("version") == version))

    def initialize(self, capabilities=None, options=None, root=None):
        params = {"processId": None, "rootUri": uri(root) if root else None,
                  "capabilities": capabilities or {}}
        if options is not None:
            params["initializationOptions"] = options
        r = self.request("initialize", params)
        self.notify("initialized", {})
        return r

    def open(self, doc_uri, text, version=1):
        self.notify("textDocument/didOpen", {"textDocument": {
            "uri": doc_uri, "languageId": "python", "version": version, "text": text}})

    def change(self, doc_uri, version, changes):
        self.notify("textDocument/didChange", {
            "textDocument": {"uri": doc_uri, "version": version}, "contentChanges": changes})

    def quiet(self, seconds=0.3):
        """Messages that arrive within \\p seconds, with what was read already."""
        got, self.pending = self.pending, []
        try:
            while True:
                m = self.inbox.get(timeout=seconds)
                if m is None:
                    break
                got.append(m)
        except queue.Empty:
            pass
        return got

    def finish(self, shutdown=True):
        if shutdown:
            assert self.request("shutdown") == {"jsonrpc": "2.0", "id": self.next_id - 1,
                                                "result": None}
        self.notify("exit")
        return self.proc.wait(timeout=self.timeout)
