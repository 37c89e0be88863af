/* html_table.c — the statement's tables in HTML: literal tables and the
 * generated ones (pay scales with a two-level head tied to each cell by
 * headers=, posts, multiples, the gender pay gap, senior pay, proposals,
 * compliance), and each chart as an inline SVG with its figures in a table. */
#include "html_int.h"

#include <math.h>

#include "chart.h"
#include "phrases.h"
#include "rules.h"

/* ---- Tables ---------------------------------------------------------- */

/* Opens the scrolling wrapper, <table> and its <caption>; the caption's words
 * come from cap_fn (written in place). */
typedef void (*put_fn)(H *h, const void *arg);

static void table_begin(H *h, const char *id, put_fn cap_fn, const void *cap_arg, const char *cls)
{
	int n = ++h->ntables;
	/* Wide tables scroll sideways on small screens: the wrapper is a named,
	 * focusable region so keyboard users can scroll it too. */
	g_string_append_printf(h->o, "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-labelledby=\"pps-t%d\">\n", n);
	put(h, "<table");
	html_attr(h, "id", id);
	html_attr(h, "class", cls);
	put(h, ">\n");
	g_string_append_printf(h->o, "<caption id=\"pps-t%d\">", n);
	cap_fn(h, cap_arg);
	put(h, "</caption>\n");
}

static void table_end(H *h) { put(h, "</tbody>\n</table>\n</div>\n"); }

static void th_col(H *h, bool num) { put(h, num ? "<th scope=\"col\" class=\"num\">" : "<th scope=\"col\">"); }
static void th_row(H *h, bool num) { put(h, num ? "<th scope=\"row\" class=\"num\">" : "<th scope=\"row\">"); }
static void html_td(H *h, bool num) { put(h, num ? "<td class=\"num\">" : "<td>"); }

static void cap_label(H *h, const void *id) { html_put_label(h, id); }
static void cap_ml(H *h, const void *m) { html_put_ml_shared(h, m); }

/* A literal <table>: head rows are column headings, the first cell of each
 * body row its row heading. */
void html_literal_table(H *h, const pps_block *b, const char *id, const pps_ml *fallback_cap)
{
	const pps_table *t = b->table;
	const pps_ml *cap = ml_any(&t->caption) ? &t->caption : fallback_cap;
	table_begin(h, id, cap_ml, cap, NULL);
	if (t->nhead) {
		put(h, "<thead>\n");
		for (int r = 0; r < t->nhead; r++) {
			put(h, "<tr>");
			for (int c = 0; c < t->ncols; c++) {
				th_col(h, t->align && t->align[c] == 'r');
				if (c < t->head[r].n)
					html_put_ml(h, &t->head[r].cells[c].text);
				put(h, "</th>");
			}
			put(h, "</tr>\n");
		}
		put(h, "</thead>\n");
	}
	put(h, "<tbody>\n");
	for (int r = 0; r < t->nbody; r++) {
		const pps_row *row = &t->body[r];
		put(h, "<tr>");
		for (int c = 0; c < t->ncols; c++) {
			bool num = t->align && t->align[c] == 'r';
			if (c == 0)
				th_row(h, num);
			else
				html_td(h, num);
			if (c < row->n)
				html_put_ml(h, &row->cells[c].text);
			put(h, c == 0 ? "</th>" : "</td>");
		}
		put(h, "</tr>\n");
	}
	table_end(h);
}

/* Column headings in two lines, as the PDF sets them: a name ("Basic", a
 * supplement's or a salary column's own) over a unit ("Salary (£)").  In the
 * bilingual file each line holds both languages ("Sylfaenol / Basic"). */
static void put_colhead(H *h, const pps_ml *name, const char *label, const char *unit, bool num)
{
	th_col(h, num);
	if (unit)
		put(h, "<span class=\"l1\">");
	if (name && ml_any(name))
		html_put_ml_shared(h, name);
	else
		html_put_label(h, label);
	if (unit) {
		put(h, "</span> <span class=\"l2\">");
		html_put_label(h, unit);
		put(h, "</span>");
	}
	put(h, "</th>");
}

/* A heading cell of a two-level head, with the id its data cells name in
 * headers= (WCAG technique H43: scope alone does not tie a cell to both of
 * its column headings). */
