#!/usr/bin/env node
// Starts the sfcheck binary of the platform this runs on. The binary comes
// in a package per platform (@sfcheck/linux-x64, ...), an optional
// dependency of this one: npm installs only the one whose os and cpu
// match, with no install script and nothing downloaded at install time.
"use strict";

const { spawnSync } = require("node:child_process");
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

const result = spawnSync(bin, process.argv.slice(2), { stdio: "inherit", windowsHide: true });
if (result.error) {
  process.stderr.write(`sfcheck: cannot start ${path.basename(bin)}: ${result.error.message}\n`);
  process.exit(3);
}
if (result.signal) {
  process.kill(process.pid, result.signal); // die the way the binary died
}
process.exit(result.status === null ? 3 : result.status);
