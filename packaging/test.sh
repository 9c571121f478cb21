#!/usr/bin/env bash
# Builds every distribution of sfcheck and proves each one works: the npm
# packages (installed offline into a project, gated commits with husky and
# lint-staged: packaging/npm/test.sh) and the release archives (checksums,
# the binary of this platform, the same version everywhere).
#
#   bash packaging/test.sh
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() { echo "packaging test: $*" >&2; exit 1; }
cd "$repo"
version=$(go run ./cmd/sfcheck version | awk '{print $2}')

node --test packaging/npm/launcher.test.js >"$work/launcher.out" 2>&1 || { cat "$work/launcher.out" >&2; fail "the npm launcher's tests failed"; }
echo "packaging test: the npm launcher passes exit codes, arguments and signals through"
bash packaging/npm/pack.sh "$work/npm" >/dev/null
bash packaging/npm/test.sh "$work/npm"

go run ./packaging/release "$work/release"
(cd "$work/release" && sha256sum --quiet -c checksums.txt) || fail "checksums do not match the archives"
[ "$(ls "$work/release" | grep -c "^sfcheck_${version}_")" -eq 6 ] || fail "want 6 archives of version $version"
goos=$(go env GOOS) goarch=$(go env GOARCH)
mkdir "$work/bin"
tar -xzf "$work/release/sfcheck_${version}_${goos}_${goarch}.tar.gz" -C "$work/bin"
got=$("$work/bin/sfcheck" version)
case "$got" in "sfcheck $version "*) ;; *) fail "the archive's binary says '$got', want version $version" ;; esac
set +e
"$work/bin/sfcheck" --oneline testdata/projects/same-org-broken >/dev/null
status=$?
set -e
[ $status -eq 1 ] || fail "the archive's binary exits $status on the broken example, want 1"
echo "packaging test: 6 release archives of $version, checksums verified, the $goos/$goarch binary works"