static void th_head(H *h, const char *scope, bool num, int colspan, int rowspan, int table, const char *id)
{
	g_string_append_printf(h->o, "<th scope=\"%s\"%s", scope, num ? " class=\"num\"" : "");
	if (colspan > 1)
		g_string_append_printf(h->o, " colspan=\"%d\"", colspan);
	if (rowspan > 1)
		g_string_append_printf(h->o, " rowspan=\"%d\"", rowspan);
	g_string_append_printf(h->o, " id=\"pps-t%d-%s\">", table, id);
}

/* A data cell under headings: its row's (grade, point), its pay's and its
 * unit's: headers="pps-t3-g9 pps-t3-r9 pps-t3-p1 pps-t3-p1s". */
static void td_headers(H *h, bool num, int table, int row, bool graded, const char *col, const char *sub)
{
	g_string_append_printf(h->o, "<td%s headers=\"", num ? " class=\"num\"" : "");
	if (graded)
		g_string_append_printf(h->o, "pps-t%d-g%d ", table, row);
	g_string_append_printf(h->o, "pps-t%d-r%d pps-t%d-%s", table, row, table, col);
	if (sub)
		g_string_append_printf(h->o, " pps-t%d-%s", table, sub);
	put(h, "\">");
}

static char *grade_fn(H *h, const void *arg, pps_lang l)
{
	const pps_grade *g = arg;
	if (ml_any(&g->name))
		return h->bi ? (ml_has(&g->name, l) ? g_strdup(html_plain(h, &g->name.tx[l], l)) : NULL)
			     : g_strdup(html_ml_plain(h, &g->name, l));
	return tpl_format(h->t, l, "grade-default", "id", g->id, NULL);
}

static void put_money_cell(H *h, int64_t pence, const char *mark)
{
	char *m = fig_pounds(pence);
	html_td(h, true);
	put_esc(h, m);
	if (mark)
		put_esc(h, mark);
	put(h, "</td>");
	g_free(m);
}

static void put_rate_cell(H *h, int64_t rate_e4)
{
	char *r = fig_rate(rate_e4);
	html_td(h, true);
	put_esc(h, r);
	put(h, "</td>");
	g_free(r);
}

typedef struct {
	const char *hours, *weeks;
} rates_note_arg;

static char *rates_note_fn(H *h, const void *arg, pps_lang l)
{
	const rates_note_arg *a = arg;
	return tpl_format(h->t, l, "scale-rates-note", "hours", a->hours, "weeks", a->weeks, NULL);
}

static void scale_notes(H *h, const pps_scale *s);

/* The pay scale with hourly rates, as the PDF sets it: each pay (the salary
 * column's own name, each supplement) over its Salary and Hourly rate.  Every
 * data cell names its three headings: the point, the pay and the unit. */
