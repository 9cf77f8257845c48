#!/usr/bin/env bash
# inject.t - terminal injection.  For every C0 control, DEL, every C1
# control, the escape sequences an attacker would use (CSI, OSC window
# title, OSC 52 clipboard, OSC 8 hyperlink, DCS, in 7 and 8 bits), every
# bidi control and invalid UTF-8, a content directory carries the payload in
# 14 places (titles, the notice, headings, a paragraph, an item, a tip, a
# source's title, origin, about and section), written raw and, where YAML
# can, as an escape ("\x1b", "\e", "\u202e", "\N"...).  Then:
#
#  - `--check` must report each occurrence at its FILE:LINE:COL: raw
#    controls and invalid bytes from the byte scan before YAML, escapes and
#    raw bidi controls from the text lint, with the key they are in;
#  - every output path must let none of it through, byte for byte: --check,
#    --plain, the guide on a pipe, --tips in text, Markdown and HTML, -o
#    FILE, --print with a stand-in lp, the scripted screen with a dump, and
#    the guide on a real pty (script(1)).  Content that is refused gives the
#    same messages on every path, no sheet file and no lp; the few controls
#    YAML reads as white space (a raw tab, line feed or carriage return, and
#    "\t" and "\n") give a valid guide whose every output is clean.
#
# Before that, names that come from outside the content (the content
# directory's name given with --content, $CRAMPGUIDE_CONTENT or the
# executable's place, -o's file, a stray argument) carrying an OSC and CSIs
# must come out clean in --check's summary and in every failure message.
#
# Then HTML and Markdown escaping of < > & and quotes.  tests/inject/clean.pl
# is the byte-level check; it is tested first, so it cannot pass by accident.
set -u
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1767312000 HOME=$tmp/home XDG_STATE_HOME=$tmp/state
mkdir -p "$HOME" "$tmp/bin" "$tmp/state/crampguide"
CLEAN=$TOP/tests/inject/clean.pl

# The stand-in lp records its arguments and the bytes it reads.
cat >"$tmp/bin/lp" <<STUB
#!/bin/sh
printf '%s\n' "\$@" >"$tmp/lp-args"
cat >"$tmp/lp-stdin"
echo "request id is stub-1 (1 file(s))"
STUB
chmod +x "$tmp/bin/lp"

# Every tip marked and the cause ticked, so the sheet shows every carrier.
printf 'version: 1\ntips: [ease/stretch]\ncauses: [why/cold]\n' >"$tmp/state/crampguide/tips.yaml"

# --- The checker checks -----------------------------------------------------------

printf 'plain\ntext \xc3\xa9\n' >"$tmp/good"
printf 'a\e]0;title\ab\n' >"$tmp/osc"
printf 'a\xe2\x80\xaeb\n' >"$tmp/bidi"
printf 'a\xc2\x9bb\n' >"$tmp/c1"
printf 'a\xed\xa0\x80b\n' >"$tmp/surrogate"
printf 'a\r\n' >"$tmp/cr"
printf '\e[1;1H\e[2Jx\r\n' >"$tmp/csi"
why=()
perl "$CLEAN" text:"$tmp/good" >/dev/null || why+=("plain UTF-8 text was refused")
for f in osc bidi c1 surrogate cr csi; do
	perl "$CLEAN" text:"$tmp/$f" >/dev/null && why+=("text mode let $f through")
