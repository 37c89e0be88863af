/* arena.h — one bump allocator per document: everything the model holds is
 * allocated here and freed at once by arena_free().  Allocation failure aborts
 * (g_malloc), so callers never check for NULL. */
#ifndef PPS_ARENA_H
#define PPS_ARENA_H

#include <stddef.h>

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
/* Zeroed memory, aligned for any type. */
void *arena_alloc(arena *a, size_t size);
/* n zeroed elements of size each (overflow-checked). */
void *arena_array(arena *a, size_t n, size_t size);
void *arena_memdup(arena *a, const void *p, size_t size);
char *arena_strdup(arena *a, const char *s);
char *arena_strndup(arena *a, const char *s, size_t n);
char *arena_printf(arena *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Bytes handed out so far (for the benchmark's memory report). */
size_t arena_used(const arena *a);

#endif
