/* tty.h - the terminal, at the bottom of the interactive guide: starting
 * curses and giving the terminal back exactly as it was, colours, the
 * drawing primitives, reading one event, pausing for the shell, and the
 * scripted mode's screen dumps.  It is the only module that includes
 * curses.h, and it calls nothing above it: the input loop (loop.c) reads
 * its events and hands them to the screens, which draw through it. */
#ifndef CRAMPGUIDE_TTY_H
#define CRAMPGUIDE_TTY_H

#include <stdbool.h>
#include <stddef.h>

/* ELEM(name, colour fg, colour bg, colour attributes, monochrome attributes):
 * the named parts of the screen and how each theme draws them.  -1 is the
 * terminal's own colour (use_default_colors), so both light and dark
 * terminals read well; the monochrome column must stand on its own, since
 * it is all a terminal without colour (or NO_COLOR) shows.  Only tty.c
 * expands the curses names of the columns. */
#define TTY_ELEMS(ELEM) \
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

#define TTY_ELEM_ENUM(name, fg, bg, colour, mono) TTY_##name,

/* A named part of the screen. */
enum tty_elem { TTY_ELEMS(TTY_ELEM_ENUM) TTY_ELEM_COUNT };

#undef TTY_ELEM_ENUM

/* When to use colour (--color=WHEN). */
enum tty_color { TTY_COLOR_AUTO, TTY_COLOR_ALWAYS, TTY_COLOR_NEVER };

/* What one read of the terminal brought. */
enum term_event_kind {
	TTY_EV_KEY,                /* key: a keys.h code */
	TTY_EV_RESIZE,             /* the terminal has a new size (tty_rows(), tty_cols()) */
	TTY_EV_CLICK,              /* a click at row, col */
	TTY_EV_WHEEL,              /* a notch of the wheel: dir -1 up, 1 down */
	TTY_EV_SIGNAL,             /* SIGINT, SIGTERM or SIGHUP arrived: sig */
	TTY_EV_LOST,               /* the terminal is gone */
	TTY_EV_NONE                /* nothing this guide acts on */
};

/* One event from the terminal. */
struct tty_event {
	enum term_event_kind kind;
	int key;
	int row, col;
	int dir;
	int sig;
};

/* Whether curses can drive the terminal $TERM names (known, able to move the cursor); when not, say why on stderr. */
bool tty_usable(void);

/* Take over the real terminal (stdin, stdout) with these colours and the mouse on or off; false when curses cannot. */
bool tty_start(enum tty_color color, bool mouse);

/* Start curses drawing into /dev/null at rows x cols, for key scripts; false (after saying why on stderr) when no terminal type for it is known. */
bool tty_start_scripted(enum tty_color color, int rows, int cols);

/* Give the terminal back as it was (nothing when it is not taken); also what die() does first. */
void tty_stop(void);

/* The screen's size in rows and columns. */
int tty_rows(void);
int tty_cols(void);

/* Start drawing a new frame on a blank screen. */
void tty_begin(void);

/* Show the frame drawn since tty_begin(), with the cursor where tty_cursor() put it (hidden otherwise). */
void tty_end(void);

/* Draw s[0..n) at row, col in the style of elem, at most maxcols columns, never cutting a character; return the columns drawn. */
int tty_put(int row, int col, int maxcols, enum tty_elem elem, const char *s, size_t n);

/* Paint ncols blank columns from row, col in the style of elem. */
void tty_fill(int row, int col, int ncols, enum tty_elem elem);

/* Show the cursor at row, col in this frame. */
void tty_cursor(int row, int col);

/* Wait for the next event of the real terminal and fill *ev. */
void tty_read(struct tty_event *ev);

/* The signal caught since the last start (SIGINT, SIGTERM, SIGHUP), or 0. */
int tty_signal(void);

/* Give the scripted screen a new size. */
void tty_resize(int rows, int cols);

/* Write the screen to path as text, or with attrs a letter a cell for the element drawn there; dies when path cannot be written. */
void tty_dump(const char *path, bool attrs);

/* Ctrl-Z: leave the screen, stop until the shell brings the guide back, and repaint; false when there is no job control to come back with (nothing is done). */
bool tty_suspend(void);

#endif
