/* resolve.c - every reference between pages, items and sources checked once
 * all files are read, with a suggestion when it looks like a typo. */
#include "resolve.h"

#include <string.h>

#include "suggest.h"
#include "util.h"

/* A suggestion compares the wrong id with many others, so it is only made
 * for a message that will be printed (past the limits on messages, a guide
 * of many broken links would pay for every one), and against at most
 * SUGGEST_MAX_CANDIDATES ids. */
static const char *closest_page(const struct guide *g, const struct diag *d,
				const struct guide_pos *at, const char *id)
{
	struct suggest s;
	size_t i;

	if (!diag_wants(d, at->file))
		return NULL;
	suggest_init(&s, id);
	for (i = 0; i < g->npages && i < SUGGEST_MAX_CANDIDATES; i++)
		suggest_try(&s, g->pages[i]->id);
	return suggest_result(&s);
}

static const char *closest_item(const struct guide_page *p, const struct diag *d,
				const struct guide_pos *at, const char *id)
{
	struct suggest s;
	size_t i;

	if (!diag_wants(d, at->file))
		return NULL;
	suggest_init(&s, id);
	for (i = 0; i < p->nitems && i < SUGGEST_MAX_CANDIDATES; i++)
		suggest_try(&s, p->items[i].id);
	return suggest_result(&s);
}

static const char *closest_source(const struct guide *g, const struct diag *d,
				  const struct guide_pos *at, const char *id)
{
	struct suggest s;
	size_t i;

	if (!diag_wants(d, at->file))
		return NULL;
	suggest_init(&s, id);
	for (i = 0; i < g->nsources && i < SUGGEST_MAX_CANDIDATES; i++)
		suggest_try(&s, g->sources[i]->id);
	return suggest_result(&s);
}

static const char *closest_section(const struct guide_source *src, const struct diag *d,
				   const struct guide_pos *at, const char *id)
{
	struct suggest s;
	size_t i;

	if (!diag_wants(d, at->file))
		return NULL;
	suggest_init(&s, id);
	for (i = 0; i < src->nsections && i < SUGGEST_MAX_CANDIDATES; i++)
		suggest_try(&s, src->sections[i].id);
	return suggest_result(&s);
}

static void missing_page(struct diag *d, const struct guide *g, const struct guide_link *l,
			 const char *where, const char *id)
{
	const char *hint = closest_page(g, d, &l->pos, id);

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
		const char *hint = closest_item(l->page, d, &l->pos, item_id);

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
		hint = closest_source(g, d, &r->pos, source_id);
		diag_at(d, r->pos.file, r->pos.line, r->pos.col,
			"source reference '%s': there is no source '%s'%s%s%s", r->spec, source_id,
			hint ? " (did you mean '" : "; sources are listed under 'sources:'",
			hint ? hint : "", hint ? "'?)" : "");
		return 0;
	}
	r->section = guide_find_section(r->source, section_id);
	if (r->section)
		return 1;
	hint = closest_section(r->source, d, &r->pos, section_id);
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
