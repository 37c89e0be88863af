/* test_text.c — paragraphs shaped once and broken by ppsgen (text.h), checked
 * against PangoLayout 1.50 itself: the same lines (first byte of each), the
 * same baselines and bands, the same alignment, over the sample's own kinds
 * of text at several widths (text without figures, where ppsgen's keeps do
 * not apply); then ppsgen's own rules (figures, references and dates kept
 * whole, Welsh digraphs never split, the narrowest measure); then what PangoLayout does not show directly:
 * a wrapped line's final space, a hyphen inside a word too wide for its
 * column, line feeds, superscripts raised, unknown glyphs counted. */
#include <check.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <time.h>

#include "fonts.h"
#include "testutil.h"
#include "text.h"

#define EPS 0.001 /* points */

static PangoFontMap *map;
static PangoContext *ctx;
static FcConfig *fc;

static void setup(void)
{
	char *dir = src_path("fonts");
	fc = fonts_config(dir);
	g_free(dir);
	ck_assert_ptr_nonnull(fc);
	ctx = fonts_context(fc, &map);
}

static void teardown(void)
{
	g_object_unref(ctx);
	g_object_unref(map);
	FcConfigDestroy(fc);
}

static PangoFontDescription *font(double size, bool bold)
{
	PangoFontDescription *fd = pango_font_description_from_string("Noto Sans");
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	return fd;
}

/* The attributes layout.c gives a paragraph: language, no ligatures, and
 * bold on [b0, b1) when b1 > b0. */
static PangoAttrList *attrs(const char *lang, int b0, int b1)
{
	PangoAttrList *al = pango_attr_list_new();
	pango_attr_list_insert(al, pango_attr_language_new(pango_language_from_string(lang)));
	pango_attr_list_insert(al, pango_attr_font_features_new("liga=0, clig=0"));
	if (b1 > b0) {
		PangoAttribute *a = pango_attr_weight_new(PANGO_WEIGHT_BOLD);
		a->start_index = (guint)b0;
		a->end_index = (guint)b1;
		pango_attr_list_insert(al, a);
	}
	return al;
}

static txt_para *shape(const char *text, double width, double size, txt_align align, PangoAttrList *al)
{
	PangoFontDescription *fd = font(size, false);
	txt_style s = {.font = fd, .lang = "en", .width = width, .align = align, .line_spacing = 1.25};
	txt_para *p = txt_shape(ctx, text, (int)strlen(text), al, &s);
	pango_font_description_free(fd);
	return p;
}

