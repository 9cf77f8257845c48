/* diag.c - collecting content errors and printing them sorted. */
#include "diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

/* Messages kept for one file, and in all.  Hostile content can hold a
 * problem every few bytes; past these limits a file (or the whole load)
 * gets one closing message instead, so that the time, the memory and the
 * report stay bounded. */
#define DIAG_MAX_PER_FILE 50
#define DIAG_MAX 1000

/* The seq of a closing message, which no other message has. */
#define CLOSING SIZE_MAX

/* How many of the last messages are about `file`, counting at most max:
 * messages arrive file by file, so the run at the end is that file's. */
static size_t recent(const struct diag *d, const char *file, size_t max)
{
	size_t k = 0;

	while (k < d->n && k < max && strcmp(d->v[d->n - 1 - k].file, file) == 0)
		k++;
	return k;
}

/* Whether a message about the cleaned name `file` is past a limit: the
 * one rule over_limit() and diag_wants() share. */
static int past_limit(const struct diag *d, const char *file)
{
	const struct diag_msg *last = d->n ? &d->v[d->n - 1] : NULL;

	return d->n >= DIAG_MAX || (last && last->seq == CLOSING && strcmp(last->file, file) == 0) ||
	       recent(d, file, DIAG_MAX_PER_FILE) == DIAG_MAX_PER_FILE;
}

int diag_wants(const struct diag *d, const char *file)
{
	char *name = diag_one_line(file, strlen(file));
	int wants = !past_limit(d, name);

	free(name);
	return wants;
}

/* Whether a message about `file` is one too many; adds the closing
 * message when it is the first one too many. */
static int over_limit(struct diag *d, char *file)
{
	const struct diag_msg *last = d->n ? &d->v[d->n - 1] : NULL;
	char *text;

	if (d->n > DIAG_MAX || (last && last->seq == CLOSING && strcmp(last->file, file) == 0))
		return 1;
	if (d->n == DIAG_MAX)
		text = xasprintf("more than %d problems in the content; the first %d found are listed, fix them and check again",
				 DIAG_MAX, DIAG_MAX);
	else if (recent(d, file, DIAG_MAX_PER_FILE) == DIAG_MAX_PER_FILE)
		text = xasprintf("more than %d problems in this file; the first %d found are listed, fix them and check again",
				 DIAG_MAX_PER_FILE, DIAG_MAX_PER_FILE);
	else
		return 0;
	ALLOC_GROW(d->v, d->n + 1, d->cap);
	/* About the whole file (line 0), so it is printed first. */
	d->v[d->n].file = xstrdup(file);
	d->v[d->n].line = 0;
	d->v[d->n].col = 0;
	d->v[d->n].seq = CLOSING;
	d->v[d->n].text = text;
	d->v[d->n].warning = 0;
	d->n++;
	return 1;
}

/* A message quotes content (or a name), which may hold line breaks, and a
 * break would split it into a second line that reads like another message
 * (or forges one).  A break is shown as the two characters \n, the way a
 * compiler quotes it. */
char *diag_one_line(const char *s, size_t n)
{
	size_t len, i, breaks = 0;
	char *clean = text_sanitize(s, n, &len), *out, *o;

	for (i = 0; i < len; i++)
		breaks += clean[i] == '\n';
	if (!breaks)
		return clean;
	out = o = xmalloc(len + breaks + 1);
	for (i = 0; i < len; i++) {
		if (clean[i] == '\n') {
			*o++ = '\\';
			*o++ = 'n';
		} else {
			*o++ = clean[i];
		}
	}
	*o = '\0';
	free(clean);
	return out;
}

char *diag_name(const char *s)
{
	char *one = diag_one_line(s, strlen(s)), *out;
	size_t n = strlen(one), head = DIAG_NAME_MAX / 2, tail;

	if (n <= DIAG_NAME_MAX)
		return one;
	/* Both ends say most about a path; cut between whole characters. */
	tail = n - (DIAG_NAME_MAX / 2 - 10);
	while (head && ((unsigned char)one[head] & 0xC0) == 0x80)
		head--;
	while (tail < n && ((unsigned char)one[tail] & 0xC0) == 0x80)
		tail++;
	out = xasprintf("%.*s...%s", (int)head, one, one + tail);
	free(one);
	return out;
}

