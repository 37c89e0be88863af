/* test_chart.c — the charts (chart.h): bars and lines where the data puts
 * them, every label inside the chart and clear of the others, alternative
 * text word for word in English and Welsh, nothing drawn without data; and
 * each chart rendered to PDF and PNG under PPS_TEST_OUT for a person to look at. */
#include <cairo-pdf.h>
#include <check.h>
#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "layout.h"
#include "testutil.h"

#define EPS 0.01 /* points */
#define A4_TEXT 470.55 /* A4 less 22 mm margins, points */
#define COLUMN 228.0   /* one of two parallel columns, points */

/* ---- A statement built by hand: the seed council's 2018-19 pay -------- */

/* NJC spinal points 9..61, April 2017 salaries in pounds (Appendix A). */
static const int njc[] = {15375, 15613, 15807, 16123, 16491, 16781, 17072, 17419, 17772, 18070, 18746,
			  19430, 20138, 20661, 21268, 21962, 22658, 23398, 24174, 24964, 25951, 26822,
			  27668, 28485, 29323, 30153, 30785, 31601, 32486, 33437, 34538, 35444, 36379,
			  37306, 38237, 39177, 40057, 41025, 41967, 42899, 43821, 44708, 45632, 46532,
			  47436, 49220, 51749, 54267, 56791, 61032, 64163, 67456, 70916};

typedef struct {
	arena *a;
	pps_doc d;
	pps_figures f;
	pps_template *t;
	diag_ctx dc;
	lay_fonts *fonts;
	PangoContext *ctx; /* the run's, owned by fonts */
} fx;

static pps_ml ml(arena *a, const char *en, const char *cy)
{
	pps_ml m = {0};
	const char *s[LANG_N] = {[LANG_EN] = en, [LANG_CY] = cy};
	for (int l = 0; l < LANG_N; l++)
		if (s[l]) {
			pps_run *r = arena_alloc(a, sizeof *r);
			r->kind = RUN_TEXT;
			r->text = arena_strdup(a, s[l]);
			m.tx[l].runs = r;
			m.tx[l].n = 1;
		}
	return m;
}

static void add_fig(fx *x, const char *id, double value, const char *display)
{
	pps_figure *g = arena_alloc(x->a, sizeof *g);
	g->id = arena_strdup(x->a, id);
	g->value = value;
	g->display = arena_strdup(x->a, display);
	g_hash_table_insert(x->f.by_id, (gpointer)g->id, g);
}

/* The run's Pango set-up: layout.c's own. */
static void fonts_open(fx *x)
{
	x->fonts = lay_fonts_new(x->t, &x->dc);
	ck_assert_ptr_nonnull(x->fonts);
	x->ctx = lay_fonts_context(x->fonts);
}

/* Grades A..S as the seed (A and B one point each), four chief officer
 * posts, four multiples, a lowest paid salary and the Real Living Wage. */
