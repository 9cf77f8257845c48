/* view.h - the screens of the interactive guide and the state they share.
 *
 * A screen on the history stack is a `struct view`: which kind it is (its
 * ops, like tig's view_ops), which page, the reading position and the
 * chosen line.  Back pops the stack, so the screen before comes back
 * exactly as it was left.  Screens draw through ui.h and never touch
 * curses themselves; everything here is driven by viewer_key() and friends
 * from ui.c's input loop. */
#ifndef CRAMPGUIDE_VIEW_H
#define CRAMPGUIDE_VIEW_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"
#include "keys.h"
#include "layout.h"
#include "search.h"
#include "tips.h"

/* Below this size the guide shows only "Terminal too small". */
#define VIEW_MIN_COLS 20
#define VIEW_MIN_ROWS 6
/* Text wider than this is hard to read; wider terminals get a margin. */
#define VIEW_MAX_TEXT 100
/* Columns left of the text: the '>' marker of the chosen line. */
#define VIEW_GUTTER 2

/* Longest file name the save line takes. */
#define VIEW_INPUT_MAX 1024

struct viewer;
struct view;
struct marks;

/* What a kind of screen does; NULL members are left out. */
struct view_ops {
	const char *name;
	/* The screen's layout, made on first use and kept by the viewer. */
	struct layout *(*layout)(struct viewer *V, const struct view *v);
	/* The fixed line above the text ("Step 2 of 7"), written into buf. */
	void (*header)(struct viewer *V, const struct view *v, char *buf, size_t size);
	/* The fixed line below the text: what Enter and Backspace do here. */
	void (*hint)(struct viewer *V, const struct view *v, char *buf, size_t size);
	/* Where this is, for the status line ("Home > Prevention"). */
	void (*crumb)(struct viewer *V, const struct view *v, char *buf, size_t size);
	/* Enter: open the chosen block (LAYOUT_NONE when nothing is chosen). */
	void (*open)(struct viewer *V, struct view *v, size_t block);
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

/* The current search. */
struct view_search {
	char query[SEARCH_MAX + 1];  /* sanitized; empty when there is none */
	size_t qlen;
	struct search_hit *hits;     /* hit.page is a position in viewer.order */
	size_t nhits, hit;
	bool prompt;                 /* the prompt is open on the bottom line */
	char input[SEARCH_MAX + 1];
	size_t ilen;
};

/* A question on the bottom line: a line to type, or one key to press. */
struct view_prompt {
	bool open;
	bool line;                  /* a line to type, ended by Enter */
	char question[256];         /* sanitized */
	const char *answers;        /* a one-key question: the keys that answer ("yn") */
	char input[VIEW_INPUT_MAX + 1];
	size_t ilen;
	/* Called with the key that answered (Enter for a line), never on Esc. */
	void (*done)(struct viewer *V, int answer);
};

/* Slow work the input loop does after drawing the screen that announces it. */
enum view_work { VIEW_WORK_NONE, VIEW_WORK_PRINT };

/* Everything the screens share. */
struct viewer {
	const struct guide *g;
	bool ascii;                 /* the terminal cannot show UTF-8 */
	bool mouse;                 /* clicks and the wheel are on */
	int rows, cols;
	struct layout *home, *help;
	struct layout **browse;     /* per page, made on first use */
	struct layout **walk;       /* per walk-through step, made on first use */
	size_t *order;              /* page indexes in reading order (search goes this way) */
	struct view *stack;         /* stack[depth - 1] is on screen */
	size_t depth, cap;
	struct view_search search;
	struct view_prompt prompt;
	struct marks *marks;        /* the person's tip sheet */
	const char *notice;         /* said on the home screen this run (a state file moved aside), or NULL */
	struct layout *sheet;       /* its preview, made again after every change */
	enum tips_format save_format;  /* chosen in the save questions */
	char save_name[VIEW_INPUT_MAX + 1];  /* the file name as typed, while they are open */
	enum view_work work;
	char message[256];          /* said on the status line until the next key */
};

/* What the input loop must do after a key: VIEWER_WORK is draw, call viewer_work(), go on. */
enum viewer_result { VIEWER_GO_ON, VIEWER_QUIT, VIEWER_SUSPEND, VIEWER_WORK };

extern const struct view_ops view_home_ops, view_page_ops, view_step_ops, view_help_ops,
	view_sheet_ops;

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

/* Whether the terminal is below the minimum size. */
bool viewer_too_small(const struct viewer *V);

/* The screen on top of the history. */
struct view *view_current(struct viewer *V);

/* Open a new screen on top of the history, at the top of its layout; return it. */
struct view *view_push(struct viewer *V, const struct view_ops *ops, size_t page);

/* Go back one screen; false when already on the first. */
bool view_pop(struct viewer *V);

/* v's layout wrapped to the current width. */
struct layout *view_layout(struct viewer *V, const struct view *v);

/* Rows of v's text area. */
int view_height(const struct viewer *V, const struct view *v);

/* The line at the top of v's text, kept within the layout. */
size_t view_top(struct viewer *V, const struct view *v);

/* Whether v shows the last line of its layout. */
bool view_at_end(struct viewer *V, const struct view *v);

/* Scroll v so that `line` shows, with the start of its block when that fits. */
void view_show_line(struct viewer *V, struct view *v, size_t line);

/* Scroll v down a screen. */
void view_page_down(struct viewer *V, struct view *v);

/* Say something on the status line until the next key (printf format). */
void view_say(struct viewer *V, const char *fmt, ...)
#if defined(__GNUC__)
	__attribute__((format(printf, 2, 3)))
#endif
	;

/* The name of the first key of `act` ("Enter"), for hints. */
const char *view_key_name(enum action act);

/* The browse layout of page index i, made on first use. */
struct layout *view_browse_layout(struct viewer *V, size_t i);

/* Open the page with index i as a new screen, showing `item` (or its top when NULL). */
void view_open_page(struct viewer *V, size_t i, const struct guide_item *item);

/* "Home > TITLE" for a page screen, into buf. */
void view_crumb_page(struct viewer *V, const char *first, size_t page, char *buf, size_t size);

/* Open the search prompt. */
void view_search_start(struct viewer *V);

/* A key typed while the prompt is open. */
enum viewer_result view_search_key(struct viewer *V, int key);

/* Go to the next (dir 1) or previous (dir -1) match. */
void view_search_step(struct viewer *V, int dir);

/* Draw the prompt on the bottom line. */
void view_search_draw(struct viewer *V);

/* Forget the search (its hits point into layouts being freed). */
void view_search_free(struct viewer *V);

/* Edit a typed line buf[0..*len) (at most max bytes) with key; return PROMPT_RUN, PROMPT_CANCEL or PROMPT_QUIT for the caller to act on, else PROMPT_NONE. */
enum prompt_action view_input_key(const struct viewer *V, char *buf, size_t *len, size_t max,
				  int key);

/* Draw a typed line on the bottom line: label, the end of buf[0..len) that fits, the cursor after it, hint on the right. */
void view_input_draw(struct viewer *V, const char *label, const char *buf, size_t len,
		     const char *hint);

/* Ask for a line on the bottom line, starting with `initial`; done(V, '\n') gets it in V->prompt.input. */
void view_prompt_line(struct viewer *V, const char *question, const char *initial,
		      void (*done)(struct viewer *V, int answer));

/* Ask a question answered by one of the keys in `answers`; done(V, key) gets the key. */
void view_prompt_keys(struct viewer *V, const char *question, const char *answers,
		      void (*done)(struct viewer *V, int answer));

/* A key pressed while a question is open. */
enum viewer_result view_prompt_key(struct viewer *V, int key);

/* Draw the open question on the bottom line. */
void view_prompt_draw(struct viewer *V);

/* Put check boxes, ticked as marked, before the tips and causes of page layout L, and make them choosable. */
void view_marks_apply(struct viewer *V, struct layout *L);

/* Mark or unmark what is chosen on screen, saying what happened. */
void view_mark(struct viewer *V);

/* Open the tip sheet screen; from the end of the walk-through, Back then goes home. */
void view_sheet_open(struct viewer *V, bool from_walk);

/* Print, save or clear the sheet (ACT_PRINT, ACT_SAVE, ACT_CLEAR) when it is on screen. */
enum viewer_result view_sheet_action(struct viewer *V, enum action act);

#endif
