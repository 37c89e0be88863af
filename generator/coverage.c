/* coverage.c — translation gaps and dangling figure references (coverage.h). */
#include "coverage.h"

static const char *lang_long(pps_lang l) { return l == LANG_CY ? "Welsh (cy)" : "English (en)"; }

typedef struct {
	const pps_doc *d;
	FILE *out;
	diag_ctx *dc;
	int count;
	const pps_figures *f;
} gaps;

/* Text with no letters ("£100,000", "10–13") reads the same in every
 * language: it is not a translation gap. */
static bool has_letters(const pps_text *t)
{
	for (int i = 0; i < t->n; i++) {
		if (t->runs[i].kind != RUN_TEXT)
			return true; /* figures and references print words */
		for (const char *p = t->runs[i].text; *p; p = g_utf8_next_char(p))
			if (g_unichar_isalpha(g_utf8_get_char(p)))
				return true;
	}
	return false;
}

static void on_text(const pps_ml *m, const char *what, const pps_section *sec, void *ud)
{
	gaps *g = ud;
	bool words = false;
	for (int l = 0; l < LANG_N; l++)
		words |= m->tx[l].n > 0 && has_letters(&m->tx[l]);
	if (!words)
		return; /* empty text is the reader's business; numbers need no translation */
	for (int i = 0; i < g->d->nlangs; i++) {
		pps_lang l = g->d->langs[i];
		if (m->tx[l].n)
			continue;
		g->count++;
		const char *where = sec && sec->id ? sec->id : "statement";
		if (g->out)
			fprintf(g->out, "%s:%d:%d: %s: %s has no %s text\n", m->pos.file ? m->pos.file : g->d->path,
				m->pos.line, m->pos.col, where, what, lang_long(l));
		if (g->dc) {
			char *w = g_strdup_printf("%s (in %s)", what, where);
			diag_emit(g->dc, DIAG_LANG_GAP_STRICT, m->pos, w, lang_long(l));
			g_free(w);
		}
	}
}

int coverage_report(const pps_doc *d, FILE *out)
{
	gaps g = {.d = d, .out = out};
	model_walk_text(d, on_text, &g);
	fprintf(out, "%d %s missing a declared language\n", g.count, g.count == 1 ? "text is" : "texts are");
	return g.count;
}

void coverage_errors(const pps_doc *d, diag_ctx *dc)
{
	gaps g = {.d = d, .dc = dc};
	model_walk_text(d, on_text, &g);
}

static void on_figs(const pps_ml *m, const char *what, const pps_section *sec, void *ud)
{
	(void)what;
	(void)sec;
	gaps *g = ud;
	for (int l = 0; l < LANG_N; l++)
		for (int i = 0; i < m->tx[l].n; i++) {
			const pps_run *r = &m->tx[l].runs[i];
			if (r->kind == RUN_FIG && !fig_get(g->f, r->ref))
				diag_emit(g->dc, DIAG_UNKNOWN_REF, r->pos, "figure", r->ref);
		}
}

void check_figure_refs(const pps_doc *d, const pps_figures *f, diag_ctx *dc)
{
	gaps g = {.d = d, .dc = dc, .f = f};
	model_walk_text(d, on_figs, &g);
}
