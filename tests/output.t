#!/usr/bin/env bash
# -o FILE and the sheet's save write where the person said, as the shell's
# > would, but in one step where they can: devices, FIFOs and /dev/stdout
# are written into, links are followed, modes and set-id bits are right,
# long names work, a folder that cannot be written falls back to writing
# in place, and the content directory takes --force.  Devices are only
# ever tried in a private mount namespace with a /dev of the test's own:
# a regression that renamed over the real /dev/null would break the
# machine.
set -u
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1767312000 HOME=$tmp/home XDG_STATE_HOME=$tmp/state
mkdir -p "$HOME"
chmod 755 "$tmp"
tips() { "$CRAMPGUIDE" --tips --content "$TOP/content" "$@"; }
tips >"$tmp/sheet"

# --- devices, in a /dev of our own -------------------------------------

if [ "$(id -u)" = 0 ] && unshare -m true 2>/dev/null; then
	cat >"$tmp/devices.sh" <<'EOF'
set -u
mount --make-rprivate / && mount -t tmpfs tmpfs /dev || exit 99
mknod -m 666 /dev/null c 1 3 && mknod -m 666 /dev/full c 1 7 || exit 99
ln -s /proc/self/fd/1 /dev/stdout
"$CRAMPGUIDE" --tips --content "$TOP/content" -o /dev/null >"$T/null.out" 2>"$T/null.err"
echo "null $? $(stat -c %F /dev/null)"
"$CRAMPGUIDE" --tips --content "$TOP/content" -o /dev/full >"$T/full.out" 2>"$T/full.err"
echo "full $? $(stat -c %F /dev/full)"
"$CRAMPGUIDE" --tips --content "$TOP/content" -o /dev/stdout >"$T/stdout.out" 2>"$T/stdout.err"
echo "stdout $? $(stat -c %F /dev/stdout)"
"$CRAMPGUIDE" --tips --content "$TOP/content" -o /dev/stdout 2>"$T/pipe.err" | cat >"$T/pipe.out"
echo "pipe ${PIPESTATUS[0]} $(stat -c %F /dev/stdout)"
EOF
	T=$tmp CRAMPGUIDE=$CRAMPGUIDE TOP=$TOP unshare -m bash "$tmp/devices.sh" >"$tmp/devices" 2>&1
	rc=$?
	if [ $rc = 99 ]; then
		skip "cannot make a private /dev here ($(head -1 "$tmp/devices"))"
		skip "cannot make a private /dev here"
		skip "cannot make a private /dev here"
	else
		if grep -qx "null 0 character special file" "$tmp/devices" && [ ! -s "$tmp/null.err" ]; then
			ok "-o /dev/null writes into the device, which stays a device, exit 0"
		else
			not_ok "-o /dev/null writes into the device, which stays a device, exit 0" \
				"$(cat "$tmp/devices" "$tmp/null.err")"
		fi
		if grep -qx "full 1 character special file" "$tmp/devices" &&
			grep -q "cannot write /dev/full: No space left on device" "$tmp/full.err"; then
			ok "-o /dev/full fails with the write's error, exit 1, the device left as it is"
		else
			not_ok "-o /dev/full fails with the write's error, exit 1, the device left as it is" \
				"$(cat "$tmp/devices" "$tmp/full.err")"
		fi
		if grep -qx "stdout 0 symbolic link" "$tmp/devices" && grep -qx "pipe 0 symbolic link" "$tmp/devices" &&
			cmp -s "$tmp/stdout.out" "$tmp/sheet" && cmp -s "$tmp/pipe.out" "$tmp/sheet"; then
			ok "-o /dev/stdout prints the sheet into a file and a pipe, the link left as it is"
		else
			not_ok "-o /dev/stdout prints the sheet into a file and a pipe, the link left as it is" \
				"$(cat "$tmp/devices" "$tmp/stdout.err" "$tmp/pipe.err")"
		fi
	fi
else
	skip "devices need root and unshare -m for a private /dev"
	skip "devices need root and unshare -m for a private /dev"
	skip "devices need root and unshare -m for a private /dev"
fi

# --- a FIFO ---------------------------------------------------------------

mkfifo "$tmp/fifo"
cat "$tmp/fifo" >"$tmp/fifo.out" &
reader=$!
tips -o "$tmp/fifo" 2>"$tmp/err"
rc=$?
wait $reader
if [ $rc = 0 ] && [ -p "$tmp/fifo" ] && cmp -s "$tmp/fifo.out" "$tmp/sheet"; then
	ok "-o FIFO writes into it for its reader; it stays a FIFO"
else
	not_ok "-o FIFO writes into it for its reader; it stays a FIFO (rc $rc)" "$(cat "$tmp/err")"
fi

# --- links ------------------------------------------------------------------

mkdir -p "$tmp/dotfiles"
printf 'old\n' >"$tmp/dotfiles/sheet.txt"
chmod 640 "$tmp/dotfiles/sheet.txt"
ln -s dotfiles/sheet.txt "$tmp/link.txt"
tips -o "$tmp/link.txt" 2>"$tmp/err"
rc=$?
if [ $rc = 0 ] && [ -L "$tmp/link.txt" ] && cmp -s "$tmp/dotfiles/sheet.txt" "$tmp/sheet" &&
	[ "$(stat -c %a "$tmp/dotfiles/sheet.txt")" = 640 ]; then
	ok "-o LINK replaces the target in its own folder, keeps the link and the target's mode 640"
else
	not_ok "-o LINK replaces the target in its own folder, keeps the link and the target's mode" \
		"$(ls -l "$tmp/link.txt" "$tmp/dotfiles/sheet.txt")" "$(cat "$tmp/err")"
