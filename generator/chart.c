/* chart.c — owns the statement's charts (chart.h): chart_build decides where
 * every bar, line and label goes, measuring text with the bundled fonts, and
 * chart_draw only paints those decisions as cairo vectors.
 *
 * Lengths are PDF points in chart-local coordinates (origin at the chart's
 * top-left corner, y down).  Values are in the axis's own unit: pounds on the
 * pay structure, the ratio ("11.16" for 11.16:1) on the multiples, percent on
 * the quartiles.  Greyscale print must still read: bars are solid dark or
 * light with hatching, lines differ by dash, and everything is labelled
 * directly rather than told apart by colour. */
#include "chart.h"
#include "fonts.h"
#include "layout.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <pango/pangoft2.h>
#include <stdio.h>
#include <string.h>

/* Spacing, in points. */
#define GAP_LABEL 8     /* row labels to the plot */
#define ROW_GAP 3.5     /* above and below each bar (1 when compact) */
#define TICK 3          /* tick mark below the axis */
#define LABEL_PAD 4     /* between two labels on one line */
#define MIN_TICK_STEP 36 /* ticks at least this far apart */
#define SWATCH 9        /* legend key square */

typedef enum { CH_PAY, CH_MULTIPLES, CH_QUARTILES, CH_HISTORY } ch_kind;
typedef enum { INK_TEXT, INK_WHITE } ch_ink;
/* SOLID: primary colour; HATCH: light fill with diagonal lines. */
typedef enum { FILL_SOLID, FILL_HATCH } ch_fill;
typedef enum { DASH_SOLID, DASH_LONG } ch_dash;
typedef enum { AX_MONEY, AX_RATIO, AX_PERCENT } ch_axis;

typedef struct {
	const char *text;
	double x, y, w, h; /* the logical box Pango reports */
	double size;       /* points */
	double wrap;       /* line width of wrapped text; 0 = one line */
	bool bold;
	ch_ink ink;
	bool knockout;     /* the ground behind: the text sits on lines or hatching */
	bool banded;       /* ... and that ground is the row's band colour, not white */
} ch_label;

typedef struct {
	double x, y, w, h;
	double value; /* length in data units */
	int panel;
	ch_fill fill;
	bool dot; /* a single value (a one-point grade): drawn as a dot */
} ch_bar;

typedef struct {
	double x, y0, y1;
	double value;
	ch_dash dash;
} ch_line;

typedef struct {
	double x, y, w, h; /* plot area */
	double min, max;   /* data values at x and at x + w */
	double *ticks;
	int nticks;
} ch_panel;

typedef struct {
	double x, y, w, h;
} ch_rect;

typedef struct {
	ch_rect r;
	ch_fill fill;
} ch_swatch;

/* One sentence of the alternative text, kept as data so chart_alt can say it
 * in any language. */
typedef enum { ALT_GRADE, ALT_POST, ALT_LOWEST, ALT_RLW, ALT_MULTIPLE, ALT_QUARTILE } ch_alt_kind;

typedef struct {
	ch_alt_kind kind;
	const pps_grade *grade;
	const pps_post *post;
	const pps_multiple *multiple;
	int from, to;        /* spinal points */
	int64_t lo, hi;      /* pence */
	int64_t rate_e4;     /* the Real Living Wage per hour */
	const char *display; /* the multiple as printed */
	const char *year;    /* history: the financial year of this value */
	int quartile;        /* 1..4 */
	double men, women;   /* percent */
} ch_alt;

struct lay_chart {
	ch_kind kind;
	double width, height; /* as laid out; drawn times scale */
	double scale;         /* 1, or less when even tight rows would not fit a page */
	const char *font; /* family, from the template */
	double text[3], primary[3], rule[3], head[3], band[3];
	ch_panel *panels;
	int npanels, cpanels;
	ch_bar *bars;
	int nbars, cbars;
	ch_line *lines;
	int nlines, clines;
	ch_label *labels;
	int nlabels, clabels;
	ch_rect *bands; /* alternate row grounds */
	int nbands, cbands;
	ch_swatch *swatches;
	int nswatches, cswatches;
	ch_alt *alts;
	int nalts, calts;
};

/* ---- Growing arrays in the arena ---------------------------------------- */

static void *grow(arena *a, void *old, int n, int *cap, size_t size)
{
	int nc = *cap ? *cap * 2 : 16;
	void *p = arena_array(a, (size_t)nc, size);
	if (n)
		memcpy(p, old, (size_t)n * size);
	*cap = nc;
	return p;
}

/* Appends a zeroed element to arr (n, cap) and yields its address (zeroed
 * again, as a compact re-layout reuses the arrays). */
#define PUSH(a, arr, n, cap)                                                              \
	(((n) == (cap) ? (void)((arr) = grow((a), (arr), (n), &(cap), sizeof *(arr))) : (void)0), \
	 memset(&(arr)[(n)], 0, sizeof *(arr)), &(arr)[(n)++])

/* ---- Building ----------------------------------------------------------- */

typedef struct {
	lay_chart *c;
	arena *a;
	const pps_template *t;
	pps_lang lang;
	PangoFontMap *map;   /* measuring: the bundled fonts at 72 dpi, set up as the run's */
	PangoContext *mctx;  /* NULL when the fonts cannot be read: estimates then */
	double size, small;  /* type sizes of labels and of axis text, points */
	double row_size;     /* type size of the row labels */
	double row_gap;      /* above and below each bar */
} cb;

/* Row of a bar chart: one bar, or two stacked segments. */
typedef struct {
	const char *label;
	int nseg;
	double lo[2], hi[2];
	ch_fill fill[2];
	const char *inside[2]; /* direct labels in the segments, or NULL */
	const char *end;       /* printed after the bar's end, or NULL */
} ch_row;

/* A labelled vertical line across a panel. */
typedef struct {
	double value;
	const char *text;
	ch_dash dash;
} ch_marker;

typedef struct {
	const char *text;
	ch_fill fill;
} ch_key;

typedef struct {
	const char *heading; /* over the panel, or NULL */
	ch_row *rows;
	int nrows;
	ch_marker *markers;
	int nmarkers;
	ch_key *keys; /* legend */
	int nkeys;
	ch_axis axis;
	bool from_zero; /* bar lengths are amounts: the axis starts at 0 */
	bool dots;      /* rows whose range is one value are dots */
	double bar_em;  /* bar height in type sizes; 0 = 1.05 */
	bool percent;   /* the axis is 0..100 */
} ch_spec;

/* Measuring uses a FreeType font map of its own on the same fonts at 72 dpi
 * with unrounded positions: it gives the run's cairo context's extents to
 * the Pango unit (checked for both weights), and unlike a cairo font map it
 * is freed on unref, as cairo's font caches keep no hold on it. */
static void measure_open(cb *b)
{
	FcConfig *fc = fonts_config(b->t->fonts_dir);
	if (!fc)
		return;
	b->map = pango_ft2_font_map_new();
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(b->map), fc);
	FcConfigDestroy(fc); /* the font map holds its own reference */
	pango_ft2_font_map_set_resolution(PANGO_FT2_FONT_MAP(b->map), 72, 72);
	b->mctx = pango_font_map_create_context(b->map);
	pango_context_set_round_glyph_positions(b->mctx, FALSE);
}

