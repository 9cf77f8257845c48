#!/bin/bash
# cli.t - the command-line contract of docs/BRIEF: options, exit status
# (0 success, 1 failure, 2 usage), where messages go, and the plain output.
set -u

. "$(dirname "$0")/lib.sh"

# check DESC: ok when nothing was added to why[], else not ok with the reasons.
check() {
	if [ ${#why[@]} -eq 0 ]; then ok "$1"; else not_ok "$1" "${why[@]}"; fi
	why=()
}
why=()

# cg ARGS...: run crampguide with stdin from /dev/null, a 10 s limit, and
# stdout/stderr in $tmp/out, $tmp/err; sets rc.
cg() {
	timeout 10 "$CRAMPGUIDE" "$@" </dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
}
status_is() { # WANT
	if [ "$rc" = 124 ]; then
		why+=("did not finish within 10 seconds")
	elif [ "$rc" != "$1" ]; then
		why+=("exit status $rc, expected $1")
	fi
}
out_empty() { [ -s "$tmp/out" ] && why+=("stdout is not empty:" "$(head -c 1000 "$tmp/out")"); }
err_empty() { [ -s "$tmp/err" ] && why+=("stderr is not empty:" "$(head -c 1000 "$tmp/err")"); }
err_has() { # ERE DESC
	grep -Eq -- "$1" "$tmp/err" || why+=("stderr does not $2:" "$(head -c 1000 "$tmp/err")")
}

# --- --help and --version -------------------------------------------------

for opt in --help -h; do
	cg "$opt"
	status_is 0
	err_empty
	head -n 1 "$tmp/out" | grep -q '^Usage: crampguide' || why+=("the first line is not 'Usage: crampguide ...'")
	for o in --content --check --plain --help --version; do
		grep -q -- "$o" "$tmp/out" || why+=("the help does not mention $o")
	done
	check "$opt: usage on stdout, nothing on stderr, exit 0"
done

version=$(sed -n 's/^VERSION *= *//p' Makefile)
for opt in --version -V; do
	cg "$opt"
	status_is 0
	err_empty
	if ! grep -Eqx 'crampguide [0-9]+\.[0-9]+\.[0-9]+' "$tmp/out" || [ "$(wc -l <"$tmp/out")" != 1 ]; then
		why+=("stdout is not one line 'crampguide X.Y.Z':" "$(head -c 300 "$tmp/out")")
	elif [ -n "$version" ] && [ "$(cat "$tmp/out")" != "crampguide $version" ]; then
		why+=("the version is not the Makefile's $version: $(cat "$tmp/out")")
	fi
	check "$opt prints exactly 'crampguide $version'"
done

# --- Usage errors: exit 2, 'crampguide: ' on stderr, pointing at --help ----

usage_error() { # DESC ERE-that-stderr-must-match ARGS...
	local desc=$1 re=$2
	shift 2
	cg "$@"
	status_is 2
	out_empty
	head -n 1 "$tmp/err" | grep -q '^crampguide: ' || why+=("stderr does not start with 'crampguide: ':" "$(head -c 500 "$tmp/err")")
	err_has '--help' "mention --help"
	err_has "$re" "match /$re/"
	check "$desc"
}
usage_error "unknown long option -> exit 2" "'--frobnicate'" --frobnicate
usage_error "unknown short option -> exit 2" "'-x'" -x
usage_error "unknown option after a valid one -> exit 2" "'--bogus'" --check --bogus
usage_error "--content without its argument -> exit 2" "--content" --check --content
usage_error "an extra argument -> exit 2" "'extra'" --check extra
usage_error "--strict without --check -> exit 2" "--strict only goes with --check" --strict --plain
usage_error "--check --plain -> exit 2" "--check.*--plain|--plain.*--check" --check --plain
usage_error "--plain --check -> exit 2" "--check.*--plain|--plain.*--check" --plain --check

# --- --check on the bundled content ------------------------------------------

set -- content/*.yaml
nfiles=$#
cg --check
status_is 0
err_empty
if [ "$(wc -l <"$tmp/out")" != 1 ]; then
	why+=("stdout is not one line:" "$(head -c 1000 "$tmp/out")")
elif ! grep -Eq "(^|[^0-9])$nfiles files, [1-9][0-9]* pages, [1-9][0-9]* items" "$tmp/out"; then
	why+=("the summary does not say '$nfiles files, N pages, N items':" "$(cat "$tmp/out")")
fi
check "--check on the bundled content: exit 0, a one-line summary of files, pages and items"

# make check holds the bundled content to every check: warnings (reading
# level over the guide's limit, a page past its review) fail it too.
cg --check --strict
status_is 0
err_empty
if ! grep -Eq "items, reading grade -?[0-9]+\.[0-9]: content is valid\$" "$tmp/out"; then
	why+=("the summary does not give the reading grade:" "$(cat "$tmp/out")")
fi
check "--check --strict on the bundled content: exit 0, no warning, the reading grade"

for form in "--content=content" "-c content"; do
	# shellcheck disable=SC2086
	cg --check $form
	status_is 0
	err_empty
	check "--check $form: exit 0"
done

# --- Choosing the content -----------------------------------------------------

cg --check --content /nonexistent
status_is 1
out_empty
head -n 1 "$tmp/err" | grep -Eq '^(crampguide:|/nonexistent)' ||
	why+=("the first line starts with neither 'crampguide:' nor the path:" "$(head -c 500 "$tmp/err")")
err_has '/nonexistent' "name the directory"
err_has '--content' "mention --content"
check "--content /nonexistent: exit 1 with a message naming it and --content"

mkdir "$tmp/empty"
cg --check --content "$tmp/empty"
status_is 1
out_empty
err_has "^(crampguide: .*)?$tmp/empty" "name the empty directory"
check "--content pointing to an empty directory: exit 1, the directory named"

cg --plain --content "$tmp/empty"
status_is 1
out_empty
err_has "$tmp/empty" "name the empty directory"
check "--plain with an empty content directory: exit 1, nothing printed"

bad=tests/bad/unknown-kind
CRAMPGUIDE_CONTENT=$bad cg --check
status_is 1
out_empty
err_has "^$bad/pages\.yaml:3:11: " "report the problem in \$CRAMPGUIDE_CONTENT's directory"
check "\$CRAMPGUIDE_CONTENT is used (a bad fixture -> exit 1)"

CRAMPGUIDE_CONTENT=$bad cg --check --content tests/bad/base
status_is 0
err_empty
grep -q 'tests/bad/base' "$tmp/out" || why+=("the summary does not name tests/bad/base:" "$(cat "$tmp/out")")
check "--content overrides \$CRAMPGUIDE_CONTENT"

CRAMPGUIDE_CONTENT=tests/bad/base cg --check --content $bad
status_is 1
err_has "^$bad/" "report the problems of --content's directory"
check "--content overrides a valid \$CRAMPGUIDE_CONTENT too"

CRAMPGUIDE_CONTENT='' cg --check
status_is 0
err_empty
check "an empty \$CRAMPGUIDE_CONTENT is ignored (bundled content used)"

# --- The plain guide -----------------------------------------------------------

cg --plain
plain_rc=$rc
cp "$tmp/out" "$tmp/plain"
cp "$tmp/err" "$tmp/plain.err"
status_is 0
err_empty
[ "$(wc -l <"$tmp/plain")" -ge 20 ] || why+=("only $(wc -l <"$tmp/plain") lines of output")
check "--plain: exit 0, the guide on stdout, nothing on stderr"

# stdout is a pipe here: without options the program must not start curses.
timeout 10 "$CRAMPGUIDE" </dev/null 2>"$tmp/err" | cat >"$tmp/out"
rc=${PIPESTATUS[0]}
status_is 0
err_empty
cmp -s "$tmp/plain" "$tmp/out" || why+=("differs from --plain:" "$(diff "$tmp/plain" "$tmp/out" | head -20)")
check "no options, stdout a pipe: the same bytes as --plain"

# widest FILE: the longest line in characters (bash counts characters in a
# UTF-8 locale; checked first so a C locale cannot pass by counting bytes).
e_acute=é
if [ ${#e_acute} != 1 ]; then
	not_ok "the shell counts characters under $LC_ALL" "\${#é} is ${#e_acute}"
fi
widest() {
	local line max=0
	while IFS= read -r line || [ -n "$line" ]; do
		[ ${#line} -gt "$max" ] && max=${#line}
	done <"$1"
	echo "$max"
}

width_test() { # COLUMNS-value LIMIT DESC [ARGS...]
	local cols=$1 limit=$2 desc=$3 w
	shift 3
	if [ -n "$cols" ]; then
		COLUMNS=$cols cg --plain "$@"
	else
		cg --plain "$@"
	fi
	status_is 0
	w=$(widest "$tmp/out")
	[ "$w" -le "$limit" ] || why+=("a line is $w characters wide:" "$(grep -E ".{$((limit + 1))}" "$tmp/out" | head -5)")
	# The width is used, not just respected: long paragraphs fill the lines.
	[ "$w" -gt $((limit * 3 / 4)) ] || why+=("the widest line is only $w characters for a width of $limit")
	check "$desc"
}
width_test 40 40 "COLUMNS=40 --plain: no line wider than 40 characters"
width_test "" 80 "--plain without COLUMNS: no line wider than 80 characters"
width_test 0 80 "COLUMNS=0 --plain: the default 80 columns"
width_test junk 80 "COLUMNS=junk --plain: the default 80 columns"

# Wrapping counts characters, not bytes: a guide written in two-byte letters.
cp -R tests/bad/base "$tmp/accents"
para='Étirez le mollet: déjà vu, élève, mère, père, café, thé, idée, école, été, fée, clé, blé, pré, né, dé, gré, ré, bébé, télé, vélo, ménage, météo, étagère, élégant.'
sed -i "s/^      - text: Stretch the muscle gently.\$/      - text: \"$para\"/" "$tmp/accents/pages.yaml"
if grep -q "bébé, télé" "$tmp/accents/pages.yaml"; then
	width_test 40 40 "COLUMNS=40 --plain, accented text: no line wider than 40 characters" --content "$tmp/accents"
else
	not_ok "COLUMNS=40 --plain, accented text" "the test could not write the paragraph"
fi

# Wide (two-column) characters: measured in display columns with wc -L.
cp -R tests/bad/base "$tmp/wide"
para='足がつる 足がつる 足がつる 足がつる 足がつる 足がつる 足がつる 足がつる 足がつる 足がつる 足がつる 足がつる 足がつる 足がつる'
sed -i "s/^      - text: Stretch the muscle gently.\$/      - text: \"$para\"/" "$tmp/wide/pages.yaml"
COLUMNS=40 cg --plain --content "$tmp/wide"
status_is 0
w=$(wc -L <"$tmp/out")
[ "$w" -le 40 ] || why+=("a line is $w columns wide:" "$(sort -u "$tmp/out" | head -20)")
grep -q '足がつる' "$tmp/out" || why+=("the wide text is not in the output")
check "COLUMNS=40 --plain, double-width text: no line wider than 40 columns"

# Nothing but printable text and newlines: no ESC, no C0/C1 controls, no
# bidi controls, valid UTF-8.
why=()
LC_ALL=C tr -d '\n\040-\176\200-\377' <"$tmp/plain" >"$tmp/ctl"
[ -s "$tmp/ctl" ] && why+=("control bytes (other than newline):" "$(od -An -c "$tmp/ctl" | head -5)")
LC_ALL=C grep -q $'\xc2[\x80-\x9f]' "$tmp/plain" && why+=("C1 control characters")
LC_ALL=C grep -q $'\xe2\x80[\xaa-\xae]\|\xe2\x81[\xa6-\xa9]' "$tmp/plain" && why+=("bidi control characters")
iconv -f UTF-8 -t UTF-8 <"$tmp/plain" >/dev/null 2>&1 || why+=("not valid UTF-8")
[ "$plain_rc" = 0 ] || why+=("--plain failed (exit $plain_rc)")
check "--plain output has no ESC or other control characters, only text and newlines"

# --- Output that cannot be written -----------------------------------------------

write_fails() { # DESC REDIRECT ARGS...: exit 1 (not a crash) and a message
	local desc=$1 redir=$2
	shift 2
	case $redir in
	closed) timeout 10 "$CRAMPGUIDE" "$@" </dev/null >&- 2>"$tmp/err" ;;
	full) timeout 10 "$CRAMPGUIDE" "$@" </dev/null >/dev/full 2>"$tmp/err" ;;
	esac
	rc=$?
	[ "$rc" -ge 128 ] && [ "$rc" != 124 ] && why+=("killed by a signal (exit status $rc)")
	status_is 1
	head -n 1 "$tmp/err" | grep -q '^crampguide: ' || why+=("no 'crampguide: ' message on stderr:" "$(head -c 500 "$tmp/err")")
	check "$desc"
}
write_fails "--plain to a closed stdout: exit 1 with a message" closed --plain
if [ -w /dev/full ]; then
	write_fails "--plain to /dev/full: exit 1 with a message" full --plain
	grep -q 'No space left on device' "$tmp/err" ||
		why+=("the message does not give the reason:" "$(head -c 500 "$tmp/err")")
	check "--plain to /dev/full: the message says why (no space left)"
	write_fails "--check to /dev/full: exit 1 with a message" full --check
	write_fails "--help to /dev/full: exit 1 with a message" full --help
	write_fails "--version to /dev/full: exit 1 with a message" full --version
else
	for d in "--plain to /dev/full" "--plain to /dev/full: the reason" "--check to /dev/full" \
		"--help to /dev/full" "--version to /dev/full"; do
		n=$((n + 1))
		echo "ok $n # skip no writable /dev/full ($d)"
	done
fi

# SOURCE_DATE_EPOCH that is no date from 1970 to 9999 is refused, not
# printed as the year -2147481749.
for bad in 99999999999999 -5 abc '1767312000 '; do
	SOURCE_DATE_EPOCH=$bad "$CRAMPGUIDE" --tips --content content >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc = 1 ] && [ ! -s "$tmp/out" ] && grep -q "SOURCE_DATE_EPOCH='$bad' is not a date" "$tmp/err"; then
		ok "SOURCE_DATE_EPOCH='$bad' is refused with a message, exit 1"
	else
		not_ok "SOURCE_DATE_EPOCH='$bad' is refused with a message, exit 1 (got $rc)" "$(head -c 300 "$tmp/out" "$tmp/err")"
	fi
done

# Names from outside are shortened in messages: a 10 kB TERM, a 100k
# --content.
long=$(head -c 10000 /dev/zero | tr '\0' x)
if command -v script >/dev/null; then
	# The message needs a terminal on both sides: script(1) gives one.
	: >"$tmp/err"
	ERR=$tmp/err TERM=$long CRAMPGUIDE=$CRAMPGUIDE script -qec '"$CRAMPGUIDE" --content content 2>"$ERR"' \
		/dev/null </dev/null >/dev/null 2>&1
	if [ "$(wc -c <"$tmp/err")" -lt 400 ] && grep -q "TERM=xxx*\.\.\.xxx*)" "$tmp/err"; then
		ok "a 10 kB TERM is shortened in the message ($(wc -c <"$tmp/err") bytes)"
	else
		not_ok "a 10 kB TERM is shortened in the message" "$(head -c 300 "$tmp/err")"
	fi
else
	skip "a 10 kB TERM: script(1) is not installed to give a terminal"
fi
long=$(head -c 100000 /dev/zero | tr '\0' y)
"$CRAMPGUIDE" --check --content "/tmp/$long" >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && [ "$(wc -c <"$tmp/err")" -lt 1000 ]; then
	ok "a 100k --content is shortened in the message ($(wc -c <"$tmp/err") bytes), exit 1"
else
	not_ok "a 100k --content is shortened in the message (rc $rc, $(wc -c <"$tmp/err") bytes)" "$(head -c 300 "$tmp/err")"
fi

# No home to keep marks in: one plain sentence, and a relative HOME named.
printf '%s\n' 't' '<Enter>' >"$tmp/mark.script"
printf 'j j j j j j <Enter> <Down> <Space>\n' >"$tmp/mark.script"
for home in '' relhome; do
	env -u XDG_STATE_HOME HOME=$home CRAMPGUIDE_SCRIPT=$tmp/mark.script CRAMPGUIDE_SIZE=80x24 \
		"$CRAMPGUIDE" --content content >/dev/null 2>"$tmp/err"
	rc=$?
	want="neither HOME nor XDG_STATE_HOME is set"
	[ -n "$home" ] && want="HOME is 'relhome', not a full path"
	if [ $rc = 0 ] && [ "$(grep -c "kept" "$tmp/err")" = 1 ] && grep -q "$want" "$tmp/err"; then
		ok "HOME='$home': marks not kept is said once, plainly (exit 0: the guide itself worked)"
	else
		not_ok "HOME='$home': marks not kept is said once, plainly (rc $rc)" "$(cat "$tmp/err")"
	fi
done

# Run from the source tree, --help names the man page there, since
# `man crampguide` finds nothing before make install.
# (A sanitizer build lives elsewhere, with no docs/ beside it.)
page=$(cd "$(dirname "$CRAMPGUIDE")" && pwd -P)/docs/crampguide.1
want="Full documentation: man crampguide"
[ -f "$page" ] && want="Full documentation: man -l $page"
if "$CRAMPGUIDE" --help | tail -1 | grep -qxF "$want"; then
	ok "--help names the man page as it can be read: $want"
else
	not_ok "--help names the man page as it can be read: $want" "$("$CRAMPGUIDE" --help | tail -1)"
fi

done_testing
