/* floor.c — the floor: what a plain Pango/cairo generator cannot avoid.
 *
 * It lays out the same text ppsgen draws (taken from ppsgen's layout by
 * record.c: every paragraph, cell, heading and chart label with its font,
 * size, width, attributes and wrap) with PangoLayout, so with Pango's own
 * line breaking, in the same fonts, loaded by the same code as ppsgen's layout
 * (generator/fonts.c: bundled fonts only, resolution 72, unrounded glyph
 * positions, no hinting), draws each line where ppsgen drew it on the same pages, and
 * writes the PDF with cairo: no structure tags, no links, no rules, no
 * post-processing.  Several documents run on one thread each, as ppsgen
 * renders the two languages.
 *
 *   floor FONTS_DIR OUT.pdf DOC.dump [OUT2.pdf DOC2.dump ...]
 */
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <glib.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fonts.h"

static const char *fonts_dir;

typedef struct {
	const char *out, *dump;
	int pages, layouts, lines;
	int rc;
} job;

/* Next line of the dump (NUL-terminated in place), or NULL. */
static char *next_line(char **p, char *end)
{
	if (*p >= end)
		return NULL;
	char *s = *p, *nl = memchr(s, '\n', (size_t)(end - s));
	if (!nl)
		nl = end;
	*nl = 0;
	*p = nl + 1;
	return s;
}

/* `n` bytes, then the newline after them. */
static char *take(char **p, char *end, size_t n)
{
	if ((size_t)(end - *p) < n + 1)
		return NULL;
	char *s = *p;
	s[n] = 0;
	*p += n + 1;
	return s;
}

static gpointer run(gpointer data)
{
	job *j = data;
	char *buf;
	gsize len;
	if (!g_file_get_contents(j->dump, &buf, &len, NULL)) {
		fprintf(stderr, "floor: cannot read %s\n", j->dump);
		j->rc = 1;
		return NULL;
	}
	PangoFontMap *map;
	FcConfig *fc = fonts_config(fonts_dir);
	if (!fc) {
		fprintf(stderr, "floor: no fonts in %s\n", fonts_dir);
		g_free(buf);
		j->rc = 1;
		return NULL;
	}
	PangoContext *ctx = fonts_context(fc, &map);
	GPtrArray *layouts = g_ptr_array_new_with_free_func(g_object_unref);

	char *p = buf, *end = buf + len, *l;
	double w = 595.276, h = 841.890; /* A4, as templates/style.xml */
	cairo_surface_t *surface = NULL;
	cairo_t *cr = NULL;
	bool dirty = false;
	while ((l = next_line(&p, end))) {
		if (l[0] == 'S') {
			sscanf(l, "S %lf %lf", &w, &h);
		} else if (l[0] == 'L') {
			int id, width, wrap, align, spacing;
			double line_spacing;
			size_t nfont, nattrs, ntext;
			if (sscanf(l, "L %d %d %d %d %d %lf %zu %zu %zu", &id, &width, &wrap, &align, &spacing, &line_spacing,
				   &nfont, &nattrs, &ntext) != 9)
				goto bad;
			char *font = take(&p, end, nfont), *attrs = take(&p, end, nattrs), *text = take(&p, end, ntext);
			if (!font || !attrs || !text || id != (int)layouts->len)
				goto bad;
			PangoLayout *pl = pango_layout_new(ctx);
			PangoFontDescription *fd = pango_font_description_from_string(font);
			pango_layout_set_font_description(pl, fd);
			pango_font_description_free(fd);
			pango_layout_set_width(pl, width);
			pango_layout_set_wrap(pl, (PangoWrapMode)wrap);
			pango_layout_set_alignment(pl, (PangoAlignment)align);
			pango_layout_set_spacing(pl, spacing);
			pango_layout_set_line_spacing(pl, (float)line_spacing);
			pango_layout_set_text(pl, text, (int)ntext);
			if (nattrs) {
				PangoAttrList *al = pango_attr_list_from_string(attrs);
				pango_layout_set_attributes(pl, al);
				if (al)
					pango_attr_list_unref(al);
			}
			g_ptr_array_add(layouts, pl);
			j->layouts++;
		} else if (l[0] == 'D') {
			int id, no;
			double x, y;
			if (sscanf(l, "D %d %d %lf %lf", &id, &no, &x, &y) != 4 || id < 0 || id >= (int)layouts->len)
				goto bad;
			if (!surface) {
				surface = cairo_pdf_surface_create(j->out, w, h);
				cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
				cr = cairo_create(surface);
			}
			PangoLayout *pl = layouts->pdata[id];
			cairo_move_to(cr, x, y);
			if (no < 0) {
				pango_cairo_show_layout(cr, pl);
			} else {
				PangoLayoutLine *line = pango_layout_get_line_readonly(pl, no);
				if (line)
					pango_cairo_show_layout_line(cr, line);
			}
			j->lines++;
			dirty = true;
		} else if (l[0] == 'P') {
			if (!surface) {
				surface = cairo_pdf_surface_create(j->out, w, h);
				cairo_pdf_surface_restrict_to_version(surface, CAIRO_PDF_VERSION_1_5);
				cr = cairo_create(surface);
			}
			cairo_show_page(cr);
			j->pages++;
			dirty = false;
		}
	}
	if (cr && dirty) {
		cairo_show_page(cr);
		j->pages++;
	}
	goto done;
bad:
	fprintf(stderr, "floor: %s: bad record near byte %ld\n", j->dump, (long)(p - buf));
	j->rc = 1;
done:
	if (cr) {
		if (cairo_status(cr) != CAIRO_STATUS_SUCCESS) {
			fprintf(stderr, "floor: cairo: %s\n", cairo_status_to_string(cairo_status(cr)));
			j->rc = 1;
		}
		cairo_destroy(cr);
		cairo_surface_finish(surface);
		cairo_surface_destroy(surface);
	}
	g_ptr_array_free(layouts, TRUE);
	g_object_unref(ctx);
	g_object_unref(map);
	FcConfigDestroy(fc);
	g_free(buf);
	return NULL;
}

int main(int argc, char **argv)
{
	if (argc < 4 || argc % 2) {
		fprintf(stderr, "usage: floor FONTS_DIR OUT.pdf DOC.dump [OUT2.pdf DOC2.dump ...]\n");
		return 2;
	}
	fonts_dir = argv[1];
	int n = (argc - 2) / 2;
	job *jobs = g_new0(job, n);
	GThread **th = g_new0(GThread *, n);
	for (int i = 0; i < n; i++) {
		jobs[i].out = argv[2 + 2 * i];
		jobs[i].dump = argv[3 + 2 * i];
	}
	for (int i = 1; i < n; i++)
		th[i] = g_thread_new("floor", run, &jobs[i]);
	run(&jobs[0]);
	int rc = 0;
	for (int i = 0; i < n; i++) {
		if (th[i])
			g_thread_join(th[i]);
		if (g_getenv("FLOOR_VERBOSE"))
			fprintf(stderr, "%s: %d pages, %d layouts, %d lines drawn\n", jobs[i].out, jobs[i].pages, jobs[i].layouts,
				jobs[i].lines);
		rc |= jobs[i].rc;
	}
	g_free(jobs);
	g_free(th);
	return rc;
}
