/* layout.h - a screen's text as display lines for a given width.
 *
 * Pure: no curses and no globals, so it can be tested on its own.  A layout
 * is a list of blocks (the title, a paragraph, an item, a link, a menu
 * entry, a line of help) built once per screen, when every text is
 * sanitized (and made ASCII for a non-UTF-8 terminal); layout_wrap() turns
 * the blocks into lines for a width and is the only work a resize redoes.
 * Each line knows its block, so a screen can keep the same block at the top
 * across widths and tell which lines can be chosen. */
#ifndef CRAMPGUIDE_LAYOUT_H
#define CRAMPGUIDE_LAYOUT_H

#include <stdbool.h>
#include <stddef.h>

#include "guide.h"

/* "No block" for selections and lookups. */
#define LAYOUT_NONE ((size_t)-1)

/* What a block is; the screen draws each kind in its own style. */
enum layout_kind {
	LAYOUT_TITLE,     /* the page's or the screen's title */
	LAYOUT_PARA,      /* a paragraph */
	LAYOUT_HEADING,   /* a list title, "See also", "Sources", a help section */
	LAYOUT_ITEM,      /* an item of the page's list */
	LAYOUT_ITEM_LINK, /* a link under an item, to a page or one of its items */
	LAYOUT_LINK,      /* a link to a related page */
	LAYOUT_ENTRY,     /* a menu entry, with its summary as the note */
	LAYOUT_KEY,       /* a line of help: the keys as label, what they do as text */
	LAYOUT_CODE,      /* a command to type */
	LAYOUT_NOTE,      /* secondary text: a source */
};

/* Characters with an ASCII stand-in for terminals that cannot show UTF-8. */
enum layout_glyph {
	GLYPH_BULLET,   /* before an item */
	GLYPH_ARROW,    /* before a link */
	GLYPH_CRUMB,    /* between the parts of "Home > Prevention" */
	GLYPH_ELLIPSIS, /* where text was cut */
	GLYPH_LQUOTE,
	GLYPH_RQUOTE,
	GLYPH_DASH,
	GLYPH_CHECK,    /* in the box of a marked tip */
	GLYPH_COUNT
};

/* The glyph `g`, as UTF-8 or as its ASCII stand-in. */
const char *layout_glyph(enum layout_glyph g, bool ascii);

/* One block: its texts (owned, sanitized) and what it leads to. */
struct layout_block {
	enum layout_kind kind;
	char *text;
	size_t len;
	char *label;         /* drawn on its first line at label_col: a bullet, keys; or NULL */
	size_t label_col;
	char *note;          /* text under it, indented a little more (an entry's summary); or NULL */
	size_t note_len;
	size_t indent;       /* columns before the text */
	size_t gap;          /* blank lines after it */
	bool selectable;     /* it can be chosen and opened */
	bool searchable;     /* search looks at its text */
	const struct guide_page *page;  /* the page it leads to (links, entries) or belongs to */
	const struct guide_item *item;  /* the item it is or leads to, or NULL */
	int tag;             /* what it does, for the screen that built it */
	size_t first;        /* its first line at the current width */
	size_t nlines;       /* its lines at the current width, gap included */
};

/* One display line: len bytes at off of its block's text (or note). */
struct layout_line {
	size_t block;
	size_t off, len;
	size_t indent;       /* columns before the text on this line */
	bool note;           /* from the note, not the text */
	bool label;          /* the block's label goes on this line */
	bool blank;          /* a gap line, part of no text */
};

/* A screen's blocks and, once wrapped, its lines. */
struct layout {
	bool ascii;
	struct layout_block *blocks;
	size_t nblocks, bcap;
	struct layout_line *lines;
	size_t nlines, lcap;
	size_t width;        /* the width of the lines; 0 before the first wrap */
};

/* A reading position that survives rewrapping: the off-th of the n lines of a block. */
struct layout_anchor {
	size_t block;
	size_t off, n;
};

/* Page layouts: the walk-through leaves out links (Enter moves on instead). */
enum layout_mode { LAYOUT_BROWSE, LAYOUT_WALK };

/* A new, empty layout; texts added later are made ASCII when `ascii`. */
struct layout *layout_new(bool ascii);

/* Free a layout (NULL is fine). */
void layout_free(struct layout *L);

/* Add a block of `kind` with a sanitized copy of text, indented `indent` columns; the pointer is valid until the next layout_add(). */
struct layout_block *layout_add(struct layout *L, enum layout_kind kind, const char *text,
				size_t indent);

/* Give block b a label drawn at column `col` of its first line (sanitized copy). */
void layout_set_label(struct layout *L, struct layout_block *b, const char *label, size_t col);

/* Give block b a check box for its label, ticked when `on`: "[x] " in place of its bullet. */
void layout_set_check(struct layout *L, struct layout_block *b, bool on);

/* Give block b a note drawn under its text (sanitized copy). */
void layout_set_note(struct layout *L, struct layout_block *b, const char *note);

/* The layout of a page: title, paragraphs, list, links (browse mode only) and sources. */
struct layout *layout_page(const struct guide_page *p, enum layout_mode mode, bool ascii);

/* The k-th text of page p that search looks at, in the order of its searchable blocks in layout_page() (title, paragraphs, list title, items), or NULL after the last. */
const char *layout_search_text(const struct guide_page *p, size_t k);

/* Wrap every block to `width` columns (any width; below 2 counts as 2); does nothing when already at that width. */
void layout_wrap(struct layout *L, size_t width);

/* The position of line `line` (clamped to the last line); block LAYOUT_NONE for an empty layout. */
struct layout_anchor layout_anchor(const struct layout *L, size_t line);

/* The line at anchor a in the current wrap: the same block, at the same fraction of its lines. */
size_t layout_anchor_line(const struct layout *L, struct layout_anchor a);

/* The line of block b showing byte `off` of its text. */
size_t layout_line_of(const struct layout *L, size_t block, size_t off);

/* The number of lines of block b that hold text (its lines without the gap after it). */
size_t layout_text_lines(const struct layout *L, size_t block);

#endif
