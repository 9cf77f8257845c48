/* ytree.c - a content file parsed with libyaml's event API into a tree,
 * and checked byte by byte when that fails.  The tree is built from events
 * rather than with yaml_parser_load() so that aliases and deep nesting are
 * refused as they arrive, before they can cost memory, and so that each
 * entry of a visited list is handed over and freed as soon as it is read. */
#include "ytree.h"

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <yaml.h>

#include "fileio.h"
#include "text.h"
#include "util.h"

/* Stop collecting messages for a file once it is clearly not content. */
static int too_many(struct ydoc *doc, struct diag *d)
{
	return diag_count_file(d, doc->path) >= YTREE_MAX_ERRORS;
}

static void push_line(struct ydoc *doc, size_t *cap, size_t off)
{
	if (doc->nlines == *cap) {
		*cap = *cap ? *cap * 2 : 64;
		doc->lines = xreallocarray(doc->lines, *cap, sizeof(*doc->lines));
	}
	doc->lines[doc->nlines++] = (uint32_t)off;
}

/* YAML 1.1's printable set (what libyaml's reader accepts). */
static int yaml_printable(int32_t cp)
{
	return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) ||
	       cp == 0x85 || (cp >= 0xA0 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Whether the eight bytes at s are all printable ASCII (0x20 to 0x7E),
 * tested in one word: a byte below 0x20 borrows into its top bit when 0x20
 * is taken away, and one above 0x7E reaches it when 1 is added. */
static int all_printable(const char *s)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	uint64_t w;

	memcpy(&w, s, 8);
	return !((((w - 0x20 * ones) & ~w) | ((w + ones) | w)) & tops);
}

/* Check every byte.  Reporting these here gives exact positions and plain
 * words; libyaml's reader would only give a byte offset and "invalid
 * UTF-8" at the first one. */
static int prescan(struct ydoc *doc, struct diag *d)
{
	const char *s = doc->buf;
	size_t n = doc->len, i = 0;
	unsigned line = 1, col = 1;
	int ok = 1;

	if (n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'))) {
		diag_at(d, doc->path, 1, 1,
			"the file is in UTF-16; save it as UTF-8 (content files are UTF-8 text)");
		return 0;
	}
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* libyaml skips the byte-order mark without counting a column */
	while (i < n) {
		int32_t cp;
		size_t k;

		/* Most of a content file is printable ASCII and newlines: take
		 * those a run at a time, and decode only the rest. */
		if ((unsigned char)(s[i] - 0x20) < 0x5F) {
			size_t start = i;

			while (n - i >= 8 && all_printable(s + i))
				i += 8;
			while (i < n && (unsigned char)(s[i] - 0x20) < 0x5F)
				i++;
			col += (unsigned)(i - start);
			continue;
		}
		if (s[i] == '\n') {
			i++;
			line++;
			col = 1;
			continue;
		}
		k = text_decode(s + i, n - i, &cp);

		if (cp == TEXT_INVALID) {
			ok = 0;
			diag_at(d, doc->path, line, col,
				"invalid UTF-8 (byte 0x%02X); save the file as UTF-8 text",
				(unsigned char)s[i]);
		} else if (cp == 0) {
			ok = 0;
			diag_at(d, doc->path, line, col,
				"NUL byte; content files are plain text (is this a binary file?)");
		} else if (!yaml_printable(cp) || cp == 0x85) {
			/* NEL is a line break to YAML 1.1, but in a content file it
			 * is almost always a Windows-1252 ellipsis misread as
			 * Latin-1; like every other C1 control it is refused. */
			ok = 0;
			diag_at(d, doc->path, line, col,
				"control character U+%04X is not allowed; delete it", (unsigned)cp);
		}
		if (!ok && too_many(doc, d))
			return 0;
		i += k;
		col++;
		/* Count line breaks exactly as libyaml does, so that our
		 * positions and its marks agree. */
		if (cp == '\r' && i < n && s[i] == '\n') {
			i++;
			cp = '\n';
		}
		if (cp == '\n' || cp == '\r' || cp == 0x85 || cp == 0x2028 || cp == 0x2029) {
			line++;
			col = 1;
		}
	}
	return ok;
}

