/* layout.c - blocks of sanitized text, wrapped into display lines. */
#include "layout.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "util.h"

static const char *const glyphs[GLYPH_COUNT][2] = {
	[GLYPH_BULLET] = { "\xE2\x80\xA2", "*" },
	[GLYPH_ARROW] = { "\xE2\x86\x92", "->" },
	[GLYPH_CRUMB] = { "\xE2\x80\xBA", ">" },
	[GLYPH_ELLIPSIS] = { "\xE2\x80\xA6", "..." },
	[GLYPH_LQUOTE] = { "\xE2\x80\x9C", "\"" },
	[GLYPH_RQUOTE] = { "\xE2\x80\x9D", "\"" },
	[GLYPH_DASH] = { "\xE2\x80\x94", "-" },
	[GLYPH_CHECK] = { "\xE2\x9C\x93", "x" },
};

const char *layout_glyph(enum layout_glyph g, bool ascii)
{
	return g < GLYPH_COUNT ? glyphs[g][ascii] : "?";
}

struct layout *layout_new(bool ascii)
{
	struct layout *L = xcalloc(1, sizeof *L);

	L->ascii = ascii;
	return L;
}

void layout_free(struct layout *L)
{
	size_t i;

	if (!L)
		return;
	for (i = 0; i < L->nblocks; i++) {
		free(L->blocks[i].text);
		free(L->blocks[i].label);
		free(L->blocks[i].note);
	}
	free(L->blocks);
	free(L->lines);
	free(L);
}

/* The one place content text enters a layout: sanitized, then made ASCII
 * when the terminal needs it. */
static char *clean(const struct layout *L, const char *s, size_t *len)
{
	return text_clean(s, strlen(s), L->ascii, len);
}

struct layout_block *layout_add(struct layout *L, enum layout_kind kind, const char *text,
				size_t indent)
{
	struct layout_block *b;

	ALLOC_GROW(L->blocks, L->nblocks + 1, L->bcap);
	b = &L->blocks[L->nblocks++];
	memset(b, 0, sizeof *b);
	b->kind = kind;
	b->text = clean(L, text, &b->len);
	b->indent = indent;
	L->width = 0;
	return b;
}

void layout_set_label(struct layout *L, struct layout_block *b, const char *label, size_t col)
{
	free(b->label);
	b->label = clean(L, label, NULL);
	b->label_col = col;
	L->width = 0;
}

void layout_set_note(struct layout *L, struct layout_block *b, const char *note)
{
	free(b->note);
	b->note = clean(L, note, &b->note_len);
	L->width = 0;
}

void layout_set_check(struct layout *L, struct layout_block *b, bool on)
{
	char *label = xasprintf("[%s] ", on ? layout_glyph(GLYPH_CHECK, L->ascii) : " ");

	layout_set_label(L, b, label, b->label_col);
	/* "[ ]" and "[x]" are as wide, so the text stays put when it flips. */
	b->indent = b->label_col + text_width(label, strlen(label));
	free(label);
}

/* Add a blank line after the last block. */
static void gap(struct layout *L)
{
	if (L->nblocks)
		L->blocks[L->nblocks - 1].gap = 1;
}

/* A bulleted or arrowed block: the label sits right before the text. */
static struct layout_block *add_marked(struct layout *L, enum layout_kind kind, const char *text,
				       size_t col, enum layout_glyph g)
{
	char *label = xasprintf("%s ", layout_glyph(g, L->ascii));
	size_t w = text_width(label, strlen(label));
	struct layout_block *b = layout_add(L, kind, text, col + w);

	layout_set_label(L, b, label, col);
	free(label);
	return b;
}

static void add_item_links(struct layout *L, const struct guide_item *it)
{
	size_t k;

	for (k = 0; k < it->nlinks; k++) {
		const struct guide_link *l = &it->links[k];
		const struct guide_item *to = l->item;
		char *s = to ? xasprintf("%s: %s", l->page->title, to->tip ? to->tip : to->text)
			     : xstrdup(l->page->title);
		struct layout_block *b = add_marked(L, LAYOUT_ITEM_LINK, s, 4, GLYPH_ARROW);

		b->selectable = true;
		b->page = l->page;
		b->item = to;
		free(s);
	}
}

