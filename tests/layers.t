#!/usr/bin/env bash
# The layers call one way (docs/architecture.md): these checks read the
# sources, so that a call or an include against the grain fails here the
# day it is written, not months later in a review.
set -u
. "$(dirname "$0")/lib.sh"

# The code of a file without its comments and string literals, so that a
# comment naming a function is not a call to it.
code() {
	sed -e 's://.*$::' "$@" | perl -0pe 's{/\*.*?\*/}{}gs; s{"(?:[^"\\\n]|\\.)*"}{""}g'
}

# check DESC FILE...: ok when grep found nothing in the code of the files.
check_none() {
	local desc=$1 pattern=$2 hits
	shift 2
	hits=$(for f in "$@"; do code "$f" | grep -nE "$pattern" | sed "s|^|$f:|"; done)
	if [ -z "$hits" ]; then
		ok "$desc"
	else
		not_ok "$desc" "$hits"
	fi
}

# Every header a file includes, directly or through other headers of ours.
includes() {
	local todo=("$@") seen=" " f h
	while [ ${#todo[@]} -gt 0 ]; do
		f=${todo[0]}
		todo=("${todo[@]:1}")
		for h in $(sed -n 's/^[[:space:]]*#[[:space:]]*include[[:space:]]*"\([^"]*\)".*/\1/p' "$f"); do
			case $seen in *" $h "*) continue ;; esac
			seen="$seen$h "
			[ -f "src/$h" ] && todo+=("src/$h")
		done
	done
	printf '%s\n' $seen
}

# check_no_include DESC FILE HEADER...: FILE reaches none of the headers.
check_no_include() {
	local desc=$1 file=$2 all bad="" h
	shift 2
	all=$(includes "$file")
	for h in "$@"; do
		if printf '%s\n' "$all" | grep -qx "$h"; then
			bad="$bad $h"
		fi
	done
	if [ -z "$bad" ]; then
		ok "$desc"
	else
		not_ok "$desc" "$file includes (directly or not):$bad"
	fi
}

generic=(src/view.c src/view.h)
screens='view_(home|page|step|help|sheet|search|prompt|marks)_[a-z_]+'

# 1. Generic view code names no screen: it reaches them through their ops.
check_none "view.c and view.h name no screen's function or ops (only view_registry)" \
	"\\b$screens\\b|\\bview_mark\\b|\\bview_ask\\b" "${generic[@]}"
check_none "view.c never compares ops with a particular screen's" \
	'ops[[:space:]]*[!=]=[[:space:]]*&' "${generic[@]}"
check_no_include "view.c includes no screen's header (screens.h) nor the person's data" \
	src/view.c screens.h marks.h sheet.h tips.h print.h

# 2. The terminal module is the bottom: it calls nothing above it.
check_none "tty.c calls no view, viewer or loop function" \
	'\b(view|viewer|loop|script)_[a-z_]+[[:space:]]*\(' src/tty.c src/tty.h
check_no_include "tty.c includes no header of the layers above it" \
	src/tty.c view.h screens.h loop.h script.h marks.h

# 3. Only the terminal module includes curses.
curses=$(grep -lE '^[[:space:]]*#[[:space:]]*include[[:space:]]*<(n?curses(w/curses)?|term|ncursesw/[a-z]+)\.h>' src/*.c src/*.h | tr '\n' ' ')
if [ "$curses" = "src/tty.c " ]; then
	ok "only src/tty.c includes curses.h (and term.h)"
else
	not_ok "only src/tty.c includes curses.h (and term.h)" "included by: $curses"
fi

# 4. The loop is the top: only main.c starts it, and no screen calls it.
users=$(grep -l '#include "loop.h"' src/*.c | tr '\n' ' ')
if [ "$users" = "src/loop.c src/main.c " ]; then
	ok "only main.c includes loop.h"
else
	not_ok "only main.c includes loop.h" "included by: $users"
fi
check_none "no screen calls the loop or the terminal's event reading" \
	'\b(loop_[a-z_]+|tty_(read|start|start_scripted|stop|suspend|dump|resize|usable|begin|end))[[:space:]]*\(' \
	src/view*.c src/view.h src/screens.h

# 5. yfile is below ytree, one way.
check_no_include "yfile.c does not include ytree.h" src/yfile.c ytree.h
check_none "yfile.c leaves struct diag's fields to diag.c" \
	'\bd->(v|n|cap)\b' src/yfile.c src/ytree.c

# 6. The person's data knows no output format, and output formats know no
#    screen: marks below the sheet, tips below the screens.
check_no_include "marks.c knows no sheet and no output format" src/marks.c sheet.h tips.h plain.h
check_no_include "tips.c and sheet.c know no screen code" src/tips.c view.h screens.h layout.h tty.h
check_no_include "sheet.c knows no output format and no screen" src/sheet.c tips.h view.h layout.h

done_testing