static fx *fx_new(void)
{
	fx *x = g_new0(fx, 1);
	diag_init(&x->dc);
	char *tdir = src_path("templates"), *fdir = src_path("fonts");
	x->t = tpl_load(tdir, fdir, &x->dc);
	g_free(tdir);
	g_free(fdir);
	ck_assert_msg(x->t, "templates did not load");
	fonts_open(x);

	arena *a = x->a = arena_new();
	pps_doc *d = &x->d;
	d->arena = a;
	d->hours_x100 = 3700;
	d->weeks_x1000 = 52143;
	d->rlw_e4 = 87500; /* £8.75 an hour, 2018-19 */

	pps_scale *s = d->scales = arena_alloc(a, sizeof *s);
	d->nscales = 1;
	s->id = "njc";
	s->name = ml(a, "NJC pay scale", "Graddfa gyflog y CCC");
	s->hours_x100 = 3700;
	s->ncols = 1;
	s->npoints = (int)G_N_ELEMENTS(njc);
	s->points = arena_array(a, (size_t)s->npoints, sizeof *s->points);
	for (int i = 0; i < s->npoints; i++) {
		s->points[i].n = 9 + i;
		s->points[i].salary = arena_alloc(a, sizeof(int64_t));
		s->points[i].salary[0] = (int64_t)njc[i] * 100;
	}
	s->ngrades = 19;
	s->grades = arena_array(a, 19, sizeof *s->grades);
	for (int i = 0; i < 19; i++) {
		pps_grade *g = &s->grades[i];
		g->id = arena_printf(a, "%c", 'A' + i);
		g->from = i < 2 ? 9 + i : 11 + (i - 2) * 3;
		g->to = i < 2 ? g->from : g->from + 2;
		g->name = ml(a, arena_printf(a, "Grade %s", g->id), arena_printf(a, "Gradd %s", g->id));
	}

	static const struct {
		const char *en, *cy;
		int pay[4];
	} posts[] = {
		{"Chief Executive", "Prif Weithredwr", {159201, 165041, 168287, 171539}},
		{"Directors", "Cyfarwyddwyr", {114523, 118873, 121045, 123218}},
		{"Assistant Chief Executive", "Prif Weithredwr Cynorthwyol", {97122, 100535, 102240, 102917}},
		{"Heads of Service", "Penaethiaid Gwasanaeth", {85042, 87875, 89290, 90709}},
	};
	d->nposts = 4;
	d->posts = arena_array(a, 4, sizeof *d->posts);
	for (int i = 0; i < 4; i++) {
		pps_post *p = &d->posts[i];
		p->id = arena_printf(a, "post%d", i);
		p->title = ml(a, posts[i].en, posts[i].cy);
		p->role = i == 0 ? ROLE_CHIEF_EXECUTIVE : ROLE_CHIEF_OFFICER;
		p->nposts = 1;
		p->npoints = 4;
		p->points = arena_array(a, 4, sizeof *p->points);
		for (int k = 0; k < 4; k++)
			p->points[k] = (int64_t)posts[i].pay[k] * 100;
	}

	static const struct {
		const char *id, *en, *cy, *display;
		double value;
		int64_t limit;
	} mult[] = {
		{"m-lowest-ce", "Lowest paid to Chief Executive", "Y tâl isaf i'r Prif Weithredwr", "11.16:1",
		 171539.0 / 15375, 2000},
		{"m-lowest-co", "Lowest paid to average chief officer", "Y tâl isaf i'r prif swyddog cyfartalog",
		 "6.53:1", 6.5265, 0},
		{"m-median-ce", "Median to Chief Executive", "Y canolrif i'r Prif Weithredwr", "9.13:1",
		 171539.0 / 18793, 2000},
		{"m-median-co", "Median to average chief officer", "Y canolrif i'r prif swyddog cyfartalog",
		 "5.34:1", 5.3395, 0},
	};
	x->f.arena = a;
	x->f.by_id = g_hash_table_new(g_str_hash, g_str_equal);
	d->nmultiples = 4;
	d->multiples = arena_array(a, 4, sizeof *d->multiples);
	for (int i = 0; i < 4; i++) {
		pps_multiple *m = &d->multiples[i];
		m->id = mult[i].id;
		m->places = 2;
		m->limit_x100 = mult[i].limit;
		m->label = ml(a, mult[i].en, mult[i].cy);
		add_fig(x, m->id, mult[i].value, mult[i].display);
	}
	x->f.lowest = 1537500;
	x->f.median = 1879300;
	return x;
}

static void fx_free(fx *x)
{
	g_hash_table_destroy(x->f.by_id);
	arena_free(x->a);
	tpl_free(x->t);
	diag_clear(&x->dc);
	lay_fonts_free(x->fonts);
	g_free(x);
}

static void set_quartiles(fx *x, const double *men)
{
	x->f.gpg.present = true;
	for (int q = 0; q < 4; q++) {
		x->f.gpg.q_men[q] = men[q];
		x->f.gpg.q_women[q] = 100 - men[q];
	}
}

/* ---- Checks every chart must pass ------------------------------------- */

/* Every label id chart.c uses is in templates/labels.xml, in both languages
 * (tpl_label would print a missing one as its id). */
START_TEST(labels_present)
{
	static const char *const ids[] = {
		"chart-pay-structure", "chart-multiples", "chart-gender-quartiles", "chart-chief-officers",
		"chart-reference", "chart-lowest", "chart-rlw", "chart-marker", "chart-money-k",
		"chart-alt-grade", "chart-alt-grade-point", "chart-alt-post", "chart-alt-post-point",
		"chart-alt-lowest", "chart-alt-rlw", "chart-alt-multiple", "chart-alt-multiple-limit",
		"chart-alt-limit", "chart-alt-quartile-1", "chart-alt-quartile-2", "chart-alt-quartile-3",
		"chart-alt-quartile-4", "quartile-1", "quartile-2", "quartile-3", "quartile-4", "col-men",
		"col-women", "grade-default"};
	fx *x = fx_new();
	for (size_t i = 0; i < G_N_ELEMENTS(ids); i++)
		for (int l = 0; l < LANG_N; l++)
			ck_assert_msg(g_hash_table_lookup(x->t->labels[l], ids[i]), "label %s missing in %s", ids[i],
				      l == LANG_CY ? "cy" : "en");
	fx_free(x);
}
END_TEST

/* No gridline runs through a label inside a plot: it stops short of it
 * (the label's ground is painted over it). */
