#!/bin/bash
# bad.t - broken content directories: `crampguide --check --content DIR` must
# exit 1, print nothing on stdout, and print exactly the expected
# FILE:LINE:COL messages and the summary line on stderr, in a bounded time.
#
# tests/bad/base/ is a tiny valid guide; every other tests/bad/NAME/ is a copy
# of it with one defect and an `expected` file (the exact stderr); a fixture
# whose defect is only a warning also holds a file `strict`, and is checked
# with --check --strict.  Cases that
# git or editors handle badly (NUL bytes, UTF-16, huge files, FIFOs, symlink
# loops, ...) are made at run time below, in a temporary directory.
set -u

. "$(dirname "$0")/lib.sh"

SUMMARY_TAIL='(see the content format in the documentation) or use --content DIR'

# run DIR [WORKDIR]: crampguide --check --content DIR run from WORKDIR
# (default $TOP), with --strict when DIR holds a file `strict` (its defect
# is a warning); sets rc, and $tmp/out and $tmp/err.
run() {
	(cd "${2:-$TOP}" && exec timeout 10 "$CRAMPGUIDE" --check \
		$( [ -f "${2:-$TOP}/$1/strict" ] && echo --strict) --content "$1") \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
}

# The summary line main.c prints after the messages.
summary() { # DIR COUNT
	if [ "$2" = 1 ]; then
		echo "crampguide: 1 problem in the content in $1; fix it $SUMMARY_TAIL"
	else
		echo "crampguide: $2 problems in the content in $1; fix them $SUMMARY_TAIL"
	fi
}

