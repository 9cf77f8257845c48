/* view_search.c - searching every page from the search line, and going
 * from match to match across pages; works on every screen. */
#include "screens.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "search.h"
#include "util.h"

/* The current search. */
struct search_state {
	char query[SEARCH_MAX + 1];  /* sanitized; empty when there is none */
	size_t qlen;
	struct search_hit *hits;     /* hit.page is a position in order */
	size_t nhits, hit;
	size_t *order;               /* page indexes in reading order */
};

static void release(void *data)
{
	struct search_state *S = data;

	free(S->hits);
	free(S->order);
}

static struct search_state *state(struct viewer *V)
{
	struct search_state *S =
		viewer_state(V, &view_search_ops, sizeof(struct search_state), release);

	if (!S->order) {
		S->order = xcalloc(V->g->npages ? V->g->npages : 1, sizeof *S->order);
		guide_reading_order(V->g, S->order);
	}
	return S;
}

/* The number of searchable blocks of L before block b: which of its page's
 * searchable texts (layout_search_text()) block b is or comes after. */
static size_t text_number(const struct layout *L, size_t b)
{
	size_t i, k = 0;

	for (i = 0; i < b && i < L->nblocks; i++)
		k += L->blocks[i].searchable;
	return k;
}

/* Where the reading is: a position in the reading order and a searchable
 * text of that page, to search onwards from. */
static void here(struct viewer *V, size_t *at, size_t *text)
{
	struct view *v = view_current(V);
	const size_t *order = state(V)->order;
	size_t page = v->ops->page_of ? v->ops->page_of(V, v) : VIEW_NO_PAGE, i;

	*at = 0;
	*text = 0;
	if (page == VIEW_NO_PAGE)
		return;
	for (i = 0; i < V->g->npages; i++)
		if (order[i] == page)
			*at = i;
	/* The walk-through's layouts differ; its page starts at the top. */
	if (v->ops == &view_page_ops && v->top.block != LAYOUT_NONE)
		*text = text_number(view_layout(V, v), v->top.block);
}

/* The block of L holding the hit, and the hit's byte in that block's text.
 * The block's text is the guide's text sanitized (and made ASCII on a
 * terminal that needs it), so the hit is found again there by its number;
 * if the ASCII text no longer has it, the block's start will do. */
static size_t hit_block(const struct layout *L, const struct search_hit *h, const char *q,
			size_t qn, size_t *off)
{
	size_t b, k = 0, from = 0, len, i;

	*off = 0;
	for (b = 0; b < L->nblocks; b++) {
		if (!L->blocks[b].searchable)
			continue;
		if (k++ == h->text)
			break;
	}
	if (b == L->nblocks)
		return 0;
	for (i = 0; i <= h->nth; i++) {
		if (!search_find(L->blocks[b].text, L->blocks[b].len, q, qn, from, off, &len)) {
			*off = 0;
			break;
		}
		from = *off + len;
	}
	return b;
}

/* Show the current match; push a new screen, or reuse the page on screen. */
static void show(struct viewer *V, bool push, const char *note)
{
	struct search_state *S = state(V);
	const struct search_hit *h = &S->hits[S->hit];
	size_t page = S->order[h->page], block, off;
	struct view *v = view_current(V);
	struct layout *L;

	if (push || v->ops != &view_page_ops) {
		v = view_push(V, &view_page_ops, page);
	} else {
		v->page = page;
		v->top.block = 0;
		v->top.off = 0;
		v->top.n = 1;
	}
	L = view_layout(V, v);
	block = hit_block(L, h, S->query, S->qlen, &off);
	v->sel = L->blocks[block].selectable ? block : LAYOUT_NONE;
	view_show_line(V, v, layout_line_of(L, block, off));
	view_say(V, "Match %zu of %zu for '%s'%s", S->hit + 1, S->nhits, S->query, note);
}

/* The search line's answer: search every page for what was typed. */
static void run(struct viewer *V, int answer, const char *input, size_t ilen)
{
	struct search_state *S = state(V);
	const struct guide_page **pages;
	size_t n = V->g->npages, i, at, text, len;
	char *q;

	(void)answer;
	if (!ilen)
		return;
	free(S->hits);
	S->hits = NULL;
	S->nhits = S->hit = 0;
	q = text_sanitize(input, ilen, &len);
	if (len > SEARCH_MAX)
		len = SEARCH_MAX;
	memcpy(S->query, q, len);
	S->query[len] = '\0';
	S->qlen = len;
	free(q);
	/* The guide's own texts are searched, in reading order: no page is
	 * laid out until a match on it is shown. */
	pages = xcalloc(n ? n : 1, sizeof *pages);
	for (i = 0; i < n; i++)
		pages[i] = V->g->pages[S->order[i]];
	S->nhits = search_guide(pages, n, S->query, S->qlen, &S->hits);
	free(pages);
	if (!S->nhits) {
		view_say(V, "No match for '%s'", S->query);
		S->qlen = 0;
		S->query[0] = '\0';
		V->highlight = NULL;
		return;
	}
	V->highlight = S->query;
	V->hlen = S->qlen;
	here(V, &at, &text);
	for (i = 0; i < S->nhits; i++)
		if (S->hits[i].page > at || (S->hits[i].page == at && S->hits[i].text >= text))
			break;
	S->hit = i < S->nhits ? i : 0;
	show(V, true, i < S->nhits ? "" : " (back to the first)");
}

/* n and N: the next (dir 1) or previous (-1) match. */
static void step(struct viewer *V, int dir)
{
	struct search_state *S = state(V);
	const char *note = "";

	if (!S->nhits) {
		view_say(V, "No search yet: press %s to search", view_key_name(ACT_SEARCH));
		return;
	}
	if (dir > 0 && S->hit + 1 == S->nhits) {
		S->hit = 0;
		note = " (back to the first)";
	} else if (dir < 0 && S->hit == 0) {
		S->hit = S->nhits - 1;
		note = " (back to the last)";
	} else {
		S->hit += dir > 0 ? 1 : (size_t)-1;
	}
	show(V, false, note);
}

/* The name of the first key of a prompt action, into buf (16 bytes). */
static const char *prompt_key(enum prompt_action act, char *buf)
{
	int key;

	if (!keys_prompt_bound(act, &key, 1))
		return "?";
	return keys_name(key, buf, 16);
}

/* The search line on the bottom line, which the overlay of questions serves. */
static void start(struct viewer *V)
{
	char hint[64], run_name[16], cancel_name[16];

	snprintf(hint, sizeof hint, "%s: search  %s: cancel", prompt_key(PROMPT_RUN, run_name),
		 prompt_key(PROMPT_CANCEL, cancel_name));
	view_ask(V, &(struct view_ask){ .question = "Search:", .max = SEARCH_MAX, .hint = hint,
					.quiet = true, .done = run });
}

static enum viewer_result search_global(struct viewer *V, enum action act)
{
	switch (act) {
	case ACT_SEARCH:
		start(V);
		return VIEWER_GO_ON;
	case ACT_NEXT_MATCH:
		step(V, 1);
		return VIEWER_GO_ON;
	case ACT_PREV_MATCH:
		step(V, -1);
		return VIEWER_GO_ON;
	default:
		return VIEWER_UNHANDLED;
	}
}

const struct view_ops view_search_ops = {
	.global = search_global,
};