static void check_grid_clear(const lay_chart *c)
{
	for (int p = 0; p < chart_panel_count(c); p++) {
		double px, py, pw, ph;
		chart_plot_rect(c, p, &px, &py, &pw, &ph);
		for (int i = 0; i < chart_label_count(c); i++) {
			double x, y, w, h;
			const char *s = chart_label(c, i, &x, &y, &w, &h);
			if (y + h <= py + EPS || y >= py + ph - EPS || chart_label_knockout(c, i))
				continue;
			bool on_bar = false; /* bars are painted over the grid */
			for (int b = 0; b < chart_bar_count(c); b++) {
				double bx, by, bw, bh, v;
				chart_bar_rect(c, b, &bx, &by, &bw, &bh, &v);
				on_bar |= x >= bx - EPS && x + w <= bx + bw + EPS && y + h / 2 >= by && y + h / 2 <= by + bh;
			}
			if (on_bar)
				continue;
			for (int t = 0; t < chart_tick_count(c, p); t++) {
				double tx = chart_tick_x(c, p, t);
				ck_assert_msg(tx <= x + EPS || tx >= x + w - EPS, "the gridline at x=%.2f runs through \"%s\" (%.2f-%.2f)",
					      tx, s, x, x + w);
			}
		}
	}
}

/* Every label inside the chart box, no two touching, none a label id. */
static void check_labels(const lay_chart *c, double width)
{
	check_grid_clear(c);
	double hgt = chart_height(c) / chart_scale(c);
	int n = chart_label_count(c);
	ck_assert_int_gt(n, 0);
	for (int i = 0; i < n; i++) {
		double x, y, w, h;
		const char *s = chart_label(c, i, &x, &y, &w, &h);
		ck_assert_msg(!g_str_has_prefix(s, "chart-") && !g_str_has_prefix(s, "quartile-"), "missing label: %s", s);
		ck_assert_msg(x >= -EPS && y >= -EPS && x + w <= width + EPS && y + h <= hgt + EPS,
			      "\"%s\" at %.2f,%.2f %.2fx%.2f is outside the chart %.2fx%.2f", s, x, y, w, h, width, hgt);
		for (int j = 0; j < i; j++) {
			double x2, y2, w2, h2;
			const char *s2 = chart_label(c, j, &x2, &y2, &w2, &h2);
			bool apart = x + w <= x2 + EPS || x2 + w2 <= x + EPS || y + h <= y2 + EPS || y2 + h2 <= y + EPS;
			ck_assert_msg(apart, "\"%s\" overlaps \"%s\"", s, s2);
		}
	}
}

/* The sizes chart_build measured are those the run's context draws: the
 * chart measures with a font map of its own. */
static void check_measure(const fx *x, const lay_chart *c)
{
	for (int i = 0; i < chart_label_count(c); i++) {
		double lx, ly, lw, lh, size;
		bool bold;
		const char *s = chart_label(c, i, &lx, &ly, &lw, &lh);
		chart_label_font(c, i, &size, &bold);
		PangoLayout *l = pango_layout_new(x->ctx);
		PangoFontDescription *fd = pango_font_description_new();
		pango_font_description_set_family(fd, x->t->style.font);
		pango_font_description_set_size(fd, (gint)lround(size * PANGO_SCALE));
		pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
		pango_layout_set_font_description(l, fd);
		pango_font_description_free(fd);
		pango_layout_set_text(l, s, -1);
		PangoRectangle log;
		pango_layout_get_extents(l, NULL, &log);
		ck_assert_int_eq(pango_layout_get_unknown_glyphs_count(l), 0);
		/* Wrapped labels are narrower than the one line measured here. */
		ck_assert_msg(fabs(lw - (double)log.width / PANGO_SCALE) < EPS || lh > (double)log.height / PANGO_SCALE + 1,
			      "\"%s\": %.3f pt at build, %.3f pt drawn", s, lw, (double)log.width / PANGO_SCALE);
		g_object_unref(l);
	}
}

/* Every bar inside its panel's plot area. */
static void check_bars(const lay_chart *c)
{
	for (int i = 0; i < chart_bar_count(c); i++) {
		double x, y, w, h, v, px, py, pw, ph;
		chart_bar_rect(c, i, &x, &y, &w, &h, &v);
		chart_plot_rect(c, chart_bar_panel(c, i), &px, &py, &pw, &ph);
		ck_assert_msg(x >= px - EPS && x + w <= px + pw + EPS && y >= py - EPS && y + h <= py + ph + EPS,
			      "bar %d outside its plot", i);
		ck_assert(w >= 0 && h > 0);
	}
}

static bool has_label(const lay_chart *c, const char *text)
{
	for (int i = 0; i < chart_label_count(c); i++) {
		double x, y, w, h;
		if (strcmp(chart_label(c, i, &x, &y, &w, &h), text) == 0)
			return true;
	}
	return false;
}

/* Where value v falls on panel p. */
static double at(const lay_chart *c, int p, double v)
{
	double px, py, pw, ph, lo, hi;
	chart_plot_rect(c, p, &px, &py, &pw, &ph);
	chart_axis_range(c, p, &lo, &hi);
	return px + (v - lo) / (hi - lo) * pw;
}