static void scale_table_two_level(H *h, const pps_scale *s, const pps_scale_fig *sf, const pps_ml *cap,
				  const char *id, bool grades, bool scores)
{
	table_begin(h, id, cap_ml, cap, "scale");
	int t = h->ntables;
	put(h, "<thead>\n<tr>");
	if (grades) {
		th_head(h, "col", false, 1, 2, t, "grade");
		html_put_label(h, "col-grade");
		put(h, "</th>");
	}
	if (scores) {
		th_head(h, "col", true, 1, 2, t, "score");
		html_put_label(h, "col-score");
		put(h, "</th>");
	}
	th_head(h, "col", true, 1, 2, t, "point");
	if (ml_any(&s->point_label))
		html_put_ml_shared(h, &s->point_label);
	else
		html_put_label(h, "col-point");
	put(h, "</th>");
	for (int k = -1; k < s->nsupps; k++) {
		char cid[24];
		g_snprintf(cid, sizeof cid, "p%d", k + 1);
		th_head(h, "colgroup", true, 2, 1, t, cid);
		const pps_ml *name = k < 0 ? (s->col_names && ml_any(&s->col_names[0]) ? &s->col_names[0] : NULL)
					   : &s->supps[k]->name;
		if (name)
			html_put_ml_shared(h, name);
		else
			html_put_label(h, "col-basic");
		put(h, "</th>");
	}
	for (int k = 0; k < s->nextra; k++) {
		char cid[24];
		g_snprintf(cid, sizeof cid, "x%d", k);
		th_head(h, "col", false, 1, 2, t, cid);
		html_put_ml_shared(h, &s->extra_names[k]);
		put(h, "</th>");
	}
	put(h, "</tr>\n<tr>");
	for (int k = -1; k < s->nsupps; k++) {
		char cid[24];
		g_snprintf(cid, sizeof cid, "p%ds", k + 1);
		th_head(h, "col", true, 1, 1, t, cid);
		html_put_label(h, "col-salary");
		put(h, "</th>");
		g_snprintf(cid, sizeof cid, "p%dh", k + 1);
		th_head(h, "col", true, 1, 1, t, cid);
		html_put_label(h, "col-hourly");
		put(h, "</th>");
	}
	put(h, "</tr>\n</thead>\n<tbody>\n");

	const pps_grade *prev = NULL;
	for (int i = 0; i < s->npoints; i++) {
		const pps_point *pt = &s->points[i];
		const pps_point_fig *pf = sf ? &sf->pts[i] : NULL;
		const pps_grade *gr = NULL;
		for (int k = 0; k < s->ngrades; k++)
			if (pt->n >= s->grades[k].from && pt->n <= s->grades[k].to)
				gr = &s->grades[k];
		put(h, gr != prev && i > 0 ? "<tr class=\"group\">" : "<tr>");
		prev = gr;
		if (grades) {
			if (gr) {
				g_string_append_printf(h->o, "<th scope=\"row\" id=\"pps-t%d-g%d\" headers=\"pps-t%d-grade\">", t,
						       pt->n, t);
				html_put_fmt_shared(h, grade_fn, gr, true);
				put(h, "</th>");
			} else {
				g_string_append_printf(h->o, "<td headers=\"pps-t%d-grade\"></td>", t);
			}
		}
		if (scores) {
			td_headers(h, true, t, pt->n, gr != NULL, "score", NULL);
			if (gr && gr->score_to)
				g_string_append_printf(h->o, "%d–%d", gr->score_from, gr->score_to);
			put(h, "</td>");
		}
		g_string_append_printf(h->o, "<th scope=\"row\" class=\"num\" id=\"pps-t%d-r%d\" headers=\"pps-t%d-point\">%d</th>",
				       t, pt->n, t, pt->n);
		for (int k = -1; k < s->nsupps; k++) {
			char cid[24], sal[24], hr[24];
			g_snprintf(cid, sizeof cid, "p%d", k + 1);
			g_snprintf(sal, sizeof sal, "p%ds", k + 1);
			g_snprintf(hr, sizeof hr, "p%dh", k + 1);
			char *m = !pf && k >= 0 ? NULL : fig_pounds(k < 0 ? pt->salary[0] : pf->supp[k]);
			td_headers(h, true, t, pt->n, gr != NULL, cid, sal);
			if (m)
				put_esc(h, m);
			if (m && k < 0 && pt->mark)
				put_esc(h, pt->mark);
			put(h, "</td>");
			g_free(m);
			char *r = pf ? fig_rate(k < 0 ? pf->rate_e4 : pf->supp_rate_e4[k]) : NULL;
			td_headers(h, true, t, pt->n, gr != NULL, cid, hr);
			if (r)
				put_esc(h, r);
			put(h, "</td>");
			g_free(r);
		}
		for (int k = 0; k < s->nextra; k++) {
			char cid[24];
			g_snprintf(cid, sizeof cid, "x%d", k);
			td_headers(h, false, t, pt->n, gr != NULL, cid, NULL);
			put_esc(h, pt->extra[k] ? pt->extra[k] : "");
			put(h, "</td>");
		}
		put(h, "</tr>\n");
	}
	table_end(h);
	scale_notes(h, s);
}

/* The pay scale: the same columns as the PDF (grade, score band, point, each
 * salary column, basic hourly rate, each supplement's salary and hourly
 * rate, the rates only with rates="yes", label columns); the grade and the point are row headings in every
 * row, nothing merged. */
