#!/usr/bin/env bash
# The tip sheet in a real terminal (tmux): mark two tips and tick a cause,
# open the sheet and see them there; quit, start again, and the marks are
# still there; print from the sheet with a stand-in lp that writes escape
# sequences on its output, and the screen stays exactly as it was except
# for the status line.  Every wait polls the pane with a deadline.
set -u
. "$(dirname "$0")/lib.sh"

if ! command -v tmux >/dev/null 2>&1; then
	echo "1..0 # skip tmux not installed"
	exit 0
fi
term=
for t in tmux-256color screen; do
	if infocmp "$t" >/dev/null 2>&1; then
		term=$t
		break
	fi
done
if [ -z "$term" ]; then
	echo "1..0 # skip no terminfo entry for tmux-256color or screen"
	exit 0
fi

sock=crampguide-sheet-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }
trap 'tm kill-server >/dev/null 2>&1; rm -rf "$tmp"' EXIT

export SOURCE_DATE_EPOCH=1767312000
mkdir -p "$tmp/home" "$tmp/state" "$tmp/bin"
# A printer that answers with colours, a title change and a clear-screen:
# none of it may reach the terminal.
cat >"$tmp/bin/lp" <<STUB
#!/bin/sh
cat >"$tmp/lp-stdin"
printf '\033[2J\033]0;pwned\007\033[31mrequest id is stub-3 (1 file(s))\033[0m\n'
printf '\033[H\033[Kcleared\n' >&2
STUB
chmod +x "$tmp/bin/lp"

# run NAME: crampguide in a new 80x40 session; the pane stays after it exits.
win=
run() {
	win=$(env -i PATH="$tmp/bin:$PATH" HOME="$tmp/home" XDG_STATE_HOME="$tmp/state" \
		SOURCE_DATE_EPOCH="$SOURCE_DATE_EPOCH" LC_ALL=C.UTF-8 TZ=UTC TERM="$term" \
		tmux -L "$sock" -f /dev/null new-session -d -P -F '#{window_id}' -s "$1" -x 80 -y 40 \
		"$CRAMPGUIDE" --content "$TOP/content") || return 1
	tm set -w -t "$win" remain-on-exit on >/dev/null
}
scr=
screen() { tm capture-pane -p -t "$win"; }
keys() { tm send-keys -t "$win" "$@"; }
# wait_for CMD...: poll the pane every 0.05 s until CMD succeeds, 10 s at most.
wait_for() {
	local end=$((${EPOCHREALTIME/./} + 10000000))
	while :; do
		scr=$(screen)
		"$@" && return 0
		[ "${EPOCHREALTIME/./}" -lt "$end" ] || return 1
		sleep 0.05
	done
}
has() { grep -qF -- "$1" <<<"$scr"; }
status_has() { tail -n 1 <<<"$scr" | grep -qF -- "$1"; }
# The pane's process has exited: tmux shows "Pane is dead".
dead() { [ "$(tm display -p -t "$win" '#{pane_dead}')" = 1 ]; }

if ! run first; then
	echo "1..0 # skip cannot start a tmux server"
	exit 0
fi
tm set -g status off >/dev/null

# The prevention page, its sixth and seventh tips; back home, the causes
# page and its second cause (after the one link under the first).
fail=
wait_for has "Start the guided walk-through" || fail="no home screen"
[ -z "$fail" ] && { keys Down Down Down Down Down Down Enter; wait_for status_has "Preventing the next cramp" || fail="no prevention page"; }
[ -z "$fail" ] && { keys Down Down Down Down Down Down Space; wait_for has "[✓] Wear supportive shoes" || fail="Space did not mark the shoes tip"; }
[ -z "$fail" ] && { keys Down m; wait_for has "[✓] Eat foods rich in potassium" || fail="m did not mark the potassium tip"; }
[ -z "$fail" ] && { keys BSpace Up Up Enter; wait_for status_has "What causes leg cramps" || fail="no causes page"; }
[ -z "$fail" ] && { keys Down Down Down Space; wait_for has "[✓] Overusing your muscles" || fail="Space did not tick the cause"; }
[ -z "$fail" ] && { keys t; wait_for status_has "Your tip sheet" || fail="t did not open the sheet"; }
if [ -z "$fail" ] && has "  * Wear supportive shoes, especially if you stand for long." &&
	has "  * Eat potassium-rich foods, such as bananas, raisins or cooked spinach." &&
	has "  * Hard or long exercise, or a recent step up in activity" &&
	has "2 tips marked, 1 cause ticked"; then
	ok "in a real terminal: two tips marked and a cause ticked are on the sheet"
else
	not_ok "in a real terminal: two tips marked and a cause ticked are on the sheet" "${fail:-}" "$scr"
fi
sheet=$scr

# Printing: lp's escapes must not reach the terminal; only the status line changes.
keys p
if wait_for status_has "request id is stub-3" && status_has " Sent to the printer: " &&
	[ "$(head -n -1 <<<"$scr")" = "$(head -n -1 <<<"$sheet")" ] &&
	! grep -q cleared <<<"$scr" && [ "$(tm display -p -t "$win" '#{pane_title}')" != pwned ] &&
	XDG_STATE_HOME=$tmp/state "$CRAMPGUIDE" --tips --content "$TOP/content" | cmp -s - "$tmp/lp-stdin"; then
	ok "p prints: the request id on the status line, lp's escapes kept off the screen, the rest unchanged"
else
	not_ok "p prints without touching the screen" "$scr" "title: $(tm display -p -t "$win" '#{pane_title}')"
fi
keys q
wait_for dead || not_ok "q did not quit" "$scr"

# A new run: the marks are there.
run second
fail=
wait_for has "Start the guided walk-through" || fail="no home screen"
[ -z "$fail" ] && { keys t; wait_for status_has "Your tip sheet" || fail="t did not open the sheet"; }
if [ -z "$fail" ] && [ "$scr" = "$sheet" ]; then
	ok "after quitting and starting again, the sheet shows the same marks"
else
	not_ok "after quitting and starting again, the sheet shows the same marks" "${fail:-}" \
		"$(diff <(echo "$sheet") <(echo "$scr") | head -20)"
fi
keys BSpace Down Down Down Down Down Down Enter
if wait_for has "[✓] Wear supportive shoes" && has "[✓] Eat foods rich in potassium" && has "[ ] Drink enough water"; then
	ok "and the prevention page shows the same boxes ticked"
else
	not_ok "and the prevention page shows the same boxes ticked" "$scr"
fi
keys q
wait_for dead || not_ok "q did not quit" "$scr"

done_testing
