#!/usr/bin/env bash
# hostile.t - content made to hurt: deep nesting, alias bombs, huge and
# binary files, broken encodings, a wrong type in every field of the schema,
# files that are not files.  `crampguide --check --content DIR` must exit 1
# with FILE:LINE:COL (or FILE) messages, and each run must finish in under a
# second and stay under 64 MB of memory: the peak resident size is measured
# with GNU time, and the address space is capped at 64 MiB as well, so that
# a run that would need more fails loudly instead of swapping.
#
# The big inputs are made here, at run time, in a temporary directory.
# Each case gives two results: the behaviour (status, messages) and the
# limits (time, memory), so a slow run is never mistaken for a wrong one.
set -u
. "$(dirname "$0")/lib.sh"

LIMIT_SECONDS=1
LIMIT_KB=65536 # 64 MiB, for the peak RSS and for the address-space cap
SUMMARY_TAIL='(see the content format in the documentation) or use --content DIR'

# GNU time (Debian package `time`) measures; without it the limits are
# skipped, not guessed.  A sanitizer build reserves terabytes of address
# space and runs several times slower by design, so there the limits mean
# nothing: they are checked on the normal build, which `make check` uses.
gnu_time=
if [ -x /usr/bin/time ] && /usr/bin/time -f %M -o /dev/null true 2>/dev/null; then
	gnu_time=/usr/bin/time
fi
limits_off=
if [ -z "$gnu_time" ]; then
	limits_off="GNU time is not installed (Debian package time; scripts/deps check installs it)"
elif LC_ALL=C grep -aqE '__(asan|msan|tsan)_init' "$CRAMPGUIDE"; then
	limits_off="a sanitizer build, whose time and memory are not the program's"
fi

# As root, permissions do not stop reads: the unreadable-file case drops to
# nobody with setpriv (util-linux), and the tree it reads must let it in.
as_nobody=()
if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null 2>&1; then
	as_nobody=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
chmod 711 "$tmp"

figures=() # "SECONDS KB CPU-SECONDS NAME" of each run, for the summary at the end

