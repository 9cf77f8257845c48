# lib.sh - what every TAP test script shares: a pinned environment, a
# scratch directory, and ok / not_ok / skip with the plan printed at the end.
# Source it after `set -u`; it sets $tmp, $n and $failed.

: "${CRAMPGUIDE:?set CRAMPGUIDE to the crampguide binary}"
: "${TOP:?set TOP to the repository root}"
case $CRAMPGUIDE in /*) ;; *) CRAMPGUIDE=$PWD/$CRAMPGUIDE ;; esac
export LC_ALL=C.UTF-8 TZ=UTC
unset CRAMPGUIDE_CONTENT COLUMNS LINES
cd "$TOP" || exit 1

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crampguide-test.XXXXXX") || exit 1
# u+rwx first: a test may leave an unreadable file behind on purpose.
trap 'chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT

n=0
failed=0

ok() { n=$((n + 1)); echo "ok $n - $1"; }

# not_ok DESC [LINE...]: a failure, with each LINE shown as a TAP comment.
not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	shift
	# Why, on stderr as Test::More does, so that prove shows it (and a CI
	# log keeps it) without -v.
	for line in "$@"; do
		printf '%s\n' "$line" | sed 's/^/# /' >&2
	done
}

skip() { n=$((n + 1)); echo "ok $n # skip $1"; }

# done_testing: print the plan and exit non-zero if anything failed.
done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
	exit
}
