#!/usr/bin/env bash
# The interactive guide in a real terminal under stress (helpers in
# tmux-lib.sh): storms of random resizes on a page and on the search
# prompt, checked screen by screen against the scripted mode; SIGINT,
# SIGTERM and SIGHUP on four screens; the terminal going away; Ctrl-Z and
# fg, on a screen and with a line open for typing.  Every run checks the exit status and that the terminal is left as it
# was found (stty -g, the pane's modes, the cursor visible, the alternate
# screen left).
#
# The storm's sizes come from a seed, printed as a TAP comment; replay a
# run with STORM_SEED=N (and STORM_SIZES=N for the number of random sizes).
set -u
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/tmux-lib.sh"

sections=$(sed -n '/^  sections:/,/^  [^ -]/s/^    - //p' content/guide.yaml)

# ---------------------------------------------------------------------------
# 1. Resize storms.  The sizes: 1x1, 1x200, 200x1 and 4x4 among random ones
# (a third near the smallest usable size, 20x6, a third up to 120x40, a
# third up to 240x80), then 80x24.  Each size is set in turn and the pane
# must show, at each one, exactly the screen the scripted mode draws after
# the same resizes: on a page opened from the home screen, all the sizes;
# on the search prompt with a word typed (the cursor shown), 40 of them.
# Then, on the page, all the sizes again as one burst, too fast to draw,
# and 80x24: the page must be back as it was first drawn.
#
# tmux resizes a pane at most four times a second, so the storms take
# their time: they run in the background, each in its own pane, while the
# other cases go on, and report at the end.
seed=${STORM_SEED:-$(( (${SRANDOM:-$RANDOM} ^ $$) % 1000000 ))}
count=${STORM_SIZES:-100}
echo "# resize storm: seed $seed, $count random sizes (replay: STORM_SEED=$seed STORM_SIZES=$count)"
rng=$seed
# rand N: a number from 1 to N in $r, from a fixed generator (the same
# sizes from the same seed, whatever the shell's own RANDOM does).
rand() {
	rng=$(( (rng * 1103515245 + 12345) % 2147483648 ))
	r=$(( (rng >> 16) % $1 + 1 ))
}
sizes=()
for ((i = 0; i < count; i++)); do
	rand 3
	case $r in
	1) rand 24; w=$r; rand 8; h=$r ;;
	2) rand 120; w=$r; rand 40; h=$r ;;
	3) rand 240; w=$r; rand 80; h=$r ;;
	esac
	sizes+=("${w}x$h")
done
# The corner cases, each at a random place.
for s in 1x1 1x200 200x1 4x4; do
	rand "${#sizes[@]}"
	sizes=("${sizes[@]:0:r}" "$s" "${sizes[@]:r}")
done
prompt_sizes=("${sizes[@]:0:36}" 1x1 4x4 1x200 200x1 80x24)
sizes+=(80x24)