static void measure_close(cb *b)
{
	if (b->mctx && b->map) /* our own context: its label layouts go with it */
		chart_forget_layouts(b->mctx);
	if (b->mctx)
		g_object_unref(b->mctx);
	if (b->map)
		g_object_unref(b->map);
}

static PangoLayout *text_layout(PangoContext *ctx, const char *font, const char *text, double size, bool bold,
				double wrap)
{
	PangoLayout *l = pango_layout_new(ctx);
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, font);
	pango_font_description_set_size(fd, (gint)lround(size * PANGO_SCALE));
	pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
	pango_layout_set_font_description(l, fd);
	pango_font_description_free(fd);
	if (wrap > 0) {
		pango_layout_set_width(l, (int)(wrap * PANGO_SCALE));
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	}
	pango_layout_set_text(l, text, -1);
	return l;
}

static const char label_cache_key[] = "ppsgen-chart-labels";

/* A label's layout, made once per Pango context and kept on it: building a
 * chart measures the same labels several times, and drawing it then reuses
 * the layouts measured, so Pango shapes each label once.  The layouts hold
 * the context, so chart_forget_layouts() must drop them before it goes. */
static PangoLayout *label_layout(PangoContext *ctx, const char *font, const char *text, double size, bool bold,
				 double wrap)
{
	GHashTable *cache = g_object_get_data(G_OBJECT(ctx), label_cache_key);
	if (!cache) {
		cache = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_object_unref);
		g_object_set_data_full(G_OBJECT(ctx), label_cache_key, cache, (GDestroyNotify)g_hash_table_unref);
	}
	char *key = g_strdup_printf("%s|%a|%d|%a|%s", font, size, bold, wrap, text);
	PangoLayout *l = g_hash_table_lookup(cache, key);
	if (l) {
		g_free(key);
		return l;
	}
	l = text_layout(ctx, font, text, size, bold, wrap);
	g_hash_table_insert(cache, key, l);
	return l;
}

void chart_forget_layouts(PangoContext *ctx)
{
	if (ctx)
		g_object_set_data(G_OBJECT(ctx), label_cache_key, NULL);
}

static void measure(const cb *b, const char *text, double size, bool bold, double wrap, double *w, double *h)
{
	if (!b->mctx) {
		/* No fonts to measure with: a generous average advance. */
		double n = (double)g_utf8_strlen(text, -1) * size * 0.6;
		int lines = wrap > 0 ? (int)ceil(n / wrap) : 1;
		*w = wrap > 0 && n > wrap ? wrap : n;
		*h = size * 1.37 * (lines > 0 ? lines : 1);
		return;
	}
	PangoRectangle log;
	pango_layout_get_extents(label_layout(b->mctx, b->c->font, text, size, bold, wrap), NULL, &log);
	*w = (double)log.width / PANGO_SCALE;
	*h = (double)log.height / PANGO_SCALE;
}

static ch_label *add_label(cb *b, const char *text, double x, double y, double size, bool bold, double wrap)
{
	lay_chart *c = b->c;
	ch_label *l = PUSH(b->a, c->labels, c->nlabels, c->clabels);
	l->text = arena_strdup(b->a, text);
	l->size = size;
	l->bold = bold;
	l->wrap = wrap;
	measure(b, text, size, bold, wrap, &l->w, &l->h);
	l->x = x;
	l->y = y;
	return l;
}

static bool overlaps(double ax, double aw, double bx, double bw, double pad)
{
	return ax < bx + bw + pad && bx < ax + aw + pad;
}

/* ---- Axes --------------------------------------------------------------- */

static char *tick_text(const cb *b, ch_axis axis, double v)
{
	char num[G_ASCII_DTOSTR_BUF_SIZE];
	switch (axis) {
	case AX_MONEY:
		if (v != 0 && fabs(fmod(v, 1000)) < 1e-6) {
			g_ascii_formatd(num, sizeof num, "%g", v / 1000);
			return tpl_format(b->t, b->lang, "chart-money-k", "n", num, NULL);
		}
		return fig_money((int64_t)llround(v * 100), false);
	case AX_RATIO:
		if (v == 0)
			return g_strdup("0");
		g_ascii_formatd(num, sizeof num, "%g", v);
		return g_strdup_printf("%s:1", num);
	case AX_PERCENT:
		g_ascii_formatd(num, sizeof num, "%g", v);
		return g_strdup_printf("%s%%", num);
	}
	return g_strdup("");
}

/* A round step (1, 2, 2.5 or 5 times a power of ten) giving at most maxint
 * intervals over [lo, hi]; sets the axis ends to multiples of it. */
static double nice_axis(double lo, double hi, int maxint, double *amin, double *amax)
{
	if (maxint < 1)
		maxint = 1;
	double span = hi - lo;
	if (span <= 0)
		span = fabs(hi) > 0 ? fabs(hi) * 0.2 : 1;
	double base = pow(10, floor(log10(span / maxint)) - 1);
	static const double mult[] = {1, 2, 2.5, 5};
	for (int k = 0; k < 8; k++, base *= 10)
		for (int i = 0; i < 4; i++) {
			double step = mult[i] * base;
			double a0 = floor(lo / step + 1e-9) * step;
			double a1 = ceil(hi / step - 1e-9) * step;
			if (a1 <= a0)
				a1 = a0 + step;
			if ((a1 - a0) / step <= maxint + 1e-9) {
				*amin = a0;
				*amax = a1;
				return step;
			}
		}
	*amin = lo;
	*amax = lo + span;
	return span;
}

static double xmap(const ch_panel *p, double v) { return p->x + (v - p->min) / (p->max - p->min) * p->w; }

/* ---- One panel of horizontal bars ------------------------------------- */

/* Markers' labels sit in rows above the plot.  A label goes beside its
 * line (right, else left) or, when neither fits the chart, over the line's
 * top end; no line may cross another marker's label, nor labels touch.
 * Fills each marker's row, box left edge and whether it sits over its line;
 * returns the rows used. */
typedef struct {
	double x;   /* the line */
	double bx;  /* the label's left edge */
	double w;   /* the label's width */
	int row;
	bool over;  /* the label is above the line's top end */
} ch_mark_place;

/* The first row marker m's line passes through. */
static int line_row(const ch_mark_place *m) { return m->over ? m->row + 1 : m->row; }

static bool mark_fits(const ch_mark_place *cand, const ch_mark_place *pl, const int *ord, int nplaced)
{
	for (int k = 0; k < nplaced; k++) {
		const ch_mark_place *j = &pl[ord[k]];
		if (j->row == cand->row && overlaps(cand->bx, cand->w, j->bx, j->w, LABEL_PAD))
			return false;
		if (line_row(j) <= cand->row && j->x > cand->bx - 1 && j->x < cand->bx + cand->w + 1)
			return false;
		if (j->row >= line_row(cand) && cand->x > j->bx - 1 && cand->x < j->bx + j->w + 1)
			return false;
	}
	return true;
}