/* Draws the chart on a PDF page and, at 2x, into a PNG. */
static void render(const fx *x, const lay_chart *c, double width, const char *name)
{
	char *dir = g_build_filename(PPS_TEST_OUT, "charts", NULL);
	g_mkdir_with_parents(dir, 0755);
	double m = 10, hgt = chart_height(c), sc = chart_scale(c);
	char *pdf = g_strdup_printf("%s/%s.pdf", dir, name);
	cairo_surface_t *s = cairo_pdf_surface_create(pdf, width + 2 * m, hgt + 2 * m);
	cairo_t *cr = cairo_create(s);
	chart_draw(c, cr, x->ctx, m, m);
	ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);

	char *png = g_strdup_printf("%s/%s.png", dir, name);
	s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, (int)ceil(2 * (width + 2 * m)), (int)ceil(2 * (hgt + 2 * m)));
	cr = cairo_create(s);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_paint(cr);
	cairo_scale(cr, 2, 2);
	/* The chart box, to see that nothing leaves it. */
	cairo_set_source_rgb(cr, 0.9, 0.5, 0.5);
	cairo_set_line_width(cr, 0.25);
	cairo_rectangle(cr, m, m, width * sc, hgt);
	cairo_stroke(cr);
	chart_draw(c, cr, x->ctx, m, m);
	ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	ck_assert_int_eq(cairo_surface_write_to_png(s, png), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	g_free(pdf);
	g_free(png);
	g_free(dir);
}

/* ---- Pay structure ----------------------------------------------------- */

static void check_pay(fx *x, pps_lang lang, double width)
{
	lay_chart *c = chart_build(&x->d, &x->f, x->t, lang, "pay-structure", width, NULL, x->a);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(chart_panel_count(c), 2);
	ck_assert_int_eq(chart_bar_count(c), 19 + 4);
	ck_assert_double_eq(chart_scale(c), 1);
	const pps_scale *s = &x->d.scales[0];
	for (int i = 0; i < 23; i++) {
		double bx, by, bw, bh, v, lo, hi;
		chart_bar_rect(c, i, &bx, &by, &bw, &bh, &v);
		int p = i < 19 ? 0 : 1;
		ck_assert_int_eq(chart_bar_panel(c, i), p);
		if (p == 0) {
			lo = (double)model_point(s, s->grades[i].from)->salary[0] / 100;
			hi = (double)model_point(s, s->grades[i].to)->salary[0] / 100;
		} else {
			const pps_post *post = &x->d.posts[i - 19];
			lo = (double)post->points[0] / 100;
			hi = (double)post->points[3] / 100;
		}
		/* Each bar runs from its lowest salary to its highest, on its
		 * panel's axis; length proportional to the span. */
		ck_assert_double_eq_tol(v, hi - lo, 1e-9);
		ck_assert_double_eq_tol(bx, at(c, p, lo), EPS);
		ck_assert_double_eq_tol(bx + bw, at(c, p, hi), EPS);
	}
	/* Same scale for every bar of a panel: width per pound is constant. */
	double k0 = 0;
	for (int i = 2; i < 19; i++) {
		double bx, by, bw, bh, v;
		chart_bar_rect(c, i, &bx, &by, &bw, &bh, &v);
		if (i == 2)
			k0 = bw / v;
		ck_assert_double_eq_tol(bw, v * k0, EPS);
	}
	/* The chief officers' panel is below the grades'. */
	double px0, py0, pw0, ph0, px1, py1, pw1, ph1;
	chart_plot_rect(c, 0, &px0, &py0, &pw0, &ph0);
	chart_plot_rect(c, 1, &px1, &py1, &pw1, &ph1);
	ck_assert(py1 > py0 + ph0);
	if (width >= 400) /* room for one label column: the plots line up */
		ck_assert_double_eq_tol(px0, px1, EPS);

	/* Lowest paid and the Real Living Wage: £8.75 × 37 × 52.143 = £16,881.30. */
	ck_assert_int_eq(chart_line_count(c), 2);
	double lx, ly0, ly1, lv;
	chart_line(c, 0, &lx, &ly0, &ly1, &lv);
	ck_assert_double_eq_tol(lv, 15375, 1e-9);
	ck_assert_double_eq_tol(lx, at(c, 0, 15375), EPS);
	chart_line(c, 1, &lx, &ly0, &ly1, &lv);
	ck_assert_double_eq_tol(lv, 16881, 1e-9);
	ck_assert_double_eq_tol(lx, at(c, 0, 16881), EPS);
	ck_assert(has_label(c, lang == LANG_EN ? "Lowest paid: £15,375" : "Tâl isaf: £15,375"));
	ck_assert(has_label(c, lang == LANG_EN ? "Real Living Wage: £16,881" : "Cyflog Byw Gwirioneddol: £16,881"));
	ck_assert(has_label(c, lang == LANG_EN ? "Grade S" : "Gradd S"));
	char *name = g_strdup_printf("pay-structure-%s-%d", lang == LANG_EN ? "en" : "cy", (int)width);
	render(x, c, width, name);
	g_free(name);
	/* Salary ticks under the grades: at least three, "£20k" style. */
	int ticks = 0;
	for (int i = 0; i < chart_label_count(c); i++) {
		double tx, ty, tw, th;
		const char *s_ = chart_label(c, i, &tx, &ty, &tw, &th);
		if (ty > py0 + ph0 && ty < py1 && g_str_has_prefix(s_, "£") && g_str_has_suffix(s_, "k"))
			ticks++;
	}
	ck_assert_int_ge(ticks, 3);
	check_bars(c);
	check_labels(c, width);
	check_measure(x, c);
}

