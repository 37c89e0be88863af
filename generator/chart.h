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

/* A chart of `kind` ("pay-structure", "multiples", "gender-quartiles",
 * "multiples-history") `width` points wide, allocated in `a`; NULL when the
 * statement has no data for it. */
lay_chart *chart_build(const pps_doc *d, const pps_figures *f, const pps_template *t, pps_lang lang,
		       const char *kind, double width, arena *a);
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

#endif
