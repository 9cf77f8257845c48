/* marks.h - the person's own tip sheet: the tips they marked and the
 * causes they ticked, kept in the state file (state.h), and the sheet made
 * from them (tips.h).  The command line and the guide share it, so both
 * always print the same sheet. */
#ifndef CRAMPGUIDE_MARKS_H
#define CRAMPGUIDE_MARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"
#include "state.h"
#include "tips.h"

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

/* The number of marked tips (STATE_TIPS) or ticked causes (STATE_CAUSES) that the content knows. */
size_t marks_count(const struct marks *m, enum state_list list);

/* The sheet in `format` as it prints today; `ascii` makes the text format plain ASCII (for a non-UTF-8 locale); a new buffer of *len bytes, NUL-terminated. */
char *marks_render(const struct marks *m, enum tips_format format, bool ascii, size_t *len);

/* Whether the locale's character set is something other than UTF-8, so text should fall back to ASCII. */
bool marks_ascii_locale(void);

/* Free what m holds (pending changes are not saved: call marks_flush() first). */
void marks_close(struct marks *m);

#endif
