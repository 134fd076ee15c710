#!/usr/bin/env bash
# The project's test command: installs the outside programs the tests use
# (Graphviz, Chromium, a Java runtime for Spark, and networkx and pyspark from
# PyPI) when they are missing, then runs the whole test suite. Safe to run
# again; installs nothing that is already there.
set -euo pipefail
cd "$(dirname "$0")/.."

need_apt=()
command -v dot >/dev/null 2>&1 || need_apt+=(graphviz)
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
# tests/it/scale.rs runs Apache Spark (PySpark) in local mode, which needs Java.
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    echo "test.sh: installing ${need_apt[*]} (apt)" >&2
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
  else
    echo "test.sh: missing ${need_apt[*]}: run 'sudo apt-get install ${need_apt[*]}'" >&2
    exit 1
  fi
fi

need_pip=()
python3 -c 'import networkx' >/dev/null 2>&1 || need_pip+=(networkx)
python3 -c 'import pyspark' >/dev/null 2>&1 || need_pip+=(pyspark)
if [ ${#need_pip[@]} -gt 0 ]; then
  echo "test.sh: installing ${need_pip[*]} (pip)" >&2
  python3 -m pip install -q "${need_pip[@]}"
fi

cargo test --all-targets "$@"
# The full-size cases of the 50 MB single-line documents (articles, and actor-dense text
# without periods): too slow for a debug build,
# so it runs once more in release with the size forced (a few seconds plus the build).
if [ $# -eq 0 ]; then
  ACTORGRAPH_TEST_FULL_SIZE=1 cargo test --release --test it a_50_mb_ -- --nocapture
fi
