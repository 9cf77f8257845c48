#!/usr/bin/env bash
# The plain guide against its golden file, and the properties it must keep
# at any width.
set -u
. "$(dirname "$0")/lib.sh"

golden=tests/golden/plain.txt
out=$tmp/plain.txt

"$CRAMPGUIDE" --plain --content content >"$out" 2>&1
if diff -u "$golden" "$out" >/dev/null; then
	ok "--plain matches $golden"
else
	not_ok "--plain matches $golden (if the content changed on purpose: make golden)" \
		"$(diff -u "$golden" "$out" | head -40)"
fi

# Not a terminal: the plain guide is what comes out, the same bytes.
if "$CRAMPGUIDE" --content content | cmp -s - "$out"; then
	ok "stdout to a pipe prints the plain guide"
else
	not_ok "stdout to a pipe prints the plain guide"
fi

# wc -L measures display columns in a UTF-8 locale, not bytes.
bad=""
for w in 20 33 40 57 80 132; do
	got=$(COLUMNS=$w "$CRAMPGUIDE" --plain --content content | wc -L)
	[ "$got" -le "$w" ] || bad="$bad $w:$got"
done
if [ -z "$bad" ]; then ok "no line wider than COLUMNS (20..132)"; else not_ok "no line wider than COLUMNS:$bad"; fi

if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$out"; then
	not_ok "no control characters in the plain guide"
else
	ok "no control characters in the plain guide"
fi

# Every page of the guide is in it.
titles=$(sed -n 's/^[0-9][0-9]*\. //p' "$out" | wc -l)
pages=$("$CRAMPGUIDE" --check --content content | sed -n 's/.* \([0-9][0-9]*\) pages.*/\1/p')
if [ "$titles" = "$pages" ]; then ok "all $pages pages are printed"; else not_ok "pages printed: $titles of $pages"; fi
done_testing
