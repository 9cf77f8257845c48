#!/usr/bin/env bash
# The plain guide against its golden file, and the properties it must keep
# at any width.
set -u
cd "${TOP:?run through make check}"
bin=${CRAMPGUIDE:?run through make check}
golden=tests/golden/plain.txt
echo "1..5"
failed=0
ok() { echo "ok $1 - $2"; }
nok() { echo "not ok $1 - $2"; failed=1; }

out=$(mktemp) && trap 'rm -f "$out"' EXIT

"$bin" --plain --content content >"$out" 2>&1
if diff -u "$golden" "$out" >/dev/null; then
	ok 1 "--plain matches $golden"
else
	nok 1 "--plain matches $golden (if the content changed on purpose: make golden)"
	diff -u "$golden" "$out" | head -40 | sed 's/^/# /'
fi

# Not a terminal: the plain guide is what comes out, the same bytes.
"$bin" --content content | cmp -s - "$out" && ok 2 "stdout to a pipe prints the plain guide" ||
	nok 2 "stdout to a pipe prints the plain guide"

widest() { wc -L; }
bad=""
for w in 20 33 40 57 80 132; do
	got=$(COLUMNS=$w "$bin" --plain --content content | widest)
	[ "$got" -le "$w" ] || bad="$bad $w:$got"
done
[ -z "$bad" ] && ok 3 "no line wider than COLUMNS (20..132)" || nok 3 "no line wider than COLUMNS:$bad"

if LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$out"; then
	nok 4 "no control characters in the plain guide"
else
	ok 4 "no control characters in the plain guide"
fi

# Every page of the guide is in it, in the home menu's order.
titles=$(sed -n 's/^[0-9][0-9]*\. //p' "$out" | wc -l)
pages=$("$bin" --check --content content | sed -n 's/.* \([0-9][0-9]*\) pages.*/\1/p')
[ "$titles" = "$pages" ] && ok 5 "all $pages pages are printed" || nok 5 "pages printed: $titles of $pages"
exit $failed
