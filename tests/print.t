#!/usr/bin/env bash
# crampguide --print against a stand-in lp first on PATH: the exact argument
# list, no shell anywhere, the bytes lp reads, and lp failing, missing or
# hanging.
set -u
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1767312000 HOME=$tmp/home XDG_STATE_HOME=$tmp/state
mkdir -p "$HOME" "$tmp/bin" "$tmp/fail" "$tmp/hang" "$tmp/empty"

# The stand-in records its arguments one per line and its input, like lp
# answers with a request id.
cat >"$tmp/bin/lp" <<STUB
#!/bin/sh
printf '%s\n' "\$@" >"$tmp/args"
cat >"$tmp/stdin"
echo "request id is stub-7 (1 file(s))"
STUB
cat >"$tmp/fail/lp" <<'STUB'
#!/bin/sh
cat >/dev/null
echo "lp: The printer or class does not exist." >&2
exit 1
STUB
# The hanging one records its process id (exec keeps it), so that the
# check finds this very process and not another run's.
cat >"$tmp/hang/lp" <<STUB
#!/bin/sh
echo \$\$ >"$tmp/lp.pid"
exec sleep 300
STUB
chmod +x "$tmp/bin/lp" "$tmp/fail/lp" "$tmp/hang/lp"

"$CRAMPGUIDE" --tips --content content >"$tmp/sheet"

PATH=$tmp/bin:$PATH "$CRAMPGUIDE" --print --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 0 ] && [ "$(cat "$tmp/out")" = "request id is stub-7 (1 file(s))" ] && [ ! -s "$tmp/err" ]; then
	ok "--print shows lp's request id, exit 0"
else
	not_ok "--print shows lp's request id, exit 0 (got $rc)" "$(cat "$tmp/out" "$tmp/err")"
fi
if [ "$(cat "$tmp/args")" = $'-t\nMy leg cramp tip sheet' ]; then
	ok "without --printer: lp -t TITLE, lp picks the default printer"
else
	not_ok "without --printer: lp -t TITLE" "$(cat "$tmp/args")"
fi
if cmp -s "$tmp/stdin" "$tmp/sheet"; then
	ok "lp reads exactly the bytes of --tips"
else
	not_ok "lp reads exactly the bytes of --tips" "$(diff "$tmp/sheet" "$tmp/stdin" | head)"
fi

# A printer name full of shell syntax is one argument and runs nothing.
name='x;$(touch pwned)`touch pwned2` && touch pwned3'
(cd "$tmp" && PATH=$tmp/bin:$PATH "$CRAMPGUIDE" --print --printer "$name" --content "$TOP/content" >/dev/null 2>&1)
if [ "$(cat "$tmp/args")" = "-d"$'\n'"$name"$'\n'"-t"$'\n'"My leg cramp tip sheet" ] &&
	[ ! -e "$tmp/pwned" ] && [ ! -e "$tmp/pwned2" ] && [ ! -e "$tmp/pwned3" ]; then
	ok "--printer NAME arrives as one argument after -d, nothing executed"
else
	not_ok "--printer NAME arrives as one argument after -d, nothing executed" "$(cat "$tmp/args")" "$(ls "$tmp")"
fi

PATH=$tmp/fail:$PATH "$CRAMPGUIDE" --print --printer nope --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && grep -qx 'crampguide: cannot print: lp: The printer or class does not exist.' "$tmp/err"; then
	ok "lp failing: its own message, exit 1"
else
	not_ok "lp failing: its own message, exit 1 (got $rc)" "$(cat "$tmp/err")"
fi

# No lp anywhere on PATH.
PATH=$tmp/empty "$CRAMPGUIDE" --print --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && grep -q 'lp command is not installed; install .*cups-client' "$tmp/err"; then
	ok "lp missing: says to install cups-client, exit 1"
else
	not_ok "lp missing: says to install cups-client, exit 1 (got $rc)" "$(cat "$tmp/err")"
fi

# A hanging lp is stopped at the deadline; the whole run stays well under
# the outer limit.
start=$(date +%s)
CRAMPGUIDE_PRINT_TIMEOUT=1 PATH=$tmp/hang:$PATH timeout 20 "$CRAMPGUIDE" --print --content content \
	>"$tmp/out" 2>"$tmp/err"
rc=$? took=$(($(date +%s) - start))
why=()
[ $rc = 1 ] || why+=("exit status $rc, expected 1")
[ $took -lt 10 ] || why+=("it took ${took}s")
grep -q 'did not finish within 1 second and was stopped' "$tmp/err" || why+=("stderr:" "$(cat "$tmp/err")")
lp_pid=$(cat "$tmp/lp.pid" 2>/dev/null)
if [ -z "$lp_pid" ]; then
	why+=("the stand-in lp never ran")
elif kill -0 "$lp_pid" 2>/dev/null; then
	why+=("the stand-in lp (pid $lp_pid) is still running")
	kill -KILL "$lp_pid"
