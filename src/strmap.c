/* strmap.c - open addressing with linear probing over FNV-1a hashes. */
#include "strmap.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"

struct slot {
	const char *key;
	size_t len;
	uint64_t hash;
	void *value;
};

struct strmap {
	struct slot *slots;
	size_t cap;                 /* a power of two */
	size_t n;
};

static uint64_t hash(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL;
	size_t i;

	for (i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211ULL;
	return h;
}

struct strmap *strmap_new(void)
{
	struct strmap *m = xcalloc(1, sizeof(*m));

	m->cap = 64;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	return m;
}

static struct slot *find(const struct strmap *m, const char *s, size_t n, uint64_t h)
{
	size_t i = (size_t)h & (m->cap - 1);

	while (m->slots[i].key) {
		const struct slot *sl = &m->slots[i];

		if (sl->hash == h && sl->len == n && memcmp(sl->key, s, n) == 0)
			break;
		i = (i + 1) & (m->cap - 1);
	}
	return &m->slots[i];
}

void *strmap_get(const struct strmap *m, const char *s, size_t n)
{
	return find(m, s, n, hash(s, n))->value;
}

static void grow(struct strmap *m)
{
	struct slot *old = m->slots;
	size_t i, oldcap = m->cap;

	m->cap *= 2;
	m->slots = xcalloc(m->cap, sizeof(*m->slots));
	for (i = 0; i < oldcap; i++)
		if (old[i].key)
			*find(m, old[i].key, old[i].len, old[i].hash) = old[i];
	free(old);
}

void *strmap_put(struct strmap *m, const char *s, size_t n, void *value)
{
	uint64_t h = hash(s, n);
	struct slot *sl;

	/* Keep the load under one half so probes stay short. */
	if ((m->n + 1) * 2 > m->cap)
		grow(m);
	sl = find(m, s, n, h);
	if (sl->key)
		return sl->value;
	sl->key = s;
	sl->len = n;
	sl->hash = h;
	sl->value = value;
	m->n++;
	return value;
}

void strmap_del(struct strmap *m, const char *s, size_t n)
{
	struct slot *sl = find(m, s, n, hash(s, n));
	size_t mask = m->cap - 1, hole, j;

	if (!sl->key)
		return;
	hole = (size_t)(sl - m->slots);
	/* Backward-shift deletion: a later entry of the same probe run moves
	 * into the hole unless its home slot lies after the hole, so that no
	 * lookup stops early at an empty slot and no tombstones pile up. */
	for (j = (hole + 1) & mask; m->slots[j].key; j = (j + 1) & mask) {
		size_t home = (size_t)m->slots[j].hash & mask;

		if (((j - home) & mask) >= ((j - hole) & mask)) {
			m->slots[hole] = m->slots[j];
			hole = j;
		}
	}
	memset(&m->slots[hole], 0, sizeof(m->slots[hole]));
	m->n--;
}

void strmap_free(struct strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}