/* How many bytes at the start of s[0..n) are ASCII other than CR and LF:
 * none of them can start a line break.  Eight bytes are tested at a time
 * (a byte equal to c is found as a zero in w ^ c, whose top bit the
 * subtraction sets), which is most of the work of a file. */
static size_t clear_bytes(const unsigned char *s, size_t n)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	size_t i = 0;

	while (n - i >= 8) {
		uint64_t w, lf, cr, hit;

		memcpy(&w, s + i, 8);
		lf = w ^ ('\n' * ones);
		cr = w ^ ('\r' * ones);
		hit = (((lf - ones) & ~lf) | ((cr - ones) & ~cr) | w) & tops;
		if (hit) {
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
			/* The lowest flag is exact (a false one only follows a
			 * true one), and the first byte is the lowest. */
			return i + (size_t)__builtin_ctzll(hit) / 8;
#else
			break;
#endif
		}
		i += 8;
	}
	while (i < n && s[i] < 0x80 && s[i] != '\n' && s[i] != '\r')
		i++;
	return i;
}

/* The table of line starts, made on first use: only messages need it.
 * Line breaks are counted as libyaml (and prescan()) count them: LF, CR,
 * CR LF, NEL, LS and PS.  Their bytes cannot occur inside another UTF-8
 * character, so they are found without decoding. */
static void make_lines(struct ydoc *doc)
{
	const unsigned char *s = (const unsigned char *)doc->buf;
	size_t n = doc->len, i = 0, cap = 0;

	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3;
	push_line(doc, &cap, i);
	while (i < n) {
		unsigned char b;

		i += clear_bytes(s + i, n - i);
		if (i == n)
			break;
		b = s[i++];

		if (b == '\n') {
			push_line(doc, &cap, i);
		} else if (b == '\r') {
			if (i < n && s[i] == '\n')
				i++;
			push_line(doc, &cap, i);
		} else if (b == 0xC2 && i < n && s[i] == 0x85) {
			push_line(doc, &cap, ++i);
		} else if (b == 0xE2 && n - i >= 2 && s[i] == 0x80 && (s[i + 1] == 0xA8 || s[i + 1] == 0xA9)) {
			i += 2;
			push_line(doc, &cap, i);
		}
	}
}

/* The line table of doc, made now if it was not yet.  The table is a
 * cache inside a document that is never defined const, so filling it in
 * through a const pointer is sound. */
static const struct ydoc *with_lines(const struct ydoc *doc)
{
	if (!doc->lines)
		make_lines((struct ydoc *)doc);
	return doc;
}

