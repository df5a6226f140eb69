#!/usr/bin/env python3
"""modlint's SARIF must be valid SARIF 2.1.0 (issue 4), checked by two
independent validators on the log of every fixture:

- Microsoft's SARIF Multitool (`Sarif.Multitool validate`, npm package
  @microsoft/sarif-multitool, a self-contained .NET build for linux-x64):
  zero errors and zero warnings (its notes are listed, not failed on);
- the SARIF 2.1.0 JSON schema shipped inside that same package
  (sarif-2.1.0.json), checked with Ajv and ajv-formats, formats included.

Both are needed: the Multitool (5.7.0) reports nothing at all, and says
"Analysis completed successfully", for a log it cannot deserialize (a
misspelt enum value, a string where an integer belongs), and in a batch such a
log hides the findings on the other logs too. So it runs once per log, and
the schema check catches what it cannot read. Two canaries, broken on
purpose, prove on every run that each validator still reports what it should.

The logs: one modlint run per fixture (fixtures/**/*.py, paths relative to
REPO_ROOT, run from REPO_ROOT), one run over all fixtures together (also with
--select=ALL), one run where a path does not exist (exit 2, a
toolExecutionNotification), one with an absolute path (file: URIs), one
with a file name that needs percent-encoding and one with a syntax error (a
syntax-error result, whose rule is described like the others).

The validators are pinned by package.json and package-lock.json beside this
file (exact versions, sha512 integrity) and installed with `npm ci
--ignore-scripts` into $MODLINT_SARIF_TOOLS, by default sarif-tools/ beside
the modlint binary (the build directory); nothing is installed in the source
tree. A second run finds them installed and skips npm.

Usage: test_sarif.py MODLINT_BINARY REPO_ROOT
Exit 0 all passed, 1 something failed, 77 (skipped) where the validators
cannot be installed: no npm, no registry, or not linux-x64.
"""
import concurrent.futures
import ctypes.util
import fcntl
import hashlib
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time

SKIP = 77
HERE = os.path.dirname(os.path.abspath(__file__))
MULTITOOL_PKG = "@microsoft/sarif-multitool-linux"
# The one notification the Multitool gives about its own configuration:
# multitool.config.xml turns SARIF2006 (network look-ups) off.
EXPECTED_CONFIG_NOTIFICATIONS = {("WRN999.RuleExplicitlyDisabled", "SARIF2006")}
# npm failures that mean "no registry here", not "the pins are wrong".
NETWORK_ERROR = re.compile(
    r"ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|"
    r"ESOCKETTIMEDOUT|ERR_SOCKET_TIMEOUT|network (request|connectivity)")


class Skip(Exception):
    pass


class SetupError(Exception):
    pass


# --------------------------------------------------------------------------
# Installing the pinned validators


class Tools:
    def __init__(self, root):
        self.root = root
        self.node_modules = os.path.join(root, "node_modules")
        pkg = os.path.join(self.node_modules, *MULTITOOL_PKG.split("/"))
        self.multitool = os.path.join(pkg, "Sarif.Multitool")
        self.schema = os.path.join(pkg, "sarif-2.1.0.json")
        self.node = shutil.which("node")
        self.env = dict(os.environ, DOTNET_CLI_TELEMETRY_OPTOUT="1")
        # .NET needs ICU (Debian: libicu72) unless told to do without it; the
        # validation does not depend on culture data.
        if not ctypes.util.find_library("icuuc"):
            self.env["DOTNET_SYSTEM_GLOBALIZATION_INVARIANT"] = "1"


def tools_dir(modlint):
    if os.environ.get("MODLINT_SARIF_TOOLS"):
        return os.path.abspath(os.environ["MODLINT_SARIF_TOOLS"])
    return os.path.join(os.path.dirname(modlint), "sarif-tools")