# save_problems FILE: problems[] into FILE, NUL-separated.
save_problems() {
	: >"$1"
	[ ${#problems[@]} -eq 0 ] || printf '%s\0' "${problems[@]}" >"$1"
}

# storm NAME SCRIPT KEYS SIZE...: in a new pane (the case NAME), type
# KEYS (send-keys arguments; SCRIPT is the same as a script line), then go
# through the SIZEs, each compared with the scripted mode's dump.  Its
# problems go to $tmp/NAME.problems; the guide is left running at 80x24
# when all went well, else it is quit.
storm() {
	local sname=$1 script=$2 keys=$3 i s
	shift 3
	local list=("$@")
	{
		echo "$script"
		echo ":dump 0.txt"
		for i in "${!list[@]}"; do
			echo ":resize ${list[i]}"
			echo ":dump $((i + 1)).txt"
		done
	} >"$tmp/$sname.keys"
	if ! scripted "$tmp/$sname" "$tmp/$sname.keys"; then
		:
	elif ! start "$sname" tty; then
		fail "the wrapper did not start"
	elif ! home; then
		fail "no home screen"
	elif keys $keys && ! wait_until same_file "$tmp/$sname/0.txt"; then
		fail "$keys did not show the screen the scripted mode draws:" "$(cat "$tmp/$sname/0.txt")" "now"
	else
		for i in "${!list[@]}"; do
			s=${list[i]}
			resize "${s%x*}" "${s#*x}"
			wait_until same_file "$tmp/$sname/$((i + 1)).txt" && continue
			if alive; then
				fail "at $s (size $((i + 1)) of ${#list[@]}) the screen is not the one the scripted mode draws:" \
					"$(diff <(echo "$(cat "$tmp/$sname/$((i + 1)).txt")") <(echo "$scr") | head -40)" \
					"sizes so far: ${list[*]:0:i+1}"
			else
				problems+=("crampguide died at $s (size $((i + 1)) of ${#list[@]}); sizes so far: ${list[*]:0:i+1}")
			fi
			break
		done
	fi
	save_problems "$tmp/$sname.problems"
	if [ ${#problems[@]} -ne 0 ]; then
		resize 80 24
		keys C-c
		stop
		return 1
	fi
}

# flood: after the page's storm, too fast to draw: every size again, as
# one tmux command line (tmux passes on the first and the last), then
# straight into the tty (stty sets the size and the kernel sends SIGWINCH
# each time, while the guide is still drawing the size before).  Then the
# terminal and the tty agree again: at 40x12 (a size the guide cannot
# mistake for the last one it saw, so it must redraw all of the screen,
# whatever the flood left on it) the page as the scripted mode draws it
# there, and at 80x24 exactly as it was first drawn.
flood() {
	local s tty burst=()

	printf '%s\n:resize 40x12\n:dump mid.txt\n' "$(to_section 3 "<>")" >"$tmp/flood.keys"
	scripted "$tmp/flood" "$tmp/flood.keys" || return
	for s in "${sizes[@]}"; do
		burst+=(resize-window -t "$win" -x "${s%x*}" -y "${s#*x}" ';')
	done
	tm "${burst[@]}"
	tty=$(tm display -p -t "$win" '#{pane_tty}')
	for s in "${sizes[@]}"; do
		stty -F "$tty" rows "${s#*x}" cols "${s%x*}" || problems+=("stty could not set $tty to $s")
	done
	alive || problems+=("crampguide died during the burst of resizes")
	resize 40 12
	if ! wait_until same_file "$tmp/flood/mid.txt"; then
		if alive; then
			fail "after the burst, at 40x12, the page is not the one the scripted mode draws:" \
				"$(diff "$tmp/flood/mid.txt" <(echo "$scr") | head -40)"
		else
			problems+=("crampguide died during the burst of resizes")
		fi
		return
	fi
	resize 80 24
	wait_until same_file "$tmp/page-storm/0.txt" ||
		fail "after the burst, at 80x24, the page is not as it was first drawn:" \
			"$(diff "$tmp/page-storm/0.txt" <(echo "$scr") | head -40)"
}

{
	if storm page-storm "$(to_section 3 "<>")" "$(to_section 3)" "${sizes[@]}"; then
		flood
		keys q
		exited 0
		stop
		save_problems "$tmp/flood.problems"
	else
		printf 'not run: the storm before it failed\0' >"$tmp/flood.problems"
	fi
} &
storm_pids=$!
{
	if storm prompt-storm "/leg<Space>cr" "/ l e g Space c r" "${prompt_sizes[@]}"; then
		keys Escape q
		exited 0
		stop
		save_problems "$tmp/prompt-storm.problems"
	fi
} &
storm_pids+=" $!"

# ---------------------------------------------------------------------------
# 2. SIGINT, SIGTERM and SIGHUP (from kill: Ctrl-C is a key to the guide)
# on the home screen, a page, the help and the search prompt (where the
# cursor is shown): the terminal is restored and the status says the
# signal, 128 + its number (docs/crampguide.1, EXIT STATUS).
overview=$(page_title "$(sed -n 1p <<<"$sections")")

# on_screen NAME: from the home screen, go to screen NAME and wait for it.
on_screen() {
	case $1 in
	home) return 0 ;;
	page) keys $(to_section 1) && wait_until status_has "› $overview" ;;
	help) keys '?' && wait_text "Keys" ;;
	search-prompt) keys / && text "leg cr" && wait_until status_has "Search: leg cr" ;;
	esac
}

for sig in INT TERM HUP; do
	want=$((128 + $(kill -l "$sig")))
	for where in home page help search-prompt; do
		if ! start "sig$sig-$where" tty; then
			fail "the wrapper did not start"
		elif ! home; then
			fail "no home screen"
		elif ! on_screen "$where"; then
			fail "could not get to the $where screen"
			keys C-c
			exited 0
		else
			kill -"$sig" "$(pid)"
			exited "$want"
		fi
		stop
		report "SIG$sig on the $where screen: status $want; stty, cursor, alternate screen and screen restored"
	done
done

