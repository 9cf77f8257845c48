/* ytree.c - a content file parsed with libyaml's event API into a tree,
 * and checked byte by byte when that fails.  The tree is built from events
 * rather than with yaml_parser_load() so that aliases and deep nesting are
 * refused as they arrive, before they can cost memory, and so that each
 * entry of a visited list is handed over and freed as soon as it is read. */
#include "ytree.h"

#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "util.h"

/* The children of the collections still open, in one vector: each open
 * collection owns the slice from its `first` to the end. */
struct pending {
	struct ynode **v;
	size_t n, cap;
};

static void pending_push(struct pending *p, struct ynode *node)
{
	ALLOC_GROW(p->v, p->n + 1, p->cap);
	p->v[p->n++] = node;
}

/* Whether doc's file has had enough messages in d to stop looking for more. */
static int too_many(const struct ydoc *doc, const struct diag *d)
{
	return diag_count_file(d, doc->file.path) >= YTREE_MAX_ERRORS;
}

/* Whether mark m is on a line the file does not have.  libyaml ends a
 * last line that has no line break with one of its own, so at the end of
 * such a file its mark is at column 0 of the line after the last.  A file
 * that ends in a line break has no such line, so the line table (made on
 * demand) is not asked for it: loading costs no more. */
static int past_last_line(const struct ydoc *doc, const yaml_mark_t *m)
{
	const struct yfile *f = &doc->file;

	if (f->len > 0 && (f->buf[f->len - 1] == '\n' || f->buf[f->len - 1] == '\r'))
		return 0;
	return m->line >= yfile_nlines(f);
}

/* A parser mark as a 1-based line and column; one past the end of the
 * file is the position just after its last character. */
static inline void mark_position(const struct ydoc *doc, const yaml_mark_t *m, unsigned *line,
				 unsigned *col)
{
	/* Two tests for the millions of marks of a big guide; the rest only
	 * for a mark at column 0. */
	if (m->column == 0 && m->line > 0 && past_last_line(doc, m)) {
		yfile_position(&doc->file, doc->file.len, line, col);
		return;
	}
	*line = (unsigned)m->line + 1;
	*col = (unsigned)m->column + 1;
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
	mark_position(doc, &ev->start_mark, &node->line, &node->col);
	mark_position(doc, &ev->end_mark, &node->end_line, &node->end_col);
	return node;
}

/* Anchors and tags are never needed by content; refusing them keeps the
 * decoder simple and rules out alias bombs. */
