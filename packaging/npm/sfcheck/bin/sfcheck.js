#!/usr/bin/env node
// Starts the sfcheck binary of the platform this runs on. The binary comes
// in a package per platform (@sfcheck/linux-x64, ...), an optional
// dependency of this one: npm installs only the one whose os and cpu
// match, with no install script and nothing downloaded at install time.
"use strict";

const { spawn } = require("node:child_process");
const os = require("node:os");
const path = require("node:path");

const platforms = {
  "linux-x64": "@sfcheck/linux-x64",
  "linux-arm64": "@sfcheck/linux-arm64",
  "darwin-x64": "@sfcheck/darwin-x64",
  "darwin-arm64": "@sfcheck/darwin-arm64",
  "win32-x64": "@sfcheck/win32-x64",
  "win32-arm64": "@sfcheck/win32-arm64",
};

function binaryPath() {
  const key = `${process.platform}-${process.arch}`;
  const pkg = platforms[key];
  if (!pkg) {
    throw new Error(`sfcheck has no binary for ${key}; it ships for ${Object.keys(platforms).join(", ")}. ` +
      "Build it with Go instead: go install github.com/sfcheck/sfcheck/cmd/sfcheck@latest");
  }
  const exe = process.platform === "win32" ? "sfcheck.exe" : "sfcheck";
  try {
    return require.resolve(`${pkg}/bin/${exe}`);
  } catch {
    throw new Error(`the package ${pkg} is not installed: it is an optional dependency of sfcheck, ` +
      "so an install with --no-optional (or a lockfile made on another platform) leaves it out; " +
      `install it: npm install --save-dev ${pkg}`);
  }
}

let bin;
try {
  bin = binaryPath();
} catch (err) {
  process.stderr.write(`sfcheck: ${err.message}\n`);
  process.exit(2); // a usage error, as sfcheck's own exit codes say
}

const child = spawn(bin, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
// Signals sent to this process (Ctrl-C, a CI runner's SIGTERM) go on to the
// binary, which must not be left running without a parent.
for (const sig of ["SIGINT", "SIGTERM", "SIGHUP"]) {
  process.on(sig, () => child.kill(sig));
}
child.on("error", (err) => {
  process.stderr.write(`sfcheck: cannot start ${path.basename(bin)}: ${err.message}\n`);
  process.exit(3);
});
child.on("exit", (code, signal) => {
  if (signal) {
    // exit as a shell reports a death by signal (128 + its number), without
    // raising the signal here: SIGUSR1 would start node's debugger
    process.exit(128 + (os.constants.signals[signal] || 0));
  }
  process.exit(code === null ? 3 : code);
});
