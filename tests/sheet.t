#!/usr/bin/env bash
# The tip sheet in the guide, played in the scripted mode (CRAMPGUIDE_SCRIPT):
# marking tips and ticking causes, the marks kept across runs, the sheet
# screen showing exactly what --tips prints, printing through a stand-in lp,
# saving in each format with the question before replacing a file, clearing,
# an unreadable or unwritable marks file, and the ASCII fallback.
set -u
. "$(dirname "$0")/lib.sh"

export SOURCE_DATE_EPOCH=1767312000 HOME=$tmp/home XDG_STATE_HOME=$tmp/state
mkdir -p "$HOME" "$tmp/bin" "$tmp/fail" "$tmp/empty"
state=$XDG_STATE_HOME/crampguide/tips.yaml

cat >"$tmp/bin/lp" <<STUB
#!/bin/sh
printf '%s\n' "\$@" >"$tmp/lp-args"
cat >"$tmp/lp-stdin"
echo "request id is stub-9 (1 file(s))"
STUB
cat >"$tmp/fail/lp" <<'STUB'
#!/bin/sh
cat >/dev/null
echo "lp: The printer or class does not exist." >&2
exit 1
STUB
chmod +x "$tmp/bin/lp" "$tmp/fail/lp"

# play NAME SIZE [VAR=VALUE...]: run the guide on the keys read from stdin at
# SIZE, with `:dump X` writing $tmp/NAME.X.txt; sets rc, $tmp/NAME.err has stderr.
play() {
	local name=$1 size=$2
	shift 2
	sed "s|^:dump \(.*\)|:dump $tmp/$name.\1.txt|" >"$tmp/$name.keys"
	# timeout is found before PATH may change (a test takes lp away).
	timeout 10 env "$@" CRAMPGUIDE_SCRIPT="$tmp/$name.keys" CRAMPGUIDE_SIZE="$size" \
		"$CRAMPGUIDE" --content "$TOP/content" </dev/null >"$tmp/$name.out" 2>"$tmp/$name.err"
	rc=$?
}

# check DESC COMMAND...: ok when the command succeeds, else not ok with $why.
why=
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else not_ok "$desc" "$why"; fi
	why=
}

# The status line of a dump (its last line), and the sheet's lines in a dump
# of the sheet screen: between the line at the top and the key hints.
status() { tail -n 1 "$1"; }
sheet_of() { sed -n '2,$p' "$1" | sed '$d' | sed '$d' | sed -e :a -e '/^\n*$/{$d;N;ba' -e '}'; }

# --- marking, the sheet, and the marks kept for next time ----------------

# The keys to the prevention page from the home screen, and to its sixth
# and seventh tips (supportive shoes, potassium; the first seven have no
# links under them); from there, back home and to the causes page, whose
# second cause (overusing the muscles) comes after the one link under the
# first.
prevention='<Down> <Down> <Down> <Down> <Down> <Down> <Enter>'
shoes="$prevention <Down> <Down> <Down> <Down> <Down> <Down>"
potassium="$shoes <Down>"
overuse='<Backspace> <Up> <Up> <Enter> <Down> <Down> <Down>'

# Two tips that are not on the default sheet, and a cause.
play mark 80x50 <<EOF
$shoes <Space> <Down> m
:dump prevention
$overuse <Space>
:dump causes
t
:dump sheet
EOF
"$CRAMPGUIDE" --tips --content "$TOP/content" >"$tmp/tips.txt"
if [ "$rc" = 0 ] && [ ! -s "$tmp/mark.err" ] &&
	[ "$(grep -c '^> *\[✓\]\|^ *\[✓\]' "$tmp/mark.prevention.txt")" = 2 ] &&
	grep -q '\[✓\] Wear supportive shoes' "$tmp/mark.prevention.txt" &&
	grep -q '\[✓\] Eat foods rich in potassium' "$tmp/mark.prevention.txt" &&
	grep -q '\[ \] Drink enough water' "$tmp/mark.prevention.txt"; then
	ok "Space and m mark the chosen tips: two boxes ticked, the others empty"
else
	not_ok "Space and m mark the chosen tips" "status $rc" "$(cat "$tmp/mark.err" "$tmp/mark.prevention.txt" 2>&1 | head -40)"
