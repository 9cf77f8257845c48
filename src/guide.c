/* guide.c - the guide's data and its id lookups. */
#include "guide.h"

#include <stdlib.h>
#include <string.h>

#include "strmap.h"
#include "util.h"

static const char *const kind_names[GUIDE_NKINDS] = {
	[GUIDE_OVERVIEW] = "overview",
	[GUIDE_SYMPTOMS] = "symptoms",
	[GUIDE_CAUSES] = "causes",
	[GUIDE_RELIEF] = "relief",
	[GUIDE_PREVENTION] = "prevention",
	[GUIDE_TREATMENT] = "treatment",
	[GUIDE_ABOUT] = "about",
	[GUIDE_OTHER] = "other",
};

const char *guide_kind_name(enum guide_kind kind)
{
	return (unsigned)kind < GUIDE_NKINDS ? kind_names[kind] : NULL;
}

enum guide_kind guide_kind_from_name(const char *name)
{
	int k;

	for (k = 0; k < GUIDE_NKINDS; k++)
		if (strcmp(kind_names[k], name) == 0)
			return (enum guide_kind)k;
	return GUIDE_NKINDS;
}

bool guide_kind_needs_tip(enum guide_kind kind)
{
	/* These items are what the printed tip sheet is made of. */
	return kind == GUIDE_RELIEF || kind == GUIDE_PREVENTION || kind == GUIDE_TREATMENT;
}

struct guide *guide_new(void)
{
	struct guide *g = xcalloc(1, sizeof(*g));

	g->page_ids = strmap_new();
	g->item_ids = strmap_new();
	g->source_ids = strmap_new();
	return g;
}

struct guide_page *guide_find_page(const struct guide *g, const char *id)
{
	return strmap_get(g->page_ids, id, strlen(id));
}

struct guide_item *guide_find_item(const struct guide *g, const char *page, const char *item)
{
	size_t np = strlen(page), ni = strlen(item);
	char stackbuf[160], *key = np + ni + 2 <= sizeof(stackbuf) ? stackbuf : xmalloc(np + ni + 2);
	struct guide_item *it;

	memcpy(key, page, np);
	key[np] = '/';
	memcpy(key + np + 1, item, ni);
	it = strmap_get(g->item_ids, key, np + ni + 1);
	if (key != stackbuf)
		free(key);
	return it;
}

struct guide_source *guide_find_source(const struct guide *g, const char *id)
{
	return strmap_get(g->source_ids, id, strlen(id));
}

int guide_add_page(struct guide *g, struct guide_page *page)
{
	if (strmap_put(g->page_ids, page->id, strlen(page->id), page) != page)
		return 0;
	/* Pages arrive one at a time from many files: grow geometrically. */
	if ((g->npages & (g->npages - 1)) == 0)
		g->pages = xreallocarray(g->pages, g->npages ? g->npages * 2 : 8, sizeof(*g->pages));
	page->index = g->npages;
	g->pages[g->npages++] = page;
	g->nitems += page->nitems;
	return 1;
}

int guide_add_source(struct guide *g, struct guide_source *source)
{
	if (strmap_put(g->source_ids, source->id, strlen(source->id), source) != source)
		return 0;
	if ((g->nsources & (g->nsources - 1)) == 0)
		g->sources = xreallocarray(g->sources, g->nsources ? g->nsources * 2 : 8,
					   sizeof(*g->sources));
	g->sources[g->nsources++] = source;
	return 1;
}

struct guide_item *guide_add_item(struct guide *g, struct guide_item *item)
{
	size_t np = strlen(item->page->id), ni = strlen(item->id);
	char *key = arena_alloc(&g->arena, np + ni + 2);
	struct guide_item *had;

	memcpy(key, item->page->id, np);
	key[np] = '/';
	memcpy(key + np + 1, item->id, ni);
	had = strmap_put(g->item_ids, key, np + ni + 1, item);
	return had == item ? NULL : had;
}

void guide_free(struct guide *g)
{
	if (!g)
		return;
	strmap_free(g->page_ids);
	strmap_free(g->item_ids);
	strmap_free(g->source_ids);
	free(g->pages);
	free(g->sources);
	arena_free(&g->arena);
	free(g);
}
