#!/bin/sh
# The parse cache (issue #16): `check` on a large registry side by side with ripgrep reading
# the same record folders, repeated (the cache in place, nothing changed) and first (no
# cache: `--prepare` deletes it); then `due`, `report monthly`, `match` and `status` against
# `check`, all cached.
#
#   bench/cache.sh [REGISTRY]
#
# REGISTRY defaults to /tmp/nastavnyk-bench-cache, generated when missing with the issue's
# national shape, `--children 100000 --mentors 100000 --agreements 25000 --contacts 250000
# --communities 1000 --seed 1` (228,249 files, about 240 MB; delete it afterwards). It must be in git (the cache lives in `.git/`):
# a `.git` is made with `git init` if there is none; nothing needs to be committed.
set -eu
cd "$(dirname "$0")/.."
reg=${1:-/tmp/nastavnyk-bench-cache}
cargo build --release --quiet
bin=$PWD/target/release/nastavnyk
if [ ! -f "$reg/nastavnyk.toml" ]; then
    cargo run --release --quiet --example generate -- --out "$reg" \
        --children 100000 --mentors 100000 --agreements 25000 --contacts 250000 --communities 1000 --seed 1
fi
[ -e "$reg/.git" ] || git -C "$reg" init -q
# The parse cache and the places cache beside it.
caches="$reg/.git/nastavnyk/cache-v1 $reg/.git/nastavnyk/places-v1"
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "registry: $reg ($(du -sh --exclude=.git "$reg" | cut -f1))"
today="--today 2026-11-23"
rg="rg -c . children mentors agreements institutions"
check="$bin -C $reg $today --format json check"
# rg runs in the registry; -i: check exits 1 when it finds errors, rg when a folder is empty.
cd "$reg"
echo "## repeated check (cache in place) against ripgrep"
hyperfine -N -i --warmup 1 --runs 5 --export-markdown /tmp/nastavnyk-bench-cache-warm.md \
    -n rg "$rg" -n "check (cached)" "$check" \
    -n "check (cached, text)" "$bin -C $reg $today check"
echo "## first check (no cache; it is written) against ripgrep"
hyperfine -N -i --warmup 1 --runs 5 --export-markdown /tmp/nastavnyk-bench-cache-cold.md \
    -n rg "$rg" -n "check (first run)" --prepare "rm -f $caches" "$check"
echo "## check without the cache at all (NASTAVNYK_NO_CACHE=1) against ripgrep"
NASTAVNYK_NO_CACHE=1 hyperfine -N -i --warmup 1 --runs 5 \
    --export-markdown /tmp/nastavnyk-bench-cache-off.md \
    -n rg "$rg" -n "check (no cache)" "$check"
echo "## due, report monthly, match and status against check, all cached"
hyperfine -N -i --warmup 1 --runs 5 --export-markdown /tmp/nastavnyk-bench-cache-reports.md \
    -n check "$check" \
    -n due "$bin -C $reg $today --format json due" \
    -n "report monthly" "$bin -C $reg $today --format json report monthly --month 2026-10" \
    -n match "$bin -C $reg $today --format json match" \
    -n status "$bin -C $reg $today --format json status"
