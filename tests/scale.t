#!/usr/bin/env bash
# scale.t - content shaped to make the program slow or big (issue 15,
# "No input makes it slow"): what it must still say and print.  How fast
# it does so is a `make bench` figure (the adversarial shapes of
# tests/bench/gen-hostile), never a timed test here; this file checks the
# messages and the output that the faster code must keep giving:
#
#   - a source of many sections (found through its map): references to
#     them resolve, a wrong one still gets its "did you mean", a duplicate
#     section id is still found;
#   - broken links past the limit on messages: the printed ones keep their
#     suggestion, the rest are one closing message;
#   - the plain guide of a page citing many sections and of long link
#     lists: every note numbered in order of first use, every link shown;
#   - the limits on the whole content (bytes and values): one message
#     naming the file, the limit and what to do.
set -u
. "$(dirname "$0")/lib.sh"

SUMMARY_TAIL='(see the content format in the documentation) or use --content DIR'

guide_yaml() { # DIR NSECTIONS: a guide of one source with NSECTIONS sections
	mkdir -p "$1"
	awk -v n="$2" 'BEGIN {
		print "guide:"
		print "  title: A test guide"
		print "  disclaimer: Not medical advice."
		print "  sections: [page]"
		print "  walkthrough: [page]"
		print "sources:"
		print "  - id: big"
		print "    title: Big source"
		print "    origin: generated"
		print "    sections:"
		for (i = 0; i < n; i++) {
			print "      - id: section-" i
			print "        title: Section " i
		}
	}' >"$1/guide.yaml"
}

# check_err NAME FILE: stderr ($tmp/err) must be exactly FILE.
check_err() {
	if cmp -s "$2" "$tmp/err"; then
		ok "$1"
	else
		not_ok "$1" "$(diff -u "$2" "$tmp/err" | head -40)"
	fi
}

# --- 5: sections by their map ------------------------------------------------

d=$tmp/sections
guide_yaml "$d" 3000
{
	echo "pages:"
	echo "  - id: page"
	echo "    kind: other"
	echo "    title: The page"
	echo "    paragraphs:"
	echo "      - text: Cites the first, the last and one in the middle, many times."
	echo "        sources:"
	for i in $(seq 200); do printf '          - big/section-%s\n' 0 2999 1500; done
} >"$d/page.yaml"
"$CRAMPGUIDE" --check --content "$d" >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 0 ] && grep -qE '1 pages, 0 items(, reading grade [0-9.]+)?: content is valid' "$tmp/out"; then
	ok "3,000 sections, 600 references to them: valid"
else
	not_ok "3,000 sections, 600 references to them: valid" "status $rc" "$(cat "$tmp/out" "$tmp/err")"
fi

# A wrong section, and a section id given twice past the 16 kept in order.
sed -i 's|          - big/section-1500$|          - big/section-1500x|' "$d/page.yaml"
sed -i '0,/^      - id: section-20$/s//      - id: section-3/' "$d/guide.yaml"
line=$(grep -n '^      - id: section-3$' "$d/guide.yaml" | sed -n 2p | cut -d: -f1)
first=$(grep -n '^      - id: section-3$' "$d/guide.yaml" | sed -n 1p | cut -d: -f1)
"$CRAMPGUIDE" --check --content "$d" >"$tmp/out" 2>"$tmp/err"
{
	echo "$d/guide.yaml:$line:9: duplicate section id 'section-3' in this source (first at line $first); ids must be unique"
	echo "crampguide: 1 problem in the content in $d; fix it $SUMMARY_TAIL"
} >"$tmp/expected"
check_err "a duplicate section id among 3,000 is found" "$tmp/expected"
sed -i "${line}s/section-3/section-20/" "$d/guide.yaml"
"$CRAMPGUIDE" --check --content "$d" >"$tmp/out" 2>"$tmp/err"
# The closing message is about the whole file, so it is printed first.
{
	echo "$d/page.yaml: more than 50 problems in this file; the first 50 found are listed, fix them and check again"
	for i in $(seq 50); do
		printf "%s:%d:13: source reference 'big/section-1500x': source 'big' has no section 'section-1500x' (did you mean 'section-1500'?)\n" \
			"$d/page.yaml" $((3 * i + 7))
	done
	echo "crampguide: 51 problems in the content in $d; fix them $SUMMARY_TAIL"
} >"$tmp/expected"
check_err "200 wrong references among 3,000 sections: 50 listed, each with its suggestion" "$tmp/expected"