def install_tools(directory):
    if sys.platform != "linux" or platform.machine() not in ("x86_64", "AMD64"):
        raise Skip(f"the SARIF Multitool's npm package runs on linux-x64 only, "
                   f"not {sys.platform}-{platform.machine()}")
    npm = shutil.which("npm")
    if not npm or not shutil.which("node"):
        raise Skip("no npm/node on PATH (scripts/setup installs npm)")
    with open(os.path.join(HERE, "package.json"), "rb") as f:
        package_json = f.read()
    with open(os.path.join(HERE, "package-lock.json"), "rb") as f:
        package_lock = f.read()
    want = hashlib.sha256(package_json + b"\0" + package_lock).hexdigest()
    version = json.loads(package_lock)["packages"]["node_modules/" + MULTITOOL_PKG]["version"]

    os.makedirs(directory, exist_ok=True)
    tools = Tools(directory)
    stamp = os.path.join(directory, ".installed")
    with open(os.path.join(directory, ".install-lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two runs at once install once
        try:
            with open(stamp) as f:
                have = f.read().strip()
        except OSError:
            have = ""
        if have != want or not os.path.isfile(tools.multitool) or not os.path.isfile(tools.schema):
            if os.path.exists(stamp):
                os.unlink(stamp)
            for name, data in (("package.json", package_json), ("package-lock.json", package_lock)):
                with open(os.path.join(directory, name), "wb") as f:
                    f.write(data)
            print(f"installing the SARIF validators into {directory} (npm ci)", flush=True)
            # npm ci installs exactly the lock and checks every package's
            # sha512 integrity. --ignore-scripts: the only install script is
            # the Multitool's `chmod u+x`, done below.
            cmd = [npm, "ci", "--ignore-scripts", "--no-audit", "--no-fund", "--loglevel=error"]
            try:
                r = subprocess.run(cmd, cwd=directory, capture_output=True, text=True, timeout=1800)
            except subprocess.TimeoutExpired:
                raise Skip("npm ci did not finish in 30 minutes: no answer from the npm registry")
            if r.returncode != 0:
                out = (r.stdout + r.stderr).strip()
                if NETWORK_ERROR.search(out):
                    raise Skip("npm ci could not reach the npm registry:\n" + out[-3000:])
                raise SetupError(f"npm ci failed (exit {r.returncode}):\n{out[-3000:]}")
            os.chmod(tools.multitool, 0o755)
            with open(stamp, "w") as f:
                f.write(want + "\n")

    r = subprocess.run([tools.multitool, "--version"], capture_output=True, text=True,
                       env=tools.env, timeout=120)
    said = (r.stdout + r.stderr).strip()  # it prints its version on stderr
    if r.returncode != 0 or f"Multitool {version}" not in said:
        raise SetupError(f"{tools.multitool} --version (exit {r.returncode}) does not say "
                         f"{version}:\n{said[-3000:]}")
    tools.version = said.splitlines()[0]
    return tools


# --------------------------------------------------------------------------
# The logs


def fixture_files(root):
    found = []
    for d, dirs, files in os.walk(os.path.join(root, "fixtures")):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".py"):
                found.append(os.path.relpath(os.path.join(d, name), root).replace(os.sep, "/"))
    return found


def check_notification(log):
    inv = (log.get("runs") or [{}])[0].get("invocations") or [{}]
    notes = inv[0].get("toolExecutionNotifications") or []
    problems = []
    if inv[0].get("executionSuccessful") is not False:
        problems.append("invocations[0].executionSuccessful is not false")
    if not any("missing.py" in json.dumps(n) for n in notes):
        problems.append("no toolExecutionNotification names the missing file")
    return problems


def check_syntax_error(log):
    run = (log.get("runs") or [{}])[0]
    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    found = [r for r in run.get("results", []) if r.get("ruleId") == "syntax-error"]
    if len(found) != 1:
        return [f"{len(found)} syntax-error results, not 1"]
    index = found[0].get("ruleIndex", -1)
    if not 0 <= index < len(rules) or rules[index].get("id") != "syntax-error":
        return ["the syntax-error result's ruleIndex names no syntax-error rule"]
    if found[0].get("level") != "error":
        return ["the syntax-error result is not an error"]
    return []


def check_suppressed(log):
    results = (log.get("runs") or [{}])[0].get("results") or []
    kept = [(r.get("ruleId"), r.get("suppressions")) for r in results]
    want = [("MOD004", [{"kind": "inSource"}]), ("MOD004", None)]
    return [] if kept == want else [f"results and suppressions {kept}, not {want}"]


def make_cases(modlint, root, scratch):
    rels = fixture_files(root)
    if not rels:
        raise SetupError(f"no fixtures (*.py) under {root}/fixtures")
    sarif = [modlint, "--output-format=sarif"]
    cases = [dict(name=f"fixture {rel}", argv=sarif + [rel]) for rel in rels]
    cases.append(dict(name=f"all {len(rels)} fixtures together", argv=sarif + rels))
    cases.append(dict(name=f"all {len(rels)} fixtures together, --select=ALL",
                      argv=sarif + ["--select=ALL"] + rels))
    cases.append(dict(name="a missing path with a real file (toolExecutionNotification)",
                      argv=sarif + ["fixtures/does-not-exist/missing.py", rels[0]],
                      exits=(2,), check=check_notification))
    cases.append(dict(name="an absolute path (file: URIs)",
                      argv=sarif + [os.path.join(root, rels[0])]))
    odd_dir = os.path.join(scratch, "odd")
    odd = "dír with space/ü #1%+[x].py"
    os.makedirs(os.path.dirname(os.path.join(odd_dir, odd)))
    shutil.copyfile(os.path.join(root, rels[0]), os.path.join(odd_dir, odd))
    cases.append(dict(name="a file name that needs percent-encoding",
                      argv=sarif + [odd], cwd=odd_dir))
    broken_dir = os.path.join(scratch, "broken")
    os.makedirs(broken_dir)
    with open(os.path.join(broken_dir, "broken.py"), "w") as f:
        f.write("import imp\nm = imp.new_module('x')\n\ndef f(:\n    pass\n")
    cases.append(dict(name="a file with a syntax error (a syntax-error result and its rule)",
                      argv=sarif + ["broken.py"], cwd=broken_dir, exits=(1,),
                      check=check_syntax_error))
    noqa_dir = os.path.join(scratch, "noqa")
    os.makedirs(noqa_dir)
    with open(os.path.join(noqa_dir, "silenced.py"), "w") as f:
        f.write("import imp\nm = imp.new_module('x')  # noqa: MOD004\nn = imp.new_module('y')\n")
    cases.append(dict(name="a finding silenced by noqa (a result with an inSource suppression)",
                      argv=sarif + ["silenced.py"], cwd=noqa_dir, exits=(1,),
                      check=check_suppressed))
    for c in cases:
        c.setdefault("cwd", root)
        c.setdefault("exits", (0, 1))
        c.setdefault("check", None)
        c.setdefault("canary", None)
    return cases


def run_modlint(case, path):
    """Runs the case's modlint command and writes its standard output to path.
    Returns (log or None, problems)."""
    r = subprocess.run(case["argv"], cwd=case["cwd"], capture_output=True, timeout=600)
    with open(path, "wb") as f:
        f.write(r.stdout)
    problems = []
    if r.returncode not in case["exits"]:
        problems.append(f"modlint exit {r.returncode}, expected {' or '.join(map(str, case['exits']))}: "
                        + r.stderr.decode(errors="replace").strip()[:2000])
    try:
        log = json.loads(r.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as e:
        problems.append(f"modlint's output is not UTF-8 JSON: {e}")
        return None, problems
    if case["check"]:
        problems += case["check"](log)
    return log, problems


def add_canaries(cases, logs_dir, base_path):
    """Two logs broken on purpose, from a valid one: each validator must still
    flag what it can see."""
    with open(base_path, encoding="utf-8") as f:
        base = json.load(f)
    extra = json.loads(json.dumps(base))
    extra["runs"][0]["modlintSarifTestCanary"] = True  # not in the schema
    enum = json.loads(json.dumps(base))
    enum["runs"][0]["columnKind"] = "utf8Bytes"  # not one of the enum's values
    for name, log, canary in (
            ("canary: a property the schema does not define (both validators must flag it)",
             extra, "both"),
            ("canary: a misspelt enum value (the schema check must flag it; the Multitool "
             "cannot read such a log and says nothing)", enum, "schema")):
        path = os.path.join(logs_dir, f"{len(cases):03d}-canary.sarif")
        with open(path, "w", encoding="utf-8") as f:
            json.dump(log, f, indent=2)
        cases.append(dict(name=name, path=path, canary=canary, problems=[]))


# --------------------------------------------------------------------------
# The validators


def schema_check(tools, paths):
    """Returns {path: [error lines]} from validate_schema.js."""
    env = dict(os.environ, NODE_PATH=tools.node_modules)
    r = subprocess.run([tools.node, os.path.join(HERE, "validate_schema.js"), tools.schema, *paths],
                       capture_output=True, text=True, env=env, timeout=600)
    if r.returncode not in (0, 1):
        raise SetupError(f"validate_schema.js failed (exit {r.returncode}):\n{r.stderr.strip()}")
    verdicts = {}
    for line in r.stdout.splitlines():
        v = json.loads(line)
        verdicts[v["file"]] = [
            f"{e['path']}: {e['keyword']}: {e['message']}"
            + (f" {json.dumps(e['params'], ensure_ascii=False)}" if e.get("params") else "")
            for e in v["errors"]]
    missing = [p for p in paths if p not in verdicts]
    if missing:
        raise SetupError(f"validate_schema.js gave no verdict on {missing}")
    return verdicts


def format_message(result, rules):
    msg = result.get("message", {})
    text = msg.get("text")
    if text is None:
        rule = rules[result["ruleIndex"]] if 0 <= result.get("ruleIndex", -1) < len(rules) else {}
        template = rule.get("messageStrings", {}).get(msg.get("id"), {}).get("text")
        args = msg.get("arguments", [])
        if template is None:
            text = f"{msg.get('id')} {args}"
        else:
            text = re.sub(r"\{(\d+)\}",
                          lambda m: str(args[int(m.group(1))]) if int(m.group(1)) < len(args)
                          else m.group(0), template)
    return text


FULL_TEXTS = {}  # a finding's first sentence -> its whole message


def multitool_check(tools, path):
    """Returns (problems, findings, notes): problems with the run itself;
    findings, its errors and warnings; notes, its notes."""
    out = path + ".multitool.sarif"
    cmd = [tools.multitool, "validate", path, "--config", os.path.join(HERE, "multitool.config.xml"),
           "--output", out, "--log", "ForceOverwrite", "--level", "Error;Warning;Note"]
    try:
        r = subprocess.run(cmd, capture_output=True, text=True, env=tools.env, timeout=600)
    except subprocess.TimeoutExpired:
        return ["Sarif.Multitool validate did not finish in 10 minutes"], [], []
    console = (r.stdout + r.stderr).strip()
    problems = []
    # Its exit code is 0 whatever it finds; non-zero means it failed to run.
    if r.returncode != 0:
        problems.append(f"Sarif.Multitool validate exit {r.returncode}:\n{console[-3000:]}")
    if not re.search(r"\b1 files? scanned", console):
        problems.append(f"Sarif.Multitool did not scan the log:\n{console[-3000:]}")
    try:
        with open(out, encoding="utf-8-sig") as f:
            report = json.load(f)
        run = report["runs"][0]
    except (OSError, ValueError, KeyError, IndexError) as e:
        return problems + [f"no readable Multitool report {out}: {e}"], [], []

    for inv in run.get("invocations", []):
        if not inv.get("executionSuccessful", False):
            problems.append("the Multitool's invocation was not successful")
        for n in inv.get("toolExecutionNotifications", []):
            problems.append("Multitool execution notification: " + json.dumps(n)[:1000])
        for n in inv.get("toolConfigurationNotifications", []):
            ident = n.get("descriptor", {}).get("id", "")
            text = n.get("message", {}).get("text", "")
            if not any(ident == i and rule in text for i, rule in EXPECTED_CONFIG_NOTIFICATIONS):
                problems.append(f"Multitool configuration notification {ident}: {text}")

    rules = run.get("tool", {}).get("driver", {}).get("rules", [])
    findings, notes = [], []
    for res in run.get("results", []):
        rule = rules[res["ruleIndex"]] if 0 <= res.get("ruleIndex", -1) < len(rules) else {}
        # SARIF: an absent level is the rule's default level, else "warning".
        level = res.get("level") or rule.get("defaultConfiguration", {}).get("level") or "warning"
        args = res.get("message", {}).get("arguments") or [""]
        where = res.get("properties", {}).get("jsonPath") or args[0]
        region = (res.get("locations") or [{}])[0].get("physicalLocation", {}).get("region", {})
        text = format_message(res, rules)
        # The first sentence here; the whole text once, at the end of the run.
        first = text.split(". ", 1)[0].rstrip(".") + "."
        line = f"{res.get('ruleId')} {level} at {where}" \
               f" (line {region.get('startLine', '?')}, column {region.get('startColumn', '?')}):" \
               f" {first}"
        if level in ("error", "warning"):
            findings.append((res.get("ruleId"), line))
            if first != text:
                FULL_TEXTS.setdefault(f"{res.get('ruleId')}: {first}", text)
        else:
            notes.append((res.get("ruleId"), line))
    return problems, findings, notes


# --------------------------------------------------------------------------


def main():
    if len(sys.argv) != 3:
        print(__doc__.strip().split("\n\n")[-1], file=sys.stderr)
        return 2
    modlint, root = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    start = time.monotonic()
    try:
        tools = install_tools(tools_dir(modlint))
    except Skip as e:
        print(f"skipped: {e}")
        return SKIP
    except SetupError as e:
        print(f"error: {e}\n0 passed, 1 failed")
        return 1
    with open(tools.schema, "rb") as f:
        schema_sha = hashlib.sha256(f.read()).hexdigest()
    print(f"{tools.version}; JSON schema {os.path.relpath(tools.schema, tools.root)} "
          f"(sha256 {schema_sha[:16]}…) with Ajv ({time.monotonic() - start:.1f}s to set up)")

    scratch = tempfile.mkdtemp(prefix="modlint-sarif-")
    failed_logs = os.path.join(tools.root, "failed-logs")
    try:
        logs_dir = os.path.join(scratch, "logs")
        os.makedirs(logs_dir)
        try:
            cases = make_cases(modlint, root, scratch)
        except SetupError as e:
            print(f"error: {e}\n0 passed, 1 failed")
            return 1
        for i, case in enumerate(cases):
            slug = re.sub(r"[^a-z0-9]+", "-", case["name"].lower()).strip("-")[:60]
            case["path"] = os.path.join(logs_dir, f"{i:03d}-{slug}.sarif")
            case["log"], case["problems"] = run_modlint(case, case["path"])
        base = next((c for c in cases if c["log"] is not None and not c["problems"]), None)
        if base is None:
            print("no valid-looking modlint log to make the canaries from; none run")
        else:
            add_canaries(cases, logs_dir, base["path"])

        paths = [c["path"] for c in cases]
        verdicts = schema_check(tools, paths)
        workers = max(1, min(4, os.cpu_count() or 1))
        with concurrent.futures.ThreadPoolExecutor(workers) as pool:
            checked = list(pool.map(lambda p: multitool_check(tools, p), paths))

        passed = failed = 0
        note_counts = {}
        for case, (mt_problems, findings, notes) in zip(cases, checked):
            schema_errors = verdicts[case["path"]]
            problems = list(case["problems"]) + mt_problems
            if case["canary"]:
                if not any(rid and rid.startswith("JSON") for rid, _ in findings) \
                        and case["canary"] == "both":
                    problems.append("the Multitool did not flag the canary: " +
                                    ("; ".join(l for _, l in findings) or "no findings"))
                if not schema_errors:
                    problems.append("the schema check did not flag the canary")
                summary = (f"Multitool: {len(findings)} errors/warnings; "
                           f"schema: {len(schema_errors)} errors, as meant")
            else:
                problems += [f"Multitool: {l}" for _, l in findings]
                problems += [f"schema: {e}" for e in schema_errors]
                for rid, _ in notes:
                    note_counts[rid] = note_counts.get(rid, 0) + 1
                nres = len(((case["log"] or {}).get("runs") or [{}])[0].get("results") or [])
                summary = (f"{nres} results; Multitool: {len(findings)} errors/warnings, "
                           f"{len(notes)} notes; schema: "
                           + ("valid" if not schema_errors else f"{len(schema_errors)} errors"))
            if problems:
                failed += 1
                print(f"FAIL {case['name']} ({os.path.basename(case['path'])}):")
                for p in problems:
                    print("    " + p.replace("\n", "\n    "))
            else:
                passed += 1
                print(f"ok   {case['name']} ({summary})")

        if note_counts:
            print("Multitool notes (advice, not failures): " +
                  ", ".join(f"{r} ×{n}" for r, n in sorted(note_counts.items())))
        shutil.rmtree(failed_logs, ignore_errors=True)  # a previous run's
        if failed:
            if FULL_TEXTS:
                print("The Multitool's messages in full:")
                for key, text in sorted(FULL_TEXTS.items()):
                    print(f"    {key.split(':', 1)[0]}: {text}")
            shutil.copytree(logs_dir, failed_logs)
            print(f"the logs and the Multitool's reports are in {failed_logs}")
        print(f"{time.monotonic() - start:.1f}s")
        print(f"{passed} passed, {failed} failed")
        return 1 if failed else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
