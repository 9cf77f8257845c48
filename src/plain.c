/* plain.c - the guide as plain text: home-menu order, then any page the
 * menu leaves out, so nothing of the guide is missing. */
#include "plain.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "strmap.h"
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

void plain_wrapped(FILE *out, const char *text, size_t width, const char *first,
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

	plain_wrapped(out, title, width, prefix, "");
	w = strlen(prefix) + text_width(s, len);
	for (i = 0; i < w && i < width; i++)
		fputc(rule, out);
	fputc('\n', out);
	free(s);
}

/* Item links, one a line: the page, and the item's tip line (or text). */
static void put_item_links(FILE *out, const struct guide_item *it, size_t width)
{
	size_t i;

	for (i = 0; i < it->nlinks; i++) {
		const struct guide_link *l = &it->links[i];
		const struct guide_item *to = l->item;
		char *line = to ? xasprintf("See %s: %s", l->page->title, to->tip ? to->tip : to->text)
				: xasprintf("See %s", l->page->title);

		plain_wrapped(out, line, width, "    ", "      ");
		free(line);
	}
}

static void put_page_links(FILE *out, const struct guide_page *p, size_t width)
{
	struct strbuf line = STRBUF_INIT;
	size_t i;

	strbuf_adds(&line, "See also:");
	for (i = 0; i < p->nlinks; i++)
		strbuf_addf(&line, "%s %s", i ? ";" : "", p->links[i].page->title);
	plain_wrapped(out, strbuf_str(&line), width, "", "  ");
	strbuf_release(&line);
}

/* A page's source sections, numbered in order of first use, so that each
 * paragraph and item can say where it comes from with a short "[1, 2]". */
struct note {
	const struct guide_source_section *section;
	const struct guide_source *source;
	const char *spec;
};

struct notes {
	struct note *v;
	size_t n, cap;
	struct strmap *numbers;     /* "SOURCE/SECTION" -> number, once a page has many notes */
};

/* Notes looked up in order before a page's notes get a map, as pages' items. */
#define NOTES_SCANNED 16

static size_t note_number(struct notes *nt, const struct guide_ref *r)
{
	size_t k;

	/* A reference's spec names its section exactly, so it can be the key. */
	if (nt->numbers) {
		void *had = strmap_get(nt->numbers, r->spec, strlen(r->spec));

		if (had)
			return (size_t)(uintptr_t)had;
	} else {
		for (k = 0; k < nt->n; k++)
			if (nt->v[k].section == r->section)
				return k + 1;
	}
	ALLOC_GROW(nt->v, nt->n + 1, nt->cap);
	nt->v[nt->n].section = r->section;
	nt->v[nt->n].source = r->source;
	nt->v[nt->n].spec = r->spec;
	nt->n++;
	if (!nt->numbers && nt->n > NOTES_SCANNED) {
		nt->numbers = strmap_new();
		for (k = 0; k < nt->n - 1; k++)
			strmap_put(nt->numbers, nt->v[k].spec, strlen(nt->v[k].spec),
				   (void *)(uintptr_t)(k + 1));
	}
	if (nt->numbers)
		strmap_put(nt->numbers, r->spec, strlen(r->spec), (void *)(uintptr_t)nt->n);
	return nt->n;
}

static int cmp_size(const void *a, const void *b)
{
	size_t x = *(const size_t *)a, y = *(const size_t *)b;

	return x < y ? -1 : x > y;
}

/* text followed by its note numbers in ascending order, e.g. "Stretch. [1, 3]". */
static char *with_notes(struct notes *nt, const char *text, const struct guide_ref *refs, size_t n)
{
	struct strbuf s = STRBUF_INIT;
	size_t *num, i;

	if (!n)
		return xstrdup(text);
	num = xreallocarray(NULL, n, sizeof(*num));
	for (i = 0; i < n; i++)
		num[i] = note_number(nt, &refs[i]);
	qsort(num, n, sizeof(*num), cmp_size);
	strbuf_addf(&s, "%s [", text);
	for (i = 0; i < n; i++)
		strbuf_addf(&s, "%s%zu", i ? ", " : "", num[i]);
	strbuf_adds(&s, "]");
	free(num);
	return strbuf_detach(&s, NULL);
}

/* own: the page has text in the guide's own words, which cites nothing. */
static void put_notes(FILE *out, const struct notes *nt, bool own, size_t width)
{
	size_t k;

	fputs("Sources:\n", out);
	if (own)
		plain_wrapped(out, nt->n ? "Text with no number is the guide's own and cites no source."
					 : "None: this page is in the guide's own words.",
			      width, "  ", "  ");
	for (k = 0; k < nt->n; k++) {
		char num[32];
		struct guide_ref r = { NULL, { NULL, 0, 0 }, nt->v[k].source, nt->v[k].section };
		char *line = guide_ref_name(&r, "\"", "\"");

		snprintf(num, sizeof(num), "  [%zu] ", k + 1);
		plain_wrapped(out, line, width, num, "      ");
		free(line);
	}
}

static void put_page(FILE *out, const struct guide_page *p, size_t number, size_t width)
{
	struct notes nt = { NULL, 0, 0, NULL };
	char prefix[32];
	bool own = false;
	size_t i;

	snprintf(prefix, sizeof(prefix), "%zu. ", number);
	put_heading(out, prefix, p->title, '-', width);
	for (i = 0; i < p->nparas; i++) {
		char *s = with_notes(&nt, p->paras[i].text, p->paras[i].refs, p->paras[i].nrefs);

		own |= p->paras[i].editorial;
		fputc('\n', out);
		plain_wrapped(out, s, width, "", "");
		free(s);
	}
	if (p->nitems) {
		fputc('\n', out);
		if (p->list_title)
			plain_wrapped(out, p->list_title, width, "", "");
		for (i = 0; i < p->nitems; i++) {
			const struct guide_item *it = &p->items[i];
			char *s = with_notes(&nt, it->text, it->refs, it->nrefs);

			own |= it->editorial;
			plain_wrapped(out, s, width, "  * ", "    ");
			free(s);
			put_item_links(out, it, width);
		}
	}
	if (p->nlinks) {
		fputc('\n', out);
		put_page_links(out, p, width);
	}
	fputc('\n', out);
	put_notes(out, &nt, own, width);
	if (p->reviewed.text) {
		char *s = xasprintf("Last reviewed: %s", p->reviewed.text);

		fputc('\n', out);
		plain_wrapped(out, s, width, "", "");
		free(s);
	}
	free(nt.v);
	strmap_free(nt.numbers);
}

int plain_print(const struct guide *g, FILE *out, size_t width)
{
	size_t *order = xcalloc(g->npages ? g->npages : 1, sizeof *order);
	size_t i;

	guide_reading_order(g, order);
	put_heading(out, "", g->title, '=', width);
	fputc('\n', out);
	plain_wrapped(out, g->disclaimer, width, "", "");
	for (i = 0; i < g->npages; i++) {
		fputs("\n\n", out);
		put_page(out, g->pages[order[i]], i + 1, width);
	}
	free(order);
	return fflush(out) == 0 && !ferror(out);
}