fi
why=$(cat "$tmp/mark.causes.txt" 2>&1)
check "the causes page is a checklist: the ticked cause shows [✓], the question is asked" \
	eval 'grep -q "\[✓\] Overusing your muscles" "$tmp/mark.causes.txt" &&
	      grep -q "Which of these might apply to you?" "$tmp/mark.causes.txt" &&
	      status "$tmp/mark.causes.txt" | grep -q "Ticked: its tips are on your tip sheet"'
why=$(cat "$tmp/mark.sheet.txt" 2>&1)
check "the sheet screen has the marked tips and the ticked cause with its tips" \
	eval 'grep -q "^  \* Wear supportive shoes, especially if you stand for long\.$" "$tmp/mark.sheet.txt" &&
	      grep -q "^  \* Eat potassium-rich foods" "$tmp/mark.sheet.txt" &&
	      grep -q "^  \* Hard or long exercise, or a recent step up in activity$" "$tmp/mark.sheet.txt" &&
	      grep -q "^      - Stretch gently before and after exercise\.$" "$tmp/mark.sheet.txt" &&
	      head -n 1 "$tmp/mark.sheet.txt" | grep -q "2 tips marked, 1 cause ticked"'
if sheet_of "$tmp/mark.sheet.txt" | cmp -s - "$tmp/tips.txt"; then
	ok "the sheet screen shows exactly what --tips prints, line for line"
else
	not_ok "the sheet screen shows exactly what --tips prints" \
		"$(sheet_of "$tmp/mark.sheet.txt" | diff - "$tmp/tips.txt" | head -30)"
fi
why=$(cat "$state" 2>&1)
check "the state file holds the two tips and the cause, in the order marked" \
	eval 'grep -qx "tips: \[prevention/supportive-footwear, prevention/potassium-foods\]" "$state" &&
	      grep -qx "causes: \[causes/muscle-overuse\]" "$state"'

# A new run: the same boxes ticked, the same sheet.
play again 80x50 <<EOF
$prevention
:dump prevention
<Backspace> t
:dump sheet
EOF
if [ "$rc" = 0 ] && grep -q '\[✓\] Wear supportive shoes' "$tmp/again.prevention.txt" &&
	grep -q '\[✓\] Eat foods rich in potassium' "$tmp/again.prevention.txt" &&
	cmp -s "$tmp/mark.sheet.txt" "$tmp/again.sheet.txt"; then
	ok "after a restart the marks are still there, and the sheet is the same"
else
	not_ok "after a restart the marks are still there" "$(cat "$tmp/again.err" "$tmp/again.prevention.txt" 2>&1 | head -30)" \
		"$(diff "$tmp/mark.sheet.txt" "$tmp/again.sheet.txt" 2>&1 | head)"
fi

# Unmarking: Space again empties the box and the state file follows.
play unmark 80x50 <<EOF
$potassium <Space>
:dump prevention
EOF
why=$(cat "$tmp/unmark.prevention.txt" "$state" 2>&1)
check "Space on a marked tip unmarks it, on screen and in the state file" \
	eval 'grep -q "\[ \] Eat foods rich in potassium" "$tmp/unmark.prevention.txt" &&
	      status "$tmp/unmark.prevention.txt" | grep -q "Unmarked" &&
	      grep -qx "tips: \[prevention/supportive-footwear\]" "$state"'

# Marking where there is nothing to mark says how, and changes nothing.
cp "$state" "$tmp/state.before"
play nothing 80x24 <<'EOF'
<Space>
:dump home
<Down> <Down> <Down> <Enter> <Space>
:dump overview
EOF
why=$(status "$tmp/nothing.home.txt"; status "$tmp/nothing.overview.txt")
check "Space where nothing can be marked explains, and the state file is untouched" \
	eval 'status "$tmp/nothing.home.txt" | grep -q "Nothing to mark here" &&
	      status "$tmp/nothing.overview.txt" | grep -q "Nothing to mark here" &&
	      cmp -s "$state" "$tmp/state.before"'