fi
if [ ${#why[@]} -eq 0 ]; then
	ok "lp hanging: stopped after the timeout, exit 1 (${took}s)"
else
	not_ok "lp hanging: stopped after the timeout, exit 1" "${why[@]}"
fi

# Whether a process is still running: a killed one whose parent is gone
# stays a zombie where nothing reaps orphans, and kill -0 finds it.
alive() { local st; st=$(ps -o stat= -p "$1" 2>/dev/null); [ -n "$st" ] && [ "${st#Z}" = "$st" ]; }

# lp that answers and exits 0 but leaves a child holding its output open:
# it is judged by its exit status, the sheet counts as sent, and the child
# is stopped with lp's process group.
mkdir -p "$tmp/leave"
cat >"$tmp/leave/lp" <<STUB
#!/bin/sh
cat >/dev/null
echo "request id is left-1 (1 file(s))"
sleep 300 &
echo \$! >"$tmp/child.pid"
exit 0
STUB
chmod +x "$tmp/leave/lp"
CRAMPGUIDE_PRINT_TIMEOUT=60 PATH=$tmp/leave:$PATH timeout 20 "$CRAMPGUIDE" --print --content content \
	>"$tmp/out" 2>"$tmp/err"
rc=$?
child=$(cat "$tmp/child.pid" 2>/dev/null)
why=()
[ $rc = 0 ] || why+=("exit status $rc, expected 0 (124: still waiting at 20 s)")
grep -q "^request id is left-1" "$tmp/out" || why+=("stdout:" "$(cat "$tmp/out" "$tmp/err")")
if [ -n "$child" ] && alive "$child"; then
	why+=("lp's child (pid $child) is still running")
	kill -KILL "$child"
fi
if [ ${#why[@]} -eq 0 ]; then
	ok "lp exits 0 but leaves a child holding its output: sent, exit 0, the child stopped"
else
	not_ok "lp exits 0 but leaves a child holding its output: sent, exit 0, the child stopped" "${why[@]}"
fi

# SIGTERM while the guide prints through a slow lp: it leaves at once
# (status 143), stopping lp, instead of holding the signal until the
# print's timeout.
rm -f "$tmp/lp.pid"
printf '%s\n' 't p' >"$tmp/print.script"
CRAMPGUIDE_SCRIPT=$tmp/print.script CRAMPGUIDE_PRINT_TIMEOUT=300 PATH=$tmp/hang:$PATH \
	"$CRAMPGUIDE" --content content >/dev/null 2>"$tmp/err" &
guide=$!
for _ in $(seq 100); do [ -s "$tmp/lp.pid" ] && break; sleep 0.1; done
kill -TERM $guide
( sleep 20; kill -KILL $guide 2>/dev/null ) &
watchdog=$!
wait $guide
rc=$?
kill $watchdog 2>/dev/null
lp_pid=$(cat "$tmp/lp.pid" 2>/dev/null)
why=()
[ -n "$lp_pid" ] || why+=("the stand-in lp never ran")
[ $rc = 143 ] || why+=("exit status $rc, expected 143 (137: killed by the 20 s watchdog)")
if [ -n "$lp_pid" ] && alive "$lp_pid"; then
	why+=("lp (pid $lp_pid) is still running")
	kill -KILL "$lp_pid"
fi
if [ ${#why[@]} -eq 0 ]; then
	ok "SIGTERM during a slow print: the guide leaves with 143 and stops lp"
else
	not_ok "SIGTERM during a slow print: the guide leaves with 143 and stops lp" "${why[@]}" "$(cat "$tmp/err")"
fi

# No default printer: not CUPS's words, but what to do, with the printers
# lpstat knows (or that there are none).
mkdir -p "$tmp/nodefault" "$tmp/lpstat-none"
cat >"$tmp/nodefault/lp" <<'STUB'
#!/bin/sh
cat >/dev/null
echo "lp: Error - No default destination." >&2
exit 1
STUB
printf '#!/bin/sh\nprintf "office\\nhome-laser\\n"\n' >"$tmp/nodefault/lpstat"
printf '#!/bin/sh\nexit 1\n' >"$tmp/lpstat-none/lpstat"
chmod +x "$tmp/nodefault/lp" "$tmp/nodefault/lpstat" "$tmp/lpstat-none/lpstat"
PATH=$tmp/nodefault:$PATH "$CRAMPGUIDE" --print --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && grep -q "no printer is set as the default; the printers here are office, home-laser: choose one with --printer NAME" "$tmp/err" &&
	grep -q "tips.html) and print it from a browser" "$tmp/err" && ! grep -q "No default destination" "$tmp/err"; then
	ok "no default printer: the printers lpstat knows, --printer NAME, or a web page; exit 1"
else
	not_ok "no default printer: the printers lpstat knows, --printer NAME, or a web page; exit 1 (got $rc)" "$(cat "$tmp/err")"
fi
PATH=$tmp/lpstat-none:$tmp/nodefault:$PATH "$CRAMPGUIDE" --print --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && grep -q "no printer is set up here" "$tmp/err"; then
	ok "no printer at all: says to add one, or to print a web page; exit 1"
else
	not_ok "no printer at all: says to add one, or to print a web page; exit 1 (got $rc)" "$(cat "$tmp/err")"
fi

# A print timeout that is no whole number of seconds is ignored, and said.
for bad in 0 -1 1e9 junk '5 ' 99999; do
	CRAMPGUIDE_PRINT_TIMEOUT=$bad PATH=$tmp/bin:$PATH "$CRAMPGUIDE" --print --content content \
		>"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc = 0 ] && grep -q "CRAMPGUIDE_PRINT_TIMEOUT='$bad' is ignored: it must be a whole number of seconds from 1 to 3600, so 30 is used" "$tmp/err"; then
		ok "CRAMPGUIDE_PRINT_TIMEOUT='$bad' is ignored, and said"
	else
		not_ok "CRAMPGUIDE_PRINT_TIMEOUT='$bad' is ignored, and said (rc $rc)" "$(cat "$tmp/err")"
	fi
done

"$CRAMPGUIDE" --tips --printer x --content content >/dev/null 2>"$tmp/err"
rc=$?
if [ $rc = 2 ]; then ok "--printer without --print is a usage error"; else not_ok "--printer without --print is a usage error (got $rc)"; fi
done_testing
