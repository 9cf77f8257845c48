/* diag.c - collecting content errors and printing them sorted. */
#include "diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static void add(struct diag *d, const char *file, unsigned line, unsigned col,
		const char *fmt, va_list ap)
{
	struct diag_msg *m;
	va_list ap2;
	int n;

	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xreallocarray(d->v, d->cap, sizeof(*d->v));
	}
	m = &d->v[d->n];
	/* File names and messages can carry bytes from content files; one
	 * sanitizer here means no caller can forget it. */
	m->file = text_sanitize(file, strlen(file), NULL);
	m->line = line;
	m->col = col;
	m->seq = d->n;
	va_copy(ap2, ap);
	n = vsnprintf(NULL, 0, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		m->text = xstrdup("(message could not be formatted)");
	} else {
		char *raw = xmalloc((size_t)n + 1);

		vsnprintf(raw, (size_t)n + 1, fmt, ap);
		m->text = text_sanitize(raw, (size_t)n, NULL);
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

void diag_file(struct diag *d, const char *file, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	add(d, file, 0, 0, fmt, ap);
	va_end(ap);
}

size_t diag_count_file(const struct diag *d, const char *file)
{
	size_t i, n = 0;

	for (i = 0; i < d->n; i++)
		n += strcmp(d->v[i].file, file) == 0;
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

	qsort(d->v, d->n, sizeof(*d->v), cmp_msg);
	for (i = 0; i < d->n; i++) {
		const struct diag_msg *m = &d->v[i];

		if (m->line)
			fprintf(out, "%s:%u:%u: %s\n", m->file, m->line, m->col, m->text);
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
