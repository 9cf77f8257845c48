#!/usr/bin/env bash
# Keys people bring from less, and escape sequences the guide does not
# know, in a real terminal (tmux).  Under a TERM that does not describe the
# terminal (vt100 inside tmux, or xterm-256color, whose Home and End tmux
# sends otherwise), End, PgUp, PgDn and Home arrive as sequences curses
# cannot name: they must do nothing, never read as Esc (Back).
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux-lib.sh"

# The causes page: its title is on the home menu too, so the page's own
# screen is known by its place on the status line.
page=$(page_title causes)
only="Home › $page"

for t in vt100 xterm-256color; do
	# vt100 has no alternate screen: the guide's last screen stays.
	keep_output=
	[ "$t" = vt100 ] && keep_output=1
	if start "escapes-$t" tty env TERM=$t "$CRAMPGUIDE"; then
		if ! home; then
			fail "no home screen under TERM=$t"
		else
			keys $(to_section 3)
			if ! wait_text "$only"; then
				fail "the causes page did not open under TERM=$t"
			else
				for k in End PPage NPage Home; do
					keys "$k"
				done
				# A key the guide knows, after them: the screen
				# shows its answer, so the ones before were read.
				keys '?'
				wait_text "Scroll up half a screen" || fail "? after the keys did not show the help"
				keys h
				if ! wait_text "$only"; then
					fail "End, PgUp, PgDn and Home under TERM=$t left the causes page"
				fi
			fi
			keys q
			exited 0
		fi
	else
		fail "the wrapper did not start"
	fi
	stop
	report "TERM=$t in tmux: End, PgUp, PgDn, Home never go back; the page stays"
done
keep_output=

# The keys from less: Ctrl-F and Ctrl-B page, Ctrl-D and Ctrl-U half a
# page, b back a screen, Q quits.
if start less tty; then
	if ! home; then
		fail "no home screen"
	else
		keys $(to_section 3)
		wait_text "$page" || fail "the causes page did not open"
		keys C-f
		wait_re "[0-9]+%|End" || fail "Ctrl-F did not scroll down a screen"
		keys b
		wait_re " Top " || fail "b did not scroll back to the top"
		keys C-d
		wait_re "[0-9]+%|End" || fail "Ctrl-D did not scroll down"
		keys C-u
		wait_re " Top " || fail "Ctrl-U did not scroll back up"
		keys C-f C-b
		wait_re " Top " || fail "Ctrl-B did not scroll back up"
		keys Q
		exited 0
	fi
else
	fail "the wrapper did not start"
fi
stop
report "Ctrl-F, b, Ctrl-D, Ctrl-U, Ctrl-B scroll as in less; Q quits with status 0"

# Screen readers and braille displays follow the cursor: after each key,
# it is at column 0 of the chosen line (the one marked '>').
cursor() { tm display -p -t "$win" '#{cursor_x},#{cursor_y}'; }
if start cursor tty; then
	if ! home; then
		fail "no home screen"
	else
		for k in Down Down Down Up Down; do
			keys "$k"
			wait_re "^> " || { fail "no chosen line after $k"; break; }
			c=$(cursor) y=${c#*,}
			line=$(screen | sed -n "$((y + 1))p")
			if [ "${c%,*}" != 0 ] || [ "${line:0:1}" != ">" ]; then
				fail "after $k the cursor is at $c, on: $line"
				break
			fi
		done
		keys q
		exited 0
	fi
else
	fail "the wrapper did not start"
fi
stop
report "the cursor is at column 0 of the chosen line after each key"

done_testing
