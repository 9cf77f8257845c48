#!/usr/bin/env bash
# crampguide on odd terminals, with redirected streams and in odd locales,
# in a real terminal (helpers in tmux-lib.sh):
#   - TERM unset, dumb or unknown: one line on stderr, the plain guide on
#     the terminal, and nothing else written to it (no escape byte);
#   - TERM vt100, xterm-256color, screen-256color: the interactive guide,
#     each screen exactly as the scripted mode draws it;
#   - stdin from /dev/null: the plain guide on the terminal;
#   - stdout to a pipe and to a file, with every TERM above, for the guide,
#     --plain and --tips in each format: the same bytes whatever TERM says,
#     no escape or other control byte, nothing on stderr, and nothing
#     written to the terminal;
#   - the locales C, POSIX, C.UTF-8 and a Latin-1 one: every screen as the
#     scripted mode draws it, only ASCII reaching the terminal where the
#     character set is not UTF-8, valid UTF-8 where it is, no mojibake and
#     no line wider than the screen.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux-lib.sh"

export SOURCE_DATE_EPOCH=1767312000
pane_env+=(SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH")
tm set-environment -g SOURCE_DATE_EPOCH "$SOURCE_DATE_EPOCH"

# What the guide prints when it is not interactive, from a run with no
# terminal at all: the references every output below is compared with.
ref=$tmp/ref
mkdir -p "$ref"
ref_run() { # ref_run NAME ARG...
	local out=$1
	shift
	env -i "${pane_env[@]}" "$CRAMPGUIDE" "$@" </dev/null >"$ref/$out" 2>"$ref/$out.err" ||
		echo "# the reference run $* failed: $(cat "$ref/$out.err")"
}
ref_run plain --plain
ref_run tips.text --tips
ref_run tips.markdown --tips --format markdown
ref_run tips.html --tips --format html

# controls FILE [crlf]: the first lines of FILE holding a control byte or
# code point other than newline (ESC, the rest of C0, DEL, C1 in UTF-8),
# shown with cat -v; nothing when there is none.  With crlf, a carriage
# return before a newline is allowed (the tty adds it).
controls() {
	local cr=
	[ "${2:-}" = crlf ] && cr='(?!$)'
	LC_ALL=C grep -a -n -P "[\\x00-\\x09\\x0b-\\x0c\\x0e-\\x1f\\x7f]|\\x0d$cr|\\xc2[\\x80-\\x9f]" "$1" | head -3 | cat -v
}

# shown_between: the text the terminal showed between the wrapper's two
# lines, wrapped lines joined.
shown_between() {
	tm capture-pane -p -J -S - -E - -t "$win" |
		sed -e '0,/^crampguide tmux test: /d' -e '/^crampguide exited with status /,$d'
}

terms=(unset dumb nosuchterm vt100 xterm-256color screen-256color)
# term_env TERM: the env(1) arguments that set it.
term_env() {
	case $1 in
	unset) echo "-u TERM" ;;
	*) echo "TERM=$1" ;;
	esac
}

# ---------------------------------------------------------------------------
# 1. Terminals curses cannot drive: one line on stderr naming the terminal,
# the plain guide on the terminal, status 0, and nothing but the text
# written to the terminal.
raw=1
for t in unset dumb nosuchterm; do
	keep_output=1
	# shellcheck disable=SC2046
	if start "term-$t" err env $(term_env "$t") "$CRAMPGUIDE"; then
		if exited 0; then
			shown_between >"$d/shown.txt"
			diff -u "$ref/plain" "$d/shown.txt" >"$d/diff" ||
				problems+=("the terminal does not show the plain guide (crampguide --plain):" "$(head -20 "$d/diff")")
			lines=$(wc -l <"$d/stderr")
			if [ "$lines" -ne 1 ] || ! grep -q '^crampguide: .*TERM.*cannot show the interactive guide' "$d/stderr"; then
				problems+=("want one line \"crampguide: ...TERM... cannot show the interactive guide ...\" on stderr, got $lines:" "$(head -5 "$d/stderr")")
			fi
			tm pipe-pane -t "$win"
			c=$(controls "$d/raw" crlf)
			[ -z "$c" ] || problems+=("control bytes other than CR LF were written to the terminal:" "$c")
		fi
	else
		fail "the wrapper did not start"
	fi
	stop
	keep_output=
	report "TERM $t: one line on stderr, the plain guide on the terminal with no control byte, status 0; terminal restored"
done
raw=

