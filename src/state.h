/* state.h - the tips a person marked and the causes they ticked, kept
 * between runs in a small YAML file.
 *
 * The file, written by state_save() and nothing else:
 *
 *     # crampguide tip sheet: the tips you marked and the causes you ticked
 *     version: 1
 *     tips: [relief/stretch, prevention/drink-water]
 *     causes: [causes/dehydration]
 *
 * Ids are "PAGE/ITEM", each part [a-z0-9-]+ of at most 64 bytes, in the
 * order they were marked.  `tips` and `causes` may be left out (empty);
 * anything else (another key, another version, anchors, aliases, tags, a
 * second document, invalid UTF-8, more than STATE_MAX_BYTES) makes the file
 * unreadable, and an unreadable file is moved aside, never overwritten.
 *
 * Ids that are not (or no longer) in the content are kept, so that marks
 * survive a content update that drops and restores an item; callers skip
 * ids guide_find_item() does not know.
 *
 * Two guides open at once merge: each remembers its own changes since it
 * loaded or last saved, and state_save() applies only those to the file as
 * it is now, under a lock, so neither loses the other's marks.
 *
 * state.c keeps the marks in memory and reads and writes their YAML form;
 * state_file.c keeps them on disk: loading, the lock, setting a bad file
 * aside, and the merge-and-save that replaces the file in one step. */
#ifndef CRAMPGUIDE_STATE_H
#define CRAMPGUIDE_STATE_H

#include <stdbool.h>
#include <stddef.h>

/* Largest state file read, checked before parsing. */
#define STATE_MAX_BYTES ((size_t)1024 * 1024)
/* Most ids kept in one list; a guide has far fewer items. */
#define STATE_MAX_IDS 2000

/* The two lists a state holds. */
enum state_list { STATE_TIPS, STATE_CAUSES, STATE_NLISTS };

/* Ids in the order they were added: v[0..n). */
struct state_ids {
	char **v;
	size_t n, cap;
};

/* One change made in this session: id is now marked (on) or not. */
struct state_change {
	enum state_list list;
	bool on;
	char *id;
};

/* Marks and ticks, plus this session's changes not yet saved (one entry per id, the latest wins).  A zeroed struct is an empty state. */
struct state {
	struct state_ids lists[STATE_NLISTS];
	struct state_change *journal;
	size_t njournal, capjournal;
};

/* Make st an empty state with no pending changes (st need not be initialized). */
void state_init(struct state *st);

/* Replace st (initialized or not) by the state in buf[0..len); return 1, or 0 with st empty and *why a new string saying what is wrong. */
int state_parse(struct state *st, const char *buf, size_t len, char **why);

/* Fill st (initialized or not) from the file at path; return 1 when it was read or does not exist (empty state), 0 when it could not be read: then st is empty, the file has been moved aside to PATH.corrupt-YYYYMMDD-HHMMSS[-N] when possible, and *warning gets a new sentence for the user (NULL otherwise). */
int state_load(struct state *st, const char *path, char **warning);

/* Merge this session's changes into the file at path (creating its directory, mode 0700) under a lock on PATH.lock and write it atomically; on success st becomes the merged state with no pending changes and return 1 (with no changes, touch nothing and return 1), on failure leave the file untouched and return 0.  *msg gets a new sentence for the user, or NULL: the error on failure, a warning on success if an unreadable file had to be moved aside. */
int state_save(struct state *st, const char *path, char **msg);

/* Apply src's unsaved changes to dst's lists without making them dst's own changes; with `whole`, first mark in dst every id src holds. */
void state_merge(struct state *dst, const struct state *src, bool whole);

/* The state file's bytes for st's lists (the form shown above); a new buffer and its length in *len, or NULL with *err a new message. */
char *state_format(const struct state *st, size_t *len, char **err);

/* The state file's path: $XDG_STATE_HOME/crampguide/tips.yaml when that is absolute, else $HOME/.local/state/crampguide/tips.yaml; a new string, or NULL when neither is set to an absolute path. */
char *state_default_path(void);

/* Whether id is a well-formed "PAGE/ITEM" id that a state file can hold. */
bool state_valid_id(const char *id);

/* Whether id is in the list. */
bool state_has(const struct state *st, enum state_list list, const char *id);

/* Mark (on) or unmark id in the list; return 1, or 0 when id is not well-formed or the list is full (nothing changes). */
int state_set(struct state *st, enum state_list list, const char *id, bool on);

/* Flip id in the list; return 1 if it is now marked, 0 if now unmarked, -1 when state_set() would refuse it. */
int state_toggle(struct state *st, enum state_list list, const char *id);

/* Unmark every id in both lists (a later save unmarks them in the file too; marks another guide added meanwhile stay). */
void state_clear(struct state *st);

/* Free what st holds and leave it empty. */
void state_free(struct state *st);

#endif
