/* script.h - key scripts that drive the interactive guide in tests.
 *
 * A script (CRAMPGUIDE_SCRIPT=FILE) is read whole before the guide starts.
 * Each line is a command or keys:
 *
 *     # a comment
 *     :dump FILE      write the screen as text to FILE
 *     :attrs FILE     write the screen's styles to FILE, a letter a cell
 *     :resize WxH     resize the screen to W columns and H rows
 *     :type TEXT      type TEXT, spaces included
 *     :click ROW COL  click the mouse at ROW, COL (counted from 0)
 *     :wheel up|down  turn the mouse wheel one notch
 *     j j <Down> <Enter> /potassium <Enter>
 *
 * Keys are separated by spaces; `<Name>` names a key (<Down>, <C-c>,
 * <Space>, <lt> for '<'), anything else types its characters.  See
 * docs/testing.md. */
#ifndef CRAMPGUIDE_SCRIPT_H
#define CRAMPGUIDE_SCRIPT_H

#include <stdbool.h>
#include <stddef.h>

/* What one step of a script does. */
enum script_kind { SCRIPT_KEY, SCRIPT_DUMP, SCRIPT_ATTRS, SCRIPT_RESIZE, SCRIPT_CLICK, SCRIPT_WHEEL };

/* One step: a key (keys.h code), a dump of the text or styles to `path`, a resize to x columns and y rows, a click at row y and column x, or a wheel notch (y: -1 up, 1 down). */
struct script_event {
	enum script_kind kind;
	int key;
	int x, y;
	char *path;
};

/* A parsed script and how far it has been played. */
struct script {
	struct script_event *events;
	size_t n, cap, next;
};

/* Largest screen a script may ask for. */
#define SCRIPT_MAX_SIZE 1000

/* Read and parse the script at `path`; on failure return NULL and set *error to a new message naming the file and line. */
struct script *script_load(const char *path, char **error);

/* Parse a size "WxH" (each 1..SCRIPT_MAX_SIZE) into *cols and *rows; return false if it is not one. */
bool script_parse_size(const char *s, int *cols, int *rows);

/* Store the next step in *ev and return true, or return false at the end. */
bool script_next(struct script *s, struct script_event *ev);

/* Free a script (NULL is fine). */
void script_free(struct script *s);

#endif
