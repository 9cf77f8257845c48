#!/usr/bin/env bash
# Printing for real: a private CUPS scheduler with a cups-pdf queue, all of
# it under a temporary directory, receives `crampguide --print`; the PDF
# that comes out must have exactly one page.
set -u
. "$(dirname "$0")/lib.sh"

for need in cupsd lpadmin lp pdfinfo; do
	if ! command -v "$need" >/dev/null 2>&1 && [ ! -x "/usr/sbin/$need" ]; then
		echo "1..0 # skip $need is not installed (CI installs cups, cups-client, printer-driver-cups-pdf, poppler-utils)"
		exit 0
	fi
done
if [ ! -x /usr/lib/cups/backend/cups-pdf ] || [ "$(id -u)" != 0 ]; then
	echo "1..0 # skip the cups-pdf backend needs printer-driver-cups-pdf and root (CI has both)"
	exit 0
fi
PATH=$PATH:/usr/sbin

export SOURCE_DATE_EPOCH=1767312000 HOME=$tmp/home XDG_STATE_HOME=$tmp/state
root=$tmp/cups
mkdir -p "$HOME" "$root" "$tmp/spool" "$tmp/cache" "$tmp/statedir" "$tmp/log" "$tmp/cupstmp" "$tmp/pdf"
# Filters run as the lp user: they must reach their temporary directory.
chmod 0755 "$tmp" "$tmp/pdf"
chmod 1777 "$tmp/cupstmp"
sock=$tmp/cups.sock

cat >"$root/cupsd.conf" <<CONF
Listen $sock
LogLevel info
WebInterface No
Browsing No
<Location />
  Order allow,deny
  Allow all
</Location>
<Location /admin>
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
CONF
cat >"$root/cups-files.conf" <<CONF
ServerRoot $root
RequestRoot $tmp/spool
TempDir $tmp/cupstmp
CacheDir $tmp/cache
StateDir $tmp/statedir
ErrorLog $tmp/log/error_log
AccessLog $tmp/log/access_log
PageLog $tmp/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
SystemGroup root lpadmin
Sandboxing relaxed
CONF
# cups-pdf reads /etc/cups/cups-pdf-QUEUE.conf before its shared
# configuration: a queue of our own sends its PDFs into $tmp, and the file
# goes when the test does.
queue=crampguide-test-$$
pdfconf=/etc/cups/cups-pdf-$queue.conf
cat >"$pdfconf" <<CONF
Out $tmp/pdf
AnonDirName $tmp/pdf
Label 0
CONF

/usr/sbin/cupsd -f -c "$root/cupsd.conf" -s "$root/cups-files.conf" &
cupsd_pid=$!
trap 'kill $cupsd_pid 2>/dev/null; wait $cupsd_pid 2>/dev/null; rm -f "$pdfconf" /var/log/cups/cups-pdf-"$queue"*_log; chmod -R u+rwx "$tmp" 2>/dev/null; rm -rf "$tmp"' EXIT
export CUPS_SERVER=$sock

# wait_for SECONDS COMMAND...: poll until COMMAND succeeds or time runs out.
wait_for() {
	local deadline=$((SECONDS + $1))
	shift
	until "$@" >/dev/null 2>&1; do
		[ $SECONDS -ge $deadline ] && return 1
		sleep 0.1
	done
}

if wait_for 20 lpstat -r && lpadmin -p "$queue" -E -v "cups-pdf:/$queue" -P /usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd 2>"$tmp/err"; then
	ok "a private CUPS scheduler with a cups-pdf queue is running"
else
	not_ok "a private CUPS scheduler with a cups-pdf queue is running" "$(cat "$tmp/err" "$tmp/log/error_log" 2>/dev/null | tail -20)"
	done_testing
fi

"$CRAMPGUIDE" --print --printer "$queue" --content content >"$tmp/out" 2>"$tmp/err"
rc=$?
if [ $rc = 0 ] && grep -q "^request id is $queue-[0-9]" "$tmp/out"; then
	ok "--print --printer QUEUE is accepted: $(cat "$tmp/out")"
else
	not_ok "--print --printer QUEUE is accepted (got $rc)" "$(cat "$tmp/out" "$tmp/err")"
fi

job_done() { ! lpstat -o "$queue" | grep -q .; }
if wait_for 60 job_done && ls "$tmp"/pdf/*.pdf >/dev/null 2>&1; then
	pdf=$(ls "$tmp"/pdf/*.pdf | head -1)
	pages=$(pdfinfo "$pdf" | sed -n 's/^Pages: *//p')
	if [ "$pages" = 1 ]; then
		ok "the printed sheet is one page"
	else
		not_ok "the printed sheet is one page (pdfinfo says $pages)" "$(pdfinfo "$pdf")"
	fi
	# The text is drawn, not embedded as text: count the inked pixels of
	# the page rendered small in grey.
	ink=$(pdftoppm -gray -r 20 "$pdf" 2>/dev/null | od -An -tu1 -v | tr -s ' ' '\n' | grep -c '^[0-9]\{1,2\}$')
	if [ "$ink" -gt 100 ]; then
		ok "the printed page is not blank ($ink dark pixels at 20 dpi)"
	else
		not_ok "the printed page is not blank ($ink dark pixels at 20 dpi)"
	fi
else
	not_ok "cups-pdf wrote a PDF within 60 seconds" "$(grep -v 'envp\|argv' "$tmp/log/error_log" 2>/dev/null | grep -i 'job 1\]' | tail -30)" "$(lpstat -o 2>&1)"
fi
done_testing
