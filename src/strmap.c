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

void strmap_free(struct strmap *m)
{
	if (!m)
		return;
	free(m->slots);
	free(m);
}