START_TEST(pay_structure)
{
	fx *x = fx_new();
	check_pay(x, LANG_EN, A4_TEXT);
	check_pay(x, LANG_CY, A4_TEXT);
	check_pay(x, LANG_EN, COLUMN);
	check_pay(x, LANG_CY, COLUMN);
	fx_free(x);
}
END_TEST

START_TEST(pay_structure_without_data)
{
	fx *x = fx_new();
	x->d.scales[0].ngrades = 0;
	lay_chart *c = chart_build(&x->d, &x->f, x->t, LANG_EN, "pay-structure", A4_TEXT, NULL, x->a);
	ck_assert_ptr_nonnull(c); /* the posts alone still make a chart */
	ck_assert_int_eq(chart_panel_count(c), 1);
	ck_assert_int_eq(chart_bar_count(c), 4);
	check_labels(c, A4_TEXT);
	x->d.nposts = 0;
	ck_assert_ptr_null(chart_build(&x->d, &x->f, x->t, LANG_EN, "pay-structure", A4_TEXT, NULL, x->a));
	fx_free(x);
}
END_TEST

/* A scale with a grade on every point: the rows tighten and, that not being
 * enough, the chart is drawn smaller so that it still fits a page. */
START_TEST(pay_structure_many_grades)
{
	fx *x = fx_new();
	pps_scale *s = &x->d.scales[0];
	s->ngrades = s->npoints;
	s->grades = arena_array(x->a, (size_t)s->ngrades, sizeof *s->grades);
	for (int i = 0; i < s->ngrades; i++) {
		s->grades[i].id = arena_printf(x->a, "%d", i + 1);
		s->grades[i].from = s->grades[i].to = s->points[i].n;
	}
	lay_chart *c = chart_build(&x->d, &x->f, x->t, LANG_CY, "pay-structure", A4_TEXT, NULL, x->a);
	ck_assert_int_eq(chart_bar_count(c), s->ngrades + 4);
	const pps_style *st = &x->t->style;
	ck_assert_double_le(chart_height(c), st->page_h - st->margin_top - st->margin_bottom);
	ck_assert_double_lt(chart_scale(c), 1);
	ck_assert_double_gt(chart_scale(c), 0.7);
	ck_assert(has_label(c, "Gradd 53")); /* unnamed: the label's default */
	check_bars(c);
	check_labels(c, A4_TEXT);
	render(x, c, A4_TEXT, "pay-structure-many");
	fx_free(x);
}
END_TEST

/* ---- Multiples --------------------------------------------------------- */

static void check_multiples(fx *x, pps_lang lang, double width)
{
	lay_chart *c = chart_build(&x->d, &x->f, x->t, lang, "multiples", width, NULL, x->a);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(chart_panel_count(c), 1);
	ck_assert_int_eq(chart_bar_count(c), 4);
	double px, py, pw, ph, lo, hi;
	chart_plot_rect(c, 0, &px, &py, &pw, &ph);
	chart_axis_range(c, 0, &lo, &hi);
	ck_assert_double_eq(lo, 0);
	ck_assert(hi >= 20);
	for (int i = 0; i < 4; i++) {
		double bx, by, bw, bh, v;
		chart_bar_rect(c, i, &bx, &by, &bw, &bh, &v);
		ck_assert_double_eq_tol(v, fig_get(&x->f, x->d.multiples[i].id)->value, 1e-12);
		ck_assert_double_eq_tol(bx, px, EPS);
		ck_assert_double_eq_tol(bw, v / hi * pw, EPS);
		/* The value printed just past the bar's end. */
		const char *disp = fig_get(&x->f, x->d.multiples[i].id)->display;
		bool found = false;
		for (int k = 0; k < chart_label_count(c); k++) {
			double lx, ly, lw, lh;
			if (strcmp(chart_label(c, k, &lx, &ly, &lw, &lh), disp) == 0) {
				found = true;
				ck_assert(lx >= bx + bw && lx <= bx + bw + 6);
				ck_assert(ly < by + bh && ly + lh > by);
			}
		}
		ck_assert_msg(found, "no value label %s", disp);
	}
	/* One reference line at 20:1, labelled, over the whole plot. */
	ck_assert_int_eq(chart_line_count(c), 1);
	double lx, ly0, ly1, lv;
	chart_line(c, 0, &lx, &ly0, &ly1, &lv);
	ck_assert_double_eq(lv, 20);
	ck_assert_double_eq_tol(lx, px + 20 / hi * pw, EPS);
	ck_assert(ly0 < py && ly1 >= py + ph - EPS);
	ck_assert(has_label(c, lang == LANG_EN ? "20:1 limit" : "Terfyn 20:1"));
	check_bars(c);
	check_labels(c, width);
	check_measure(x, c);
	char *name = g_strdup_printf("multiples-%s-%d", lang == LANG_EN ? "en" : "cy", (int)width);
	render(x, c, width, name);
	g_free(name);
}

