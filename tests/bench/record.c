/* record.c — writes the floor's input (floor.c): the text ppsgen draws, taken
 * from ppsgen's own layout of a statement (layout.h), page by page.  One
 * file per PDF that `ppsgen render` would write, OUTDIR/doc-N.dump:
 *
 *   S width height\n            page size, points
 *   L id width wrap align spacing line_spacing nfont nattrs ntext\n
 *     FONT\n ATTRS\n TEXT\n     a paragraph, the first time one of its lines is drawn
 *                               (width in Pango units, font description and
 *                               attribute list as Pango 1.50 serialises them)
 *   D id line x y\n             line `line` of paragraph `id` drawn with its
 *                               baseline's left end at (x, y)
 *                               (line -1: the whole paragraph, top-left at x, y)
 *   P\n                         end of a page
 *
 *   record OUTDIR STATEMENT separate|parallel|sequential both|cy|en
 *
 * It runs ppsgen's reading, figures and layout stages (libppscore), as
 * `ppsgen render` does, and records positions with the same function the
 * PDF stage draws with (txt_line_origin). */
#include <glib.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <string.h>

#include "chart.h"
#include "figures.h"
#include "layout.h"
#include "render.h"
#include "template.h"
#include "xml_read.h"

typedef struct {
	FILE *f;
	GHashTable *ids; /* txt_para -> id + 1 */
	int next;
} rec;

static void write_para(rec *R, int id, const char *font, int width, int align, double line_spacing,
		       const char *attrs, const char *text, size_t ntext)
{
	/* Lengths first: font, attributes and text are read back by length. */
	fprintf(R->f, "L %d %d %d %d 0 %.4f %zu %zu %zu\n%s\n%s\n", id, width, (int)PANGO_WRAP_WORD_CHAR, align,
		line_spacing, strlen(font), strlen(attrs), ntext, font, attrs);
	fwrite(text, 1, ntext, R->f);
	fputc('\n', R->f);
}

static int para_id(rec *R, const txt_para *t)
{
	gpointer v = g_hash_table_lookup(R->ids, t);
	if (v)
		return GPOINTER_TO_INT(v) - 1;
	int id = R->next++;
	g_hash_table_insert(R->ids, (gpointer)t, GINT_TO_POINTER(id + 1));
	char *font = pango_font_description_to_string(t->font);
	PangoAttrList *al = pango_attr_list_copy(t->attrs);
	if (t->style.letter_spacing != 0) /* dot leaders */
		pango_attr_list_insert(al, pango_attr_letter_spacing_new((int)(t->style.letter_spacing * PANGO_SCALE)));
	char *attrs = al ? pango_attr_list_to_string(al) : g_strdup("");
	static const int align[] = {[TXT_LEFT] = PANGO_ALIGN_LEFT, [TXT_RIGHT] = PANGO_ALIGN_RIGHT,
				    [TXT_CENTER] = PANGO_ALIGN_CENTER};
	write_para(R, id, font, (int)(t->style.width * PANGO_SCALE), align[t->style.align], t->style.line_spacing, attrs,
		   t->text, (size_t)t->len);
	g_free(font);
	g_free(attrs);
	if (al)
		pango_attr_list_unref(al);
	return id;
}

static void record_chart(rec *R, const lay_op *op, const char *family)
{
	double s = chart_scale(op->chart);
	for (int i = 0; i < chart_label_count(op->chart); i++) {
		double x, y, w, h, size;
		bool bold;
		const char *text = chart_label(op->chart, i, &x, &y, &w, &h);
		chart_label_font(op->chart, i, &size, &bold);
		char *font = g_strdup_printf("%s %s %.2fpx", family, bold ? "Bold" : "", size * s);
		int id = R->next++;
		write_para(R, id, font, -1, PANGO_ALIGN_LEFT, 0, "", text, strlen(text));
		g_free(font);
		fprintf(R->f, "D %d -1 %.3f %.3f\n", id, op->x + x * s, op->y + y * s);
	}
}

static int record_book(const char *path, const lay_book *b, const pps_style *st)
{
	rec R = {.f = fopen(path, "w"), .ids = g_hash_table_new(g_direct_hash, g_direct_equal)};
	if (!R.f) {
		g_hash_table_destroy(R.ids);
		return 1;
	}
	fprintf(R.f, "S %.3f %.3f\n", st->page_w, st->page_h);
	for (guint p = 0; p < b->pages->len; p++) {
		const GArray *ops = ((lay_page *)b->pages->pdata[p])->ops;
		for (guint k = 0; k < ops->len; k++) {
			const lay_op *op = &g_array_index(ops, lay_op, k);
			if (op->kind == OP_CHART)
				record_chart(&R, op, st->font);
			if (op->kind != OP_TEXT)
				continue;
			int id = para_id(&R, op->txt);
			for (int i = op->line0; i < op->line1 && i < op->txt->nlines; i++) {
				double x, y;
				txt_line_origin(op->txt, op->line0, i, op->x, op->y, &x, &y);
				fprintf(R.f, "D %d %d %.3f %.3f\n", id, i, x, y);
			}
		}
		fputs("P\n", R.f);
	}
	g_hash_table_destroy(R.ids);
	return fclose(R.f) != 0;
}

int main(int argc, char **argv)
{
	if (argc != 5) {
		fprintf(stderr, "usage: record OUTDIR STATEMENT separate|parallel|sequential both|cy|en\n");
		return 2;
	}
	const char *outdir = argv[1], *layout = argv[3], *lang = argv[4];
	diag_ctx dc;
	diag_init(&dc);
	char *tdir = g_build_filename(PPS_HOME, "templates", NULL), *fdir = g_build_filename(PPS_HOME, "fonts", NULL);
	pps_template *t = tpl_load(tdir, fdir, &dc);
	pps_doc *d = t ? xml_read_statement(argv[2], t->schema, &dc) : NULL;
	pps_figures fig = {0};
	lay_fonts *fonts = NULL;
	int rc = 1;
	if (!d)
		goto out;
	fig_compute(d, &fig, &dc);
	if (!(fonts = lay_fonts_new(t, &dc)))
		goto out;
	/* The statement's languages in reading order, narrowed as --lang does. */
	pps_lang langs[LANG_N];
	int nl = render_languages(d, lang, langs);
	bool one = nl > 1 && strcmp(layout, "separate") != 0;
	rc = 0;
	for (int i = 0; i < (one ? 1 : nl) && !rc; i++) {
		lay_options o = {.first_page = 1};
		if (one) {
			o.mode = !strcmp(layout, "parallel") ? LAYOUT_PARALLEL : LAYOUT_SEQUENTIAL;
			memcpy(o.langs, langs, sizeof langs);
			o.nlangs = nl;
		} else {
			o.mode = LAYOUT_SINGLE;
			o.langs[0] = langs[i];
			o.nlangs = 1;
		}
		lay_book *b = lay_document(d, &fig, t, fonts, &o, &dc);
		if (!b) {
			rc = 1;
			break;
		}
		char *path = g_strdup_printf("%s/doc-%d.dump", outdir, i + 1);
		rc = record_book(path, b, &t->style);
		g_free(path);
		lay_book_free(b);
	}
out:
	diag_print_problems(&dc, stderr);
	diag_clear(&dc);
	lay_fonts_free(fonts);
	fig_free(&fig);
	doc_free(d);
	tpl_free(t);
	g_free(tdir);
	g_free(fdir);
	return rc;
}