/* The sections a page's text comes from, each once, in order of first use. */
static void add_sources(struct layout *L, const struct guide_page *p)
{
	const struct guide_source_section **seen = NULL;
	size_t nseen = 0, cap = 0, i, r, k;
	bool own = false;

	for (i = 0; i < p->nparas + p->nitems; i++) {
		own |= i < p->nparas ? p->paras[i].editorial : p->items[i - p->nparas].editorial;
		const struct guide_ref *refs = i < p->nparas ? p->paras[i].refs
							     : p->items[i - p->nparas].refs;
		size_t nrefs = i < p->nparas ? p->paras[i].nrefs : p->items[i - p->nparas].nrefs;

		for (r = 0; r < nrefs; r++) {
			const struct guide_ref *ref = &refs[r];
			char *s;

			if (!ref->source || !ref->section)
				continue;
			for (k = 0; k < nseen && seen[k] != ref->section; k++)
				;
			if (k < nseen)
				continue;
			ALLOC_GROW(seen, nseen + 1, cap);
			seen[nseen++] = ref->section;
			if (nseen == 1) {
				gap(L);
				layout_add(L, LAYOUT_HEADING, "Sources", 0);
			}
			s = guide_ref_name(ref, layout_glyph(GLYPH_LQUOTE, L->ascii),
					   layout_glyph(GLYPH_RQUOTE, L->ascii));
			layout_add(L, LAYOUT_NOTE, s, 2);
			free(s);
		}
	}
	free(seen);
	/* Text in the guide's own words cites nothing, and says so. */
	if (own) {
		if (!nseen) {
			gap(L);
			layout_add(L, LAYOUT_HEADING, "Sources", 0);
		}
		layout_add(L, LAYOUT_NOTE, nseen ? "Text with no source is the guide's own."
						 : "None: this page is in the guide's own words.", 2);
	}
	if (p->reviewed.text) {
		char *s = xasprintf("Last reviewed: %s", p->reviewed.text);

		gap(L);
		layout_add(L, LAYOUT_NOTE, s, 0);
		free(s);
	}
}

const char *layout_search_text(const struct guide_page *p, size_t k)
{
	/* The same blocks layout_page() marks searchable, so that a search
	 * can run over the guide without laying out every page. */
	if (k == 0)
		return p->title;
	k--;
	if (k < p->nparas)
		return p->paras[k].text;
	k -= p->nparas;
	if (!p->nitems)
		return NULL;
	if (p->list_title) {
		if (k == 0)
			return p->list_title;
		k--;
	}
	return k < p->nitems ? p->items[k].text : NULL;
}

struct layout *layout_page(const struct guide_page *p, enum layout_mode mode, bool ascii)
{
	struct layout *L = layout_new(ascii);
	struct layout_block *b;
	size_t i;

	b = layout_add(L, LAYOUT_TITLE, p->title, 0);
	b->searchable = true;
	b->page = p;
	gap(L);
	for (i = 0; i < p->nparas; i++) {
		b = layout_add(L, LAYOUT_PARA, p->paras[i].text, 0);
		b->searchable = true;
		b->page = p;
		gap(L);
	}
	if (p->nitems) {
		if (p->list_title) {
			b = layout_add(L, LAYOUT_HEADING, p->list_title, 0);
			b->searchable = true;
			b->page = p;
		}
		for (i = 0; i < p->nitems; i++) {
			b = add_marked(L, LAYOUT_ITEM, p->items[i].text, 0, GLYPH_BULLET);
			b->selectable = mode == LAYOUT_BROWSE;
			b->searchable = true;
			b->page = p;
			b->item = &p->items[i];
			if (mode == LAYOUT_BROWSE)
				add_item_links(L, &p->items[i]);
		}
		gap(L);
	}
	if (mode == LAYOUT_BROWSE && p->nlinks) {
		layout_add(L, LAYOUT_HEADING, "See also", 0);
		for (i = 0; i < p->nlinks; i++) {
			b = add_marked(L, LAYOUT_LINK, p->links[i].page->title, 0, GLYPH_ARROW);
			b->selectable = true;
			b->page = p->links[i].page;
		}
		gap(L);
	}
	add_sources(L, p);
	/* No blank line at the very end: it would only waste a row. */
	if (L->nblocks)
		L->blocks[L->nblocks - 1].gap = 0;
	return L;
}

