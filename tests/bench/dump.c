/* dump.c — an LD_PRELOAD shim that records the text ppsgen draws, for the
 * floor benchmark (floor.c).  It changes nothing in what ppsgen does: it
 * wraps a few public cairo and Pango calls and writes, per PDF (per
 * cairo_pdf_surface_create_for_stream), a file PPSDUMP_DIR/doc-N.dump:
 *
 *   L id width wrap align spacing line_spacing nfont nattrs ntext\n
 *     FONT\n ATTRS\n TEXT\n     a layout, the first time one of its lines is drawn
 *                               (font description and attribute list as
 *                               Pango 1.50 serialises them)
 *   D id line x y\n             line `line` of layout `id` drawn with its
 *                               baseline start at (x, y), device space
 *                               (line -1: the whole layout, top-left at x, y)
 *   P\n                         cairo_show_page
 *
 *   gcc -shared -fPIC -O2 dump.c -o libppsdump.so $(pkg-config --cflags --libs pangocairo) -ldl
 *   PPSDUMP_DIR=/tmp/d LD_PRELOAD=./libppsdump.so ppsgen render ...
 */
#define _GNU_SOURCE
#include <cairo-pdf.h>
#include <cairo.h>
#include <dlfcn.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	void *layout;
	char *text;
	int width;
	int id;
} known;

typedef struct {
	FILE *f;
	cairo_surface_t *surface;
	known *k;
	int nk, capk;
	PangoLayoutLine *pending; /* from pango_layout_iter_get_line_readonly */
	int depth;                /* inside a wrapped call */
} dumper;

static __thread dumper T;
static int doc_counter;

#define REAL(ret, name, args)                                      \
	static ret(*real_##name) args;                             \
	if (!real_##name)                                          \
		real_##name = (ret(*) args)dlsym(RTLD_NEXT, #name)

static void close_dump(void)
{
	if (T.f)
		fclose(T.f);
	for (int i = 0; i < T.nk; i++)
		free(T.k[i].text);
	free(T.k);
	T = (dumper){0};
}

cairo_surface_t *cairo_pdf_surface_create_for_stream(cairo_write_func_t w, void *closure, double width, double height)
{
	REAL(cairo_surface_t *, cairo_pdf_surface_create_for_stream, (cairo_write_func_t, void *, double, double));
	cairo_surface_t *s = real_cairo_pdf_surface_create_for_stream(w, closure, width, height);
	const char *dir = getenv("PPSDUMP_DIR");
	if (dir && *dir) {
		close_dump();
		int n = __atomic_add_fetch(&doc_counter, 1, __ATOMIC_SEQ_CST);
		char path[4096];
		snprintf(path, sizeof path, "%s/doc-%d.dump", dir, n);
		T.f = fopen(path, "w");
		T.surface = s;
		if (T.f)
			fprintf(T.f, "S %.3f %.3f\n", width, height);
	}
	return s;
}

void cairo_surface_finish(cairo_surface_t *s)
{
	REAL(void, cairo_surface_finish, (cairo_surface_t *));
	if (T.f && s == T.surface)
		close_dump();
	real_cairo_surface_finish(s);
}

void cairo_show_page(cairo_t *cr)
{
	REAL(void, cairo_show_page, (cairo_t *));
	if (T.f && cairo_get_target(cr) == T.surface)
		fputs("P\n", T.f);
	real_cairo_show_page(cr);
}

static int layout_id(PangoLayout *pl)
{
	const char *text = pango_layout_get_text(pl);
	int width = pango_layout_get_width(pl);
	for (int i = T.nk - 1; i >= 0; i--)
		if (T.k[i].layout == pl && T.k[i].width == width && strcmp(T.k[i].text, text) == 0)
			return T.k[i].id;
	if (T.nk == T.capk) {
		T.capk = T.capk ? 2 * T.capk : 256;
		T.k = realloc(T.k, (size_t)T.capk * sizeof *T.k);
	}
	int id = T.nk;
	T.k[T.nk++] = (known){pl, strdup(text), width, id};
	const PangoFontDescription *fd = pango_layout_get_font_description(pl);
	char *font = fd ? pango_font_description_to_string(fd)
			: pango_font_description_to_string(pango_context_get_font_description(pango_layout_get_context(pl)));
	PangoAttrList *al = pango_layout_get_attributes(pl);
	char *attrs = al ? pango_attr_list_to_string(al) : g_strdup("");
	/* Lengths first: font, attributes and text are read back by length. */
	fprintf(T.f, "L %d %d %d %d %d %.4f %zu %zu %zu\n%s\n%s\n", id, width, (int)pango_layout_get_wrap(pl),
		(int)pango_layout_get_alignment(pl), pango_layout_get_spacing(pl), (double)pango_layout_get_line_spacing(pl),
		strlen(font), strlen(attrs), strlen(text), font, attrs);
	fwrite(text, 1, strlen(text), T.f);
	fputc('\n', T.f);
	g_free(font);
	g_free(attrs);
	return id;
}

static void record_line(cairo_t *cr, PangoLayoutLine *line)
{
	if (!T.f || T.depth || cairo_get_target(cr) != T.surface || !line || !line->layout)
		return;
	T.depth++;
	int id = layout_id(line->layout);
	int no = 0, xpos;
	pango_layout_index_to_line_x(line->layout, line->start_index, FALSE, &no, &xpos);
	double x = 0, y = 0;
	if (cairo_has_current_point(cr))
		cairo_get_current_point(cr, &x, &y);
	cairo_user_to_device(cr, &x, &y);
	fprintf(T.f, "D %d %d %.3f %.3f\n", id, no, x, y);
	T.depth--;
}

void pango_cairo_show_layout_line(cairo_t *cr, PangoLayoutLine *line)
{
	REAL(void, pango_cairo_show_layout_line, (cairo_t *, PangoLayoutLine *));
	record_line(cr, line);
	T.pending = NULL;
	T.depth++;
	real_pango_cairo_show_layout_line(cr, line);
	T.depth--;
}

PangoLayoutLine *pango_layout_iter_get_line_readonly(PangoLayoutIter *it)
{
	REAL(PangoLayoutLine *, pango_layout_iter_get_line_readonly, (PangoLayoutIter *));
	PangoLayoutLine *l = real_pango_layout_iter_get_line_readonly(it);
	if (!T.depth)
		T.pending = l;
	return l;
}

void pango_cairo_show_glyph_item(cairo_t *cr, const char *text, PangoGlyphItem *gi)
{
	REAL(void, pango_cairo_show_glyph_item, (cairo_t *, const char *, PangoGlyphItem *));
	/* A line drawn run by run (links): the line, once, at its first run. */
	if (T.pending) {
		record_line(cr, T.pending);
		T.pending = NULL;
	}
	T.depth++;
	real_pango_cairo_show_glyph_item(cr, text, gi);
	T.depth--;
}

void pango_cairo_show_layout(cairo_t *cr, PangoLayout *pl)
{
	REAL(void, pango_cairo_show_layout, (cairo_t *, PangoLayout *));
	if (T.f && !T.depth && cairo_get_target(cr) == T.surface) {
		T.depth++;
		int id = layout_id(pl);
		double x = 0, y = 0;
		if (cairo_has_current_point(cr))
			cairo_get_current_point(cr, &x, &y);
		cairo_user_to_device(cr, &x, &y);
		fprintf(T.f, "D %d -1 %.3f %.3f\n", id, x, y);
		T.depth--;
	}
	T.pending = NULL;
	T.depth++;
	real_pango_cairo_show_layout(cr, pl);
	T.depth--;
}
