/* view_prompt.c - the bottom line as a place to type or to answer: one
 * overlay for the search line, the file name and questions answered with
 * one key ("Replace it? y/n"). */
#include "screens.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "tty.h"
#include "util.h"

/* The open question. */
struct prompt {
	bool line;                  /* a line to type, ended by Enter */
	char question[256];         /* sanitized */
	char answers[32];           /* a one-key question: the keys that answer */
	char input[VIEW_INPUT_MAX + 1];
	size_t ilen, max;
	char hint[64];
	bool quiet;
	void (*done)(struct viewer *V, int answer, const char *text, size_t len);
};

static const struct view_overlay prompt_overlay;

static struct prompt *prompt(struct viewer *V)
{
	return viewer_state(V, &prompt_overlay, sizeof(struct prompt), NULL);
}

/* A key that types a character: printable, and ASCII on an ASCII terminal
 * (the text searched is ASCII there too). */
static bool typable(const struct viewer *V, int key)
{
	if (key < 0x20 || key >= KEYS_FIRST_NAMED || key > 0x10FFFF || (key >= 0xD800 && key <= 0xDFFF))
		return false;
	if (V->ascii && key >= 0x7F)
		return false;
	return !text_is_control(key);
}

/* Edit the typed line buf[0..*len) (at most max bytes) with key; return what the caller must act on (PROMPT_RUN, PROMPT_CANCEL, ...), else PROMPT_NONE. */
static enum prompt_action input_key(const struct viewer *V, char *buf, size_t *len, size_t max,
				    int key)
{
	enum prompt_action act = keys_prompt_action(key);

	switch (act) {
	case PROMPT_ERASE:
		/* Back over continuation bytes to the start of the last character. */
		while (*len > 0 && ((unsigned char)buf[--*len] & 0xC0) == 0x80)
			;
		buf[*len] = '\0';
		return PROMPT_NONE;
	case PROMPT_CLEAR:
		*len = 0;
		buf[0] = '\0';
		return PROMPT_NONE;
	case PROMPT_NONE:
	case PROMPT_COUNT:
		if (typable(V, key)) {
			char mb[MB_LEN_MAX];
			mbstate_t ps;
			size_t n;

			/* The terminal's own encoding: UTF-8, or ASCII (typable()
			 * lets nothing else through then), like the layouts. */
			memset(&ps, 0, sizeof ps);
			n = wcrtomb(mb, (wchar_t)key, &ps);
			if (n != (size_t)-1 && *len + n <= max) {
				memcpy(buf + *len, mb, n);
				*len += n;
				buf[*len] = '\0';
			}
		}
		return PROMPT_NONE;
	default:
		return act;
	}
}

/* The bottom line: label, the end of buf[0..len) that fits, the cursor after it, hint on the right. */
static void input_draw(struct viewer *V, const char *label, const char *buf, size_t len,
		       const char *hint)
{
	int row = V->rows - 1, col, room;
	size_t skip = 0;

	tty_fill(row, 0, V->cols, TTY_PROMPT);
	col = tty_put(row, 0, V->cols, TTY_HEADING, label, strlen(label));
	room = V->cols - col - 1;
	/* The end of a long line shows, where the typing is. */
	while (skip < len && (int)text_width(buf + skip, len - skip) > room)
		skip += text_decode(buf + skip, len - skip, NULL);
	col += tty_put(row, col, room, TTY_PROMPT, buf + skip, len - skip);
	tty_cursor(row, col);
	if (hint && col + 2 + (int)strlen(hint) < V->cols)
		tty_put(row, V->cols - 1 - (int)strlen(hint), (int)strlen(hint), TTY_NOTE, hint,
		       strlen(hint));
}

