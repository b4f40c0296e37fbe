#!/usr/bin/env bash
# Builds the GitHub Pages site from the merged reports: the Allure report, the Playwright HTML
# report, and the Allure history file, so that the history can be recovered from the site if
# the cache that carries it between runs has expired.
set -euo pipefail

site="${1:?usage: assemble-site.sh SITE_DIR}"
rm -rf "$site"
mkdir -p "$site"
cp -R reports/allure "$site/allure"
cp -R reports/playwright "$site/playwright"
if [ -f .nova/allure-history.jsonl ]; then
  cp .nova/allure-history.jsonl "$site/allure-history.jsonl"
fi

cat >"$site/index.html" <<'HTML'
<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <title>Elysium Nova reports</title>
  </head>
  <body>
    <h1>Elysium Nova reports</h1>
    <ul>
      <li><a href="allure/index.html">Allure report</a> with history across runs</li>
      <li><a href="playwright/index.html">Playwright HTML report</a> of all shards</li>
    </ul>
  </body>
</html>
HTML