START_TEST(multiples)
{
	fx *x = fx_new();
	check_multiples(x, LANG_EN, A4_TEXT);
	check_multiples(x, LANG_CY, A4_TEXT);
	check_multiples(x, LANG_EN, COLUMN);
	check_multiples(x, LANG_CY, COLUMN);
	fx_free(x);
}
END_TEST

/* A multiple close to its limit: the value label sits on the line, on a
 * white ground, and still clear of every other label. */
START_TEST(multiples_near_limit)
{
	fx *x = fx_new();
	add_fig(x, "m-lowest-ce", 19.6, "19.60:1");
	x->d.multiples[1].limit_x100 = 1000; /* a second, stricter line */
	lay_chart *c = chart_build(&x->d, &x->f, x->t, LANG_EN, "multiples", A4_TEXT, NULL, x->a);
	ck_assert_int_eq(chart_line_count(c), 2);
	ck_assert(has_label(c, "10:1 limit") && has_label(c, "20:1 limit"));
	check_bars(c);
	check_labels(c, A4_TEXT);
	render(x, c, A4_TEXT, "multiples-near-limit");
	fx_free(x);
}
END_TEST

/* ---- Gender pay quartiles --------------------------------------------- */

static void check_quartiles(fx *x, pps_lang lang, double width, const char *name)
{
	lay_chart *c = chart_build(&x->d, &x->f, x->t, lang, "gender-quartiles", width, NULL, x->a);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(chart_bar_count(c), 8);
	double px, py, pw, ph;
	chart_plot_rect(c, 0, &px, &py, &pw, &ph);
	for (int q = 0; q < 4; q++) {
		double mx, my, mw, mh, mv, wx, wy, ww, wh, wv;
		chart_bar_rect(c, 2 * q, &mx, &my, &mw, &mh, &mv);
		chart_bar_rect(c, 2 * q + 1, &wx, &wy, &ww, &wh, &wv);
		/* 100% stacked: men from the left, women the rest. */
		ck_assert_double_eq_tol(mx, px, EPS);
		ck_assert_double_eq_tol(mw, x->f.gpg.q_men[q] / 100 * pw, EPS);
		ck_assert_double_eq_tol(wx, mx + mw, EPS);
		ck_assert_double_eq_tol(wx + ww, px + pw, EPS);
		ck_assert_double_eq_tol(mv + wv, 100, 1e-9);
	}
	ck_assert(has_label(c, lang == LANG_EN ? "Men" : "Dynion"));
	ck_assert(has_label(c, lang == LANG_EN ? "Women" : "Menywod"));
	ck_assert(has_label(c, lang == LANG_EN ? "Lower middle" : "Canol isaf"));
	char pct[32];
	g_snprintf(pct, sizeof pct, "%.1f%%", x->f.gpg.q_men[0]);
	ck_assert(has_label(c, pct));
	check_bars(c);
	check_labels(c, width);
	check_measure(x, c);
	render(x, c, width, name);
}

START_TEST(gender_quartiles)
{
	fx *x = fx_new();
	ck_assert_ptr_null(chart_build(&x->d, &x->f, x->t, LANG_EN, "gender-quartiles", A4_TEXT, NULL, x->a));
	const double men[4] = {35.2, 28.9, 31.0, 44.6};
	set_quartiles(x, men);
	check_quartiles(x, LANG_EN, A4_TEXT, "quartiles-en-470");
	check_quartiles(x, LANG_CY, A4_TEXT, "quartiles-cy-470");
	check_quartiles(x, LANG_CY, COLUMN, "quartiles-cy-228");
	/* Segments too narrow for their own percentage. */
	const double edge[4] = {2.0, 99.0, 0.5, 50.0};
	set_quartiles(x, edge);
	check_quartiles(x, LANG_EN, A4_TEXT, "quartiles-edge-470");
	check_quartiles(x, LANG_EN, COLUMN, "quartiles-edge-228");
	fx_free(x);
}
END_TEST

/* Multiples over the years: a panel per multiple with earlier values, bars
 * in year order, proportional to the values, the alt text naming years. */
