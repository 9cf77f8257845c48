/* fuzz_load.c - libFuzzer target for the content loader and validator.
 *
 * Input: the bytes of one content file.  It goes through load_buffer()
 * (src/load.c: the byte scan and libyaml parse of ytree.c, the schema, the
 * text lint), then, when it is a whole guide in one file, through the
 * cross-file checks of resolve.c and out through every renderer that takes
 * content text: the plain guide and the tip sheet in each format.
 *
 * Besides crashes, leaks and hangs, these promises are checked (abort() on
 * a broken one): a file is refused exactly when a message was reported;
 * every message is one line "fuzz.yaml:LINE:COL: text" or "fuzz.yaml:
 * text", valid UTF-8 without control characters, at a line the file has;
 * and whatever is rendered is valid UTF-8 without control characters (the
 * plain guide also no wider than its width).
 * tests/unit/test_fuzz.c replays the saved inputs through the same code. */
#include "load.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "guide.h"
#include "plain.h"
#include "resolve.h"
#include "text.h"
#include "tips.h"
#include "util.h"

/* Called by libFuzzer for each input; returns 0 (every input is kept). */
int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#define FL_FILE "fuzz.yaml"

static void fl_fail(const char *what, const char *detail, const uint8_t *data, size_t size)
{
	size_t i;

	fprintf(stderr, "fuzz_load: %s%s%s; the file (%zu bytes):", what, detail ? ": " : "",
		detail ? detail : "", size);
	for (i = 0; i < size && i < 256; i++)
		fprintf(stderr, " %02X", data[i]);
	fputc('\n', stderr);
	abort();
}

/* Lines of the file as libyaml counts them (LF, CR, CRLF, NEL, LS, PS). */
static unsigned long fl_lines(const char *s, size_t n)
{
	unsigned long lines = 1;
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		if (cp == '\r' && i + 1 < n && s[i + 1] == '\n')
			k = 2;
		if (cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029)
			lines++;
		i += k;
	}
	return lines;
}

/* What is wrong with s[0..n) as output: NULL when it is valid UTF-8 with
 * no control character (newline aside, where newline_ok). */
static const char *fl_unclean(const char *s, size_t n, int newline_ok)
{
	size_t i = 0;

	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

		if (cp == TEXT_INVALID)
			return "invalid UTF-8";
		if (cp == '\n' ? !newline_ok : (cp == '\t' || text_is_control(cp)))
			return "a control character";
		i += k;
	}
	return NULL;
}

static void fl_check_diag(struct diag *d, const uint8_t *data, size_t size)
{
	unsigned long lines = fl_lines((const char *)data, size);
	char *buf = NULL, *p, *nl;
	size_t len = 0, i;
	FILE *out;
	const char *bad;

	for (i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->v[i];

		if (strcmp(m->file, FL_FILE) != 0)
			fl_fail("a message names another file", m->file, data, size);
		if (m->line > lines || (m->line && !m->col) || (!m->line && m->col))
			fl_fail("a message points outside the file", m->text, data, size);
		if ((bad = fl_unclean(m->text, strlen(m->text), 0)))
			fl_fail("a message is not one clean line", bad, data, size);
	}
	out = open_memstream(&buf, &len);
	if (!out)
		abort();
	diag_print(d, out);
	if (fclose(out) != 0)
		abort();
	/* Every printed line is a message of this file, like a compiler's. */
	for (p = buf, i = 0; p < buf + len; p = nl + 1, i++) {
		nl = memchr(p, '\n', (size_t)(buf + len - p));
		if (!nl || strncmp(p, FL_FILE ":", sizeof(FL_FILE)) != 0)
			fl_fail("a printed message is not one FILE: line", NULL, data, size);
	}
	if (i != d->n)
		fl_fail("diag_print did not print one line per message", NULL, data, size);
	free(buf);
}

/* The plain guide at `width`: clean, and no line wider than that. */
static void fl_check_plain(const struct guide *g, size_t width, const uint8_t *data, size_t size)
{
	char *buf = NULL, *p, *nl, why[64];
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);
	const char *bad;

	if (!out)
		abort();
	if (!plain_print(g, out, width))
		fl_fail("plain_print failed writing to memory", NULL, data, size);
	if (fclose(out) != 0)
		abort();
	if ((bad = fl_unclean(buf, len, 1)))
		fl_fail("the plain guide is not clean", bad, data, size);
	for (p = buf; p < buf + len; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(buf + len - p));
		if (!nl)
			nl = buf + len;
		if (text_width(p, (size_t)(nl - p)) > width) {
			snprintf(why, sizeof(why), "a line is wider than %zu columns", width);
			fl_fail("the plain guide", why, data, size);
		}
	}
	free(buf);
}

/* The tip sheet in each format, for nothing marked and for everything marked. */
static void fl_check_tips(const struct guide *g, const uint8_t *data, size_t size)
{
	static const enum tips_format formats[] = { TIPS_TEXT, TIPS_MARKDOWN, TIPS_HTML };
	char **ids = xcalloc(g->nitems ? g->nitems : 1, sizeof(*ids));
	struct tips_marks all;
	size_t i, k, n = 0;

	for (i = 0; i < g->npages; i++)
		for (k = 0; k < g->pages[i]->nitems && n < g->nitems; k++)
			ids[n++] = xasprintf("%s/%s", g->pages[i]->id, g->pages[i]->items[k].id);
	tips_marks_resolve(&all, g, (const char *const *)ids, n, (const char *const *)ids, n);
	for (i = 0; i < sizeof(formats) / sizeof(formats[0]); i++) {
		const struct tips_marks *marks[] = { NULL, &all };

		for (k = 0; k < 2; k++) {
			size_t len = 0;
			char *sheet = tips_render(g, marks[k], formats[i], "2026-01-01", &len);
			const char *bad = fl_unclean(sheet, len, 1);

			if (bad || strlen(sheet) != len)
				fl_fail("a tip sheet is not clean", bad ? bad : "a NUL byte", data, size);
			free(sheet);
		}
	}
	tips_marks_free(&all);
	for (i = 0; i < n; i++)
		free(ids[i]);
	free(ids);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct guide *g = guide_new();
	struct diag d = { NULL, 0, 0 };
	int ok = load_buffer(g, FL_FILE, (const char *)data, size, &d);

	if (ok != (d.n == 0))
		fl_fail("load_buffer's result does not match its messages", NULL, data, size);
	/* One file holding the whole guide goes on to what load_guide() does
	 * once every file is in. */
	if (ok && g->pos.file && g->npages && resolve_guide(g, &d)) {
		if (d.n)
			fl_fail("resolve_guide succeeded with messages", NULL, data, size);
		fl_check_plain(g, PLAIN_MIN_WIDTH, data, size);
		fl_check_plain(g, 80, data, size);
		fl_check_tips(g, data, size);
	} else if (ok && g->pos.file && g->npages && !d.n) {
		fl_fail("resolve_guide failed without a message", NULL, data, size);
	}
	fl_check_diag(&d, data, size);
	diag_free(&d);
	guide_free(g);
	return 0;
}
