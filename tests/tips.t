#!/usr/bin/env bash
# crampguide --tips: the sheet in each format against its golden file, and
# the -o / --format contract.
set -u
. "$(dirname "$0")/lib.sh"

# A fixed date, and no saved marks: the default sheet.
export SOURCE_DATE_EPOCH=1767312000 HOME=$tmp/home XDG_STATE_HOME=$tmp/state
mkdir -p "$HOME"

# Each format with nothing marked, with some marks and ticks, and with
# everything marked: the marks come from a state file, as they would from
# the guide.
for marks in default some all; do
	rm -rf "$XDG_STATE_HOME"
	if [ "$marks" != default ]; then
		mkdir -p "$XDG_STATE_HOME/crampguide"
		cp "tests/tips/$marks.yaml" "$XDG_STATE_HOME/crampguide/tips.yaml"
	fi
	for f in $(scripts/formats); do
		fmt=${f%%:*} ext=${f#*:}
		golden=tests/golden/tips-$marks.$ext
		if "$CRAMPGUIDE" --tips --format "$fmt" --content content >"$tmp/out" 2>"$tmp/err" &&
			[ ! -s "$tmp/err" ] && diff -u "$golden" "$tmp/out" >"$tmp/diff"; then
			ok "--tips --format $fmt ($marks) matches $golden"
		else
			not_ok "--tips --format $fmt ($marks) matches $golden (after a deliberate change: make golden)" \
				"$(cat "$tmp/err")" "$(head -40 "$tmp/diff")"
		fi
	done
done
all_txt=tests/golden/tips-all.txt
if [ "$(wc -L <"$all_txt")" -le 80 ] &&
	[ "$(wc -l <"$all_txt")" -gt $(($(wc -l <tests/golden/tips-default.txt) + 20)) ]; then
	ok "everything marked: far longer than the default sheet, no line over 80 columns"
else
	not_ok "everything marked: far longer than the default sheet, no line over 80 columns ($(wc -l <"$all_txt") lines, $(wc -L <"$all_txt") columns)"
fi
rm -rf "$XDG_STATE_HOME"

"$CRAMPGUIDE" --tips --content content >"$tmp/default"
if cmp -s docs/sample-tip-sheet.txt tests/golden/tips-default.txt; then
	ok "docs/sample-tip-sheet.txt is the current default sheet"
else
	not_ok "docs/sample-tip-sheet.txt is the current default sheet (make golden)"
fi
if cmp -s "$tmp/default" tests/golden/tips-default.txt; then ok "text is the default format"; else not_ok "text is the default format"; fi

lines=$(wc -l <"$tmp/default") widest=$(wc -L <"$tmp/default")
if [ "$lines" -le 60 ] && [ "$widest" -le 80 ]; then
	ok "the default sheet fits one page ($lines lines, $widest columns)"
else
	not_ok "the default sheet fits one page: $lines lines (max 60), $widest columns (max 80)"
fi

# A saved mark on a "When to get help" line (which no key can mark) must
# not push the safety criteria off the sheet, nor count as a mark: the
# sheet is the default one, and the sheet screen says nothing is marked.
mkdir -p "$XDG_STATE_HOME/crampguide"
printf 'version: 1\ntips: [treatment/blood-tests]\n' >"$XDG_STATE_HOME/crampguide/tips.yaml"
cp "$XDG_STATE_HOME/crampguide/tips.yaml" "$tmp/unmarkable.yaml"
"$CRAMPGUIDE" --tips --content content >"$tmp/unmarkable" 2>"$tmp/err"
if cmp -s "$tmp/unmarkable" tests/golden/tips-default.txt && [ ! -s "$tmp/err" ]; then
	ok "a saved mark on a When-to-get-help line: the default sheet, safety criteria and all"
else
	not_ok "a saved mark on a When-to-get-help line: the default sheet, safety criteria and all" \
		"$(diff tests/golden/tips-default.txt "$tmp/unmarkable" | head -20)" "$(cat "$tmp/err")"
fi
printf 't\n:dump %s\n' "$tmp/unmarkable-screen" >"$tmp/unmarkable.script"
CRAMPGUIDE_SCRIPT=$tmp/unmarkable.script CRAMPGUIDE_SIZE=80x24 "$CRAMPGUIDE" --content content \
	>/dev/null 2>"$tmp/err"
if grep -q "Nothing marked yet" "$tmp/unmarkable-screen" 2>/dev/null &&
	cmp -s "$XDG_STATE_HOME/crampguide/tips.yaml" "$tmp/unmarkable.yaml"; then
	ok "the sheet screen counts no mark for it, and the saved id stays in the file"
else
	not_ok "the sheet screen counts no mark for it, and the saved id stays in the file" \
		"$(head -3 "$tmp/unmarkable-screen" 2>&1)" "$(cat "$tmp/err")"
fi
rm -rf "$XDG_STATE_HOME"

"$CRAMPGUIDE" --tips -o "$tmp/sheet.txt" --content content >"$tmp/out" 2>"$tmp/err"
if [ $? = 0 ] && [ ! -s "$tmp/out" ] && cmp -s "$tmp/sheet.txt" "$tmp/default"; then
	ok "-o FILE writes the sheet there and nothing to stdout"
else
	not_ok "-o FILE writes the sheet there and nothing to stdout" "$(cat "$tmp/err")"
fi

"$CRAMPGUIDE" --tips -o - --content content >"$tmp/out"
if cmp -s "$tmp/out" "$tmp/default"; then ok "-o - is standard output"; else not_ok "-o - is standard output"; fi

# Replacing a file keeps the old bytes until the new ones are complete.
printf 'old sheet\n' >"$tmp/keep.txt"
"$CRAMPGUIDE" --tips -o "$tmp/keep.txt" --content content
if cmp -s "$tmp/keep.txt" "$tmp/default" && [ -z "$(ls "$tmp" | grep 'keep.txt.tmp')" ]; then
	ok "-o replaces an existing file and leaves no temporary file"
else
	not_ok "-o replaces an existing file and leaves no temporary file" "$(ls "$tmp")"
fi

"$CRAMPGUIDE" --tips -o "$tmp/no/such/dir/x.txt" --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && grep -q '^crampguide: cannot write .*x.txt: No such file or directory; choose another file' "$tmp/err"; then
	ok "an unwritable -o path is a clear error, exit 1"
else
	not_ok "an unwritable -o path is a clear error, exit 1 (got $rc)" "$(cat "$tmp/err")"
fi

# -o FILE takes the format from the file's extension unless --format says;
# a --format the name contradicts is a usage error.
for f in $(scripts/formats) markdown:markdown markdown:MD html:htm; do
	"$CRAMPGUIDE" --tips --content content -o "$tmp/by-name.${f#*:}" 2>"$tmp/err"
	"$CRAMPGUIDE" --tips --content content --format "${f%%:*}" >"$tmp/by-format"
	if cmp -s "$tmp/by-name.${f#*:}" "$tmp/by-format" && [ ! -s "$tmp/err" ]; then
		ok "-o FILE.${f#*:} writes ${f%%:*}"
	else
		not_ok "-o FILE.${f#*:} writes ${f%%:*}" "$(cat "$tmp/err")"
	fi
done
"$CRAMPGUIDE" --tips --content content -o "$tmp/by-name.pdf" && cmp -s "$tmp/by-name.pdf" "$tmp/default"
if [ $? = 0 ]; then ok "-o with another extension writes text, the default"; else not_ok "-o with another extension writes text, the default"; fi
"$CRAMPGUIDE" --tips --content content --format text -o "$tmp/clash.html" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && [ ! -e "$tmp/clash.html" ] && grep -q "does not fit the file name" "$tmp/err"; then
	ok "--format text -o FILE.html is a usage error, exit 2, nothing written"
else
	not_ok "--format text -o FILE.html is a usage error, exit 2 (got $rc)" "$(cat "$tmp/err")"
fi

"$CRAMPGUIDE" --tips --format pdf --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q "unknown format 'pdf'" "$tmp/err" && [ ! -s "$tmp/out" ]; then
	ok "an unknown format is a usage error, exit 2"
else
	not_ok "an unknown format is a usage error, exit 2 (got $rc)" "$(cat "$tmp/err")"
fi

"$CRAMPGUIDE" --plain -o "$tmp/x" --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q -- "--output only goes with --tips" "$tmp/err"; then
	ok "-o without --tips is a usage error"
else
	not_ok "-o without --tips is a usage error (got $rc)" "$(cat "$tmp/err")"
fi
done_testing
