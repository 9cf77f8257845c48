/* guide.c - the guide's data and its id lookups. */
#include "guide.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

#define GUIDE_KIND_ROW(id, name, mark, feed, place, tip) { name, mark, feed, place, tip },

static const struct guide_kind_info kinds[] = { GUIDE_KINDS(GUIDE_KIND_ROW) };

#undef GUIDE_KIND_ROW

_Static_assert(sizeof kinds / sizeof kinds[0] == GUIDE_NKINDS, "one row per kind");

const struct guide_kind_info *guide_kind_info(enum guide_kind kind)
{
	return &kinds[kind];
}

const char *guide_kind_name(enum guide_kind kind)
{
	return (unsigned)kind < GUIDE_NKINDS ? kinds[kind].name : NULL;
}

enum guide_kind guide_kind_from_name(const char *name)
{
	int k;

	for (k = 0; k < GUIDE_NKINDS; k++)
		if (strcmp(kinds[k].name, name) == 0)
			return (enum guide_kind)k;
	return GUIDE_NKINDS;
}

enum guide_mark guide_item_mark(const struct guide_item *it)
{
	enum guide_mark m = kinds[it->page->kind].mark;

	/* A tip is marked for its line on the sheet: without one there is
	 * nothing to show, so a mark could never be seen. */
	return m == GUIDE_MARK_TIP && !it->tip ? GUIDE_MARK_NONE : m;
}

int guide_split_id(const char *spec, char *first, size_t size, const char **rest)
{
	const char *slash = strchr(spec, '/');
	size_t n;

	if (!slash || (n = (size_t)(slash - spec)) >= size)
		return 0;
	memcpy(first, spec, n);
	first[n] = '\0';
	*rest = slash + 1;
	return 1;
}

struct guide_item *guide_find_item_id(const struct guide *g, const char *id)
{
	char page[80];
	const char *item;

	return guide_split_id(id, page, sizeof page, &item) ? guide_find_item(g, page, item) : NULL;
}

bool guide_valid_id(const char *s, size_t n)
{
	size_t i;

	if (n == 0 || n > GUIDE_ID_MAX || s[0] < 'a' || s[0] > 'z')
		return false;
	for (i = 0; i < n; i++)
		if (!((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= '0' && s[i] <= '9') || s[i] == '-'))
			return false;
	return true;
}

struct guide *guide_new(void)
{
	struct guide *g = xcalloc(1, sizeof(*g));

	g->page_ids = strmap_new();
	g->source_ids = strmap_new();
	return g;
}

struct guide_page *guide_find_page(const struct guide *g, const char *id)
{
	return strmap_get(g->page_ids, id, strlen(id));
}

/* Pages of up to this many items are searched in order: as fast as a
 * hash map for so few, and a guide of thousands of pages saves the map. */
#define ITEMS_SCANNED 16

/* The first of page p's items[0..upto) with id s[0..n), or NULL. */
static struct guide_item *page_item(const struct guide_page *p, const char *s, size_t n,
				    size_t upto)
{
	size_t i;

	if (p->item_ids)
		return strmap_get(p->item_ids, s, n);
	for (i = 0; i < upto; i++)
		if (strncmp(p->items[i].id, s, n) == 0 && p->items[i].id[n] == '\0')
			return &p->items[i];
	return NULL;
}

struct guide_item *guide_find_item(const struct guide *g, const char *page, const char *item)
{
	const struct guide_page *p = guide_find_page(g, page);

	return p ? page_item(p, item, strlen(item), p->nitems) : NULL;
}

struct guide_source *guide_find_source(const struct guide *g, const char *id)
{
	return strmap_get(g->source_ids, id, strlen(id));
}

/* The first of src's sections[0..upto) with id s[0..n), or NULL: in order
 * for a few, by the map for many, as page_item(). */
static struct guide_source_section *source_section(const struct guide_source *src, const char *s,
						   size_t n, size_t upto)
{
	size_t i;

	if (src->section_ids)
		return strmap_get(src->section_ids, s, n);
	for (i = 0; i < upto; i++)
		if (strncmp(src->sections[i].id, s, n) == 0 && src->sections[i].id[n] == '\0')
			return &src->sections[i];
	return NULL;
}

struct guide_source_section *guide_find_section(const struct guide_source *src, const char *id)
{
	return source_section(src, id, strlen(id), src->nsections);
}

struct guide_source_section *guide_add_section(struct guide_source *src)
{
	struct guide_source_section *sec = &src->sections[src->nsections], *had;
	size_t n = strlen(sec->id), i;

	if (!src->section_ids && src->nsections >= ITEMS_SCANNED) {
		src->section_ids = strmap_new();
		for (i = 0; i < src->nsections; i++)
			strmap_put(src->section_ids, src->sections[i].id, strlen(src->sections[i].id),
				   &src->sections[i]);
	}
	if (!src->section_ids)
		return source_section(src, sec->id, n, src->nsections);
	had = strmap_put(src->section_ids, sec->id, n, sec);
	return had == sec ? NULL : had;
}

