# Sourced by bench/kscan-against.sh and bench/kernel-against.sh, from the checkout's root, with ref set to the reference
# commit and build to the command that builds a side (run in its folder): sets head (HEAD, short) and work (a temporary
# folder, removed on exit) and builds `git archive` copies of $ref and HEAD in $work/$ref and $work/$head (offline, their
# own target folders; nothing installed), so that edits to the work tree during the runs do not enter them.
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
head=$(git rev-parse --short HEAD)
for side in "$ref" "$head"; do
  mkdir -p "$work/$side"
  git archive "$side" | tar -x -C "$work/$side"
  (cd "$work/$side" && eval "$build" >/dev/null)
done
