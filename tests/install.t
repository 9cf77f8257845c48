#!/usr/bin/env bash
# install.t - `make install` and `make uninstall`, with PREFIX and DESTDIR.
#
# Works on a copy of the source tree in a temporary directory, so the
# tree's own build is left alone.  Run by `make check`, which sets TOP (the
# source tree), MAKE and CRAMPGUIDE (the binary built in the tree).

set -u

TOP=${TOP:-$(cd "$(dirname "$0")/.." && pwd)}
MAKE=${MAKE:-make}
CRAMPGUIDE=${CRAMPGUIDE:-$TOP/crampguide}
unset CRAMPGUIDE_CONTENT DESTDIR
export COLUMNS=80

tmp=$(mktemp -d "${TMPDIR:-/tmp}/crampguide-install.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT

tree=$tmp/tree
prefix=$tmp/prefix
stage=$tmp/stage
log=$tmp/log

n=0
failed=0
echo "1..13"

ok() {      # ok STATUS DESCRIPTION
    n=$((n + 1))
    if [ "$1" -eq 0 ]; then
        echo "ok $n - $2"
    else
        echo "not ok $n - $2"
        failed=$((failed + 1))
    fi
}

diag() {    # diag FILE...: show files as TAP comments on stderr
    sed 's/^/# /' "$@" >&2
}

note() {    # note TEXT
    printf '# %s\n' "$*" >&2
}

make_in_copy() { # make_in_copy ARGS...: run make in the copy, output to $log
    "$MAKE" -C "$tree" "$@" >"$log" 2>&1
    local st=$?
    if [ $st -ne 0 ]; then
        note "$MAKE $* failed ($st):"
        diag "$log"
    fi
    return $st
}

# The files an install must create, relative to the prefix.
expected_files() {
    local f
    {
        echo bin/crampguide
        echo share/man/man1/crampguide.1
        echo share/bash-completion/completions/crampguide
        echo share/zsh/site-functions/_crampguide
        for f in "$TOP"/content/*.yaml; do
            echo "share/crampguide/content/${f##*/}"
        done
    } | LC_ALL=C sort
}

files_under() {  # files_under DIR: every file under DIR, relative, sorted
    (cd "$1" 2>/dev/null && find . \( -type f -o -type l \) | sed 's|^\./||' | LC_ALL=C sort)
}

leftovers() {    # leftovers DIR: what uninstall left behind, on stdout
    find "$1" \( -type f -o -type l -o -name '*crampguide*' \) 2>/dev/null
}

# --- install into a PREFIX ---------------------------------------------------

mkdir -p "$tree"
cp -R "$TOP/Makefile" "$TOP/mk" "$TOP/src" "$TOP/content" "$TOP/docs" "$TOP/scripts" \
    "$TOP/completion" "$tree/"

make_in_copy install PREFIX="$prefix" DESTDIR=
ok $? "make install PREFIX=... succeeds"

bin=$prefix/bin/crampguide
[ -f "$bin" ] && [ -x "$bin" ]
ok $? "the binary is installed and executable"

"$bin" --help | tail -1 | grep -qx "Full documentation: man crampguide"
ok $? "the installed --help points to man crampguide"

st=0
count=0
for f in "$TOP"/content/*.yaml; do
    count=$((count + 1))
    if ! cmp -s "$f" "$prefix/share/crampguide/content/${f##*/}"; then
        note "not installed (or different): content/${f##*/}"
        st=1
    fi
done
if [ $count -eq 0 ]; then
    note "no content/*.yaml in $TOP"
    st=1
fi
ok $st "every content/*.yaml is installed"

# The installed page is the source's with the release in its header, taken
# from the Makefile's VERSION and RELEASE_DATE.
version=$(sed -n 's/^VERSION *= *//p' "$TOP/Makefile")
date=$(sed -n 's/^RELEASE_DATE *= *//p' "$TOP/Makefile")
man=$prefix/share/man/man1/crampguide.1
st=0
if ! head -n 1 "$man" 2>/dev/null | grep -qxF ".TH CRAMPGUIDE 1 $date \"crampguide $version\" \"User Commands\""; then
    note "the installed man page's header: $(head -n 1 "$man" 2>/dev/null)"
    st=1
elif ! cmp -s <(tail -n +2 "$TOP/docs/crampguide.1") <(tail -n +2 "$man"); then
    note "the installed man page's body differs from docs/crampguide.1"
    st=1
fi
ok $st "the man page is installed, with version $version and date $date"

# Where bash-completion and zsh look under a prefix of their own; the bash
# one, sourced in a bash without bash-completion, registers itself.
st=0
bashcomp=$prefix/share/bash-completion/completions/crampguide
zshcomp=$prefix/share/zsh/site-functions/_crampguide
if [ ! -f "$bashcomp" ] || [ ! -f "$zshcomp" ]; then
    note "not installed: $(ls "$bashcomp" "$zshcomp" 2>&1 >/dev/null)"
    st=1
