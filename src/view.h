/* view.h - the screens of the interactive guide and the state they share.
 *
 * A screen on the history stack is a `struct view`: which kind it is (its
 * ops, like tig's view_ops), which page, the reading position and the
 * chosen line.  Back pops the stack, so the screen before comes back
 * exactly as it was left.  Screens draw through tty.h; everything here is
 * driven by viewer_key() and friends from the input loop (loop.c).  This
 * is the generic part: it names no screen.  The screens, and what they ask
 * of each other, are in screens.h. */
#ifndef CRAMPGUIDE_VIEW_H
#define CRAMPGUIDE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"
#include "keys.h"
#include "layout.h"

/* Below this size the guide shows only "Terminal too small". */
#define VIEW_MIN_COLS 20
#define VIEW_MIN_ROWS 6
/* Text wider than this is hard to read; wider terminals get a margin. */
#define VIEW_MAX_TEXT 100
/* Columns left of the text: the '>' marker of the chosen line. */
#define VIEW_GUTTER 2

struct viewer;
struct view;
struct marks;

/* What the screens answer a key with; VIEWER_WORK is: draw the screen,
 * call viewer_work(), go on.  VIEWER_UNHANDLED passes the key on. */
enum viewer_result { VIEWER_GO_ON, VIEWER_QUIT, VIEWER_SUSPEND, VIEWER_WORK, VIEWER_UNHANDLED };

/* Returned by a page_of hook for a screen that shows no page. */
#define VIEW_NO_PAGE ((size_t)-1)

/* What a kind of screen does (like tig's view_ops), or a feature that
 * works on every screen (search, marks), which fills in only `global`
 * and `work`.  NULL members are left out. */
struct view_ops {
	/* The screen's layout, made on first use and kept. */
	struct layout *(*layout)(struct viewer *V, const struct view *v);
	/* The fixed line above the text ("Step 2 of 7"), written into buf. */
	void (*header)(struct viewer *V, const struct view *v, char *buf, size_t size);
	/* The fixed line below the text: what Enter and Backspace do here. */
	void (*hint)(struct viewer *V, const struct view *v, char *buf, size_t size);
	/* Where this is, for the status line ("Home > Prevention"). */
	void (*crumb)(struct viewer *V, const struct view *v, char *buf, size_t size);
	/* Enter: open the chosen block (LAYOUT_NONE when nothing is chosen). */
	void (*open)(struct viewer *V, struct view *v, size_t block);
	/* A click on a choosable block; without it, a click opens. */
	void (*click)(struct viewer *V, struct view *v, size_t block);
	/* A key on this screen, asked first: VIEWER_UNHANDLED passes it on. */
	enum viewer_result (*key)(struct viewer *V, struct view *v, enum action act);
	/* A key the screen on top left, whatever it is: VIEWER_UNHANDLED passes it on. */
	enum viewer_result (*global)(struct viewer *V, enum action act);
	/* The slow work announced by a key of this screen or feature (VIEWER_WORK). */
	void (*work)(struct viewer *V);
	/* The index of the page the screen shows, or VIEW_NO_PAGE. */
	size_t (*page_of)(const struct viewer *V, const struct view *v);
	/* Menus always show a choice; pages only once the person moves to one. */
	bool always_select;
	/* Nothing to choose, so no gutter: the text may use every column. */
	bool full_width;
};

/* One screen on the history stack. */
struct view {
	const struct view_ops *ops;
	size_t page;                /* the page index, or the walk-through step (from 0) */
	struct layout_anchor top;   /* the line at the top of the text */
	size_t sel;                 /* the chosen block, or LAYOUT_NONE */
};

/* What takes the bottom line and every key while it is open (a question,
 * the search line). */
struct view_overlay {
	/* A key: the overlay closes itself by setting V->overlay to NULL. */
	enum viewer_result (*key)(struct viewer *V, int key);
	/* Draw it on the bottom line. */
	void (*draw)(struct viewer *V);
};

/* A screen's or feature's own state, kept by the viewer for it. */
struct view_state {
	const void *owner;
	void *data;
	void (*release)(void *data);
};

/* Everything the screens share. */
struct viewer {
	const struct guide *g;
	bool ascii;                 /* the terminal cannot show UTF-8 */
	bool mouse;                 /* clicks and the wheel are on */
	int rows, cols;
	struct layout **browse;     /* per page, made on first use */
	struct layout **walk;       /* per walk-through step, made on first use */
	struct view *stack;         /* stack[depth - 1] is on screen */
	size_t depth, cap;
	const struct view_overlay *overlay;  /* open on the bottom line, or NULL */
	const char *highlight;      /* text to show as a match wherever it is seen, or NULL */
	size_t hlen;
	struct marks *marks;        /* the person's tip sheet */
	const char *notice;         /* said on the home screen this run, or NULL */
	struct view_state *states;  /* one for each owner that asked */
	size_t nstates, states_cap;
	const struct view_ops *worker;  /* whose work VIEWER_WORK announced */
	int (*interrupted)(void);   /* non-zero once the guide is asked to end (a signal), or NULL */
	char message[256];          /* said on the status line until the next key */
};

/* Every screen and feature, the home screen first; NULL-terminated (view_screens.c). */
extern const struct view_ops *const view_registry[];

/* Set up V on the home screen for a rows x cols terminal, marking tips in `marks`; `notice` (or NULL) is said on the home screen. */
void viewer_init(struct viewer *V, const struct guide *g, struct marks *marks, const char *notice,
		 bool ascii, bool mouse, int rows, int cols);

/* Do the work the last key announced (VIEWER_WORK), saying how it went on the status line. */
void viewer_work(struct viewer *V);

/* Free what V holds. */
void viewer_free(struct viewer *V);

/* The terminal is now rows x cols; the reading position is kept. */
void viewer_resize(struct viewer *V, int rows, int cols);

/* Act on one key (keys.h code). */
enum viewer_result viewer_key(struct viewer *V, int key);

/* A click at row, col: choose and open what is there. */
void viewer_click(struct viewer *V, int row, int col);

/* A notch of the mouse wheel: dir -1 up, 1 down. */
void viewer_wheel(struct viewer *V, int dir);

/* Draw the whole screen. */
void viewer_draw(struct viewer *V);

/* The screen on top of the history. */
struct view *view_current(struct viewer *V);

/* Open a new screen on top of the history, at the top of its layout; return it. */
struct view *view_push(struct viewer *V, const struct view_ops *ops, size_t page);

/* Go back one screen; false when already on the first. */
bool view_pop(struct viewer *V);

/* v's layout wrapped to the current width. */
struct layout *view_layout(struct viewer *V, const struct view *v);

/* Whether v shows the last line of its layout. */
bool view_at_end(struct viewer *V, const struct view *v);

/* Scroll v so that `line` shows, with the start of its block when that fits. */
void view_show_line(struct viewer *V, struct view *v, size_t line);

/* Scroll v down a screen. */
void view_scroll_screen(struct viewer *V, struct view *v);

/* Say something on the status line until the next key (printf format). */
void view_say(struct viewer *V, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The name of the first key of `act` ("Enter"), for hints. */
const char *view_key_name(enum action act);

/* The state `owner` keeps in V: `size` zeroed bytes made on first use, handed to release() (when not NULL) before they are freed with V. */
void *viewer_state(struct viewer *V, const void *owner, size_t size, void (*release)(void *data));

/* A layout `owner` keeps in V (NULL until it makes one), freed with V. */
struct layout **viewer_layout_slot(struct viewer *V, const void *owner);

#endif
