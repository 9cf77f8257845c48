#!/usr/bin/env bash
# The interactive guide in a real terminal: tmux runs crampguide in a pane,
# send-keys types and capture-pane reads the screen (helpers in
# tmux-lib.sh).  Every wait polls the pane (or a file) until it matches,
# with a deadline; no sleep is used to wait for the program.  Every run
# checks the exit status and that the terminal is left as it was found: the
# same `stty -g`, the same pane modes (alternate screen, cursor, keypad,
# mouse) and the screen from before the run back, with nothing added.
# Resizes, signals, Ctrl-Z, odd terminals and locales are in terminal*.t.
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux-lib.sh"

# ---------------------------------------------------------------------------
# 1. Start: the home screen, q quits with status 0.
if start start tty; then
	if home; then
		keys q
		exited 0
	else
		fail "no home screen with \"$title\" and \"$walk\""
	fi
else
	fail "the wrapper did not start"
fi
stop
report "start: the home screen shows the title and \"$walk\"; q quits with status 0; terminal restored"

# ---------------------------------------------------------------------------
# 2. The walk-through: Enter on the first entry, then step by step to the
# last, "Step N of M" in order with each step's page title; back once.
walk_ids=$(sed -n '/^  walkthrough:/,/^  [^ -]/s/^    - //p' content/guide.yaml)
steps=$(wc -w <<<"$walk_ids")
if start walk tty; then
	if ! home; then
		fail "no home screen"
	else
		keys Enter
		i=0
		for id in $walk_ids; do
			i=$((i + 1))
			t=$(page_title "$id")
			if ! wait_re "Step $i of $steps([^0-9]|\$)" || ! wait_text "$t"; then
				fail "step $i of $steps (page $id, \"$t\") did not appear"
				break
			fi
			[ "$i" -lt "$steps" ] && keys Enter
		done
		if [ ${#problems[@]} -eq 0 ]; then
			keys Left
			if ! wait_re "Step $((steps - 1)) of $steps([^0-9]|\$)" ||
				! wait_text "$(page_title "$(echo $walk_ids | awk '{ print $(NF - 1) }')")"; then
				fail "back from the last step did not show step $((steps - 1)) of $steps"
			fi
		fi
		keys q
		exited 0
	fi
else
	fail "the wrapper did not start"
fi
stop
report "walk-through: Step 1..$steps of $steps in the content's order, back shows the step before, q quits; terminal restored"

# ---------------------------------------------------------------------------
# 3. Search: on a page scrolled down, /potassium shows a match, highlighted;
# back returns to exactly that screen; n goes on to the prevention page, and
# back from there returns to the same screen too; a nonsense word says
# "No match for" and moves nothing.
sections=$(sed -n '/^  sections:/,/^  [^ -]/s/^    - //p' content/guide.yaml)
third=$(page_title "$(sed -n 3p <<<"$sections")")
prevention=$(page_title prevention)
if start search tty; then
	if ! home; then
		fail "no home screen"
	elif keys Down Down Down Down Enter && ! wait_until status_has "› $third"; then
		fail "Down Down Down Down Enter did not open the third section, \"$third\""
	elif keys NPage && ! wait_until status_re '[0-9]+%|End'; then
		fail "PgDn did not scroll \"$third\""
	else
		settle
		here=$scr
		keys / && text potassium && keys Enter
		if ! wait_until status_re 'Match 1 of [0-9]+'; then
			fail "/potassium did not go to \"Match 1 of ...\""
		else
			hits=$(tail -n 1 <<<"$scr" | sed -n 's/.*Match 1 of \([0-9]*\).*/\1/p')
			highlighted potassium || fail "the match is not highlighted"
			keys Escape
			wait_until same_as "$here" || fail "back after the search did not restore the screen from before it:" "$here" "now"
			keys / && text potassium && keys Enter
			found=
			for k in $(seq "$hits"); do
				if ! wait_until status_has "Match $k of $hits"; then
					fail "no \"Match $k of $hits\""
					break
				fi
				has potassium && highlighted potassium || fail "match $k of $hits: potassium not shown highlighted"
				# To the top of the page, where the status line names it.
				keys g
				wait_until status_has "Home ›" || fail "g did not go to the top of the page of match $k"
				if status_has "› $prevention"; then
					found=1
					break
				fi
				keys n
			done
			[ -n "$found" ] || fail "/potassium and n never reached \"$prevention\""
			keys Escape
			wait_until same_as "$here" || fail "back after the search and n did not restore the screen from before it:" "$here" "now"
			keys / && text xyzzyqwv && keys Enter
			if ! wait_until status_has "No match for" || ! status_has xyzzyqwv; then
				fail "a search for xyzzyqwv did not say \"No match for\" it"
			elif [ "$(sed '$d' <<<"$scr")" != "$(sed '$d' <<<"$here")" ]; then
				fail "a search with no match moved the screen from:" "$here" "to"
			fi
		fi
	fi
	keys q
	exited 0
else
	fail "the wrapper did not start"
fi
stop
report "search: /potassium highlighted, back restores the screen exactly, n reaches \"$prevention\", a miss says \"No match for\"; terminal restored"

# ---------------------------------------------------------------------------
# 4. Help: ? shows the keys, q and / among them; Esc and Left come back to
# the same screen; q quits from help.
if start help tty; then
	if ! home; then
		fail "no home screen"
	else
		here=$(screen)
		keys '?'
		if ! wait_text "Keys"; then
			fail "? did not show a \"Keys\" heading"
		else
			has_re '(^|[ ,])/([ ,]|$).*Search|Search.*(^|[ ,])/([ ,]|$)' || fail "the help does not list / (search)"
			# Quit is the last key of the list, below the first screen.
			keys End
			wait_until has_re '(^|[ ,])q([ ,]|$).*Quit|Quit.*(^|[ ,])q([ ,]|$)' ||
				fail "the help does not list q (quit)"
			keys Escape
			wait_until same_as "$here" || fail "Esc from help did not return to the home screen as it was"
			keys '?'
			wait_text "Keys" || fail "? did not show the help again"
			keys Left
			wait_until same_as "$here" || fail "Left from help did not return to the home screen as it was"
			keys '?'
			wait_text "Keys" || fail "? did not show the help again"
		fi
		keys q
		exited 0
	fi
else
	fail "the wrapper did not start"
fi
stop
report "help: ? shows Keys with q and /, Esc and Left return, q quits from help; terminal restored"

# ---------------------------------------------------------------------------
# 5. Ctrl-C on a page quits cleanly.
if start ctrl-c tty; then
	if ! home; then
		fail "no home screen"
	else
		keys Down Down Enter
		wait_gone "$walk" || fail "Enter on the first section did not open it"
		keys C-c
		exited 0 130
		echo "# Ctrl-C: exit status ${rc:-none}"
	fi
else
	fail "the wrapper did not start"
fi
stop
report "Ctrl-C on a page quits with status 0 or 130; terminal restored"

done_testing
