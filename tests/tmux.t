#!/usr/bin/env bash
# The interactive guide in a real terminal: tmux runs crampguide in a pane,
# send-keys types and capture-pane reads the screen.  Every wait polls the
# pane (or a file) until it matches, with a deadline; no sleep is used to
# wait for the program.  Every run checks the exit status and that the
# terminal is left as it was found: the same `stty -g`, the same pane modes
# (alternate screen, cursor, keypad, mouse) and the screen from before the
# run back, with nothing added.
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

timeout=10	# seconds any one wait may take
sock=crampguide-test-$$
tm() { tmux -L "$sock" -f /dev/null "$@"; }

# Each case runs in its own session (tmux 3.3a crashes on new-window in a
# detached session whose windows are sized manually).  Whatever is still
# running at the end is stopped by its process id.
cleanup() {
	local f pid
	tm kill-server >/dev/null 2>&1
	for f in "$tmp"/*/pid; do
		[ -s "$f" ] || continue
		pid=$(cat "$f")
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	done
	chmod -R u+rwx "$tmp" 2>/dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT

mkdir -p "$tmp/home"
if ! env -i PATH="$PATH" HOME="$tmp/home" LC_ALL=C.UTF-8 TZ=UTC TERM="$term" SHELL=/bin/sh \
	tmux -L "$sock" -f /dev/null new-session -d -s idle -x 80 -y 24 'exec cat'; then
	echo "1..0 # skip cannot start a tmux server"
	exit 0
fi
tm set -g status off
tm set -g default-terminal "$term"
tm set -g history-limit 5000

# The wrapper runs in the pane in place of a shell: it records the tty's
# modes, waits for the go-ahead, runs crampguide (its pid in DIR/pid,
# stderr in DIR/stderr when asked), then records the status and the modes
# again.  `trap : INT` lets the wrapper outlive a Ctrl-C meant for
# crampguide, which (a caught signal being reset by exec) still gets it.
cat >"$tmp/wrap.sh" <<'EOF'
d=$1 err=$2
shift 2
trap : INT
echo "crampguide tmux test: ${d##*/}"
stty -g >"$d/stty.before"
echo ready >"$d/ready"
read -r _ <"$d/go"
if [ "$err" = file ]; then
	sh -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$d/pid" "$@" 2>"$d/stderr"
else
	sh -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$d/pid" "$@"
fi
rc=$?
stty -g >"$d/stty.after"
echo "crampguide exited with status $rc"
echo "$rc" >"$d/rc.tmp" && mv "$d/rc.tmp" "$d/rc"
read -r _ <"$d/end"
EOF

modes_format='alternate=#{alternate_on} cursor=#{cursor_flag} insert=#{insert_flag}'
modes_format="$modes_format keypad-cursor=#{keypad_cursor_flag} keypad=#{keypad_flag}"
modes_format="$modes_format mouse=#{mouse_any_flag}#{mouse_all_flag}#{mouse_button_flag}#{mouse_standard_flag}#{mouse_sgr_flag}#{mouse_utf8_flag}"
modes_format="$modes_format origin=#{origin_flag} wrap=#{wrap_flag}"
modes_format="$modes_format region=#{scroll_region_upper}-#{scroll_region_lower}"

# The current case: its name, directory, tmux target, and what was there before.
name= d= win= scr= before_screen= before_modes=
problems=()

now_us() { echo "${EPOCHREALTIME/./}"; }
screen() { tm capture-pane -p -t "$win"; }
modes() { tm display -p -t "$win" "$modes_format"; }
keys() { tm send-keys -t "$win" "$@"; }
text() { tm send-keys -t "$win" -l "$1"; }
resize() { tm resize-window -t "$win" -x "$1" -y "$2"; }

