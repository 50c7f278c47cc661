#!/usr/bin/env bash
# Matching in bounded memory (BENCHMARKS.md, "Scale"): one-community pools of 20,000 × 20,000,
# 20,000 × 5,000 and 5,000 × 2,000 eligible children × available mentors, and 20,000 × 20,000
# over 100 communities with `scope = "any"`; time and peak memory of `match`, and of
# `match --candidates` streamed to /dev/null.
#
#   bench/matching_scale.sh [NASTAVNYK_BINARY] [WORKDIR]
#
# Needs a release build of examples/generate (cargo build --release --example generate),
# hyperfine and GNU time (/usr/bin/time). NASTAVNYK_TRACE=1 in the environment prints the
# pruned solver's rounds to stderr.
set -euo pipefail
BIN=${1:-target/release/nastavnyk}
WORK=${2:-/tmp/nastavnyk-scale}
GEN=${GEN:-target/release/examples/generate}
mkdir -p "$WORK"

# About 87 % of generated children and 78 % of generated mentors are eligible and free on
# 2026-11-23, hence the counts below.
pool() { # name children mentors communities
    [ -d "$WORK/$1" ] || "$GEN" --out "$WORK/$1" --children "$2" --mentors "$3" \
        --agreements 0 --contacts 0 --communities "$4" --seed 1 >/dev/null
}
pool p20x20 23130 25800 1
pool p20x5 23130 6330 1
pool p5x2 5780 2530 1
pool p20any 23130 25800 100
grep -q '^scope = "any"' "$WORK/p20any/nastavnyk.toml" ||
    printf '\n[matching]\nscope = "any"\n' >>"$WORK/p20any/nastavnyk.toml"

run() { # label, then the nastavnyk arguments
    local label=$1
    shift
    /usr/bin/time -v "$BIN" --today 2026-11-23 --format json "$@" >/dev/null 2>"$WORK/$label.time"
    printf '%-24s %s, max RSS %s kB\n' "$label" \
        "$(grep 'Elapsed (wall' "$WORK/$label.time" | awk '{print $NF}')" \
        "$(grep 'Maximum resident' "$WORK/$label.time" | awk '{print $NF}')"
}
for p in p20x20 p20x5 p5x2 p20any; do
    run "$p" -C "$WORK/$p" match
done
run p5x2-candidates -C "$WORK/p5x2" match --candidates

hyperfine -N --warmup 1 --runs 3 \
    "$BIN -C $WORK/p20x20 --today 2026-11-23 --format json match" \
    "$BIN -C $WORK/p20any --today 2026-11-23 --format json match"
