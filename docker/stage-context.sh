#!/usr/bin/env bash
# stage-context.sh DIR: lays out the Docker build context of docker/Dockerfile in DIR (created, must be empty).
# The image carries what the jobs and the demo need, in the same relative layout as a checkout beside shared/:
#   DIR/nsbi-spark/lib/nsbi-spark-jobs.jar                  the shaded jar nsbi-spark-jobs-<version>-all.jar (build it first:
#                                                            mvn -B -ntp -DskipTests package), under a name without the version
#   DIR/nsbi-spark/submit/examples/                          the example analysis configs
#   DIR/nsbi-spark/deploy/config/                            the cluster pipeline's analysis config
#   DIR/shared/fixtures/offshell-toy/onnx/                   the ONNX fixtures the configs name as ../../../shared/...
# Only these files are sent to the Docker engine (not the whole checkout, nor its neighbours).
set -euo pipefail
if [[ $# -ne 1 ]]; then
  echo "usage: docker/stage-context.sh DIR" >&2
  exit 2
fi
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/.." && pwd)"
shared="${NSBI_SHARED_DIR:-$repo/../shared}"
ctx="$1"
jars=("$repo"/nsbi-spark-jobs/target/nsbi-spark-jobs-*-all.jar)
if [[ ! -f "${jars[0]}" ]]; then
  echo "stage-context: no shaded jar in $repo/nsbi-spark-jobs/target; run: mvn -B -ntp -DskipTests package" >&2
  exit 2
fi
if [[ ${#jars[@]} -ne 1 ]]; then
  echo "stage-context: expected one shaded jar in $repo/nsbi-spark-jobs/target, found ${#jars[@]}: ${jars[*]}" >&2
  exit 2
fi
fixtures="$shared/fixtures/offshell-toy/onnx"
if [[ ! -d "$fixtures" ]]; then
  echo "stage-context: no ONNX fixtures at $fixtures; expected the shared/ folder beside the checkout (or NSBI_SHARED_DIR)" >&2
  exit 2
fi
if [[ -e "$ctx" && -n "$(ls -A "$ctx")" ]]; then
  echo "stage-context: $ctx is not empty" >&2
  exit 2
fi
mkdir -p "$ctx/nsbi-spark/lib" "$ctx/nsbi-spark/submit" "$ctx/nsbi-spark/deploy" "$ctx/shared/fixtures/offshell-toy"
cp "${jars[0]}" "$ctx/nsbi-spark/lib/nsbi-spark-jobs.jar"
cp -r "$repo/submit/examples" "$ctx/nsbi-spark/submit/examples"
cp -r "$repo/deploy/config" "$ctx/nsbi-spark/deploy/config"
cp -r "$fixtures" "$ctx/shared/fixtures/offshell-toy/onnx"
cp "$here/Dockerfile" "$ctx/Dockerfile"
echo "stage-context: staged $ctx"