# ---------------------------------------------------------------------------
# 2. Terminals curses can drive: the home screen and a page exactly as the
# scripted mode draws them, q quits with status 0 and the terminal is
# restored.  vt100 has no alternate screen, so the guide's last screen
# stays there after it (the rest is checked as for the others).
printf ':dump home.txt\n%s\n:dump page.txt\n' "$(to_section 3 "<>")" >"$tmp/two.keys"
scripted "$tmp/two" "$tmp/two.keys"
for t in vt100 xterm-256color screen-256color; do
	if ! infocmp "$t" >/dev/null 2>&1; then
		skip "TERM $t: no terminfo entry for it here (Debian: ncurses-base, ncurses-term)"
		continue
	fi
	[ "$t" = vt100 ] && keep_output=1
	if ! start "term-$t" err env TERM="$t" "$CRAMPGUIDE"; then
		fail "the wrapper did not start"
	elif ! wait_until same_file "$tmp/two/home.txt"; then
		fail "the home screen is not the one the scripted mode draws:" "$(cat "$tmp/two/home.txt")" "now"
	else
		keys $(to_section 3)
		wait_until same_file "$tmp/two/page.txt" ||
			fail "$(to_section 3): the page is not the one the scripted mode draws:" "$(cat "$tmp/two/page.txt")" "now"
		keys q
		exited 0
		[ ! -s "$d/stderr" ] || problems+=("stderr is not empty:" "$(head -5 "$d/stderr")")
	fi
	stop
	keep_output=
	report "TERM $t: the home screen and a page as the scripted mode draws them, q exits 0, nothing on stderr; terminal restored"
done

# ---------------------------------------------------------------------------
# 3. stdin from /dev/null, stdout on the terminal: the plain guide there,
# status 0, no control byte, at most one line on stderr.
raw=1
keep_output=1
if start stdin-null in-null; then
	if exited 0; then
		shown_between >"$d/shown.txt"
		diff -u "$ref/plain" "$d/shown.txt" >"$d/diff" ||
			problems+=("the terminal does not show the plain guide (crampguide --plain):" "$(head -20 "$d/diff")")
		tm pipe-pane -t "$win"
		c=$(controls "$d/raw" crlf)
		[ -z "$c" ] || problems+=("control bytes other than CR LF were written to the terminal:" "$c")
		if [ "$(wc -l <"$d/stderr")" -gt 1 ] || grep -qv '^crampguide: ' "$d/stderr"; then
			problems+=("stderr has more than one crampguide: line:" "$(head -5 "$d/stderr")")
		fi
	fi
else
	fail "the wrapper did not start"
fi
stop
keep_output=
raw=
report "stdin from /dev/null: the plain guide on the terminal with no control byte, status 0; terminal restored"

# ---------------------------------------------------------------------------
# 4. stdout to a pipe and to a file, stdin on the terminal: for every TERM,
# the guide, --plain and --tips in each format (and --tips -o FILE) print
# exactly what they print with no terminal at all, with no control byte,
# nothing on stderr and status 0; and nothing at all is written to the
# terminal.
cat >"$tmp/outputs.sh" <<'EOF'
# outputs.sh DIR CRAMPGUIDE TERM...: every combination, each into
# DIR/TERM.WHAT.HOW, with .err (stderr) and .rc (the exit status).
dir=$1 bin=$2
shift 2
for t in "$@"; do
	if [ "$t" = unset ]; then unset TERM; else TERM=$t; export TERM; fi
	for what in guide plain tips.text tips.markdown tips.html tips-o; do
		case $what in
		guide) set -- ;;
		plain) set -- --plain ;;
		tips-o) set -- --tips --format html -o "$dir/$t.$what.html" ;;
		tips.*) set -- --tips --format "${what#tips.}" ;;
		esac
		for how in pipe file; do
			out=$dir/$t.$what.$how
			if [ "$how" = file ]; then
				"$bin" "$@" >"$out" 2>"$out.err"
				echo $? >"$out.rc"
			else
				mkfifo "$out.fifo" && { cat <"$out.fifo" >"$out" & }
				"$bin" "$@" 2>"$out.err" >"$out.fifo"
				echo $? >"$out.rc"
				wait
				rm -f "$out.fifo"
			fi
		done
	done
done
EOF
mkdir -p "$tmp/outputs"
# (The runs take a while with a sanitizer build: a longer deadline.)
if ! start redirect tty sh "$tmp/outputs.sh" "$tmp/outputs" "$CRAMPGUIDE" "${terms[@]}"; then
	fail "the wrapper did not start"
