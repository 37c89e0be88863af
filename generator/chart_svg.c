/* chart_svg.c — a chart for the HTML page (chart.h): chart_build and
 * chart_draw, the PDF's own chart code, drawn on cairo's SVG surface with the
 * bundled fonts, then made fit to sit inline in HTML: no XML declaration, a
 * root <svg> that scales (viewBox; the page's CSS sets the width), an
 * accessible name, and ids made unique on the page. */
#include "chart.h"
#include "fonts.h"

#include <cairo-svg.h>
#include <math.h>
#include <string.h>

static cairo_status_t to_gstring(void *closure, const unsigned char *data, unsigned int len)
{
	g_string_append_len(closure, (const char *)data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Copies s to o with every id, and every reference to one, prefixed:
 * cairo names its glyphs and clips "glyph0-1", "clip1" in every document,
 * and two charts on a page would otherwise point at each other's. */
static void prefix_ids(GString *o, const char *s, const char *idp)
{
	static const char *const keys[] = {" id=\"", "href=\"#", "url(#"};
	while (*s) {
		size_t k = 0, n = 0;
		for (; k < G_N_ELEMENTS(keys); k++)
			if (!strncmp(s, keys[k], n = strlen(keys[k])))
				break;
		if (k == G_N_ELEMENTS(keys)) {
			g_string_append_c(o, *s++);
			continue;
		}
		g_string_append_len(o, s, (gssize)n);
		g_string_append_printf(o, "%s-", idp);
		s += n;
	}
}

char *chart_svg(const lay_chart *c0, const pps_template *t, const pps_doc *d, const pps_figures *f, pps_lang lang,
		const char *kind, const char *idp, const char *label_id)
{
	FcConfig *fc = fonts_config(t->fonts_dir);
	if (!fc)
		return NULL;
	PangoFontMap *map = NULL;
	PangoContext *ctx = fonts_context(fc, &map);
	FcConfigDestroy(fc);
	/* Laid out again on this context: measured with the fonts it draws with. */
	arena *a = arena_new();
	lay_chart *c = chart_build(d, f, t, lang, kind, chart_width(c0), ctx, a);
	char *out = NULL;
	if (c) {
		double w = chart_width(c), h = chart_height(c);
		GString *svg = g_string_new(NULL);
		cairo_surface_t *s = cairo_svg_surface_create_for_stream(to_gstring, svg, w, h);
		cairo_t *cr = cairo_create(s);
		chart_draw(c, cr, ctx, 0, 0);
		cairo_destroy(cr);
		cairo_surface_finish(s);
		cairo_surface_destroy(s);
		const char *root = strstr(svg->str, "<svg");
		const char *body = root ? strchr(root, '>') : NULL;
		if (body) {
			GString *o = g_string_new(NULL);
			g_string_append_printf(o,
					       "<svg xmlns=\"http://www.w3.org/2000/svg\" "
					       "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 %.0f %.0f\" "
					       "width=\"%.0f\" height=\"%.0f\" role=\"img\" aria-labelledby=\"%s\" "
					       "focusable=\"false\">",
					       ceil(w), ceil(h), ceil(w), ceil(h), label_id);
			prefix_ids(o, body + 1, idp);
			out = g_string_free(o, FALSE);
		}
		g_string_free(svg, TRUE);
	}
	chart_forget_layouts(ctx);
	g_object_unref(ctx);
	g_object_unref(map);
	arena_free(a);
	return out;
}
