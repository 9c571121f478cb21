// Writes the package.json of an npm package of sfcheck to stdout:
//   node manifest.js main VERSION
//   node manifest.js platform NAME VERSION OS CPU EXE
// The main package starts the binary of its platform package (one per
// os/cpu, optional dependencies of the main one). No package has an
// install script: nothing runs or downloads at install time.
"use strict";

const [kind, ...args] = process.argv.slice(2);
const platforms = ["linux-x64", "linux-arm64", "darwin-x64", "darwin-arm64", "win32-x64", "win32-arm64"];
const common = {
  homepage: "https://github.com/sfcheck/sfcheck",
  repository: { type: "git", url: "git+https://github.com/sfcheck/sfcheck.git" },
  keywords: ["salesforce", "oauth", "lint", "metadata", "sfdx"],
};

let manifest;
if (kind === "main") {
  const [version] = args;
  manifest = {
    name: "sfcheck",
    version,
    description: "Linter for the OAuth metadata of Salesforce projects: External Client Apps, External and Named Credentials, identity providers",
    ...common,
    bin: { sfcheck: "bin/sfcheck.js" },
    files: ["bin/sfcheck.js", "README.md"],
    engines: { node: ">=18" },
    optionalDependencies: Object.fromEntries(platforms.map((p) => [`@sfcheck/${p}`, version])),
  };
} else if (kind === "platform") {
  const [name, version, os, cpu, exe] = args;
  manifest = {
    name: `@sfcheck/${name}`,
    version,
    description: `The sfcheck binary for ${os} on ${cpu}`,
    ...common,
    os: [os],
    cpu: [cpu],
    files: [`bin/${exe}`],
    preferUnplugged: true,
  };
} else {
  process.stderr.write("usage: node manifest.js main VERSION | platform NAME VERSION OS CPU EXE\n");
  process.exit(2);
}
process.stdout.write(JSON.stringify(manifest, null, 2) + "\n");