START_TEST(history_chart)
{
	fx *x = fx_new();
	pps_multiple *m = &x->d.multiples[0];
	m->nearlier = 2;
	m->earlier = arena_array(x->a, 2, sizeof *m->earlier);
	m->earlier[0] = (struct pps_earlier){.year_start = x->d.year_start - 2, .value = 10.5};
	m->earlier[1] = (struct pps_earlier){.year_start = x->d.year_start - 1, .value = 12.25};
	lay_chart *c = chart_build(&x->d, &x->f, x->t, LANG_EN, "multiples-history", A4_TEXT, NULL, x->a);
	ck_assert_ptr_nonnull(c);
	ck_assert_int_eq(chart_panel_count(c), 1);
	ck_assert_int_eq(chart_bar_count(c), 3);
	double px, py, pw, ph, lo, hi, prev_y = -1;
	chart_plot_rect(c, 0, &px, &py, &pw, &ph);
	chart_axis_range(c, 0, &lo, &hi);
	double want[3] = {10.5, 12.25, fig_get(&x->f, m->id)->value};
	for (int i = 0; i < 3; i++) {
		double bx, by, bw, bh, v;
		chart_bar_rect(c, i, &bx, &by, &bw, &bh, &v);
		ck_assert_double_eq_tol(v, want[i], 1e-12);
		ck_assert_double_eq_tol(bw, v / hi * pw, EPS);
		ck_assert(by > prev_y); /* oldest first, top down */
		prev_y = by;
	}
	const char *alt = chart_alt(c, x->t, LANG_EN, x->a);
	char *y0 = g_strdup_printf("%d-%02d", x->d.year_start - 2, (x->d.year_start - 1) % 100);
	ck_assert_msg(strstr(alt, y0) && strstr(alt, "10.50:1"), "alt: %s", alt);
	g_free(y0);
	check_labels(c, A4_TEXT);
	fx_free(x);
}
END_TEST

START_TEST(no_chart)
{
	fx *x = fx_new();
	ck_assert_ptr_null(chart_build(&x->d, &x->f, x->t, LANG_EN, "multiples-history", A4_TEXT, NULL, x->a));
	ck_assert_ptr_null(chart_build(&x->d, &x->f, x->t, LANG_EN, "pie", A4_TEXT, NULL, x->a));
	x->d.nmultiples = 0;
	ck_assert_ptr_null(chart_build(&x->d, &x->f, x->t, LANG_EN, "multiples", A4_TEXT, NULL, x->a));
	fx_free(x);
}
END_TEST

/* ---- Alternative text and titles -------------------------------------- */

START_TEST(alt_text)
{
	fx *x = fx_new();
	pps_scale *s = &x->d.scales[0];
	s->ngrades = 2;
	s->grades[1].to = 11; /* B: 10..11 */
	s->grades[1].name = (pps_ml){0}; /* unnamed: "Grade B" from the labels */
	x->d.nposts = 1;
	lay_chart *c = chart_build(&x->d, &x->f, x->t, LANG_EN, "pay-structure", A4_TEXT, NULL, x->a);
	ck_assert_str_eq(chart_alt(c, x->t, LANG_EN, x->a),
			 "Grade A is point 9, £15,375. Grade B spans points 10 to 11, £15,613 to £15,807. "
			 "The salary of the lowest paid is £15,375. "
			 "The Real Living Wage, £8.75 an hour, is £16,881 a year. "
			 "Chief Executive: salary range £159,201 to £171,539.");
	ck_assert_str_eq(chart_alt(c, x->t, LANG_CY, x->a),
			 "Mae Gradd A ar bwynt 9, sef £15,375. Mae Gradd B yn cwmpasu pwyntiau 10 i 11, sef £15,613 i £15,807. "
			 "Cyflog y cyflogeion ar y tâl isaf yw £15,375. "
			 "Mae'r Cyflog Byw Gwirioneddol, £8.75 yr awr, yn cyfateb i £16,881 y flwyddyn. "
			 "Prif Weithredwr: ystod cyflog £159,201 i £171,539.");
	char *title = chart_title(c, x->t, LANG_CY);
	ck_assert_str_eq(title, "Strwythur cyflog: ystod pob gradd");
	g_free(title);

	/* Limits that differ are said with each multiple ... */
	x->d.nmultiples = 2;
	c = chart_build(&x->d, &x->f, x->t, LANG_EN, "multiples", A4_TEXT, NULL, x->a);
	ck_assert_str_eq(chart_alt(c, x->t, LANG_EN, x->a),
			 "Lowest paid to Chief Executive: 11.16:1, against a limit of 20:1. "
			 "Lowest paid to average chief officer: 6.53:1.");
	ck_assert_str_eq(chart_alt(c, x->t, LANG_CY, x->a),
			 "Y tâl isaf i'r Prif Weithredwr: 11.16:1, o'i gymharu â therfyn o 20:1. "
			 "Y tâl isaf i'r prif swyddog cyfartalog: 6.53:1.");
	/* ... one they share, once. */
	x->d.multiples[1].limit_x100 = 2000;
	c = chart_build(&x->d, &x->f, x->t, LANG_EN, "multiples", A4_TEXT, NULL, x->a);
	ck_assert_str_eq(chart_alt(c, x->t, LANG_EN, x->a),
			 "Lowest paid to Chief Executive: 11.16:1. Lowest paid to average chief officer: 6.53:1. "
			 "Each is compared with a limit of 20:1.");
	ck_assert_str_eq(chart_alt(c, x->t, LANG_CY, x->a),
			 "Y tâl isaf i'r Prif Weithredwr: 11.16:1. Y tâl isaf i'r prif swyddog cyfartalog: 6.53:1. "
			 "Cymherir pob un â therfyn o 20:1.");

	const double men[4] = {35.2, 28.9, 31.0, 44.6};
	set_quartiles(x, men);
	c = chart_build(&x->d, &x->f, x->t, LANG_CY, "gender-quartiles", A4_TEXT, NULL, x->a);
	ck_assert_str_eq(chart_alt(c, x->t, LANG_EN, x->a),
			 "In the lower pay quartile, 35.2% are men and 64.8% are women. "
			 "In the lower middle pay quartile, 28.9% are men and 71.1% are women. "
			 "In the upper middle pay quartile, 31.0% are men and 69.0% are women. "
			 "In the upper pay quartile, 44.6% are men and 55.4% are women.");
	ck_assert_str_eq(chart_alt(c, x->t, LANG_CY, x->a),
			 "Yn y chwartel tâl isaf, mae 35.2% yn ddynion, 64.8% yn fenywod. "
			 "Yn y chwartel tâl canol isaf, mae 28.9% yn ddynion, 71.1% yn fenywod. "
			 "Yn y chwartel tâl canol uchaf, mae 31.0% yn ddynion, 69.0% yn fenywod. "
			 "Yn y chwartel tâl uchaf, mae 44.6% yn ddynion, 55.4% yn fenywod.");
	title = chart_title(c, x->t, LANG_EN);
	ck_assert_str_eq(title, "Men and women in each pay quartile");
	g_free(title);
	fx_free(x);
}
END_TEST

