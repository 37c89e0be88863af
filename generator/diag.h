/* diag.h — messages for people, mandoc-style: one catalogue (diag_codes.h),
 * a context per run (no globals), printed as FILE:LINE:COL: LEVEL: message.
 * Validation reports every problem it finds and carries on; callers look at
 * diag_failed() before writing anything. */
#ifndef PPS_DIAG_H
#define PPS_DIAG_H

#include <stdbool.h>
#include <stdio.h>

#include "model.h"

typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE } diag_level;

#define D(code, level, fmt) DIAG_##code,
typedef enum {
#include "diag_codes.h"
	DIAG__COUNT
} diag_code;
#undef D

typedef struct {
	diag_code code;
	diag_level level;
	char *file; /* NULL when the message concerns no file */
	int line, col;
	char *msg;
} diag_msg;

typedef struct diag_ctx {
	diag_msg *msgs;
	int n, cap;
	int nerrors, nwarnings;
	bool strict; /* warnings count as errors (--strict) */
} diag_ctx;

void diag_init(diag_ctx *dc);
void diag_clear(diag_ctx *dc);
/* Emit catalogue message `code` at pos (pos.file NULL: no position), with the
 * catalogue's printf arguments. */
void diag_emit(diag_ctx *dc, diag_code code, pps_pos pos, ...);
/* The same with an explicit file (for files other than the statement). */
void diag_emit_file(diag_ctx *dc, diag_code code, const char *file, int line, int col, ...);
bool diag_failed(const diag_ctx *dc);
/* Appends copies of src's messages to dst (a worker thread's messages). */
void diag_append(diag_ctx *dst, const diag_ctx *src);
/* Print every message as "FILE:LINE:COL: error: text" (one per line). */
void diag_print(const diag_ctx *dc, FILE *f);
/* The same, leaving out notes (render: notes are for `check`). */
void diag_print_problems(const diag_ctx *dc, FILE *f);
/* Does any message carry this code? (tests) */
bool diag_has(const diag_ctx *dc, diag_code code);
const char *diag_level_name(diag_level l);

#endif
