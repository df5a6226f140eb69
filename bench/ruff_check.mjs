// Ruff's WebAssembly linter on every file of a list: the baseline bench/run
// compares modlint with. Pyflakes rules (F) only, one file at a time, on one
// thread, as a node program would use @astral-sh/ruff-wasm-nodejs.
//
// Usage: node bench/ruff_check.mjs LIST_FILE [TOOLS_DIR]
//   LIST_FILE  one path a line
//   TOOLS_DIR  where `npm ci` installed bench/package.json
//              (default: $MODLINT_BENCH_TOOLS, else build/bench-tools)
// Prints one summary line (files, bytes, diagnostics, seconds) and exits 0;
// exits 2 when the list or the package cannot be read.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const [listFile, toolsArg] = process.argv.slice(2);
if (!listFile) {
  console.error("usage: node ruff_check.mjs LIST_FILE [TOOLS_DIR]");
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const toolsDir = resolve(
  toolsArg || process.env.MODLINT_BENCH_TOOLS || join(here, "..", "build", "bench-tools"),
);

let ruff;
try {
  ruff = createRequire(join(toolsDir, "package.json"))("@astral-sh/ruff-wasm-nodejs");
} catch (e) {
  console.error(`ruff_check: cannot load @astral-sh/ruff-wasm-nodejs from ${toolsDir}: ${e.message}`);
  console.error("ruff_check: run bench/run (it installs it with npm ci)");
  process.exit(2);
}

let paths;
try {
  paths = readFileSync(listFile, "utf8").split("\n").filter((p) => p !== "");
} catch (e) {
  console.error(`ruff_check: ${listFile}: ${e.message}`);
  process.exit(2);
}

const start = process.hrtime.bigint();
const workspace = new ruff.Workspace({ lint: { select: ["F"] } }, ruff.PositionEncoding.Utf16);
let files = 0, bytes = 0, diagnostics = 0, failures = 0;
for (const path of paths) {
  let data;
  try {
    data = readFileSync(path);
  } catch (e) {
    console.error(`ruff_check: ${path}: ${e.message}`);
    ++failures;
    continue;
  }
  bytes += data.length;
  ++files;
  try {
    diagnostics += workspace.check(data.toString("utf8")).length;
  } catch (e) {
    // A panic inside the wasm module: count it, keep going.
    ++failures;
  }
}
const secs = Number(process.hrtime.bigint() - start) / 1e9;
console.log(
  `ruff ${ruff.Workspace.version()} (wasm): ${files} files, ${bytes} bytes, ` +
    `${diagnostics} diagnostics, ${failures} failures, ${secs.toFixed(2)} s, ` +
    `${(bytes / secs / 1e6).toFixed(2)} MB/s`,
);