/* Places the markers in the order ord; false when one found no place. */
static bool place_in_order(const lay_chart *c, ch_mark_place *pl, const int *ord, int n, int *rows, int *failed)
{
	*rows = 0;
	for (int k = 0; k < n; k++) {
		ch_mark_place *m = &pl[ord[k]];
		double bxs[3] = {m->x + 3, m->x - 3 - m->w, CLAMP(m->x - m->w / 2, 0, MAX(0, c->width - m->w))};
		bool done = false;
		for (int r = 0; r <= *rows && !done; r++)
			for (int kind = 0; kind < 3 && !done; kind++) {
				m->row = r;
				m->bx = bxs[kind];
				m->over = kind == 2;
				if (m->bx < -1e-9 || m->bx + m->w > c->width + 1e-9)
					continue;
				done = mark_fits(m, pl, ord, k);
			}
		if (!done) {
			*failed = k;
			return false;
		}
		*rows = MAX(*rows, m->row + 1);
	}
	return true;
}

static int place_markers(cb *b, const ch_spec *s, const ch_panel *p, ch_mark_place *pl)
{
	int n = s->nmarkers;
	int *ord = arena_array(b->a, (size_t)n + 1, sizeof *ord);
	for (int i = 0; i < n; i++) {
		ord[i] = i;
		pl[i].x = xmap(p, s->markers[i].value);
	}
	/* Left to right, so a label right of its line never meets an earlier
	 * line; a marker that finds no place moves to the front and all start
	 * again. */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && pl[ord[j]].x < pl[ord[j - 1]].x; j--) {
			int tmp = ord[j];
			ord[j] = ord[j - 1];
			ord[j - 1] = tmp;
		}
	int rows = 0, failed = 0;
	for (int attempt = 0; attempt <= n; attempt++) {
		if (place_in_order(b->c, pl, ord, n, &rows, &failed))
			return rows;
		int f = ord[failed];
		memmove(ord + 1, ord, (size_t)failed * sizeof *ord);
		ord[0] = f;
	}
	/* Nothing worked: each over its own line, a row each. */
	for (int i = 0; i < n; i++) {
		pl[ord[i]].row = i;
		pl[ord[i]].over = true;
		pl[ord[i]].bx = CLAMP(pl[ord[i]].x - pl[ord[i]].w / 2, 0, MAX(0, b->c->width - pl[ord[i]].w));
	}
	return n;
}

/* Lays out one panel from y down, with the row labels in a column label_w
 * wide; returns the y below it. */
static double panel_layout(cb *b, ch_spec *s, double label_w, double y)
{
	lay_chart *c = b->c;
	ch_panel *p = PUSH(b->a, c->panels, c->npanels, c->cpanels);
	int pi = c->npanels - 1;

	if (s->heading) {
		ch_label *h = add_label(b, s->heading, 0, y, b->size, true, c->width);
		y += h->h + 3;
	}

	/* Legend: key squares and words on one line, wrapping when narrow. */
	if (s->nkeys) {
		double lx = 0, lh = 0;
		for (int k = 0; k < s->nkeys; k++) {
			double w, h;
			measure(b, s->keys[k].text, b->small, false, 0, &w, &h);
			if (lx > 0 && lx + SWATCH + 4 + w > c->width) {
				lx = 0;
				y += lh + 2;
			}
			ch_swatch *sw = PUSH(b->a, c->swatches, c->nswatches, c->cswatches);
			sw->r = (ch_rect){lx, y + (h - SWATCH) / 2, SWATCH, SWATCH};
			sw->fill = s->keys[k].fill;
			add_label(b, s->keys[k].text, lx + SWATCH + 4, y, b->small, false, 0);
			lx += SWATCH + 4 + w + 14;
			lh = MAX(lh, h);
		}
		y += lh + 6;
	}

	/* Data range. */
	double lo = INFINITY, hi = -INFINITY;
	for (int i = 0; i < s->nrows; i++)
		for (int k = 0; k < s->rows[i].nseg; k++) {
			lo = MIN(lo, s->rows[i].lo[k]);
			hi = MAX(hi, s->rows[i].hi[k]);
		}
	for (int i = 0; i < s->nmarkers; i++) {
		lo = MIN(lo, s->markers[i].value);
		hi = MAX(hi, s->markers[i].value);
	}
	if (lo > hi)
		lo = hi = 0;
	if (s->from_zero)
		lo = MIN(lo, 0);

	/* Direct labels that do not fit their segment: the first goes just past
	 * it (over the second, on a white ground), the second after the bar.
	 * Which ones fit depends on the plot width, which depends on what goes
	 * after the bars: settle it in a few rounds. */
	double plot_x = label_w + GAP_LABEL;
	double plot_w = 0;
	for (int round = 0; round < 3; round++) {
		double end_w = 0;
		for (int i = 0; i < s->nrows; i++)
			if (s->rows[i].end) {
				double w, h;
				measure(b, s->rows[i].end, b->small, false, 0, &w, &h);
				end_w = MAX(end_w, w);
			}
		plot_w = c->width - plot_x - (end_w > 0 ? end_w + LABEL_PAD : 0);
		if (plot_w < 24)
			plot_w = 24;
		bool changed = false;
		double range = s->percent ? 100 : (hi - lo > 0 ? hi - lo : 1);
		for (int i = 0; i < s->nrows; i++) {
			ch_row *r = &s->rows[i];
			if (r->nseg == 2 && r->inside[1] && !r->end) {
				double w, h;
				measure(b, r->inside[1], b->small, false, 0, &w, &h);
				if ((r->hi[1] - r->lo[1]) / range * plot_w < w + 6) {
					r->end = r->inside[1];
					r->inside[1] = NULL;
					changed = true;
				}
			}
		}
		if (!changed)
			break;
	}
	p->x = plot_x;
	p->w = plot_w;

	/* Ticks: as many as fit, MIN_TICK_STEP or the widest tick label apart. */
	double step;
	if (s->percent) {
		p->min = 0;
		p->max = 100;
		step = plot_w >= 4 * MIN_TICK_STEP ? 25 : 50;
	} else {
		for (int maxint = MAX(1, (int)(plot_w / MIN_TICK_STEP));; maxint--) {
			step = nice_axis(lo, hi, maxint, &p->min, &p->max);
			double widest = 0;
			for (double v = p->min; v <= p->max + step / 2; v += step) {
				char *t = tick_text(b, s->axis, v);
				double tw, th;
				measure(b, t, b->small, false, 0, &tw, &th);
				widest = MAX(widest, tw);
				g_free(t);
			}
			if (maxint == 1 || step / (p->max - p->min) * plot_w >= MAX(MIN_TICK_STEP, widest + 3 * LABEL_PAD))
				break;
		}
	}
	p->nticks = (int)lround((p->max - p->min) / step) + 1;
	p->ticks = arena_array(b->a, (size_t)p->nticks, sizeof *p->ticks);
	for (int i = 0; i < p->nticks; i++)
		p->ticks[i] = p->min + i * step;

	/* Markers' labels above the plot. */
	int line0 = c->nlines;
	if (s->nmarkers) {
		ch_mark_place *pl = arena_array(b->a, (size_t)s->nmarkers, sizeof *pl);
		double mh = 0;
		for (int i = 0; i < s->nmarkers; i++) {
			double h;
			measure(b, s->markers[i].text, b->small, false, 0, &pl[i].w, &h);
			mh = MAX(mh, h);
		}
		int rows = place_markers(b, s, p, pl);
		double band_y = y;
		y += rows * mh + 2;
		for (int i = 0; i < s->nmarkers; i++) {
			double ly = band_y + pl[i].row * mh;
			add_label(b, s->markers[i].text, pl[i].bx, ly, b->small, false, 0);
			ch_line *ln = PUSH(b->a, c->lines, c->nlines, c->clines);
			ln->value = s->markers[i].value;
			ln->x = pl[i].x;
			/* From the label's first line of text down; from below it when over. */
			ln->y0 = pl[i].over ? ly + mh : ly + mh * 0.2;
			ln->dash = s->markers[i].dash;
		}
	}

	/* Rows. */
	p->y = y;
	double bar_h = b->row_size * (s->bar_em > 0 ? s->bar_em : 1.05);
	for (int i = 0; i < s->nrows; i++) {
		const ch_row *r = &s->rows[i];
		double lw, lh;
		measure(b, r->label, b->row_size, false, label_w, &lw, &lh);
		double rh = MAX(lh, bar_h) + 2 * b->row_gap;
		double cy = y + rh / 2;
		if (i % 2 == 1)
			*PUSH(b->a, c->bands, c->nbands, c->cbands) = (ch_rect){0, y, c->width, rh};
		add_label(b, r->label, 0, cy - lh / 2, b->row_size, false, label_w);
		double bar_end = plot_x;
		for (int k = 0; k < r->nseg; k++) {
			ch_bar *bar = PUSH(b->a, c->bars, c->nbars, c->cbars);
			bar->x = xmap(p, r->lo[k]);
			bar->w = xmap(p, r->hi[k]) - bar->x;
			bar->y = cy - bar_h / 2;
			bar->h = bar_h;
			bar->value = r->hi[k] - r->lo[k];
			bar->panel = pi;
			bar->fill = r->fill[k];
			bar->dot = s->dots && r->lo[k] == r->hi[k];
			bar_end = bar->x + bar->w;
			if (!r->inside[k])
				continue;
			double w, h;
			measure(b, r->inside[k], b->small, false, 0, &w, &h);
			ch_label *l;
			if (bar->w >= w + 6) {
				l = add_label(b, r->inside[k], bar->x + (bar->w - w) / 2, cy - h / 2, b->small, false, 0);
				l->ink = r->fill[k] == FILL_SOLID ? INK_WHITE : INK_TEXT;
				l->knockout = r->fill[k] == FILL_HATCH;
			} else {
				l = add_label(b, r->inside[k], bar_end + 3, cy - h / 2, b->small, false, 0);
				l->knockout = true;
				l->banded = i % 2 == 1;
			}
		}
		if (r->end) {
			double w, h;
			measure(b, r->end, b->small, false, 0, &w, &h);
			/* After the bar, clear of any marker line it would sit on. */
			double ex = MAX(bar_end, plot_x) + LABEL_PAD;
			ch_label *l = add_label(b, r->end, ex, cy - h / 2, b->small, false, 0);
			/* A gridline or marker line under the figure is broken round it. */
			for (int m = line0; m < c->nlines; m++)
				if (c->lines[m].x > l->x - 2 && c->lines[m].x < l->x + l->w + 2)
					l->knockout = true;
			for (int t = 0; t < p->nticks; t++) {
				double tx = xmap(p, p->ticks[t]);
				if (tx > l->x - 2 && tx < l->x + l->w + 2)
					l->knockout = true;
			}
			l->banded = i % 2 == 1;
		}
		y += rh;
	}
	p->h = y - p->y;
	for (int m = line0; m < c->nlines; m++)
		c->lines[m].y1 = y;

	/* Tick labels under the axis: centred on their tick, kept inside the
	 * chart, and dropped when they would touch the one before. */
	double ty = y + TICK + 1, th = 0, last = -INFINITY;
	for (int i = 0; i < p->nticks; i++) {
		char *s_ = tick_text(b, s->axis, p->ticks[i]);
		double w, h;
		measure(b, s_, b->small, false, 0, &w, &h);
		double x = CLAMP(xmap(p, p->ticks[i]) - w / 2, 0, MAX(0, c->width - w));
		if (x >= last + LABEL_PAD) {
			add_label(b, s_, x, ty, b->small, false, 0);
			last = x + w;
			th = MAX(th, h);
		}
		g_free(s_);
	}
	return ty + th;
}

