/* yfile.c - a content file's bytes: read whole or, when big, while it is
 * parsed (giving back what lies behind), checked byte by byte, and the
 * table of line starts that maps a byte offset to a line and column. */

/* For MAP_ANONYMOUS, which POSIX leaves out (see yfile_stream()). */
#define _DEFAULT_SOURCE

#include "yfile.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "fileio.h"
#include "text.h"
#include "util.h"

int yfile_too_many(const struct ydoc *doc, const struct diag *d)
{
	return diag_count_file(d, doc->path) >= YTREE_MAX_ERRORS;
}

/* A big file read while it is parsed (see yfile_stream()). */
struct ydoc_input {
	int fd;
	size_t map;                 /* bytes mapped at doc->buf */
	size_t fed;                 /* buf[0..fed) has been handed to libyaml */
	size_t released;            /* buf[0..released) has been given back */
	int err;                    /* errno of a read that failed, or 0 */
	int nel;                    /* a NEL (C2 85) was among the bytes scanned */
};

static void push_line(struct ydoc *doc, size_t off)
{
	if (doc->nlines == doc->lines_cap) {
		doc->lines_cap = doc->lines_cap ? doc->lines_cap * 2 : 64;
		doc->lines = xreallocarray(doc->lines, doc->lines_cap, sizeof(*doc->lines));
	}
	doc->lines[doc->nlines++] = (uint32_t)off;
}

/* YAML 1.1's printable set (what libyaml's reader accepts). */
static int yaml_printable(int32_t cp)
{
	return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) ||
	       cp == 0x85 || (cp >= 0xA0 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Whether the eight bytes at s are all printable ASCII (0x20 to 0x7E),
 * tested in one word: a byte below 0x20 borrows into its top bit when 0x20
 * is taken away, and one above 0x7E reaches it when 1 is added. */
static int all_printable(const char *s)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	uint64_t w;

	memcpy(&w, s, 8);
	return !((((w - 0x20 * ones) & ~w) | ((w + ones) | w)) & tops);
}

/* Check every byte.  Reporting these here gives exact positions and plain
 * words; libyaml's reader would only give a byte offset and "invalid
 * UTF-8" at the first one. */
int yfile_check(struct ydoc *doc, struct diag *d)
{
	const char *s = doc->buf;
	size_t n = doc->len, i = 0;
	unsigned line = 1, col = 1;
	int ok = 1;

	if (n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'))) {
		diag_at(d, doc->path, 1, 1,
			"the file is in UTF-16; save it as UTF-8 (content files are UTF-8 text)");
		return 0;
	}
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* libyaml skips the byte-order mark without counting a column */
	while (i < n) {
		int32_t cp;
		size_t k;

		/* Most of a content file is printable ASCII and newlines: take
		 * those a run at a time, and decode only the rest. */
		if ((unsigned char)(s[i] - 0x20) < 0x5F) {
			size_t start = i;

			while (n - i >= 8 && all_printable(s + i))
				i += 8;
			while (i < n && (unsigned char)(s[i] - 0x20) < 0x5F)
				i++;
			col += (unsigned)(i - start);
			continue;
		}
		if (s[i] == '\n') {
			i++;
			line++;
			col = 1;
			continue;
		}
		k = text_decode(s + i, n - i, &cp);

		if (cp == TEXT_INVALID) {
			ok = 0;
			diag_at(d, doc->path, line, col,
				"invalid UTF-8 (byte 0x%02X); save the file as UTF-8 text",
				(unsigned char)s[i]);
		} else if (cp == 0) {
			ok = 0;
			diag_at(d, doc->path, line, col,
				"NUL byte; content files are plain text (is this a binary file?)");
		} else if (!yaml_printable(cp) || cp == 0x85) {
			/* NEL is a line break to YAML 1.1, but in a content file it
			 * is almost always a Windows-1252 ellipsis misread as
			 * Latin-1; like every other C1 control it is refused. */
			ok = 0;
			diag_at(d, doc->path, line, col,
				"control character U+%04X is not allowed; delete it", (unsigned)cp);
		}
		if (!ok && yfile_too_many(doc, d))
			return 0;
		i += k;
		col++;
		/* Count line breaks exactly as libyaml does, so that our
		 * positions and its marks agree. */
		if (cp == '\r' && i < n && s[i] == '\n') {
			i++;
			cp = '\n';
		}
		if (cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
			line++;
			col = 1;
		}
	}
	return ok;
}

/* How many bytes at the start of s[0..n) are ASCII other than CR and LF:
 * none of them can start a line break.  Eight bytes are tested at a time
 * (a byte equal to c is found as a zero in w ^ c, whose top bit the
 * subtraction sets), which is most of the work of a file. */
