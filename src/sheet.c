/* sheet.c - the tip sheet's one rule: which tips go on it, under which
 * headings, from the content and the person's marks. */
#include "sheet.h"

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "marks.h"
#include "strbuf.h"
#include "util.h"

/* The chosen items the content knows and allows, each once. */
struct chosen {
	const struct guide_item **v;
	size_t n, cap;
};

static bool has(const struct chosen *c, const struct guide_item *it)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		if (c->v[i] == it)
			return true;
	return false;
}

/* Saved ids that name nothing markable stay in the file (a content
 * update may bring them back) but never reach the sheet or its counts. */
static void resolve(struct chosen *c, const struct guide *g, const char *const *ids, size_t n,
		    enum guide_mark want)
{
	size_t i;

	for (i = 0; i < n; i++) {
		const struct guide_item *it = guide_find_item_id(g, ids[i]);

		if (it && guide_item_mark(it) == want && !has(c, it)) {
			ALLOC_GROW(c->v, c->n + 1, c->cap);
			c->v[c->n++] = it;
		}
	}
}

static void add(struct sheet_part *p, const char *text, int level)
{
	ALLOC_GROW(p->lines, p->n + 1, p->cap);
	p->lines[p->n].text = text;
	p->lines[p->n].level = level;
	p->n++;
}

static const char *tip_of(const struct guide_item *it)
{
	return it->tip ? it->tip : it->text;
}

/* The first page of a kind, whose title stands in for a missing heading. */
static const struct guide_page *page_of_kind(const struct guide *g, enum guide_kind kind)
{
	size_t i;

	for (i = 0; i < g->npages; i++)
		if (g->pages[i]->kind == kind)
			return g->pages[i];
	return NULL;
}

/* The tips of every page of `kind`: the marked ones, the default ones, or
 * both, as the kind's feed says; the defaults are every tip when the
 * content names none. */
static void add_tips(struct sheet_part *p, const struct guide *g, const struct chosen *tips,
		     enum guide_kind kind, enum guide_feed feed)
{
	bool any_marked = false, any_default = false;
	size_t i, j;

	for (i = 0; i < g->npages; i++) {
		for (j = 0; j < g->pages[i]->nitems && g->pages[i]->kind == kind; j++) {
			any_marked |= has(tips, &g->pages[i]->items[j]);
			any_default |= g->pages[i]->items[j].is_default;
		}
	}
	for (i = 0; i < g->npages; i++) {
		const struct guide_page *pg = g->pages[i];

		for (j = 0; j < pg->nitems && pg->kind == kind; j++) {
			const struct guide_item *it = &pg->items[j];
			bool dflt = !any_default || it->is_default, marked = has(tips, it);

			if (feed == GUIDE_FEED_ALWAYS ? dflt || marked : any_marked ? marked : dflt)
				add(p, tip_of(it), 0);
		}
	}
}

/* Each ticked cause of `kind`, with the tips its links lead to. */
static void add_ticked(struct sheet_part *p, const struct chosen *causes, enum guide_kind kind)
{
	size_t i, j;

	for (i = 0; i < causes->n; i++) {
		const struct guide_item *c = causes->v[i];

		if (c->page->kind != kind)
			continue;
		add(p, tip_of(c), 0);
		for (j = 0; j < c->nlinks; j++)
			add(p, c->links[j].item ? tip_of(c->links[j].item) : c->links[j].page->title, 1);
	}
}

void sheet_build(struct sheet *s, const struct guide *g, const struct sheet_marks *m,
		 const char *date)
{
	struct chosen tips = { 0 }, causes = { 0 };
	struct strbuf sources = STRBUF_INIT;
	int place, k;
	size_t i;

	memset(s, 0, sizeof *s);
	if (m) {
		resolve(&tips, g, m->tips, m->ntips, GUIDE_MARK_TIP);
		resolve(&causes, g, m->causes, m->ncauses, GUIDE_MARK_TICK);
	}
	s->ntips = tips.n;
	s->ncauses = causes.n;
	s->title = g->sheet.title ? g->sheet.title : g->title;
	s->date = date;
	for (place = 1; place <= GUIDE_NKINDS; place++) {
		for (k = 0; k < GUIDE_NKINDS; k++) {
			const struct guide_kind_info *info = guide_kind_info((enum guide_kind)k);
			const struct guide_page *first = page_of_kind(g, (enum guide_kind)k);
			struct sheet_part *p = &s->parts[s->nparts];

			if (info->place != place || info->feed == GUIDE_FEED_NONE || !first)
				continue;
			p->heading = g->sheet.heading[k] ? g->sheet.heading[k] : first->title;
			if (info->feed == GUIDE_FEED_TICKED)
				add_ticked(p, &causes, (enum guide_kind)k);
			else
				add_tips(p, g, &tips, (enum guide_kind)k, info->feed);
			if (p->n)
				s->nparts++;
		}
	}
	s->notice = g->disclaimer;
	for (i = 0; i < g->nsources; i++) {
		char *name = guide_source_name(g->sources[i], "", "");

		if (i)
			strbuf_adds(&sources, "; ");
		strbuf_adds(&sources, name);
		free(name);
	}
	s->reviewed = guide_last_reviewed(g);
	s->sources = strbuf_detach(&sources, NULL);
	free(tips.v);
	free(causes.v);
}

void sheet_marks_of(const struct marks *m, struct sheet_marks *sm)
{
	sm->tips = marks_ids(m, MARKS_TIPS, &sm->ntips);
	sm->causes = marks_ids(m, MARKS_CAUSES, &sm->ncauses);
}

void sheet_free(struct sheet *s)
{
	size_t i;

	for (i = 0; i < s->nparts; i++)
		free(s->parts[i].lines);
	free(s->sources);
	memset(s, 0, sizeof *s);
}

/* The last second of 9999-12-31 UTC: a four-digit year, as the sheet prints. */
#define SHEET_MAX_EPOCH 253402300799LL

int sheet_today(char *buf, size_t size)
{
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	time_t t = time(NULL);
	struct tm tm;
	int ok = 1;

	if (epoch && *epoch) {
		char *end;
		long long v;

		errno = 0;
		v = strtoll(epoch, &end, 10);
		if (*end || errno || v < 0 || v > SHEET_MAX_EPOCH)
			ok = 0;
		else
			t = (time_t)v;
	}
	/* SOURCE_DATE_EPOCH is a UTC date by definition; today is local. */
	if (!((ok && epoch && *epoch) ? gmtime_r(&t, &tm) : localtime_r(&t, &tm)) ||
	    !strftime(buf, size, "%Y-%m-%d", &tm))
		snprintf(buf, size, "%s", "");
	return ok;
}