/* The row label column: as wide as the widest label, up to 38% of the chart
 * (longer labels wrap). */
static double label_column(cb *b, ch_spec *specs, int nspecs)
{
	double w = 0;
	for (int k = 0; k < nspecs; k++)
		for (int i = 0; i < specs[k].nrows; i++) {
			double lw, lh;
			measure(b, specs[k].rows[i].label, b->row_size, false, 0, &lw, &lh);
			w = MAX(w, lw);
		}
	return MIN(ceil(w) + 1, MAX(40, b->c->width * 0.38));
}

/* ---- The charts' data ------------------------------------------------- */

static const char *ml_plain(arena *a, const pps_ml *m, pps_lang lang)
{
	const pps_text *t = ml_text(m, lang);
	return t ? text_plain(a, t) : NULL;
}

static const char *grade_name(arena *a, const pps_template *t, pps_lang lang, const pps_grade *g)
{
	const char *s = ml_plain(a, &g->name, lang);
	if (s && *s)
		return s;
	char *f = tpl_format(t, lang, "grade-default", "id", g->id, NULL);
	const char *out = arena_strdup(a, f);
	g_free(f);
	return out;
}

static const char *post_name(arena *a, pps_lang lang, const pps_post *p)
{
	const char *s = ml_plain(a, &p->title, lang);
	return s && *s ? s : p->id;
}

static const char *multiple_name(arena *a, pps_lang lang, const pps_multiple *m)
{
	const char *s = ml_plain(a, &m->label, lang);
	return s && *s ? s : m->id;
}

static ch_alt *add_alt(cb *b, ch_alt_kind kind)
{
	ch_alt *al = PUSH(b->a, b->c->alts, b->c->nalts, b->c->calts);
	al->kind = kind;
	return al;
}

/* "£15,375" in the arena. */
static const char *money(arena *a, int64_t pence)
{
	char *s = fig_money(pence, false);
	const char *out = arena_strdup(a, s);
	g_free(s);
	return out;
}

/* "Name: £15,375" for a marker line. */
static const char *marker_text(cb *b, const char *label_id, int64_t pence)
{
	char *v = fig_money(pence, false);
	char *s = tpl_format(b->t, b->lang, "chart-marker", "name", tpl_label(b->t, b->lang, label_id), "value", v,
			     NULL);
	const char *out = arena_strdup(b->a, s);
	g_free(v);
	g_free(s);
	return out;
}

/* The Real Living Wage as an annual salary on the given weekly hours, to the
 * whole pound (pence): rate × hours × weeks. */
static int64_t rlw_annual(const pps_doc *d, int32_t hours_x100)
{
	int32_t weeks = d->weeks_x1000 > 0 ? d->weeks_x1000 : 52143;
	/* e4 £/h × h/100 × weeks/1000 = pence × 1e5: 8.75 × 37 × 52.143 fits easily. */
	int64_t pence = (d->rlw_e4 * hours_x100 * (int64_t)weeks + 5000000) / 10000000;
	return (pence + 50) / 100 * 100;
}

