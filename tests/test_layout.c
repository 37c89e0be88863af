/* test_layout.c — layout decisions checked from the layout's own positions
 * (layout.h), without a PDF: the parallel layout's paired blocks start level,
 * Welsh left and first in reading order, no line wider than its column,
 * nothing outside the margins, Welsh first in the sequential layout. */
#include <check.h>
#include <libxml/parser.h>
#include <math.h>
#include <pango/pango.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "figures.h"
#include "layout.h"
#include "model.h"
#include "template.h"
#include "testutil.h"
#include "xml_read.h"

typedef struct {
	pps_template *t;
	pps_doc *d;
	pps_figures f;
	lay_fonts *fonts;
	diag_ctx dc;
} world;

static void world_load(world *w, const char *statement)
{
	diag_init(&w->dc);
	char *td = src_path("templates"), *fd = src_path("fonts"), *in = src_path(statement);
	w->t = tpl_load(td, fd, &w->dc);
	ck_assert_ptr_nonnull(w->t);
	w->d = xml_read_statement(in, w->t->schema, &w->dc);
	ck_assert_msg(w->d != NULL, "statement must read");
	fig_compute(w->d, &w->f, &w->dc);
	w->fonts = lay_fonts_new(w->t, &w->dc);
	ck_assert_ptr_nonnull(w->fonts);
	g_free(td);
	g_free(fd);
	g_free(in);
}

static void world_free(world *w)
{
	lay_fonts_free(w->fonts);
	fig_free(&w->f);
	doc_free(w->d);
	tpl_free(w->t);
	diag_clear(&w->dc);
}

static lay_book *lay(world *w, lay_mode mode, int nlangs, pps_lang first)
{
	lay_options o = {.mode = mode, .nlangs = nlangs, .first_page = 1};
	o.langs[0] = first;
	o.langs[1] = first == LANG_CY ? LANG_EN : LANG_CY;
	lay_book *b = lay_document(w->d, &w->f, w->t, w->fonts, &o, &w->dc);
	ck_assert_ptr_nonnull(b);
	ck_assert_int_eq(b->unknown_glyphs, 0);
	return b;
}

static bool is_heading(const lay_op *op)
{
	return op->kind == OP_TEXT && op->leaf && op->leaf[0] == 'H' && op->leaf[1] >= '2' && op->leaf[1] <= '6';
}

/* Headings and list labels come in pairs at the same height: Welsh on the
 * left and first in reading order, English on the right. */
START_TEST(parallel_pairs_level)
{
	world w;
	world_load(&w, "data/sample-statement.xml");
	lay_book *b = lay(&w, LAYOUT_PARALLEL, 2, LANG_CY);
	int pairs = 0, lbl_pairs = 0;
	for (guint p = 0; p < b->pages->len; p++) {
		const lay_page *pg = b->pages->pdata[p];
		if (pg->front)
			continue;
		GArray *ops = pg->ops;
		for (guint i = 0; i < ops->len; i++) {
			const lay_op *a = &g_array_index(ops, lay_op, i);
			/* Top-level items pair up; nested lists follow their own item. */
			bool head = is_heading(a),
			     lbl = a->kind == OP_TEXT && a->leaf && !strcmp(a->leaf, "Lbl") && fabs(a->x - w.t->style.margin_left) < 0.5;
			if (!(head || lbl) || g_strcmp0(a->lang, "cy") != 0)
				continue;
			/* Its English partner: same kind, same y, to the right, later. */
			const lay_op *partner = NULL;
			for (guint k = i + 1; k < ops->len && !partner; k++) {
				const lay_op *c = &g_array_index(ops, lay_op, k);
				if (c->kind == OP_TEXT && g_strcmp0(c->lang, "en-GB") == 0 && !g_strcmp0(c->leaf, a->leaf) &&
				    fabs(c->y - a->y) < 0.01 && c->x > a->x + 100)
					partner = c;
			}
			ck_assert_msg(partner, "page %u: a Welsh %s at y %.1f has no English partner level with it", p + 1,
				      a->leaf, a->y);
			if (head)
				pairs++;
			else
				lbl_pairs++;
		}
	}
	ck_assert_msg(pairs >= 15, "only %d heading pairs", pairs);
	ck_assert_msg(lbl_pairs >= 10, "only %d list item pairs", lbl_pairs);
	lay_book_free(b);
	world_free(&w);
}
END_TEST

/* No line is wider than the width it was laid out at: long Welsh words wrap
 * inside their column instead of running into the other. */
