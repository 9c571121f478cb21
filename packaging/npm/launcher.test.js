// Tests of the npm launcher (sfcheck/bin/sfcheck.js) with stand-in
// binaries: exit codes pass through, a death by signal exits 128+N without
// raising the signal in node, and a signal sent to node reaches the binary.
//   node --test packaging/npm/launcher.test.js
"use strict";

const test = require("node:test");
const assert = require("node:assert");
const fs = require("node:fs");
const os = require("node:os");
const path = require("node:path");
const { spawn, spawnSync } = require("node:child_process");

const platform = `${process.platform}-${process.arch}`;

// install makes a package tree with the launcher and a stand-in binary.
function install(script) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sfcheck-launcher-"));
  const main = path.join(dir, "node_modules", "sfcheck", "bin");
  const native = path.join(dir, "node_modules", "@sfcheck", platform, "bin");
  fs.mkdirSync(main, { recursive: true });
  fs.mkdirSync(native, { recursive: true });
  fs.copyFileSync(path.join(__dirname, "sfcheck", "bin", "sfcheck.js"), path.join(main, "sfcheck.js"));
  fs.writeFileSync(path.join(native, "sfcheck"), "#!/bin/sh\n" + script, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "node_modules", "@sfcheck", platform, "package.json"), JSON.stringify({ name: `@sfcheck/${platform}` }));
  return { dir, launcher: path.join(main, "sfcheck.js") };
}

test("exit codes and arguments pass through", { skip: process.platform === "win32" }, () => {
  const { launcher } = install('printf "%s|" "$@"; exit 7\n');
  const r = spawnSync(process.execPath, [launcher, "a b", "$(x)", "--fail-on", "never"], { encoding: "utf8" });
  assert.strictEqual(r.status, 7);
  assert.strictEqual(r.stdout, "a b|$(x)|--fail-on|never|");
});

test("a binary killed by a signal exits 128+N, without raising it in node", { skip: process.platform === "win32" }, () => {
  const { launcher } = install("kill -USR1 $$\n");
  const r = spawnSync(process.execPath, [launcher], { encoding: "utf8", timeout: 10000 });
  assert.strictEqual(r.status, 128 + os.constants.signals.SIGUSR1);
  assert.ok(!/Debugger listening/.test(r.stderr), r.stderr);
});

test("SIGTERM sent to node reaches the binary", { skip: process.platform === "win32" }, async () => {
  const { dir, launcher } = install(`trap 'echo got-term > "${"$"}{0%/*}/../../../../term"; exit 143' TERM\necho started\nwhile true; do sleep 0.05; done\n`);
  const node = spawn(process.execPath, [launcher], { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise((resolve) => node.stdout.once("data", resolve));
  node.kill("SIGTERM");
  const code = await new Promise((resolve) => node.on("exit", resolve));
  assert.strictEqual(code, 143);
  assert.strictEqual(fs.readFileSync(path.join(dir, "term"), "utf8").trim(), "got-term");
});