static lay_chart *build_pay(cb *b, const pps_doc *d, const pps_figures *f)
{
	const pps_scale *sc = NULL;
	for (int i = 0; i < d->nscales && !sc; i++)
		if (d->scales[i].ngrades > 0)
			sc = &d->scales[i];
	ch_spec sp[2] = {{0}};
	int nsp = 0;

	if (sc) {
		ch_spec *s = &sp[nsp++];
		s->axis = AX_MONEY;
		s->dots = true;
		s->rows = arena_array(b->a, (size_t)sc->ngrades, sizeof *s->rows);
		for (int i = 0; i < sc->ngrades; i++) {
			const pps_grade *g = &sc->grades[i];
			const pps_point *p0 = model_point(sc, g->from), *p1 = model_point(sc, g->to);
			if (!p0 || !p1)
				continue;
			ch_row *r = &s->rows[s->nrows++];
			r->label = grade_name(b->a, b->t, b->lang, g);
			r->nseg = 1;
			r->lo[0] = (double)p0->salary[0] / 100;
			r->hi[0] = (double)p1->salary[0] / 100;
			ch_alt *al = add_alt(b, ALT_GRADE);
			al->grade = g;
			al->from = g->from;
			al->to = g->to;
			al->lo = p0->salary[0];
			al->hi = p1->salary[0];
		}
		s->markers = arena_array(b->a, 2, sizeof *s->markers);
		if (f && f->lowest > 0) {
			s->markers[s->nmarkers++] =
				(ch_marker){(double)f->lowest / 100, marker_text(b, "chart-lowest", f->lowest), DASH_SOLID};
			add_alt(b, ALT_LOWEST)->lo = f->lowest;
		}
		if (d->rlw_e4 > 0) {
			int32_t hours = sc->hours_x100 > 0 ? sc->hours_x100 : d->hours_x100 > 0 ? d->hours_x100 : 3700;
			int64_t annual = rlw_annual(d, hours);
			s->markers[s->nmarkers++] =
				(ch_marker){(double)annual / 100, marker_text(b, "chart-rlw", annual), DASH_LONG};
			ch_alt *al = add_alt(b, ALT_RLW);
			al->lo = annual;
			al->rate_e4 = d->rlw_e4;
		}
		if (s->nrows == 0)
			nsp--;
	}

	/* The chief officers' pay is several times the scale's: on an axis of
	 * their own, below, so the grades keep their width. */
	ch_spec *s = &sp[nsp];
	s->axis = AX_MONEY;
	s->dots = true;
	s->rows = arena_array(b->a, (size_t)d->nposts + 1, sizeof *s->rows);
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		if (p->npoints < 1)
			continue;
		ch_row *r = &s->rows[s->nrows++];
		r->label = post_name(b->a, b->lang, p);
		r->nseg = 1;
		r->lo[0] = (double)p->points[0] / 100;
		r->hi[0] = (double)p->points[p->npoints - 1] / 100;
		ch_alt *al = add_alt(b, ALT_POST);
		al->post = p;
		al->lo = p->points[0];
		al->hi = p->points[p->npoints - 1];
	}
	if (s->nrows)
		nsp++;
	if (nsp == 0)
		return NULL;
	if (nsp == 2) {
		sp[0].heading = ml_plain(b->a, &sc->name, b->lang);
		if (!sp[0].heading || !*sp[0].heading)
			sp[0].heading = sc->id;
		sp[1].heading = tpl_label(b->t, b->lang, "chart-chief-officers");
	}
	/* One label column, so the panels line up, when there is room;
	 * in a narrow column each panel keeps what its own labels leave. */
	bool shared = b->c->width >= 400;
	double lw = label_column(b, sp, nsp);
	double y = 0;
	for (int k = 0; k < nsp; k++)
		y = panel_layout(b, &sp[k], shared ? lw : label_column(b, &sp[k], 1), k ? y + 12 : y);
	b->c->height = ceil(y + 2);
	return b->c;
}

/* "20" or "20.5" from 2000 or 2050. */
static const char *limit_text(arena *a, int64_t limit_x100)
{
	if (limit_x100 % 100 == 0)
		return arena_printf(a, "%lld", (long long)(limit_x100 / 100));
	if (limit_x100 % 10 == 0)
		return arena_printf(a, "%lld.%lld", (long long)(limit_x100 / 100), (long long)(limit_x100 % 100 / 10));
	return arena_printf(a, "%lld.%02lld", (long long)(limit_x100 / 100), (long long)(limit_x100 % 100));
}

static lay_chart *build_multiples(cb *b, const pps_doc *d, const pps_figures *f)
{
	ch_spec s = {.axis = AX_RATIO, .from_zero = true};
	s.rows = arena_array(b->a, (size_t)d->nmultiples + 1, sizeof *s.rows);
	s.markers = arena_array(b->a, (size_t)d->nmultiples + 1, sizeof *s.markers);
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_multiple *m = &d->multiples[i];
		const pps_figure *fg = fig_get(f, m->id);
		if (!fg || !(fg->value >= 0) || isinf(fg->value))
			continue;
		ch_row *r = &s.rows[s.nrows++];
		r->label = multiple_name(b->a, b->lang, m);
		r->nseg = 1;
		r->lo[0] = 0;
		r->hi[0] = fg->value;
		r->end = fg->display;
		ch_alt *al = add_alt(b, ALT_MULTIPLE);
		al->multiple = m;
		al->display = fg->display;
		/* One reference line per distinct limit, across the whole plot. */
		if (m->limit_x100 > 0) {
			double v = (double)m->limit_x100 / 100;
			bool seen = false;
			for (int k = 0; k < s.nmarkers; k++)
				seen |= s.markers[k].value == v;
			if (!seen) {
				char *txt = tpl_format(b->t, b->lang, "chart-reference", "limit",
						       limit_text(b->a, m->limit_x100), NULL);
				s.markers[s.nmarkers++] = (ch_marker){v, arena_strdup(b->a, txt), DASH_LONG};
				g_free(txt);
			}
		}
	}
	if (s.nrows == 0)
		return NULL;
	double lw = label_column(b, &s, 1);
	b->c->height = ceil(panel_layout(b, &s, lw, 0) + 2);
	return b->c;
}

/* The multiples over the years: a panel per multiple with earlier years'
 * published values, one bar per year (oldest first, this year last), each
 * labelled as the statement prints it, against the declared limit. */