/* The same paragraph through PangoLayout, and every line compared. */
static void same_as_pango(const char *text, double width, double size, txt_align align, int b0, int b1)
{
	PangoAttrList *al = attrs("en", b0, b1);
	txt_para *p = shape(text, width, size, align, al);

	PangoLayout *pl = pango_layout_new(ctx);
	PangoFontDescription *fd = font(size, false);
	pango_layout_set_font_description(pl, fd);
	pango_font_description_free(fd);
	pango_layout_set_width(pl, (int)(width * PANGO_SCALE));
	pango_layout_set_wrap(pl, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_line_spacing(pl, 1.25f);
	pango_layout_set_alignment(pl, align == TXT_RIGHT ? PANGO_ALIGN_RIGHT
				       : align == TXT_CENTER ? PANGO_ALIGN_CENTER
							     : PANGO_ALIGN_LEFT);
	pango_layout_set_text(pl, text, -1);
	pango_layout_set_attributes(pl, al);

	ck_assert_msg(p->nlines == pango_layout_get_line_count(pl), "%.0f pt: %d lines, Pango %d: %s", width, p->nlines,
		      pango_layout_get_line_count(pl), text);
	PangoLayoutIter *it = pango_layout_get_iter(pl);
	for (int i = 0; i < p->nlines; i++, pango_layout_iter_next_line(it)) {
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		int start = p->lines[i].nruns ? p->lines[i].runs[0]->item->offset : -1;
		if (p->lines[i].nruns)
			ck_assert_msg(start == line->start_index, "%.0f pt, line %d starts at byte %d, Pango's at %d", width, i,
				      start, line->start_index);
		int y0, y1;
		pango_layout_iter_get_line_yrange(it, &y0, &y1);
		ck_assert_double_eq_tol(p->lines[i].top, (double)y0 / PANGO_SCALE, EPS);
		ck_assert_double_eq_tol(p->lines[i].bottom, (double)y1 / PANGO_SCALE, EPS);
		ck_assert_double_eq_tol(p->lines[i].baseline, (double)pango_layout_iter_get_baseline(it) / PANGO_SCALE, EPS);
		PangoRectangle log;
		pango_layout_iter_get_line_extents(it, NULL, &log);
		ck_assert_double_eq_tol(p->lines[i].x, (double)log.x / PANGO_SCALE, 0.05);
	}
	pango_layout_iter_free(it);
	g_object_unref(pl);
	pango_attr_list_unref(al);
	txt_free(p);
}

/* Sentences of the kinds a statement has: prose with figures and
 * punctuation, Welsh with circumflexes, a long heading, a money cell. */
static const char *const texts[] = {
	"The Chief Executive's salary is the top of a scale of four points, and the ratio of that salary to the "
	"median earnings of the Council's workforce is published each year (see the appendix).",
	"Mae'r Cyngor yn talu'r Cyflog Byw gwirfoddol i'w holl weithwyr, gan gynnwys staff ysgolion; mae'r "
	"gyfradd fesul awr yn uwch na'r Cyflog Byw Cenedlaethol ac yn cael ei hadolygu bob blwyddyn ariannol.",
	"Appendix N: Pay multiples, gender pay gap reporting and the Council's equal pay audit",
	"£100,000",
	"Strategic Director (Social Services, Housing and Well-being) and Statutory Director of Social Services",
	"Chief Executive\nPrif Weithredwr\n\nthe top of the scale, from the start of the year",
};

START_TEST(lines_as_pango)
{
	static const double widths[] = {470.55, 300, 228, 150, 96, 60};
	for (size_t t = 0; t < G_N_ELEMENTS(texts); t++)
		for (size_t w = 0; w < G_N_ELEMENTS(widths); w++) {
			same_as_pango(texts[t], widths[w], 12, TXT_LEFT, 0, 0);
			same_as_pango(texts[t], widths[w], 10, TXT_RIGHT, 0, 0);
			same_as_pango(texts[t], widths[w], 11, TXT_CENTER, 0, 0);
		}
	/* A bold run inside, as <b> gives. */
	same_as_pango(texts[0], 228, 12, TXT_LEFT, 4, 40);
}
END_TEST

START_TEST(final_space_takes_no_room)
{
	/* Right-aligned: a wrapped line ends at the column's edge, its final
	 * space not counted; the last line keeps nothing hanging either. */
	txt_para *p = shape("alpha beta gamma delta epsilon", 90, 12, TXT_RIGHT, NULL);
	ck_assert_int_gt(p->nlines, 1);
	for (int i = 0; i < p->nlines; i++)
		ck_assert_double_eq_tol(p->lines[i].x + p->lines[i].width, 90, EPS);
	txt_free(p);
}
END_TEST

START_TEST(long_word_broken_with_hyphen)
{
	/* A word wider than its column breaks between letters, and the piece
	 * on each line but the last ends in a hyphen; nothing overflows. */
	const char *w = "Gwasanaethaucymdeithasolgwasanaethaucymdeithasol";
	txt_para *p = shape(w, 80, 12, TXT_LEFT, NULL);
	ck_assert_int_gt(p->nlines, 2);
	int chars = 0;
	for (int i = 0; i < p->nlines; i++) {
		ck_assert_double_le(p->lines[i].width, 80 + EPS);
		const PangoGlyphItem *last = p->lines[i].runs[p->lines[i].nruns - 1];
		chars += last->item->num_chars;
		if (i < p->nlines - 1)
			ck_assert(last->item->analysis.flags & PANGO_ANALYSIS_FLAG_NEED_HYPHEN);
	}
	ck_assert_int_eq(chars, (int)g_utf8_strlen(w, -1));
	txt_free(p);
}
END_TEST

START_TEST(line_feeds_and_empty_lines)
{
	txt_para *p = shape("first\n\nthird", 400, 12, TXT_LEFT, NULL);
	ck_assert_int_eq(p->nlines, 3);
	ck_assert_int_eq(p->lines[1].nruns, 0);
	/* Equal steps from baseline to baseline, the empty line included. */
	double step = p->lines[1].baseline - p->lines[0].baseline;
	ck_assert_double_gt(step, 12);
	ck_assert_double_eq_tol(p->lines[2].baseline - p->lines[1].baseline, step, 0.01);
	ck_assert_double_eq_tol(txt_height(p, 0, 3), p->lines[2].bottom - p->lines[0].top, EPS);
	txt_free(p);
}
END_TEST

START_TEST(superscript_raised)
{
	/* "1st": the "st" smaller and raised by the font's superscript offset
	 * (Noto Sans: 0.35 em), the line's band unchanged. */
	PangoAttrList *al = attrs("en", 0, 0);
	PangoAttribute *a = pango_attr_baseline_shift_new(PANGO_BASELINE_SHIFT_SUPERSCRIPT);
	a->start_index = 1;
	a->end_index = 3;
	pango_attr_list_insert(al, a);
	a = pango_attr_font_scale_new(PANGO_FONT_SCALE_SUPERSCRIPT);
	a->start_index = 1;
	a->end_index = 3;
	pango_attr_list_insert(al, a);
	txt_para *p = shape("1st April", 400, 12, TXT_LEFT, al);
	txt_para *plain = shape("1st April", 400, 12, TXT_LEFT, NULL);
	ck_assert_int_eq(p->nlines, 1);
	ck_assert_int_eq(p->lines[0].nruns, 3);
	ck_assert_double_eq_tol((double)p->lines[0].runs[1]->y_offset / PANGO_SCALE, 0.35 * 12, 0.01);
	ck_assert_int_eq(p->lines[0].runs[0]->y_offset, 0);
	ck_assert_double_eq_tol(p->lines[0].top, plain->lines[0].top, EPS);
	ck_assert_double_eq_tol(p->lines[0].bottom, plain->lines[0].bottom, EPS);
	ck_assert_double_lt(p->lines[0].width, plain->lines[0].width);
	txt_free(p);
	txt_free(plain);
	pango_attr_list_unref(al);
}
END_TEST

START_TEST(unknown_glyphs_counted)
{
	txt_para *p = shape("Pay \xe4\xbd\xa0 policy", 400, 12, TXT_LEFT, NULL); /* U+4F60: no CJK in Noto Sans */
	ck_assert_int_eq(p->unknown, 1);
	txt_free(p);
	p = shape("Cyflog â ŵ ŷ", 400, 12, TXT_LEFT, NULL);
	ck_assert_int_eq(p->unknown, 0);
	txt_free(p);
}
END_TEST

START_TEST(runs_end_where_links_do)
{
	/* Colour and underline (links) split runs without splitting items for
	 * shaping, as Pango does: "Appendix F" one run, ")." the next. */
	const char *t = "(see Appendix F).";
	PangoAttrList *al = attrs("en", 0, 0);
	PangoAttribute *a = pango_attr_foreground_new(0, 0, 65535);
	a->start_index = 5;
	a->end_index = 15;
	pango_attr_list_insert(al, a);
	txt_para *p = shape(t, 400, 12, TXT_LEFT, al);
	txt_para *plain = shape(t, 400, 12, TXT_LEFT, NULL);
	ck_assert_int_eq(p->lines[0].nruns, 3);
	ck_assert_int_eq(p->lines[0].runs[1]->item->offset, 5);
	ck_assert_int_eq(p->lines[0].runs[1]->item->length, 10);
	ck_assert_double_eq_tol(p->lines[0].width, plain->lines[0].width, EPS); /* kerning kept across */
	txt_free(p);
	txt_free(plain);
	pango_attr_list_unref(al);

	/* Many links over many lines: no run crosses a link's edge, and the
	 * lines are the plain paragraph's. */
	GString *long_text = g_string_new(NULL);
	GArray *edges = g_array_new(FALSE, FALSE, sizeof(int));
	al = attrs("en", 0, 0);
	for (int k = 0; k < 12; k++) {
		g_string_append(long_text, "The rates are set out in ");
		int e0 = (int)long_text->len;
		g_string_append_printf(long_text, "Appendix %c", 'A' + k);
		int e1 = (int)long_text->len;
		g_string_append(long_text, " of this statement. ");
		a = pango_attr_underline_new(PANGO_UNDERLINE_SINGLE);
		a->start_index = (guint)e0;
		a->end_index = (guint)e1;
		pango_attr_list_insert(al, a);
		g_array_append_val(edges, e0);
		g_array_append_val(edges, e1);
	}
	p = shape(long_text->str, 150, 12, TXT_LEFT, al);
	plain = shape(long_text->str, 150, 12, TXT_LEFT, NULL);
	ck_assert_int_gt(p->nlines, 10);
	ck_assert_int_eq(p->nlines, plain->nlines);
	int runs_at_edges = 0;
	for (int i = 0; i < p->nlines; i++) {
		ck_assert_int_eq(p->lines[i].runs[0]->item->offset, plain->lines[i].runs[0]->item->offset);
		for (int r = 0; r < p->lines[i].nruns; r++) {
			const PangoItem *it = p->lines[i].runs[r]->item;
			for (guint k = 0; k < edges->len; k++) {
				int e = g_array_index(edges, int, k);
				ck_assert_msg(!(e > it->offset && e < it->offset + it->length), "a run crosses byte %d", e);
				runs_at_edges += e == it->offset;
			}
		}
	}
	ck_assert_int_ge(runs_at_edges, 20); /* runs begin at the links' edges (some edges begin lines) */
	txt_free(p);
	txt_free(plain);
	pango_attr_list_unref(al);
	g_array_free(edges, TRUE);
	g_string_free(long_text, TRUE);
}
END_TEST

/* Byte offsets where lines 1.. start. */
static GArray *line_starts(const txt_para *p)
{
	GArray *a = g_array_new(FALSE, FALSE, sizeof(int));
	for (int i = 1; i < p->nlines; i++)
		if (p->lines[i].nruns)
			g_array_append_val(a, p->lines[i].runs[0]->item->offset);
	return a;
}

START_TEST(figures_kept_whole)
{
	/* Each kept piece, and the text it sits in. */
	static const char *const kept[] = {"11.16:1", "16–17", "YOUT-H1", "s38(2)(b)", "£97,122", "section 8.6",
					   "1 April 2018", "2018-19", "86,134****"};
	GString *t = g_string_new("");
	for (size_t k = 0; k < G_N_ELEMENTS(kept); k++)
		g_string_append_printf(t, "%s and then %s, ", k % 2 ? "then" : "ratio", kept[k]);
	int breaks = 0;
	/* From just wider than the widest kept piece ("1 April 2018"). */
	for (double w = 66; w <= 300; w += 3) {
		txt_para *p = shape(t->str, w, 10, TXT_LEFT, attrs("en", 0, 0));
		GArray *st = line_starts(p);
		breaks += (int)st->len;
		for (guint i = 0; i < st->len; i++) {
			int b = g_array_index(st, int, i);
			for (const char *at = t->str; *at; at++) {
				for (size_t k = 0; k < G_N_ELEMENTS(kept); k++) {
					size_t n = strlen(kept[k]);
					if (!strncmp(at, kept[k], n))
						ck_assert_msg(!(b > at - t->str && b < (at - t->str) + (long)n),
							      "%.0f pt: a line starts inside \"%s\"", w, kept[k]);
				}
			}
		}
		g_array_free(st, TRUE);
		txt_free(p);
	}
	ck_assert_int_gt(breaks, 300); /* the text did wrap, many times */
	g_string_free(t, TRUE);
}
END_TEST

START_TEST(narrowest_measure)
{
	/* min_width: the widest unbreakable piece; at that measure nothing is
	 * broken inside a word, and the widest line is no wider. */
	const char *s = "Chief Executive 11.16:1 Incremental";
	txt_para *p = shape(s, -1, 10, TXT_LEFT, attrs("en", 0, 0));
	ck_assert_int_eq(p->nlines, 1);
	txt_para *q = shape("Incremental", -1, 10, TXT_LEFT, attrs("en", 0, 0));
	ck_assert_double_eq_tol(p->min_width, txt_natural_width(q), EPS);
	ck_assert_double_eq_tol(p->min_width, q->min_width, EPS);
	txt_para *r = shape(s, p->min_width, 10, TXT_LEFT, attrs("en", 0, 0));
	ck_assert_int_eq(r->nlines, 4);
	ck_assert_double_le(txt_natural_width(r), p->min_width + EPS);
	/* Aligned again in a wider measure, right: the line ends at it. */
	txt_free(q);
	q = shape("11.16:1", -1, 10, TXT_RIGHT, attrs("en", 0, 0));
	txt_set_measure(q, 80);
	ck_assert_double_eq_tol(q->lines[0].x + q->lines[0].width, 80, 0.01);
	/* Shaped again smaller: narrower, same text. */
	txt_para *sm = txt_reshape(ctx, p, -1, 8);
	ck_assert_str_eq(sm->text, s);
	ck_assert_double_eq_tol(txt_natural_width(sm), txt_natural_width(p) * 0.8, 1.0);
	txt_free(sm);
	txt_free(p);
	txt_free(q);
	txt_free(r);
}
END_TEST

START_TEST(welsh_digraphs_whole)
{
	/* Words wider than the column are broken between characters, but
	 * never inside ch, dd, ff, ng, ll, ph, rh or th. */
	static const char *const words[] = {"Cyfradd", "swyddi", "cyflogeion", "Gorffennaf", "Cynorthwyol",
					    "Ymddeoliad", "Llywodraeth", "penaethiaid"};
	PangoFontDescription *fd = font(10, true);
	for (size_t k = 0; k < G_N_ELEMENTS(words); k++)
		for (double w = 8; w <= 40; w += 2) {
			txt_style st = {.font = fd, .lang = "cy", .width = w, .align = TXT_LEFT, .line_spacing = 1.25};
			txt_para *p = txt_shape(ctx, words[k], (int)strlen(words[k]), attrs("cy", 0, 0), &st);
			GArray *a = line_starts(p);
			for (guint i = 0; i < a->len; i++) {
				int b = g_array_index(a, int, i);
				char pair[3] = {g_ascii_tolower(words[k][b - 1]), g_ascii_tolower(words[k][b]), 0};
				ck_assert_msg(!strstr("ch dd ff ng ll ph rh th", pair), "%s broken inside \"%s\" at %.0f pt",
					      words[k], pair, w);
			}
			g_array_free(a, TRUE);
			txt_free(p);
		}
	pango_font_description_free(fd);
}
END_TEST

/* A paragraph longer than the pieces text.c cuts long items into (2,048
 * chars) breaks into the same lines as Pango's. */
START_TEST(long_paragraph_as_pango)
{
	GString *t = g_string_new(NULL);
	while (t->len < 9000)
		g_string_append(t, texts[t->len / 200 % 2 ? 0 : 1]), g_string_append_c(t, ' ');
	same_as_pango(t->str, 300, 10, TXT_LEFT, 0, 0);
	same_as_pango(t->str, 123, 9, TXT_RIGHT, 0, 0);
	g_string_free(t, TRUE);
}
END_TEST

/* The lines' runs of text in `text`: in order, each byte once, each run's
 * clusters inside its item and in its direction's order; returns the
 * glyphs counted. */
static int check_runs(const txt_para *p, const char *text, bool rtl)
{
	int at = 0, glyphs = 0;
	for (int i = 0; i < p->nlines; i++)
		for (int r = 0; r < p->lines[i].nruns; r++) {
			const PangoGlyphItem *gi = p->lines[i].runs[r];
			ck_assert_msg(gi->item->offset == at, "line %d run %d starts at byte %d, not %d", i, r,
				      gi->item->offset, at);
			ck_assert_int_eq(g_utf8_strlen(text + at, gi->item->length), gi->item->num_chars);
			const PangoGlyphString *gs = gi->glyphs;
			for (int g = 0; g < gs->num_glyphs; g++) {
				int c = gs->log_clusters[g];
				ck_assert_msg(c >= 0 && c < gi->item->length, "line %d run %d glyph %d: cluster %d of %d bytes",
					      i, r, g, c, gi->item->length);
				if (g > 0)
					ck_assert_msg(rtl ? c <= gs->log_clusters[g - 1] : c >= gs->log_clusters[g - 1],
						      "line %d run %d glyph %d: cluster %d after %d", i, r, g, c,
						      gs->log_clusters[g - 1]);
			}
			at += gi->item->length;
			glyphs += gs->num_glyphs;
		}
	ck_assert_int_eq(at, (int)strlen(text));
	return glyphs;
}

/* A long item is cut into pieces at break opportunities before it is
 * shaped (text.c shape_segment), left to right and right to left (Hebrew:
 * each piece's glyphs in visual order).  Every char comes back once, in
 * order, in its piece, one glyph each (no ligatures; Hebrew letters are
 * not in the bundled fonts, so each is one unknown glyph). */
START_TEST(long_items_cut_whole)
{
	const char *word[] = {"remuneration ", "\u05e9\u05db\u05e8 "}; /* an English word, Hebrew "pay" */
	for (int k = 0; k < 2; k++) {
		GString *t = g_string_new(NULL);
		for (int i = 0; i < 3000; i++)
			g_string_append(t, word[k]);
		g_string_truncate(t, t->len - 1);
		PangoAttrList *al = attrs(k ? "he" : "en", 0, 0);
		txt_para *p = shape(t->str, 200, 10, TXT_LEFT, al);
		int chars = (int)g_utf8_strlen(t->str, -1);
		ck_assert_int_gt(p->nlines, (k ? 100 : 500));
		ck_assert_int_eq(check_runs(p, t->str, k == 1), chars);
		ck_assert_int_eq(p->unknown, k ? 3 * 3000 : 0);
		txt_free(p);
		pango_attr_list_unref(al);
		g_string_free(t, TRUE);
	}
}
END_TEST

static double cpu_seconds(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* CPU seconds to shape and break a paragraph of n words (best of 3). */
static double shape_time(int n)
{
	GString *t = g_string_new(NULL);
	for (int i = 0; i < n; i++)
		g_string_append_printf(t, "%s%d ", i % 3 ? "remuneration" : "pay", i % 97);
	double best = 1e9;
	for (int k = 0; k < 3; k++) {
		PangoAttrList *al = attrs("en", 0, 0);
		double t0 = cpu_seconds();
		txt_para *p = shape(t->str, 300, 10, TXT_LEFT, al);
		double dt = cpu_seconds() - t0;
		pango_attr_list_unref(al);
		ck_assert_int_gt(p->nlines, n / 20);
		txt_free(p);
		best = dt < best ? dt : best;
	}
	g_string_free(t, TRUE);
	return best;
}

/* Line breaking is linear in the paragraph's length: eight times the words
 * cost about eight times the time (quadratic would be 64; each line was
 * once split off the front of one item holding the rest of the paragraph). */
START_TEST(linear_in_length)
{
	double t1 = shape_time(4000), t8 = shape_time(32000);
	ck_assert_msg(t8 < 16 * t1, "4,000 words: %.3f s, 32,000 words: %.3f s (%.1f times)", t1, t8, t8 / t1);
}
END_TEST

/* Past 2^31 Pango units (2,097,152 pt): a cell of 640,000 words once came
 * out on 4 pages, its natural width (the text on one line) and its lines'
 * positions having overflowed an int.  Here, in 100 pt type so that it
 * stays quick under the sanitizers: 16,000 words unwrapped (some 9 million
 * points) and the same set one word to a line (some 2.7 million points). */
START_TEST(positions_past_int)
{
	GString *g = g_string_new(NULL);
	for (int i = 0; i < 16000; i++)
		g_string_append_printf(g, "%sword%d", i ? " " : "", i);
	txt_para *p = shape(g->str, -1, 100, TXT_LEFT, NULL);
	ck_assert_int_eq(p->nlines, 1);
	double nat = txt_natural_width(p);
	ck_assert_msg(nat > 4e6 && nat < 2e7, "natural width %.0f pt", nat); /* some 550 pt a word */
	txt_free(p);
	p = shape(g->str, 700, 100, TXT_LEFT, NULL); /* one word fits, two of five digits do not */
	ck_assert_int_gt(p->nlines, 15900);
	ck_assert_msg(p->lines[p->nlines - 1].bottom > 2.2e6, "the last line's bottom at %.0f pt",
		      p->lines[p->nlines - 1].bottom);
	double step = p->lines[1].baseline - p->lines[0].baseline;
	double h = txt_height(p, 0, p->nlines);
	ck_assert_msg(fabs(h - step * (p->nlines - 1) - (p->lines[0].bottom - p->lines[0].top)) < 1,
		      "%d lines of %.4f pt in %.1f pt", p->nlines, step, h);
	for (int i = 1; i < p->nlines; i++)
		ck_assert_msg(fabs(p->lines[i].baseline - p->lines[i - 1].baseline - step) < 0.01,
			      "line %d is %.4f pt below the one before, not %.4f", i,
			      p->lines[i].baseline - p->lines[i - 1].baseline, step);
	txt_free(p);
	g_string_free(g, TRUE);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("text");
	TCase *tc = tcase_create("text");
	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, lines_as_pango);
	tcase_add_test(tc, final_space_takes_no_room);
	tcase_add_test(tc, long_word_broken_with_hyphen);
	tcase_add_test(tc, line_feeds_and_empty_lines);
	tcase_add_test(tc, superscript_raised);
	tcase_add_test(tc, unknown_glyphs_counted);
	tcase_add_test(tc, runs_end_where_links_do);
	tcase_add_test(tc, figures_kept_whole);
	tcase_add_test(tc, narrowest_measure);
	tcase_add_test(tc, welsh_digraphs_whole);
	tcase_add_test(tc, long_paragraph_as_pango);
	tcase_add_test(tc, long_items_cut_whole);
	tcase_add_test(tc, linear_in_length);
	tcase_add_test(tc, positions_past_int);
	suite_add_tcase(s, tc);
	return s;
}

int main(void) { return run_suite(suite()); }
