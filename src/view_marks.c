/* view_marks.c - check boxes on the tips and causes, wherever their page
 * is shown: marking one saves it at once and changes a label, never the
 * layout. */
#include "screens.h"

#include <stdio.h>
#include <stdlib.h>

#include "marks.h"
#include "util.h"

/* What to say under a list whose entries can be marked, or NULL. */
static char *list_note(const struct guide_page *p)
{
	const char *mark = view_key_name(ACT_MARK);

	if (p->kind == GUIDE_CAUSES)
		return xasprintf("Which of these might apply to you? Tick each one with %s: the tips "
				 "for it go on your tip sheet.",
				 mark);
	if (p->kind == GUIDE_RELIEF || p->kind == GUIDE_PREVENTION)
		return xasprintf("Mark the tips you want on your tip sheet with %s.", mark);
	return NULL;
}

void view_marks_apply(struct viewer *V, struct layout *L)
{
	size_t i;

	for (i = 0; i < L->nblocks; i++) {
		struct layout_block *b = &L->blocks[i];

		if (b->kind == LAYOUT_HEADING && b->page && !b->note) {
			char *note = list_note(b->page);

			if (note)
				layout_set_note(L, b, note);
			free(note);
		}
		if (b->kind == LAYOUT_ITEM && b->item && marks_markable(b->item)) {
			layout_set_check(L, b, marks_has(V->marks, b->item));
			/* The walk-through's items too: marking is part of the walk. */
			b->selectable = true;
		}
	}
}

/* Only its browse layout and the walk-through steps that show its page:
 * a mark never touches the rest of the guide. */
void view_marks_refresh(struct viewer *V, const struct guide_item *it)
{
	size_t i = it->page->index, k;

	if (V->browse[i])
		view_marks_apply(V, V->browse[i]);
	for (k = 0; k < V->g->nwalk; k++)
		if (V->walk[k] && V->g->walk[k].page == it->page)
			view_marks_apply(V, V->walk[k]);
}

/* Marking is on pages only: say where, so the key is never a mystery. */
static void say_where(struct viewer *V, const struct guide_page *p)
{
	size_t i;

	for (i = 0; p && i < p->nitems && !marks_markable(&p->items[i]); i++)
		;
	if (p && i < p->nitems)
		view_say(V, "Choose a line with a box first: %s moves to it, then %s marks it",
			 view_key_name(ACT_DOWN), view_key_name(ACT_MARK));
	else
		view_say(V, "Nothing to mark here: mark tips on the easing and prevention pages");
}

void view_mark(struct viewer *V, struct view *v, size_t block)
{
	size_t page = v->ops->page_of ? v->ops->page_of(V, v) : VIEW_NO_PAGE;
	const struct guide_page *p = page == VIEW_NO_PAGE ? NULL : V->g->pages[page];
	const struct layout_block *b = NULL;
	const struct guide_item *it;
	char *msg = NULL;
	bool cause;
	int on;

	if (p && block != LAYOUT_NONE)
		b = &view_layout(V, v)->blocks[block];
	if (!b || b->kind != LAYOUT_ITEM || !b->item || !marks_markable(b->item)) {
		say_where(V, p);
		return;
	}
	it = b->item;
	cause = it->page->kind == GUIDE_CAUSES;
	on = marks_toggle(V->marks, it, &msg);
	if (on < 0) {
		if (msg)
			view_say(V, "Not marked: %s", msg);
		else
			view_say(V, "This one cannot be marked: the content gives it an id the tip "
				    "sheet cannot keep");
		free(msg);
		return;
	}
	view_marks_refresh(V, it);
	view_sheet_changed(V);
	if (msg && V->marks->busy)
		/* Another guide is saving (or stopped while saving): this
		 * one is kept, and saved with the next change or at quit. */
		view_say(V, "%s: saved once the other crampguide lets go (with your next change, or "
			    "when you quit)",
			 on ? (cause ? "Ticked" : "Marked") : (cause ? "Unticked" : "Unmarked"));
	else if (msg)
		view_say(V, "%s for now, but not kept for next time: %s",
			 on ? (cause ? "Ticked" : "Marked") : (cause ? "Unticked" : "Unmarked"), msg);
	else if (on)
		view_say(V, "%s: %s on your tip sheet (%s shows it)",
			 cause ? "Ticked" : "Marked", cause ? "its tips are" : "it is",
			 view_key_name(ACT_SHEET));
	else
		view_say(V, "%s: %s off your tip sheet", cause ? "Unticked" : "Unmarked",
			 cause ? "its tips are" : "it is");
	free(msg);
}

/* The mark key on a screen that has nothing to mark. */
static enum viewer_result marks_global(struct viewer *V, enum action act)
{
	if (act != ACT_MARK)
		return VIEWER_UNHANDLED;
	say_where(V, NULL);
	return VIEWER_GO_ON;
}

const struct view_ops view_marks_ops = {
	.global = marks_global,
};
