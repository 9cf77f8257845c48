/* arena.h - a bump allocator: the whole guide is freed in one call. */
#ifndef CRAMPGUIDE_ARENA_H
#define CRAMPGUIDE_ARENA_H

#include <stddef.h>

/* An arena: a chain of blocks; everything allocated from it lives until arena_free() (or arena_reset() past it). */
struct arena {
	struct arena_block *head;
	size_t total;
	struct arena_block *spare;  /* a block arena_reset() kept for the next allocations */
};

/* A point in an arena's life, to go back to with arena_reset(). */
struct arena_mark {
	struct arena_block *block;
	size_t used;
	size_t total;
};

/* Allocate `size` zeroed bytes aligned for any type from `a` (dies when memory runs out). */
void *arena_alloc(struct arena *a, size_t size);

/* Allocate an array of n zeroed elements of `size` bytes, checking for overflow. */
void *arena_array(struct arena *a, size_t n, size_t size);

/* Allocate `size` bytes aligned for any type but not zeroed: for structures the caller fills in whole. */
void *arena_alloc_raw(struct arena *a, size_t size);

/* Allocate `size` bytes with no alignment and not zeroed: for text, which needs neither. */
char *arena_bytes(struct arena *a, size_t size);

/* Copy s[0..n) into the arena as a NUL-terminated string (not aligned). */
char *arena_strndup(struct arena *a, const char *s, size_t n);

/* Shrink p, an allocation of old_size bytes, to its first new_size bytes: the rest is reused when p is still the latest allocation. */
void arena_trim(struct arena *a, void *p, size_t old_size, size_t new_size);

/* Where `a` is now. */
struct arena_mark arena_mark(const struct arena *a);

/* Free everything allocated from `a` since mark m was taken (keeping one block to reuse). */
void arena_reset(struct arena *a, struct arena_mark m);

/* Free every block of `a` and leave it empty and reusable. */
void arena_free(struct arena *a);

#endif