void guide_drop_source(struct guide_source *src)
{
	strmap_free(src->section_ids);
	src->section_ids = NULL;
}

int guide_add_page(struct guide *g, struct guide_page *page)
{
	if (strmap_put(g->page_ids, page->id, strlen(page->id), page) != page)
		return 0;
	ALLOC_GROW(g->pages, g->npages + 1, g->pages_cap);
	page->index = g->npages;
	g->pages[g->npages++] = page;
	g->nitems += page->nitems;
	return 1;
}

int guide_add_source(struct guide *g, struct guide_source *source)
{
	if (strmap_put(g->source_ids, source->id, strlen(source->id), source) != source)
		return 0;
	ALLOC_GROW(g->sources, g->nsources + 1, g->sources_cap);
	g->sources[g->nsources++] = source;
	return 1;
}

struct guide_item *guide_add_item(struct guide *g, struct guide_item *item)
{
	struct guide_page *p = item->page;
	size_t n = strlen(item->id), i;
	struct guide_item *had;

	(void)g;
	if (!p->item_ids && item->index >= ITEMS_SCANNED) {
		p->item_ids = strmap_new();
		for (i = 0; i < item->index; i++)
			strmap_put(p->item_ids, p->items[i].id, strlen(p->items[i].id), &p->items[i]);
	}
	if (!p->item_ids)
		return page_item(p, item->id, n, item->index);
	had = strmap_put(p->item_ids, item->id, n, item);
	return had == item ? NULL : had;
}

void guide_truncate(struct guide *g, size_t npages, size_t nsources)
{
	while (g->npages > npages) {
		struct guide_page *p = g->pages[--g->npages];

		strmap_free(p->item_ids);
		p->item_ids = NULL;
		strmap_del(g->page_ids, p->id, strlen(p->id));
		g->nitems -= p->nitems;
	}
	while (g->nsources > nsources) {
		struct guide_source *s = g->sources[--g->nsources];

		guide_drop_source(s);
		strmap_del(g->source_ids, s->id, strlen(s->id));
	}
}

void guide_free(struct guide *g)
{
	size_t i;

	if (!g)
		return;
	for (i = 0; i < g->npages; i++)
		strmap_free(g->pages[i]->item_ids);
	for (i = 0; i < g->nsources; i++)
		guide_drop_source(g->sources[i]);
	strmap_free(g->page_ids);
	strmap_free(g->source_ids);
	free(g->pages);
	free(g->sources);
	arena_free(&g->arena);
	free(g);
}

void guide_reading_order(const struct guide *g, size_t *order)
{
	char *shown = xcalloc(g->npages ? g->npages : 1, 1);
	size_t i, n = 0;

	for (i = 0; i < g->nsections; i++) {
		size_t p = g->sections[i].page->index;

		if (!shown[p]) {
			shown[p] = 1;
			order[n++] = p;
		}
	}
	for (i = 0; i < g->npages; i++)
		if (!shown[i])
			order[n++] = i;
	free(shown);
}

char *guide_source_name(const struct guide_source *s, const char *lq, const char *rq)
{
	/* A title is quoted as the source's own words; a description of an
	 * untitled source is not, so that it never passes for a title. */
	if (s->untitled)
		return xasprintf("%s%s%s", s->publisher ? s->publisher : "", s->publisher ? ": " : "",
				 s->title);
	return xasprintf("%s%s%s%s%s", s->publisher ? s->publisher : "", s->publisher ? ": " : "",
			 lq, s->title, rq);
}

char *guide_ref_name(const struct guide_ref *r, const char *lq, const char *rq)
{
	char *src = guide_source_name(r->source, lq, rq), *s;

	s = r->section->untitled ? xasprintf("%s, %s", src, r->section->title)
				 : xasprintf("%s, section %s%s%s", src, lq, r->section->title, rq);
	free(src);
	return s;
}

const char *guide_last_reviewed(const struct guide *g)
{
	const char *oldest = NULL;
	size_t i;

	/* The oldest page's date: the whole guide was reviewed since then. */
	for (i = 0; i < g->npages; i++) {
		const char *d = g->pages[i]->reviewed.text;

		if (d && (!oldest || strcmp(d, oldest) < 0))
			oldest = d;
	}
	return oldest;
}

const char *guide_kind_list(void)
{
	static char list[256];
	int k;

	/* Built once: the table does not change while the program runs. */
	if (!list[0])
		for (k = 0; k < GUIDE_NKINDS; k++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", k ? ", " : "",
				 guide_kind_name((enum guide_kind)k));
	return list;
}
