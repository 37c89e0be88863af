/* diag.c — the message catalogue and the per-run list of messages (diag.h). */
#include "diag.h"

#include <glib.h>
#include <stdarg.h>

static const struct {
	diag_level level;
	const char *fmt;
} catalogue[] = {
#define D(code, level, fmt) [DIAG_##code] = {DIAG_##level, fmt},
#include "diag_codes.h"
#undef D
};

void diag_init(diag_ctx *dc) { *dc = (diag_ctx){0}; }

void diag_clear(diag_ctx *dc)
{
	for (int i = 0; i < dc->n; i++) {
		g_free(dc->msgs[i].file);
		g_free(dc->msgs[i].msg);
	}
	g_free(dc->msgs);
	bool strict = dc->strict;
	diag_init(dc);
	dc->strict = strict;
}

static void vemit(diag_ctx *dc, diag_code code, const char *file, int line, int col, va_list ap)
{
	if (dc->n == dc->cap) {
		dc->cap = dc->cap ? dc->cap * 2 : 16;
		dc->msgs = g_renew(diag_msg, dc->msgs, dc->cap);
	}
	diag_msg *m = &dc->msgs[dc->n++];
	m->code = code;
	m->level = catalogue[code].level;
	m->file = g_strdup(file);
	m->line = line;
	m->col = col;
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wformat-nonliteral"
	m->msg = g_strdup_vprintf(catalogue[code].fmt, ap);
#pragma GCC diagnostic pop
	if (m->level == DIAG_ERROR)
		dc->nerrors++;
	else if (m->level == DIAG_WARNING)
		dc->nwarnings++;
}

void diag_emit(diag_ctx *dc, diag_code code, pps_pos pos, ...)
{
	va_list ap;
	va_start(ap, pos);
	vemit(dc, code, pos.file, pos.line, pos.col, ap);
	va_end(ap);
}

void diag_emit_file(diag_ctx *dc, diag_code code, const char *file, int line, int col, ...)
{
	va_list ap;
	va_start(ap, col);
	vemit(dc, code, file, line, col, ap);
	va_end(ap);
}

bool diag_failed(const diag_ctx *dc)
{
	return dc->nerrors > 0 || (dc->strict && dc->nwarnings > 0);
}

const char *diag_level_name(diag_level l)
{
	return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

static void print_from(const diag_ctx *dc, FILE *f, bool notes)
{
	for (int i = 0; i < dc->n; i++) {
		const diag_msg *m = &dc->msgs[i];
		if (!notes && m->level == DIAG_NOTE)
			continue;
		diag_level l = m->level;
		if (dc->strict && l == DIAG_WARNING)
			l = DIAG_ERROR;
		if (m->file && m->line > 0 && m->col < 0) /* FILE:PART:N (a Word document's paragraph) */
			fprintf(f, "%s:%d: %s: %s\n", m->file, m->line, diag_level_name(l), m->msg);
		else if (m->file && m->line > 0)
			fprintf(f, "%s:%d:%d: %s: %s\n", m->file, m->line, m->col > 0 ? m->col : 1,
				diag_level_name(l), m->msg);
		else if (m->file)
			fprintf(f, "%s: %s: %s\n", m->file, diag_level_name(l), m->msg);
		else
			fprintf(f, "ppsgen: %s: %s\n", diag_level_name(l), m->msg);
	}
}

void diag_print(const diag_ctx *dc, FILE *f) { print_from(dc, f, true); }

void diag_print_problems(const diag_ctx *dc, FILE *f) { print_from(dc, f, false); }

bool diag_has(const diag_ctx *dc, diag_code code)
{
	for (int i = 0; i < dc->n; i++)
		if (dc->msgs[i].code == code)
			return true;
	return false;
}

void diag_append(diag_ctx *dst, const diag_ctx *src)
{
	for (int i = 0; i < src->n; i++) {
		if (dst->n == dst->cap) {
			dst->cap = dst->cap ? dst->cap * 2 : 16;
			dst->msgs = g_renew(diag_msg, dst->msgs, dst->cap);
		}
		diag_msg *m = &dst->msgs[dst->n++];
		*m = src->msgs[i];
		m->file = g_strdup(src->msgs[i].file);
		m->msg = g_strdup(src->msgs[i].msg);
		if (m->level == DIAG_ERROR)
			dst->nerrors++;
		else if (m->level == DIAG_WARNING)
			dst->nwarnings++;
	}
}
