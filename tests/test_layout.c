/* test_layout.c — layout decisions checked from the layout's own positions
 * (layout.h), without a PDF: the parallel layout's paired blocks start level,
 * Welsh left and first in reading order, no line wider than its column,
 * nothing outside the margins, Welsh first in the sequential layout; and a
 * reader's check over every layout, a lone appendix and an agenda pack:
 * no word or figure broken, no text over text, no page left nearly empty. */
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
	/* Every sheet of the pack numbered in turn from 27: cover, contents,
	 * padding and body alike. */
	for (guint p = 0; p < b->pages->len; p++) {
		const lay_page *pg = b->pages->pdata[p];
		ck_assert_int_eq(pg->number, 27 + (int)p);
		char want[16];
		g_snprintf(want, sizeof want, "%d", 27 + (int)p);
		ck_assert_str_eq(pg->label, want);
	}
	/* The padding page says it is blank on purpose. */
	bool blank = false;
	for (guint p = 0; p < first_body; p++)
		blank |= ((lay_page *)b->pages->pdata[p])->blank;
	ck_assert(blank || first_body % 2 == 0);
	lay_book_free(b);
	world_free(&w);
}
END_TEST

/* ---- The reader's check: every layout, a lone appendix, an agenda pack -- */

typedef struct {
	const char *name;
	lay_mode mode;
	int nlangs;
	pps_lang first;
	const char *appendix;
	int first_page;
} layout_case;

static const layout_case reader_cases[] = {
	{"Welsh", LAYOUT_SINGLE, 1, LANG_CY, NULL, 1},
	{"English", LAYOUT_SINGLE, 1, LANG_EN, NULL, 1},
	{"parallel", LAYOUT_PARALLEL, 2, LANG_CY, NULL, 1},
	{"sequential", LAYOUT_SEQUENTIAL, 2, LANG_CY, NULL, 1},
	{"appendix A", LAYOUT_SINGLE, 1, LANG_CY, "njc-scales", 1},
	{"parallel appendix D", LAYOUT_PARALLEL, 2, LANG_CY, "soulbury-scales", 1},
	{"agenda pack", LAYOUT_SINGLE, 1, LANG_EN, NULL, 27},
};

static lay_book *lay_case(world *w, const layout_case *c)
{
	lay_options o = {.mode = c->mode, .nlangs = c->nlangs, .first_page = c->first_page, .appendix = c->appendix};
	o.langs[0] = c->first;
	o.langs[1] = c->first == LANG_CY ? LANG_EN : LANG_CY;
	lay_book *b = lay_document(w->d, &w->f, w->t, w->fonts, &o, &w->dc);
	ck_assert_ptr_nonnull(b);
	return b;
}

/* The token (between spaces) that ends at byte `end` of s, lower case. */
static char *token_before(const char *s, int end)
{
	int a = end;
	while (a > 0 && !g_ascii_isspace(s[a - 1]))
		a--;
	return g_ascii_strdown(s + a, end - a);
}

static bool has_digit(const char *s)
{
	for (; *s; s++)
		if (g_ascii_isdigit(*s))
			return true;
	return false;
}

/* No word is broken between characters (no hyphen put in), no figure,
 * ratio, range or code is cut across lines, and no reference is parted
 * from its number ("section" / "8.6"), in any cell or paragraph. */
START_TEST(nothing_broken)
{
	static const char *const words[] = {"section", "adran", "paragraph", "paragraff", "appendix", "atodiad", NULL};
	world w;
	world_load(&w, "data/sample-statement.xml");
	const layout_case *c = &reader_cases[_i];
	lay_book *b = lay_case(&w, c);
	int breaks = 0;
	GHashTable *seen = g_hash_table_new(g_direct_hash, g_direct_equal);
	for (guint p = 0; p < b->pages->len; p++) {
		GArray *ops = ((lay_page *)b->pages->pdata[p])->ops;
		for (guint i = 0; i < ops->len; i++) {
			const lay_op *op = &g_array_index(ops, lay_op, i);
			if (op->kind != OP_TEXT || g_hash_table_contains(seen, op->txt))
				continue;
			g_hash_table_add(seen, op->txt);
			const txt_para *t = op->txt;
			for (int l = 0; l < t->nlines; l++) {
				const txt_line *ln = &t->lines[l];
				if (!ln->nruns)
					continue;
				const PangoGlyphItem *last = ln->runs[ln->nruns - 1];
				ck_assert_msg(!(last->item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN),
					      "%s, page %u: a word broken between characters: \"%.*s\"", c->name, p + 1,
					      last->item->length, t->text + last->item->offset);
				if (l == 0)
					continue;
				int at = ln->runs[0]->item->offset; /* where this line starts */
				if (at == 0 || t->text[at - 1] == '\n')
					continue;
				breaks++;
				char *before = token_before(t->text, at);
				char *after = token_before(t->text, at + (int)strcspn(t->text + at, " \n"));
				bool inside = !g_ascii_isspace(t->text[at - 1]);
				ck_assert_msg(!(inside && (has_digit(before) || has_digit(after))),
					      "%s, page %u: \"%s\" / \"%s\" cut across lines", c->name, p + 1, before, after);
				if (!inside) {
					char *prev = token_before(t->text, at - 1);
					bool ref = false;
					for (int k = 0; words[k]; k++)
						ref |= !strcmp(prev, words[k]);
					ck_assert_msg(!(ref && g_ascii_isdigit(t->text[at])), "%s, page %u: \"%s\" / \"%s\" parted",
						      c->name, p + 1, prev, after);
					g_free(prev);
				}
				g_free(before);
				g_free(after);
			}
		}
	}
	ck_assert_int_gt(breaks, c->appendix ? 10 : 500); /* the text did wrap */
	g_hash_table_destroy(seen);
	lay_book_free(b);
	world_free(&w);
}
END_TEST

