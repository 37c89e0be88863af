/* chart.h — charts drawn as vectors with cairo from the statement's own data:
 * the pay structure, the pay multiples against a reference line, the gender
 * pay gap quartiles.  layout.c sizes and places them; pdf.c calls
 * chart_draw inside a tagged Figure whose /Alt is chart_alt(). */
#ifndef PPS_CHART_H
#define PPS_CHART_H

#include <cairo.h>
#include <pango/pango.h>

#include "figures.h"
#include "model.h"
#include "template.h"

typedef struct lay_chart lay_chart;

/* ctx: the run's Pango context (bundled fonts) to measure labels with, or
 * NULL to measure with a font map of the chart's own (HTML alt text).
 * A chart of `kind` ("pay-structure", "multiples", "gender-quartiles",
 * "multiples-history") `width` points wide, allocated in `a`; NULL when the
 * statement has no data for it. */
/* The same, laid out with tighter rows when that lets it fit `room`
 * points (what is left of the page it comes to; 0: no such wish). */
lay_chart *chart_build_in(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
			  const char *kind, double width, double room, PangoContext *ctx, arena *a);
lay_chart *chart_build(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
		       const char *kind, double width, PangoContext *ctx, arena *a);
/* Height in points. */
double chart_height(const lay_chart *c);
/* Caption text for the chart (g_malloc'd). */
char *chart_title(const lay_chart *c, const pps_template *t, pps_lang lang);
/* Alternative text generated from the data, e.g. "Grade A spans points 9 to
 * 9, £15,375 to £15,375; ..." (arena-allocated). */
const char *chart_alt(const lay_chart *c, const pps_template *t, pps_lang lang, arena *a);
/* Draws the chart with its top-left corner at (x, y), labels shaped with ctx
 * (the run's bundled fonts). */
void chart_draw(const lay_chart *c, cairo_t *cr, PangoContext *ctx, double x, double y);
/* chart_build and chart_draw keep the labels' layouts on the context they
 * are given, to shape each label once; those layouts hold the context, so
 * call this before letting the context go. */
void chart_forget_layouts(PangoContext *ctx);

/* ---- The chart in HTML ------------------------------------------------ */

/* Width in points, as drawn. */
double chart_width(const lay_chart *c);
/* The chart's figures as a table, the data its alternative text says:
 * column headings as label ids (num: a right-aligned number column) and
 * nrows x ncols cells in the arena. */
typedef struct {
	int ncols, nrows;
	const char *head[4];
	bool num[4];
	const char **cell;
} chart_table;
void chart_figures(const lay_chart *c, const pps_template *t, pps_lang lang, arena *a, chart_table *out);
/* chart_svg.c: the chart drawn by chart_draw on cairo's SVG surface, as an
 * <svg> element for an HTML page (g_malloc'd): every id inside it prefixed
 * with `idp` (so several charts share a page), a viewBox so it scales to
 * the width it is given, role="img" named by the element `label_id`.
 * NULL when the bundled fonts cannot be loaded. */
char *chart_svg(const lay_chart *c, const pps_template *t, const pps_doc *d, const pps_figures *f, pps_lang lang,
		const char *kind, const char *idp, const char *label_id);

/* ---- Geometry, for tests ----------------------------------------------
 * Chart-local points: origin at the chart's top-left corner, y down, inside
 * 0..width x 0..chart_height() / chart_scale().  "multiples-history" draws
 * the multiples that declare <earlier> values, a panel each. */
/* 1, or less when the chart, even with tight rows, would not fit a page:
 * chart_draw then draws it that much smaller (and chart_height says so). */
double chart_scale(const lay_chart *c);
/* Panels, each with its own plot area and axis: the pay structure has the
 * grades and, below them, the chief officers' posts. */
int chart_panel_count(const lay_chart *c);
void chart_plot_rect(const lay_chart *c, int panel, double *x, double *y, double *w, double *h);
/* The data values at the plot's left and right edges: pounds (pay
 * structure), the ratio (multiples) or percent (quartiles). */
void chart_axis_range(const lay_chart *c, int panel, double *min, double *max);
/* Bars (a quartile's men and women are two bars): the rectangle and the
 * length in data units.  A one-point grade has w == 0 (drawn as a dot). */
int chart_bar_count(const lay_chart *c);
void chart_bar_rect(const lay_chart *c, int i, double *x, double *y, double *w, double *h, double *value);
int chart_bar_panel(const lay_chart *c, int i);
/* Labelled vertical lines (lowest paid, Real Living Wage, limits): x, the
 * vertical extent and the value it marks. */
int chart_line_count(const lay_chart *c);
void chart_line(const lay_chart *c, int i, double *x, double *y0, double *y1, double *value);
/* Every text drawn, with its box (Pango's logical rectangle). */
int chart_label_count(const lay_chart *c);
const char *chart_label(const lay_chart *c, int i, double *x, double *y, double *w, double *h);
/* Its type size (points) and weight, to measure it again with the run's context. */
void chart_label_font(const lay_chart *c, int i, double *size, bool *bold);
/* Whether its ground is painted first, breaking the lines under it. */
bool chart_label_knockout(const lay_chart *c, int i);
/* A panel's gridlines: each tick's x, running the plot's height. */
int chart_tick_count(const lay_chart *c, int panel);
double chart_tick_x(const lay_chart *c, int panel, int i);

#endif
