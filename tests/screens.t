#!/usr/bin/env bash
# The interactive guide's screens, played from key scripts in the scripted
# mode (CRAMPGUIDE_SCRIPT, see docs/testing.md) and compared with golden
# dumps, at 80x24 and 40x12; then the promises no golden file can show by
# itself: Back and resizing give the same screen again.
#
# tests/screens/NAME.keys is a script; its comment lines may say
#   # screens.t: sizes 80x24        play it at these sizes only
#   # screens.t: env LC_ALL=C       with these variables set
#   # screens.t: args --no-mouse    with these options
#   # screens.t: attrs              compare the styles of each cell too
# and tests/screens/NAME.WxH.txt (and .attrs) is what it must show.
# tests/screens/update rewrites the golden files; read the diff before
# committing it.
set -u
. "$(dirname "$0")/lib.sh"

dir=tests/screens
sizes_default="80x24 40x12"
update=${UPDATE_SCREENS:-}
mkdir -p "$tmp/home"

# play SCRIPT SIZE OUT [VAR=VALUE...] [-- OPTION...]: run the guide on
# SCRIPT at SIZE with a dump of the text (OUT.txt) and styles (OUT.attrs)
# added at the end; sets rc, and OUT.err holds stderr.
play() {
	local script=$1 size=$2 out=$3 vars=() opts=()
	shift 3
	while [ $# -gt 0 ] && [ "$1" != -- ]; do vars+=("$1"); shift; done
	[ $# -gt 0 ] && shift
	opts=("$@")
	{ cat "$script"; printf '\n:dump %s\n:attrs %s\n' "$out.txt" "$out.attrs"; } >"$out.script"
	# A fresh state file each time (no marks carried from one script to
	# the next), and a fixed date on the tip sheet.
	mkdir -p "$out.state"
	env -u NO_COLOR HOME="$tmp/home" XDG_STATE_HOME="$out.state" SOURCE_DATE_EPOCH=1767312000 \
		${vars[@]+"${vars[@]}"} CRAMPGUIDE_SCRIPT="$out.script" \
		CRAMPGUIDE_SIZE="$size" timeout 10 "$CRAMPGUIDE" --content "$TOP/content" \
		${opts[@]+"${opts[@]}"} </dev/null >"$out.out" 2>"$out.err"
	rc=$?
}

# directive NAME WORD: the words after "# screens.t: WORD" in NAME.keys;
# has NAME WORD: whether the line is there.
directive() { sed -n "s/^# screens.t: $2 *//p" "$dir/$1.keys"; }
has() { grep -q "^# screens.t: $2\$" "$dir/$1.keys"; }

# same DESC GOLDEN GOT: ok when equal, else not ok with the diff.
same() {
	if [ ! -f "$2" ]; then
		not_ok "$1" "$2 is missing: run tests/screens/update, check it by eye, commit it"
	elif cmp -s "$2" "$3"; then
		ok "$1"
	else
		not_ok "$1" "$(diff -u "$2" "$3" | head -60)" \
			"(if the change is on purpose: tests/screens/update, and read the diff)"
	fi
}

for keys in "$dir"/*.keys; do
	name=$(basename "$keys" .keys)
	sizes=$(directive "$name" sizes)
	read -r -a envs <<<"$(directive "$name" env)"
	read -r -a args <<<"$(directive "$name" args)"
	for size in ${sizes:-$sizes_default}; do
		out=$tmp/$name.$size
		golden=$dir/$name.$size
		play "$keys" "$size" "$out" ${envs[@]+"${envs[@]}"} -- ${args[@]+"${args[@]}"}
		if [ "$rc" != 0 ] || [ -s "$out.err" ]; then
			not_ok "$name at $size: exit status $rc" "$(head -5 "$out.err")"
			continue
		fi
		if [ -n "$update" ]; then
			cp "$out.txt" "$golden.txt"
			if has "$name" attrs; then cp "$out.attrs" "$golden.attrs"; fi
			ok "$name at $size: golden written"
			continue
		fi
		same "$name at $size" "$golden.txt" "$out.txt"
		if has "$name" attrs; then
			same "$name at $size: styles" "$golden.attrs" "$out.attrs"
		fi
		# Whatever the screen, the dump is the terminal's size and plain text.
		w=${size%x*} h=${size#*x}
		last=$(sed -n 's/^:resize //p' "$keys" | tail -n 1)
		[ -n "$last" ] && w=${last%x*} h=${last#*x}
		lines=$(wc -l <"$out.txt")
		widest=$(wc -L <"$out.txt")
		if [ "$lines" != "$h" ] || [ "$widest" -gt "$w" ] ||
			LC_ALL=C grep -q $'[\x01-\x1f\x7f]' "$out.txt"; then
			not_ok "$name at $size: ${w}x$h, no control characters" \
				"$lines lines, widest $widest"
		fi
	done
done
[ -n "$update" ] && done_testing

# --- Back restores the screen exactly -------------------------------------

# The keys that scroll to and choose a link under an item of the causes page.
open_causes='<Down> <Down> <Down> <Down> <Enter>'
choose_link_80x24='<Down> <Down> <Down> <Down>'
choose_link_40x12='<PgDn> <PgDn> <PgDn> <Down> <Down>'
for size in $sizes_default; do
	choose=choose_link_${size}
	printf '%s\n%s\n:dump %s\n<Enter>\n:dump %s\n<Backspace>\n' "$open_causes" "${!choose}" \
		"$tmp/before.txt" "$tmp/away.txt" >"$tmp/back.keys"
	play "$tmp/back.keys" "$size" "$tmp/after"
	if [ "$rc" = 0 ] && cmp -s "$tmp/before.txt" "$tmp/after.txt" &&
		tail -n 1 "$tmp/away.txt" | grep -q 'Preventing the' &&
		tail -n 1 "$tmp/before.txt" | grep -q 'What causes'; then
		ok "at $size, Back from a followed link shows the page exactly as it was left"
	else
		not_ok "at $size, Back from a followed link shows the page exactly as it was left" \
			"$(diff -u "$tmp/before.txt" "$tmp/after.txt" | head -40)"
	fi
done

# Search, then Back: where the search started.
printf '%s\n<PgDn>\n:dump %s\n/potassium<Enter>\nn\n<Backspace>\n' "$open_causes" \
	"$tmp/before.txt" >"$tmp/search-back.keys"
play "$tmp/search-back.keys" 80x24 "$tmp/after"
if [ "$rc" = 0 ] && cmp -s "$tmp/before.txt" "$tmp/after.txt"; then
	ok "Back after a search and n returns to where the search started"
else
	not_ok "Back after a search and n returns to where the search started" \
		"$(diff -u "$tmp/before.txt" "$tmp/after.txt" | head -40)"
fi

# --- Resizing keeps the reading position ------------------------------------

# The golden resize.* shows the other half: the paragraph stays on top.
for start in 80x24 40x12; do
	other=$([ "$start" = 80x24 ] && echo 40x12 || echo 80x24)
	printf '%s\n<PgDn> <PgDn>\n:dump %s\n:resize %s\n:dump %s\n:resize 1x1\n:resize %s\n' \
		"$open_causes" "$tmp/a.txt" "$other" "$tmp/b.txt" "$start" >"$tmp/resize.keys"
	play "$tmp/resize.keys" "$start" "$tmp/c"
	if [ "$rc" = 0 ] && cmp -s "$tmp/a.txt" "$tmp/c.txt"; then
		ok "$start -> $other -> 1x1 -> $start gives the same screen back"
	else
		not_ok "$start -> $other -> 1x1 -> $start gives the same screen back" \
			"$(diff -u "$tmp/a.txt" "$tmp/c.txt" | head -30)"
	fi
done

# A chosen line stays on screen through resizes (40x12 -> 120x40 -> 20x6):
# the person sees what Enter opens, and a screen reader's cursor is on it.
printf '%s\n' '<Down> <Down> <Down> <Enter> j j j j j j j j j j j j' ':resize 120x40' ':resize 20x6' \
	>"$tmp/keep.keys"
play "$tmp/keep.keys" 40x12 "$tmp/keep"
if [ "$rc" = 0 ] && grep -q "^> " "$tmp/keep.txt"; then
	ok "40x12 -> 120x40 -> 20x6: the chosen line is still on screen"
else
	not_ok "40x12 -> 120x40 -> 20x6: the chosen line is still on screen" "$(cat "$tmp/keep.txt")"
fi

# --- The scripted mode itself -----------------------------------------------

printf '<C-c>\n:dump %s\n' "$tmp/never.txt" >"$tmp/quit.keys"
play "$tmp/quit.keys" 80x24 "$tmp/quit"
if [ "$rc" = 0 ] && [ ! -e "$tmp/never.txt" ]; then
	ok "Ctrl-C quits at once with status 0"
else
	not_ok "Ctrl-C quits at once with status 0" "status $rc"
fi

printf 'j\n<Dwon>\n' >"$tmp/typo.keys"
play "$tmp/typo.keys" 80x24 "$tmp/typo"
if [ "$rc" = 1 ] && grep -q "typo.script:2: unknown key '<Dwon>'" "$tmp/typo.err"; then
	ok "a script with an unknown key: status 1, FILE:LINE and the key named"
else
	not_ok "a script with an unknown key: status 1, FILE:LINE and the key named" \
		"status $rc" "$(cat "$tmp/typo.err")"
fi

done_testing