# The walk-through's items can be marked too, and its end opens the sheet,
# from which Back goes home.
play walk 80x24 <<'EOF'
<Enter> <Enter> <Enter> <Enter> <Down> <Space>
:dump step
<Enter> <Enter> <Enter> <Enter> <End> <Enter>
:dump end
<Backspace>
:dump home
EOF
why=$(cat "$tmp/walk.step.txt" "$tmp/walk.end.txt" "$tmp/walk.home.txt" 2>&1 | head -60)
check "in the walk-through Space marks a tip; Enter at the end opens the sheet; Back goes home" \
	eval 'grep -q "^> \[✓\] Stretch the cramped muscle" "$tmp/walk.step.txt" &&
	      head -n 1 "$tmp/walk.step.txt" | grep -q "Step 4 of 8" &&
	      status "$tmp/walk.end.txt" | grep -q "Your tip sheet" &&
	      grep -q "^  \* Stretch the cramped muscle gently\.$" "$tmp/walk.end.txt" &&
	      status "$tmp/walk.home.txt" | grep -q "^ Home "'

# p, s and c away from the sheet say where they work.
play away 80x24 <<'EOF'
p
:dump p
EOF
why=$(status "$tmp/away.p.txt")
check "p away from the sheet says to open it first, and prints nothing" \
	eval 'status "$tmp/away.p.txt" | grep -q "First open your tip sheet with t" && [ ! -e "$tmp/lp-stdin" ]'

# --- printing -------------------------------------------------------------

"$CRAMPGUIDE" --tips --content "$TOP/content" >"$tmp/tips.txt"
play print 80x24 PATH="$tmp/bin:$PATH" <<'EOF'
t p
:dump printed
EOF
why=$(cat "$tmp/print.err" "$tmp/print.printed.txt" 2>&1)
check "p on the sheet prints: lp's request id on the status line, the sheet as it was" \
	eval '[ "$rc" = 0 ] && status "$tmp/print.printed.txt" | grep -q "Sent to the printer: request id is stub-9" &&
	      head -n 2 "$tmp/print.printed.txt" | tail -n 1 | grep -qx "My leg cramp tip sheet"'
if cmp -s "$tmp/lp-stdin" "$tmp/tips.txt" && [ "$(cat "$tmp/lp-args")" = $'-t\nMy leg cramp tip sheet' ]; then
	ok "lp got -t TITLE and exactly the bytes of --tips"
else
	not_ok "lp got -t TITLE and exactly the bytes of --tips" "$(cat "$tmp/lp-args")" \
		"$(diff "$tmp/tips.txt" "$tmp/lp-stdin" | head)"
fi
play printfail 80x24 PATH="$tmp/fail:$PATH" <<'EOF'
t p
:dump failed
EOF
why=$(status "$tmp/printfail.failed.txt")
check "a failing lp: its own message on the status line" \
	eval 'status "$tmp/printfail.failed.txt" | grep -q "Not printed: lp: The printer or class does not exist"'
play printnone 80x24 PATH="$tmp/empty" <<'EOF'
t p
:dump none
EOF
why=$(status "$tmp/printnone.none.txt")
check "no lp at all: the status line says to install cups-client" \
	eval 'status "$tmp/printnone.none.txt" | grep -q "Not printed: the lp command is not installed; install CUPS.s client"'

# --- saving -------------------------------------------------------------

for f in $(scripts/formats); do
	f=${f%%:*}
	"$CRAMPGUIDE" --tips --format $f --content "$TOP/content" >"$tmp/tips.$f"
done
printf 'precious\n' >"$HOME/keep.txt"
play save 80x24 <<'EOF'
t s
:dump format
t
:dump name
<Enter>
:dump saved-text
s m <Enter> s h <Enter>
s t <C-U> ~/keep.txt <Enter>
:dump ask
x
:dump stray
n
:dump asked-again
<Esc>
s t <C-U> ~ <Enter>
:dump folder
s t <C-U> /nonexistent/dir/tips.txt <Enter>
:dump unwritable
s t <C-U> ~/keep.txt <Enter> y
:dump replaced
EOF
why=$(cat "$tmp/save.err"; status "$tmp/save.format.txt"; status "$tmp/save.name.txt")
check "s asks for the format, then proposes ~/crampguide-tips.txt" \
	eval '[ "$rc" = 0 ] && status "$tmp/save.format.txt" | grep -q "Save as t: text, m: Markdown or h: HTML?" &&
	      status "$tmp/save.name.txt" | grep -q "^Save to: ~/crampguide-tips.txt "'
why=$(status "$tmp/save.saved-text.txt")
check "Enter saves it there and says where" \
	eval 'status "$tmp/save.saved-text.txt" | grep -q "Saved your tip sheet to $HOME/crampguide-tips.txt"'
