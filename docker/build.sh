#!/usr/bin/env bash
# build.sh [TAG]: builds the nsbi-spark image (default tag nsbi-spark:0.1.0-SNAPSHOT) from docker/Dockerfile,
# with a build context staged by docker/stage-context.sh in a temporary folder (removed afterwards).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
tag="${1:-nsbi-spark:0.1.0-SNAPSHOT}"
ctx="$(mktemp -d)"
trap 'rm -rf "$ctx"' EXIT
"$here/stage-context.sh" "$ctx"
docker build -t "$tag" "$ctx"