# wait_until CMD...: poll every 0.05 s until CMD succeeds, for at most
# $timeout seconds; $scr holds the last screen seen.
wait_until() {
	local end=$(($(now_us) + timeout * 1000000))
	while :; do
		scr=$(screen)
		"$@" && return 0
		[ "$(now_us)" -lt "$end" ] || return 1
		sleep 0.05
	done
}
has() { grep -qF -- "$1" <<<"$scr"; }
has_re() { grep -qE -- "$1" <<<"$scr"; }
lacks() { ! grep -qF -- "$1" <<<"$scr"; }
exists() { [ -s "$1" ]; }
wait_text() { wait_until has "$1"; }
wait_re() { wait_until has_re "$1"; }
wait_gone() { wait_until lacks "$1"; }
wait_file() { wait_until exists "$1"; }

# The last line of the screen, the status line.
status_has() { tail -n 1 <<<"$scr" | grep -qF -- "$1"; }
status_re() { tail -n 1 <<<"$scr" | grep -qE -- "$1"; }
same_as() { [ "$scr" = "$1" ]; }
# settle: wait until the screen stops changing (two captures alike).
last=
same_twice() { [ "$scr" = "$last" ] && return 0; last=$scr; return 1; }
settle() { last=; wait_until same_twice; }
# highlighted WORD: WORD is drawn right after a change of style.
highlighted() { tm capture-pane -p -e -t "$win" | grep -qiE $'\e''\[[0-9;]*m'"$1"; }

# The screen as TAP comment lines (not_ok adds the "# ").
shown() { printf 'the screen:\n%s' "$scr"; }

# start NAME STDERR [PREFIX...]: a new session running PREFIX crampguide
# under the wrapper (STDERR "file" keeps stderr in $d/stderr, "tty" leaves
# it on the terminal); returns once the program has been let go.
start() {
	name=$1
	local err=$2
	shift 2
	d=$tmp/$name
	problems=()
	mkdir -p "$d" && mkfifo "$d/go" "$d/end" || return 1
	win=$(tm new-session -d -P -F '#{window_id}' -s "$name" -x 80 -y 24 -c "$TOP" \
		sh "$tmp/wrap.sh" "$d" "$err" "$@" "$CRAMPGUIDE") || return 1
	tm set -w -t "$win" window-size manual
	resize 80 24
	wait_file "$d/ready" && wait_text "crampguide tmux test: $name" || return 1
	before_screen=$(screen)
	before_modes=$(modes)
	# (a write to a fifo with no reader would block for ever)
	timeout "$timeout" sh -c 'echo go >"$1"' sh "$d/go"
}

# stop: end the case's session (the wrapper, and crampguide if it is still there).
stop() {
	local pid
	tm kill-session -t "$name" 2>/dev/null
	if [ -s "$d/pid" ] && [ ! -e "$d/rc" ]; then
		pid=$(cat "$d/pid")
		kill -0 "$pid" 2>/dev/null && kill -KILL "$pid" 2>/dev/null
	fi
}

# pid: crampguide's process id, once it has started.
pid() { cat "$d/pid" 2>/dev/null; }
alive() { [ -s "$d/pid" ] && [ ! -e "$d/rc" ] && kill -0 "$(pid)" 2>/dev/null; }

# exited STATUS...: wait for crampguide to exit, then check that its status
# is one of STATUS and that the terminal is as before: stty -g, the pane's
# modes, and (unless $keep_output) the screen, which must be the one from
# before the run plus the wrapper's status line.  Adds to problems[];
# sets $rc.
rc=
exited() {
	local want=" $* " after_modes expect
	rc=
	if ! wait_file "$d/rc"; then
		problems+=("crampguide did not exit within ${timeout}s" "$(shown)")
		return 1
	fi
	rc=$(cat "$d/rc")
	case $want in *" $rc "*) ;; *) problems+=("exit status $rc, want one of:$want") ;; esac
	if ! cmp -s "$d/stty.before" "$d/stty.after"; then
		problems+=("stty -g before: $(cat "$d/stty.before")" "stty -g after:  $(cat "$d/stty.after")")
	fi
	wait_text "crampguide exited with status $rc"
	after_modes=$(modes)
	if [ "$after_modes" != "$before_modes" ]; then
		problems+=("terminal modes before: $before_modes" "terminal modes after:  $after_modes")
	fi
	if [ -z "${keep_output:-}" ]; then
		expect=$(printf '%s\ncrampguide exited with status %s' "$before_screen" "$rc")
		if [ "$(screen)" != "$expect" ]; then
			problems+=("the screen after exit is not the one from before plus the status line" "$(shown)")
		fi
	fi
	return 0
}

