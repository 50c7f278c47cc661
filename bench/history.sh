#!/usr/bin/env bash
# Benchmark of `history ID` and `sync` (issue #7) against plain git on a large registry.
#
#   bench/history.sh [--children N] [--mentors N] [--commits N] [--dir DIR] [--keep]
#
# Builds the release binary and the generator, generates a registry (default 100,000 children
# and 100,000 mentors), commits it, adds N further commits (default 1,000; each changes one
# child record, every 100th the same record c-000042) with `git fast-import`, then measures
# side by side:
#   history:  `git log --oneline -- FILE` on the repository with a commit-graph with
#             changed-path Bloom filters (the baseline), the same without a commit-graph
#             (for reference), and `nastavnyk history ID`;
#   sync:     `git pull --rebase && git push` with nothing to do, and `nastavnyk sync`;
#   upkeep:   what keeping the commit-graph fresh costs per commit (`--split` write).
# Uses hyperfine when installed (apt-get install -y hyperfine), else a loop timed with date.
set -euo pipefail

children=100000 mentors=100000 commits=1000 dir="" keep=0
while [ $# -gt 0 ]; do
  case "$1" in
    --children) children=$2; shift 2 ;;
    --mentors) mentors=$2; shift 2 ;;
    --commits) commits=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --keep) keep=1; shift ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
project=$(cd "$(dirname "$0")/.." && pwd)
work=${dir:-$(mktemp -d /tmp/nastavnyk-bench-history.XXXXXX)}
mkdir -p "$work"
cleanup() { [ "$keep" = 1 ] || rm -rf "$work"; }
trap cleanup EXIT

export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(git --version)"
echo "registry: $children children, $mentors mentors, $commits further commits; in $work"

(cd "$project" && cargo build --release --quiet --bin nastavnyk --example generate)
bin=$project/target/release/nastavnyk
cp "$project/target/release/examples/generate" "$work/generate"
# No user or system git configuration from here on (after cargo, which needs $HOME).
export GIT_CONFIG_NOSYSTEM=1 HOME=$work

reg=$work/reg
"$work/generate" --out "$reg" --children "$children" --mentors "$mentors" --agreements 0 --contacts 0 >/dev/null
cd "$reg"
sed -i 's/commit = false/commit = true/' nastavnyk.toml
git init -q
git add -A
git commit -q -m "import"

# N commits in one fast-import stream: each appends a line to one child record.
. "$project/bench/lib/commits.sh"
add_commits "$commits" "$children" "$work/commits.fi"
echo "repository: $(git rev-list --count HEAD) commits"

measure() { # name, command...
  if command -v hyperfine >/dev/null; then
    hyperfine --style basic -N -w 2 -r 10 --export-json "$work/$1.json" "${@:2}" | grep -E 'Benchmark|Time'
  else
    for cmd in "${@:2}"; do
      start=$(date +%s.%N)
      for _ in 1 2 3 4 5; do sh -c "$cmd" >/dev/null; done
      end=$(date +%s.%N)
      echo "$cmd: $(echo "($end - $start) / 5" | bc -l | cut -c1-6) s"
    done
  fi
}

echo "--- history (c-000042: $((commits / 100 + 1)) commits; c-$(printf %06d $((7919 % children + 1))): 2 commits)"
rm -rf .git/objects/info/commit-graph .git/objects/info/commit-graphs
measure nograph "git -c core.commitGraph=false log --oneline -- children/c-000042.toml"
start=$(date +%s.%N)
git commit-graph write --reachable --changed-paths --no-progress
echo "writing the whole commit-graph with Bloom filters once: $(echo "$(date +%s.%N) - $start" | bc) s"
other=children/c-$(printf %06d $((7919 % children + 1))).toml
other_id=$(basename "$other" .toml)
measure history \
  "git log --oneline -- children/c-000042.toml" \
  "$bin --lang en history c-000042" \
  "git log --oneline -- $other" \
  "$bin --lang en history $other_id"

echo "--- commit-graph upkeep per commit"
printf '\n# upkeep\n' >> "$other"
git commit -q -m upkeep -- "$other"
start=$(date +%s.%N)
git commit-graph write --reachable --changed-paths --split --no-progress
echo "one new commit, --split: $(echo "$(date +%s.%N) - $start" | bc) s"
start=$(date +%s.%N)
git commit-graph write --reachable --changed-paths --split --no-progress
echo "up to date, --split: $(echo "$(date +%s.%N) - $start" | bc) s"

echo "--- sync with nothing to do"
git clone -q --bare "$reg" "$work/remote.git"
git remote add origin "$work/remote.git"
git fetch -q origin
git branch -q -u "origin/$(git symbolic-ref --short HEAD)"
measure sync "sh -c 'git pull -q --rebase && git push -q'" "$bin -q sync"
