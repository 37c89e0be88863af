/* phrases.c — sentences about the figures (phrases.h). */
#include "phrases.h"

#include <math.h>
#include <string.h>

char *phrase_quantity(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang, const char *q)
{
	double pence = 0;
	const char *id = "q-post", *post = "";
	char *post_title = NULL;
	if (!strcmp(q, "lowest")) {
		pence = (double)f->lowest;
		id = "q-lowest";
	} else if (!strcmp(q, "median")) {
		pence = (double)f->median;
		id = "q-median";
	} else if (!strcmp(q, "chief-executive")) {
		pence = (double)f->chief_executive;
		id = "q-chief-executive";
	} else if (!strcmp(q, "average-chief-officer")) {
		pence = f->average_chief_officer;
		id = "q-average-chief-officer";
	} else if (g_str_has_prefix(q, "post:")) {
		const pps_post *p = model_post(d, q + 5);
		if (p) {
			arena *a = arena_new();
			post_title = g_strdup(text_plain(a, ml_text(&p->title, lang)));
			arena_free(a);
			post = post_title;
			if (p->nholders) {
				const pps_holder *h = &p->holders[0];
				pence = h->fte_e4 > 0 ? (double)h->salary * 10000.0 / h->fte_e4 : (double)h->salary;
			} else if (p->npoints) {
				pence = (double)p->points[p->npoints - 1];
			}
		}
	}
	char *m = fig_money((int64_t)llround(pence), false);
	char *s = tpl_format(t, lang, id, "value", m, "post", post, NULL);
	g_free(m);
	g_free(post_title);
	return s;
}

char *phrase_sentence_case(char *s)
{
	if (!s || !*s)
		return s;
	gunichar c = g_utf8_get_char(s);
	if (!g_unichar_islower(c))
		return s;
	char up[8] = {0};
	g_unichar_to_utf8(g_unichar_toupper(c), up);
	char *r = g_strconcat(up, g_utf8_next_char(s), NULL);
	g_free(s);
	return r;
}

char *phrase_multiple_method(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
			     const pps_multiple *m)
{
	char *top = phrase_quantity(d, f, t, lang, m->top), *base = phrase_quantity(d, f, t, lang, m->base);
	char *s = tpl_format(t, lang, "multiple-method", "top", top, "base", base, NULL);
	g_free(top);
	g_free(base);
	return phrase_sentence_case(s);
}

char *phrase_proposed_head(const pps_doc *d, const pps_template *t, pps_lang lang)
{
	char *date = tpl_date(t, lang, d->proposal.effective);
	char *s = tpl_format(t, lang, "col-ratio-proposed", "date", date ? date : "", NULL);
	g_free(date);
	return s;
}

char *phrase_proposed_note(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
				const pps_multiple *m)
{
	char *id = g_strdup_printf("%s-proposed", m->id);
	bool defined = fig_get(f, id) != NULL;
	g_free(id);
	const pps_lowest *l = d->proposal.lowest.present ? &d->proposal.lowest : &d->lowest;
	bool uses_lowest = !g_strcmp0(m->top, "lowest") || !g_strcmp0(m->base, "lowest");
	const pps_figure *now = fig_get(f, "lowest-salary"), *then = fig_get(f, "lowest-salary-proposed");
	if (defined && uses_lowest && now && then && (d->proposal.lowest.present || now->value != then->value)) {
		/* The method says who the lowest paid are now; the proposed
		 * value divides by those the proposal makes lowest paid. */
		const pps_scale *s = l->scale ? model_scale(d, l->scale) : NULL;
		if (!s)
			return tpl_format(t, lang, "multiple-proposed-lowest-salary", "value", then->display, NULL);
		char pt[16];
		g_snprintf(pt, sizeof pt, "%d", l->point);
		const char *name = text_plain(d->arena, ml_text(&s->name, lang));
		return tpl_format(t, lang, "multiple-proposed-lowest", "scale", name ? name : l->scale, "point", pt,
				  "value", then->display, NULL);
	}
	/* A multiple undefined now is so under the proposal too: its own
	 * cause is reported, not the proposal's. */
	if (defined || !d->proposal.present || !fig_get(f, m->id))
		return NULL;
	/* The one cause the proposal itself makes: the current lowest-paid
	 * definition's point dropped (figures.c warns of it too). */
	if (uses_lowest && l->present && l->scale && !fig_get(f, "lowest-salary-proposed")) {
		const pps_scale *s = model_scale(d, l->scale);
		char pt[16];
		g_snprintf(pt, sizeof pt, "%d", l->point);
		const char *name = s ? text_plain(d->arena, ml_text(&s->name, lang)) : l->scale;
		return tpl_format(t, lang, "multiple-proposed-undefined", "scale", name ? name : l->scale, "point", pt,
				  NULL);
	}
	return g_strdup(tpl_label(t, lang, "multiple-proposed-missing"));
}

char *phrase_financial_year(const pps_doc *d, const pps_template *t, pps_lang lang)
{
	char *yr = tpl_year(t, lang, d->year_start);
	char *fy = tpl_format(t, lang, "financial-year", "year", yr, NULL);
	g_free(yr);
	return fy;
}

char *phrase_status(const pps_doc *d, const pps_template *t, pps_lang lang)
{
	if (!(d->approved_status && d->approved))
		return g_strdup(tpl_label(t, lang, "draft-line"));
	char *dt = tpl_date(t, lang, d->approved);
	char *line = tpl_format(t, lang, "approved-line", "date", dt, NULL);
	g_free(dt);
	return line;
}

char *phrase_effective(const pps_doc *d, const pps_template *t, pps_lang lang)
{
	if (!d->effective)
		return NULL;
	char *dt = tpl_date(t, lang, d->effective);
	char *line = tpl_format(t, lang, "effective-line", "date", dt, NULL);
	g_free(dt);
	return line;
}

char *phrase_version(const pps_doc *d, const pps_template *t, pps_lang lang)
{
	return d->version ? tpl_format(t, lang, "version-line", "version", d->version, NULL) : NULL;
}

static char *range_str(int64_t a, int64_t b, bool money)
{
	if (!a)
		return g_strdup("");
	char *x = money ? fig_pounds(a) : g_strdup_printf("%d", (int)a);
	if (a == b)
		return x;
	char *y = money ? fig_pounds(b) : g_strdup_printf("%d", (int)b);
	char *s = g_strdup_printf("%s–%s", x, y);
	g_free(x);
	g_free(y);
	return s;
}

char *phrase_prop_grade_cell(const pps_template *t, pps_lang lang, arena *a, const pps_prop_grade_row *r, int col)
{
	switch (col) {
	case 0: {
		const pps_ml *name = r->grade ? &r->grade->name : &r->pg->name;
		const char *id = r->grade ? r->grade->id : r->pg->id;
		const char *s = text_plain(a, ml_text(name, lang));
		return s && *s ? g_strdup(s) : tpl_format(t, lang, "grade-default", "id", id ? id : "", NULL);
	}
	case 1: return range_str(r->cur_from, r->cur_to, false);
	case 2: return range_str(r->cur_lo, r->cur_hi, true);
	case 3: return range_str(r->prop_from, r->prop_to, false);
	default: return range_str(r->prop_lo, r->prop_hi, true);
	}
}

const char *phrase_prop_grade_change(pps_prop_change c)
{
	return c == PROP_CHANGED ? "prop-grade-changed" : fig_prop_change_label(c);
}
