/* lint.c - text problems pinned to the line and column where they were written. */
#include "lint.h"

#include <stdint.h>
#include <string.h>

#include "text.h"

/* Problems reported from one value; past this the rest are only counted,
 * in one closing message.  Each report searches the value's source text,
 * so without a cap a value of a million escapes would cost a million
 * searches of megabytes (minutes of work, and as many messages). */
#define LINT_MAX_REPORTS 10

/* No code point: a line break in the source, which YAML folds away. */
#define NO_CP (-2)

struct ctx {
	const struct ydoc *doc;
	const struct ynode *node;
	const char *key;
	struct diag *d;
	size_t count;
	unsigned more_line, more_col; /* where the first unreported problem is */
	size_t start, end; /* the scalar's source text in doc->file.buf, once spanned */
	int quoted;        /* a double-quoted scalar, where escapes are decoded */
	int spanned;       /* start, end and quoted are set */
};

/* Where a problem was written: its byte offset in the file, and the
 * escape it was written as (esc_len 0 when it is there as it is). */
struct place {
	size_t off;
	size_t esc_len;
};

/* Occurrences of needle[0..nlen) in s[0..n), found with memchr so that a
 * search through megabytes stays a fast scan. */
static size_t count_in(const char *s, size_t n, const char *needle, size_t nlen)
{
	size_t count = 0, i = 0;

	while (i + nlen <= n) {
		const char *p = memchr(s + i, needle[0], n - i - nlen + 1);

		if (!p)
			break;
		i = (size_t)(p - s);
		if (memcmp(s + i, needle, nlen) == 0) {
			count++;
			i += nlen;
		} else {
			i++;
		}
	}
	return count;
}

