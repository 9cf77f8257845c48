/* screens.h - the screens and features of the interactive guide, and what
 * they ask of each other: a page's layout, opening a page or the tip sheet,
 * check boxes.  view_screens.c lists them for the generic code, which
 * knows them only through their ops. */
#ifndef CRAMPGUIDE_SCREENS_H
#define CRAMPGUIDE_SCREENS_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"
#include "layout.h"
#include "view.h"

/* The screens (view_home.c, view_page.c, view_help.c, view_sheet.c). */
extern const struct view_ops view_home_ops, view_page_ops, view_step_ops, view_help_ops,
	view_sheet_ops;

/* The features that work on every screen (view_search.c, view_marks.c). */
extern const struct view_ops view_search_ops, view_marks_ops;

/* Open a question on the bottom line (view_prompt.c). */
struct view_ask {
	const char *question;       /* shown before the answer; sanitized here */
	const char *answers;        /* a one-key question: the keys that answer ("yn"); NULL for a line */
	const char *initial;        /* a line: what it starts with (NULL: empty) */
	size_t max;                 /* a line: most bytes typed (0: VIEW_INPUT_MAX) */
	const char *hint;           /* on the right (NULL: what Enter and Esc do) */
	bool quiet;                 /* Esc closes it without saying "Cancelled" */
	/* Called with the key that answered and, for a line, what was typed; never on Esc. */
	void (*done)(struct viewer *V, int answer, const char *text, size_t len);
};

/* Longest line a question takes. */
#define VIEW_INPUT_MAX 1024

/* Ask on the bottom line; every key goes to the question until it is answered or cancelled. */
void view_ask(struct viewer *V, const struct view_ask *ask);

/* The browse layout of page index i, made on first use. */
struct layout *view_browse_layout(struct viewer *V, size_t i);

/* Open the page with index i as a new screen, showing `item` (or its top when NULL). */
void view_open_page(struct viewer *V, size_t i, const struct guide_item *item);

/* "Home > TITLE" for a page screen, into buf. */
void view_crumb_page(struct viewer *V, const char *first, size_t page, char *buf, size_t size);

/* Put check boxes, ticked as marked, before the tips and causes of page layout L, and make them choosable. */
void view_marks_apply(struct viewer *V, struct layout *L);

/* Mark or unmark block `block` of what v shows, saying what happened. */
void view_mark(struct viewer *V, struct view *v, size_t block);

/* The marks changed: redraw the check boxes of item `it` wherever its page is laid out. */
void view_marks_refresh(struct viewer *V, const struct guide_item *it);

/* The marks changed: the tip sheet's preview is made again when next shown. */
void view_sheet_changed(struct viewer *V);

/* Open the tip sheet screen; from the end of the walk-through, Back then goes home. */
void view_sheet_open(struct viewer *V, bool from_walk);

#endif
