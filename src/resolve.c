/* resolve.c - every reference between pages, items and sources checked once
 * all files are read, with a suggestion when it looks like a typo. */
#include "resolve.h"

#include <string.h>

#include "suggest.h"
#include "util.h"

/* Suggesting means comparing against every id: fine for the bundled guide,
 * but not worth a slow error report on a guide of many thousand pages. */
#define SUGGEST_MAX_CANDIDATES 2000

static const char *closest_page(const struct guide *g, const char *id)
{
	struct suggest s;
	size_t i;

	if (g->npages > SUGGEST_MAX_CANDIDATES)
		return NULL;
	suggest_init(&s, id);
	for (i = 0; i < g->npages; i++)
		suggest_try(&s, g->pages[i]->id);
	return suggest_result(&s);
}

static void missing_page(struct diag *d, const struct guide *g, const struct guide_link *l,
			 const char *where, const char *id)
{
	const char *hint = closest_page(g, id);

	if (hint)
		diag_at(d, l->pos.file, l->pos.line, l->pos.col,
			"%s '%s': there is no page '%s' (did you mean '%s'?)", where, l->spec, id, hint);
	else
		diag_at(d, l->pos.file, l->pos.line, l->pos.col,
			"%s '%s': there is no page '%s'; check the id", where, l->spec, id);
}

static int resolve_link(struct guide *g, struct guide_link *l, const char *where, struct diag *d)
{
	const char *item_id = NULL;
	char page_id[80];

	/* Ids were checked at load time to be at most 64 bytes. */
	if (!strchr(l->spec, '/')) {
		if (strlen(l->spec) >= sizeof(page_id))
			return 0;
		strcpy(page_id, l->spec);
	} else if (!guide_split_id(l->spec, page_id, sizeof page_id, &item_id)) {
		return 0;
	}
	l->page = guide_find_page(g, page_id);
	if (!l->page) {
		missing_page(d, g, l, where, page_id);
		return 0;
	}
	if (!item_id)
		return 1;
	l->item = guide_find_item(g, page_id, item_id);
	if (!l->item) {
		struct suggest s;
		const char *hint;
		size_t i;

		suggest_init(&s, item_id);
		for (i = 0; i < l->page->nitems; i++)
			suggest_try(&s, l->page->items[i].id);
		hint = suggest_result(&s);
		diag_at(d, l->pos.file, l->pos.line, l->pos.col,
			"%s '%s': page '%s' has no item '%s'%s%s%s", where, l->spec, page_id,
			item_id, hint ? " (did you mean '" : "; check the id", hint ? hint : "",
			hint ? "'?)" : "");
		return 0;
	}
	return 1;
}

static int resolve_links(struct guide *g, struct guide_link *v, size_t n, const char *where,
			 struct diag *d)
{
	size_t i;
	int ok = 1;

	for (i = 0; i < n; i++)
		ok &= resolve_link(g, &v[i], where, d);
	return ok;
}

static int resolve_ref(struct guide *g, struct guide_ref *r, struct diag *d)
{
	const char *section_id;
	char source_id[80];
	struct suggest s;
	const char *hint;
	size_t i;

	if (!guide_split_id(r->spec, source_id, sizeof source_id, &section_id))
		return 0;
	r->source = guide_find_source(g, source_id);
	if (!r->source) {
		suggest_init(&s, source_id);
		for (i = 0; i < g->nsources; i++)
			suggest_try(&s, g->sources[i]->id);
		hint = suggest_result(&s);
		diag_at(d, r->pos.file, r->pos.line, r->pos.col,
			"source reference '%s': there is no source '%s'%s%s%s", r->spec, source_id,
			hint ? " (did you mean '" : "; sources are listed under 'sources:'",
			hint ? hint : "", hint ? "'?)" : "");
		return 0;
	}
	for (i = 0; i < r->source->nsections; i++) {
		if (strcmp(r->source->sections[i].id, section_id) == 0) {
			r->section = &r->source->sections[i];
			return 1;
		}
	}
	/* Only a reference that is wrong pays for the suggestion. */
	suggest_init(&s, section_id);
	for (i = 0; i < r->source->nsections; i++)
		suggest_try(&s, r->source->sections[i].id);
	hint = suggest_result(&s);
	diag_at(d, r->pos.file, r->pos.line, r->pos.col,
		"source reference '%s': source '%s' has no section '%s'%s%s%s", r->spec, source_id,
		section_id, hint ? " (did you mean '" : "; check its 'sections'", hint ? hint : "",
		hint ? "'?)" : "");
	return 0;
}

static int resolve_refs(struct guide *g, struct guide_ref *v, size_t n, struct diag *d)
{
	size_t i;
	int ok = 1;

	for (i = 0; i < n; i++)
		ok &= resolve_ref(g, &v[i], d);
	return ok;
}

int resolve_guide(struct guide *g, struct diag *d)
{
	size_t i, j;
	int ok = 1;

	ok &= resolve_links(g, g->sections, g->nsections, "in 'sections'", d);
	ok &= resolve_links(g, g->walk, g->nwalk, "in 'walkthrough'", d);
	for (i = 0; i < g->npages; i++) {
		struct guide_page *p = g->pages[i];

		ok &= resolve_links(g, p->links, p->nlinks, "link", d);
		for (j = 0; j < p->nparas; j++)
			ok &= resolve_refs(g, p->paras[j].refs, p->paras[j].nrefs, d);
		for (j = 0; j < p->nitems; j++) {
			ok &= resolve_links(g, p->items[j].links, p->items[j].nlinks, "link", d);
			ok &= resolve_refs(g, p->items[j].refs, p->items[j].nrefs, d);
		}
	}
	return ok;
}
