#!/usr/bin/env bash
# Benchmarks of issue #2, side by side with their baselines on the same files:
#   check (parse + validate everything)  vs  ripgrep reading the same files
#   child set (one record, committed)     vs  a bare `git add <file> && git commit`
# and the peak memory of check. Needs hyperfine and ripgrep (apt-get install hyperfine ripgrep).
#
#   bench/foundation.sh [DIR]    (DIR default: /tmp/nastavnyk-bench-200k, generated if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
dir=${1:-/tmp/nastavnyk-bench-200k}
runs=${RUNS:-5}

cargo build --release --quiet
cargo build --release --quiet --example generate
bin=$PWD/target/release/nastavnyk

if [ ! -f "$dir/nastavnyk.toml" ]; then
  ./target/release/examples/generate --out "$dir" --children 100000 --mentors 100000 \
    --agreements 0 --contacts 0 --communities 1000 --seed 1
  git -C "$dir" init -q
  git -C "$dir" add -A
  git -C "$dir" -c user.name=bench -c user.email=bench@example.org commit -qm "generated registry"
fi
export GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=bench@example.org

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
echo "files: $(find "$dir/children" "$dir/mentors" -name '*.toml' | wc -l) children+mentors, $(du -sh --apparent-size "$dir/children" "$dir/mentors" | awk '{print $1}' | paste -sd+)"

# Warm the page cache so both sides read from memory.
cat "$dir"/children/*.toml "$dir"/mentors/*.toml > /dev/null

hyperfine --warmup 1 --runs "$runs" -N \
  --command-name "rg -c . children mentors" "rg -c . $dir/children $dir/mentors" \
  --command-name "nastavnyk check" "$bin -C $dir --today 2026-11-23 --format json check" \
  --ignore-failure --export-markdown /tmp/bench-check.md

/usr/bin/time -f "check peak memory: %M KB" "$bin" -C "$dir" --today 2026-11-23 --format json check > /dev/null || true

# One edit, committed. Each run writes a new value so there is always something to commit.
hyperfine --warmup 1 --runs "$runs" \
  --command-name "git add + commit (one file)" \
  "echo \"# \$(date +%s%N)\" >> $dir/children/c-000002.toml && git -C $dir add children/c-000002.toml && git -C $dir commit -qm bench" \
  --command-name "nastavnyk child set" \
  "$bin -C $dir --today 2026-11-23 -q child set c-000001 \"assessment.notes=bench \$(date +%s%N)\"" \
  --export-markdown /tmp/bench-set.md