static void add(struct diag *d, const char *file, unsigned line, unsigned col,
		const char *fmt, va_list ap)
{
	struct diag_msg *m;
	va_list ap2;
	char *name;
	int n;

	/* File names and messages can carry bytes from content files; one
	 * sanitizer here means no caller can forget it. */
	name = diag_name(file);
	if (over_limit(d, name)) {
		free(name);
		return;
	}
	ALLOC_GROW(d->v, d->n + 1, d->cap);
	m = &d->v[d->n];
	m->file = name;
	m->line = line;
	m->col = col;
	m->seq = d->n;
	m->warning = 0;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		m->text = xstrdup("(message could not be formatted)");
	} else {
		char *raw = xmalloc((size_t)n + 1);

		vsnprintf(raw, (size_t)n + 1, fmt, ap);
		m->text = diag_one_line(raw, (size_t)n);
		free(raw);
	}
	d->n++;
}

void diag_at(struct diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, file, line, col, fmt, ap);
	va_end(ap);
}

void diag_warn_at(struct diag *d, const char *file, unsigned line, unsigned col, const char *fmt, ...)
{
	size_t n = d->n;
	va_list ap;

	va_start(ap, fmt);
	add(d, file, line, col, fmt, ap);
	va_end(ap);
	/* Not the closing message that a full file or load gets instead. */
	if (d->n > n && d->v[n].seq != CLOSING)
		d->v[n].warning = 1;
}

size_t diag_count_warnings(const struct diag *d)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += d->v[i].warning != 0;
	return n;
}

void diag_file(struct diag *d, const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, file, 0, 0, fmt, ap);
	va_end(ap);
}

void diag_append(struct diag *d, const struct diag *from)
{
	size_t i;

	for (i = 0; i < from->n; i++) {
		const struct diag_msg *m = &from->v[i];

		if (m->line && m->warning)
			diag_warn_at(d, m->file, m->line, m->col, "%s", m->text);
		else if (m->line)
			diag_at(d, m->file, m->line, m->col, "%s", m->text);
		else
			diag_file(d, m->file, "%s", m->text);
	}
}

size_t diag_count(const struct diag *d)
{
	return d->n;
}

void diag_truncate(struct diag *d, size_t n)
{
	while (d->n > n) {
		d->n--;
		free(d->v[d->n].file);
		free(d->v[d->n].text);
	}
}

char *diag_first(const struct diag *d)
{
	const struct diag_msg *m = d->n ? &d->v[0] : NULL;

	if (!m)
		return NULL;
	return m->line ? xasprintf("%s:%u:%u: %s", m->file, m->line, m->col, m->text)
		       : xasprintf("%s: %s", m->file, m->text);
}

size_t diag_count_file(const struct diag *d, const char *file)
{
	/* Stored names are cleaned; a raw name with a control character or a
	 * bad byte in it would otherwise never match, and a caller's limit on
	 * messages per file would never stop a hostile file. */
	char *clean = diag_name(file);
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += strcmp(d->v[i].file, clean) == 0;
	free(clean);
	return n;
}

static int cmp_msg(const void *pa, const void *pb)
{
	const struct diag_msg *a = pa, *b = pb;
	int c = strcmp(a->file, b->file);

	if (c)
		return c;
	if (a->line != b->line)
		return a->line < b->line ? -1 : 1;
	if (a->col != b->col)
		return a->col < b->col ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

void diag_print(struct diag *d, FILE *out)
{
	size_t i;

	/* With no message d->v is NULL, which qsort() must never be given. */
	if (d->n > 1)
		qsort(d->v, d->n, sizeof(*d->v), cmp_msg);
	for (i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->v[i];

		if (m->line)
			fprintf(out, "%s:%u:%u: %s%s\n", m->file, m->line, m->col,
				m->warning ? "warning: " : "", m->text);
		else
			fprintf(out, "%s: %s\n", m->file, m->text);
	}
}

void diag_free(struct diag *d)
{
	size_t i;

	for (i = 0; i < d->n; i++) {
		free(d->v[i].file);
		free(d->v[i].text);
	}
	free(d->v);
	d->v = NULL;
	d->n = d->cap = 0;
}
