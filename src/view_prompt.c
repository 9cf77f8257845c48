/* view_prompt.c - the bottom line as a place to type or to answer: the
 * line editor the search and the file name share, and questions answered
 * with one key ("Replace it? y/n"). */
#include "view.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "text.h"
#include "ui.h"
#include "util.h"

/* A key that types a character: printable, and ASCII on an ASCII terminal
 * (the text searched is ASCII there too). */
static bool typable(const struct viewer *V, int key)
{
	if (key < 0x20 || key >= KEYS_FN(0) || key > 0x10FFFF || (key >= 0xD800 && key <= 0xDFFF))
		return false;
	if (V->ascii && key >= 0x7F)
		return false;
	return !text_is_control(key);
}

enum prompt_action view_input_key(const struct viewer *V, char *buf, size_t *len, size_t max,
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

void view_input_draw(struct viewer *V, const char *label, const char *buf, size_t len,
		     const char *hint)
{
	int row = V->rows - 1, col, room;
	size_t skip = 0;

	ui_fill(row, 0, V->cols, UI_PROMPT);
	col = ui_put(row, 0, V->cols, UI_HEADING, label, strlen(label));
	room = V->cols - col - 1;
	/* The end of a long line shows, where the typing is. */
	while (skip < len && (int)text_width(buf + skip, len - skip) > room)
		skip += text_decode(buf + skip, len - skip, NULL);
	col += ui_put(row, col, room, UI_PROMPT, buf + skip, len - skip);
	ui_cursor(row, col);
	if (hint && col + 2 + (int)strlen(hint) < V->cols)
		ui_put(row, V->cols - 1 - (int)strlen(hint), (int)strlen(hint), UI_NOTE, hint,
		       strlen(hint));
}

/* The question, sanitized (it may hold a file name from the environment). */
static void ask(struct viewer *V, const char *question, void (*done)(struct viewer *V, int answer))
{
	struct view_prompt *P = &V->prompt;
	size_t len;
	char *q = text_sanitize(question, strlen(question), &len);

	snprintf(P->question, sizeof P->question, "%s", q);
	free(q);
	P->open = true;
	P->done = done;
}

void view_prompt_line(struct viewer *V, const char *question, const char *initial,
		      void (*done)(struct viewer *V, int answer))
{
	struct view_prompt *P = &V->prompt;
	size_t len;
	char *s = text_sanitize(initial, strlen(initial), &len);

	ask(V, question, done);
	P->line = true;
	P->answers = NULL;
	P->ilen = len < VIEW_INPUT_MAX ? len : 0;
	memcpy(P->input, s, P->ilen);
	P->input[P->ilen] = '\0';
	free(s);
}

void view_prompt_keys(struct viewer *V, const char *question, const char *answers,
		      void (*done)(struct viewer *V, int answer))
{
	struct view_prompt *P = &V->prompt;

	ask(V, question, done);
	P->line = false;
	P->answers = answers;
	P->ilen = 0;
	P->input[0] = '\0';
}

/* "Press y or n, or Esc to cancel", from the answers of the question. */
static void say_answers(struct viewer *V)
{
	const char *a = V->prompt.answers;
	char keys[64];
	size_t i, n = strlen(a), o = 0;

	for (i = 0; i < n && o + 8 < sizeof keys; i++)
		o += (size_t)snprintf(keys + o, sizeof keys - o, "%s%c",
				      i == 0 ? "" : i + 1 == n ? " or " : ", ", a[i]);
	view_say(V, "Press %s, or Esc to cancel", keys);
}

enum viewer_result view_prompt_key(struct viewer *V, int key)
{
	struct view_prompt *P = &V->prompt;
	void (*done)(struct viewer *V, int answer) = P->done;
	enum prompt_action act;

	if (P->line) {
		act = view_input_key(V, P->input, &P->ilen, VIEW_INPUT_MAX, key);
	} else {
		act = keys_prompt_action(key);
		if (act == PROMPT_NONE && key > 0 && key < 0x80) {
			char c = (char)(key >= 'A' && key <= 'Z' ? key - 'A' + 'a' : key);

			if (strchr(P->answers, c)) {
				P->open = false;
				done(V, c);
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
		P->open = false;
		done(V, '\n');
		break;
	case PROMPT_CANCEL:
		P->open = false;
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

void view_prompt_draw(struct viewer *V)
{
	const struct view_prompt *P = &V->prompt;
	char label[sizeof P->question + 2];

	snprintf(label, sizeof label, "%s ", P->question);
	if (P->line) {
		view_input_draw(V, label, P->input, P->ilen, "Enter: OK  Esc: cancel");
		return;
	}
	/* A one-key question: the answers are in the question itself.  After
	 * a stray key, what to press takes its place for a moment. */
	if (V->message[0]) {
		view_input_draw(V, V->message, "", 0, NULL);
		return;
	}
	/* Too long for the line: its end, where the answers are, matters most. */
	cut_front(V, label, sizeof label, (size_t)(V->cols > 2 ? V->cols - 2 : 1));
	view_input_draw(V, label, "", 0, "Esc: cancel");
}
