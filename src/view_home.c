/* view_home.c - the home screen: the guide's title and notice, the
 * walk-through, then every section with its summary. */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>

#include "util.h"

/* What an entry of the menu opens. */
enum { HOME_WALK = 1, HOME_PAGE, HOME_SHEET };

static struct layout *home_layout(struct viewer *V, const struct view *v)
{
	const struct guide *g = V->g;
	struct layout **home = viewer_layout_slot(V, &view_home_ops);
	struct layout_block *b;
	char *note;
	size_t i;

	(void)v;
	if (*home)
		return *home;
	*home = layout_new(V->ascii);
	b = layout_add(*home, LAYOUT_TITLE, g->title, 0);
	b->gap = 1;
	b = layout_add(*home, LAYOUT_PARA, g->disclaimer, 0);
	b->gap = 1;
	if (V->notice)
		layout_add(*home, LAYOUT_PARA, V->notice, 0)->gap = 1;
	b = layout_add(*home, LAYOUT_ENTRY, "Start the guided walk-through", 0);
	b->selectable = true;
	b->tag = HOME_WALK;
	note = xasprintf("The whole guide, one step at a time: %zu steps", g->nwalk);
	layout_set_note(*home, b, note);
	free(note);
	b = layout_add(*home, LAYOUT_ENTRY, "Your tip sheet", 0);
	b->selectable = true;
	b->tag = HOME_SHEET;
	b->gap = 1;
	layout_set_note(*home, b, "The tips you marked, to print or save and keep by your bed");
	for (i = 0; i < g->nsections; i++) {
		const struct guide_page *p = g->sections[i].page;

		b = layout_add(*home, LAYOUT_ENTRY, p->title, 0);
		b->selectable = true;
		b->tag = HOME_PAGE;
		b->page = p;
		if (p->summary)
			layout_set_note(*home, b, p->summary);
	}
	return *home;
}

static void home_crumb(struct viewer *V, const struct view *v, char *buf, size_t size)
{
	(void)V;
	(void)v;
	snprintf(buf, size, "Home");
}

static void home_open(struct viewer *V, struct view *v, size_t block)
{
	const struct layout_block *b;

	if (block == LAYOUT_NONE)
		return;
	b = &view_layout(V, v)->blocks[block];
	if (b->tag == HOME_WALK && V->g->nwalk)
		view_push(V, &view_step_ops, 0);
	else if (b->tag == HOME_PAGE)
		view_open_page(V, b->page->index, NULL);
	else if (b->tag == HOME_SHEET)
		view_sheet_open(V, false);
}

const struct view_ops view_home_ops = {
	.layout = home_layout,
	.crumb = home_crumb,
	.open = home_open,
	.always_select = true,
};