# --- 6: did you mean, only for what is printed ----------------------------------

d=$tmp/broken
tests/bench/gen-hostile broken 1 "$d"
"$CRAMPGUIDE" --check --content "$d" >"$tmp/out" 2>"$tmp/err"
rc=$?
why=()
[ $rc = 1 ] || why+=("status $rc, expected 1")
[ "$(wc -l <"$tmp/err")" = 52 ] || why+=("$(wc -l <"$tmp/err") lines, expected 52")
[ "$(grep -c "(did you mean 'page-[0-9]*'?)\$" "$tmp/err")" = 50 ] ||
	why+=("not 50 suggestions:" "$(head -5 "$tmp/err")")
grep -q "^$d/links.yaml: more than 50 problems in this file; the first 50 found are listed" "$tmp/err" ||
	why+=("no closing message")
if [ ${#why[@]} = 0 ]; then
	ok "1,250 broken links: 50 listed with their suggestion, one closing message"
else
	not_ok "1,250 broken links: 50 listed with their suggestion, one closing message" "${why[@]}"
fi

# Suggestions look at the first 2,000 candidates: a typo of item 10 of
# 3,000 is caught, one of item 2,500 is not (nor is any of the first
# 2,000 close enough to be suggested instead).
d=$tmp/candidates
guide_yaml "$d" 1
{
	echo "pages:"
	echo "  - id: page"
	echo "    kind: other"
	echo "    title: The page"
	echo "    items:"
	for i in $(seq 0 2999); do
		printf '      - {id: item-%s, text: An item., sources: [big/section-0]}\n' "$i"
	done
	echo "      - {id: linker, text: Links., sources: [big/section-0], links: [page/itam-10, page/itam-2500z]}"
} >"$d/page.yaml"
"$CRAMPGUIDE" --check --content "$d" >"$tmp/out" 2>"$tmp/err"
{
	echo "$d/page.yaml:3006:70: link 'page/itam-10': page 'page' has no item 'itam-10' (did you mean 'item-10'?)"
	echo "$d/page.yaml:3006:84: link 'page/itam-2500z': page 'page' has no item 'itam-2500z'; check the id"
	echo "crampguide: 2 problems in the content in $d; fix them $SUMMARY_TAIL"
} >"$tmp/expected"
check_err "suggestions come from the first 2,000 items of a page" "$tmp/expected"

# --- 7: the plain guide of many notes and long link lists ------------------------

# Paragraph k cites sections k+1, k and k+1 again: notes are numbered by
# first use, so from the third on it shows [k+1, k+2, k+2].
d=$tmp/notes
guide_yaml "$d" 60
{
	echo "pages:"
	echo "  - id: page"
	echo "    kind: other"
	echo "    title: The page"
	echo "    paragraphs:"
	for k in $(seq 0 49); do
		echo "      - text: Paragraph $k."
		echo "        sources: [big/section-$((k + 1)), big/section-$k, big/section-$((k + 1))]"
	done
} >"$d/page.yaml"
COLUMNS=80 "$CRAMPGUIDE" --plain --content "$d" >"$tmp/out" 2>"$tmp/err"
{
	echo "Paragraph 0. [1, 1, 2]"
	echo "Paragraph 1. [1, 3, 3]"
	for k in $(seq 2 49); do echo "Paragraph $k. [$((k + 1)), $((k + 2)), $((k + 2))]"; done
	echo "Sources:"
	echo '  [1] "Big source", section "Section 1"'
	echo '  [2] "Big source", section "Section 0"'
	for k in $(seq 3 51); do echo "  [$k] \"Big source\", section \"Section $((k - 1))\""; done
} >"$tmp/expected"
if grep -E '^(Paragraph|Sources:|  \[)' "$tmp/out" | cmp -s - "$tmp/expected"; then
	ok "--plain: 51 notes on one page, numbered by first use"
else
	not_ok "--plain: 51 notes on one page, numbered by first use" \
		"$(grep -E '^(Paragraph|Sources:|  \[)' "$tmp/out" | diff -u "$tmp/expected" - | head -30)"
fi

d=$tmp/links
tests/bench/gen-hostile links 1 "$d"
COLUMNS=80 "$CRAMPGUIDE" --plain --content "$d" >"$tmp/out" 2>"$tmp/err"
rc=$?
why=()
[ $rc = 0 ] || why+=("status $rc" "$(head -5 "$tmp/err")")
awk 'length($0) > 80 { bad = 1 } END { exit bad }' "$tmp/out" || why+=("a line wider than 80 columns")
# Page 0's "See also:" names pages 1 to 39 and 0, in turn, 250 times.
awk '/^See also:/ { on = 1 } on && /^$/ { print text; exit } on { sub(/^ +/, ""); text = text " " $0 }' "$tmp/out" |
	tr ';' '\n' | sed 's/^ *//; s/ *$//; s/^See also: //' >"$tmp/seen"
for i in $(seq 0 249); do echo "Page number $(((i + 1) % 40)) about cramps"; done >"$tmp/want"
cmp -s "$tmp/want" "$tmp/seen" || why+=("the first page's 250 links differ:" "$(diff "$tmp/want" "$tmp/seen" | head -10)")
[ "$(grep -c '^    See Page number [0-9]* about cramps: An item with many links\.$' "$tmp/out")" = 10000 ] ||
	why+=("not 10,000 item links")
if [ ${#why[@]} = 0 ]; then
	ok "--plain: 40 pages of 250 links each, every link shown, no line too wide"
else
	not_ok "--plain: 40 pages of 250 links each, every link shown, no line too wide" "${why[@]}"
fi

# --- 8: limits on the whole content ------------------------------------------------

# 17 files of 4,000,000 bytes (comments only, each reported as empty): the
# 17th takes the content past 64 MiB.
d=$tmp/bytes
mkdir -p "$d"
yes '# a comment line of filler, to make the file big enough for the test' |
	head -c 4000000 >"$d/f00.yaml"
for i in $(seq 1 17); do cp "$d/f00.yaml" "$d/f$(printf %02d "$i").yaml"; done
"$CRAMPGUIDE" --check --content "$d" >"$tmp/out" 2>"$tmp/err"
rc=$?
EMPTY="the file is empty; give it 'pages:' (or 'guide:', 'sources:') or delete it"
{
	for i in $(seq 0 16); do echo "$d/f$(printf %02d "$i").yaml: $EMPTY"; done
	echo "$d/f16.yaml: with this file the content is over 64 MiB, the limit for all content files together, and the files after it were not read; a guide needs far less: remove files, or give another directory with --content DIR"
	echo "crampguide: 18 problems in the content in $d; fix them $SUMMARY_TAIL"
} >"$tmp/expected"
[ $rc = 1 ] || echo "status $rc" >>"$tmp/err"
check_err "over 64 MiB of content in all: one message at the file that passes it" "$tmp/expected"
rm -rf "$d"

# 14 files of about 250,000 values (pages of links to one page): the 13th
# takes the content past 3,000,000 values.
d=$tmp/values
guide_yaml "$d" 1
for f in $(seq 1 14); do
	{
		printf 'pages:\n  - {id: p%d, kind: other, title: T, paragraphs: [{text: x, sources: [big/section-0]}], links: [' "$f"
		yes 'p1, ' | head -n 249970 | tr -d '\n'
		printf 'p1]}\n'
	} >"$d/p$(printf %02d "$f").yaml"
done
"$CRAMPGUIDE" --check --content "$d" >"$tmp/out" 2>"$tmp/err"
rc=$?
{
	echo "$d/p13.yaml: with this file the content holds over 3000000 values (texts, lists, mappings and keys), the limit for all content files together, and the files after it were not read; a guide needs far fewer: remove files, or give another directory with --content DIR"
	echo "crampguide: 1 problem in the content in $d; fix it $SUMMARY_TAIL"
} >"$tmp/expected"
[ $rc = 1 ] || echo "status $rc" >>"$tmp/err"
check_err "over 3,000,000 values in all: one message at the file that passes it" "$tmp/expected"
rm -rf "$d"

done_testing
