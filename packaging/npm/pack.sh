#!/usr/bin/env bash
# Builds sfcheck's npm packages into OUTDIR: sfcheck-VERSION.tgz (the
# command) and one package per platform with its binary
# (sfcheck-linux-x64-VERSION.tgz for @sfcheck/linux-x64, ...).
#
#   bash packaging/npm/pack.sh OUTDIR
#
# Needs Go and npm. The version is the one `sfcheck version` prints
# (SFCHECK_VERSION overrides it), stamped into every binary and package.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: pack.sh OUTDIR" >&2; exit 2; }
repo=$(cd "$(dirname "$0")/../.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)
version=${SFCHECK_VERSION:-$(cd "$repo" && go run ./cmd/sfcheck version | awk '{print $2}')}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# npm platform name : Go GOOS/GOARCH
for p in linux-x64:linux/amd64 linux-arm64:linux/arm64 darwin-x64:darwin/amd64 darwin-arm64:darwin/arm64 \
         win32-x64:windows/amd64 win32-arm64:windows/arm64; do
  name=${p%%:*} target=${p#*:}
  goos=${target%/*} goarch=${target#*/}
  exe=sfcheck
  [ "$goos" = windows ] && exe=sfcheck.exe
  dir="$work/$name"
  mkdir -p "$dir/bin"
  (cd "$repo" && CGO_ENABLED=0 GOOS=$goos GOARCH=$goarch go build -trimpath \
    -ldflags "-s -w -X main.version=$version" -o "$dir/bin/$exe" ./cmd/sfcheck)
  node "$repo/packaging/npm/manifest.js" platform "$name" "$version" "${name%-*}" "${name#*-}" "$exe" >"$dir/package.json"
  printf '# @sfcheck/%s\n\nThe sfcheck binary for %s. Install the `sfcheck` package, not this one.\n' "$name" "$name" >"$dir/README.md"
  (cd "$dir" && npm pack --silent --ignore-scripts --pack-destination "$out" >/dev/null)
done

dir="$work/sfcheck"
mkdir -p "$dir/bin"
cp "$repo/packaging/npm/sfcheck/bin/sfcheck.js" "$dir/bin/"
cp "$repo/packaging/npm/sfcheck/README.md" "$dir/"
node "$repo/packaging/npm/manifest.js" main "$version" >"$dir/package.json"
(cd "$dir" && npm pack --silent --ignore-scripts --pack-destination "$out" >/dev/null)
ls "$out"/*"$version".tgz