# expect_bad DESC DIR EXPECTED_FILE [WORKDIR]
expect_bad() {
	local desc=$1 dir=$2 expected=$3 why=()

	run "$dir" "${4:-}"
	if [ "$rc" = 124 ]; then
		why+=("did not finish within 10 seconds")
	elif [ "$rc" -ge 128 ]; then
		why+=("killed by a signal: exit status $rc")
	elif [ "$rc" != 1 ]; then
		why+=("exit status $rc, expected 1")
	fi
	if [ -s "$tmp/out" ]; then
		why+=("stdout is not empty:" "$(head -c 2000 "$tmp/out")")
	fi
	if ! cmp -s "$expected" "$tmp/err"; then
		why+=("stderr differs from the expected (--- expected, +++ got):"
		      "$(diff -u "$expected" "$tmp/err" | tail -n +3 | head -60)")
	fi
	if [ ${#why[@]} -eq 0 ]; then
		ok "$desc"
	else
		not_ok "$desc" "${why[@]}"
	fi
}

# expect_good DESC DIR [WORKDIR]: valid content, exit 0, nothing on stderr.
expect_good() {
	local desc=$1 dir=$2 why=()

	run "$dir" "${3:-}"
	[ "$rc" = 0 ] || why+=("exit status $rc, expected 0")
	[ -s "$tmp/err" ] && why+=("stderr:" "$(head -c 2000 "$tmp/err")")
	if [ ${#why[@]} -eq 0 ]; then
		ok "$desc"
	else
		not_ok "$desc" "${why[@]}"
	fi
}

# --- The committed fixtures ------------------------------------------------

expect_good "the base every fixture is copied from is valid" tests/bad/base

for d in tests/bad/*/; do
	d=${d%/}
	name=${d##*/}
	[ "$name" = base ] && continue
	if [ ! -f "$d/expected" ]; then
		not_ok "$name: has an expected file" "missing $d/expected"
		continue
	fi
	expect_bad "$name" "$d" "$d/expected"
done

# --- Cases made at run time ---------------------------------------------------
# Each is a copy of the base in $tmp/NAME plus one broken file; crampguide
# runs from $tmp so the messages name NAME/FILE.

# A second valid page, the file the run-time cases break (breaking the only
# page file would add unrelated whole-guide messages).
MORE='pages:
  - id: more
    kind: other
    title: More about cramps
    paragraphs:
      - text: Cramps often come at night.
        sources:
          - doc/tips
'

base() { # NAME: a fresh copy of the base in $tmp/NAME
	rm -rf "${tmp:?}/$1"
	cp -R tests/bad/base "$tmp/$1"
}

# gen NAME EXPECTED-LINE...: the messages, then the summary with their count.
gen_expected() {
	local name=$1
	shift
	printf '%s\n' "$@" >"$tmp/$name.expected"
	summary "$name" $# >>"$tmp/$name.expected"
}

base more-ok
printf '%s' "$MORE" >"$tmp/more-ok/more.yaml"
expect_good "the extra page the run-time cases break is valid" more-ok "$tmp"

base sub-ignored
mkdir "$tmp/sub-ignored/sub"
printf 'pages: [\n' >"$tmp/sub-ignored/sub/broken.yaml"
printf 'not: [content\n' >"$tmp/sub-ignored/notes.yml"
expect_good "files in subdirectories and not named *.yaml are not read" sub-ignored "$tmp"

base nul
printf '%s' "$MORE" | sed 's/^    title: More about cramps$/    title: More\x00 about cramps/' \
	>"$tmp/nul/more.yaml"
gen_expected nul \
	"nul/more.yaml:4:16: NUL byte; content files are plain text (is this a binary file?)"
expect_bad "NUL byte" nul "$tmp/nul.expected" "$tmp"

base invalid-utf8
# Columns count characters: the 0xFF comes after the two-byte 'è'.
printf '%s' "$MORE" |
	sed -e 's/^    title: More about cramps$/    title: Crème\xffs/' \
	    -e 's/^      - text: Cramps often/      - text: Cramps\xc3 often/' \
	>"$tmp/invalid-utf8/more.yaml"
gen_expected invalid-utf8 \
	"invalid-utf8/more.yaml:4:17: invalid UTF-8 (byte 0xFF); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:6:21: invalid UTF-8 (byte 0xC3); save the file as UTF-8 text"
expect_bad "invalid UTF-8 bytes (a stray byte, a cut sequence)" invalid-utf8 \
	"$tmp/invalid-utf8.expected" "$tmp"

base control-char
printf '%s' "$MORE" | sed 's/^    title: More about cramps$/    title: More\x01 about cramps/' \
	>"$tmp/control-char/more.yaml"
gen_expected control-char \
	"control-char/more.yaml:4:16: control character U+0001 is not allowed; delete it"
expect_bad "raw control character 0x01" control-char "$tmp/control-char.expected" "$tmp"

base del-char
printf '%s' "$MORE" | sed 's/^    title: More about cramps$/    title: More\x7f about cramps/' \
	>"$tmp/del-char/more.yaml"
gen_expected del-char \
	"del-char/more.yaml:4:16: control character U+007F is not allowed; delete it"
expect_bad "raw DEL character" del-char "$tmp/del-char.expected" "$tmp"

base utf16le
{ printf '\377\376'; printf '%s' "$MORE" | iconv -f UTF-8 -t UTF-16LE; } >"$tmp/utf16le/more.yaml"
gen_expected utf16le \
	"utf16le/more.yaml:1:1: the file is in UTF-16; save it as UTF-8 (content files are UTF-8 text)"
expect_bad "UTF-16LE file with a byte-order mark" utf16le "$tmp/utf16le.expected" "$tmp"

base utf16be
{ printf '\376\377'; printf '%s' "$MORE" | iconv -f UTF-8 -t UTF-16BE; } >"$tmp/utf16be/more.yaml"
gen_expected utf16be \
	"utf16be/more.yaml:1:1: the file is in UTF-16; save it as UTF-8 (content files are UTF-8 text)"
expect_bad "UTF-16BE file with a byte-order mark" utf16be "$tmp/utf16be.expected" "$tmp"

base utf8-bom
{ printf '\357\273\277'; printf '%s' "$MORE"; } >"$tmp/utf8-bom/more.yaml"
expect_good "a UTF-8 byte-order mark is allowed" utf8-bom "$tmp"

base bom-column
# The mark is not a column: the unknown key is still at 1:1.
{ printf '\357\273\277'; printf '%s' "$MORE" | sed '1s/^pages:/pagez:/'; } >"$tmp/bom-column/more.yaml"
gen_expected bom-column \
	"bom-column/more.yaml:1:1: unknown key 'pagez' in the top of the file (did you mean 'pages'?)"
expect_bad "positions on line 1 after a UTF-8 byte-order mark" bom-column \
	"$tmp/bom-column.expected" "$tmp"

base crlf
printf '%s' "$MORE" | sed -e 's/^    kind: other$/    kind: relif/' -e 's/$/\r/' >"$tmp/crlf/more.yaml"
gen_expected crlf \
	"crlf/more.yaml:3:11: unknown page kind 'relif' (did you mean 'relief'?)"
expect_bad "positions in a file with CRLF line ends" crlf "$tmp/crlf.expected" "$tmp"

# pad FILE SIZE: append a comment line so FILE is exactly SIZE bytes.
pad() {
	local have
	have=$(wc -c <"$1")
	{ printf '#'; head -c $(($2 - have - 2)) /dev/zero | tr '\0' x; printf '\n'; } >>"$1"
}

base big
printf '%s' "$MORE" >"$tmp/big/more.yaml"
pad "$tmp/big/more.yaml" $((4 * 1024 * 1024 + 1))
gen_expected big \
	"big/more.yaml: the file is 4194305 bytes, over the limit of 4 MiB for a content file; split it into smaller files"
expect_bad "a file of 4 MiB + 1 byte" big "$tmp/big.expected" "$tmp"

base four-mib
printf '%s' "$MORE" >"$tmp/four-mib/more.yaml"
pad "$tmp/four-mib/more.yaml" $((4 * 1024 * 1024))
if [ "$(wc -c <"$tmp/four-mib/more.yaml")" -eq 4194304 ]; then
	expect_good "a file of exactly 4 MiB is read" four-mib "$tmp"
else
	not_ok "a file of exactly 4 MiB is read" "the test made a file of the wrong size"
fi
rm -rf "${tmp:?}/big" "${tmp:?}/four-mib"

# A big file (300 KB) that ends in '---' with no line break: libyaml's
# position for the empty document is on the line after the last, which
# the message must not name.
base stream-end
{ printf '#'; head -c 300000 /dev/zero | tr '\0' x; printf '\n---'; } >"$tmp/stream-end/end.yaml"
gen_expected stream-end \
	"stream-end/end.yaml:2:4: expected a mapping with 'guide', 'sources' or 'pages' at the top of the file, found a string"
expect_bad "a big file ending in '---' without a line break: the message is on its last line" \
	stream-end "$tmp/stream-end.expected" "$tmp"
rm -rf "${tmp:?}/stream-end"

base huge
truncate -s 1G "$tmp/huge/huge.yaml"
gen_expected huge \
	"huge/huge.yaml: the file is 1073741824 bytes, over the limit of 4 MiB for a content file; split it into smaller files"
expect_bad "a (sparse) 1 GiB file is refused without reading it" huge "$tmp/huge.expected" "$tmp"
rm -rf "${tmp:?}/huge"

base garbage
# Every byte value, over and over: many problems, a bounded report.
# shellcheck disable=SC2059
for i in $(seq 0 255); do printf "\\$(printf %03o "$i")"; done >"$tmp/byte-values"
for i in $(seq 64); do cat "$tmp/byte-values"; done >"$tmp/garbage/garbage.yaml"
run garbage "$tmp"
why=()
[ "$rc" = 1 ] || why+=("exit status $rc, expected 1")
[ -s "$tmp/out" ] && why+=("stdout is not empty")
lines=$(wc -l <"$tmp/err")
[ "$lines" -ge 2 ] && [ "$lines" -le 25 ] || why+=("$lines lines on stderr, expected 2 to 25")
grep -Ev '^garbage/garbage\.yaml:[0-9]+:[0-9]+: |^crampguide: [0-9]+ problems? in the content in garbage; ' \
	"$tmp/err" >"$tmp/unexpected" && why+=("unexpected lines:" "$(head -c 1500 "$tmp/unexpected")")
tail -n 1 "$tmp/err" | grep -q '^crampguide: [0-9]* problems in the content in garbage; fix them' ||
	why+=("the last line is not the summary")
LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/err" && why+=("control bytes on stderr")
if [ ${#why[@]} -eq 0 ]; then ok "binary garbage: a bounded, clean report"; else not_ok "binary garbage: a bounded, clean report" "${why[@]}"; fi

mkdir "$tmp/empty"
gen_expected empty \
	"empty: no content files (*.yaml) in this directory; give the right one with --content DIR"
expect_bad "an empty content directory" empty "$tmp/empty.expected" "$tmp"

gen_expected missing \
	"missing: cannot open the content directory: No such file or directory; give the right one with --content DIR"
expect_bad "a content directory that does not exist" missing "$tmp/missing.expected" "$tmp"

printf '%s' "$MORE" >"$tmp/not-a-dir.yaml"
gen_expected not-a-dir.yaml \
	"not-a-dir.yaml: cannot open the content directory: Not a directory; give the right one with --content DIR"
expect_bad "a file given as the content directory" not-a-dir.yaml "$tmp/not-a-dir.yaml.expected" "$tmp"

ln -s dir-loop "$tmp/dir-loop"
gen_expected dir-loop \
	"dir-loop: cannot open the content directory: Too many levels of symbolic links; give the right one with --content DIR"
expect_bad "a content directory that is a symlink loop" dir-loop "$tmp/dir-loop.expected" "$tmp"

base symlink-loop
ln -s loop.yaml "$tmp/symlink-loop/loop.yaml"
gen_expected symlink-loop \
	"symlink-loop/loop.yaml: cannot open: Too many levels of symbolic links"
expect_bad "a *.yaml symlink loop" symlink-loop "$tmp/symlink-loop.expected" "$tmp"

base dangling-symlink
ln -s nowhere.txt "$tmp/dangling-symlink/more.yaml"
gen_expected dangling-symlink \
	"dangling-symlink/more.yaml: cannot open: No such file or directory"
expect_bad "a dangling *.yaml symlink" dangling-symlink "$tmp/dangling-symlink.expected" "$tmp"

base dir-yaml
mkdir "$tmp/dir-yaml/x.yaml"
gen_expected dir-yaml \
	"dir-yaml/x.yaml: not a regular file; content files are plain *.yaml files"
expect_bad "a directory named x.yaml" dir-yaml "$tmp/dir-yaml.expected" "$tmp"

base fifo
mkfifo "$tmp/fifo/x.yaml"
gen_expected fifo \
	"fifo/x.yaml: not a regular file; content files are plain *.yaml files"
expect_bad "a FIFO named x.yaml (must not hang)" fifo "$tmp/fifo.expected" "$tmp"

base dev-zero
ln -s /dev/zero "$tmp/dev-zero/zero.yaml"
gen_expected dev-zero \
	"dev-zero/zero.yaml: not a regular file; content files are plain *.yaml files"
expect_bad "a symlink to /dev/zero named zero.yaml" dev-zero "$tmp/dev-zero.expected" "$tmp"

if [ "$(id -u)" = 0 ]; then
	skip "running as root"
else
	base unreadable
	printf '%s' "$MORE" >"$tmp/unreadable/more.yaml"
	chmod 000 "$tmp/unreadable/more.yaml"
	gen_expected unreadable "unreadable/more.yaml: cannot open: Permission denied"
	expect_bad "an unreadable file" unreadable "$tmp/unreadable.expected" "$tmp"
fi

# A tip is at most 72 columns (docs/content-format.md, "Tip too long"):
# columns, not bytes, so accented letters count one each.
tip72='Stand up, step one foot back, press the heel down, and hold the stretch.'
tip72_accented='Stánd úp, stép óne fóot báck, préss the héel dówn, ánd hóld the strétch.'
for t in tip72:"$tip72" tip72-accented:"$tip72_accented"; do
	name=${t%%:*}
	tip=${t#*:}
	base "$name"
	sed -i "s/^        tip: Stretch the calf.\$/        tip: $tip/" "$tmp/$name/pages.yaml"
	if [ "$(printf '%s' "$tip" | wc -m)" = 72 ] && grep -q "tip: $tip\$" "$tmp/$name/pages.yaml"; then
		expect_good "$name: a tip of exactly 72 columns is accepted" "$name" "$tmp"
	else
		not_ok "$name: a tip of exactly 72 columns is accepted" "the test made the wrong tip"
	fi
done
base tip73
sed -i "s/^        tip: Stretch the calf.\$/        tip: ${tip72}!/" "$tmp/tip73/pages.yaml"
gen_expected tip73 \
	"tip73/pages.yaml:12:14: the tip is 73 columns wide; keep it to 72 or fewer so it fits on the tip sheet"
expect_bad "a tip of 73 columns is refused" tip73 "$tmp/tip73.expected" "$tmp"

done_testing
