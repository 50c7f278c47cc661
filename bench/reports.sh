#!/bin/sh
# `report monthly` and `due` side by side with `check` on a large generated registry
# (issue #6: each within 2x `check`). Warm cache: hyperfine's warm-up runs read it in first.
#
#   bench/reports.sh [REGISTRY]
#
# REGISTRY defaults to /tmp/nastavnyk-bench-reports, generated with the generator's defaults
# (100,000 children, 100,000 mentors, 50,000 agreements, 1,000,000 contacts) when missing;
# delete it afterwards (about 350 MB). Uses hyperfine when installed, else a plain loop.
set -eu
cd "$(dirname "$0")/.."
reg=${1:-/tmp/nastavnyk-bench-reports}
cargo build --release --quiet
bin=$PWD/target/release/nastavnyk
if [ ! -f "$reg/nastavnyk.toml" ]; then
    cargo run --release --quiet --example generate -- --out "$reg"
fi
echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "registry: $reg ($(du -sh "$reg" | cut -f1))"
today="--today 2026-11-23"
check="$bin -C $reg $today check --format json"
monthly="$bin -C $reg $today report monthly --month 2026-10 --format csv"
due="$bin -C $reg $today due --format csv"
if command -v hyperfine >/dev/null 2>&1; then
    # check exits 1 when it finds errors: -i keeps that from stopping the run.
    hyperfine -N -i --warmup 1 --runs 5 --export-markdown /tmp/nastavnyk-bench-reports.md \
        -n check "$check" -n "report monthly" "$monthly" -n due "$due"
else
    for name in check monthly due; do
        eval "command=\$$name"
        $command >/dev/null 2>&1 || true
        start=$(date +%s.%N)
        for _ in 1 2 3 4 5; do $command >/dev/null 2>&1 || true; done
        end=$(date +%s.%N)
        echo "$name: $(echo "($end - $start) / 5" | bc -l | cut -c1-6) s (mean of 5)"
    done
fi
