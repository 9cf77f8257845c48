/* yfile.c - a content file's bytes: read whole, checked byte by byte, and
 * the table of line starts that maps a byte offset to a line and column. */
#include "yfile.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fileio.h"
#include "text.h"
#include "util.h"

int yfile_read(struct yfile *f, const char *path, struct diag *d)
{
	struct stat st;
	int fd, err;

	memset(f, 0, sizeof(*f));
	f->path = path;
	/* O_NONBLOCK: a FIFO named *.yaml must not hang the program. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_file(d, path, "cannot open: %s", strerror(errno));
		return 0;
	}
	if (fstat(fd, &st) < 0) {
		diag_file(d, path, "cannot read: %s", strerror(errno));
		close(fd);
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_file(d, path, "not a regular file; content files are plain *.yaml files");
		close(fd);
		return 0;
	}
	if ((unsigned long long)st.st_size > YFILE_MAX_BYTES) {
		diag_file(d, path, "the file is %llu bytes, over the limit of %zu MiB for a content file; split it into smaller files",
			  (unsigned long long)st.st_size, YFILE_MAX_BYTES >> 20);
		close(fd);
		return 0;
	}
	/* A file that has grown since fstat() is read past the limit, for the
	 * caller to refuse. */
	f->buf = fileio_read_fd(fd, (size_t)st.st_size, YFILE_MAX_BYTES, &f->len);
	err = errno;
	close(fd);
	if (!f->buf) {
		diag_file(d, path, "cannot read: %s", strerror(err));
		return 0;
	}
	return 1;
}

void yfile_copy(struct yfile *f, const char *path, const char *buf, size_t len)
{
	memset(f, 0, sizeof(*f));
	f->path = path;
	f->buf = xmalloc(len + 1);
	memcpy(f->buf, buf, len);
	f->buf[len] = '\0';
	f->len = len;
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

/* Reporting these here gives exact positions and plain words; libyaml's
 * reader would only give a byte offset and "invalid UTF-8" at the first. */
int yfile_check(const struct yfile *f, struct diag *d, size_t max)
{
	const char *s = f->buf;
	size_t n = f->len, i = 0, found = 0;
	unsigned line = 1, col = 1;

	if (n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'))) {
		diag_at(d, f->path, 1, 1,
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
			found++;
			diag_at(d, f->path, line, col,
				"invalid UTF-8 (byte 0x%02X); save the file as UTF-8 text",
				(unsigned char)s[i]);
		} else if (cp == 0) {
			found++;
			diag_at(d, f->path, line, col,
				"NUL byte; content files are plain text (is this a binary file?)");
		} else if (!yaml_printable(cp) || cp == 0x85) {
			/* NEL is a line break to YAML 1.1, but in a content file it
			 * is almost always a Windows-1252 ellipsis misread as
			 * Latin-1; like every other C1 control it is refused. */
			found++;
			diag_at(d, f->path, line, col,
				"control character U+%04X is not allowed; delete it", (unsigned)cp);
		}
		if (found && found >= max)
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
	return !found;
}

/* Whether the file holds a NEL (U+0085, C2 85 in UTF-8). */
int yfile_has_nel(const struct yfile *f)
{
	const char *p = f->buf, *end = f->buf + f->len;

	while ((p = memchr(p, '\xC2', (size_t)(end - p))) && end - p > 1) {
		if (p[1] == '\x85')
			return 1;
		p++;
	}
	return 0;
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

static void push_line(struct yfile *f, size_t *cap, size_t off)
{
	ALLOC_GROW(f->lines, f->nlines + 1, *cap);
	f->lines[f->nlines++] = (uint32_t)off;
}

/* Make the table of line starts.  Line breaks are counted as libyaml (and
 * yfile_check()) count them: LF, CR, CR LF, NEL, LS and PS, whose bytes
 * cannot occur inside another UTF-8 character, so they are found without
 * decoding. */
static void scan_lines(struct yfile *f)
{
	const unsigned char *s = (const unsigned char *)f->buf;
	size_t n = f->len, i, cap = 0;

	i = n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
	push_line(f, &cap, i);
	while (i < n) {
		unsigned char b;

		i += clear_bytes(s + i, n - i);
		if (i == n)
			break;
		b = s[i++];
		if (b == '\n') {
			push_line(f, &cap, i);
		} else if (b == '\r') {
			if (i < n && s[i] == '\n')
				i++;
			push_line(f, &cap, i);
		} else if (b == 0xC2 && i < n && s[i] == 0x85) {
			push_line(f, &cap, ++i);
		} else if (b == 0xE2 && n - i >= 2 && s[i] == 0x80 && (s[i + 1] == 0xA8 || s[i + 1] == 0xA9)) {
			i += 2;
			push_line(f, &cap, i);
		}
	}
}

/* The line table is made on first use: most files are never asked for a
 * position.  It is a cache inside a file that is never defined const, so
 * filling it in through a const pointer is sound. */
static const struct yfile *with_lines(const struct yfile *f)
{
	if (!f->lines)
		scan_lines((struct yfile *)f);
	return f;
}

size_t yfile_nlines(const struct yfile *f)
{
	return with_lines(f)->nlines;
}

void yfile_position(const struct yfile *f, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = with_lines(f)->nlines, i;
	unsigned c = 1;

	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (f->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (i = f->lines[lo]; i < off && i < f->len;) {
		int32_t cp;

		i += text_decode(f->buf + i, f->len - i, &cp);
		c++;
	}
	*line = (unsigned)lo + 1;
	*col = c;
}

size_t yfile_offset(const struct yfile *f, unsigned line, unsigned col)
{
	size_t i;

	if (line == 0 || line > yfile_nlines(f))
		return f->len;
	i = f->lines[line - 1];
	while (col > 1 && i < f->len) {
		int32_t cp;

		i += text_decode(f->buf + i, f->len - i, &cp);
		col--;
	}
	return i;
}

void yfile_free(struct yfile *f)
{
	free(f->buf);
	free(f->lines);
	f->buf = NULL;
	f->lines = NULL;
	f->nlines = 0;
}