for f in $("$TOP/scripts/formats"); do
	if cmp -s "$HOME/crampguide-tips.${f#*:}" "$tmp/tips.${f%%:*}"; then
		ok "the saved .${f#*:} file is --tips --format ${f%%:*}, byte for byte"
	else
		not_ok "the saved .${f#*:} file is --tips --format ${f%%:*}" \
			"$(diff "$tmp/tips.${f%%:*}" "$HOME/crampguide-tips.${f#*:}" 2>&1 | head)"
	fi
done
why=$(status "$tmp/save.ask.txt"; status "$tmp/save.stray.txt"; status "$tmp/save.asked-again.txt")
check "an existing file: asked before replacing; a stray key says which keys answer; n asks for another name" \
	eval 'status "$tmp/save.ask.txt" | grep -q "~/keep.txt exists. Replace it? y: yes, n: no" &&
	      status "$tmp/save.stray.txt" | grep -q "Press y or n, or Esc to cancel" &&
	      status "$tmp/save.asked-again.txt" | grep -q "^Save to: ~/keep.txt "'
why=$(status "$tmp/save.folder.txt"; status "$tmp/save.unwritable.txt")
check "a folder or an unwritable place: not saved, and why" \
	eval 'status "$tmp/save.folder.txt" | grep -q "Not saved: that is a folder" &&
	      status "$tmp/save.unwritable.txt" | grep -q "Not saved: cannot write /nonexistent/dir/tips.txt"'
if cmp -s "$HOME/keep.txt" "$tmp/tips.text" && status "$tmp/save.replaced.txt" | grep -q "Saved your tip sheet to $HOME/keep.txt"; then
	ok "y replaces the file (and n before it had left it alone)"
else
	not_ok "y replaces the file" "$(status "$tmp/save.replaced.txt")" "$(head -3 "$HOME/keep.txt")"
fi
printf 'precious\n' >"$HOME/keep.txt"
play keep 80x24 <<'EOF'
t s t <C-U> ~/keep.txt <Enter> n <Esc>
t s t <C-U> ~/keep.txt <Enter> <Esc>
:dump kept
EOF
why=$(status "$tmp/keep.kept.txt"; cat "$HOME/keep.txt")
check "n or Esc at the question leave the file byte-identical" \
	eval '[ "$(cat "$HOME/keep.txt")" = precious ] && status "$tmp/keep.kept.txt" | grep -q Cancelled'

# --- clearing -------------------------------------------------------------

play clear 80x24 <<'EOF'
t c
:dump ask
n
:dump kept
c y
:dump cleared
EOF
why=$(status "$tmp/clear.ask.txt"; status "$tmp/clear.kept.txt"; cat "$tmp/clear.cleared.txt" "$state")
check "c asks first; n keeps the marks; y clears them on the sheet and in the file" \
	eval 'status "$tmp/clear.ask.txt" | grep -q "Clear all your marks and ticks? y: yes, n: no" &&
	      status "$tmp/clear.kept.txt" | grep -q "Your marks are kept" &&
	      head -n 1 "$tmp/clear.cleared.txt" | grep -q "Nothing marked yet" &&
	      grep -qx "tips: \[\]" "$state" && grep -qx "causes: \[\]" "$state"'

# --- the marks file unreadable or unwritable -------------------------------

printf 'tips: [unclosed\n' >"$state"
cp "$state" "$tmp/corrupt.before"
play corrupt 80x24 <<EOF
:dump home
$potassium <Space>
:dump marked
EOF
why=$(cat "$tmp/corrupt.err" "$tmp/corrupt.home.txt" "$tmp/corrupt.marked.txt" 2>&1; ls -A "$XDG_STATE_HOME/crampguide")
check "an unreadable marks file: said on the home screen with FILE:LINE:COL, the mark kept for the run, the file left as it is" \
	eval '[ "$rc" = 0 ] && cmp -s "$state" "$tmp/corrupt.before" &&
	      tr -d "\n" <"$tmp/corrupt.home.txt" | grep -q "crampguide/tips.yaml:2:1: did not find" &&
	      grep -q "not saved over it" "$tmp/corrupt.home.txt" &&
	      status "$tmp/corrupt.home.txt" | grep -q "Your saved marks could not be read" &&
	      grep -q "\[✓\] Eat foods rich in potassium" "$tmp/corrupt.marked.txt" &&
	      status "$tmp/corrupt.marked.txt" | grep -q "Marked for now, but not kept for next time" &&
	      [ "$(ls -A "$XDG_STATE_HOME/crampguide" | tr "\n" " ")" = "tips.yaml tips.yaml.lock " ]'
play corrupt2 80x24 <<'EOF'
:dump home
EOF
rm -f "$state"
play corrupt3 80x24 <<'EOF'
:dump home
EOF
why=$(cat "$tmp/corrupt2.home.txt" "$tmp/corrupt3.home.txt")
check "the next run says it again while the file is unreadable, and nothing once it is gone" \
	eval 'grep -q "could not be read" "$tmp/corrupt2.home.txt" &&
	      ! grep -q "could not be read" "$tmp/corrupt3.home.txt"'

: >"$tmp/not-a-dir"
play nowrite 80x50 XDG_STATE_HOME="$tmp/not-a-dir" <<EOF
$potassium <Space>
:dump marked
EOF
why=$(cat "$tmp/nowrite.err" "$tmp/nowrite.marked.txt")
check "a state file that cannot be written: the mark holds, the status line and stderr say it is not kept" \
	eval '[ "$rc" = 0 ] && grep -q "\[✓\] Eat foods rich in potassium" "$tmp/nowrite.marked.txt" &&
	      status "$tmp/nowrite.marked.txt" | grep -q "Marked for now, but not kept for next time" &&
	      grep -q "your marks could not be kept for next time" "$tmp/nowrite.err"'

# --- ASCII in a locale that is not UTF-8 -----------------------------------

rm -f "$state"
play ascii 80x50 LC_ALL=C <<EOF
$potassium <Space>
:dump page
t
:dump sheet
EOF
why=$(cat "$tmp/ascii.err" "$tmp/ascii.page.txt" "$tmp/ascii.sheet.txt" 2>&1 | head -40)
check "LC_ALL=C: the box is [x] and the sheet screen is plain ASCII" \
	eval '[ "$rc" = 0 ] && grep -q "\[x\] Eat foods rich in potassium" "$tmp/ascii.page.txt" &&
	      ! LC_ALL=C grep -q "[^ -~]" "$tmp/ascii.page.txt" "$tmp/ascii.sheet.txt"'

# Content with accents, typographic quotes, dashes and an ellipsis: the text
# sheet in the C locale is ASCII and still within 80 columns.
cp -R "$TOP/content" "$tmp/accents"
sed -i 's|tip: Eat potassium-rich foods, such as bananas, raisins or cooked spinach.|tip: "Eat potassium — “bananas”, raisins, purée or café-style spinach…"|' \
	"$tmp/accents/prevention.yaml"
# Every ellipsis in the notice grows by two letters in ASCII: the notice
# must be wrapped after it is made ASCII to stay within 80 columns.
sed -i 's|^\(  disclaimer: *>-*\)$|\1\n    Ellipses… ellipses… ellipses… ellipses… ellipses… ellipses… ellipses… ellipses…|' \
	"$tmp/accents/guide.yaml"
printf 'version: 1\ntips: [prevention/potassium-foods]\n' >"$state"
"$CRAMPGUIDE" --check --content "$tmp/accents" >/dev/null 2>"$tmp/accents.err"
LC_ALL=C "$CRAMPGUIDE" --tips --content "$tmp/accents" >"$tmp/accents.c" 2>>"$tmp/accents.err"
LC_ALL=C.UTF-8 "$CRAMPGUIDE" --tips --content "$tmp/accents" >"$tmp/accents.utf8" 2>>"$tmp/accents.err"
why=$(cat "$tmp/accents.err" "$tmp/accents.c" | head -30)
check "--tips in the C locale: plain ASCII, at most 80 columns, the letters kept readable" \
	eval '! LC_ALL=C grep -q "[^ -~]" "$tmp/accents.c" && [ "$(LC_ALL=C wc -L <"$tmp/accents.c")" -le 80 ] &&
	      tr "\n" " " <"$tmp/accents.c" | grep -q "Eat potassium - \"bananas\", raisins, puree or cafe-style spinach\.\.\." &&
	      grep -q "^Ellipses\.\.\. ellipses\.\.\." "$tmp/accents.c"'
why=$(grep -n "bananas" -A2 "$tmp/accents.utf8")
check "--tips in a UTF-8 locale keeps the letters" \
	eval 'grep -q "“bananas”, raisins, purée or café-style spinach…" "$tmp/accents.utf8"'

done_testing
