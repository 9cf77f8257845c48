#!/usr/bin/env bash
# release.t - the release tarball is the same bytes on every run, and the
# bash and zsh completions complete what the program takes.
#
# The tarball is made from git's list of files, so its tests are skipped
# in a tree without git (an unpacked tarball, under make distcheck).  The
# completions are the ones `make tests` builds into $BUILD/completion/.

set -u
. "$(dirname "$0")/lib.sh"

BUILD=${BUILD:-$TOP/build}
version=$(sed -n 's/^VERSION *= *//p' Makefile)
date=$(sed -n 's/^RELEASE_DATE *= *//p' Makefile)
name=crampguide-$version

# --- NEWS.md -----------------------------------------------------------------

newest=$(grep -m 1 '^## ' NEWS.md)
if [ "$newest" = "## $version — $date" ]; then
	ok "NEWS.md's newest entry is the Makefile's $version of $date"
else
	not_ok "NEWS.md's newest entry is the Makefile's $version of $date" "it is: $newest"
fi

# --- make dist ---------------------------------------------------------------

if ! command -v git >/dev/null 2>&1 || ! git -C "$TOP" rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	for t in "two runs give the same bytes" "SOURCE_DATE_EPOCH sets every time" \
		"sorted names, owner 0, modes 644 and 755" "gzip keeps no name or time" \
		"every tracked file a build needs, and no other"; do
		skip "not a git checkout: $t"
	done
