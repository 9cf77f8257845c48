#!/usr/bin/env bash
# Each header compiles on its own: it includes what it uses and nothing
# leans on an umbrella header.
set -u
cd "${TOP:?run through make check}"
cc=${CC:-cc}
headers=(src/*.h)
echo "1..${#headers[@]}"
n=0 failed=0
for h in "${headers[@]}"; do
	n=$((n + 1))
	if out=$(printf '#include "%s"\n' "${h#src/}" |
		"$cc" -std=c11 -Wall -Wextra -Wpedantic -Werror -D_XOPEN_SOURCE=700 \
			-D_XOPEN_SOURCE_EXTENDED -Isrc -fsyntax-only -x c - 2>&1); then
		echo "ok $n - $h compiles on its own"
	else
		echo "not ok $n - $h compiles on its own"
		printf '%s\n' "$out" | sed 's/^/# /'
		failed=1
	fi
done
exit $failed
