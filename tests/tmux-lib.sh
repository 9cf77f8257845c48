# tmux-lib.sh - what the real-terminal tests (tests/tmux.t,
# tests/terminal.t) share: a private tmux server, a wrapper that runs
# crampguide in a pane and records the tty's modes and the exit status,
# waits that poll the pane with a deadline (never a bare sleep), and the
# checks that the terminal is left as it was found.  Source it after
# lib.sh; it exits with a skip when tmux or a terminfo entry is missing.

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

# Seconds any one wait may take: generous, for a sanitizer build on a
# loaded machine; a wait that matches returns at once.
timeout=${TMUX_TEST_TIMEOUT:-10}
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

# The panes get a clean environment; the content directory is named so that
# a binary built elsewhere ($CRAMPGUIDE, e.g. a sanitizer build) finds it,
# and the sanitizers' settings go through.
pane_env=(PATH="$PATH" HOME="$tmp/home" LC_ALL=C.UTF-8 TZ=UTC TERM="$term" SHELL=/bin/sh
	CRAMPGUIDE_CONTENT="$TOP/content")
for v in ASAN_OPTIONS UBSAN_OPTIONS LSAN_OPTIONS; do
	[ -n "${!v:-}" ] && pane_env+=("$v=${!v}")
done
mkdir -p "$tmp/home"
if ! env -i "${pane_env[@]}" tmux -L "$sock" -f /dev/null new-session -d -s idle -x 80 -y 24 'exec cat'; then
	echo "1..0 # skip cannot start a tmux server"
	exit 0
fi
tm set -g status off
tm set -g default-terminal "$term"
tm set -g history-limit 5000

# The wrapper runs in the pane in place of a shell: it records the tty's
# modes, waits for the go-ahead, runs the command (its pid in DIR/pid), then
# records the status and the modes again.  IO says where the command's
# streams go: "tty" leaves them all on the terminal, "err" sends stderr to
# DIR/stderr, "in-null" also reads stdin from /dev/null.  Two are for cases
# that close the terminal, where the wrapper records the status and leaves
# at once: with "hangup" the wrapper dies of the hangup like a shell, and a
# monitor between it and the command outlives it to record the status; with
# "hangup-kept" the wrapper itself outlives the hangup, so the command is
# sent no SIGHUP and finds its terminal gone.  `trap : INT` lets the
# wrapper outlive a Ctrl-C meant for crampguide, which (a caught signal
# being reset by exec) still gets it; the same goes for SIGHUP.
cat >"$tmp/wrap.sh" <<'EOF'
d=$1 io=$2
shift 2
run() { sh -c 'echo $$ >"$0.tmp" && mv "$0.tmp" "$0" && exec "$@"' "$d/pid" "$@"; }
status() { echo "$1" >"$d/rc.tmp" && mv "$d/rc.tmp" "$d/rc"; }
if [ "$io" = monitor ]; then
	trap : HUP
	run "$@"
	status $?
	exit
fi
trap : INT
[ "$io" = hangup-kept ] && trap : HUP
echo "crampguide tmux test: ${d##*/}"
stty -g >"$d/stty.before"
echo ready >"$d/ready"
read -r _ <"$d/go"
case $io in
tty | hangup-kept) run "$@" ;;
hangup) sh "$0" "$d" monitor "$@" ;;
err) run "$@" 2>"$d/stderr" ;;
in-null) run "$@" </dev/null 2>"$d/stderr" ;;
esac
rc=$?
case $io in hangup*) [ "$io" = hangup ] || status $rc; exit ;; esac
stty -g >"$d/stty.after"
echo "crampguide exited with status $rc"
status $rc
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

screen() { tm capture-pane -p -t "$win"; }
modes() { tm display -p -t "$win" "$modes_format"; }
keys() { tm send-keys -t "$win" "$@"; }
text() { tm send-keys -t "$win" -l "$1"; }
# resize W H: the pane's new size, kept in $width and $height.
width=80 height=24
resize() { width=$1 height=$2; tm resize-window -t "$win" -x "$1" -y "$2"; }

# The waits run a few thousand times: they pause with `read -t` on a fifo
# nobody writes to, and compare in the shell, rather than start a process.
mkfifo "$tmp/never"
exec {never}<>"$tmp/never"
pause() { read -r -t "$1" -u "$never" _; }

# wait_until CMD...: poll every $poll seconds until CMD succeeds, for at
# most $timeout seconds; $scr holds the last screen seen (none once $win
# is emptied: the window is gone).
poll=0.05
wait_until() {
	local end=$((${EPOCHREALTIME/./} + timeout * 1000000))
	while :; do
		[ -z "$win" ] || scr=$(tmux -L "$sock" -f /dev/null capture-pane -p -t "$win")
		"$@" && return 0
		[ "${EPOCHREALTIME/./}" -lt "$end" ] || return 1
		pause "$poll"
	done
}
has() { [[ $scr == *"$1"* ]]; }
has_re() { grep -qE -- "$1" <<<"$scr"; }
lacks() { ! has "$1"; }
exists() { [ -s "$1" ]; }
wait_text() { wait_until has "$1"; }
wait_re() { wait_until has_re "$1"; }
wait_gone() { wait_until lacks "$1"; }
wait_file() { wait_until exists "$1"; }

