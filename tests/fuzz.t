#!/usr/bin/env bash
# fuzz.t - what the fuzzers found, against the real binary.
#
# Each input in tests/fuzz/regress/load/ (one per fixed bug; see
# docs/reliability.md) is the one file of a content directory, as the
# fuzzer saw it, checked with
# `crampguide --check`: it must end with status 0 or 1 within 10 seconds,
# and stderr must be nothing but one-line `FILE:LINE:COL: message` or
# `FILE: message` lines and the summary.  tests/unit/test_fuzz.c replays
# the same inputs through the fuzz targets' own checks.
set -u
. "$(dirname "$0")/lib.sh"

shopt -s nullglob
inputs=(tests/fuzz/regress/load/*)
if [ ${#inputs[@]} -eq 0 ]; then
	not_ok "tests/fuzz/regress/load/ holds the inputs the fuzzers found" "it is empty"
fi

# check_run NAME DIR FILE: run --check on DIR (relative to $tmp) and judge
# the status and every line of stderr; FILE is the file the messages name.
check_run() {
	local name=$1 dir=$2 file=$3 rc bad line
	(cd "$tmp" && exec timeout 10 "$CRAMPGUIDE" --check --content "$dir") \
		</dev/null >"$tmp/out" 2>"$tmp/err"
	rc=$?
	if [ $rc -ne 0 ] && [ $rc -ne 1 ]; then
		not_ok "$name: exit status 0 or 1" "exit status $rc" "$(head -c 2000 "$tmp/err")"
		return
	fi
	# Quoted patterns match literally: the file name may hold any byte.
	bad=
	while IFS= read -r line; do
		case $line in
		"$dir/$file:"* | "$dir: "* | "crampguide: "[0-9]*" in the content in $dir; "*) ;;
		*) bad+="$line"$'\n' ;;
		esac
	done <"$tmp/err"
	if [ -n "$bad" ]; then
		not_ok "$name: every message is one FILE:LINE:COL line" "$(head -c 2000 <<<"$bad")"
		return
	fi
	if LC_ALL=C grep -aq '[[:cntrl:]]' "$tmp/err"; then
		not_ok "$name: no control character in the messages" "$(head -c 2000 "$tmp/err" | od -c | head -20)"
		return
	fi
	ok "$name: exit $rc, every message on one line"
}

for f in "${inputs[@]}"; do
	name=${f##*/}
	rm -rf "${tmp:?}/$name"
	mkdir "$tmp/$name"
	cp "$f" "$tmp/$name/x.yaml"
	check_run "$name" "$name" x.yaml
done

# A file whose name holds a line break and a byte that is not UTF-8,
# filled with 4 MB of NUL bytes.  The messages name it cleaned, so the
# reader's limit of 20 messages per file once never matched it and every
# byte of the file was reported and counted.
name=$(printf 'odd\nname\377.yaml')
rm -rf "${tmp:?}/odd-name"
cp -R tests/bad/base "$tmp/odd-name"
head -c 4000000 /dev/zero >"$tmp/odd-name/$name"
check_run "a 4 MB file of NUL bytes with a line break and a bad byte in its name" odd-name \
	"$(printf 'odd\\nname\357\277\275.yaml')"
count=$(grep -c ': NUL byte' "$tmp/err")
if [ "$count" = 20 ]; then
	ok "... the messages about it stop at 20"
else
	not_ok "... the messages about it stop at 20" "$count messages"
fi

done_testing