static lay_chart *build_history(cb *b, const pps_doc *d, const pps_figures *f)
{
	double y = 0;
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_multiple *m = &d->multiples[i];
		const pps_figure *fg = fig_get(f, m->id);
		if (!m->nearlier || !fg || !(fg->value >= 0) || isinf(fg->value))
			continue;
		ch_spec s = {.axis = AX_RATIO, .from_zero = true, .heading = multiple_name(b->a, b->lang, m)};
		s.rows = arena_array(b->a, (size_t)m->nearlier + 1, sizeof *s.rows);
		s.markers = arena_array(b->a, 1, sizeof *s.markers);
		for (int k = 0; k <= m->nearlier; k++) {
			bool now = k == m->nearlier;
			int year = now ? d->year_start : m->earlier[k].year_start;
			double v = now ? fg->value : m->earlier[k].value;
			char *yr = tpl_year(b->t, b->lang, year);
			char *disp = now ? g_strdup(fg->display) : fig_format_multiple(v, m->places, m->one_first, m->spaced);
			ch_row *r = &s.rows[s.nrows++];
			r->label = arena_strdup(b->a, yr);
			r->nseg = 1;
			r->lo[0] = 0;
			r->hi[0] = v;
			r->end = arena_strdup(b->a, disp);
			ch_alt *al = add_alt(b, ALT_MULTIPLE);
			al->multiple = m;
			al->display = r->end;
			al->year = r->label;
			g_free(yr);
			g_free(disp);
		}
		if (m->limit_x100 > 0) {
			char *txt = tpl_format(b->t, b->lang, "chart-reference", "limit", limit_text(b->a, m->limit_x100), NULL);
			s.markers[s.nmarkers++] = (ch_marker){(double)m->limit_x100 / 100, arena_strdup(b->a, txt), DASH_LONG};
			g_free(txt);
		}
		double lw = label_column(b, &s, 1);
		y = panel_layout(b, &s, lw, y) + b->size;
	}
	if (y == 0)
		return NULL;
	b->c->height = ceil(y);
	return b->c;
}

static const char *percent_text(arena *a, double v)
{
	char num[G_ASCII_DTOSTR_BUF_SIZE];
	g_ascii_formatd(num, sizeof num, "%.1f", v);
	return arena_printf(a, "%s%%", num);
}

static lay_chart *build_quartiles(cb *b, const pps_figures *f)
{
	if (!f || !f->gpg.present)
		return NULL;
	ch_key keys[2] = {{tpl_label(b->t, b->lang, "col-men"), FILL_SOLID},
			  {tpl_label(b->t, b->lang, "col-women"), FILL_HATCH}};
	/* Four rows only: bars thick enough to hold their percentages. */
	ch_spec s = {.axis = AX_PERCENT, .percent = true, .keys = keys, .nkeys = 2, .bar_em = 1.7};
	s.rows = arena_array(b->a, 4, sizeof *s.rows);
	for (int q = 0; q < 4; q++) {
		char id[16];
		g_snprintf(id, sizeof id, "quartile-%d", q + 1);
		ch_row *r = &s.rows[s.nrows++];
		r->label = tpl_label(b->t, b->lang, id);
		double men = f->gpg.q_men[q], women = f->gpg.q_women[q], sum = men + women;
		ch_alt *al = add_alt(b, ALT_QUARTILE);
		al->quartile = q + 1;
		al->men = men;
		al->women = women;
		if (!(sum > 0))
			continue;
		/* Shares of the bar, so rounding never leaves a gap or overrun. */
		double split = men / sum * 100;
		r->nseg = 2;
		r->lo[0] = 0;
		r->hi[0] = split;
		r->lo[1] = split;
		r->hi[1] = 100;
		r->fill[0] = FILL_SOLID;
		r->fill[1] = FILL_HATCH;
		r->inside[0] = percent_text(b->a, men);
		r->inside[1] = percent_text(b->a, women);
	}
	double lw = label_column(b, &s, 1);
	b->c->height = ceil(panel_layout(b, &s, lw, 0) + 2);
	return b->c;
}

lay_chart *chart_build(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
		       const char *kind, double width, PangoContext *ctx, arena *a)
{
	return chart_build_in(d, f, t, lang, kind, width, 0, ctx, a);
}

lay_chart *chart_build_in(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
			  const char *kind, double width, double room, PangoContext *ctx, arena *a)
{
	ch_kind k;
	if (!kind || width <= 0)
		return NULL;
	if (strcmp(kind, "pay-structure") == 0)
		k = CH_PAY;
	else if (strcmp(kind, "multiples") == 0)
		k = CH_MULTIPLES;
	else if (strcmp(kind, "gender-quartiles") == 0)
		k = CH_QUARTILES;
	else if (strcmp(kind, "multiples-history") == 0)
		k = CH_HISTORY;
	else /* unknown kinds draw nothing */
		return NULL;
	if ((k == CH_MULTIPLES && d->nmultiples == 0) || (k == CH_QUARTILES && !(f && f->gpg.present)))
		return NULL;

	lay_chart *c = arena_alloc(a, sizeof *c);
	c->kind = k;
	c->width = width;
	const pps_style *st = &t->style;
	c->font = arena_strdup(a, st->font ? st->font : "Noto Sans");
	memcpy(c->text, st->text, sizeof c->text);
	memcpy(c->primary, st->primary, sizeof c->primary);
	memcpy(c->rule, st->rule, sizeof c->rule);
	memcpy(c->head, st->table_head, sizeof c->head);
	memcpy(c->band, st->table_band, sizeof c->band);

	double size = st->table_size > 0 ? st->table_size : 10;
	cb b = {.c = c, .a = a, .t = t, .lang = lang, .size = size, .small = size * 0.9};
	if (ctx)
		b.mctx = g_object_ref(ctx); /* the run's: same fonts, same metrics as drawing */
	else
		measure_open(&b);
	/* A chart cannot break across pages: when it would not fit on one
	 * (with room for its caption), lay it out again with tighter rows. */
	double fit = st->page_h - st->margin_top - st->margin_bottom - 4 * size;
	lay_chart *out = NULL;
	bool normal_fits = false;
	for (int pass = 0; pass < 3; pass++) {
		/* 0: normal rows; 1: tighter; 2: normal again, when tighter rows
		 * did not bring it into the room either. */
		bool compact = pass == 1;
		b.row_size = compact ? b.small : size;
		b.row_gap = compact ? 1 : ROW_GAP;
		c->npanels = c->nbars = c->nlines = c->nlabels = c->nbands = c->nswatches = c->nalts = 0;
		switch (k) {
		case CH_PAY: out = build_pay(&b, d, f); break;
		case CH_MULTIPLES: out = build_multiples(&b, d, f); break;
		case CH_QUARTILES: out = build_quartiles(&b, f); break;
		case CH_HISTORY: out = build_history(&b, d, f); break;
		}
		/* Tighter rows also when they let the chart stay on the page it
		 * comes to (room) instead of leaving most of that page empty. */
		if (!out || fit <= 0 || pass == 2 || (c->height <= fit && (room <= 0 || c->height <= room)))
			break;
		if (pass == 0)
			normal_fits = c->height <= fit;
		else if (!normal_fits || c->height <= room)
			break;
	}
	measure_close(&b);
	/* Still too tall (dozens of grades): drawn smaller, whole. */
	c->scale = out && fit > 0 && c->height > fit ? fit / c->height : 1;
	return out;
}

double chart_height(const lay_chart *c) { return c->height * c->scale; }

double chart_scale(const lay_chart *c) { return c->scale; }

char *chart_title(const lay_chart *c, const pps_template *t, pps_lang lang)
{
	static const char *const ids[] = {[CH_PAY] = "chart-pay-structure",
					  [CH_MULTIPLES] = "chart-multiples",
					  [CH_QUARTILES] = "chart-gender-quartiles",
					  [CH_HISTORY] = "chart-multiples-history"};
	return g_strdup(tpl_label(t, lang, ids[c->kind]));
}

/* ---- Alternative text -------------------------------------------------- */

static void alt_sentence(GString *out, char *s)
{
	if (out->len)
		g_string_append_c(out, ' ');
	g_string_append(out, s);
	g_free(s);
}

