#!/bin/bash
# gen-content.t - the benchmark's content generator writes guides that
# crampguide --check accepts, with everything real content has, and the
# same bytes every time.  Run on a small guide here so that the generator
# keeps up with the content format as it grows; `make bench` uses large ones.
set -u

. "$(dirname "$0")/lib.sh"

gen=$TOP/tests/bench/gen-content

# check_dir DESC DIR PAGES FILES: --check passes and counts what was asked for.
check_dir() {
	local out err rc
	out=$(timeout 60 "$CRAMPGUIDE" --check --content "$2" 2>"$tmp/err")
	rc=$?
	err=$(head -c 2000 "$tmp/err")
	if [ $rc -ne 0 ] || [ -n "$err" ]; then
		not_ok "$1" "crampguide --check failed:" "$err"
	elif ! printf '%s\n' "$out" | grep -Eq ": $4 files, $3 pages, [0-9]+ items, reading grade -?[0-9.]+: content is valid\$"; then
		not_ok "$1" "expected $4 files and $3 pages, got:" "$out"
	else
		ok "$1"
	fi
}

# A few chapters (40 pages each), so that the home menu, links across
# chapters and files of several pages all occur.
if "$gen" 130 "$tmp/a" 2>"$tmp/err"; then
	files=$(find "$tmp/a" -name '*.yaml' | wc -l)
	check_dir "130 generated pages pass --check ($files files)" "$tmp/a" 130 "$files"
else
	not_ok "gen-content 130 DIR exits 0" "$(cat "$tmp/err")"
fi

# What the benchmark relies on being there.
why=()
[ "$files" -gt 20 ] && [ "$files" -lt 130 ] ||
	why+=("$files files for 130 pages: expected most pages alone and some files of several")
grep -q '^  title: ' "$tmp/a/guide.yaml" || why+=("guide.yaml has no guide title")
for pat in '^    kind: relief$' '^    kind: causes$' '^      - id: ' '^        tip: ' \
	'^        default: true$' '^          - [a-z0-9-]+/[a-z0-9-]+$' '^      - [a-z0-9-]+$'; do
	grep -Eqr -- "$pat" "$tmp/a" || why+=("no line matches '$pat' (items, tips, links...)")
done
# Non-ASCII text: typographic punctuation, Latin accents, and whole
# Cyrillic, Greek and Japanese sentences.
for s in '’' 'é' 'Судорога' 'κράμπα' 'こむら返り'; do
	grep -qr -- "$s" "$tmp/a" || why+=("no '$s' in the text")
done
if [ ${#why[@]} -eq 0 ]; then ok "items, tips, links and non-ASCII text are there"; else
	not_ok "items, tips, links and non-ASCII text are there" "${why[@]}"; fi

# Deterministic: the same N gives the same bytes.
"$gen" 130 "$tmp/b" 2>/dev/null
if diff -r "$tmp/a" "$tmp/b" >"$tmp/diff" 2>&1; then
	ok "the same N gives the same files, byte for byte"
else
	not_ok "the same N gives the same files, byte for byte" "$(head -20 "$tmp/diff")"
fi

# The smallest guide, and one big file.
"$gen" 1 "$tmp/one" 2>/dev/null
check_dir "a guide of 1 page passes --check" "$tmp/one" 1 2
"$gen" --one-file 90 "$tmp/single" 2>/dev/null
check_dir "--one-file: 90 pages in pages.yaml pass --check" "$tmp/single" 90 2

# Usage errors and a directory that is not empty.
why=()
for args in "" "x $tmp/u" "0 $tmp/u" "-3 $tmp/u" "5"; do
	# shellcheck disable=SC2086 # split on purpose
	"$gen" $args >/dev/null 2>"$tmp/err"
	rc=$?
	[ $rc -eq 2 ] || why+=("gen-content $args: exit $rc, expected 2")
	grep -q '^usage: ' "$tmp/err" || why+=("gen-content $args: no usage line")
done
"$gen" 5 "$tmp/a" >/dev/null 2>"$tmp/err"
rc=$?
[ $rc -eq 1 ] || why+=("into a non-empty directory: exit $rc, expected 1")
grep -q 'not empty' "$tmp/err" || why+=("into a non-empty directory: no 'not empty' message")
if [ ${#why[@]} -eq 0 ]; then ok "bad arguments are usage errors; a full directory is refused"; else
	not_ok "bad arguments are usage errors; a full directory is refused" "${why[@]}"; fi

done_testing
