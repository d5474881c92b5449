#!/usr/bin/env bash
# Checks the HTML reports' scripts (reports/assets/*.js): each must parse
# (node --check) and no function in them may be over 70 lines
# (check_js_function_length.js beside this script).
# Usage: check_report_assets.sh ASSETS_DIR
set -euo pipefail
assets=$1
here=$(cd "$(dirname "$0")" && pwd)
if ! command -v node >/dev/null; then
  echo "FAIL: node is not installed, so the report scripts cannot be checked (Debian package 'nodejs')."
  exit 1
fi
shopt -s nullglob
files=("$assets"/*.js)
if [ ${#files[@]} -eq 0 ]; then echo "FAIL: no .js file in $assets"; exit 1; fi
status=0
for f in "${files[@]}"; do
  node --check "$f" || { echo "FAIL: $f does not parse"; status=1; }
done
node "$here/check_js_function_length.js" --max 70 "${files[@]}" || status=1
[ $status -eq 0 ] && echo "${#files[@]} scripts parse, no function over 70 lines"
exit $status
