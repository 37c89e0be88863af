/* fonts.c — the bundled fonts as Pango sees them (see fonts.h). */
#include "fonts.h"

#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdbool.h>
#include <string.h>

static int cmp_paths(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

FcConfig *fonts_config(const char *fonts_dir)
{
	/* Font by font, sorted: no cache files to write, no host fonts, the
	 * same order every run. */
	GDir *dir = fonts_dir ? g_dir_open(fonts_dir, 0, NULL) : NULL;
	GPtrArray *files = g_ptr_array_new_with_free_func(g_free);
	for (const char *n; dir && (n = g_dir_read_name(dir));)
		if (g_str_has_suffix(n, ".ttf") || g_str_has_suffix(n, ".otf"))
			g_ptr_array_add(files, g_build_filename(fonts_dir, n, NULL));
	if (dir)
		g_dir_close(dir);
	g_ptr_array_sort(files, (GCompareFunc)cmp_paths);
	FcConfig *fc = FcConfigCreate();
	bool added = files->len > 0;
	for (guint i = 0; i < files->len; i++)
		added &= FcConfigAppFontAddFile(fc, (const FcChar8 *)files->pdata[i]) != 0;
	g_ptr_array_free(files, TRUE);
	if (!added) {
		FcConfigDestroy(fc);
		return NULL;
	}
	return fc;
}

PangoContext *fonts_context(FcConfig *fc, PangoFontMap **map)
{
	PangoFontMap *m = pango_cairo_font_map_new();
	pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(m), fc);
	/* Points equal PDF units. */
	pango_cairo_font_map_set_resolution(PANGO_CAIRO_FONT_MAP(m), 72);
	PangoContext *ctx = pango_font_map_create_context(m);
	pango_context_set_round_glyph_positions(ctx, FALSE);
	cairo_font_options_t *fo = cairo_font_options_create();
	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(fo, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(ctx, fo);
	cairo_font_options_destroy(fo);
	*map = m;
	return ctx;
}
