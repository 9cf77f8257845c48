/* marks.h - the tips a person marked and the causes they ticked, kept
 * between runs through the store (store.h).  The sheet made from them is
 * sheet.h's; this knows no output format.
 *
 * The file, $XDG_STATE_HOME/crampguide/tips.yaml (else
 * $HOME/.local/state/crampguide/tips.yaml), ids in the order marked:
 *
 *     # crampguide tip sheet: the tips you marked and the causes you ticked
 *     version: 1
 *     tips: [relief/stretch, prevention/drink-water]
 *     causes: [causes/dehydration]
 *
 * It is read with the content's YAML reader.  A file made by hand may
 * leave out `version` and either list; other keys, and ids that are not
 * "PAGE/ITEM" with two guide_valid_id() parts, are skipped.  Ids the
 * content does not (or no longer) have stay in the file, since a content
 * update may bring them back, but are not shown or counted.  Each change
 * is saved at once as that one change to the file as it is now, so two
 * guides open at once keep both sets of marks. */
#ifndef CRAMPGUIDE_MARKS_H
#define CRAMPGUIDE_MARKS_H

#include <stdbool.h>
#include <stddef.h>

#include "diag.h"
#include "guide.h"

/* Most ids kept in one list; a guide has far fewer items. */
#define MARKS_MAX_IDS 2000

/* The two lists the file holds. */
enum marks_list { MARKS_TIPS, MARKS_CAUSES, MARKS_NLISTS };

/* Ids in the order they were marked: v[0..n). */
struct marks_set {
	char **v;
	size_t n, cap;
};

struct marks_change;

/* The marks of one guide and where they are kept; zeroed, it is empty. */
struct marks {
	const struct guide *g;
	char *path;                     /* the file, or NULL when there is no home to keep it in */
	struct marks_set lists[MARKS_NLISTS];
	struct marks_set kept[MARKS_NLISTS];  /* entries that are no ids, written back as they were */
	struct marks_change *unsaved;   /* changes not in the file yet, tried again with the next */
	size_t nunsaved, capunsaved;
	bool told;                      /* the person was told the file cannot be read */
	bool newer;                     /* a newer crampguide wrote the file: read, never written */
	bool busy;                      /* the last save found another crampguide saving: tried again later */
	char *warning;                  /* what was skipped or why the file is not written, or NULL */
};

/* Load the saved marks for g; return NULL, or a new sentence for the person naming FILE:LINE:COL when the file could not be read (it is left as it is, never saved over, and the marks start empty), when a newer crampguide wrote it (read as far as this one understands, never written), or when entries in it were skipped (the good ones are read, the others written back as they were). */
char *marks_open(struct marks *m, const struct guide *g);

/* Replace m's lists by the marks file buf[0..len) (named `path` in messages), noting in m->warning the first entry skipped and in m->newer a newer version; return 1, or 0 with the lists empty after adding to d where and why it cannot be read. */
int marks_parse(struct marks *m, const char *path, const char *buf, size_t len, struct diag *d);

/* Whether the item can be marked: a tip on a relief or prevention page, or a cause. */
bool marks_markable(const struct guide_item *it);

/* Whether the item is marked (or ticked, for a cause). */
bool marks_has(const struct marks *m, const struct guide_item *it);

/* Mark the item, or unmark it when marked, and save at once; return 1 when it is now marked, 0 when not, -1 when it cannot be marked (then *msg says why when the list is full); *msg gets a new sentence part when saving failed (the mark still holds for this run), else NULL. */
int marks_toggle(struct marks *m, const struct guide_item *it, char **msg);

/* Unmark every tip and cause this guide shows and save; return 1, or 0 with *msg a new sentence when saving failed. */
int marks_clear(struct marks *m, char **msg);

/* Save the changes an earlier save could not; return 1 (also when there are none), or 0 with *msg a new sentence. */
int marks_flush(struct marks *m, char **msg);

/* The saved ids of a list in the order marked, *n of them (ids the content lacks included). */
const char *const *marks_ids(const struct marks *m, enum marks_list list, size_t *n);

/* Free what m holds (changes not saved yet stay unsaved: call marks_flush() first). */
void marks_close(struct marks *m);

#endif
