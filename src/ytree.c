/* ytree.c - a content file checked byte by byte, then parsed with libyaml's
 * event API into a tree.  The tree is built from events rather than with
 * yaml_parser_load() so that aliases and deep nesting are refused as they
 * arrive, before they can cost memory. */
#include "ytree.h"

#include <errno.h>
#include <fcntl.h>
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
	doc->lines[doc->nlines++] = off;
}

/* YAML 1.1's printable set (what libyaml's reader accepts). */
static int yaml_printable(int32_t cp)
{
	return cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0x7E) ||
	       cp == 0x85 || (cp >= 0xA0 && cp <= 0xD7FF) ||
	       (cp >= 0xE000 && cp <= 0xFFFD) || (cp >= 0x10000 && cp <= 0x10FFFF);
}

/* Check every byte and build the line table in one pass.  Reporting these
 * here gives exact positions and plain words; libyaml's reader would only
 * give a byte offset and "invalid UTF-8" at the first one. */
static int prescan(struct ydoc *doc, struct diag *d)
{
	const char *s = doc->buf;
	size_t n = doc->len, i = 0, cap = 0;
	unsigned line = 1, col = 1;
	int ok = 1;

	if (n >= 2 && ((s[0] == '\xFF' && s[1] == '\xFE') || (s[0] == '\xFE' && s[1] == '\xFF'))) {
		diag_at(d, doc->path, 1, 1,
			"the file is in UTF-16; save it as UTF-8 (content files are UTF-8 text)");
		return 0;
	}
	if (n >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0)
		i = 3; /* libyaml skips the byte-order mark without counting a column */
	push_line(doc, &cap, i);
	while (i < n) {
		int32_t cp;
		size_t k = text_decode(s + i, n - i, &cp);

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
			push_line(doc, &cap, i);
		}
	}
	return ok;
}

void ydoc_position(const struct ydoc *doc, size_t off, unsigned *line, unsigned *col)
{
	size_t lo = 0, hi = doc->nlines, i;
	unsigned c = 1;

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

	if (line == 0 || line > doc->nlines)
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
	struct ynode *node = arena_alloc(&doc->arena, sizeof(*node));

	doc->nnodes++;
	node->kind = kind;
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
	size_t i, nk = 0;
	int ok = 1;

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
	if (m->line >= doc->nlines) {
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
};

static int build(struct ydoc *doc, struct diag *d)
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
		case YAML_SCALAR_EVENT:
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
			break;
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

int ydoc_parse(struct ydoc *doc, const char *path, const char *buf, size_t len, struct diag *d)
{
	char *copy = xmalloc(len + 1);

	memcpy(copy, buf, len);
	copy[len] = '\0';
	memset(doc, 0, sizeof(*doc));
	doc->path = path;
	doc->buf = copy;
	doc->len = len;
	if (!prescan(doc, d))
		return 0;
	return build(doc, d);
}

int ydoc_load(struct ydoc *doc, const char *path, struct diag *d)
{
	struct stat st;
	char *buf;
	size_t len = 0;
	int fd, err = 0, ok;

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
	if (len > YTREE_MAX_BYTES) {
		diag_file(d, path, "the file is over the limit of %zu MiB for a content file; split it into smaller files",
			  YTREE_MAX_BYTES >> 20);
		free(buf);
		return 0;
	}
	ok = ydoc_parse(doc, path, buf, len, d);
	free(buf);
	return ok;
}

const struct ynode *ynode_get(const struct ynode *map, const char *key)
{
	size_t i, klen = strlen(key);

	if (!map || map->kind != YNODE_MAP)
		return NULL;
	for (i = 0; i < map->n; i++) {
		const struct ynode *k = map->kids[2 * i];

		if (k->kind == YNODE_SCALAR && k->len == klen && memcmp(k->str, key, klen) == 0)
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