START_TEST(no_line_overflows)
{
	world w;
	world_load(&w, "data/sample-statement.xml");
	lay_mode modes[] = {LAYOUT_PARALLEL, LAYOUT_SINGLE};
	for (size_t m = 0; m < G_N_ELEMENTS(modes); m++) {
		lay_book *b = lay(&w, modes[m], modes[m] == LAYOUT_SINGLE ? 1 : 2, LANG_CY);
		int lines = 0;
		for (guint p = 0; p < b->pages->len; p++) {
			GArray *ops = ((lay_page *)b->pages->pdata[p])->ops;
			for (guint i = 0; i < ops->len; i++) {
				const lay_op *op = &g_array_index(ops, lay_op, i);
				if (op->kind != OP_TEXT)
					continue;
				double width = op->txt->style.width;
				if (width <= 0)
					continue;
				for (int l = op->line0; l < op->line1; l++) {
					/* The ink of every glyph, run by run from the line's start. */
					const txt_line *ln = &op->txt->lines[l];
					double x = ln->x, right = 0;
					for (int r = 0; r < ln->nruns; r++) {
						PangoRectangle ink;
						pango_glyph_string_extents(ln->runs[r]->glyphs, ln->runs[r]->item->analysis.font, &ink,
									   NULL);
						if (ink.width > 0)
							right = MAX(right, x + (double)(ink.x + ink.width) / PANGO_SCALE);
						x += (double)pango_glyph_string_get_width(ln->runs[r]->glyphs) / PANGO_SCALE;
					}
					ck_assert_msg(right <= width + 1, "a line %.1f pt wide in a %.1f pt column", right, width);
					lines++;
				}
			}
		}
		ck_assert_int_gt(lines, 1000);
		lay_book_free(b);
	}
	world_free(&w);
}
END_TEST

/* Every text box of the body lies within the page's side margins. */
START_TEST(inside_margins)
{
	world w;
	world_load(&w, "data/sample-statement.xml");
	lay_book *b = lay(&w, LAYOUT_SINGLE, 1, LANG_EN);
	const pps_style *st = &w.t->style;
	for (guint p = 0; p < b->pages->len; p++) {
		GArray *ops = ((lay_page *)b->pages->pdata[p])->ops;
		for (guint i = 0; i < ops->len; i++) {
			const lay_op *op = &g_array_index(ops, lay_op, i);
			if (op->kind != OP_TEXT && op->kind != OP_RECT)
				continue;
			ck_assert_msg(op->x >= st->margin_left - 0.01, "page %u: x %.2f left of the margin", p + 1, op->x);
			if (op->kind == OP_RECT)
				ck_assert(op->x + op->w <= st->page_w - st->margin_right + 0.01);
			ck_assert_msg(op->y >= 0 && op->y + op->h <= st->page_h, "page %u: y %.2f+%.2f off the page", p + 1,
				      op->y, op->h);
		}
	}
	lay_book_free(b);
	world_free(&w);
}
END_TEST

/* Sequential: the whole Welsh statement first, then the English one, each
 * with its own contents. */
START_TEST(sequential_welsh_first)
{
	world w;
	world_load(&w, "data/sample-statement.xml");
	lay_book *b = lay(&w, LAYOUT_SEQUENTIAL, 2, LANG_CY);
	int switches = 0;
	pps_lang prev = ((lay_page *)b->pages->pdata[0])->lang;
	ck_assert_int_eq(prev, LANG_CY);
	int contents = 0;
	for (guint p = 0; p < b->pages->len; p++) {
		const lay_page *pg = b->pages->pdata[p];
		if (pg->lang != prev)
			switches++;
		prev = pg->lang;
		GArray *ops = pg->ops;
		for (guint i = 0; i < ops->len; i++) {
			const lay_op *op = &g_array_index(ops, lay_op, i);
			if (op->kind == OP_TAG_BEGIN && !strcmp(op->tag, "TOC"))
				contents++;
		}
	}
	ck_assert_int_eq(switches, 1);
	ck_assert_int_eq(prev, LANG_EN);
	ck_assert_int_eq(contents, 2);
	/* Body page numbers run on through both parts: no label repeats. */
	GHashTable *seen = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint p = 0; p < b->pages->len; p++) {
		const lay_page *pg = b->pages->pdata[p];
		if (pg->front)
			continue;
		ck_assert_msg(!g_hash_table_contains(seen, pg->label), "page label %s repeats", pg->label);
		g_hash_table_add(seen, (gpointer)pg->label);
	}
	g_hash_table_destroy(seen);
	lay_book_free(b);
	world_free(&w);
}
END_TEST

/* Agenda packs: numbering from --first-page, and duplex padding puts the
 * body on a right-hand (odd) page. */
START_TEST(first_page_and_duplex)
{
	world w;
	world_load(&w, "tests/fixtures/english-council.xml");
	lay_options o = {.mode = LAYOUT_SINGLE, .nlangs = 1, .first_page = 27, .duplex = true};
	o.langs[0] = LANG_EN;
	lay_book *b = lay_document(w.d, &w.f, w.t, w.fonts, &o, &w.dc);
	guint first_body = 0;
	while (((lay_page *)b->pages->pdata[first_body])->front)
		first_body++;
	ck_assert_msg(first_body % 2 == 0, "the body starts on PDF page %u, a left-hand page", first_body + 1);
	const lay_page *pg = b->pages->pdata[first_body];
	ck_assert_int_eq(pg->number, 27);
	ck_assert_str_eq(pg->label, "27");
	/* The padding page says it is blank on purpose. */
	bool blank = false;
	for (guint p = 0; p < first_body; p++)
		blank |= ((lay_page *)b->pages->pdata[p])->blank;
	ck_assert(blank || first_body % 2 == 0);
	lay_book_free(b);
	world_free(&w);
}
END_TEST

int main(void)
{
	xmlInitParser();
	Suite *s = suite_create("layout");
	TCase *tc = tcase_create("layout");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, parallel_pairs_level);
	tcase_add_test(tc, no_line_overflows);
	tcase_add_test(tc, inside_margins);
	tcase_add_test(tc, sequential_welsh_first);
	tcase_add_test(tc, first_page_and_duplex);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