void html_scale_table(H *h, const pps_block *b, const char *id, const pps_ml *fallback_cap)
{
	const pps_scale *s = model_scale(h->d, b->ref);
	if (!s)
		return;
	int idx = (int)(s - h->d->scales);
	const pps_scale_fig *sf = idx < h->f->nscales ? &h->f->scales[idx] : NULL;
	bool scores = false;
	for (int i = 0; i < s->ngrades; i++)
		scores |= s->grades[i].score_to > 0;
	bool grades = s->ngrades > 0;

	const pps_ml *cap = ml_any(&b->caption) ? &b->caption : ml_any(&s->name) ? &s->name : fallback_cap;
	if (s->rates && s->ncols == 1) {
		scale_table_two_level(h, s, sf, cap, id, grades, scores);
		return;
	}
	table_begin(h, id, cap_ml, cap, "scale");
	put(h, "<thead>\n<tr>");
	if (grades)
		put_colhead(h, NULL, "col-grade", NULL, false);
	if (scores)
		put_colhead(h, NULL, "col-score", NULL, true);
	put_colhead(h, ml_any(&s->point_label) ? &s->point_label : NULL, "col-point", NULL, true);
	for (int k = 0; k < s->ncols; k++)
		put_colhead(h, s->col_names && ml_any(&s->col_names[k]) ? &s->col_names[k] : NULL, "col-basic",
			    "col-salary", true);
	if (s->rates)
		put_colhead(h, NULL, "col-basic", "col-hourly", true);
	for (int k = 0; k < s->nsupps; k++) {
		put_colhead(h, &s->supps[k]->name, "col-basic", "col-salary", true);
		if (s->rates)
			put_colhead(h, &s->supps[k]->name, "col-basic", "col-hourly", true);
	}
	for (int k = 0; k < s->nextra; k++)
		put_colhead(h, &s->extra_names[k], "col-basic", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");

	const pps_grade *prev = NULL;
	for (int i = 0; i < s->npoints; i++) {
		const pps_point *pt = &s->points[i];
		const pps_point_fig *pf = sf ? &sf->pts[i] : NULL;
		const pps_grade *gr = NULL;
		for (int k = 0; k < s->ngrades; k++)
			if (pt->n >= s->grades[k].from && pt->n <= s->grades[k].to)
				gr = &s->grades[k];
		put(h, gr != prev && i > 0 ? "<tr class=\"group\">" : "<tr>");
		prev = gr;
		if (grades) {
			if (gr) {
				th_row(h, false);
				html_put_fmt_shared(h, grade_fn, gr, true);
				put(h, "</th>");
			} else {
				put(h, "<td></td>");
			}
		}
		if (scores) {
			html_td(h, true);
			if (gr && gr->score_to)
				g_string_append_printf(h->o, "%d–%d", gr->score_from, gr->score_to);
			put(h, "</td>");
		}
		th_row(h, true);
		g_string_append_printf(h->o, "%d</th>", pt->n);
		for (int k = 0; k < s->ncols; k++)
			put_money_cell(h, pt->salary[k], pt->mark);
		/* without figures (a scale check refused), the computed cells are empty */
		if (s->rates) {
			if (pf)
				put_rate_cell(h, pf->rate_e4);
			else
				put(h, "<td></td>");
		}
		for (int k = 0; k < s->nsupps; k++) {
			if (pf)
				put_money_cell(h, pf->supp[k], NULL);
			else
				put(h, "<td></td>");
			if (s->rates) {
				if (pf)
					put_rate_cell(h, pf->supp_rate_e4[k]);
				else
					put(h, "<td></td>");
			}
		}
		for (int k = 0; k < s->nextra; k++) {
			put(h, "<td>");
			put_esc(h, pt->extra[k] ? pt->extra[k] : "");
			put(h, "</td>");
		}
		put(h, "</tr>\n");
	}
	table_end(h);
	scale_notes(h, s);
}

/* A scale's own notes, then how its hourly rates are worked out. */
static void scale_notes(H *h, const pps_scale *s)
{
	if (ml_any(&s->notes))
		html_note_ml(h, &s->notes);
	if (s->rates) {
		char hours[16], weeks[16];
		g_snprintf(hours, sizeof hours, "%g", (s->hours_x100 > 0 ? s->hours_x100 : h->d->hours_x100) / 100.0);
		g_snprintf(weeks, sizeof weeks, "%g", h->d->weeks_x1000 / 1000.0);
		rates_note_arg ra = {hours, weeks};
		html_note_fmt(h, rates_note_fn, &ra);
	}
}

/* Chief officer posts: title (row heading), grade when any post has one,
 * number of posts, each incremental point. */
void html_posts_table(H *h, const pps_block *b, const char *id)
{
	const pps_doc *d = h->d;
	int maxp = 0;
	bool grade = false;
	for (int i = 0; i < d->nposts; i++) {
		maxp = MAX(maxp, d->posts[i].npoints);
		grade |= ml_any(&d->posts[i].grade);
	}
	if (ml_any(&b->caption))
		table_begin(h, id, cap_ml, &b->caption, "posts");
	else
		table_begin(h, id, cap_label, "chart-chief-officers", "posts");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-post", NULL, false);
	if (grade)
		put_colhead(h, NULL, "col-grade", NULL, false);
	put_colhead(h, NULL, "col-posts", NULL, true);
	for (int k = 0; k < maxp; k++) {
		char n[16];
		g_snprintf(n, sizeof n, "%d", k + 1);
		char *t = tpl_format(h->t, h->lang, "col-increment", "n", n, NULL);
		th_col(h, true);
		put_esc(h, t);
		put(h, " (£)</th>");
		g_free(t);
	}
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		put(h, "<tr>");
		th_row(h, false);
		html_put_ml(h, &p->title);
		put(h, "</th>");
		if (grade) {
			html_td(h, false);
			html_put_ml(h, &p->grade);
			put(h, "</td>");
		}
		html_td(h, true);
		g_string_append_printf(h->o, "%d</td>", p->nposts);
		for (int k = 0; k < maxp; k++) {
			if (k < p->npoints)
				put_money_cell(h, p->points[k], NULL);
			else
				put(h, "<td></td>");
		}
		put(h, "</tr>\n");
	}
	table_end(h);
}