static void emit(struct layout *L, size_t block, size_t off, size_t len, size_t indent, bool note,
		 bool label, bool blank)
{
	struct layout_line *ln;

	ALLOC_GROW(L->lines, L->nlines + 1, L->lcap);
	ln = &L->lines[L->nlines++];
	ln->block = block;
	ln->off = off;
	ln->len = len;
	ln->indent = indent;
	ln->note = note;
	ln->label = label;
	ln->blank = blank;
}

/* Indentation shrinks on narrow screens so that some text always fits. */
static size_t fit_indent(size_t indent, size_t width)
{
	const size_t min_text = 12;

	if (indent + min_text > width)
		return width > min_text ? width - min_text : 0;
	return indent;
}

/* Wrap s[0..n) into lines of block i; return how many were emitted. */
static size_t emit_wrapped(struct layout *L, size_t i, const char *s, size_t n, size_t indent,
			   bool note, bool label)
{
	struct text_line *tl = NULL;
	size_t count = text_wrap(s, n, L->width - indent, &tl), j;

	for (j = 0; j < count; j++)
		emit(L, i, tl[j].off, tl[j].len, indent, note, label && j == 0, false);
	free(tl);
	return count;
}

void layout_wrap(struct layout *L, size_t width)
{
	size_t i, j;

	if (width < 2)
		width = 2;
	if (L->width == width)
		return;
	L->width = width;
	L->nlines = 0;
	for (i = 0; i < L->nblocks; i++) {
		struct layout_block *b = &L->blocks[i];
		size_t ind = fit_indent(b->indent, width);
		bool own_line = false;

		b->first = L->nlines;
		if (b->label) {
			size_t llen = strlen(b->label), lw = text_width(b->label, llen);

			/* A label that does not fit before the text (with a space
			 * after it) gets a line of its own; so does a wide label
			 * column, the help's keys, that would squeeze the text
			 * on a narrow screen. */
			if (b->indent > 8 && width < b->indent + 30) {
				ind = fit_indent(4, width);
				own_line = true;
			}
			if (b->label_col + lw + (llen && b->label[llen - 1] != ' ') > ind)
				own_line = true;
			if (own_line)
				emit(L, i, 0, 0, ind, false, true, false);
		}
		if (!emit_wrapped(L, i, b->text, b->len, ind, false, b->label && !own_line))
			emit(L, i, 0, 0, ind, false, b->label && !own_line, false);
		if (b->note)
			emit_wrapped(L, i, b->note, b->note_len, fit_indent(ind + 2, width), true,
				     false);
		for (j = 0; j < b->gap; j++)
			emit(L, i, 0, 0, 0, false, false, true);
		b->nlines = L->nlines - b->first;
	}
}

struct layout_anchor layout_anchor(const struct layout *L, size_t line)
{
	struct layout_anchor a = { LAYOUT_NONE, 0, 0 };
	const struct layout_block *b;

	if (!L->nlines)
		return a;
	if (line >= L->nlines)
		line = L->nlines - 1;
	a.block = L->lines[line].block;
	b = &L->blocks[a.block];
	a.off = line - b->first;
	a.n = b->nlines;
	return a;
}

size_t layout_anchor_line(const struct layout *L, struct layout_anchor a)
{
	const struct layout_block *b;
	size_t off;

	if (a.block >= L->nblocks || !L->nlines)
		return 0;
	b = &L->blocks[a.block];
	/* The same fraction of the block: the paragraph that was at the top
	 * stays there, and the line within it moves in proportion. */
	off = a.n ? a.off * b->nlines / a.n : 0;
	if (off >= b->nlines)
		off = b->nlines - 1;
	return b->first + off;
}

size_t layout_line_of(const struct layout *L, size_t block, size_t off)
{
	const struct layout_block *b;
	size_t line, best;

	if (block >= L->nblocks || !L->nlines)
		return 0;
	b = &L->blocks[block];
	best = b->first;
	for (line = b->first; line < b->first + b->nlines; line++) {
		const struct layout_line *ln = &L->lines[line];

		if (!ln->note && !ln->blank && ln->len && ln->off <= off)
			best = line;
	}
	return best;
}

size_t layout_text_lines(const struct layout *L, size_t block)
{
	const struct layout_block *b;

	if (block >= L->nblocks)
		return 0;
	b = &L->blocks[block];
	return b->nlines - b->gap;
}
