/* plain.c - the guide as plain text: home-menu order, then any page the
 * menu leaves out, so nothing of the guide is missing. */
#include "plain.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

size_t plain_width(void)
{
	const char *s = getenv("COLUMNS");
	char *end;
	long n;

	if (!s || !*s)
		return 80;
	n = strtol(s, &end, 10);
	if (*end || n <= 0)
		return 80;
	if (n < PLAIN_MIN_WIDTH)
		return PLAIN_MIN_WIDTH;
	return n > PLAIN_MAX_WIDTH ? PLAIN_MAX_WIDTH : (size_t)n;
}

/* Print text wrapped to width, the first line after `first`, the others
 * after `rest` (both ASCII, so their byte length is their width). */
static void put_wrapped(FILE *out, const char *text, size_t width, const char *first,
			const char *rest)
{
	size_t len, n, i, indent = strlen(first) > strlen(rest) ? strlen(first) : strlen(rest);
	char *s = text_sanitize(text, strlen(text), &len);
	struct text_line *lines = NULL;

	n = text_wrap(s, len, width > indent + 10 ? width - indent : 10, &lines);
	for (i = 0; i < n; i++)
		fprintf(out, "%s%.*s\n", i ? rest : first, (int)lines[i].len, s + lines[i].off);
	free(lines);
	free(s);
}

static void put_heading(FILE *out, const char *prefix, const char *title, char rule, size_t width)
{
	size_t len, w, i;
	char *s = text_sanitize(title, strlen(title), &len);

	put_wrapped(out, title, width, prefix, "");
	w = strlen(prefix) + text_width(s, len);
	for (i = 0; i < w && i < width; i++)
		fputc(rule, out);
	fputc('\n', out);
	free(s);
}

/* One line a link: the page, and the item's tip line (or text) on it. */
static void put_links(FILE *out, const struct guide_link *v, size_t n, const char *lead,
		      const char *indent, size_t width)
{
	char *rest = xasprintf("%s  ", indent);
	size_t i;

	for (i = 0; i < n; i++) {
		const struct guide_item *it = v[i].item;
		char *line = it ? xasprintf("%s %s: %s", lead, v[i].page->title, it->tip ? it->tip : it->text)
				: xasprintf("%s %s", lead, v[i].page->title);

		put_wrapped(out, line, width, indent, rest);
		free(line);
	}
	free(rest);
}

/* One "Sources:" line per page, each document and section named once. */
static void put_sources(FILE *out, const struct guide_page *p, size_t width)
{
	const struct guide_ref **seen = NULL;
	size_t nseen = 0, cap = 0, i, j, k;
	char *line = xstrdup("Sources:");

	for (i = 0; i < p->nparas + p->nitems; i++) {
		const struct guide_ref *refs = i < p->nparas ? p->paras[i].refs : p->items[i - p->nparas].refs;
		size_t nrefs = i < p->nparas ? p->paras[i].nrefs : p->items[i - p->nparas].nrefs;

		for (j = 0; j < nrefs; j++) {
			for (k = 0; k < nseen && seen[k]->section != refs[j].section; k++)
				;
			if (k < nseen)
				continue;
			if (nseen == cap) {
				cap = cap ? cap * 2 : 8;
				seen = xreallocarray(seen, cap, sizeof(*seen));
			}
			seen[nseen++] = &refs[j];
		}
	}
	for (k = 0; k < nseen; k++) {
		char *more = xasprintf("%s%s %s, \"%s\"", line, k ? ";" : "", seen[k]->source->title,
				       seen[k]->section->title);
		free(line);
		line = more;
	}
	if (nseen)
		put_wrapped(out, line, width, "", "  ");
	free(line);
	free(seen);
}

static void put_page(FILE *out, const struct guide_page *p, size_t number, size_t width)
{
	char prefix[32];
	size_t i;

	snprintf(prefix, sizeof(prefix), "%zu. ", number);
	put_heading(out, prefix, p->title, '-', width);
	for (i = 0; i < p->nparas; i++) {
		fputc('\n', out);
		put_wrapped(out, p->paras[i].text, width, "", "");
	}
	if (p->nitems) {
		fputc('\n', out);
		if (p->list_title)
			put_wrapped(out, p->list_title, width, "", "");
		for (i = 0; i < p->nitems; i++) {
			const struct guide_item *it = &p->items[i];

			put_wrapped(out, it->text, width, "  * ", "    ");
			put_links(out, it->links, it->nlinks, "See:", "    ", width);
		}
	}
	if (p->nlinks) {
		fputc('\n', out);
		put_links(out, p->links, p->nlinks, "See also:", "", width);
	}
	fputc('\n', out);
	put_sources(out, p, width);
}

int plain_print(const struct guide *g, FILE *out, size_t width)
{
	char *shown = xcalloc(g->npages, 1);
	size_t i, number = 0;

	put_heading(out, "", g->title, '=', width);
	fputc('\n', out);
	put_wrapped(out, g->disclaimer, width, "", "");
	for (i = 0; i < g->nsections; i++) {
		const struct guide_page *p = g->sections[i].page;

		if (shown[p->index])
			continue;
		shown[p->index] = 1;
		fputs("\n\n", out);
		put_page(out, p, ++number, width);
	}
	for (i = 0; i < g->npages; i++) {
		if (shown[i])
			continue;
		fputs("\n\n", out);
		put_page(out, g->pages[i], ++number, width);
	}
	free(shown);
	return fflush(out) == 0 && !ferror(out);
}
