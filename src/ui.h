/* ui.h - the terminal side of the interactive guide: starting and
 * restoring the terminal, colours, signals, input and the scripted mode;
 * and the few drawing calls the screens (view*.c) use, so that only ui.c
 * touches curses. */
#ifndef CRAMPGUIDE_UI_H
#define CRAMPGUIDE_UI_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"

/* ELEM(name, colour fg, colour bg, colour attributes, monochrome attributes):
 * the named parts of the screen and how each theme draws them.  -1 is the
 * terminal's own colour (use_default_colors), so both light and dark
 * terminals read well; the monochrome column must stand on its own, since
 * it is all a terminal without colour (or NO_COLOR) shows. */
#define UI_ELEMS(ELEM) \
	ELEM(TEXT, -1, -1, A_NORMAL, A_NORMAL) \
	ELEM(TITLE, -1, -1, A_BOLD, A_BOLD) \
	ELEM(HEADING, COLOR_GREEN, -1, A_BOLD, A_BOLD) \
	ELEM(STEP, COLOR_GREEN, -1, A_BOLD, A_BOLD | A_UNDERLINE) \
	ELEM(ENTRY, -1, -1, A_BOLD, A_BOLD) \
	ELEM(NOTE, -1, -1, A_NORMAL, A_NORMAL) \
	ELEM(BULLET, COLOR_GREEN, -1, A_BOLD, A_BOLD) \
	ELEM(LINK, COLOR_CYAN, -1, A_UNDERLINE, A_UNDERLINE) \
	ELEM(KEY, COLOR_GREEN, -1, A_BOLD, A_BOLD) \
	ELEM(CODE, -1, -1, A_BOLD, A_BOLD) \
	ELEM(SELECTED, COLOR_BLACK, COLOR_CYAN, A_NORMAL, A_REVERSE) \
	ELEM(MATCH, COLOR_BLACK, COLOR_YELLOW, A_NORMAL, A_REVERSE | A_UNDERLINE) \
	ELEM(STATUS, -1, -1, A_REVERSE, A_REVERSE) \
	ELEM(MESSAGE, -1, -1, A_REVERSE | A_BOLD, A_REVERSE | A_BOLD) \
	ELEM(HINT, -1, -1, A_BOLD, A_BOLD) \
	ELEM(PROMPT, -1, -1, A_NORMAL, A_NORMAL)

#define UI_ELEM_ENUM(name, fg, bg, colour, mono) UI_##name,

/* A named part of the screen. */
enum ui_elem { UI_ELEMS(UI_ELEM_ENUM) UI_ELEM_COUNT };

#undef UI_ELEM_ENUM

struct marks;

/* When to use colour (--color=WHEN). */
enum ui_color { UI_COLOR_AUTO, UI_COLOR_ALWAYS, UI_COLOR_NEVER };

/* How the interactive guide was asked to run. */
struct ui_options {
	enum ui_color color;
	bool mouse;
	struct marks *marks;        /* the person's tip sheet */
	const char *notice;         /* said on the status line at the start, or NULL */
};

/* ui_run()'s answer when this terminal cannot show the guide. */
#define UI_NO_TERMINAL (-1)

/* Run the interactive guide on the terminal (or the script in $CRAMPGUIDE_SCRIPT) until the person quits; return the exit status, or UI_NO_TERMINAL after saying on stderr why curses cannot drive this terminal. */
int ui_run(const struct guide *g, const struct ui_options *opt);

/* Draw s[0..n) at row, col in the style of elem, at most maxcols columns, never cutting a character; return the columns drawn. */
int ui_put(int row, int col, int maxcols, enum ui_elem elem, const char *s, size_t n);

/* Paint ncols blank columns from row, col in the style of elem. */
void ui_fill(int row, int col, int ncols, enum ui_elem elem);

/* Show the cursor at row, col after this draw (it is hidden otherwise). */
void ui_cursor(int row, int col);

#endif