else
	scripts/dist "$name" "$tmp/one.tar.gz" >/dev/null 2>"$tmp/err" &&
		scripts/dist "$name" "$tmp/two.tar.gz" >/dev/null 2>>"$tmp/err"
	st=$?
	if [ $st -eq 0 ] && cmp -s "$tmp/one.tar.gz" "$tmp/two.tar.gz"; then
		ok "two runs give the same bytes ($(sha256sum <"$tmp/one.tar.gz" | cut -c1-16)...)"
	else
		not_ok "two runs give the same bytes" "exit status $st" "$(cat "$tmp/err")" \
			"$(sha256sum "$tmp/one.tar.gz" "$tmp/two.tar.gz" 2>&1)"
	fi

	SOURCE_DATE_EPOCH=1767312000 scripts/dist "$name" "$tmp/epoch.tar.gz" >/dev/null
	times=$(tar --full-time -tvzf "$tmp/epoch.tar.gz" | awk '{ print $4, $5 }' | sort -u)
	if [ "$times" = "2026-01-02 00:00:00" ]; then
		ok "SOURCE_DATE_EPOCH sets every time"
	else
		not_ok "SOURCE_DATE_EPOCH sets every time" "times in the tarball: $times"
	fi

	tar -tvzf "$tmp/one.tar.gz" >"$tmp/list"
	tar -tzf "$tmp/one.tar.gz" >"$tmp/names"
	why=()
	# A path component at a time: '/' sorts before every other byte.
	sed 's|/$||; s|/|\x01|g' "$tmp/names" | LC_ALL=C sort -c 2>/dev/null ||
		why+=("the names are not sorted a path component at a time")
	bad=$(awk '$2 != "0/0" || ($1 != "-rw-r--r--" && $1 != "-rwxr-xr-x" && $1 != "drwxr-xr-x")' "$tmp/list")
	[ -z "$bad" ] || why+=("entries with another owner or mode:" "$bad")
	grep -qv "^$name/" "$tmp/names" && why+=("names outside $name/")
	if [ ${#why[@]} -eq 0 ]; then
		ok "sorted names, owner 0, modes 644 and 755"
	else
		not_ok "sorted names, owner 0, modes 644 and 755" "${why[@]}"
	fi

	# RFC 1952: FLG (byte 4) with no FNAME bit, MTIME (bytes 5-8) zero.
	header=$(od -An -tx1 -j3 -N5 "$tmp/one.tar.gz" | tr -d ' \n')
	if [ "$header" = 0000000000 ]; then
		ok "gzip keeps no name or time"
	else
		not_ok "gzip keeps no name or time" "FLG and MTIME: $header"
	fi

	git ls-files -- Makefile LICENSE README.md NEWS.md completion content docs mk scripts src tests |
		sed "s|^|$name/|" | LC_ALL=C sort >"$tmp/tracked"
	grep -v '/$' "$tmp/names" | LC_ALL=C sort >"$tmp/in-tarball"
	if cmp -s "$tmp/tracked" "$tmp/in-tarball" && ! grep -q -e '/\.ci/' -e '/packaging/' "$tmp/in-tarball"; then
		ok "every tracked file a build needs, and no other ($(wc -l <"$tmp/in-tarball") files)"
	else
		not_ok "every tracked file a build needs, and no other" \
			"$(diff "$tmp/tracked" "$tmp/in-tarball" | head -n 20)"
	fi
fi

# --- bash completion ---------------------------------------------------------

bashcomp=$BUILD/completion/crampguide
mkdir -p "$tmp/bin" "$tmp/files/guides" "$tmp/files/more"
: >"$tmp/files/tips.html"
: >"$tmp/files/tips.txt"
# A stand-in lpstat: the printers CUPS would list.
printf '#!/bin/sh\n[ "$1" = -e ] && printf "%%s\\n" office office-colour home\n' >"$tmp/bin/lpstat"
chmod +x "$tmp/bin/lpstat"

# complete WORD...: what the completion offers for the last word, sorted,
# one a line; bash splits at '=' as it does for a person typing.
complete_words() {
	(cd "$tmp/files" && PATH=$tmp/bin:$PATH bash --norc --noprofile -c '
		source "$1" || exit 1
		shift
		COMP_WORDS=(crampguide "$@")
		COMP_CWORD=$#
		_crampguide
		printf "%s\n" "${COMPREPLY[@]}"' _ "$bashcomp" "$@") | LC_ALL=C sort
}

# expect DESCRIPTION EXPECTED WORD...
expect() {
	local desc=$1 want=$2 got
	shift 2
	got=$(complete_words "$@" 2>&1)
	if [ "$got" = "$want" ]; then
		ok "bash: $desc"
	else
		not_ok "bash: $desc" "offered:" "$got" "expected:" "$want"
	fi
}

if [ ! -f "$bashcomp" ]; then
	not_ok "bash: the completion is built" "no $bashcomp (make tests builds it)"
elif ! command -v bash >/dev/null 2>&1; then
	skip "bash not installed"
else
	got=$(bash --norc --noprofile -c 'source "$1" && complete -p crampguide' _ "$bashcomp" 2>&1)
	if [ "$got" = "complete -F _crampguide crampguide" ]; then
		ok "bash: complete -p crampguide, in a non-interactive bash"
	else
		not_ok "bash: complete -p crampguide, in a non-interactive bash" "$got"
	fi

	# Every option --help names, and no other.
	# (the option lines only: the last line may name `man -l`)
	help=$("$CRAMPGUIDE" --help | grep -E '^  +-' | grep -oE '(^|[ ,])--?[a-zA-Z][a-z-]*' |
		tr -d ' ,' | LC_ALL=C sort -u)
	expect "options: exactly those --help lists" "$help" -
	expect "options by prefix" "$(printf '%s\n' --print --printer)" --pr
	expect "--format: the formats of scripts/formats" "$(scripts/formats | sed 's/:.*//' | LC_ALL=C sort)" --format ''
	expect "--format=m" markdown --format = m
	expect "--color=: auto, always, never" "$(printf '%s\n' always auto never)" --color = ''
	expect "--printer: the printers lpstat -e lists" "$(printf '%s\n' home office office-colour)" --printer ''
	expect "--printer off" "$(printf '%s\n' office office-colour)" --print --printer off
	expect "-o: file names" "$(printf '%s\n' tips.html tips.txt)" --tips -o tips
	expect "--output: directories too" "$(printf '%s\n' guides)" --tips --output gu
	expect "--content: directories only" "$(printf '%s\n' guides more)" --content ''
	expect "-c g" guides -c g
	expect "no option is offered for a word that is not one" "" --tips xyz
fi

# --- zsh completion ----------------------------------------------------------

zshcomp=$BUILD/completion/_crampguide
if ! command -v zsh >/dev/null 2>&1; then
	skip "zsh not installed"
elif [ ! -f "$zshcomp" ]; then
	not_ok "zsh: the completion is built" "no $zshcomp"
else
	mkdir -p "$tmp/zfunc"
	cp "$zshcomp" "$tmp/zfunc/"
	why=()
	zsh -n "$zshcomp" 2>"$tmp/zerr" || why+=("zsh -n: $(cat "$tmp/zerr")")
	got=$(HOME=$tmp zsh -f -c 'fpath=("$1" $fpath); autoload -Uz compinit && compinit -u -D && print -r -- $_comps[crampguide]' _ "$tmp/zfunc" 2>&1)
	[ "$got" = _crampguide ] || why+=("compinit does not bind crampguide to _crampguide: $got")
	formats=$(scripts/formats | sed 's/:.*//' | tr '\n' ' ' | sed 's/ $//')
	grep -qF ":format:($formats)" "$zshcomp" || why+=("the formats are not ($formats)")
	if [ ${#why[@]} -eq 0 ]; then
		ok "zsh: the completion parses, compinit binds it, with the formats of scripts/formats"
	else
		not_ok "zsh: the completion parses, compinit binds it, with the formats of scripts/formats" "${why[@]}"
	fi
fi

done_testing
