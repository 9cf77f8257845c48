/* arena.c - bump allocation in growing blocks. */
#include "arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

/* Under AddressSanitizer, every allocation is followed by a poisoned gap
 * and the unused end of each block is poisoned too, so reading or writing
 * past one allocation is caught as it would be with malloc() (the fuzzers
 * and `make sanitize` rely on that).  Elsewhere the gap is empty. */
#if defined(__SANITIZE_ADDRESS__)
#define ARENA_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ARENA_ASAN 1
#endif
#endif
#ifdef ARENA_ASAN
#include <sanitizer/asan_interface.h>
#define ARENA_REDZONE ((size_t)32)
#else
#define ASAN_POISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#define ASAN_UNPOISON_MEMORY_REGION(p, n) ((void)(p), (void)(n))
#define ARENA_REDZONE ((size_t)0)
#endif

struct arena_block {
	struct arena_block *next;
	size_t used;
	size_t size;
	alignas(max_align_t) unsigned char data[];
};

/* Blocks grow with the arena so a big guide needs few of them, but start
 * small so the bundled guide does not reserve memory it never uses. */
#define ARENA_MIN_BLOCK ((size_t)16 * 1024)
#define ARENA_MAX_BLOCK ((size_t)4 * 1024 * 1024)

void *arena_alloc(struct arena *a, size_t size)
{
	const size_t align = alignof(max_align_t);
	const size_t asked = size;
	struct arena_block *b = a->head;
	void *p;

	if (size > SIZE_MAX / 2)
		die("out of memory; close some programs and try again");
	size = (size + ARENA_REDZONE + align - 1) & ~(align - 1);
	if (!b || b->size - b->used < size) {
		size_t want = a->total < ARENA_MIN_BLOCK ? ARENA_MIN_BLOCK : a->total;

		if (want > ARENA_MAX_BLOCK)
			want = ARENA_MAX_BLOCK;
		if (want < size)
			want = size;
		b = xmalloc(sizeof(*b) + want);
		ASAN_POISON_MEMORY_REGION(b->data, want);
		b->size = want;
		b->used = 0;
		b->next = a->head;
		a->head = b;
		a->total += want;
	}
	p = b->data + b->used;
	b->used += size;
	ASAN_UNPOISON_MEMORY_REGION(p, asked);
	return memset(p, 0, asked);
}

void *arena_array(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / 2 / size)
		die("out of memory; close some programs and try again");
	return arena_alloc(a, n * size);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;

		ASAN_UNPOISON_MEMORY_REGION(b->data, b->size);
		free(b);
		b = next;
	}
	a->head = NULL;
	a->total = 0;
}