/* The declared multiples: label (row heading), ratio, method; with a
 * <proposal>, the current and proposed ratios (as layout_table.c's
 * multiples_table). */
void html_multiples_table(H *h, const pps_block *b, const char *id)
{
	const pps_doc *d = h->d;
	if (!d->nmultiples)
		return;
	bool prop = d->proposal.present;
	if (ml_any(&b->caption))
		table_begin(h, id, cap_ml, &b->caption, "multiples");
	else
		table_begin(h, id, cap_label, "chart-multiples", "multiples");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-multiple", NULL, false);
	put_colhead(h, NULL, prop ? "col-ratio-current" : "col-ratio", NULL, true);
	if (prop) {
		char *ph = phrase_proposed_head(d, h->t, h->lang);
		th_col(h, true);
		put_esc(h, ph);
		put(h, "</th>");
		g_free(ph);
	}
	put_colhead(h, NULL, "col-method", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_multiple *m = &d->multiples[i];
		put(h, "<tr>");
		th_row(h, false);
		html_put_ml(h, &m->label);
		put(h, "</th>");
		const pps_figure *fg = fig_get(h->f, m->id);
		html_td(h, true);
		put_esc(h, fg ? fg->display : "");
		put(h, "</td>");
		char *why = NULL;
		if (prop) {
			char *pid = g_strdup_printf("%s-proposed", m->id);
			const pps_figure *pf = fig_get(h->f, pid);
			g_free(pid);
			html_td(h, true);
			put_esc(h, pf ? pf->display : "–");
			put(h, "</td>");
			why = phrase_proposed_note(d, h->f, h->t, h->lang, m);
		}
		put(h, "<td>");
		if (ml_any(&m->method)) {
			html_put_ml(h, &m->method);
		} else {
			char *s = phrase_multiple_method(h->d, h->f, h->t, h->lang, m);
			put_esc(h, s);
			g_free(s);
		}
		if (why) {
			put(h, "<br>");
			put_esc(h, why);
			g_free(why);
		}
		put(h, "</td></tr>\n");
	}
	table_end(h);
}

static char *pct(double v)
{
	/* Half up at one decimal, away from zero for negatives too (as layout.c). */
	double r = (v >= 0 ? floor(v * 10 + 0.5) : -floor(-v * 10 + 0.5)) / 10;
	return g_strdup_printf("%.1f%%", r);
}

static char *gpg_caption_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	char *date = tpl_date(h->t, l, h->d->workforce.date);
	char *cap = tpl_format(h->t, l, "gpg-caption", "date", date, NULL);
	g_free(date);
	return cap;
}

static void cap_gpg(H *h, const void *arg) { html_put_fmt_shared(h, gpg_caption_fn, arg, true); }

static char *gpg_note_fn(H *h, const void *arg, pps_lang l)
{
	return tpl_format(h->t, l, "gpg-note", "count", (const char *)arg, NULL);
}

