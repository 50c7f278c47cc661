#!/usr/bin/env bash
# The national ratios (issue #16, item 3), each side by side with its baseline in one
# hyperfine run on the same files:
#   edit:    `child set ID field=value --reason …`  vs  a bare `git add FILE && git commit`
#   match:   `match`                                 vs  `check`
#   reports: `report monthly`, `due`                 vs  `check`
#   history: `history ID`                            vs  `git log -- FILE` with a commit-graph
#            (a) on a fresh registry of 200k records in one commit, (b) after 1,000 commits
#
#   bench/national.sh [WORKDIR]        (RUNS=5 by default; NASTAVNYK=path to a binary)
#
# The registry is the generator's "200k" (BENCHMARKS.md): 100,000 children, 100,000 mentors,
# no agreements or contacts, 1,000 communities, seed 1, committed to git in WORKDIR/reg (made
# once, reused). The 1,000 further commits are made with `git fast-import`, one child record
# each, every 100th the same record c-000042, as in bench/history.sh. History (a) is measured
# only on the first run in a WORKDIR (while the registry has one commit): use a new WORKDIR to
# measure it again. Needs hyperfine.
# Figures are written as markdown and JSON to WORKDIR/*.md, *.json.
set -euo pipefail
project=$(cd "$(dirname "$0")/.." && pwd)
work=${1:-/tmp/nastavnyk-national}
runs=${RUNS:-5}
mkdir -p "$work"

if [ -z "${NASTAVNYK:-}" ]; then
    (cd "$project" && cargo build --release --quiet --bin nastavnyk --example generate)
fi
bin=${NASTAVNYK:-$project/target/release/nastavnyk}
gen=${GEN:-$project/target/release/examples/generate}
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
export GIT_CONFIG_NOSYSTEM=1

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(git --version), load: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "binary: $bin ($("$bin" --version 2>/dev/null || true))"

reg=$work/reg
if [ ! -d "$reg/.git" ]; then
    rm -rf "$reg"
    "$gen" --out "$reg" --children 100000 --mentors 100000 --agreements 0 --contacts 0 \
        --communities 1000 --seed 1 >/dev/null
    git -C "$reg" init -q
    git -C "$reg" add -A
    git -C "$reg" commit -q -m "generated registry"
fi
cd "$reg"
today="--today 2026-11-23"
hf() { # name, then hyperfine arguments
    local name=$1
    shift
    hyperfine -N --style basic --warmup 1 --runs "$runs" \
        --export-markdown "$work/$name.md" --export-json "$work/$name.json" "$@" |
        grep -E 'Benchmark|Time|±|faster|slower' || true
}

# --- history (a): a fresh registry of 200k records in one commit.
if [ "$(git rev-list --count HEAD)" = 1 ]; then
    git commit-graph write --reachable --changed-paths --no-progress
    echo "--- history, 200k in one commit"
    hf history-fresh \
        -n "git log -- FILE" "git log --oneline -- children/c-000042.toml" \
        -n "nastavnyk history" "$bin -C $reg --lang en $today history c-000042"

    # 1,000 commits in one fast-import stream: each appends a line to one child record.
    . "$project/bench/lib/commits.sh"
    add_commits 1000 100000 "$work/commits.fi"
    git commit-graph write --reachable --changed-paths --no-progress
fi
echo "repository: $(git rev-list --count HEAD) commits"

# --- history (b): after 1,000 commits (c-000042 has 11, c-007920 2).
echo "--- history, 1,000 commits"
hf history-1000 \
    -n "git log -- FILE (11 commits)" "git log --oneline -- children/c-000042.toml" \
    -n "nastavnyk history (11 commits)" "$bin -C $reg --lang en $today history c-000042" \
    -n "git log -- FILE (2 commits)" "git log --oneline -- children/c-007920.toml" \
    -n "nastavnyk history (2 commits)" "$bin -C $reg --lang en $today history c-007920"

# --- one edit, committed; each run writes a new value so that there is something to commit.
echo "--- one edit"
hf edit \
    -n "git add + commit" \
    "sh -c 'echo \"# \$(date +%s%N)\" >> children/c-000002.toml && git add children/c-000002.toml && git commit -qm x'" \
    -n "nastavnyk child set" \
    "sh -c '$bin -C $reg $today -q child set c-000001 \"assessment.notes=bench \$(date +%s%N)\" --reason bench'"

# --- match and the reports against check (check exits 1 on findings: -i).
echo "--- match, report monthly, due against check"
hf read -i \
    -n check "$bin -C $reg $today --format json check" \
    -n match "$bin -C $reg $today --format json match" \
    -n "report monthly" "$bin -C $reg $today --format csv report monthly --month 2026-10" \
    -n due "$bin -C $reg $today --format csv due"
echo "peak memory (KB): check $(/usr/bin/time -f %M "$bin" -C "$reg" $today --format json check 2>&1 >/dev/null | tail -1), match $(/usr/bin/time -f %M "$bin" -C "$reg" $today --format json match 2>&1 >/dev/null | tail -1)"
