#!/usr/bin/env bash
# build.sh [TAG]: builds the nsbi-spark image from docker/Dockerfile, with a build context staged by
# docker/stage-context.sh in a temporary folder (removed afterwards). Default tags: nsbi-spark:<version> (the version
# in the shaded jar's name, i.e. the pom's) and nsbi-spark:latest, the tag the deploy manifests name.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
jar=$(ls "$here"/../nsbi-spark-jobs/target/nsbi-spark-jobs-*-all.jar 2>/dev/null | head -n 1 || true)
version=$(basename "${jar:-nsbi-spark-jobs-unknown-all.jar}" | sed 's/^nsbi-spark-jobs-\(.*\)-all\.jar$/\1/')
tags=(-t "nsbi-spark:$version" -t nsbi-spark:latest)
if [[ $# -ge 1 ]]; then
  tags=(-t "$1")
fi
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
"$here/stage-context.sh" "$ctx"
docker build "${tags[@]}" "$ctx"