void view_ask(struct viewer *V, const struct view_ask *ask)
{
	struct prompt *P = prompt(V);
	size_t len;
	/* Sanitized: it may hold a file name from the environment. */
	char *q = text_sanitize(ask->question, strlen(ask->question), &len);

	snprintf(P->question, sizeof P->question, "%s", q);
	free(q);
	P->line = !ask->answers;
	snprintf(P->answers, sizeof P->answers, "%s", ask->answers ? ask->answers : "");
	P->max = ask->max && ask->max < VIEW_INPUT_MAX ? ask->max : VIEW_INPUT_MAX;
	P->ilen = 0;
	if (P->line && ask->initial) {
		char *s = text_sanitize(ask->initial, strlen(ask->initial), &len);

		P->ilen = len <= P->max ? len : 0;
		memcpy(P->input, s, P->ilen);
		free(s);
	}
	P->input[P->ilen] = '\0';
	snprintf(P->hint, sizeof P->hint, "%s",
		 ask->hint ? ask->hint : P->line ? "Enter: OK  Esc: cancel" : "Esc: cancel");
	P->quiet = ask->quiet;
	P->done = ask->done;
	V->overlay = &prompt_overlay;
}

/* "Press y or n, or Esc to cancel", from the answers of the question. */
static void say_answers(struct viewer *V)
{
	const char *a = prompt(V)->answers;
	char keys[64];
	size_t i, n = strlen(a), o = 0;

	for (i = 0; i < n && o + 8 < sizeof keys; i++)
		o += (size_t)snprintf(keys + o, sizeof keys - o, "%s%c",
				      i == 0 ? "" : i + 1 == n ? " or " : ", ", a[i]);
	view_say(V, "Press %s, or Esc to cancel", keys);
}

/* Close the question, then answer it: done() may ask the next one. */
static void answer(struct viewer *V, int key)
{
	struct prompt *P = prompt(V);

	V->overlay = NULL;
	P->done(V, key, P->input, P->ilen);
}

static enum viewer_result prompt_key(struct viewer *V, int key)
{
	struct prompt *P = prompt(V);
	enum prompt_action act;

	if (P->line) {
		act = input_key(V, P->input, &P->ilen, P->max, key);
	} else {
		act = keys_prompt_action(key);
		if (act == PROMPT_NONE && key > 0 && key < 0x80) {
			char c = (char)(key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key);

			if (strchr(P->answers, c)) {
				answer(V, c);
				return VIEWER_GO_ON;
			}
		}
		if (act != PROMPT_CANCEL && act != PROMPT_SUSPEND && act != PROMPT_QUIT) {
			/* A stray key must not pass for an answer, but the
			 * person should know why nothing happened. */
			say_answers(V);
			return VIEWER_GO_ON;
		}
	}
	switch (act) {
	case PROMPT_RUN:
		answer(V, '\n');
		break;
	case PROMPT_CANCEL:
		V->overlay = NULL;
		if (!P->quiet)
			view_say(V, "Cancelled");
		break;
	case PROMPT_SUSPEND:
		/* The question stays open, with what was typed, for after fg. */
		return VIEWER_SUSPEND;
	case PROMPT_QUIT:
		return VIEWER_QUIT;
	default:
		break;
	}
	return VIEWER_GO_ON;
}

/* Cut s (a buffer of `size` bytes) to its last `width` columns, an ellipsis first. */
static void cut_front(struct viewer *V, char *s, size_t size, size_t width)
{
	const char *dots = layout_glyph(GLYPH_ELLIPSIS, V->ascii);
	size_t n = strlen(s), dw = text_width(dots, strlen(dots)), skip = 0;
	char *tail;

	if (text_width(s, n) <= width || width <= dw)
		return;
	while (skip < n && text_width(s + skip, n - skip) + dw > width)
		skip += text_decode(s + skip, n - skip, NULL);
	tail = xasprintf("%s%s", dots, s + skip);
	snprintf(s, size, "%s", tail);
	free(tail);
}

static void prompt_draw(struct viewer *V)
{
	const struct prompt *P = prompt(V);
	char label[sizeof P->question + 2];

	snprintf(label, sizeof label, "%s ", P->question);
	if (P->line) {
		input_draw(V, label, P->input, P->ilen, P->hint);
		return;
	}
	/* A one-key question: the answers are in the question itself.  After
	 * a stray key, what to press takes its place for a moment. */
	if (V->message[0]) {
		input_draw(V, V->message, "", 0, NULL);
		return;
	}
	/* Too long for the line: its end, where the answers are, matters most. */
	cut_front(V, label, sizeof label, (size_t)(V->cols > 2 ? V->cols - 2 : 1));
	input_draw(V, label, "", 0, P->hint);
}

static const struct view_overlay prompt_overlay = {
	.key = prompt_key,
	.draw = prompt_draw,
};