elif timeout=$((timeout * 12)) exited 0 && [ -e "$d/rc" ]; then
	# One pass each over all the files (a few hundred of them): their
	# checksums, and which hold a control character.
	declare -A sum=()
	while read -r h f; do sum[$f]=$h; done < <(cd "$tmp" && md5sum ref/* outputs/*)
	with_controls=" $(cd "$tmp" && LC_ALL=C grep -l -a -P '[\x00-\x09\x0b-\x1f\x7f]|\xc2[\x80-\x9f]' \
		outputs/* 2>/dev/null | tr '\n' ' ')"
	runs=0
	for t in "${terms[@]}"; do
		for what in guide plain tips.text tips.markdown tips.html tips-o; do
			for how in pipe file; do
				run=outputs/$t.$what.$how out=$run
				label="TERM $t, $what to a $how"
				runs=$((runs + 1))
				case $what in
				guide) want=ref/plain ;;
				tips-o)
					want=ref/tips.html out=outputs/$t.$what.html
					[ ! -s "$tmp/$run" ] || problems+=("$label: something on stdout:" "$(head -3 "$tmp/$run")")
					;;
				*) want=ref/$what ;;
				esac
				rc=
				read -r rc <"$tmp/$run.rc"
				[ "$rc" = 0 ] || problems+=("$label: exit status ${rc:-none}, want 0")
				[ ! -s "$tmp/$run.err" ] || problems+=("$label: stderr is not empty:" "$(head -3 "$tmp/$run.err")")
				[ -n "${sum[$out]:-}" ] && [ "${sum[$out]}" = "${sum[$want]:-}" ] ||
					problems+=("$label: not what it prints with no terminal:" "$(diff "$tmp/$want" "$tmp/$out" | head -10)")
				case $with_controls in
				*" $out "*) problems+=("$label: control bytes in the output:" "$(controls "$tmp/$out")") ;;
				esac
			done
		done
	done
	echo "# outputs not to a terminal: $runs runs, each compared with the run with no terminal"
fi
stop
report "stdout to a pipe and to a file, TERM ${terms[*]}: the guide, --plain, --tips (text, markdown, html, -o FILE) as with no terminal, no control byte, nothing on stderr, status 0; nothing written to the terminal"

# ---------------------------------------------------------------------------
# 5. Locales: C, POSIX, C.UTF-8 and a Latin-1 one.  The home screen, the
# end of a page (arrows) and the same at 40x12 (where the status line is
# cut with an ellipsis) must be exactly what the scripted mode draws in
# that locale; where the character set is not UTF-8 only ASCII may reach
# the terminal, the screens must be the reviewed golden ones with the
# guide's ASCII look-alikes, with no more '?' than the UTF-8 screens have
# (nothing replaced by junk); where
# it is UTF-8, what reaches the terminal is valid UTF-8 and the screens do
# show non-ASCII characters.  Nowhere a replacement character or UTF-8
# read as Latin-1 (Ã, Â, â€), nor a line wider than the screen.
#
# The Latin-1 locale: one the system has (scripts/deps ci generates
# en_US.ISO-8859-1), else one compiled here with localedef into a
# directory of our own (LOCPATH), else the case is skipped.
latin1= latin1_env=()
for l in $(locale -a 2>/dev/null); do
	if [ "$(LC_ALL=$l locale charmap 2>/dev/null)" = ISO-8859-1 ]; then
		latin1=$l
		break
	fi
done
if [ -z "$latin1" ] && command -v localedef >/dev/null 2>&1 && mkdir -p "$tmp/locale" &&
	localedef -i en_US -f ISO-8859-1 "$tmp/locale/en_US.ISO-8859-1" >/dev/null 2>&1 &&
	[ "$(LOCPATH=$tmp/locale LC_ALL=en_US.ISO-8859-1 locale charmap 2>/dev/null)" = ISO-8859-1 ]; then
	latin1=en_US.ISO-8859-1 latin1_env=(LOCPATH="$tmp/locale")
fi
[ -n "$latin1" ] && echo "# the Latin-1 locale: $latin1${latin1_env[*]:+ (${latin1_env[*]})}"

# The page is the one of the golden screen page-ascii (tests/screens), with
# its keys; in a locale that is not UTF-8, home and that page must also be
# the reviewed golden screens home-ascii and page-ascii.
golden=tests/screens
page_keys=$(grep -v '^#' "$golden/page-ascii.keys")
printf ':dump home.txt\n%s\n:dump page.txt\n:resize 40x12\n:dump small.txt\n' "$page_keys" >"$tmp/locale.keys"
# send_script LINES: type script lines (named keys and single letters only).
send_script() {
	local k
	for k in $1; do
		case $k in
		'<Enter>') keys Enter ;;
		'<End>') keys End ;;
		'<Home>') keys Home ;;
		'<Up>' | '<Down>' | '<Left>' | '<Right>') k=${k#<}; keys "${k%>}" ;;
		'<PgDn>') keys NPage ;;
		'<PgUp>') keys PPage ;;
		?) text "$k" ;;
		*) problems+=("send_script: no tmux key for $k") ;;
		esac
	done
}
declare -A utf8_q=()
for loc in C.UTF-8 C POSIX "${latin1:-Latin-1}"; do
	vars=(LC_ALL="$loc")
	[ "$loc" = "$latin1" ] && vars+=(${latin1_env[@]+"${latin1_env[@]}"})
	if [ "$loc" = Latin-1 ]; then
		skip "locale Latin-1: none here, and localedef could not make en_US.ISO-8859-1 (Debian: locales; scripts/deps ci generates it)"
		continue
	fi
	utf8=
	[ "$(env "${vars[@]}" locale charmap 2>/dev/null)" = UTF-8 ] && utf8=1
	raw=1
	if ! scripted "$tmp/loc-$loc" "$tmp/locale.keys" "${vars[@]}"; then
		:
	elif ! start "locale-$loc" err env "${vars[@]}" "$CRAMPGUIDE"; then
		fail "the wrapper did not start"
	else
		for step in home page small; do
			case $step in
			page) send_script "$page_keys" ;;
			small) resize 40 12 ;;
			esac
			if ! wait_until same_file "$tmp/loc-$loc/$step.txt"; then
				fail "$step: not the screen the scripted mode draws in $loc:" "$(cat "$tmp/loc-$loc/$step.txt")" "now"
				break
			fi
			printf '%s\n' "$scr" >"$d/$step.txt"
			if [ -z "$utf8" ] && [ "$step" != small ] && ! same_file "$golden/$step-ascii.80x24.txt"; then
				fail "$step: not the golden screen $golden/$step-ascii.80x24.txt:" \
					"$(diff "$golden/$step-ascii.80x24.txt" "$d/$step.txt" | head -20)"
			fi
			widest=$(LC_ALL=C.UTF-8 wc -L <"$d/$step.txt")
			[ "$widest" -le "$width" ] || fail "$step: a line $widest columns wide on a screen $width wide"
			if LC_ALL=C.UTF-8 grep -q -e $'\ufffd' -e 'Ã' -e 'Â' -e 'â€' "$d/$step.txt"; then
				fail "$step: a replacement character or UTF-8 read as Latin-1"
			fi
			q=$(tr -cd '?' <"$d/$step.txt" | wc -c)
			if [ -n "$utf8" ]; then
				utf8_q[$step]=$q
				[ "$step" = home ] || LC_ALL=C grep -q -P '[\x80-\xff]' "$d/$step.txt" ||
					fail "$step: no bullet, arrow or other non-ASCII character in UTF-8"
			else
				! LC_ALL=C grep -q -P '[\x80-\xff]' "$d/$step.txt" || fail "$step: non-ASCII characters on the screen"
				[ "$q" -le "${utf8_q[$step]:-0}" ] ||
					fail "$step: $q '?' on the screen, ${utf8_q[$step]:-0} in UTF-8: characters replaced by '?'"
			fi
		done
		resize 80 24
		keys q
		exited 0
		[ ! -s "$d/stderr" ] || problems+=("stderr is not empty:" "$(head -5 "$d/stderr")")
		tm pipe-pane -t "$win"
		if [ -n "$utf8" ]; then
			iconv -f UTF-8 -t UTF-8 "$d/raw" >/dev/null 2>&1 || problems+=("what was written to the terminal is not valid UTF-8")
		elif LC_ALL=C grep -q -a -P '[\x80-\xff]' "$d/raw"; then
			problems+=("bytes that are not ASCII were written to the terminal:" \
				"$(LC_ALL=C grep -a -o -P '.{0,20}[\x80-\xff]+.{0,20}' "$d/raw" | head -3 | cat -v)")
		fi
	fi
	stop
	raw=
	report "locale $loc ($( [ -n "$utf8" ] && echo UTF-8 || echo "ASCII look-alikes")): home, a page and 40x12 as the scripted mode draws them, $( [ -n "$utf8" ] && echo "valid UTF-8" || echo "only ASCII") to the terminal, no mojibake, no line wider than the screen; terminal restored"
done

done_testing