done
perl "$CLEAN" tty:"$tmp/cr" >/dev/null || why+=("tty mode refused a CR")
perl "$CLEAN" screen:"$tmp/csi" >/dev/null || why+=("screen mode refused a CSI")
perl "$CLEAN" screen:"$tmp/osc" >/dev/null && why+=("screen mode let an OSC through")
if [ ${#why[@]} -eq 0 ]; then ok "the byte-level check finds what it must"; else not_ok "the byte-level check finds what it must" "${why[@]}"; fi

# --- Names from outside the content --------------------------------------------------

# A directory's name, an option's argument and -o's file come from the
# command line or the environment, not the content, and are printed too:
# an OSC window title, a CSI and an 8-bit CSI in each must not get through.
EVIL=$'n\e]0;x\a\e[2J\xc2\x9bm'
mkdir -p "$tmp/names" "$tmp/names/bin$EVIL"
cp -R "$TOP/content" "$tmp/names/good$EVIL"
cp -R "$TOP/content" "$tmp/names/bad$EVIL"
printf 'pages: [\n' >"$tmp/names/bad$EVIL/pages.yaml"
cp "$CRAMPGUIDE" "$tmp/names/bin$EVIL/crampguide"

# names NAME STATUS WORDS CMD...: CMD exits STATUS, says WORDS on stdout
# or stderr, and neither holds a control byte.
names() {
	local name=$1 want=$2 words=$3 rc
	shift 3
	"$@" </dev/null >"$tmp/names/out" 2>"$tmp/names/err"
	rc=$?
	why=()
	[ "$rc" = "$want" ] || why+=("exit status $rc, expected $want")
	cat "$tmp/names/out" "$tmp/names/err" | grep -qF "$words" || why+=("'$words' is not in what it said:" "$(cat -v "$tmp/names/out" "$tmp/names/err" | head -5)")
	perl "$CLEAN" text:"$tmp/names/out" text:"$tmp/names/err" >"$tmp/names/unclean" ||
		why+=("bytes got through:" "$(cat "$tmp/names/unclean")")
	if [ ${#why[@]} -eq 0 ]; then ok "$name: no control byte gets through"; else not_ok "$name: no control byte gets through" "${why[@]}"; fi
}

names "--check of a directory named with escapes" 0 \
	$'n\xef\xbf\xbd]0;x\xef\xbf\xbd\xef\xbf\xbd[2J\xef\xbf\xbdm: ' \
	"$CRAMPGUIDE" --check --content "$tmp/names/good$EVIL"
names "--check of \$CRAMPGUIDE_CONTENT named with escapes" 0 'content is valid' \
	env CRAMPGUIDE_CONTENT="$tmp/names/good$EVIL" "$CRAMPGUIDE" --check
names "broken content in a directory named with escapes" 1 'problem in the content in' \
	"$CRAMPGUIDE" --check --content "$tmp/names/bad$EVIL"
names "a missing directory named with escapes" 1 'problem in the content in' \
	"$CRAMPGUIDE" --plain --content "$tmp/names/none$EVIL"
names "no content beside an executable named with escapes" 1 "cannot find the guide's content" \
	"$tmp/names/bin$EVIL/crampguide" --check
names "-o into a directory named with escapes" 1 'choose another file with -o FILE' \
	"$CRAMPGUIDE" --tips -o "$tmp/names/none$EVIL/tips.txt"
names "an unexpected argument with escapes" 2 'unexpected argument' "$CRAMPGUIDE" "x$EVIL"

# A line break in a name would make one line of output look like two (a
# second one forged by whoever named the directory): it is shown as \n.
cp -R "$TOP/content" "$tmp/names/two"$'\n''lines'
"$CRAMPGUIDE" --check --content "$tmp/names/two"$'\n''lines' >"$tmp/names/out" 2>&1
rc=$?
why=()
[ "$rc" = 0 ] || why+=("exit status $rc, expected 0")
[ "$(wc -l <"$tmp/names/out")" = 1 ] || why+=("not one line:" "$(cat -v "$tmp/names/out")")
grep -qF 'two\nlines: ' "$tmp/names/out" || why+=("no 'two\nlines: ' in:" "$(cat -v "$tmp/names/out")")
if [ ${#why[@]} -eq 0 ]; then ok "--check of a directory whose name holds a line break: one line"; else not_ok "--check of a directory whose name holds a line break: one line" "${why[@]}"; fi

# --- Content carrying a payload ------------------------------------------------------

# The carriers: FILE|LINE (0-based in the template)|INDENT|KEY.
CARRIERS='guide.yaml|1|  |title
guide.yaml|2|  |disclaimer
guide.yaml|6|    |title
guide.yaml|7|    |relief
guide.yaml|13|    |title
guide.yaml|14|    |origin
guide.yaml|15|    |about
guide.yaml|18|        |title
pages.yaml|3|    |title
pages.yaml|4|    |summary
pages.yaml|6|      - |text
pages.yaml|8|    |list_title
pages.yaml|11|        |text
pages.yaml|12|        |tip'

declare -A CARRIER
while IFS='|' read -r f l indent key; do
	CARRIER[$f|$l]="$indent|$key"
done <<<"$CARRIERS"

# Templates; a line that is a carrier above is replaced by the payload's.
GUIDE_T='guide:
  title: CARRIER
  disclaimer: CARRIER
  sections: [ease, why]
  walkthrough: [ease]
  sheet:
    title: CARRIER
    relief: CARRIER
    prevention: To prevent cramps
    causes: What may be behind yours
    treatment: When to get help
sources:
  - id: doc
    title: CARRIER
    origin: CARRIER
    about: CARRIER
    sections:
      - id: tips
        title: CARRIER'
PAGES_T='pages:
  - id: ease
    kind: relief
    title: CARRIER
    summary: CARRIER
    paragraphs:
      - text: CARRIER
        sources: [doc/tips]
    list_title: CARRIER
    items:
      - id: stretch
        text: CARRIER
        tip: CARRIER
        sources: [doc/tips]
  - id: why
    kind: causes
    title: Causes
    items:
      - id: cold
        text: Being cold.
        tip: Being cold
        sources: [doc/tips]
        links: [ease/stretch]'

# The YAML escape for a code point (the named one where YAML has it), in
# $spell; printf -v rather than $(...), since this runs thousands of times.
escape_of() { # HEX
	case $1 in
	00) spell='\0' ;; 07) spell='\a' ;; 08) spell='\b' ;; 09) spell='\t' ;; 0A) spell='\n' ;;
	0B) spell='\v' ;; 0C) spell='\f' ;; 0D) spell='\r' ;; 1B) spell='\e' ;; 85) spell='\N' ;;
	*) if [ $((16#$1)) -le 255 ]; then spell="\\x$1"; else spell="\\u$1"; fi ;;
	esac
}

# The printf format of a code point's UTF-8 bytes, in $bytes.
utf8_of() { # HEX
	local c=$((16#$1))
	if [ $c -lt 128 ]; then
		printf -v bytes '\\x%02x' $c
	elif [ $c -lt 2048 ]; then
		printf -v bytes '\\x%02x\\x%02x' $((0xC0 | c >> 6)) $((0x80 | (c & 63)))
	else
		printf -v bytes '\\x%02x\\x%02x\\x%02x' $((0xE0 | c >> 12)) $((0x80 | (c >> 6 & 63))) \
			$((0x80 | (c & 63)))
	fi
}

# make_case DIR FORM TOKENS: write DIR/guide.yaml and DIR/pages.yaml (in
# the current directory, $tmp) with the payload in every carrier, and set
# `expected` to the messages --check must give.  FORM is raw or escaped;
# TOKENS are c:HEX[:SPELLING] (a code point), t:TEXT (plain text),
# s:SOURCE (written as it is, for quotes and backslashes) and b:HEX (a raw
# byte, raw form only).
make_case() {
	local dir=$1 form=$2 tokens=$3 file tmpl lineno line q out carrier indent key tok hex cp
	local cur_line cur_col spell bytes
	local -a pre lint toks
	read -ra toks <<<"$tokens"
	[ "$form" = raw ] && q="'" || q='"'
	expected=()
	mkdir "$dir"
	for file in guide.yaml pages.yaml; do
		[ "$file" = guide.yaml ] && tmpl=$GUIDE_T || tmpl=$PAGES_T
		pre=() lint=() out=
		cur_line=1 lineno=0
		while IFS= read -r line; do
			carrier=${CARRIER[$file|$lineno]:-}
			if [ -z "$carrier" ]; then
				out+=$line$'\n'
			else
				indent=${carrier%|*}
				key=${carrier##*|}
				out+="$indent$key: ${q}Ab"
				cur_col=$((${#indent} + ${#key} + 6))
				for tok in ${toks[@]+"${toks[@]}"}; do
					case $tok in
					t:* | s:*)
						out+=${tok#?:}
						cur_col=$((cur_col + ${#tok} - 2))
						;;
					b:*)
						hex=${tok#b:}
						printf -v bytes "\\x$hex"
						out+=$bytes
						pre+=("$cur_line:$cur_col: invalid UTF-8 (byte 0x$hex); save the file as UTF-8 text")
						cur_col=$((cur_col + 1))
						;;
					c:*)
						hex=${tok#c:}
						spell=${hex#*:}
						hex=${hex%%:*}
						[ "$spell" = "$hex" ] && escape_of "$hex"
						cp=$((16#$hex))
						if [ "$form" = escaped ]; then
							out+=$spell
							if [ $cp -ge $((0x202A)) ]; then
								lint+=("$cur_line:$cur_col: bidirectional control U+$hex in '$key' (written as '$spell'); delete it")
							elif [ $cp != 9 ] && [ $cp != 10 ]; then
								lint+=("$cur_line:$cur_col: control character U+00$hex in '$key' (written as '$spell'); delete it")
							fi
							cur_col=$((cur_col + ${#spell}))
							continue
						fi
						if [ $cp = 0 ]; then
							# Bash strings cannot hold NUL: marked here, put in below.
							out+=$'\x01NUL\x01'
							pre+=("$cur_line:$cur_col: NUL byte; content files are plain text (is this a binary file?)")
						else
							utf8_of "$hex"
							printf -v bytes "$bytes"
							out+=$bytes
						fi
						if [ $cp -ge $((0x202A)) ]; then
							lint+=("$cur_line:$cur_col: bidirectional control U+$hex in '$key'; delete it")
						elif [ $cp != 0 ] && [ $cp != 9 ] && [ $cp != 10 ] && [ $cp != 13 ]; then
							pre+=("$cur_line:$cur_col: control character U+00$hex is not allowed; delete it")
						fi
						# YAML's line breaks: LF, CR and NEL.
						if [ $cp = 10 ] || [ $cp = 13 ] || [ $cp = 133 ]; then
							cur_line=$((cur_line + 1))
							cur_col=1
						else
							cur_col=$((cur_col + 1))
						fi
						;;
					esac
				done
				out+="cd$q"$'\n'
			fi
			cur_line=$((cur_line + 1))
			lineno=$((lineno + 1))
		done <<<"$tmpl"
		if [[ $out == *$'\x01NUL\x01'* ]]; then
			local part
			: >"$dir/$file"
			while [[ $out == *$'\x01NUL\x01'* ]]; do
				part=${out%%$'\x01NUL\x01'*}
				printf '%s\0' "$part" >>"$dir/$file"
				out=${out#*$'\x01NUL\x01'}
			done
			printf '%s' "$out" >>"$dir/$file"
		else
			printf '%s' "$out" >"$dir/$file"
		fi
		# The byte scan stops at 20 problems a file; YAML is only read,
		# and the text linted, when the scan found none.
		if [ ${#pre[@]} -gt 0 ]; then
			for line in "${pre[@]:0:20}"; do expected+=("$dir/$file:$line"); done
		else
			for line in ${lint[@]+"${lint[@]}"}; do expected+=("$dir/$file:$line"); done
		fi
	done
}

summary_line() { # DIR COUNT
	local tail='(see the content format in the documentation) or use --content DIR'
	if [ "$2" = 1 ]; then
		echo "crampguide: 1 problem in the content in $1; fix it $tail"
	else
		echo "crampguide: $2 problems in the content in $1; fix them $tail"
	fi
}

# Every output path, run by one helper under one timeout (a process per
# run costs more than the run itself on a busy machine): P.out, P.err and
# a line "P STATUS" in status for each path P.
PATHS='check plain pipe text markdown html saved print screen pty'
printf ':dump %s\n' "$tmp/dump" >"$tmp/keys"
cat >"$tmp/paths.sh" <<'HELPER'
# paths.sh CRAMPGUIDE DIR PTY-INPUT: run from the scratch directory.
cg=$1 dir=$2 input=$3
export PATH=$PWD/bin:$PATH
rm -f lp-args lp-stdin saved.html dump ./*.out ./*.err status
run() { # NAME ARG...
	local name=$1
	shift
	"$cg" "$@" </dev/null >"$name.out" 2>"$name.err"
	echo "$name $?" >>status
}
run check --check --content "$dir"
run plain --plain --content "$dir"
run pipe --content "$dir"
run text --tips --content "$dir"
run markdown --tips --format markdown --content "$dir"
run html --tips --format html --content "$dir"
run saved --tips --format html -o saved.html --content "$dir"
run print --print --content "$dir"
CRAMPGUIDE_SCRIPT=$PWD/keys run screen --content "$dir"
# A real terminal: script(1) gives the guide a pty; q quits it if it got
# as far as the screen (it is not typed otherwise: the pty would echo it).
printf '%s' "$input" | TERM=xterm-256color script -qec "$(printf '%q ' "$cg" --content "$dir")" /dev/null \
	>pty.out 2>pty.err
echo "pty $?" >>status
HELPER

declare -A status
run_paths() { # DIR PTY-INPUT
	local name rc
	timeout 120 bash "$tmp/paths.sh" "$CRAMPGUIDE" "$1" "$2"
	status=()
	while read -r name rc; do status[$name]=$rc; done <"$tmp/status"
}

# slurp VAR FILE: the file's bytes into VAR (without forking).
slurp() {
	if [ -e "$2" ]; then
		IFS= read -r -d '' "$1" <"$2"
	else
		printf -v "$1" '%s' ''
	fi
	return 0
}

# The files every path wrote, for clean.pl.
outputs() {
	local p
	files=()
	for p in $PATHS; do
		if [ "$p" = pty ]; then files+=("screen:pty.out"); else files+=("text:$p.out"); fi
		files+=("text:$p.err")
	done
	files+=(text:saved.html text:lp-args text:lp-stdin text:dump)
}

# check_refused NAME DIR: --check gave exactly `expected`; every path
# failed with the same messages and wrote nothing; no byte got through.
check_refused() {
	local name=$1 dir=$2 p count=${#expected[@]} want got pty
	want=$(printf '%s\n' ${expected[@]+"${expected[@]}"}; summary_line "$dir" "$count")$'\n'
	run_paths "$dir" ''
	why=()
	slurp got check.err
	if [ "$got" != "$want" ]; then
		why+=("--check differs (--- expected, +++ got):"
		      "$(diff -u <(printf '%s' "$want") check.err | tail -n +3 | head -40)")
	fi
	[ "$count" -ge 1 ] || why+=("the case expects no message at all")
	for p in $PATHS; do
		[ "${status[$p]:-}" = 1 ] || why+=("$p: exit status ${status[$p]:-none}, expected 1")
		[ "$p" = pty ] && continue
		[ -s "$p.out" ] && why+=("$p: wrote to stdout")
		slurp got "$p.err"
		[ "$got" = "$want" ] || why+=("$p: stderr is not what --check gave")
	done
	# On the pty, the same messages, each line ended by CR LF.
	slurp pty pty.out
	[ "${pty//$'\r'/}" = "$want" ] || why+=("pty: not the messages --check gave")
	[ -e saved.html ] && why+=("-o FILE was written")
	[ -e lp-args ] && why+=("lp was started")
	[ -e dump ] && why+=("the screen was drawn")
	outputs
	perl "$CLEAN" "${files[@]}" >unclean || why+=("bytes got through:" "$(cat unclean)")
	if [ ${#why[@]} -eq 0 ]; then
		ok "$name: --check reports all $count, and no output path lets it through"
	else
		not_ok "$name: --check reports all $count, and no output path lets it through" "${why[@]}"
	fi
}

# check_accepted NAME DIR TEXT: a valid guide; every path works, shows the
# carriers' TEXT, and every output is clean.
check_accepted() {
	local name=$1 dir=$2 text=$3 p got sheet
	run_paths "$dir" q
	why=()
	for p in $PATHS; do
		[ "${status[$p]:-}" = 0 ] || why+=("$p: exit status ${status[$p]:-none}, expected 0" "$(head -c 500 "$p.err")")
		[ "$p" = pty ] && continue
		[ -s "$p.err" ] && why+=("$p: wrote to stderr:" "$(head -c 500 "$p.err")")
	done
	for p in plain pipe text markdown html dump; do
		[ "$p" = dump ] && slurp got dump || slurp got "$p.out"
		[[ $got == *"$text"* ]] || why+=("$p: the carriers' text '$text' is not there")
		[[ $got == *$'\t'* ]] && why+=("$p: a tab got through")
	done
	[ -s saved.html ] || why+=("-o FILE was not written")
	slurp got lp-stdin
	slurp sheet text.out
	[ "$got" = "$sheet" ] || why+=("lp did not read the text sheet")
	outputs
	perl "$CLEAN" "${files[@]}" >unclean || why+=("bytes got through:" "$(cat unclean)")
	if [ ${#why[@]} -eq 0 ]; then
		ok "$name: a valid guide, and every output path is clean"
	else
		not_ok "$name: a valid guide, and every output path is clean" "${why[@]}"
	fi
}

cd "$tmp" || exit 1

# one NAME TOKENS [FORMS]: a payload in each form (default: raw escaped).
cases=0
one() {
	local name=$1 tokens=$2 forms=${3:-raw escaped} form dir
	for form in $forms; do
		cases=$((cases + 1))
		dir=case$cases
		make_case "$dir" "$form" "$tokens"
		if [ ${#expected[@]} -gt 0 ]; then
			check_refused "$name, $form" "$dir"
		else
			check_accepted "$name, $form (white space to YAML)" "$dir" 'Ab cd'
		fi
	done
}

# A control run first: the same content with no payload is valid, and
# every path gives output with the carriers in it.
make_case plain raw 't:'
if [ ${#expected[@]} -eq 0 ]; then
	check_accepted "no payload" plain Abcd
else
	not_ok "no payload: the template is valid" "${expected[@]}"
fi

for ((c = 0; c < 32; c++)); do
	printf -v hex %02X $c
	one "C0 U+00$hex" "c:$hex"
done
one "DEL U+007F" "c:7F"
for ((c = 128; c < 160; c++)); do
	printf -v hex %02X $c
	one "C1 U+00$hex" "c:$hex"
done

# Escape sequences, at most two controls each (the byte scan stops at 20
# problems a file, and 8 carriers share guide.yaml).
one "CSI colour" 'c:1B t:[31mRED'
one "CSI erase screen" 'c:1B:\x1b t:[2J'
one "CSI, 8-bit" 'c:9B t:2J'
one "OSC 0 window title" 'c:1B t:]0;pwned c:07'
one "OSC 52 clipboard" 'c:1B t:]52;c;cm0gLXJmIH4= c:07'
one "OSC 8 hyperlink" 'c:1B t:]8;;http://evil.example/ c:07'
one "OSC, 8-bit" 'c:9D t:0;pwned c:9C'
one "DCS request" 'c:1B t:P$qm c:9C'
one "DCS, 8-bit" 'c:90 t:+q544e c:9C'

for hex in 202A 202B 202C 202D 202E 2066 2067 2068 2069; do
	one "bidi U+$hex" "c:$hex"
done
one "bidi U+202E written as \\U0000202E" 'c:202E:\U0000202E' escaped

# Invalid UTF-8 has no YAML escape: raw only.
one "invalid UTF-8: a stray 0xFF" 'b:FF' raw
one "invalid UTF-8: a cut sequence" 'b:C3' raw
one "invalid UTF-8: a lone continuation byte" 'b:80' raw
one "invalid UTF-8: an overlong '/'" 'b:C0 b:AF' raw
one "invalid UTF-8: a UTF-16 surrogate" 'b:ED b:A0 b:80' raw
one "invalid UTF-8: past U+10FFFF" 'b:F4 b:90 b:80 b:80' raw

echo "# $cases payload cases, each in 14 places, through $(echo $PATHS | wc -w) output paths"

# --- HTML and Markdown escaping ------------------------------------------------------

# Valid content with markup characters in every carrier: HTML must escape
# all of them, Markdown must not let them act as markup.
make_case markup escaped "s:<b>&\\\"'</b>&amp;x"
RAW_MARKUP=$'Ab<b>&"\'</b>&amp;xcd'
ESC_HTML='Ab&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;&amp;amp;xcd'
ESC_MD='Ab\<b\>\&"'"'"'\</b\>\&amp;xcd'
run_paths markup q
why=()
for p in check text markdown html saved; do
	[ "${status[$p]:-}" = 0 ] || why+=("$p: exit status ${status[$p]:-none}" "$(head -c 500 "$p.err")")
done
# The sheet shows 6 carriers, 7 times in HTML: the title (in <title> and <h1>),
# the relief heading, the tip (under its heading and under the ticked cause),
# the notice and the source's title.
n_raw=$(grep -oF "$RAW_MARKUP" html.out | wc -l)
n_esc=$(grep -oF "$ESC_HTML" html.out | wc -l)
[ "$n_raw" = 0 ] || why+=("HTML: $n_raw raw copies of the markup")
[ "$n_esc" = 7 ] || why+=("HTML: $n_esc escaped copies, expected 7")
grep -qiF '<b>' html.out && why+=("HTML: a <b> tag from the content")
cmp -s html.out saved.html || why+=("-o FILE differs from stdout")
if [ ${#why[@]} -eq 0 ]; then
	ok "HTML: < > & \" ' in every carrier are escaped (7 places, none raw)"
else
	not_ok "HTML: < > & \" ' in every carrier are escaped" "${why[@]}"
fi
n_md=$(grep -oF "$ESC_MD" markdown.out | wc -l)
if [ "$n_md" = 6 ] && ! grep -qF "$RAW_MARKUP" markdown.out; then
	ok "Markdown: < > & in every carrier are escaped (6 places)"
else
	not_ok "Markdown: < > & in every carrier are escaped (found $n_md escaped copies, expected 6)" \
		"$(grep -F 'Ab' markdown.out | head -10)"
fi
if grep -qF "$RAW_MARKUP" plain.out && grep -qF "$RAW_MARKUP" dump; then
	ok "plain text and the screen show the same characters as they are"
else
	not_ok "plain text and the screen show the same characters as they are" \
		"$(grep -F 'Ab' plain.out dump | head -6)"
fi

done_testing