/* render.c lays out the two languages on two threads at once: each builds
 * its charts in its own arena, and gets what a lone build gets. */
typedef struct {
	fx *x;
	pps_lang lang;
	char *alt;   /* g_malloc'd */
	double height;
	int nlabels;
} thread_job;

static gpointer build_on_thread(gpointer p)
{
	thread_job *j = p;
	arena *a = arena_new();
	static const char *const kinds[] = {"pay-structure", "multiples", "gender-quartiles"};
	GString *alt = g_string_new(NULL);
	for (int round = 0; round < 3; round++)
		for (size_t k = 0; k < G_N_ELEMENTS(kinds); k++) {
			lay_chart *c = chart_build(&j->x->d, &j->x->f, j->x->t, j->lang, kinds[k], A4_TEXT, NULL, a);
			if (round == 0) {
				g_string_append(alt, chart_alt(c, j->x->t, j->lang, a));
				j->height += chart_height(c);
				j->nlabels += chart_label_count(c);
			}
		}
	j->alt = g_string_free(alt, FALSE);
	arena_free(a);
	return NULL;
}

START_TEST(two_threads)
{
	fx *x = fx_new();
	const double men[4] = {35.2, 28.9, 31.0, 44.6};
	set_quartiles(x, men);
	thread_job alone[2] = {{x, LANG_EN, NULL, 0, 0}, {x, LANG_CY, NULL, 0, 0}};
	thread_job both[2] = {{x, LANG_EN, NULL, 0, 0}, {x, LANG_CY, NULL, 0, 0}};
	for (int i = 0; i < 2; i++)
		build_on_thread(&alone[i]);
	GThread *th[2];
	for (int i = 0; i < 2; i++)
		th[i] = g_thread_new("chart", build_on_thread, &both[i]);
	for (int i = 0; i < 2; i++) {
		g_thread_join(th[i]);
		ck_assert_str_eq(both[i].alt, alone[i].alt);
		ck_assert_double_eq(both[i].height, alone[i].height);
		ck_assert_int_eq(both[i].nlabels, alone[i].nlabels);
		g_free(both[i].alt);
		g_free(alone[i].alt);
	}
	fx_free(x);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("chart");
	TCase *tc = tcase_create("chart");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, labels_present);
	tcase_add_test(tc, pay_structure);
	tcase_add_test(tc, pay_structure_without_data);
	tcase_add_test(tc, pay_structure_many_grades);
	tcase_add_test(tc, multiples);
	tcase_add_test(tc, multiples_near_limit);
	tcase_add_test(tc, gender_quartiles);
	tcase_add_test(tc, no_chart);
	tcase_add_test(tc, history_chart);
	tcase_add_test(tc, alt_text);
	tcase_add_test(tc, two_threads);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
