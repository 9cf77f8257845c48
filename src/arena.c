/* arena.c - bump allocation in growing blocks. */

/* For MAP_ANONYMOUS and MAP_POPULATE, which POSIX leaves out; only this
 * file asks for them, and it works without them (see new_block()). */
#define _DEFAULT_SOURCE

#include "arena.h"

#include <stdalign.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>

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
	size_t dirty;               /* data[dirty..size) is known to be zero */
	int mapped;                 /* from mmap(), not malloc() */
	alignas(max_align_t) unsigned char data[];
};

/* Blocks grow with the arena so a big guide needs few of them, but start
 * small so the bundled guide does not reserve memory it never uses, and
 * stay small enough that the unused end of the last one costs little. */
#define ARENA_MIN_BLOCK ((size_t)16 * 1024)
#define ARENA_MAX_BLOCK ((size_t)256 * 1024)
/* Blocks from this size on have their pages mapped in advance. */
#define ARENA_POPULATE ((size_t)64 * 1024)

/* A block of `size` bytes of data.  A big block is filled to its end (but
 * the last one), so its pages are mapped in one call rather than faulted
 * in one by one as the bump pointer reaches them: loading a large guide
 * touches tens of megabytes, and a page fault costs far more than the
 * work done on the page (several times more on a virtual machine). */
static struct arena_block *new_block(size_t size)
{
	struct arena_block *b = NULL;

#if defined(MAP_ANONYMOUS) && defined(MAP_POPULATE)
	if (size >= ARENA_POPULATE) {
		void *p = mmap(NULL, sizeof(*b) + size, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);

		if (p != MAP_FAILED) {
			b = p;
			b->mapped = 1;
			b->dirty = 0; /* fresh pages are zero */
		}
	}
#endif
	if (!b) {
		b = xmalloc(sizeof(*b) + size);
		b->mapped = 0;
		b->dirty = size;
	}
	b->size = size;
	b->used = 0;
	ASAN_POISON_MEMORY_REGION(b->data, size);
	return b;
}

static void free_block(struct arena_block *b)
{
	ASAN_UNPOISON_MEMORY_REGION(b->data, b->size);
	if (b->mapped)
		munmap(b, sizeof(*b) + b->size);
	else
		free(b);
}

/* take() when the head block cannot give the memory as it is: a new (or
 * spare) block, or memory to zero first. */
static void *take_slow(struct arena *a, size_t size, size_t align, int zero)
{
	struct arena_block *b = a->head;
	size_t off;
	void *p;

	if (size > SIZE_MAX / 2)
		die("out of memory; close some programs and try again");
	off = b ? (b->used + align - 1) & ~(align - 1) : 0;
	if (!b || off > b->size || b->size - off < size + ARENA_REDZONE) {
		size_t want = a->total < ARENA_MIN_BLOCK ? ARENA_MIN_BLOCK : a->total;

		if (want > ARENA_MAX_BLOCK)
			want = ARENA_MAX_BLOCK;
		if (want < size + ARENA_REDZONE)
			want = size + ARENA_REDZONE;
		/* A loop that allocates and resets (one page after another)
		 * reuses its block instead of asking malloc each time. */
		if (a->spare && a->spare->size >= size + ARENA_REDZONE) {
			b = a->spare;
			a->spare = NULL;
			b->used = 0;
			want = b->size;
		} else {
			b = new_block(want);
		}
		b->next = a->head;
		a->head = b;
		a->total += want;
		off = 0;
	}
	p = b->data + off;
	b->used = off + size + ARENA_REDZONE;
	ASAN_UNPOISON_MEMORY_REGION(p, size);
	/* Only memory handed out before (and given back by a reset or a
	 * trim) needs zeroing: a mapped block starts zero, and zeroing tens
	 * of megabytes of it again would cost as much as filling them. */
	if (zero && off < b->dirty)
		memset(p, 0, size < b->dirty - off ? size : b->dirty - off);
	if (b->dirty < off + size)
		b->dirty = off + size;
	return p;
}

/* Room for size bytes at an offset aligned to `align` (a power of two),
 * zeroed when `zero`.  Text is allocated unaligned next to aligned
 * structures, so the offset is rounded up, not the size: a string costs
 * its bytes and nothing more.  The common case, room in the head block
 * that was never handed out, is inlined: a big guide makes millions of
 * these calls. */
static inline void *take(struct arena *a, size_t size, size_t align, int zero)
{
	struct arena_block *b = a->head;
	size_t off;

	if (!b || size > SIZE_MAX / 2)
		return take_slow(a, size, align, zero);
	off = (b->used + align - 1) & ~(align - 1);
	if (off > b->size || b->size - off < size + ARENA_REDZONE || (zero && off < b->dirty))
		return take_slow(a, size, align, zero);
	b->used = off + size + ARENA_REDZONE;
	ASAN_UNPOISON_MEMORY_REGION(b->data + off, size);
	if (b->dirty < off + size)
		b->dirty = off + size;
	return b->data + off;
}

void *arena_alloc(struct arena *a, size_t size)
{
	return take(a, size, alignof(max_align_t), 1);
}

void *arena_alloc_raw(struct arena *a, size_t size)
{
	return take(a, size, alignof(max_align_t), 0);
}

void *arena_array(struct arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / 2 / size)
		die("out of memory; close some programs and try again");
	return arena_alloc(a, n * size);
}

char *arena_bytes(struct arena *a, size_t size)
{
	return take(a, size, 1, 0);
}

char *arena_strndup(struct arena *a, const char *s, size_t n)
{
	char *p = take(a, n + 1, 1, 0);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void arena_trim(struct arena *a, void *p, size_t old_size, size_t new_size)
{
	struct arena_block *b = a->head;
	unsigned char *u = p;

	/* Anything allocated after p keeps p at its size: harmless. */
	if (b && new_size <= old_size && u + old_size + ARENA_REDZONE == b->data + b->used) {
		b->used -= old_size - new_size;
		ASAN_POISON_MEMORY_REGION(u + new_size, old_size - new_size);
	}
}

struct arena_mark arena_mark(const struct arena *a)
{
	struct arena_mark m = { a->head, a->head ? a->head->used : 0, a->total };

	return m;
}

void arena_reset(struct arena *a, struct arena_mark m)
{
	while (a->head && a->head != m.block) {
		struct arena_block *b = a->head;

		a->head = b->next;
		if (a->spare && a->spare->size >= b->size) {
			free_block(b);
		} else {
			if (a->spare)
				free_block(a->spare);
			ASAN_POISON_MEMORY_REGION(b->data, b->size);
			a->spare = b;
		}
	}
	if (a->head) {
		ASAN_POISON_MEMORY_REGION(a->head->data + m.used, a->head->used - m.used);
		a->head->used = m.used;
	}
	a->total = m.total;
}

void arena_free(struct arena *a)
{
	struct arena_block *b = a->head;

	while (b) {
		struct arena_block *next = b->next;

		free_block(b);
		b = next;
	}
	if (a->spare)
		free_block(a->spare);
	a->head = NULL;
	a->spare = NULL;
	a->total = 0;
}
