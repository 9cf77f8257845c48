/* view_page.c - a page of the guide, browsed freely or as a step of the
 * guided walk-through, and the walk-through's last step. */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marks.h"
#include "util.h"

/* --- a page, browsed ----------------------------------------------------- */

struct layout *view_browse_layout(struct viewer *V, size_t i)
{
	if (!V->browse[i]) {
		V->browse[i] = layout_page(V->g->pages[i], LAYOUT_BROWSE, V->ascii);
		view_marks_apply(V, V->browse[i]);
	}
	return V->browse[i];
}

void view_open_page(struct viewer *V, size_t i, const struct guide_item *item)
{
	struct view *v = view_push(V, &view_page_ops, i);
	struct layout *L = view_layout(V, v);
	size_t b;

	if (!item)
		return;
	for (b = 0; b < L->nblocks; b++) {
		if (L->blocks[b].kind == LAYOUT_ITEM && L->blocks[b].item == item) {
			view_show_line(V, v, L->blocks[b].first);
			v->sel = b;
			return;
		}
	}
}

void view_crumb_page(struct viewer *V, const char *first, size_t page, char *buf, size_t size)
{
	/* The title as the page's layout holds it: sanitized, and ASCII if need be. */
	const struct layout *L = view_browse_layout(V, page);

	snprintf(buf, size, "%s %s %s", first, layout_glyph(GLYPH_CRUMB, V->ascii),
		 L->nblocks ? L->blocks[0].text : "");
}

/* Space marks the chosen tip, on a page and in the walk-through alike. */
static enum viewer_result page_key(struct viewer *V, struct view *v, enum action act)
{
	if (act != ACT_MARK)
		return VIEWER_UNHANDLED;
	view_mark(V, v, v->sel);
	return VIEWER_GO_ON;
}

/* A click on a check box ticks it, as anywhere else; elsewhere it opens. */
static void page_click(struct viewer *V, struct view *v, size_t block)
{
	const struct layout_block *b = &view_layout(V, v)->blocks[block];

	if (b->kind == LAYOUT_ITEM && b->item && marks_markable(b->item))
		view_mark(V, v, block);
	else if (v->ops->open)
		v->ops->open(V, v, block);
}

static size_t page_page_of(const struct viewer *V, const struct view *v)
{
	(void)V;
	return v->page;
}

static struct layout *page_layout(struct viewer *V, const struct view *v)
{
	return view_browse_layout(V, v->page);
}

static void page_crumb(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	view_crumb_page(V, "Home", v->page, buf, size);
}

static void page_open(struct viewer *V, struct view *v, size_t block)
{
	const struct layout_block *b;

	if (block == LAYOUT_NONE) {
		/* Enter with nothing chosen reads on, like the walk-through. */
		if (!view_at_end(V, v))
			view_scroll_screen(V, v);
		else
			view_say(V, "End of the page: %s goes back", view_key_name(ACT_BACK));
		return;
	}
	b = &view_layout(V, v)->blocks[block];
	if (b->kind == LAYOUT_LINK || b->kind == LAYOUT_ITEM_LINK)
		view_open_page(V, b->page->index, b->item);
	else if (b->kind == LAYOUT_ITEM && b->item && marks_markable(b->item))
		view_say(V, "%s marks this for your tip sheet", view_key_name(ACT_MARK));
	else
		view_say(V, "Nothing to open here: the lines that start with %s are links",
			 layout_glyph(GLYPH_ARROW, V->ascii));
}

const struct view_ops view_page_ops = {
	.layout = page_layout,
	.crumb = page_crumb,
	.open = page_open,
	.click = page_click,
	.key = page_key,
	.page_of = page_page_of,
};

/* --- the guided walk-through --------------------------------------------- */

static bool is_last(const struct viewer *V, const struct view *v)
{
	return v->page + 1 >= V->g->nwalk;
}

/* The last step ends the walk-through with what to take away: the tip
 * sheet, to print or save. */
static void add_end(struct layout *L)
{
	char *s;

	if (L->nblocks)
		L->blocks[L->nblocks - 1].gap = 1;
	layout_add(L, LAYOUT_HEADING, "The end of the walk-through", 0)->gap = 1;
	s = xasprintf("To keep the main tips by your bed, press %s: your tip sheet comes up, with "
		      "the tips you marked with %s (or the main ones if you marked none). Print it "
		      "there with %s, or save it to a file with %s.",
		      view_key_name(ACT_OPEN), view_key_name(ACT_MARK), view_key_name(ACT_PRINT),
		      view_key_name(ACT_SAVE));
	layout_add(L, LAYOUT_PARA, s, 0)->gap = 1;
	free(s);
	s = xasprintf("From the tip sheet, %s goes back to the home screen, where you can read any "
		      "part again.",
		      view_key_name(ACT_BACK));
	layout_add(L, LAYOUT_PARA, s, 0);
	free(s);
}

static struct layout *step_layout(struct viewer *V, const struct view *v)
{
	if (!V->walk[v->page]) {
		V->walk[v->page] = layout_page(V->g->walk[v->page].page, LAYOUT_WALK, V->ascii);
		view_marks_apply(V, V->walk[v->page]);
		if (is_last(V, v))
			add_end(V->walk[v->page]);
	}
	return V->walk[v->page];
}

static void step_header(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	snprintf(buf, size, "Step %zu of %zu", v->page + 1, V->g->nwalk);
}

static void step_hint(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	const char *down = view_key_name(ACT_DOWN), *open = view_key_name(ACT_OPEN);
	const char *back = view_key_name(ACT_BACK);
	bool last = is_last(V, v), more = !view_at_end(V, v);
	int k;

	/* Enter moves on at once, so say when there is more to read first;
	 * shorter wordings for narrow screens, Enter's always first to go. */
	for (k = 0; k < 3; k++) {
		if (k == 0 && more)
			snprintf(buf, size, "%s: read more   %s: %s   %s: back", down, open,
				 last ? "your tip sheet" : "next step", back);
		else if (k == 0 || (k == 1 && !more))
			snprintf(buf, size, "%s: %s   %s: back", open,
				 last ? "your tip sheet" : "next step", back);
		else if (k == 1)
			snprintf(buf, size, "%s: more   %s: %s   %s: back", down, open,
				 last ? "sheet" : "next", back);
		else if (more)
			snprintf(buf, size, "%s: more   %s: %s", down, open, last ? "sheet" : "next");
		else
			snprintf(buf, size, "%s: %s   %s: back", open, last ? "sheet" : "next", back);
		if ((int)strlen(buf) <= V->cols - VIEW_GUTTER - 1)
			return;
	}
}

static void step_crumb(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	view_crumb_page(V, "Walk-through", V->g->walk[v->page].page->index, buf, size);
}

static void step_open(struct viewer *V, struct view *v, size_t block)
{
	(void)block;
	if (is_last(V, v)) {
		view_sheet_open(V, true);
	} else {
		view_push(V, &view_step_ops, v->page + 1);
	}
}

static size_t step_page_of(const struct viewer *V, const struct view *v)
{
	return V->g->walk[v->page].page->index;
}

const struct view_ops view_step_ops = {
	.layout = step_layout,
	.header = step_header,
	.hint = step_hint,
	.crumb = step_crumb,
	.open = step_open,
	.click = page_click,
	.key = page_key,
	.page_of = step_page_of,
};
