#!/usr/bin/env bash
# The HTML tip sheet in a real browser: headless Chromium prints the default
# sheet to PDF on Letter and on A4, and each must be exactly one page.
set -u
. "$(dirname "$0")/lib.sh"

browser=$(command -v chromium || command -v chromium-browser || true)
if [ -z "$browser" ] || ! command -v pdfinfo >/dev/null 2>&1; then
	echo "1..0 # skip chromium or pdfinfo is not installed (CI installs chromium and poppler-utils)"
	exit 0
fi

export SOURCE_DATE_EPOCH=1767312000 HOME=$tmp/home XDG_STATE_HOME=$tmp/state
mkdir -p "$HOME"
"$CRAMPGUIDE" --tips --format html -o "$tmp/sheet.html" --content content

# Each paper size by a print rule added after the sheet's own styles.
for paper in Letter A4; do
	sed "s|</style>|@page { size: $paper; }\n</style>|" "$tmp/sheet.html" >"$tmp/$paper.html"
	rm -rf "$tmp/profile"
	timeout 60 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
		--disable-background-networking --disable-component-update --disable-sync \
		--user-data-dir="$tmp/profile" --no-pdf-header-footer \
		--print-to-pdf="$tmp/$paper.pdf" "file://$tmp/$paper.html" >"$tmp/log" 2>&1
	pages=$(pdfinfo "$tmp/$paper.pdf" 2>/dev/null | sed -n 's/^Pages: *//p')
	size=$(pdfinfo "$tmp/$paper.pdf" 2>/dev/null | sed -n 's/^Page size: *//p')
	if [ "$pages" = 1 ]; then
		ok "the default HTML sheet prints on one $paper page ($size)"
	else
		not_ok "the default HTML sheet prints on one $paper page (pages: ${pages:-none})" "$(tail -5 "$tmp/log")"
	fi
done
done_testing