static size_t clear_bytes(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	size_t i = 0;

	while (n - i >= 8) {
		uint64_t w, lf, cr, hit;

		memcpy(&w, s + i, 8);
		lf = w ^ ('\n' * ones);
		cr = w ^ ('\r' * ones);
		hit = (((lf - ones) & ~lf) | ((cr - ones) & ~cr) | w) & tops;
		if (hit) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* The lowest flag is exact (a false one only follows a
			 * true one), and the first byte is the lowest. */
			return i + (size_t)__builtin_ctzll(hit) / 8;
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < n && s[i] < 0x80 && s[i] != '\n' && s[i] != '\r')
		i++;
	return i;
}

/* Extend the table of line starts over buf[scanned..len).  Line breaks are
 * counted as libyaml (and yfile_check()) count them: LF, CR, CR LF, NEL, LS and
 * PS, whose bytes cannot occur inside another UTF-8 character, so they are
 * found without decoding.  Until `final`, a break whose last bytes have not
 * been read yet waits for them. */
static void scan_lines(struct ydoc *doc, int final)
{
	const unsigned char *s = (const unsigned char *)doc->buf;
	size_t n = doc->len, i = doc->scanned;

	if (!doc->lines) {
		if (n < 3 && !final)
			return;
		i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
		push_line(doc, i);
	}
	while (i < n) {
		unsigned char b;
		size_t need;

		i += clear_bytes(s + i, n - i);
		if (i == n)
			break;
		b = s[i];
		need = b == '\r' || b == 0xC2 ? 2 : b == 0xE2 ? 3 : 1;
		if (n - i < need && !final)
			break;
		i++;
		if (b == '\n') {
			push_line(doc, i);
		} else if (b == '\r') {
			if (i < n && s[i] == '\n')
				i++;
			push_line(doc, i);
		} else if (b == 0xC2 && i < n && s[i] == 0x85) {
			push_line(doc, ++i);
			if (doc->input)
				doc->input->nel = 1;
		} else if (b == 0xE2 && n - i >= 2 && s[i] == 0x80 && (s[i + 1] == 0xA8 || s[i + 1] == 0xA9)) {
			i += 2;
			push_line(doc, i);
		}
	}
	doc->scanned = i;
}

/* The line table of doc, made now if it was not yet (a file read while it
 * is parsed has it made as it is read).  The table is a cache inside a
 * document that is never defined const, so filling it in through a const
 * pointer is sound. */
static const struct ydoc *with_lines(const struct ydoc *doc)
{
	if (!doc->lines && !doc->input)
		scan_lines((struct ydoc *)doc, 1);
	return doc;
}

size_t yfile_nlines(const struct ydoc *doc)
{
	return with_lines(doc)->nlines;
}