/* The limit every multiple shown shares (x100), or 0 when they differ or
 * some have none: then it is said once, not after each. */
static int64_t common_limit(const lay_chart *c)
{
	int64_t lim = -1;
	for (int i = 0; i < c->nalts; i++) {
		if (c->alts[i].kind != ALT_MULTIPLE)
			continue;
		int64_t l = c->alts[i].multiple->limit_x100;
		if (lim >= 0 && l != lim)
			return 0;
		lim = l;
	}
	return lim > 0 && c->nalts > 1 ? lim : 0;
}

const char *chart_alt(const lay_chart *c, const pps_template *t, pps_lang lang, arena *a)
{
	GString *out = g_string_new(NULL);
	int64_t shared = common_limit(c);
	for (int i = 0; i < c->nalts; i++) {
		const ch_alt *al = &c->alts[i];
		char n0[16], n1[16];
		switch (al->kind) {
		case ALT_GRADE: {
			const char *g = grade_name(a, t, lang, al->grade);
			const char *lo = money(a, al->lo), *hi = money(a, al->hi);
			g_snprintf(n0, sizeof n0, "%d", al->from);
			g_snprintf(n1, sizeof n1, "%d", al->to);
			if (al->from == al->to)
				alt_sentence(out, tpl_format(t, lang, "chart-alt-grade-point", "grade", g, "point", n0,
							     "salary", lo, NULL));
			else
				alt_sentence(out, tpl_format(t, lang, "chart-alt-grade", "grade", g, "from", n0, "to",
							     n1, "low", lo, "high", hi, NULL));
			break;
		}
		case ALT_POST: {
			const char *p = post_name(a, lang, al->post);
			const char *lo = money(a, al->lo), *hi = money(a, al->hi);
			if (al->lo == al->hi)
				alt_sentence(out, tpl_format(t, lang, "chart-alt-post-point", "post", p, "salary", lo,
							     NULL));
			else
				alt_sentence(out, tpl_format(t, lang, "chart-alt-post", "post", p, "low", lo, "high",
							     hi, NULL));
			break;
		}
		case ALT_LOWEST:
			alt_sentence(out, tpl_format(t, lang, "chart-alt-lowest", "value", money(a, al->lo), NULL));
			break;
		case ALT_RLW: {
			char *rate;
			if (al->rate_e4 % 100 == 0)
				rate = fig_money(al->rate_e4 / 100, true);
			else {
				char *r = fig_rate(al->rate_e4);
				rate = g_strdup_printf("£%s", r);
				g_free(r);
			}
			alt_sentence(out, tpl_format(t, lang, "chart-alt-rlw", "rate", rate, "value", money(a, al->lo),
						     NULL));
			g_free(rate);
			break;
		}
		case ALT_MULTIPLE: {
			const pps_multiple *m = al->multiple;
			const char *name = multiple_name(a, lang, m);
			if (al->year) /* over the years: "Lowest paid to Chief Executive, 2017-18" */
				name = arena_printf(a, "%s, %s", name, al->year);
			if (m->limit_x100 > 0 && !shared)
				alt_sentence(out, tpl_format(t, lang, "chart-alt-multiple-limit", "label", name, "value",
							     al->display, "limit", limit_text(a, m->limit_x100), NULL));
			else
				alt_sentence(out, tpl_format(t, lang, "chart-alt-multiple", "label", name, "value",
							     al->display, NULL));
			break;
		}
		case ALT_QUARTILE: {
			char id[32];
			g_snprintf(id, sizeof id, "chart-alt-quartile-%d", al->quartile);
			alt_sentence(out, tpl_format(t, lang, id, "men", percent_text(a, al->men), "women",
						     percent_text(a, al->women), NULL));
			break;
		}
		}
	}
	if (shared)
		alt_sentence(out, tpl_format(t, lang, "chart-alt-limit", "limit", limit_text(a, shared), NULL));
	const char *s = arena_strdup(a, out->str);
	g_string_free(out, TRUE);
	return s;
}

/* ---- Drawing ------------------------------------------------------------ */

static void rgb(cairo_t *cr, const double c[3]) { cairo_set_source_rgb(cr, c[0], c[1], c[2]); }

/* Light ground with diagonal lines (45°, 3.5 pt apart), clipped to r. */
static void hatch(const lay_chart *c, cairo_t *cr, ch_rect r)
{
	cairo_save(cr);
	cairo_rectangle(cr, r.x, r.y, r.w, r.h);
	rgb(cr, c->head);
	cairo_fill_preserve(cr);
	cairo_clip(cr);
	rgb(cr, c->primary);
	cairo_set_line_width(cr, 0.6);
	for (double d = -r.h; d < r.w; d += 3.5) {
		cairo_move_to(cr, r.x + d, r.y + r.h);
		cairo_line_to(cr, r.x + d + r.h, r.y);
	}
	cairo_stroke(cr);
	cairo_restore(cr);
}

static void paint_fill(const lay_chart *c, cairo_t *cr, ch_rect r, ch_fill fill)
{
	if (fill == FILL_HATCH) {
		hatch(c, cr, r);
		cairo_rectangle(cr, r.x + 0.3, r.y + 0.3, MAX(0, r.w - 0.6), r.h - 0.6);
		rgb(cr, c->primary);
		cairo_set_line_width(cr, 0.6);
		cairo_stroke(cr);
	} else {
		cairo_rectangle(cr, r.x, r.y, r.w, r.h);
		rgb(cr, c->primary);
		cairo_fill(cr);
	}
}

static void set_dash(cairo_t *cr, ch_dash d)
{
	static const double lng[] = {5, 3}; /* points on, off */
	if (d == DASH_LONG)
		cairo_set_dash(cr, lng, 2, 0);
	else
		cairo_set_dash(cr, NULL, 0, 0);
}