/* Line l of a text op as a box: x0, y0, x1, y1, points. */
static void line_box(const lay_op *op, int l, double bx[4])
{
	const txt_para *t = op->txt;
	double top = t->lines[op->line0].top;
	bx[0] = op->x + t->lines[l].x;
	bx[2] = bx[0] + t->lines[l].width;
	bx[1] = op->y + t->lines[l].top - top;
	bx[3] = op->y + t->lines[l].bottom - top;
}

/* No text is drawn over other text: captions, repeated heads, cells,
 * columns and the running header and footer each have their own room. */
START_TEST(nothing_overprinted)
{
	world w;
	world_load(&w, "data/sample-statement.xml");
	const layout_case *c = &reader_cases[_i];
	lay_book *b = lay_case(&w, c);
	int pairs = 0;
	for (guint p = 0; p < b->pages->len; p++) {
		GArray *ops = ((lay_page *)b->pages->pdata[p])->ops;
		GArray *boxes = g_array_new(FALSE, FALSE, sizeof(double) * 4);
		for (guint i = 0; i < ops->len; i++) {
			const lay_op *op = &g_array_index(ops, lay_op, i);
			if (op->kind != OP_TEXT || op->line1 <= op->line0)
				continue;
			for (int l = op->line0; l < op->line1; l++) {
				double bx[4];
				line_box(op, l, bx);
				if (bx[2] - bx[0] < 0.5)
					continue; /* no ink: an empty line */
				for (guint k = 0; k < boxes->len; k++) {
					const double *o = (const double *)boxes->data + 4 * k;
					/* Line bands of neighbours touch; 1 pt of overlap is still no overprint. */
					bool clash = bx[0] < o[2] - 1 && o[0] < bx[2] - 1 && bx[1] < o[3] - 1 && o[1] < bx[3] - 1;
					const txt_line *ln = &op->txt->lines[l];
					ck_assert_msg(!clash, "%s, page %u: \"%.30s\" drawn over other text", c->name, p + 1,
						      op->txt->text + (ln->nruns ? ln->runs[0]->item->offset : 0));
					pairs++;
				}
				g_array_append_vals(boxes, bx, 1);
			}
		}
		g_array_free(boxes, TRUE);
	}
	ck_assert_int_gt(pairs, 100);
	lay_book_free(b);
	world_free(&w);
}
END_TEST

/* No page is left nearly empty before a forced break: a body page whose
 * text ends in its top fifth is the end of the document or of a part, or
 * the next page starts an appendix. */
START_TEST(no_near_empty_page)
{
	world w;
	world_load(&w, "data/sample-statement.xml");
	const layout_case *c = &reader_cases[_i];
	lay_book *b = lay_case(&w, c);
	const pps_style *st = &w.t->style;
	double top = st->margin_top, bottom = st->page_h - st->margin_bottom;
	int checked = 0;
	for (guint p = 0; p + 1 < b->pages->len; p++) {
		const lay_page *pg = b->pages->pdata[p], *next = b->pages->pdata[p + 1];
		if (pg->front || pg->blank || next->front || next->blank || next->lang != pg->lang)
			continue;
		checked++;
		double low = top;
		for (guint i = 0; i < pg->ops->len; i++) {
			const lay_op *op = &g_array_index(pg->ops, lay_op, i);
			bool body = op->y >= top - 0.01 && op->y < bottom;
			if (body && ((op->kind == OP_TEXT && op->leaf) || op->kind == OP_RECT || op->kind == OP_CHART))
				low = MAX(low, op->y + op->h);
		}
		if (low >= top + (bottom - top) / 5)
			continue;
		/* The next page starts an appendix: its first heading is its title. */
		bool starts = false;
		for (guint i = 0; i < next->ops->len; i++) {
			const lay_op *op = &g_array_index(next->ops, lay_op, i);
			if (op->kind == OP_TEXT && op->leaf && op->y >= top - 0.01) {
				starts = !strcmp(op->leaf, c->appendix ? "H1" : "H2") || !strcmp(op->leaf, "H1");
				break;
			}
		}
		ck_assert_msg(starts, "%s: page %s has text only in its top fifth (%.0f of %.0f pt)", c->name, pg->label,
			      low - top, bottom - top);
	}
	ck_assert_int_gt(checked, c->appendix ? 0 : 20);
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
	tcase_add_loop_test(tc, nothing_broken, 0, G_N_ELEMENTS(reader_cases));
	tcase_add_loop_test(tc, nothing_overprinted, 0, G_N_ELEMENTS(reader_cases));
	tcase_add_loop_test(tc, no_near_empty_page, 0, G_N_ELEMENTS(reader_cases));
	suite_add_tcase(s, tc);
	return run_suite(s);
}