# ---------------------------------------------------------------------------
# 3. The terminal goes away (its window is closed) while a page is shown.
# When the shell it was started from dies of it, the guide is sent SIGHUP
# too (status 129), though it may find the terminal gone first ("lost the
# terminal", status 1); when the shell lives on, the guide gets no signal
# and must find out by itself (status 1).  Either way it must leave at
# once, not hang or spin on a terminal that is gone.
for how in hangup hangup-kept; do
	case $how in
	hangup) want="129 1" what="the shell dies of it" ;;
	hangup-kept) want=1 what="the shell lives on" ;;
	esac
	if ! start "$how" "$how"; then
		fail "the wrapper did not start"
	elif ! home || ! on_screen page; then
		fail "could not open \"$overview\""
	else
		tm kill-session -t "=$how"
		win=
		# A deadline three times the usual: a hang never ends, but a
		# machine busy with other work can delay the exit a while.
		saved_timeout=$timeout timeout=$((timeout * 3))
		wait_file "$d/rc"
		got=$? timeout=$saved_timeout
		if [ $got != 0 ]; then
			problems+=("crampguide did not exit within $((timeout * 3))s of its terminal going away")
			alive && problems+=("$(ps -o pid,stat,time,cmd -p "$(pid)")")
		else
			rc=$(cat "$d/rc")
			case " $want " in *" $rc "*) ;; *) problems+=("exit status $rc, want one of: $want") ;; esac
			echo "# terminal closed, $what: exit status $rc"
		fi
	fi
	stop
	report "the terminal closed under a page, $what: status $want within $((timeout * 3))s"
done

