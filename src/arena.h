/* arena.h - a bump allocator: the whole guide is freed in one call. */
#ifndef CRAMPGUIDE_ARENA_H
#define CRAMPGUIDE_ARENA_H

#include <stddef.h>

/* An arena: a chain of blocks; everything allocated from it lives until arena_free(). */
struct arena {
	struct arena_block *head;
	size_t total;
};

/* Allocate `size` zeroed bytes aligned for any type from `a` (dies when memory runs out). */
void *arena_alloc(struct arena *a, size_t size);

/* Allocate an array of n zeroed elements of `size` bytes, checking for overflow. */
void *arena_array(struct arena *a, size_t n, size_t size);

/* Copy s[0..n) into the arena as a NUL-terminated string. */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Free every block of `a` and leave it empty and reusable. */
void arena_free(struct arena *a);

#endif
