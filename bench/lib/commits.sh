# Sourced by bench/history.sh and bench/national.sh: the same history for both.
#
#   add_commits COUNT CHILDREN STREAM
#
# Adds COUNT commits to the repository in the current folder in one `git fast-import` stream
# (written to STREAM): commit i appends a comment line to child record c-((i·7919 mod
# CHILDREN) + 1), every 100th to c-000042, with the trailers `child set` writes. The work tree
# is left as the last commit has it.
add_commits() {
  local count=$1 children=$2 stream=$3 branch i n id file msg
  branch=$(git symbolic-ref HEAD)
  {
    for i in $(seq 1 "$count"); do
      n=$(( (i * 7919) % children + 1 ))
      [ $((i % 100)) -eq 0 ] && n=42
      id=$(printf 'c-%06d' "$n")
      file=children/$id.toml
      printf '\n# note %d\n' "$i" >> "$file"
      msg="child set $id

Nastavnyk-Action: child.set
Record: $id
"
      printf 'commit %s\ncommitter Bench <bench@example.org> %d +0200\n' "$branch" $((1790000000 + i * 60))
      printf 'data %d\n%s\n' "${#msg}" "$msg"
      [ "$i" = 1 ] && printf 'from %s\n' "$(git rev-parse HEAD)"
      printf 'M 100644 inline %s\ndata %d\n' "$file" "$(stat -c %s "$file")"
      cat "$file"
      printf '\n'
    done
  } > "$stream"
  git fast-import --quiet < "$stream"
  git reset -q
}