static int refuse_extras(struct ydoc *doc, struct diag *d, const yaml_event_t *ev,
			 const yaml_char_t *anchor, const yaml_char_t *tag, int implicit)
{
	unsigned line, col;

	if (!anchor && (!tag || implicit))
		return 1;
	mark_position(doc, &ev->start_mark, &line, &col);
	if (anchor) {
		diag_at(d, doc->file.path, line, col,
			"anchor '&%s' is not allowed; content never needs anchors or aliases, write the text out in full",
			(const char *)anchor);
		return 0;
	}
	if (tag && !implicit) {
		/* Show the tag as it was most likely written: "!!str", not its URI. */
		static const char core[] = "tag:yaml.org,2002:";
		const char *t = (const char *)tag;
		int is_core = strncmp(t, core, sizeof(core) - 1) == 0;

		diag_at(d, doc->file.path, line, col,
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
			diag_at(d, doc->file.path, k->line, k->col,
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
			diag_at(d, doc->file.path, keys[i]->line, keys[i]->col,
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

static void parser_error(struct ydoc *doc, struct diag *d, const yaml_parser_t *p)
{
	const char *problem = p->problem ? p->problem : "the YAML could not be read";
	unsigned line, col, cline, ccol;

	if (p->error == YAML_READER_ERROR) {
		yfile_position(&doc->file, p->problem_offset, &line, &col);
		diag_at(d, doc->file.path, line, col, "%s", problem);
	} else if (p->error == YAML_MEMORY_ERROR) {
		diag_file(d, doc->file.path, "out of memory while reading the file");
	} else if (p->context) {
		mark_position(doc, &p->problem_mark, &line, &col);
		mark_position(doc, &p->context_mark, &cline, &ccol);
		diag_at(d, doc->file.path, line, col, "%s %s (started at line %u, column %u)", problem,
			p->context, cline, ccol);
	} else {
		mark_position(doc, &p->problem_mark, &line, &col);
		diag_at(d, doc->file.path, line, col, "%s", problem);
	}
}

struct frame {
	struct ynode *node;
	size_t first;
	const char *visit;          /* the visitor's key, when this is a root value it wants */
	struct arena_mark mark;     /* where this node's memory starts */
};

/* The visitor's key for the collection just opened at stack[depth], when
 * it is a value of the root mapping under a key the visitor names for its
 * kind (a list in v->lists, a mapping in v->maps), else NULL. */
static const char *visited_key(const struct ydoc_visitor *v, const struct frame *stack, int depth,
			       const struct pending *pend, int is_seq)
{
	const char *const *keys;
	const struct ynode *key;
	size_t k;

	if (!v || depth != 1 || stack[0].node->kind != YNODE_MAP ||
	    (pend->n - stack[0].first) % 2 == 0)
		return NULL;
	key = pend->v[pend->n - 1];
	keys = is_seq ? v->lists : v->maps;
	if (key->kind != YNODE_SCALAR || !keys)
		return NULL;
	for (k = 0; keys[k]; k++)
		if (strlen(keys[k]) == key->len && memcmp(keys[k], key->str, key->len) == 0)
			return keys[k];
	return NULL;
}

/* An entry of a visited list is complete: hand it over (unless the file
 * has already failed, when nothing of it will be used) and forget it. */
static void visit_entry(struct ydoc *doc, const struct ydoc_visitor *v, const char *key,
			struct pending *pend, struct arena_mark mark, int ok)
{
	if (ok)
		v->entry(v->ctx, doc, key, pend->v[pend->n - 1]);
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
	yaml_parser_set_input_string(&parser, (const unsigned char *)doc->file.buf, doc->file.len);
	while (!done) {
		struct ynode *node = NULL;
		unsigned ev_line, ev_col;
		/* Whether this node is an entry of a visited list. */
		int entry = depth == 2 && stack[1].visit && stack[1].node->kind == YNODE_SEQ;

		if (!yaml_parser_parse(&parser, &ev)) {
			parser_error(doc, d, &parser);
			ok = 0;
			break;
		}
		mark_position(doc, &ev.start_mark, &ev_line, &ev_col);
		if (doc->nnodes >= YTREE_MAX_NODES) {
			diag_at(d, doc->file.path, ev_line, ev_col,
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
				diag_at(d, doc->file.path, ev_line, ev_col,
					"a second document ('---') in one file; put it in a file of its own");
				ok = 0;
				done = 1;
			}
			break;
		case YAML_ALIAS_EVENT:
			diag_at(d, doc->file.path, ev_line, ev_col,
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
				diag_at(d, doc->file.path, ev_line, ev_col,
					"nested more than %d levels deep; content never needs more, check the indentation",
					YTREE_MAX_DEPTH);
				ok = 0;
				done = 1;
				break;
			}
			stack[depth].mark = arena_mark(&doc->arena);
			stack[depth].visit = visited_key(v, stack, depth, &pend, is_seq);
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
			mark_position(doc, &ev.end_mark, &f->node->end_line, &f->node->end_col);
			pend.n = f->first;
			if (f->node->kind == YNODE_MAP && !check_keys(doc, d, f->node)) {
				ok = 0;
				done = too_many(doc, d);
			}
			if (depth == 2 && stack[1].visit && stack[1].node->kind == YNODE_SEQ) {
				visit_entry(doc, v, stack[1].visit, &pend, f->mark, ok);
			} else if (depth == 1 && f->visit && f->node->kind == YNODE_MAP && ok) {
				v->entry(v->ctx, doc, f->visit, f->node);
			}
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

/* Check and parse the bytes of doc->file. */
static int parse(struct ydoc *doc, struct diag *d, const struct ydoc_visitor *v)
{
	const struct yfile *f = &doc->file;
	struct diag scan = { NULL, 0, 0 };
	size_t before;
	int ok;

	/* Bytes given to ydoc_parse(), or a file that grew after yfile_read()
	 * measured it. */
	if (f->len > YFILE_MAX_BYTES) {
		diag_file(d, f->path, "the file is over the limit of %zu MiB for a content file; split it into smaller files",
			  YFILE_MAX_BYTES >> 20);
		return 0;
	}
	/* libyaml would read these as UTF-16 rather than refuse them. */
	if (f->len >= 2 && ((f->buf[0] == '\xFF' && f->buf[1] == '\xFE') ||
			    (f->buf[0] == '\xFE' && f->buf[1] == '\xFF')))
		return yfile_check(f, d, YTREE_MAX_ERRORS);
	before = diag_count(d);
	ok = build(doc, d, v);
	/* libyaml refuses the bytes yfile_check() does (invalid UTF-8, NUL,
	 * controls) but NEL, but names only the first, or stops sooner at a
	 * syntax error one of them caused.  So the bytes are checked only once
	 * the parse has failed (or let a NEL through), and when they explain
	 * it, their messages (every bad byte, at its own column) replace the
	 * parser's: as if they had been checked first, with no cost to a file
	 * that parses. */
	if (ok && !yfile_has_nel(f))
		return 1;
	if (!yfile_check(f, &scan, YTREE_MAX_ERRORS)) {
		ok = 0;
		diag_truncate(d, before);
		diag_append(d, &scan);
	}
	diag_free(&scan);
	return ok;
}

int ydoc_parse(struct ydoc *doc, const char *path, const char *buf, size_t len, struct diag *d,
	       const struct ydoc_visitor *v)
{
	memset(doc, 0, sizeof(*doc));
	yfile_copy(&doc->file, path, buf, len);
	return parse(doc, d, v);
}

int ydoc_load(struct ydoc *doc, const char *path, struct diag *d, const struct ydoc_visitor *v)
{
	memset(doc, 0, sizeof(*doc));
	return yfile_read(&doc->file, path, d) && parse(doc, d, v);
}

void ydoc_position(const struct ydoc *doc, size_t off, unsigned *line, unsigned *col)
{
	yfile_position(&doc->file, off, line, col);
}

size_t ydoc_offset(const struct ydoc *doc, unsigned line, unsigned col)
{
	return yfile_offset(&doc->file, line, col);
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
	yfile_free(&doc->file);
	doc->root = NULL;
}
