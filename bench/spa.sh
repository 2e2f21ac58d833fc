#!/usr/bin/env bash
# Web app benchmark: gzip size of the home route's initial JS (goal < 300 kB, the other routes are
# split into their own chunks), then in headless Chromium against a throwaway `fenz dev` the median
# time to the first feed card divided by the median time to load a static HTML page from the same
# server (fresh browser context each time; ROUNDS=9 alternating rounds after a warm-up).
# Prints `name: value` lines. Needs Node 20.19+, /usr/bin/chromium and the built jar.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -f fenz-cli/target/fenz.jar ] || make build
make frontend
node frontend/e2e/bench-spa.mjs