# The last line of the screen, the status line.
status_has() { [[ ${scr##*$'\n'} == *"$1"* ]]; }
status_re() { [[ ${scr##*$'\n'} =~ $1 ]]; }
same_as() { [ "$scr" = "$1" ]; }
# same_file FILE: the screen is FILE's text (a scripted-mode dump; the
# last one read is kept).  On a screen one column wide the last row is left
# out: curses cannot write the bottom right cell of a terminal that wraps
# there (am) when it has no way to turn the wrapping off (smam, rmam) nor a
# cell to its left for the insert-character trick, so the terminal never
# shows it.
file= file_text=
same_file() {
	if [ "$1" != "$file" ]; then
		file=$1
		IFS= read -r -d '' file_text <"$file"
		file_text=${file_text%"${file_text##*[!$'\n']}"}
	fi
	if [ "$width" = 1 ]; then
		[ "$(head -n $((height - 1)) <<<"$scr")" = "$(head -n $((height - 1)) <<<"$file_text")" ]
	else
		[ "$scr" = "$file_text" ]
	fi
}
# settle: wait until the screen stops changing (two captures alike).
last=
same_twice() { [ "$scr" = "$last" ] && return 0; last=$scr; return 1; }
settle() { last=; wait_until same_twice; }
# highlighted WORD: WORD is drawn right after a change of style.
highlighted() { tm capture-pane -p -e -t "$win" | grep -qiE $'\e''\[[0-9;]*m'"$1"; }

# The screen as TAP comment lines (not_ok adds the "# ").
shown() { printf 'the screen:\n%s' "$scr"; }

# start NAME IO [CMD...]: a new session running CMD (default: crampguide)
# under the wrapper, with its streams as IO says (see wrap.sh); returns once
# the program has been let go.  With $raw set, everything written to the
# pane from then on is also kept, byte for byte, in $d/raw.
start() {
	name=$1
	local io=$2
	shift 2
	[ $# -gt 0 ] || set -- "$CRAMPGUIDE"
	d=$tmp/$name
	problems=()
	mkdir -p "$d" && mkfifo "$d/go" "$d/end" || return 1
	win=$(tm new-session -d -P -F '#{window_id}' -s "$name" -x 80 -y 24 -c "$TOP" \
		sh "$tmp/wrap.sh" "$d" "$io" "$@") || return 1
	tm set -w -t "$win" window-size manual
	resize 80 24
	wait_file "$d/ready" && wait_text "crampguide tmux test: $name" || return 1
	before_screen=$(screen)
	before_modes=$(modes)
	if [ -n "${raw:-}" ]; then
		tm pipe-pane -O -t "$win" "cat >'$d/raw'" || return 1
	fi
	# (a write to a fifo with no reader would block for ever)
	timeout "$timeout" sh -c 'echo go >"$1"' sh "$d/go"
}

# stop: end the case's session (the wrapper, and crampguide if it is still there).
stop() {
	local pid
	# (an empty target would be taken as the latest session, another case's)
	[ -n "$name" ] || return 0
	tm kill-session -t "=$name" 2>/dev/null
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
# modes (the cursor visible and the alternate screen left, whatever they
# were before), and (unless $keep_output) the screen, which must be the one
# from before the run plus the wrapper's status line.  Adds to problems[];
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
	case " $after_modes " in *" alternate=0 "*) ;; *) problems+=("the alternate screen is still on after exit: $after_modes") ;; esac
	case " $after_modes " in *" cursor=1 "*) ;; *) problems+=("the cursor is hidden after exit: $after_modes") ;; esac
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

# The home menu has the walk-through and the tip sheet, then the sections.
# to_section N [<>]: the keys that go from the first entry to section N and
# open it, as send-keys arguments, or with <> as a script line.
to_section() {
	local i out= b=${2:-}
	for ((i = 0; i < $1 + 1; i++)); do out+="${b:0:1}Down${b:1:1} "; done
	echo "$out${b:0:1}Enter${b:1:1}"
}

# scripted OUT KEYS [VAR=VALUE...]: the screens the scripted mode draws
# (docs/testing.md) for KEYS, a script, at 80x24 with VARs set: each
# `:dump FILE` in KEYS names a file under OUT.  Returns non-zero, with the
# reason in problems[], when it fails.
scripted() {
	local out=$1 script=$2 err
	shift 2
	mkdir -p "$out"
	if ! err=$(cd "$out" && env -i "${pane_env[@]}" "$@" CRAMPGUIDE_SCRIPT="$script" \
		CRAMPGUIDE_SIZE=80x24 timeout "$timeout" "$CRAMPGUIDE" </dev/null 2>&1 >/dev/null); then
		problems+=("the scripted mode failed on $script:" "$err")
		return 1
	fi
}
