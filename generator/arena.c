/* arena.c — the document's bump allocator (see arena.h). */
#include "arena.h"

#include <glib.h>
#include <stdarg.h>
#include <stdint.h>
#include <string.h>

#define ARENA_ALIGN 16
#define ARENA_CHUNK (64 * 1024)

typedef struct chunk {
	struct chunk *next;
	size_t size, used;
	_Alignas(ARENA_ALIGN) unsigned char data[];
} chunk;

struct arena {
	chunk *head;
	size_t total;
};

arena *arena_new(void) { return g_new0(arena, 1); }

void arena_free(arena *a)
{
	if (!a)
		return;
	for (chunk *c = a->head, *n; c; c = n) {
		n = c->next;
		g_free(c);
	}
	g_free(a);
}

void *arena_alloc(arena *a, size_t size)
{
	size = (size + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1);
	if (size == 0)
		size = ARENA_ALIGN;
	chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		/* Big requests get a chunk of their own behind the current one, so the
		 * current chunk's free space is not wasted. */
		size_t cap = size > ARENA_CHUNK / 4 ? size : ARENA_CHUNK;
		chunk *n = g_malloc(sizeof(chunk) + cap);
		n->size = cap;
		n->used = 0;
		if (c && cap != ARENA_CHUNK) {
			n->next = c->next;
			c->next = n;
		} else {
			n->next = c;
			a->head = n;
		}
		c = n;
	}
	void *p = c->data + c->used;
	c->used += size;
	a->total += size;
	memset(p, 0, size);
	return p;
}

void *arena_array(arena *a, size_t n, size_t size)
{
	if (size && n > SIZE_MAX / size)
		g_error("arena: array of %zu x %zu bytes overflows", n, size);
	return arena_alloc(a, n * size);
}

void *arena_memdup(arena *a, const void *p, size_t size)
{
	void *q = arena_alloc(a, size);
	if (size)
		memcpy(q, p, size);
	return q;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *q = arena_alloc(a, n + 1);
	memcpy(q, s, n);
	q[n] = 0;
	return q;
}

char *arena_strdup(arena *a, const char *s)
{
	return s ? arena_strndup(a, s, strlen(s)) : NULL;
}

char *arena_printf(arena *a, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	char *tmp = g_strdup_vprintf(fmt, ap);
	va_end(ap);
	char *r = arena_strdup(a, tmp);
	g_free(tmp);
	return r;
}

size_t arena_used(const arena *a) { return a->total; }