static int hex_value(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

/* The escape at s[0..n) (s[0] is the backslash) in a double-quoted
 * scalar: its length, and in *cp the code point it stands for (NO_CP for
 * an escaped line break).  The table is YAML's, as libyaml reads it. */
static size_t escape_at(const char *s, size_t n, int32_t *cp)
{
	static const char simple[] = "0abt\tnvfre \"/'\\N_LP";
	static const int32_t value[] = { 0, 7, 8, 9, 9, 10, 11, 12, 13, 0x1B, ' ', '"', '/',
					 '\'', '\\', 0x85, 0xA0, 0x2028, 0x2029 };
	const char *hit;
	size_t digits = 0, i;
	int32_t v = 0;

	*cp = NO_CP;
	if (n < 2)
		return 1;
	if (s[1] != '\0' && (hit = strchr(simple, s[1])) != NULL) {
		*cp = value[hit - simple];
		return 2;
	}
	if (s[1] == 'x')
		digits = 2;
	else if (s[1] == 'u')
		digits = 4;
	else if (s[1] == 'U')
		digits = 8;
	if (!digits || n < 2 + digits)
		return 1; /* a line break: folding, not a character */
	for (i = 0; i < digits; i++) {
		int h = hex_value(s[2 + i]);

		if (h < 0)
			return 1;
		v = v * 16 + h;
	}
	*cp = v;
	return 2 + digits;
}

/* The k-th (from 0) place where code point cp (UTF-8 enc[0..elen)) was
 * written in the scalar's source, as itself or as an escape.  Raw line
 * breaks never count: YAML folds them, so CR or NEL in a value can only
 * have come from an escape. */
static int find_cp(const struct ctx *c, int32_t cp, const char *enc, size_t elen, size_t k,
		   struct place *at)
{
	const char *s = c->doc->file.buf;
	int raw_ok = cp != '\r' && cp != 0x85;
	size_t i = c->start;

	while (i < c->end) {
		unsigned char b = (unsigned char)s[i];

		if (c->quoted && b == '\\') {
			int32_t e;
			size_t len = escape_at(s + i, c->end - i, &e);

			if (e == cp && k-- == 0) {
				at->off = i;
				at->esc_len = len;
				return 1;
			}
			i += len;
		} else if (raw_ok && b == (unsigned char)enc[0] && i + elen <= c->end &&
			   memcmp(s + i, enc, elen) == 0) {
			if (k-- == 0) {
				at->off = i;
				at->esc_len = 0;
				return 1;
			}
			i += elen;
		} else {
			i++;
		}
	}
	return 0;
}

/* The same bytes found in the source text, counting earlier occurrences
 * in the value so that repeats map one to one.  For words and invalid
 * bytes, which are never written as escapes. */
static int find_bytes(const struct ctx *c, const char *needle, size_t nlen, size_t off,
		      struct place *at)
{
	size_t before = count_in(c->node->str, off, needle, nlen), i = c->start;
	const char *s = c->doc->file.buf;

	while (i + nlen <= c->end) {
		const char *p = memchr(s + i, needle[0], c->end - i - nlen + 1);

		if (!p)
			break;
		i = (size_t)(p - s);
		if (memcmp(s + i, needle, nlen) == 0 && before-- == 0) {
			at->off = i;
			at->esc_len = 0;
			return 1;
		}
		i++;
	}
	return 0;
}

/* Where the problem p was written; the start of the scalar when it cannot
 * be found (which would be a bug in the mapping above, not in the file). */
static void locate(const struct ctx *c, const struct text_problem *p, unsigned *line,
		   unsigned *col, struct place *at)
{
	const char *v = c->node->str;
	int found;

	if (p->kind == TEXT_PROBLEM_CONTROL || p->kind == TEXT_PROBLEM_BIDI)
		found = find_cp(c, p->cp, v + p->off, p->len,
				count_in(v, p->off, v + p->off, p->len), at);
	else
		found = find_bytes(c, v + p->off, p->len, p->off, at);
	if (found) {
		ydoc_position(c->doc, at->off, line, col);
	} else {
		at->esc_len = 0;
		*line = c->node->line;
		*col = c->node->col;
	}
}

/* Find the scalar's source text, the first time a problem needs it: most
 * text linted has nothing to report, and mapping a position to a byte
 * needs the file's line table. */
static void span(struct ctx *c)
{
	if (c->spanned)
		return;
	c->start = ydoc_offset(c->doc, c->node->line, c->node->col);
	c->end = ydoc_offset(c->doc, c->node->end_line, c->node->end_col);
	if (c->end > c->doc->file.len)
		c->end = c->doc->file.len;
	if (c->start > c->end)
		c->start = c->end;
	c->quoted = c->start < c->end && c->doc->file.buf[c->start] == '"';
	c->spanned = 1;
}

static void report(const struct text_problem *p, void *arg)
{
	struct ctx *c = arg;
	const char *v = c->node->str;
	struct place at;
	unsigned line, col;
	char how[32] = "";

	if (++c->count > LINT_MAX_REPORTS + 1)
		return;
	span(c);
	locate(c, p, &line, &col, &at);
	if (c->count > LINT_MAX_REPORTS) {
		c->more_line = line;
		c->more_col = col;
		return;
	}
	/* Escapes are ASCII by construction, so quoting one is safe. */
	if (at.esc_len)
		snprintf(how, sizeof(how), " (written as '%.*s')", (int)at.esc_len,
			 c->doc->file.buf + at.off);
	switch (p->kind) {
	case TEXT_PROBLEM_INVALID_UTF8:
		diag_at(c->d, c->doc->file.path, line, col,
			"invalid UTF-8 in '%s'; save the file as UTF-8 text", c->key);
		break;
	case TEXT_PROBLEM_CONTROL:
	case TEXT_PROBLEM_BIDI:
		diag_at(c->d, c->doc->file.path, line, col, "%s U+%04X in '%s'%s; delete it",
			p->kind == TEXT_PROBLEM_BIDI ? "bidirectional control" : "control character",
			(unsigned)p->cp, c->key, how);
		break;
	case TEXT_PROBLEM_MIXED_SCRIPT: {
		const char *script = text_script_name(p->cp);

		diag_at(c->d, c->doc->file.path, line, col,
			"the word '%.*s' in '%s' mixes Latin and %s letters (U+%04X looks like a Latin letter but is not); retype it",
			(int)p->len, v + p->off, c->key, script ? script : "other", (unsigned)p->cp);
		break;
	}
	}
}

size_t lint_scalar(const struct ydoc *doc, const struct ynode *node, const char *key, struct diag *d)
{
	struct ctx c;

	c.doc = doc;
	c.node = node;
	c.key = key;
	c.d = d;
	c.count = 0;
	c.more_line = c.more_col = 0;
	c.start = c.end = 0;
	c.quoted = c.spanned = 0;
	text_lint(node->str, node->len, report, &c);
	if (c.count > LINT_MAX_REPORTS)
		diag_at(d, doc->file.path, c.more_line, c.more_col,
			"%zu more text problems in '%s' from here on, not listed one by one; fix the ones above and check again",
			c.count - LINT_MAX_REPORTS, key);
	return c.count;
}
