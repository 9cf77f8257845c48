/* resolve.c - every reference between pages, items and sources checked once
 * all files are read, with a suggestion when it looks like a typo. */
#include "resolve.h"

#include <string.h>

#include "suggest.h"
#include "util.h"

/* The ith id of a set (a guide's pages or sources, a page's items, a
 * source's sections). */
typedef const char *id_at_fn(const void *set, size_t i);

/* A suggestion compares the wrong id with many others, so it is only made
 * for a message that will be printed (past the limits on messages, a guide
 * of many broken links would pay for every one), and against at most
 * SUGGEST_MAX_CANDIDATES ids of the set's n. */
static const char *closest(const struct diag *d, const struct guide_pos *at, const char *id,
			   const void *set, size_t n, id_at_fn *id_at)
{
	struct suggest s;
	size_t i;

	if (!diag_wants(d, at->file))
		return NULL;
	suggest_init(&s, id);
	for (i = 0; i < n && i < SUGGEST_MAX_CANDIDATES; i++)
		suggest_try(&s, id_at(set, i));
	return suggest_result(&s);
}

static const char *id_of_page(const void *g, size_t i)
{
	return ((const struct guide *)g)->pages[i]->id;
}

static const char *id_of_item(const void *p, size_t i)
{
	return ((const struct guide_page *)p)->items[i].id;
}

static const char *id_of_source(const void *g, size_t i)
{
	return ((const struct guide *)g)->sources[i]->id;
}

static const char *id_of_section(const void *src, size_t i)
{
	return ((const struct guide_source *)src)->sections[i].id;
}

static void missing_page(struct diag *d, const struct guide *g, const struct guide_link *l,
			 const char *where, const char *id)
{
	const char *hint = closest(d, &l->pos, id, g, g->npages, id_of_page);

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
		const char *hint = closest(d, &l->pos, item_id, l->page, l->page->nitems, id_of_item);

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
	const char *hint;

	if (!guide_split_id(r->spec, source_id, sizeof source_id, &section_id))
		return 0;
	r->source = guide_find_source(g, source_id);
	if (!r->source) {
		hint = closest(d, &r->pos, source_id, g, g->nsources, id_of_source);
		diag_at(d, r->pos.file, r->pos.line, r->pos.col,
			"source reference '%s': there is no source '%s'%s%s%s", r->spec, source_id,
			hint ? " (did you mean '" : "; sources are listed under 'sources:'",
			hint ? hint : "", hint ? "'?)" : "");
		return 0;
	}
	r->section = guide_find_section(r->source, section_id);
	if (r->section)
		return 1;
	hint = closest(d, &r->pos, section_id, r->source, r->source->nsections, id_of_section);
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