void chart_draw(const lay_chart *c, cairo_t *cr, PangoContext *ctx, double x, double y)
{
	cairo_save(cr);
	cairo_translate(cr, x, y);
	cairo_scale(cr, c->scale, c->scale);

	for (int i = 0; i < c->nbands; i++) {
		const ch_rect *r = &c->bands[i];
		cairo_rectangle(cr, r->x, r->y, r->w, r->h);
		rgb(cr, c->band);
		cairo_fill(cr);
	}

	/* Grid and axis. */
	for (int i = 0; i < c->npanels; i++) {
		const ch_panel *p = &c->panels[i];
		rgb(cr, c->rule);
		cairo_set_line_width(cr, 0.4);
		for (int k = 0; k < p->nticks; k++) {
			double tx = xmap(p, p->ticks[k]);
			cairo_move_to(cr, tx, p->y);
			cairo_line_to(cr, tx, p->y + p->h + TICK);
		}
		cairo_stroke(cr);
		cairo_set_line_width(cr, 0.75);
		cairo_move_to(cr, p->x, p->y + p->h);
		cairo_line_to(cr, p->x + p->w, p->y + p->h);
		cairo_stroke(cr);
	}

	/* Reference lines under the bars: the data stays whole, the lines show
	 * between the rows. */
	rgb(cr, c->text);
	cairo_set_line_width(cr, 1);
	for (int i = 0; i < c->nlines; i++) {
		const ch_line *l = &c->lines[i];
		set_dash(cr, l->dash);
		cairo_move_to(cr, l->x, l->y0);
		cairo_line_to(cr, l->x, l->y1);
		cairo_stroke(cr);
	}
	set_dash(cr, DASH_SOLID);

	for (int i = 0; i < c->nbars; i++) {
		const ch_bar *b = &c->bars[i];
		if (b->dot) { /* a one-point grade: a dot on its salary */
			cairo_arc(cr, b->x, b->y + b->h / 2, b->h * 0.36, 0, 2 * G_PI);
			rgb(cr, c->primary);
			cairo_fill_preserve(cr);
			cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_set_line_width(cr, 0.8);
			cairo_stroke(cr);
		} else if (b->value > 0) { /* a range too short to see is still a 1.5 pt sliver */
			double w = MAX(b->w, 1.5);
			paint_fill(c, cr, (ch_rect){b->x + b->w / 2 - w / 2, b->y, w, b->h}, b->fill);
		}
	}

	for (int i = 0; i < c->nswatches; i++)
		paint_fill(c, cr, c->swatches[i].r, c->swatches[i].fill);

	for (int i = 0; i < c->nlabels; i++) {
		const ch_label *l = &c->labels[i];
		PangoLayout *pl = label_layout(ctx, c->font, l->text, l->size, l->bold, l->wrap);
		if (l->knockout) { /* the ground just round the ink, so the hatching or line shows about it */
			PangoRectangle ink;
			pango_layout_get_extents(pl, &ink, NULL);
			if (l->banded)
				rgb(cr, c->band);
			else
				cairo_set_source_rgb(cr, 1, 1, 1);
			cairo_rectangle(cr, l->x + (double)ink.x / PANGO_SCALE - 1.5, l->y + (double)ink.y / PANGO_SCALE - 1.5,
					(double)ink.width / PANGO_SCALE + 3, (double)ink.height / PANGO_SCALE + 3);
			cairo_fill(cr);
		}
		if (l->ink == INK_WHITE)
			cairo_set_source_rgb(cr, 1, 1, 1);
		else
			rgb(cr, c->text);
		cairo_move_to(cr, l->x, l->y);
		pango_cairo_show_layout(cr, pl);
	}
	cairo_restore(cr);
}

/* ---- The chart's figures, for the HTML ---------------------------------- */

double chart_width(const lay_chart *c) { return c->width * c->scale; }

void chart_figures(const lay_chart *c, const pps_template *t, pps_lang lang, arena *a, chart_table *out)
{
	*out = (chart_table){0};
	switch (c->kind) {
	case CH_PAY:
		*out = (chart_table){4, 0, {"col-chart-item", "col-chart-points", "col-chart-from", "col-chart-to"},
				     {false, true, true, true}, NULL};
		break;
	case CH_MULTIPLES:
	case CH_HISTORY:
		*out = (chart_table){3, 0, {"col-multiple", "col-ratio", "col-chart-limit"}, {false, true, true}, NULL};
		break;
	case CH_QUARTILES:
		*out = (chart_table){3, 0, {"col-quartile", "col-men", "col-women"}, {false, true, true}, NULL};
		break;
	}
	out->cell = arena_array(a, (size_t)(c->nalts * out->ncols) + 1, sizeof(char *));
	for (int i = 0; i < c->nalts; i++) {
		const ch_alt *al = &c->alts[i];
		const char **row = &out->cell[out->nrows * out->ncols];
		for (int k = 0; k < out->ncols; k++)
			row[k] = "";
		char *lo = fig_pounds(al->lo), *hi = fig_pounds(al->hi);
		switch (al->kind) {
		case ALT_GRADE:
			row[0] = grade_name(a, t, lang, al->grade);
			row[1] = al->from == al->to ? arena_printf(a, "%d", al->from)
						    : arena_printf(a, "%d\xe2\x80\x93%d", al->from, al->to);
			row[2] = arena_strdup(a, lo);
			row[3] = arena_strdup(a, hi);
			break;
		case ALT_POST:
			row[0] = post_name(a, lang, al->post);
			row[2] = arena_strdup(a, lo);
			row[3] = arena_strdup(a, hi);
			break;
		case ALT_LOWEST:
		case ALT_RLW: /* a line at one salary */
			row[0] = tpl_label(t, lang, al->kind == ALT_LOWEST ? "chart-lowest" : "chart-rlw");
			row[2] = arena_strdup(a, lo);
			break;
		case ALT_MULTIPLE:
			row[0] = multiple_name(a, lang, al->multiple);
			if (al->year)
				row[0] = arena_printf(a, "%s, %s", row[0], al->year);
			row[1] = al->display;
			if (al->multiple->limit_x100 > 0)
				row[2] = arena_printf(a, "%s:1", limit_text(a, al->multiple->limit_x100));
			break;
		case ALT_QUARTILE: {
			char id[16];
			g_snprintf(id, sizeof id, "quartile-%d", al->quartile);
			row[0] = tpl_label(t, lang, id);
			row[1] = percent_text(a, al->men);
			row[2] = percent_text(a, al->women);
			break;
		}
		}
		g_free(lo);
		g_free(hi);
		out->nrows++;
	}
}

/* ---- Geometry, for tests ---------------------------------------------- */

int chart_panel_count(const lay_chart *c) { return c->npanels; }

void chart_plot_rect(const lay_chart *c, int i, double *x, double *y, double *w, double *h)
{
	const ch_panel *p = &c->panels[i];
	*x = p->x;
	*y = p->y;
	*w = p->w;
	*h = p->h;
}

void chart_axis_range(const lay_chart *c, int i, double *min, double *max)
{
	*min = c->panels[i].min;
	*max = c->panels[i].max;
}

int chart_bar_count(const lay_chart *c) { return c->nbars; }

void chart_bar_rect(const lay_chart *c, int i, double *x, double *y, double *w, double *h, double *value)
{
	const ch_bar *b = &c->bars[i];
	*x = b->x;
	*y = b->y;
	*w = b->w;
	*h = b->h;
	*value = b->value;
}

int chart_bar_panel(const lay_chart *c, int i) { return c->bars[i].panel; }

int chart_line_count(const lay_chart *c) { return c->nlines; }

void chart_line(const lay_chart *c, int i, double *x, double *y0, double *y1, double *value)
{
	const ch_line *l = &c->lines[i];
	*x = l->x;
	*y0 = l->y0;
	*y1 = l->y1;
	*value = l->value;
}

int chart_label_count(const lay_chart *c) { return c->nlabels; }

const char *chart_label(const lay_chart *c, int i, double *x, double *y, double *w, double *h)
{
	const ch_label *l = &c->labels[i];
	*x = l->x;
	*y = l->y;
	*w = l->w;
	*h = l->h;
	return l->text;
}

bool chart_label_knockout(const lay_chart *c, int i) { return c->labels[i].knockout; }

int chart_tick_count(const lay_chart *c, int panel) { return c->panels[panel].nticks; }

double chart_tick_x(const lay_chart *c, int panel, int i)
{
	const ch_panel *p = &c->panels[panel];
	return xmap(p, p->ticks[i]);
}

void chart_label_font(const lay_chart *c, int i, double *size, bool *bold)
{
	*size = c->labels[i].size;
	*bold = c->labels[i].bold;
}