# report DESC: ok when no problem was found in this case, else not ok with them.
report() {
	if [ ${#problems[@]} -eq 0 ]; then
		ok "$1"
	else
		not_ok "$1" "${problems[@]}"
	fi
}

# fail DESC [LINE...]: record a problem, then the current screen, for `report`.
fail() { problems+=("$@" "$(shown)"); }

# The title of the page with id ID, from the content files.
page_title() {
	awk -v id="$1" '/^  - id: / { cur = $3 } cur == id && /^    title: / { sub(/^    title: /, ""); print; exit }' content/*.yaml
}

title="Leg cramps: a self-help guide"
walk="Start the guided walk-through"

# home: wait for the home screen.
home() { wait_text "$title" && wait_text "$walk"; }

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
# 5. Resize storm: 1x1, 1x200, 200x1, 4x4 and random sizes, one at a time
# and in a burst, then a size too small to use, then 80x24: alive
# throughout, the home screen back as it was, then q.
if start resize tty; then
	if ! home; then
		fail "no home screen"
	else
		settle
		first=$scr
		RANDOM=3
		sizes="1x1 1x200 200x1 4x4 2x1 1x2 3x3"
		for _ in $(seq 30); do
			sizes="$sizes $((RANDOM % 200 + 1))x$((RANDOM % 60 + 1))"
		done
		sizes="$sizes 1x1 80x24 1x1"
		# Once letting each size be drawn (curses only sees the latest
		# size, so a burst alone would skip most), then as one burst.
		for s in $sizes; do
			resize "${s%x*}" "${s#*x}"
			settle
			alive || break
		done
		alive || problems+=("crampguide died during the resize storm, at $s of: $sizes")
		for s in $sizes; do
			resize "${s%x*}" "${s#*x}"
		done
		alive || problems+=("crampguide died during a burst of resizes: $sizes")
		resize 10 4
		wait_re '[Tt]oo small' || fail "no \"too small\" screen at 10x4"
		resize 80 24
		wait_until same_as "$first" ||
			fail "the home screen did not come back as it was at 80x24 after: $sizes 10x4" "$first" "now"
		alive || problems+=("crampguide is not running after the resize storm")
		keys q
		exited 0
	fi
else
	fail "the wrapper did not start"
fi
stop
report "resize storm: alive through 40 sizes down to 1x1, too small at 10x4, home back at 80x24, q quits; terminal restored"

# ---------------------------------------------------------------------------
# 6. Ctrl-C on a page quits cleanly.
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

# ---------------------------------------------------------------------------
# 7. A terminal curses cannot drive: one line on stderr, the plain guide on
# the terminal, status 0.
"$CRAMPGUIDE" --plain >"$tmp/plain.txt" 2>&1
for how in "TERM=dumb" "TERM unset" "TERM=nosuchterm"; do
	case $how in
	"TERM unset") prefix=(env -u TERM) tag=unset ;;
	*) prefix=(env "$how") tag=${how#TERM=} ;;
	esac
	keep_output=1
	if start "term-$tag" file "${prefix[@]}"; then
		if exited 0; then
			# Everything between the wrapper's two lines, wrapped lines joined.
			tm capture-pane -p -J -S - -E - -t "$win" |
				sed -e '0,/^crampguide tmux test: /d' -e '/^crampguide exited with status /,$d' \
					>"$d/shown.txt"
			if ! diff -u "$tmp/plain.txt" "$d/shown.txt" >"$d/diff"; then
				problems+=("the terminal does not show the plain guide (crampguide --plain):" "$(head -20 "$d/diff")")
			fi
			lines=$(wc -l <"$d/stderr")
			if [ "$lines" -ne 1 ] || ! grep -q '^crampguide: .*cannot show the interactive guide' "$d/stderr"; then
				problems+=("want one line \"crampguide: ... cannot show the interactive guide ...\" on stderr, got $lines:" "$(head -5 "$d/stderr")")
			fi
		fi
	else
		fail "the wrapper did not start"
	fi
	stop
	keep_output=
	report "$how: one line on stderr, the plain guide on the terminal, status 0; terminal restored"
done

# ---------------------------------------------------------------------------
# 8. SIGTERM, SIGHUP and SIGINT (from kill, not a key) on a page: the terminal is restored and the status
# says the signal (128 + its number).
for sig in TERM HUP INT; do
	if start "sig$sig" tty; then
		if ! home; then
			fail "no home screen"
		else
			keys Down Down Enter
			wait_gone "$walk" || fail "Enter on the first section did not open it"
			kill -"$sig" "$(pid)"
			exited $((128 + $(kill -l "$sig")))
		fi
	else
		fail "the wrapper did not start"
	fi
	stop
	report "SIG$sig on a page: status $((128 + $(kill -l "$sig"))); terminal restored"
done

# ---------------------------------------------------------------------------
# 9. Ctrl-Z in a shell with job control: the terminal is given back while
# the guide is stopped, fg brings the same screen back, q then exits 0.
# (Under the wrapper the process group is orphaned and the kernel would
# drop the stop, so this case types into an interactive sh instead.)
prompt() { [ "$(sed '/^$/d' <<<"$scr" | tail -n 1)" = '$' ]; }
name=suspend d=$tmp/suspend problems=()
mkdir -p "$d"
overview=$(page_title "$(sed -n 1p <<<"$sections")")
if win=$(tm new-session -d -P -F '#{window_id}' -s "$name" -x 80 -y 24 -c "$TOP" \
	env PS1='$ ' ENV= sh -i) && wait_until prompt; then
	tty=$(tm display -p -t "$win" '#{pane_tty}')
	before_stty=$(stty -g -F "$tty")
	before_modes=$(modes)
	text "$(printf '%q' "$CRAMPGUIDE")"
	keys Enter
	if ! home; then
		fail "no home screen"
	elif keys Down Down Enter && ! wait_until status_has "› $overview"; then
		fail "Down Down Enter did not open \"$overview\""
	else
		pgrep -P "$(tm display -p -t "$win" '#{pane_pid}')" >"$d/pid"
		settle
		page=$scr
		keys C-z
		if ! wait_text "Stopped"; then
			fail "Ctrl-Z did not stop the guide"
		else
			[ "$(stty -g -F "$tty")" = "$before_stty" ] ||
				problems+=("stty -g before: $before_stty" "stty -g while stopped: $(stty -g -F "$tty")")
			[ "$(modes)" = "$before_modes" ] ||
				problems+=("terminal modes before: $before_modes" "terminal modes while stopped: $(modes)")
			has "$overview" && fail "the guide's screen is still there while it is stopped"
			text fg
			keys Enter
			wait_until same_as "$page" || fail "fg did not bring back the screen from before Ctrl-Z:" "$page" "now"
		fi
	fi
	keys q
	if ! wait_until prompt; then
		fail "q did not return to the shell"
	else
		text 'echo "status $?"'
		keys Enter
		wait_text "status 0" || fail "want status 0 from q after fg"
		[ "$(stty -g -F "$tty")" = "$before_stty" ] ||
			problems+=("stty -g before: $before_stty" "stty -g after: $(stty -g -F "$tty")")
		[ "$(modes)" = "$before_modes" ] ||
			problems+=("terminal modes before: $before_modes" "terminal modes after: $(modes)")
	fi
else
	fail "no shell prompt"
fi
stop
report "Ctrl-Z stops the guide with the terminal given back, fg redraws the same screen, q exits 0; terminal restored"

done_testing
