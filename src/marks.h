/* marks.h - the tips a person marked and the causes they ticked, kept in
 * the state file (state.h).  The sheet made from them is sheet.h's. */
#ifndef CRAMPGUIDE_MARKS_H
#define CRAMPGUIDE_MARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"
#include "state.h"

/* The marks of one guide and where they are kept. */
struct marks {
	const struct guide *g;
	struct state st;
	char *path;                 /* the state file, or NULL when there is no home to keep it in */
};

/* Load the saved marks for g; return NULL, or a new sentence for the person when the file could not be read (it has been moved aside and the marks start empty). */
char *marks_open(struct marks *m, const struct guide *g);

/* Whether the item can be marked: a tip on a relief or prevention page, or a cause. */
bool marks_markable(const struct guide_item *it);

/* Whether the item is marked (or ticked, for a cause). */
bool marks_has(const struct marks *m, const struct guide_item *it);

/* Mark the item, or unmark it when marked, and save at once; return 1 when it is now marked, 0 when not, -1 when it cannot be marked; *msg gets a new sentence when saving failed (the mark still holds for this run), else NULL. */
int marks_toggle(struct marks *m, const struct guide_item *it, char **msg);

/* Unmark every tip and cause and save; return 1, or 0 with *msg a new sentence when saving failed. */
int marks_clear(struct marks *m, char **msg);

/* Save what is not saved yet; return 1, or 0 with *msg a new sentence. */
int marks_flush(struct marks *m, char **msg);

/* Free what m holds (pending changes are not saved: call marks_flush() first). */
void marks_close(struct marks *m);

#endif