void ydoc_position(const struct ydoc *doc, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi, i;
	unsigned c = 1;

	hi = with_lines(doc)->nlines;
	if (!doc->nlines) {
		*line = *col = 1;
		return;
	}
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;

		if (doc->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	for (i = doc->lines[lo]; i < off && i < doc->len;) {
		int32_t cp;

		i += text_decode(doc->buf + i, doc->len - i, &cp);
		c++;
	}
	*line = (unsigned)lo + 1;
	*col = c;
}

size_t ydoc_offset(const struct ydoc *doc, unsigned line, unsigned col)
{
	size_t i;

	if (line == 0 || line > with_lines(doc)->nlines)
		return doc->len;
	i = doc->lines[line - 1];
	while (col > 1 && i < doc->len) {
		int32_t cp;

		i += text_decode(doc->buf + i, doc->len - i, &cp);
		col--;
	}
	return i;
}

/* The children of the collections still open, in one vector: each open
 * collection owns the slice from its `first` to the end. */
struct pending {
	struct ynode **v;
	size_t n, cap;
};

static void pending_push(struct pending *p, struct ynode *node)
{
	if (p->n == p->cap) {
		p->cap = p->cap ? p->cap * 2 : 64;
		p->v = xreallocarray(p->v, p->cap, sizeof(*p->v));
	}
	p->v[p->n++] = node;
}

static struct ynode *new_node(struct ydoc *doc, enum ynode_kind kind, const yaml_event_t *ev)
{
	/* Every field is set here: zeroing a node first would cost as much as
	 * filling it, for the hundreds of thousands of a big guide. */
	struct ynode *node = arena_alloc_raw(&doc->arena, sizeof(*node));

	doc->nnodes++;
	node->kind = kind;
	node->str = NULL;
	node->len = 0;
	node->kids = NULL;
	node->n = 0;
	node->line = (unsigned)ev->start_mark.line + 1;
	node->col = (unsigned)ev->start_mark.column + 1;
	node->end_line = (unsigned)ev->end_mark.line + 1;
	node->end_col = (unsigned)ev->end_mark.column + 1;
	return node;
}

/* Anchors and tags are never needed by content; refusing them keeps the
 * decoder simple and rules out alias bombs. */
static int refuse_extras(struct ydoc *doc, struct diag *d, const yaml_event_t *ev,
			 const yaml_char_t *anchor, const yaml_char_t *tag, int implicit)
{
	unsigned line = (unsigned)ev->start_mark.line + 1, col = (unsigned)ev->start_mark.column + 1;

	if (anchor) {
		diag_at(d, doc->path, line, col,
			"anchor '&%s' is not allowed; content never needs anchors or aliases, write the text out in full",
			(const char *)anchor);
		return 0;
	}
	if (tag && !implicit) {
		/* Show the tag as it was most likely written: "!!str", not its URI. */
		static const char core[] = "tag:yaml.org,2002:";
		const char *t = (const char *)tag;
		int is_core = strncmp(t, core, sizeof(core) - 1) == 0;

		diag_at(d, doc->path, line, col,
			"tag '%s%s' is not allowed; remove it (content needs no tags)",
			is_core ? "!!" : "", is_core ? t + sizeof(core) - 1 : t);
		return 0;
	}
	return 1;
}

static int cmp_key(const void *pa, const void *pb)
{
	const struct ynode *a = *(struct ynode *const *)pa, *b = *(struct ynode *const *)pb;
	int c;

	if (a->len != b->len || (c = memcmp(a->str, b->str, a->len)) == 0) {
		if (a->len != b->len)
			return a->len < b->len ? -1 : 1;
		if (a->line != b->line)
			return a->line < b->line ? -1 : 1;
		return a->col < b->col ? -1 : a->col > b->col;
	}
	return c;
}

/* Keys must be scalars and appear once; sorting a copy finds repeats in
 * O(n log n) even in a hostile mapping with many keys. */
static int check_keys(struct ydoc *doc, struct diag *d, const struct ynode *map)
{
	struct ynode **keys;
	size_t i, j, nk = 0;
	int ok = 1;

	/* The usual mapping has a handful of distinct single-word keys:
	 * compare every pair and be done, without allocating. */
	if (map->n <= 16) {
		for (i = 0; i < map->n; i++) {
			const struct ynode *k = map->kids[2 * i];

			if (k->kind != YNODE_SCALAR)
				break;
			for (j = 0; j < i; j++) {
				const struct ynode *e = map->kids[2 * j];

				if (e->len == k->len && (!k->len || e->str[0] == k->str[0]) &&
				    memcmp(e->str, k->str, k->len) == 0)
					break;
			}
			if (j < i)
				break;
		}
		if (i == map->n)
			return 1;
	}
	keys = xreallocarray(NULL, map->n ? map->n : 1, sizeof(*keys));
	for (i = 0; i < map->n; i++) {
		struct ynode *k = map->kids[2 * i];

		if (k->kind != YNODE_SCALAR) {
			diag_at(d, doc->path, k->line, k->col,
				"expected a key name, found %s; keys are single words like 'title'",
				ynode_kind_name(k));
			ok = 0;
		} else {
			keys[nk++] = k;
		}
	}
	qsort(keys, nk, sizeof(*keys), cmp_key);
	for (i = 1; i < nk; i++) {
		if (keys[i]->len == keys[i - 1]->len &&
		    memcmp(keys[i]->str, keys[i - 1]->str, keys[i]->len) == 0) {
			diag_at(d, doc->path, keys[i]->line, keys[i]->col,
				"duplicate key '%s' (first given at line %u, column %u); keep one",
				keys[i]->str, keys[i - 1]->line, keys[i - 1]->col);
			ok = 0;
			if (too_many(doc, d))
				break;
		}
	}
	free(keys);
	return ok;
}

/* A parser mark as a 1-based line and column.  libyaml ends a last line
 * that has no line break with one of its own, so at the end of such a file
 * its mark is on a line the file does not have: that is the position just
 * after the last character. */
static void mark_position(const struct ydoc *doc, const yaml_mark_t *m, unsigned *line,
			  unsigned *col)
{
	if (m->line >= with_lines(doc)->nlines) {
		ydoc_position(doc, doc->len, line, col);
		return;
	}
	*line = (unsigned)m->line + 1;
	*col = (unsigned)m->column + 1;
}

static void parser_error(struct ydoc *doc, struct diag *d, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "the YAML could not be read";
	unsigned line, col, cline, ccol;

	if (p->error == YAML_READER_ERROR) {
		ydoc_position(doc, p->problem_offset, &line, &col);
		diag_at(d, doc->path, line, col, "%s", problem);
	} else if (p->error == YAML_MEMORY_ERROR) {
		diag_file(d, doc->path, "out of memory while reading the file");
	} else if (p->context) {
		mark_position(doc, &p->problem_mark, &line, &col);
		mark_position(doc, &p->context_mark, &cline, &ccol);
		diag_at(d, doc->path, line, col, "%s %s (started at line %u, column %u)", problem,
			p->context, cline, ccol);
	} else {
		mark_position(doc, &p->problem_mark, &line, &col);
		diag_at(d, doc->path, line, col, "%s", problem);
	}
}

struct frame {
	struct ynode *node;
	size_t first;
	long visit;                 /* index of the visitor's key for this list's entries, or -1 */
	struct arena_mark mark;     /* where this entry's nodes start, when it is one */
};

/* Which of the visitor's keys the list just opened at stack[depth] belongs
 * to: it must be a value of the root mapping under a plain key. */
static long visited_list(const struct ydoc_visitor *v, const struct frame *stack, int depth,
			 const struct pending *pend)
{
	const struct ynode *key;
	size_t k;

	if (!v || depth != 1 || stack[0].node->kind != YNODE_MAP ||
	    (pend->n - stack[0].first) % 2 == 0)
		return -1;
	key = pend->v[pend->n - 1];
	if (key->kind != YNODE_SCALAR)
		return -1;
	for (k = 0; v->keys[k]; k++)
		if (strlen(v->keys[k]) == key->len && memcmp(v->keys[k], key->str, key->len) == 0)
			return (long)k;
	return -1;
}

/* An entry of a visited list is complete: hand it over (unless the file
 * has already failed, when nothing of it will be used) and forget it. */
static void visit_entry(struct ydoc *doc, const struct ydoc_visitor *v, long key,
			struct pending *pend, struct arena_mark mark, int ok)
{
	if (ok)
		v->entry(v->ctx, doc, (size_t)key, pend->v[pend->n - 1]);
	pend->n--;
	arena_reset(&doc->arena, mark);
}

static int build(struct ydoc *doc, struct diag *d, const struct ydoc_visitor *v)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	struct pending pend = { NULL, 0, 0 };
	struct frame stack[YTREE_MAX_DEPTH];
	int depth = 0, docs = 0, ok = 1, done = 0;

	if (!yaml_parser_initialize(&parser))
		die("out of memory; close some programs and try again");
	yaml_parser_set_input_string(&parser, (const unsigned char *)doc->buf, doc->len);
	while (!done) {
		struct ynode *node = NULL;
		/* Whether this node is an entry of a visited list. */
		int entry = depth == 2 && stack[1].visit >= 0;

		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(doc, d, &parser);
			ok = 0;
			break;
		}
		if (doc->nnodes >= YTREE_MAX_NODES) {
			diag_at(d, doc->path, (unsigned)ev.start_mark.line + 1,
				(unsigned)ev.start_mark.column + 1,
				"more than %d values in one file; split it into smaller files",
				YTREE_MAX_NODES);
			yaml_event_delete(&ev);
			ok = 0;
			break;
		}
		switch (ev.type) {
		case YAML_STREAM_END_EVENT:
			done = 1;
			break;
		case YAML_DOCUMENT_START_EVENT:
			if (++docs > 1) {
				diag_at(d, doc->path, (unsigned)ev.start_mark.line + 1,
					(unsigned)ev.start_mark.column + 1,
					"a second document ('---') in one file; put it in a file of its own");
				ok = 0;
				done = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			diag_at(d, doc->path, (unsigned)ev.start_mark.line + 1,
				(unsigned)ev.start_mark.column + 1,
				"alias '*%s' is not allowed; content never needs anchors or aliases, write the text out in full",
				(const char *)ev.data.alias.anchor);
			ok = 0;
			done = 1;
			break;
		case YAML_SCALAR_EVENT: {
			struct arena_mark mark = arena_mark(&doc->arena);

			if (!refuse_extras(doc, d, &ev, ev.data.scalar.anchor, ev.data.scalar.tag,
					   ev.data.scalar.plain_implicit || ev.data.scalar.quoted_implicit)) {
				ok = 0;
				done = too_many(doc, d);
			}
			node = new_node(doc, YNODE_SCALAR, &ev);
			node->str = arena_strndup(&doc->arena, (const char *)ev.data.scalar.value,
						  ev.data.scalar.length);
			node->len = ev.data.scalar.length;
			pending_push(&pend, node);
			if (entry)
				visit_entry(doc, v, stack[1].visit, &pend, mark, ok);
			break;
		}
		case YAML_SEQUENCE_START_EVENT:
		case YAML_MAPPING_START_EVENT: {
			int is_seq = ev.type == YAML_SEQUENCE_START_EVENT;
			const yaml_char_t *anchor = is_seq ? ev.data.sequence_start.anchor
							   : ev.data.mapping_start.anchor;
			const yaml_char_t *tag = is_seq ? ev.data.sequence_start.tag
							: ev.data.mapping_start.tag;
			int implicit = is_seq ? ev.data.sequence_start.implicit
					      : ev.data.mapping_start.implicit;

			if (!refuse_extras(doc, d, &ev, anchor, tag, implicit)) {
				ok = 0;
				done = too_many(doc, d);
			}
			if (depth == YTREE_MAX_DEPTH) {
				diag_at(d, doc->path, (unsigned)ev.start_mark.line + 1,
					(unsigned)ev.start_mark.column + 1,
					"nested more than %d levels deep; content never needs more, check the indentation",
					YTREE_MAX_DEPTH);
				ok = 0;
				done = 1;
				break;
			}
			stack[depth].mark = arena_mark(&doc->arena);
			stack[depth].visit = is_seq ? visited_list(v, stack, depth, &pend) : -1;
			node = new_node(doc, is_seq ? YNODE_SEQ : YNODE_MAP, &ev);
			pending_push(&pend, node);
			stack[depth].node = node;
			stack[depth].first = pend.n;
			depth++;
			break;
		}
		case YAML_SEQUENCE_END_EVENT:
		case YAML_MAPPING_END_EVENT: {
			struct frame *f = &stack[--depth];
			size_t k = pend.n - f->first;

			f->node->kids = arena_array(&doc->arena, k, sizeof(*f->node->kids));
			memcpy(f->node->kids, pend.v + f->first, k * sizeof(*f->node->kids));
			f->node->n = f->node->kind == YNODE_MAP ? k / 2 : k;
			f->node->end_line = (unsigned)ev.end_mark.line + 1;
			f->node->end_col = (unsigned)ev.end_mark.column + 1;
			pend.n = f->first;
			if (f->node->kind == YNODE_MAP && !check_keys(doc, d, f->node)) {
				ok = 0;
				done = too_many(doc, d);
			}
			if (depth == 2 && stack[1].visit >= 0)
				visit_entry(doc, v, stack[1].visit, &pend, f->mark, ok);
			break;
		}
		default:
			break;
		}
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	if (ok && pend.n == 1)
		doc->root = pend.v[0];
	free(pend.v);
	return ok;
}

/* Forget the messages added to d after its first n. */
static void drop_messages(struct diag *d, size_t n)
{
	while (d->n > n) {
		d->n--;
		free(d->v[d->n].file);
		free(d->v[d->n].text);
	}
}

/* Whether the file holds a NEL (U+0085, C2 85 in UTF-8): YAML reads it as
 * a line break, prescan() refuses it. */
static int has_nel(const struct ydoc *doc)
{
	const char *p = doc->buf, *end = doc->buf + doc->len;

	while ((p = memchr(p, '\xC2', (size_t)(end - p))) && end - p > 1) {
		if (p[1] == '\x85')
			return 1;
		p++;
	}
	return 0;
}

/* Check and parse doc->buf[0..doc->len), which doc owns from here on. */
static int parse(struct ydoc *doc, struct diag *d, const struct ydoc_visitor *v)
{
	struct diag scan = { NULL, 0, 0 };
	size_t before, i;
	int ok;

	if (doc->len > YTREE_MAX_BYTES) {
		diag_file(d, doc->path, "the file is over the limit of %zu MiB for a content file; split it into smaller files",
			  YTREE_MAX_BYTES >> 20);
		return 0;
	}
	/* libyaml would read these as UTF-16 rather than refuse them. */
	if (doc->len >= 2 && ((doc->buf[0] == '\xFF' && doc->buf[1] == '\xFE') ||
			      (doc->buf[0] == '\xFE' && doc->buf[1] == '\xFF')))
		return prescan(doc, d);
	before = d->n;
	ok = build(doc, d, v);
	/* libyaml refuses the bytes prescan() does (invalid UTF-8, NUL,
	 * controls) but NEL, but names only the first, or stops sooner at a
	 * syntax error one of them caused.  So the bytes are checked only once
	 * the parse has failed (or let a NEL through), and when they explain
	 * it, their messages (every bad byte, at its own column) replace the
	 * parser's: as if they had been checked first, with no cost to a file
	 * that parses. */
	if (ok && !has_nel(doc))
		return 1;
	if (!prescan(doc, &scan)) {
		ok = 0;
		drop_messages(d, before);
		for (i = 0; i < scan.n; i++) {
			const struct diag_msg *m = &scan.v[i];

			if (m->line)
				diag_at(d, m->file, m->line, m->col, "%s", m->text);
			else
				diag_file(d, m->file, "%s", m->text);
		}
	}
	diag_free(&scan);
	return ok;
}

int ydoc_parse(struct ydoc *doc, const char *path, const char *buf, size_t len, struct diag *d,
	       const struct ydoc_visitor *v)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, buf, len);
	copy[len] = '\0';
	memset(doc, 0, sizeof(*doc));
	doc->path = path;
	doc->buf = copy;
	doc->len = len;
	return parse(doc, d, v);
}