# ---------------------------------------------------------------------------
# 4. Ctrl-Z in a shell with job control, on a page and on the help: the
# terminal is given back while the guide is stopped (stty, the cursor
# shown, the alternate screen left, the guide's screen gone), fg brings the
# same screen back; q then exits 0 and the terminal is as before.  (Under
# the wrapper the process group is orphaned and the kernel would drop the
# stop, so this case types into an interactive sh instead.)
prompt() { [ "$(sed '/^$/d' <<<"$scr" | tail -n 1)" = '$' ]; }
# given_back WHEN: the tty and the pane as they were before the guide started.
given_back() {
	[ "$(stty -g -F "$tty")" = "$before_stty" ] ||
		problems+=("stty -g before: $before_stty" "stty -g $1: $(stty -g -F "$tty")")
	[ "$(modes)" = "$before_modes" ] ||
		problems+=("terminal modes before: $before_modes" "terminal modes $1: $(modes)")
}
# quit_to_shell: q returns to the shell with status 0 and the tty as before.
quit_to_shell() {
	keys q
	if ! wait_until prompt; then
		fail "q did not return to the shell"
	else
		text 'echo "status $?"'
		keys Enter
		wait_text "status 0" || fail "want status 0 from q after fg"
		given_back "after q"
	fi
}
name=suspend d=$tmp/suspend problems=()
mkdir -p "$d"
if win=$(tm new-session -d -P -F '#{window_id}' -s "$name" -x 80 -y 24 -c "$TOP" \
	env PS1='$ ' ENV= sh -i) && wait_until prompt; then
	tty=$(tm display -p -t "$win" '#{pane_tty}')
	before_stty=$(stty -g -F "$tty")
	before_modes=$(modes)
	case " $before_modes " in
	*" alternate=0 cursor=1 "*) ;;
	*) problems+=("the shell's terminal: $before_modes, want alternate=0 cursor=1") ;;
	esac
	text "$(printf '%q' "$CRAMPGUIDE")"
	keys Enter
	if ! home; then
		fail "no home screen"
	elif ! on_screen page; then
		fail "$(to_section 1) did not open \"$overview\""
	else
		pgrep -P "$(tm display -p -t "$win" '#{pane_pid}')" >"$d/pid"
		for where in page help; do
			[ "$where" = help ] && ! on_screen help && fail "? did not show the help" && break
			settle
			here=$scr
			keys C-z
			if ! wait_text "Stopped"; then
				fail "Ctrl-Z on the $where screen did not stop the guide"
				break
			fi
			given_back "while stopped on the $where screen"
			has "$overview" && fail "the guide's screen is still there while it is stopped"
			text fg
			keys Enter
			wait_until same_as "$here" || fail "fg did not bring back the $where screen from before Ctrl-Z:" "$here" "now"
		done
	fi
	quit_to_shell
	# Stopped, then SIGTERM, which arrives with fg: status 143, and the
	# shell's lines from before stay where they were (leaving the screen
	# twice would put the cursor back above them).
	if [ ${#problems[@]} -eq 0 ]; then
		tm clear-history -t "$win"
		text clear
		keys Enter
		wait_until prompt
		text "$(printf '%q' "$CRAMPGUIDE")"
		keys Enter
		if ! home; then
			fail "no home screen the second time"
		else
			keys C-z
			if ! wait_text "Stopped"; then
				fail "Ctrl-Z did not stop the guide the second time"
			else
				text 'kill -TERM %1'
				keys Enter
				wait_until prompt
				text fg
				keys Enter
				wait_until prompt
				text 'echo "status $?"'
				keys Enter
				wait_text "status 143" || fail "want status 143 from SIGTERM while stopped, after fg"
				settle
				here=$(sed '/^$/d' <<<"$scr")
				want=$(printf '%s\n' "$ $CRAMPGUIDE" "*Stopped*" '$ kill -TERM %1' '$ fg' "$CRAMPGUIDE" \
					'$ echo "status $?"' 'status 143' '$')
				# Line by line, the Stopped line as a pattern.
				mapfile -t got <<<"$here"
				mapfile -t exp <<<"$want"
				ok_lines=1
				for i in "${!exp[@]}"; do
					# shellcheck disable=SC2053
					[[ ${got[i]:-} == ${exp[i]} ]] || [ "${got[i]:-}" = "${exp[i]}" ] || ok_lines=
				done
				[ -n "$ok_lines" ] || fail "the shell's lines are not as they were written; want:" "$want" "got"
				given_back "after SIGTERM while stopped"
			fi
		fi
	fi
else
	fail "no shell prompt"
fi
stop
report "Ctrl-Z on a page and on the help stops the guide with the terminal given back, fg redraws the same screen, q exits 0; SIGTERM while stopped exits 143 after fg; terminal restored, the shell's lines untouched"

# ---------------------------------------------------------------------------
# 5. Ctrl-Z while a line is open for typing: on the search line with a word
# typed, and on a one-key question (the sheet's "Save as"), the guide
# stops with the terminal given back and the shell's prompt showing; fg
# brings the line back with what was typed, and it still works: Enter
# searches, t answers the question.
name=suspend-line d=$tmp/suspend-line problems=()
mkdir -p "$d"
# bottom_has TEXT: the pane's last non-empty line holds TEXT.
bottom_has() { [[ $(sed '/^$/d' <<<"$scr" | tail -n 1) == *"$1"* ]]; }
# pause_here WHAT: Ctrl-Z, the shell back with the terminal as it was, fg.
pause_here() {
	keys C-z
	if ! wait_text "Stopped"; then
		fail "Ctrl-Z on $1 did not stop the guide"
		return 1
	fi
	wait_until prompt || fail "no shell prompt after Ctrl-Z on $1"
	given_back "while stopped on $1"
	text fg
	keys Enter
}
if win=$(tm new-session -d -P -F '#{window_id}' -s "$name" -x 80 -y 24 -c "$TOP" \
	env PS1='$ ' ENV= sh -i) && wait_until prompt; then
	tty=$(tm display -p -t "$win" '#{pane_tty}')
	before_stty=$(stty -g -F "$tty")
	before_modes=$(modes)
	text "$(printf '%q' "$CRAMPGUIDE")"
	keys Enter
	if ! home; then
		fail "no home screen"
	else
		keys /
		text cramp
		if ! wait_until bottom_has "Search: cramp"; then
			fail "/ and cramp did not show the search line with cramp"
		elif pause_here "the search line"; then
			wait_until bottom_has "Search: cramp" ||
				fail "fg did not bring back the search line with cramp"
			keys Enter
			wait_until bottom_has "for 'cramp'" || fail "Enter after fg did not search for cramp"
		fi
		keys t
		if ! wait_text "Your tip sheet"; then
			fail "t did not open the tip sheet"
		else
			keys s
			if ! wait_until bottom_has "Save as t: text"; then
				fail "s did not ask for the format"
			elif pause_here "the Save as question"; then
				wait_until bottom_has "Save as t: text" || fail "fg did not bring back the Save as question"
				keys t
				wait_until bottom_has "crampguide-tips.txt" || fail "t after fg did not answer the question"
				keys Escape
			fi
		fi
	fi
	quit_to_shell
else
	fail "no shell prompt"
fi
stop
report "Ctrl-Z on the search line and on a one-key question stops the guide with the shell's prompt back and stty as before; fg brings the line back with what was typed, and Enter (or the answer) still works"

# The storms' results, once they are over.
wait $storm_pids
for part in page-storm flood prompt-storm; do
	problems=()
	if [ -f "$tmp/$part.problems" ]; then
		mapfile -d '' problems <"$tmp/$part.problems"
	else
		problems=("the storm stopped before it could say how it went")
	fi
	case $part in
	page-storm) report "resize storm (seed $seed): a page at each of ${#sizes[@]} sizes, from 1x1 to 240x80 and back to 80x24, as the scripted mode draws it" ;;
	flood) report "resize storm (seed $seed): the same sizes as one burst through tmux and through the tty, then 40x12 and 80x24: the page as the scripted mode draws it; q exits 0; terminal restored" ;;
	prompt-storm) report "resize storm (seed $seed): the search prompt at each of ${#prompt_sizes[@]} sizes as the scripted mode draws it; Esc, q exits 0; terminal restored" ;;
	esac
done

done_testing