/* Gender pay gap: the mean and median gaps, then the quartiles. */
void html_gpg_tables(H *h, const char *id)
{
	const pps_gpg *g = &h->f->gpg;
	if (!g->present)
		return;
	table_begin(h, id, cap_gpg, NULL, "gpg");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-measure", NULL, false);
	put_colhead(h, NULL, "col-value", NULL, true);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	/* The whole workforce, then the chief officers when their genders are given. */
	const pps_gpg *gc = &h->f->gpg_chief;
	const char *ids[4] = {"gpg-mean", "gpg-median", "gpg-chief-mean", "gpg-chief-median"};
	double v[4] = {g->mean_gap, g->median_gap, gc->mean_gap, gc->median_gap};
	for (int i = 0; i < (gc->present ? 4 : 2); i++) {
		put(h, "<tr>");
		th_row(h, false);
		html_put_label(h, ids[i]);
		put(h, "</th>");
		char *p = pct(v[i]);
		html_td(h, true);
		put_esc(h, p);
		put(h, "</td></tr>\n");
		g_free(p);
	}
	/* The bonus figures (a gap only when men and women were both paid one). */
	static const char *const bonus_ids[] = {"gpg-bonus-mean", "gpg-bonus-median", "gpg-bonus-men", "gpg-bonus-women"};
	for (int i = g->has_bonus ? (g->bonus_gap ? 0 : 2) : 4; i < 4; i++) {
		put(h, "<tr>");
		th_row(h, false);
		html_put_label(h, bonus_ids[i]);
		put(h, "</th>");
		html_td(h, true);
		put_esc(h, fig_get(h->f, bonus_ids[i])->display);
		put(h, "</td></tr>\n");
	}
	table_end(h);

	table_begin(h, NULL, cap_label, "chart-gender-quartiles", "gpg");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-quartile", NULL, false);
	put_colhead(h, NULL, "col-men", NULL, true);
	put_colhead(h, NULL, "col-women", NULL, true);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int q = 0; q < 4; q++) {
		char id[16];
		g_snprintf(id, sizeof id, "quartile-%d", q + 1);
		put(h, "<tr>");
		th_row(h, false);
		html_put_label(h, id);
		put(h, "</th>");
		char *a = pct(g->q_men[q]), *c = pct(g->q_women[q]);
		html_td(h, true);
		put_esc(h, a);
		put(h, "</td>");
		html_td(h, true);
		put_esc(h, c);
		put(h, "</td></tr>\n");
		g_free(a);
		g_free(c);
	}
	table_end(h);
	char cnt[16];
	g_snprintf(cnt, sizeof cnt, "%d", g->nmen + g->nwomen);
	html_note_fmt(h, gpg_note_fn, cnt);
}

static char *senior_caption_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	char *date = tpl_date(h->t, l, h->d->workforce.date);
	char *cap = tpl_format(h->t, l, "senior-caption", "date", date ? date : "", NULL);
	g_free(date);
	return cap;
}

static void cap_senior(H *h, const void *arg) { html_put_fmt_shared(h, senior_caption_fn, arg, true); }

static char *senior_note_fn(H *h, const void *arg, pps_lang l)
{
	if (!arg)
		return g_strdup(tpl_label(h->t, l, "senior-none"));
	return tpl_format(h->t, l, "senior-note", "count", (const char *)arg, NULL);
}

/* Transparency Code 2015 senior pay: the £5,000 bands from £50,000 with
 * their counts, then the senior posts' responsibilities, budgets and the
 * holders named at £150,000 or more (as layout.c's senior_tables). */
void html_senior_tables(H *h, const char *id)
{
	const pps_figures *f = h->f;
	if (f->senior_present && f->nsenior_bands) {
		table_begin(h, id, cap_senior, NULL, "senior");
		id = NULL;
		put(h, "<thead>\n<tr>");
		put_colhead(h, NULL, "col-band", NULL, false);
		put_colhead(h, NULL, "col-employees", NULL, true);
		put(h, "</tr>\n</thead>\n<tbody>\n");
		for (int k = 0; k < f->nsenior_bands; k++) {
			int64_t from = FIG_SENIOR_FROM + (int64_t)k * FIG_SENIOR_BAND;
			char *lo = fig_pounds(from), *hi = fig_pounds(from + FIG_SENIOR_BAND - 100);
			char *t = tpl_format(h->t, h->lang, "senior-band", "from", lo, "to", hi, NULL);
			put(h, "<tr>");
			th_row(h, false);
			put_esc(h, t);
			put(h, "</th>");
			html_td(h, true);
			g_string_append_printf(h->o, "%d</td></tr>\n", f->senior_bands[k]);
			g_free(t);
			g_free(lo);
			g_free(hi);
		}
		table_end(h);
		char *cnt = fig_pounds((int64_t)f->senior_count * 100);
		html_note_fmt(h, senior_note_fn, cnt);
		g_free(cnt);
	} else if (f->senior_present) {
		html_note_fmt(h, senior_note_fn, NULL);
	}
	if (!fig_senior_details(h->d))
		return;
	table_begin(h, id, cap_label, "senior-posts-caption", "senior-posts");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-post", NULL, false);
	put_colhead(h, NULL, "col-responsibilities", NULL, false);
	put_colhead(h, NULL, "col-budget", NULL, true);
	put_colhead(h, NULL, "col-holder", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < h->d->nposts; i++) {
		const pps_post *p = &h->d->posts[i];
		if (!fig_senior_post(p))
			continue;
		put(h, "<tr>");
		th_row(h, false);
		html_put_ml(h, &p->title);
		put(h, "</th>");
		html_td(h, false);
		html_put_ml(h, &p->responsibilities);
		put(h, "</td>");
		if (p->has_budget)
			put_money_cell(h, p->budget, NULL);
		else
			put(h, "<td></td>");
		html_td(h, false);
		for (int k = 0, n = 0; k < p->nholders; k++)
			if (fig_name_published(&p->holders[k])) {
				put(h, n++ ? "; " : "");
				put_esc(h, p->holders[k].name);
			}
		put(h, "</td></tr>\n");
	}
	table_end(h);
}