elif ! out=$(bash --norc --noprofile -c 'source "$1" && complete -p crampguide' _ "$bashcomp" 2>&1) ||
    [ "$out" != "complete -F _crampguide crampguide" ]; then
    note "sourcing the bash completion: $out"
    st=1
elif grep -n '@FORMATS@' "$bashcomp" "$zshcomp" | grep -v ':[0-9]*:#' >&2; then
    note "a completion still has its @FORMATS@ placeholder"
    st=1
fi
ok $st "the bash and zsh completions are installed where each shell looks"

# --- the installed program -----------------------------------------------------

(cd / && "$bin" --check) >"$tmp/check.out" 2>&1
st=$?
[ $st -eq 0 ] || { note "exit status $st:"; diag "$tmp/check.out"; }
ok $st "the installed crampguide --check passes, run from /"

st=0
(cd / && "$bin" --plain) >"$tmp/installed.txt" 2>"$tmp/installed.err" || st=1
(cd / && "$CRAMPGUIDE" --plain) >"$tmp/source.txt" 2>"$tmp/source.err" || st=1
if [ $st -ne 0 ]; then
    note "--plain failed:"
    diag "$tmp/installed.err" "$tmp/source.err"
elif [ ! -s "$tmp/source.txt" ]; then
    note "the source tree's --plain printed nothing"
    st=1
elif ! cmp -s "$tmp/source.txt" "$tmp/installed.txt"; then
    note "--plain output differs:"
    diff -u "$tmp/source.txt" "$tmp/installed.txt" | head -n 20 | sed 's/^/# /' >&2
    st=1
fi
ok $st "the installed --plain prints the same guide as the source tree's"

# A copy with no content next to it and no ../share next to it must fall
# back on the data directory compiled in at build time.
mkdir -p "$tmp/elsewhere/bin"
cp "$bin" "$tmp/elsewhere/bin/crampguide"
(cd / && "$tmp/elsewhere/bin/crampguide" --check) >"$tmp/elsewhere.out" 2>&1
st=$?
[ $st -eq 0 ] || { note "exit status $st:"; diag "$tmp/elsewhere.out"; }
ok $st "a copy of the binary elsewhere finds the installed content"

if command -v man >/dev/null 2>&1; then
    MANWIDTH=80 man --warnings -l "$prefix/share/man/man1/crampguide.1" \
        >/dev/null 2>"$tmp/man.err"
    st=$?
    if [ $st -ne 0 ] || [ -s "$tmp/man.err" ]; then
        note "man exit status $st:"
        diag "$tmp/man.err"
        st=1
    fi
    ok $st "the installed man page renders without warnings"
else
    n=$((n + 1))
    echo "ok $n # skip man not installed"
fi

# --- a staged install (DESTDIR) ---------------------------------------------

# What is at the real PREFIX before, to see that a staged install leaves it be.
real=/usr/local
fingerprint() {
    local f
    for f in "$real/bin/crampguide" "$real/share/man/man1/crampguide.1" \
        "$real/share/crampguide"; do
        if [ -e "$f" ]; then
            find "$f" -exec ls -ld --time-style=full-iso {} + 2>/dev/null
        else
            echo "absent $f"
        fi
    done
}
before=$(fingerprint)

st=0
make_in_copy install DESTDIR="$stage" PREFIX="$real" || st=1
if [ $st -eq 0 ]; then
    if [ "$(files_under "$stage")" != "$(expected_files | sed "s|^|${real#/}/|")" ]; then
        note "files under DESTDIR:"
        files_under "$stage" | sed 's/^/#   /' >&2
        st=1
    fi
    if [ "$(fingerprint)" != "$before" ]; then
        note "$real changed during a DESTDIR install"
        st=1
    fi
fi
ok $st "make install DESTDIR=... puts the files under DESTDIR only"

# --- uninstall ---------------------------------------------------------------

st=0
make_in_copy uninstall PREFIX="$prefix" DESTDIR= || st=1
left=$(leftovers "$prefix")
if [ -n "$left" ]; then
    note "left behind:"
    printf '%s\n' "$left" | sed 's/^/#   /' >&2
    st=1
fi
ok $st "make uninstall PREFIX=... removes everything it installed"

st=0
make_in_copy uninstall DESTDIR="$stage" PREFIX="$real" || st=1
left=$(leftovers "$stage")
if [ -n "$left" ]; then
    note "left behind:"
    printf '%s\n' "$left" | sed 's/^/#   /' >&2
    st=1
fi
if [ "$(fingerprint)" != "$before" ]; then
    note "$real changed during a DESTDIR uninstall"
    st=1
fi
ok $st "make uninstall DESTDIR=... removes everything it installed"

[ $failed -eq 0 ]
