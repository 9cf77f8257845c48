/* view_page.c - a page of the guide, browsed freely or as a step of the
 * guided walk-through, and the walk-through's last step. */
#include "view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "marks.h"
#include "util.h"

/* --- a page, browsed ----------------------------------------------------- */

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
			view_page_down(V, v);
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
	.name = "page",
	.layout = page_layout,
	.crumb = page_crumb,
	.open = page_open,
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

const struct view_ops view_step_ops = {
	.name = "step",
	.layout = step_layout,
	.header = step_header,
	.hint = step_hint,
	.crumb = step_crumb,
	.open = step_open,
};