static char *prop_caption_fn(H *h, const void *arg, pps_lang l)
{
	const pps_block *b = arg;
	const pps_ml *name = b->post_ref ? &model_post(h->d, b->ref)->title : &model_scale(h->d, b->ref)->name;
	char *date = tpl_date(h->t, l, h->d->proposal.effective);
	char *cap = tpl_format(h->t, l, b->by_grade ? "prop-grade-caption" : "prop-caption", "name",
			       html_ml_plain(h, name, l), "date", date ? date : "", NULL);
	g_free(date);
	return cap;
}

static void cap_prop(H *h, const void *arg) { html_put_fmt_shared(h, prop_caption_fn, arg, true); }

/* arg: the note's label id. */
static char *prop_note_fn(H *h, const void *arg, pps_lang l) { return g_strdup(tpl_label(h->t, l, arg)); }

static char *prop_grade_name_fn(H *h, const void *arg, pps_lang l)
{
	return phrase_prop_grade_cell(h->t, l, h->a, arg, 0);
}

/* by="grade" (as layout_table.c's place_proposal_grades). */
static void html_proposal_grades(H *h, const pps_block *b, const char *id)
{
	pps_prop_grade_row *rows;
	int n = fig_proposal_grade_rows(h->d, b->ref, h->a, &rows);
	if (!n)
		return;
	table_begin(h, id, cap_prop, b, "proposal-grades");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-grade", NULL, false);
	put_colhead(h, NULL, "col-points-current", NULL, true);
	put_colhead(h, NULL, "col-current", NULL, true);
	put_colhead(h, NULL, "col-points-proposed", NULL, true);
	put_colhead(h, NULL, "col-proposed", NULL, true);
	put_colhead(h, NULL, "col-change", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < n; i++) {
		put(h, "<tr>");
		th_row(h, false);
		html_put_fmt_shared(h, prop_grade_name_fn, &rows[i], true);
		put(h, "</th>");
		for (int c = 1; c < 5; c++) {
			char *s = phrase_prop_grade_cell(h->t, h->lang, h->a, &rows[i], c);
			html_td(h, true);
			put_esc(h, s);
			put(h, "</td>");
			g_free(s);
		}
		html_td(h, false);
		html_put_label(h, phrase_prop_grade_change(rows[i].change));
		put(h, "</td></tr>\n");
	}
	table_end(h);
	html_note_fmt(h, prop_note_fn, "prop-grade-note");
}

/* A scale's or post's current and proposed points, the change in words
 * (as layout.c's place_proposal_table). */
void html_proposal_table(H *h, const pps_block *b, const char *id)
{
	if (b->by_grade) {
		html_proposal_grades(h, b, id);
		return;
	}
	pps_prop_row *rows;
	int n = fig_proposal_rows(h->d, b->ref, b->post_ref, h->a, &rows);
	if (!n)
		return;
	table_begin(h, id, cap_prop, b, "proposal");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, b->post_ref ? "col-prop-salary" : "col-prop-point", NULL, true);
	put_colhead(h, NULL, "col-current", NULL, true);
	put_colhead(h, NULL, "col-proposed", NULL, true);
	put_colhead(h, NULL, "col-change", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int i = 0; i < n; i++) {
		put(h, "<tr>");
		th_row(h, true);
		char *k = b->post_ref ? fig_pounds(rows[i].cur ? rows[i].cur : rows[i].prop) : g_strdup_printf("%d", rows[i].n);
		put_esc(h, k);
		g_free(k);
		put(h, "</th>");
		for (int c = 0; c < 2; c++) {
			int64_t v = c ? rows[i].prop : rows[i].cur;
			if (v)
				put_money_cell(h, v, NULL);
			else
				put(h, "<td></td>");
		}
		html_td(h, false);
		html_put_label(h, fig_prop_change_label(rows[i].change));
		put(h, "</td></tr>\n");
	}
	table_end(h);
	html_note_fmt(h, prop_note_fn, "prop-note");
}