int ydoc_load(struct ydoc *doc, const char *path, struct diag *d, const struct ydoc_visitor *v)
{
	struct stat st;
	char *buf;
	size_t len = 0;
	int fd, err = 0;

	memset(doc, 0, sizeof(*doc));
	doc->path = path;
	/* O_NONBLOCK: a FIFO named *.yaml must not hang the program. */
	fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
	if (fd < 0) {
		diag_file(d, path, "cannot open: %s", strerror(errno));
		return 0;
	}
	if (fstat(fd, &st) < 0) {
		diag_file(d, path, "cannot read: %s", strerror(errno));
		close(fd);
		return 0;
	}
	if (!S_ISREG(st.st_mode)) {
		diag_file(d, path, "not a regular file; content files are plain *.yaml files");
		close(fd);
		return 0;
	}
	if ((unsigned long long)st.st_size > YTREE_MAX_BYTES) {
		diag_file(d, path, "the file is %llu bytes, over the limit of %zu MiB for a content file; split it into smaller files",
			  (unsigned long long)st.st_size, YTREE_MAX_BYTES >> 20);
		close(fd);
		return 0;
	}
	buf = fileio_read_fd(fd, YTREE_MAX_BYTES, &len);
	err = errno;
	close(fd);
	if (!buf) {
		diag_file(d, path, "cannot read: %s", strerror(err));
		return 0;
	}
	/* The buffer becomes the document's: a copy would double the memory
	 * a big file costs while it is parsed. */
	doc->buf = buf;
	doc->len = len;
	return parse(doc, d, v);
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	size_t i, klen = strlen(key);

	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->kids[2 * i];

		if (k->kind == YNODE_SCALAR && k->len == klen && k->str[0] == key[0] &&
		    memcmp(k->str, key, klen) == 0)
			return map->kids[2 * i + 1];
	}
	return NULL;
}

const char *ynode_kind_name(const struct ynode *node)
{
	switch (node->kind) {
	case YNODE_SCALAR:
		return "a string";
	case YNODE_SEQ:
		return "a list";
	case YNODE_MAP:
		return "a mapping";
	}
	return "something else";
}

void ydoc_free(struct ydoc *doc)
{
	arena_free(&doc->arena);
	free(doc->buf);
	free(doc->lines);
	doc->buf = NULL;
	doc->lines = NULL;
	doc->root = NULL;
}
