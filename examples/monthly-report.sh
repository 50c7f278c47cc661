#!/bin/sh
# The month's reports as CSV files, committed to the registry's git history.
#
#   monthly-report.sh REGISTRY [YYYY-MM] [OUTDIR]
#
# YYYY-MM   the month (default: the month before today, or before $NASTAVNYK_TODAY)
# OUTDIR    where to write (default: REGISTRY/reports/YYYY-MM)
#
# Writes monthly.csv (`report monthly`), agreements.csv (`report agreements`) and due.csv
# (`due`, as of the first day of the next month, so that running it again gives the same
# file) and commits them as "report monthly YYYY-MM". Idempotent: when nothing changed,
# nothing is committed. `[git] commit = false` in nastavnyk.toml: files written, no commit.
# The program: $NASTAVNYK, else `nastavnyk` on the PATH.
#
# In cron, at 06:00 on the first day of every month:
#   0 6 1 * *  /opt/nastavnyk/monthly-report.sh /srv/centre/records >>/var/log/nastavnyk-report.log 2>&1
set -eu

usage="usage: monthly-report.sh REGISTRY [YYYY-MM] [OUTDIR]"
registry=${1:?$usage}
month=${2:-}
bin=${NASTAVNYK:-nastavnyk}

if [ -z "$month" ]; then
    today=${NASTAVNYK_TODAY:-$(date +%Y-%m-%d)}
    year=${today%%-*}
    mon=$(echo "$today" | cut -d- -f2 | sed 's/^0//')
    if [ "$mon" -eq 1 ]; then year=$((year - 1)); mon=12; else mon=$((mon - 1)); fi
    month=$(printf '%04d-%02d' "$year" "$mon")
fi
case $month in
    [0-9][0-9][0-9][0-9]-0[1-9] | [0-9][0-9][0-9][0-9]-1[0-2]) ;;
    *) echo "monthly-report.sh: '$month' is not a month (YYYY-MM)" >&2; exit 2 ;;
esac

# The first day of the month after: the day the due list is taken on.
year=${month%-*}
mon=$(echo "$month" | cut -d- -f2 | sed 's/^0//')
if [ "$mon" -eq 12 ]; then next=$(printf '%04d-01-01' $((year + 1))); else next=$(printf '%04d-%02d-01' "$year" $((mon + 1))); fi

out=${3:-$registry/reports/$month}
mkdir -p "$out"
"$bin" -C "$registry" -q --format csv report monthly --month "$month" -o "$out/monthly.csv"
"$bin" -C "$registry" -q --format csv report agreements --month "$month" -o "$out/agreements.csv"
"$bin" -C "$registry" -q --format csv --today "$next" due -o "$out/due.csv"
echo "written: $out/monthly.csv $out/agreements.csv $out/due.csv"

if sed -n '/^\[git\]/,/^\[/p' "$registry/nastavnyk.toml" | grep -Eq '^[[:space:]]*commit[[:space:]]*=[[:space:]]*false'; then
    echo "[git] commit = false: not committed"
    exit 0
fi
cd "$out"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
    echo "not in a git work tree: not committed"
    exit 0
fi
git add -- monthly.csv agreements.csv due.csv
if git diff --cached --quiet -- monthly.csv agreements.csv due.csv; then
    echo "unchanged since the last run: nothing to commit"
    exit 0
fi
git commit -q -m "report monthly $month" -m "Nastavnyk-Action: report.monthly" -- monthly.csv agreements.csv due.csv
echo "committed: report monthly $month"
