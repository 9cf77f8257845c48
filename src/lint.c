/* lint.c - text problems pinned to the line and column where they were written. */
#include "lint.h"

#include <string.h>

#include "text.h"

struct ctx {
	const struct ydoc *doc;
	const struct ynode *node;
	const char *key;
	struct diag *d;
	size_t count;
};

/* The value libyaml gives has escapes decoded and lines folded, so its
 * offsets are not the file's.  Find the same bytes in the node's source
 * text, counting earlier occurrences so repeats map one to one; when they
 * are not there, the text was written as an escape and the best position
 * is the start of the string. */
static int locate(const struct ctx *c, const char *needle, size_t nlen, size_t off,
		  unsigned *line, unsigned *col)
{
	const char *v = c->node->str;
	size_t before = 0, i, start, end;

	for (i = 0; i + nlen <= off; i++)
		before += memcmp(v + i, needle, nlen) == 0;
	start = ydoc_offset(c->doc, c->node->line, c->node->col);
	end = ydoc_offset(c->doc, c->node->end_line, c->node->end_col);
	for (i = start; i + nlen <= end && i + nlen <= c->doc->len; i++) {
		if (memcmp(c->doc->buf + i, needle, nlen) == 0 && before-- == 0) {
			ydoc_position(c->doc, i, line, col);
			return 1;
		}
	}
	*line = c->node->line;
	*col = c->node->col;
	return 0;
}

static void report(const struct text_problem *p, void *arg)
{
	struct ctx *c = arg;
	const char *v = c->node->str;
	unsigned line, col;
	int found;

	c->count++;
	switch (p->kind) {
	case TEXT_PROBLEM_INVALID_UTF8:
		found = locate(c, v + p->off, p->len, p->off, &line, &col);
		diag_at(c->d, c->doc->path, line, col, "invalid UTF-8 in '%s'%s; save the file as UTF-8 text",
			c->key, found ? "" : " (written as an escape)");
		break;
	case TEXT_PROBLEM_CONTROL:
	case TEXT_PROBLEM_BIDI:
		found = locate(c, v + p->off, p->len, p->off, &line, &col);
		diag_at(c->d, c->doc->path, line, col, "%s U+%04X in '%s'%s; delete it",
			p->kind == TEXT_PROBLEM_BIDI ? "bidirectional control" : "control character",
			(unsigned)p->cp, c->key, found ? "" : " (written as an escape)");
		break;
	case TEXT_PROBLEM_MIXED_SCRIPT: {
		const char *script = text_script_name(p->cp);

		found = locate(c, v + p->off, p->len, p->off, &line, &col);
		diag_at(c->d, c->doc->path, line, col,
			"the word '%.*s' in '%s' mixes Latin and %s letters (U+%04X looks like a Latin letter but is not); retype it",
			(int)p->len, v + p->off, c->key, script ? script : "other", (unsigned)p->cp);
		break;
	}
	}
}

size_t lint_scalar(const struct ydoc *doc, const struct ynode *node, const char *key, struct diag *d)
{
	struct ctx c = { doc, node, key, d, 0 };

	text_lint(node->str, node->len, report, &c);
	return c.count;
}
