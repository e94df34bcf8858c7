#!/usr/bin/env bash
# Refreshes docs/report.png, the README's screenshot of the theorem report, from the page of the
# last run (target/theorems/index.html: run `mvn -B test` first). Needs Chromium
# (Debian: apt-get install chromium). Usage: scripts/report-screenshot.sh [chapter], default the
# optimization chapter's table and figures (the page shows one chapter with index.html?chapter=...).
set -euo pipefail
cd "$(dirname "$0")/.."
page="target/theorems/index.html"
chapter="${1:-optimization}"
[ -f "$page" ] || { echo "no $page: run mvn -B test first" >&2; exit 1; }
browser=$(command -v chromium || command -v chromium-browser || command -v google-chrome) \
  || { echo "no chromium / chromium-browser / google-chrome on the PATH" >&2; exit 1; }
mkdir -p docs
"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --virtual-time-budget=20000 \
  --window-size=1200,1100 --screenshot="$PWD/docs/report.png" "file://$PWD/$page?chapter=$chapter" 2>/dev/null
ls -l docs/report.png