void ydoc_position(const struct ydoc *doc, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi, i;
	unsigned c = 1;

	hi = with_lines(doc)->nlines;
	if (!doc->nlines) {
		*line = *col = 1;
		return;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (i = doc->lines[lo]; i < off && i < doc->len;) {
		int32_t cp;

		i += text_decode(doc->buf + i, doc->len - i, &cp);
		c++;
	}
	*line = (unsigned)lo + 1;
	*col = c;
}

size_t ydoc_offset(const struct ydoc *doc, unsigned line, unsigned col)
{
	size_t i;

	if (line == 0 || line > with_lines(doc)->nlines)
		return doc->len;
	i = doc->lines[line - 1];
	while (col > 1 && i < doc->len) {
		int32_t cp;

		i += text_decode(doc->buf + i, doc->len - i, &cp);
		col--;
	}
	return i;
}


/* Give back the bytes of a file read while parsed that end before line
 * `line` (1-based): nothing before the part of the tree just handed over is
 * looked at again, so a big file is never held whole. */
void yfile_release(struct ydoc *doc, unsigned line)
{
	struct ydoc_input *in = doc->input;
	size_t page = (size_t)sysconf(_SC_PAGESIZE), upto;

	if (!in || line == 0 || line > doc->nlines)
		return;
	upto = doc->lines[line - 1] / page * page;
	if (upto > in->released) {
		munmap(doc->buf + in->released, upto - in->released);
		in->released = upto;
	}
}


/* Bytes read at a time from a file read while it is parsed. */
#define YTREE_CHUNK ((size_t)64 * 1024)

/* Read the next chunk of a streamed file into doc->buf (at most one byte
 * past the size limit); return how many bytes came, 0 at the end of the
 * file, past the limit or on an error (in->err). */
static size_t fill(struct ydoc *doc)
{
	struct ydoc_input *in = doc->input;
	size_t want = YTREE_MAX_BYTES + 1 - doc->len;
	ssize_t r;

	if (want == 0)
		return 0;
	if (want > YTREE_CHUNK)
		want = YTREE_CHUNK;
	do
		r = read(in->fd, doc->buf + doc->len, want);
	while (r < 0 && errno == EINTR);
	if (r < 0) {
		in->err = errno;
		return 0;
	}
	doc->len += (size_t)r;
	scan_lines(doc, r == 0);
	return (size_t)r;
}

/* libyaml's read handler for a file read while it is parsed: the next
 * bytes, read into doc->buf (where messages find them) and copied into
 * libyaml's own buffer.  A read error, or a file grown past the limit
 * since it was measured, stops the parse; yfile_whole() says which. */
int yfile_feed(void *data, unsigned char *out, size_t size, size_t *got)
{
	struct ydoc *doc = data;
	struct ydoc_input *in = doc->input;

	*got = 0;
	if (in->fed == doc->len && !fill(doc))
		return !in->err && doc->len <= YTREE_MAX_BYTES;
	if (size > doc->len - in->fed)
		size = doc->len - in->fed;
	memcpy(out, doc->buf + in->fed, size);
	in->fed += size;
	*got = size;
	return 1;
}


/* Whether the file holds a NEL (U+0085, C2 85 in UTF-8): YAML reads it as
 * a line break, yfile_check() refuses it. */
int yfile_has_nel(const struct ydoc *doc)
{
	const char *p = doc->buf, *end = doc->buf + doc->len;

	if (doc->input)
		return doc->input->nel; /* every byte has been scanned by now */
	while ((p = memchr(p, '\xC2', (size_t)(end - p))) && end - p > 1) {
		if (p[1] == '\x85')
			return 1;
		p++;
	}
	return 0;
}

/* Stop reading a streamed file while parsing, and hold it whole instead,
 * for yfile_check(): read again from its start.  A read that failed, or a file
 * grown past the limit since it was measured, is reported as ydoc_load()
 * reports it when reading a file whole, instead of the parse's messages
 * (those after `before`); return 0 then. */
int yfile_whole(struct ydoc *doc, struct diag *d, size_t before)
{
	struct ydoc_input *in = doc->input;
	size_t len = 0, had = doc->len;
	char *buf = NULL;
	int err = in->err;

	if (!err && had <= YTREE_MAX_BYTES) {
		if (lseek(in->fd, 0, SEEK_SET) < 0)
			err = errno;
		else if (!(buf = fileio_read_fd(in->fd, had, YTREE_MAX_BYTES, &len)))
			err = errno;
	}
	munmap(doc->buf + in->released, in->map - in->released);
	free(in);
	doc->input = NULL;
	doc->buf = buf;
	doc->len = len;
	/* Made again from the whole file when a message needs it. */
	free(doc->lines);
	doc->lines = NULL;
	doc->nlines = doc->lines_cap = doc->scanned = 0;
	if (err) {
		diag_truncate(d, before);
		diag_file(d, doc->path, "cannot read: %s", strerror(err));
		return 0;
	}
	if (had > YTREE_MAX_BYTES || len > YTREE_MAX_BYTES) {
		diag_truncate(d, before);
		diag_file(d, doc->path, "the file is over the limit of %zu MiB for a content file; split it into smaller files",
			  YTREE_MAX_BYTES >> 20);
		return 0;
	}
	return 1;
}


/* Set doc up to read the big file fd while it is parsed: address space for
 * the largest file allowed, of which only the part being parsed is ever
 * in memory (yfile_release() gives back what lies behind it).  Returns 0 when
 * the space cannot be had, and the file is read whole instead. */
int yfile_stream(struct ydoc *doc, int fd)
{
	size_t page = (size_t)sysconf(_SC_PAGESIZE);
	size_t map = (YTREE_MAX_BYTES + 1 + page - 1) / page * page;
	void *p = mmap(NULL, map, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return 0;
	doc->buf = p;
	doc->len = 0;
	doc->input = xcalloc(1, sizeof(*doc->input));
	doc->input->fd = fd;
	doc->input->map = map;
	/* parse() looks at the first two bytes before libyaml reads any. */
	while (doc->len < 2 && fill(doc))
		;
	return 1;
}


void yfile_free(struct ydoc *doc)
{
	if (doc->input) {
		munmap(doc->buf + doc->input->released, doc->input->map - doc->input->released);
		free(doc->input);
		doc->input = NULL;
	} else {
		free(doc->buf);
	}
	free(doc->lines);
	doc->buf = NULL;
	doc->lines = NULL;
}