fi
ln -s dotfiles/new.txt "$tmp/dangling.txt"
if tips -o "$tmp/dangling.txt" 2>"$tmp/err" && [ -L "$tmp/dangling.txt" ] &&
	cmp -s "$tmp/dotfiles/new.txt" "$tmp/sheet"; then
	ok "-o to a link whose target is not there yet makes the target, as > does"
else
	not_ok "-o to a link whose target is not there yet makes the target" "$(cat "$tmp/err")"
fi

# --- modes and names -------------------------------------------------------

printf 'old\n' >"$tmp/setid"
chmod 6755 "$tmp/setid"
tips -o "$tmp/setid" 2>"$tmp/err"
if [ "$(stat -c %a "$tmp/setid")" = 755 ] && cmp -s "$tmp/setid" "$tmp/sheet"; then
	ok "a set-id file replaced: the sheet keeps rwxr-xr-x but no set-id bit"
else
	not_ok "a set-id file replaced: the sheet keeps rwxr-xr-x but no set-id bit" \
		"$(stat -c %A "$tmp/setid")" "$(cat "$tmp/err")"
fi
(umask 027 && tips -o "$tmp/new.txt")
if [ "$(stat -c %a "$tmp/new.txt")" = 640 ]; then
	ok "a new file gets 0666 less the umask (027: 640)"
else
	not_ok "a new file gets 0666 less the umask (027: 640)" "$(stat -c %a "$tmp/new.txt")"
fi
long=$(printf 'a%.0s' $(seq 250)).txt
if tips -o "$tmp/$long" 2>"$tmp/err" && cmp -s "$tmp/$long" "$tmp/sheet" &&
	[ -z "$(find "$tmp" -maxdepth 1 -name '.crampguide-*')" ]; then
	ok "a 254-byte file name works (the temporary name is short) and no temporary file is left"
else
	not_ok "a 254-byte file name works (the temporary name is short)" "$(cat "$tmp/err")"
fi

# --- a folder that cannot be written ---------------------------------------

if [ "$(id -u)" = 0 ] && command -v setpriv >/dev/null; then
	mkdir -p "$tmp/ro"
	printf 'old\n' >"$tmp/ro/sheet.txt"
	chmod 666 "$tmp/ro/sheet.txt"
	chmod 555 "$tmp/ro"
	# The program and the content where that user can read them: the
	# tree may be in a folder only its owner enters (make distcheck's).
	mkdir -p "$tmp/nobody"
	cp "$CRAMPGUIDE" "$tmp/nobody/crampguide"
	cp -r "$TOP/content" "$tmp/nobody/content"
	chmod -R a+rX "$tmp/nobody"
	setpriv --reuid=65534 --regid=65534 --clear-groups "$tmp/nobody/crampguide" --tips \
		--content "$tmp/nobody/content" -o "$tmp/ro/sheet.txt" >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc = 0 ] && cmp -s "$tmp/ro/sheet.txt" "$tmp/sheet" && grep -q "in place, not in one step" "$tmp/err"; then
		ok "a writable file in a folder that cannot be written: written in place, and said so"
	else
		not_ok "a writable file in a folder that cannot be written: written in place, and said so (rc $rc)" \
			"$(cat "$tmp/err")"
	fi
else
	skip "writing as another user needs root and setpriv"
fi

# --- the content directory --------------------------------------------------

cp -r "$TOP/content" "$tmp/content"
"$CRAMPGUIDE" --tips --content "$tmp/content" -o "$tmp/content/relief.yaml" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 1 ] && grep -q "content directory.*--force" "$tmp/err" &&
	cmp -s "$tmp/content/relief.yaml" "$TOP/content/relief.yaml"; then
	ok "-o onto a content file is refused without --force, exit 1, the file untouched"
else
	not_ok "-o onto a content file is refused without --force (rc $rc)" "$(cat "$tmp/err")"
fi
if "$CRAMPGUIDE" --tips --content "$tmp/content" -o "$tmp/content/notes.txt" --force 2>"$tmp/err" &&
	[ -s "$tmp/content/notes.txt" ]; then
	ok "--force writes there"
else
	not_ok "--force writes there" "$(cat "$tmp/err")"
fi
"$CRAMPGUIDE" --tips --force --content "$TOP/content" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 2 ] && grep -q -- "--force only goes with --tips -o FILE" "$tmp/err"; then
	ok "--force without -o is a usage error, exit 2"
else
	not_ok "--force without -o is a usage error, exit 2 (got $rc)" "$(cat "$tmp/err")"
fi

# --- the sheet's save does the same -----------------------------------------

printf 'old\n' >"$tmp/dotfiles/saved.txt"
ln -s ../dotfiles/saved.txt "$HOME/saved.txt"
printf '%s\n' 't s t <C-U> ~/saved.txt <Enter> y' ":dump $tmp/save-link" >"$tmp/save.script"
CRAMPGUIDE_SCRIPT=$tmp/save.script CRAMPGUIDE_SIZE=80x24 "$CRAMPGUIDE" --content "$TOP/content" \
	>/dev/null 2>"$tmp/err"
if [ -L "$HOME/saved.txt" ] && cmp -s "$tmp/dotfiles/saved.txt" "$tmp/sheet" &&
	grep -q "Saved your tip sheet to" "$tmp/save-link"; then
	ok "the sheet's save follows a link too, after Replace it? y"
else
	not_ok "the sheet's save follows a link too, after Replace it? y" \
		"$(tail -1 "$tmp/save-link" 2>&1)" "$(cat "$tmp/err")"
fi

done_testing