/* The statutory topics and where they are covered (no page numbers here). */
void html_compliance_table(H *h, const char *id)
{
	rules_table_spec spec;
	if (!rules_compliance_rows(h->d, h->t, h->lang, NULL, "", &spec, h->a))
		return;
	table_begin(h, id, cap_label, "compliance-caption", "compliance");
	put(h, "<thead>\n<tr>");
	put_colhead(h, NULL, "col-topic", NULL, false);
	put_colhead(h, NULL, "col-source", NULL, false);
	put_colhead(h, NULL, "col-where", NULL, false);
	put(h, "</tr>\n</thead>\n<tbody>\n");
	for (int r = 0; r < spec.nrows; r++) {
		put(h, "<tr>");
		th_row(h, false);
		put_esc(h, spec.cells[r * 3]);
		put(h, "</th><td>");
		put_esc(h, spec.cells[r * 3 + 1]);
		put(h, "</td><td>");
		put_esc(h, spec.cells[r * 3 + 2]);
		put(h, "</td></tr>\n");
	}
	table_end(h);
}

/* A chart has no picture here: its caption and the sentences the PDF gives
 * as the figure's alternative text, which carry the same data. */
/* "The chart's figures: Pay multiples" (the title is in the block's language). */
static void cap_chart_table(H *h, const void *title)
{
	char *s = tpl_format(h->t, h->lang, "chart-table-caption", "title", (const char *)title, NULL);
	put_esc(h, s);
	g_free(s);
}

void html_chart_block(H *h, const pps_block *b, const char *id)
{
	const pps_style *st = &h->t->style;
	double width = st->page_w - st->margin_left - st->margin_right;
	lay_chart *c = chart_build(h->d, h->f, h->t, h->lang, b->ref, width > 0 ? width : 450, NULL, h->a);
	if (!c)
		return;
	put(h, "<figure class=\"chart\"");
	html_attr(h, "id", id);
	put(h, ">\n<figcaption>");
	if (ml_any(&b->caption)) {
		html_put_ml(h, &b->caption);
	} else {
		char *s = chart_title(c, h->t, h->lang);
		put_esc(h, s);
		g_free(s);
	}
	put(h, "</figcaption>\n");
	/* The drawing (the PDF's chart code on cairo's SVG surface), named by
	 * the alternative text below it; then its figures as a table. */
	int n = ++h->ncharts;
	char idp[24], alt_id[32];
	g_snprintf(idp, sizeof idp, "pps-c%d", n);
	g_snprintf(alt_id, sizeof alt_id, "pps-c%d-alt", n);
	char *svg = chart_svg(c, h->t, h->d, h->f, h->lang, b->ref, idp, alt_id);
	if (svg) {
		put(h, "<div class=\"drawing\">");
		put(h, svg);
		put(h, "</div>\n");
		g_free(svg);
	}
	g_string_append_printf(h->o, "<p id=\"%s\">", alt_id);
	put_esc(h, chart_alt(c, h->t, h->lang, h->a));
	put(h, "</p>\n");
	chart_table ct;
	chart_figures(c, h->t, h->lang, h->a, &ct);
	if (ct.nrows) {
		char *title = chart_title(c, h->t, h->lang);
		table_begin(h, NULL, cap_chart_table, title, "chart-figures");
		g_free(title);
		put(h, "<thead>\n<tr>");
		for (int k = 0; k < ct.ncols; k++)
			put_colhead(h, NULL, ct.head[k], NULL, ct.num[k]);
		put(h, "</tr>\n</thead>\n<tbody>\n");
		for (int r = 0; r < ct.nrows; r++) {
			put(h, "<tr>");
			th_row(h, false);
			put_esc(h, ct.cell[r * ct.ncols]);
			put(h, "</th>");
			for (int k = 1; k < ct.ncols; k++) {
				html_td(h, ct.num[k]);
				put_esc(h, ct.cell[r * ct.ncols + k]);
				put(h, "</td>");
			}
			put(h, "</tr>\n");
		}
		table_end(h);
	}
	put(h, "</figure>\n");
}

