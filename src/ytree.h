/* ytree.h - one content file read into a small tree of YAML nodes.
 *
 * The file is checked while parsing (no anchors, aliases or tags, bounded
 * nesting, no duplicate keys) and, when the parse fails, byte by byte
 * (UTF-8, NUL and control bytes, each at its own position), so the schema
 * decoder only ever sees a sane tree.  The entries of the big root lists
 * can be handed over one at a time as they are read (struct
 * ydoc_visitor), so that a file's tree never holds more than one of them. */
#ifndef CRAMPGUIDE_YTREE_H
#define CRAMPGUIDE_YTREE_H

#include <stddef.h>

#include "arena.h"
#include "diag.h"
#include "yfile.h"

/* Deepest nesting of mappings and lists accepted (the schema needs 6). */
#define YTREE_MAX_DEPTH 8
/* Most values (scalars, lists, mappings) in one file: a node costs far more
 * memory than the two bytes "a," it can be written in, so this bounds
 * memory to a small multiple of the file size. */
#define YTREE_MAX_NODES 250000
/* Errors reported from one file before giving up on it. */
#define YTREE_MAX_ERRORS 20

enum ynode_kind { YNODE_SCALAR, YNODE_SEQ, YNODE_MAP };

/* A node: a scalar, a list (kids[0..n)) or a mapping (kids[2i] key, kids[2i+1] value). */
struct ynode {
	enum ynode_kind kind;
	unsigned line, col;         /* 1-based start of the node */
	unsigned end_line, end_col; /* 1-based position just after it */
	const char *str;            /* scalar value, NUL-terminated */
	size_t len;                 /* scalar length in bytes */
	struct ynode **kids;
	size_t n;                   /* list items, or mapping pairs */
};

/* A parsed file: its bytes (kept for mapping text positions) and its tree. */
struct ydoc {
	struct yfile file;          /* path, bytes and line table */
	struct ynode *root;         /* NULL when the file had errors or no document */
	size_t nnodes;
	struct arena arena;
};

/* Hands parts of the tree to the caller as soon as they are read: each
 * entry of the root lists named in `lists` (freed right after, so a file of
 * thousands of pages never has a tree of more than one page, and the lists
 * are left empty), and the mapping under each root key in `maps` (kept).
 * Nothing is handed over once the file has shown an error. */
struct ydoc_visitor {
	const char *const *lists;   /* NULL-terminated */
	const char *const *maps;    /* NULL-terminated */
	void (*entry)(void *ctx, const struct ydoc *doc, const char *key, const struct ynode *node);
	void *ctx;
};

/* Read and parse `path` into doc, reporting every problem to d (v may be NULL); return 1 when the tree is usable, 0 otherwise. */
int ydoc_load(struct ydoc *doc, const char *path, struct diag *d, const struct ydoc_visitor *v);

/* Parse a copy of the bytes buf[0..len) as if read from `path`, like ydoc_load(). */
int ydoc_parse(struct ydoc *doc, const char *path, const char *buf, size_t len, struct diag *d,
	       const struct ydoc_visitor *v);

/* Convert a byte offset of the file into a 1-based line and column (columns count characters), as yfile_position(). */
void ydoc_position(const struct ydoc *doc, size_t off, unsigned *line, unsigned *col);

/* Convert a 1-based line and column back into a byte offset of the file, as yfile_offset(). */
size_t ydoc_offset(const struct ydoc *doc, unsigned line, unsigned col);

/* The value of key `key` in mapping node `map`, or NULL. */
const struct ynode *ynode_get(const struct ynode *map, const char *key);

/* "a string", "a list" or "a mapping", for messages. */
const char *ynode_kind_name(const struct ynode *node);

/* Free the tree and the file's bytes. */
void ydoc_free(struct ydoc *doc);

#endif