# run DIR [PREFIX...]: `crampguide --check --content DIR` from $tmp, under
# the cap and GNU time; sets rc, secs and kb, and $tmp/out and $tmp/err.
run() {
	local dir=$1
	shift
	rm -f "$tmp/time"
	(
		cd "$tmp" || exit 99
		[ -z "$limits_off" ] && ulimit -v $LIMIT_KB
		if [ -n "$gnu_time" ]; then
			exec timeout 20 "$gnu_time" -o "$tmp/time" -f '%e %M %U %S' "$@" \
				"$CRAMPGUIDE" --check --content "$dir"
		fi
		exec timeout 20 "$@" "$CRAMPGUIDE" --check --content "$dir"
	) >"$tmp/out" 2>"$tmp/err"
	rc=$?
	secs=? kb=? cpu=?
	if [ -s "$tmp/time" ]; then
		local usr sys
		read -r secs kb usr sys < <(tail -n 1 "$tmp/time")
		cpu=$(awk -v u="$usr" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
	fi
}

summary() { # DIR COUNT: the line main.c ends a failed check with
	if [ "$2" = 1 ]; then
		echo "crampguide: 1 problem in the content in $1; fix it $SUMMARY_TAIL"
	else
		echo "crampguide: $2 problems in the content in $1; fix them $SUMMARY_TAIL"
	fi
}

# check_limits NAME: the second result of a case.
check_limits() {
	local name=$1

	if [ -n "$limits_off" ]; then
		skip "$name: time and memory not measured: $limits_off"
		return
	fi
	figures+=("$secs $kb $cpu $name")
	if [ "$secs" = "?" ] || [ "$kb" = "?" ]; then
		not_ok "$name: within ${LIMIT_SECONDS}s and $((LIMIT_KB / 1024)) MB" \
			"GNU time gave no figures:" "$(cat "$tmp/time" 2>/dev/null)"
	elif awk -v s="$secs" -v k="$kb" -v ls="$LIMIT_SECONDS" -v lk="$LIMIT_KB" \
		'BEGIN { exit !(s < ls && k < lk) }'; then
		ok "$name: within ${LIMIT_SECONDS}s and $((LIMIT_KB / 1024)) MB (${secs}s, ${kb} KB, ${cpu}s of CPU)"
	else
		not_ok "$name: within ${LIMIT_SECONDS}s and $((LIMIT_KB / 1024)) MB" \
			"took ${secs}s (${cpu}s of CPU) with a peak of ${kb} KB"
	fi
}

# The checks every run must pass; reasons go to the array `why`.
common_checks() {
	if [ "$rc" = 124 ]; then
		why+=("did not finish within 20 seconds")
	elif [ "$rc" -ge 128 ]; then
		why+=("killed by a signal: exit status $rc")
	elif [ "$rc" != 1 ]; then
		why+=("exit status $rc, expected 1")
	fi
	[ -s "$tmp/out" ] && why+=("stdout is not empty:" "$(head -c 1000 "$tmp/out")")
	LC_ALL=C grep -q $'[\x01-\x08\x0b-\x1f\x7f]' "$tmp/err" && why+=("control bytes on stderr")
	[ "$(tail -c 1 "$tmp/err" | od -An -c | tr -d ' ')" = '\n' ] || why+=("stderr does not end with a newline")
}

report() { # NAME: the first result of a case, from `why`
	if [ ${#why[@]} -eq 0 ]; then
		ok "$1: exit 1 with the expected messages"
	else
		not_ok "$1: exit 1 with the expected messages" "${why[@]}"
	fi
}

# expect NAME DIR LINE... [-- PREFIX...]: stderr must be exactly the LINEs
# (messages with DIR/ in front) and the summary.
expect() {
	local name=$1 dir=$2 lines=() prefix=()
	shift 2
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		lines+=("$1")
		shift
	done
	[ $# -gt 0 ] && shift && prefix=("$@")
	run "$dir" ${prefix[@]+"${prefix[@]}"}
	why=()
	common_checks
	{
		printf '%s\n' ${lines[@]+"${lines[@]}"}
		summary "$dir" ${#lines[@]}
	} >"$tmp/expected"
	cmp -s "$tmp/expected" "$tmp/err" ||
		why+=("stderr differs (--- expected, +++ got):" "$(diff -u "$tmp/expected" "$tmp/err" | tail -n +3 | head -40)")
	report "$name"
	check_limits "$name"
}

# expect_bounded NAME DIR MAX FIRST-LINE-PATTERN: a run with many problems:
# at most MAX lines, every one a FILE:LINE:COL or FILE message or the
# summary, and one of them matching the pattern (grep -E).
expect_bounded() {
	local name=$1 dir=$2 max=$3 pattern=$4 lines
	run "$dir"
	why=()
	common_checks
	lines=$(wc -l <"$tmp/err")
	[ "$lines" -ge 2 ] && [ "$lines" -le "$max" ] || why+=("$lines lines on stderr, expected 2 to $max")
	grep -Ev "^$dir/[^:]+(:[0-9]+:[0-9]+)?: |^crampguide: [0-9]+ problems? in the content in $dir; " \
		"$tmp/err" >"$tmp/unexpected" && why+=("lines of no known form:" "$(head -c 1500 "$tmp/unexpected")")
	grep -qE "$pattern" "$tmp/err" || why+=("no line matches: $pattern" "$(head -c 1500 "$tmp/err")")
	tail -n 1 "$tmp/err" | grep -q "^crampguide: [0-9]* problems\? in the content in $dir; " ||
		why+=("the last line is not the summary")
	report "$name"
	check_limits "$name"
}

# The tiny valid guide every fixture in tests/bad/ starts from, plus a
# second file, more.yaml, that each case below breaks.
base() { # NAME
	rm -rf "${tmp:?}/$1"
	cp -R tests/bad/base "$tmp/$1"
}

# repeat N STRING: STRING N times, without a newline.
repeat() {
	local s=$2 out=
	local n=$1
	# Doubling keeps this fast for 100,000 copies.
	while [ "$n" -gt 0 ]; do
		[ $((n & 1)) = 1 ] && out+=$s
		s+=$s
		n=$((n >> 1))
	done
	printf '%s' "$out"
}

DEEP='nested more than 8 levels deep; content never needs more, check the indentation'

# --- Nesting: 100,000 levels --------------------------------------------------

base nest-flow
{ printf 'pages: '; repeat 100000 '['; repeat 100000 ']'; printf '\n'; } >"$tmp/nest-flow/more.yaml"
expect "100,000 nested flow lists" nest-flow "nest-flow/more.yaml:1:15: $DEEP"

base nest-flow-open
{ printf 'pages: '; repeat 100000 '['; } >"$tmp/nest-flow-open/more.yaml"
expect "100,000 nested flow lists, never closed" nest-flow-open "nest-flow-open/more.yaml:1:15: $DEEP"

base nest-flow-map
{ printf 'pages: '; repeat 100000 '{a: '; repeat 100000 '}'; printf '\n'; } >"$tmp/nest-flow-map/more.yaml"
expect "100,000 nested flow mappings" nest-flow-map "nest-flow-map/more.yaml:1:36: $DEEP"

base nest-block
{ printf 'pages:\n  '; repeat 100000 '- '; printf 'x\n'; } >"$tmp/nest-block/more.yaml"
expect "100,000 nested block lists (- - - ...)" nest-block "nest-block/more.yaml:2:17: $DEEP"

base nest-block-key
{ printf 'pages:\n  '; repeat 100000 '? '; printf 'x\n'; } >"$tmp/nest-block-key/more.yaml"
expect "100,000 nested block keys (? ? ? ...)" nest-block-key "nest-block-key/more.yaml:2:17: $DEEP"

# Block mappings nest only by indentation: as deep as 4 MiB allows (2,500
# levels, one more space each).
base nest-block-map
{
	printf 'pages:\n'
	for ((i = 1; i <= 2500; i++)); do printf '%*sa:\n' "$i" ''; done
} >"$tmp/nest-block-map/more.yaml"
expect "2,500 block mappings nested by indentation" nest-block-map "nest-block-map/more.yaml:9:9: $DEEP"

# --- Alias bombs ----------------------------------------------------------------

# Billion laughs: nine levels of nine aliases each, 10^9 strings if expanded.
base alias-bomb
{
	printf 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n'
	prev=a
	for c in b c d e f g h i; do
		printf '%s: &%s [' "$c" "$c"
		for k in 1 2 3 4 5 6 7 8; do printf '*%s, ' "$prev"; done
		printf '*%s]\n' "$prev"
		prev=$c
	done
	printf 'pages: *i\n'
} >"$tmp/alias-bomb/more.yaml"
# Refused at the first anchor, and at the first alias libyaml hands over.
bomb=(
	"alias-bomb/more.yaml:1:4: anchor '&a' is not allowed; content never needs anchors or aliases, write the text out in full"
	"alias-bomb/more.yaml:2:4: anchor '&b' is not allowed; content never needs anchors or aliases, write the text out in full"
	"alias-bomb/more.yaml:2:8: alias '*a' is not allowed; content never needs anchors or aliases, write the text out in full"
)
expect "billion laughs (9 x 9 aliases)" alias-bomb "${bomb[@]}"

# The same bomb in one flow collection, anchors inside the nesting.
base alias-bomb-flow
{
	printf 'pages: [&a [x, x, x, x, x, x, x, x, x], '
	prev=a
	for c in b c d e f g h i; do
		printf '&%s [' "$c"
		for k in 1 2 3 4 5 6 7 8; do printf '*%s, ' "$prev"; done
		printf '*%s], ' "$prev"
		prev=$c
	done
	printf '*i]\n'
} >"$tmp/alias-bomb-flow/more.yaml"
expect "billion laughs in one flow list" alias-bomb-flow \
	"alias-bomb-flow/more.yaml:1:9: anchor '&a' is not allowed; content never needs anchors or aliases, write the text out in full" \
	"alias-bomb-flow/more.yaml:1:41: anchor '&b' is not allowed; content never needs anchors or aliases, write the text out in full" \
	"alias-bomb-flow/more.yaml:1:45: alias '*a' is not allowed; content never needs anchors or aliases, write the text out in full"

# A million aliases of an anchor never defined: refused at the first.
base alias-flood
{ printf 'pages: ['; repeat 1000000 '*a, '; printf '*a]\n'; } >"$tmp/alias-flood/more.yaml"
expect "a million aliases" alias-flood \
	"alias-flood/more.yaml:1:9: alias '*a' is not allowed; content never needs anchors or aliases, write the text out in full"

# --- Size and binary garbage -------------------------------------------------

base random-50m
head -c $((50 * 1024 * 1024)) /dev/urandom >"$tmp/random-50m/random.yaml"
expect "50 MiB of random bytes" random-50m \
	"random-50m/random.yaml: the file is 52428800 bytes, over the limit of 4 MiB for a content file; split it into smaller files"
rm -f "$tmp/random-50m/random.yaml"

# Just under the limit, so every byte is looked at.
base random-4m
head -c $((4 * 1024 * 1024 - 1)) /dev/urandom >"$tmp/random-4m/random.yaml"
expect_bounded "4 MiB of random bytes (just under the size limit)" random-4m 25 \
	'^random-4m/random\.yaml:[0-9]+:[0-9]+: '
rm -f "$tmp/random-4m/random.yaml"

base sparse-1g
truncate -s 1G "$tmp/sparse-1g/huge.yaml"
expect "a sparse 1 GiB file" sparse-1g \
	"sparse-1g/huge.yaml: the file is 1073741824 bytes, over the limit of 4 MiB for a content file; split it into smaller files"
rm -f "$tmp/sparse-1g/huge.yaml"

MORE='pages:
  - id: more
    kind: other
    title: More about cramps
    paragraphs:
      - text: Cramps often come at night.
        sources:
          - doc/tips
'

base nul
printf '%s' "$MORE" | sed 's/^    title: More about cramps$/    title: More\x00 about cramps/' \
	>"$tmp/nul/more.yaml"
expect "a NUL byte in a title" nul \
	"nul/more.yaml:4:16: NUL byte; content files are plain text (is this a binary file?)"

base all-nul
head -c $((1024 * 1024)) /dev/zero >"$tmp/all-nul/zero.yaml"
expect_bounded "1 MiB of NUL bytes" all-nul 25 \
	'^all-nul/zero\.yaml:1:1: NUL byte; content files are plain text'

base invalid-utf8
# A stray byte, a cut sequence, an overlong '/', a UTF-16 surrogate, and a
# code point past U+10FFFF, each on its own line.
{
	printf 'pages:\n'
	printf '  - id: more\n    kind: other\n'
	printf '    title: "Stray \xff byte"\n'
	printf '    summary: "Cut \xc3"\n'
	printf '    list_title: "Overlong \xc0\xaf"\n'
	printf '    paragraphs:\n      - text: "Surrogate \xed\xa0\x80"\n'
	printf '        sources: ["too big \xf4\x90\x80\x80"]\n'
} >"$tmp/invalid-utf8/more.yaml"
expect "invalid UTF-8: stray, cut, overlong, surrogate, too big" invalid-utf8 \
	"invalid-utf8/more.yaml:4:19: invalid UTF-8 (byte 0xFF); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:5:19: invalid UTF-8 (byte 0xC3); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:6:27: invalid UTF-8 (byte 0xC0); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:6:28: invalid UTF-8 (byte 0xAF); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:8:26: invalid UTF-8 (byte 0xED); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:8:27: invalid UTF-8 (byte 0xA0); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:8:28: invalid UTF-8 (byte 0x80); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:9:28: invalid UTF-8 (byte 0xF4); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:9:29: invalid UTF-8 (byte 0x90); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:9:30: invalid UTF-8 (byte 0x80); save the file as UTF-8 text" \
	"invalid-utf8/more.yaml:9:31: invalid UTF-8 (byte 0x80); save the file as UTF-8 text"

UTF16='the file is in UTF-16; save it as UTF-8 (content files are UTF-8 text)'
base utf16le
{ printf '\377\376'; printf '%s' "$MORE" | iconv -f UTF-8 -t UTF-16LE; } >"$tmp/utf16le/more.yaml"
expect "UTF-16LE with a byte-order mark" utf16le "utf16le/more.yaml:1:1: $UTF16"

base utf16be
{ printf '\376\377'; printf '%s' "$MORE" | iconv -f UTF-8 -t UTF-16BE; } >"$tmp/utf16be/more.yaml"
expect "UTF-16BE with a byte-order mark" utf16be "utf16be/more.yaml:1:1: $UTF16"

base utf16-bom-only
printf '\377\376' >"$tmp/utf16-bom-only/more.yaml"
expect "a UTF-16 byte-order mark and nothing else" utf16-bom-only "utf16-bom-only/more.yaml:1:1: $UTF16"

# --- Broken YAML ------------------------------------------------------------------

base unclosed-quote
printf '%s' "$MORE" | sed 's/^    title: More about cramps$/    title: "More about cramps/' \
	>"$tmp/unclosed-quote/more.yaml"
expect "an unclosed double quote" unclosed-quote \
	"unclosed-quote/more.yaml:9:1: found unexpected end of stream while scanning a quoted scalar (started at line 4, column 12)"

base unclosed-single
printf '%s' "$MORE" | sed "s/^    title: More about cramps\$/    title: 'More about cramps/" \
	>"$tmp/unclosed-single/more.yaml"
expect "an unclosed single quote" unclosed-single \
	"unclosed-single/more.yaml:9:1: found unexpected end of stream while scanning a quoted scalar (started at line 4, column 12)"

# A quote opened at the start of 4 MiB of text with no closing quote.
base unclosed-long
{ printf 'pages: "'; head -c $((4 * 1024 * 1024 - 16)) /dev/zero | tr '\0' a; printf '\n'; } \
	>"$tmp/unclosed-long/more.yaml"
expect "an unclosed quote before 4 MiB of text" unclosed-long \
	"unclosed-long/more.yaml:2:1: found unexpected end of stream while scanning a quoted scalar (started at line 1, column 8)"
rm -f "$tmp/unclosed-long/more.yaml"

# --- Empty ------------------------------------------------------------------------

EMPTY="the file is empty; give it 'pages:' (or 'guide:', 'sources:') or delete it"
base empty-file
: >"$tmp/empty-file/more.yaml"
expect "an empty file" empty-file "empty-file/more.yaml: $EMPTY"

base blank-file
printf '\n\n   \n# only a comment\n' >"$tmp/blank-file/more.yaml"
expect "a file of blank lines and a comment" blank-file "blank-file/more.yaml: $EMPTY"

mkdir "$tmp/empty-dir"
expect "an empty directory" empty-dir \
	"empty-dir: no content files (*.yaml) in this directory; give the right one with --content DIR"

# --- Files that are not content files ----------------------------------------------

base unreadable
printf '%s' "$MORE" >"$tmp/unreadable/more.yaml"
chmod 000 "$tmp/unreadable/more.yaml"
if [ "$(id -u)" != 0 ]; then
	expect "an unreadable file" unreadable "unreadable/more.yaml: cannot open: Permission denied"
elif [ ${#as_nobody[@]} -gt 0 ] && "${as_nobody[@]}" true 2>/dev/null; then
	# Root reads anything; nobody cannot, so it runs as nobody.
	chmod -R go+rX "$tmp/unreadable"
	chmod 000 "$tmp/unreadable/more.yaml"
	expect "an unreadable file (run as nobody: root reads any file)" unreadable \
		"unreadable/more.yaml: cannot open: Permission denied" -- "${as_nobody[@]}"
else
	skip "an unreadable file: running as root without setpriv to drop to nobody (util-linux)"
	skip "an unreadable file: limits"
fi

base dir-yaml
mkdir "$tmp/dir-yaml/x.yaml"
expect "a directory named x.yaml" dir-yaml \
	"dir-yaml/x.yaml: not a regular file; content files are plain *.yaml files"

base symlink-loop
ln -s loop.yaml "$tmp/symlink-loop/loop.yaml"
expect "a *.yaml symlink to itself" symlink-loop \
	"symlink-loop/loop.yaml: cannot open: Too many levels of symbolic links"

base symlink-pair
ln -s b.yaml "$tmp/symlink-pair/a.yaml"
ln -s a.yaml "$tmp/symlink-pair/b.yaml"
expect "two *.yaml symlinks to each other" symlink-pair \
	"symlink-pair/a.yaml: cannot open: Too many levels of symbolic links" \
	"symlink-pair/b.yaml: cannot open: Too many levels of symbolic links"

ln -s dir-loop "$tmp/dir-loop"
expect "a content directory that is a symlink loop" dir-loop \
	"dir-loop: cannot open the content directory: Too many levels of symbolic links; give the right one with --content DIR"

base fifo
mkfifo "$tmp/fifo/x.yaml"
expect "a FIFO named x.yaml (nobody writes to it)" fifo \
	"fifo/x.yaml: not a regular file; content files are plain *.yaml files"

base dev-zero
ln -s /dev/zero "$tmp/dev-zero/zero.yaml"
expect "a symlink to /dev/zero named zero.yaml" dev-zero \
	"dev-zero/zero.yaml: not a regular file; content files are plain *.yaml files"

# --- A wrong type in every field of the schema ---------------------------------------
# A valid guide that uses every field (docs/content-format.md), then one
# copy per field with a value of the wrong type, reported at the value.

schema_base() { # DIR
	mkdir -p "$1"
	cat >"$1/guide.yaml" <<'YAML'
guide:
  title: Test guide
  disclaimer: Self-help information, not medical advice.
  sections: [ease, other]
  walkthrough: [ease]
  sheet:
    title: My sheet
    relief: During a cramp
    prevention: To prevent cramps
    causes: What may be behind yours
    treatment: When to get help
sources:
  - id: doc
    title: A document
    origin: doc.txt
    about: What it covers.
    sections:
      - id: tips
        title: Tips
YAML
	cat >"$1/pages.yaml" <<'YAML'
pages:
  - id: ease
    kind: relief
    title: Ease a cramp
    summary: What to do
    paragraphs:
      - text: Stretch the muscle gently.
        sources: [doc/tips]
    list_title: When a cramp strikes
    items:
      - id: stretch
        text: Stretch the calf.
        tip: Stretch the calf.
        default: true
        sources: [doc/tips]
        links: [other/cold]
    links: [other]
  - id: other
    kind: causes
    title: Causes
    items:
      - id: cold
        text: Being cold.
        sources: [doc/tips]
YAML
}

rm -rf "$tmp/schema"
schema_base "$tmp/schema"
run schema
if [ "$rc" = 0 ] && [ ! -s "$tmp/err" ]; then
	ok "the guide using every field of the schema is valid"
else
	not_ok "the guide using every field of the schema is valid" "$(cat "$tmp/err")"
fi

# FIELD|FILE|FIRST|LAST|REPLACEMENT|MESSAGE: lines FIRST to LAST of FILE
# become the one line REPLACEMENT; MESSAGE is the exact report.
while IFS='|' read -r field file first last replacement message; do
	[ -z "$field" ] && continue
	dir=type-$field
	rm -rf "${tmp:?}/$dir"
	schema_base "$tmp/$dir"
	f=$tmp/$dir/$file
	{ head -n $((first - 1)) "$f"; printf '%s\n' "$replacement"; tail -n +$((last + 1)) "$f"; } >"$f.new"
	mv "$f.new" "$f"
	expect "wrong type for $field" "$dir" "$dir/$file:$message"
done <<'TABLE'
file root|pages.yaml|1|24|- pages|1:1: expected a mapping with 'guide', 'sources' or 'pages' at the top of the file, found a list
pages|pages.yaml|1|24|pages: {id: ease}|1:8: expected a list for 'pages', found a mapping
guide|guide.yaml|1|11|guide: [Test guide]|1:8: expected a mapping for 'guide', found a list
guide.title|guide.yaml|2|2|  title: [Test guide]|2:10: expected a string for 'title', found a list
guide.disclaimer|guide.yaml|3|3|  disclaimer: {text: Self-help}|3:15: expected a string for 'disclaimer', found a mapping
guide.sections|guide.yaml|4|4|  sections: ease|4:13: expected a list for 'sections', found a string
a guide.sections entry|guide.yaml|4|4|  sections: [ease, [other]]|4:20: expected a page id in 'sections', found a list
guide.walkthrough|guide.yaml|5|5|  walkthrough: {ease: 1}|5:16: expected a list for 'walkthrough', found a mapping
a guide.walkthrough entry|guide.yaml|5|5|  walkthrough: [{ease: 1}]|5:17: expected a page id in 'walkthrough', found a mapping
guide.sheet|guide.yaml|6|11|  sheet: My sheet|6:10: expected a mapping for 'sheet', found a string
sheet.title|guide.yaml|7|7|    title: [My sheet]|7:12: expected a string for 'title', found a list
sheet.relief|guide.yaml|8|8|    relief: [During a cramp]|8:13: expected a string for 'relief', found a list
sheet.prevention|guide.yaml|9|9|    prevention: {a: b}|9:17: expected a string for 'prevention', found a mapping
sheet.causes|guide.yaml|10|10|    causes: [What may be behind yours]|10:13: expected a string for 'causes', found a list
sheet.treatment|guide.yaml|11|11|    treatment: {a: b}|11:16: expected a string for 'treatment', found a mapping
sources|guide.yaml|12|19|sources: doc|12:10: expected a list for 'sources', found a string
a sources entry|guide.yaml|13|19|  - doc|13:5: expected a mapping for a source, found a string
source.id|guide.yaml|13|13|  - id: [doc]|13:9: expected a string for 'id', found a list
source.title|guide.yaml|14|14|    title: [A document]|14:12: expected a string for 'title', found a list
source.origin|guide.yaml|15|15|    origin: {file: doc.txt}|15:13: expected a string for 'origin', found a mapping
source.about|guide.yaml|16|16|    about: [What it covers.]|16:12: expected a string for 'about', found a list
source.sections|guide.yaml|17|19|    sections: tips|17:15: expected a list for 'sections', found a string
a source.sections entry|guide.yaml|18|19|      - tips|18:9: expected a mapping for a source section, found a string
section.id|guide.yaml|18|18|      - id: {tips: 1}|18:13: expected a string for 'id', found a mapping
section.title|guide.yaml|19|19|        title: [Tips]|19:16: expected a string for 'title', found a list
a pages entry|pages.yaml|18|24|  - other|18:5: expected a mapping for a page, found a string
page.id|pages.yaml|2|2|  - id: [ease]|2:9: expected a string for 'id', found a list
page.kind|pages.yaml|3|3|    kind: [relief]|3:11: expected a string for 'kind', found a list
page.title|pages.yaml|4|4|    title: {text: Ease a cramp}|4:12: expected a string for 'title', found a mapping
page.summary|pages.yaml|5|5|    summary: [What to do]|5:14: expected a string for 'summary', found a list
page.paragraphs|pages.yaml|6|8|    paragraphs: Stretch the muscle gently.|6:17: expected a list for 'paragraphs', found a string
a page.paragraphs entry|pages.yaml|7|8|      - Stretch the muscle gently.|7:9: expected a mapping for a paragraph, found a string
paragraph.text|pages.yaml|7|7|      - text: [Stretch the muscle gently.]|7:15: expected a string for 'text', found a list
paragraph.sources|pages.yaml|8|8|        sources: doc/tips|8:18: expected a list for 'sources', found a string
a paragraph.sources entry|pages.yaml|8|8|        sources: [[doc/tips]]|8:19: expected a source reference (SOURCE/SECTION) in 'sources', found a list
page.list_title|pages.yaml|9|9|    list_title: {a: b}|9:17: expected a string for 'list_title', found a mapping
page.items|pages.yaml|10|16|    items: stretch|10:12: expected a list for 'items', found a string
a page.items entry|pages.yaml|11|16|      - stretch|11:9: expected a mapping for an item, found a string
item.id|pages.yaml|11|11|      - id: [stretch]|11:13: expected a string for 'id', found a list
item.text|pages.yaml|12|12|        text: {a: b}|12:15: expected a string for 'text', found a mapping
item.tip|pages.yaml|13|13|        tip: [Stretch the calf.]|13:14: expected a string for 'tip', found a list
item.default|pages.yaml|14|14|        default: [true]|14:18: expected true or false for 'default', found a list
item.default (not a boolean)|pages.yaml|14|14|        default: maybe|14:18: expected true or false for 'default', found 'maybe'
item.sources|pages.yaml|15|15|        sources: doc/tips|15:18: expected a list for 'sources', found a string
an item.sources entry|pages.yaml|15|15|        sources: [{doc: tips}]|15:19: expected a source reference (SOURCE/SECTION) in 'sources', found a mapping
item.links|pages.yaml|16|16|        links: other/cold|16:16: expected a list for 'links', found a string
an item.links entry|pages.yaml|16|16|        links: [[other/cold]]|16:17: expected a page id in 'links', found a list
page.links|pages.yaml|17|17|    links: other|17:12: expected a list for 'links', found a string
a page.links entry|pages.yaml|17|17|    links: [[other]]|17:13: expected a page id in 'links', found a list
TABLE

# --- Floods: a problem every few bytes ------------------------------------------------

# One value of a million escapes, bidi controls, or mixed-script words: ten
# are listed, the rest counted from where they start.
base flood-escapes
{ printf 'pages:\n  - id: more\n    kind: other\n    title: "'; repeat 1000000 '\e'; printf '"\n'; } \
	>"$tmp/flood-escapes/more.yaml"
expect_bounded "a million escaped ESCs in one title" flood-escapes 20 \
	"^flood-escapes/more.yaml:4:33: 999990 more text problems in 'title' from here on"

base flood-bidi
{ printf 'pages:\n  - id: more\n    kind: other\n    title: '; repeat 1000000 $'\u202e'; printf '\n'; } \
	>"$tmp/flood-bidi/more.yaml"
expect_bounded "a million raw U+202E in one title" flood-bidi 20 \
	"^flood-bidi/more.yaml:4:22: 999990 more text problems in 'title' from here on"

base flood-mixed
{ printf 'pages:\n  - id: more\n    kind: other\n    title: '; repeat 800000 $'a\u0430 '; printf 'x\n'; } \
	>"$tmp/flood-mixed/more.yaml"
expect_bounded "800,000 mixed-script words in one title" flood-mixed 20 \
	"^flood-mixed/more.yaml:4:42: 799990 more text problems in 'title' from here on"

# 10,000 pages, each with four problems: 50 are listed for the file.
base flood-pages
{ printf 'pages:\n'; repeat 10000 $'  - {idx: a}\n'; } >"$tmp/flood-pages/more.yaml"
expect_bounded "10,000 broken pages" flood-pages 60 \
	'^flood-pages/more.yaml: more than 50 problems in this file; the first 50 found are listed'

# 2,000 broken files: 1000 messages in all.
base flood-files
for ((i = 0; i < 2000; i++)); do printf 'pagez: 1\n' >"$tmp/flood-files/f$i.yaml"; done
expect_bounded "2,000 broken files" flood-files 1010 \
	': more than 1000 problems in the content; the first 1000 found are listed'
rm -rf "${tmp:?}/flood-files"

# 250,000 values: the limit on values per file, before any decoding.
base many-values
{ printf 'pages: ['; repeat 250001 'a,'; printf 'a]\n'; } >"$tmp/many-values/more.yaml"
expect "250,002 values in one list" many-values \
	"many-values/more.yaml:1:500003: more than 250000 values in one file; split it into smaller files"

# Many keys in one mapping: duplicates are found by sorting, not by pairs.
# (The 250,000-values limit counts keys too: 60,001 pairs stay under it.)
base many-keys
{ printf 'pages:\n  - {'; for ((i = 0; i < 60000; i++)); do printf 'k%d: a, ' "$i"; done; printf 'k0: a}\n'; } \
	>"$tmp/many-keys/more.yaml"
expect_bounded "60,001 keys in one mapping, one repeated" many-keys 60 \
	"^many-keys/more.yaml:2:[0-9]+: duplicate key 'k0' \\(first given at line 2, column 6\\); keep one"

# --- The figures ------------------------------------------------------------------------

if [ ${#figures[@]} -gt 0 ]; then
	slowest=$(printf '%s\n' "${figures[@]}" | sort -k1,1nr | head -n 1)
	largest=$(printf '%s\n' "${figures[@]}" | sort -k2,2nr | head -n 1)
	echo "# ${#figures[@]} runs measured; slowest ${slowest%% *}s (${slowest#* * * })," \
		"largest peak $(echo "$largest" | cut -d' ' -f2) KB (${largest#* * * })"
	# HOSTILE_FIGURES=FILE keeps every figure, for docs/reliability.md.
	if [ -n "${HOSTILE_FIGURES:-}" ]; then
		printf '%s\n' "${figures[@]}" >"$HOSTILE_FIGURES"
	fi
fi

done_testing
