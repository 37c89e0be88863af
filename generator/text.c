/* text.c — a paragraph shaped once and broken into lines (see text.h). */
#include "text.h"

#include <hb-ot.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <stdbool.h>
#include <string.h>

/* What a font contributes to a line, Pango units: the logical extents of
 * its glyphs (cairo's font extents, as Pango measures runs) and its line
 * height (Pango's metrics, for line_spacing). */
typedef struct {
	int ascent, descent;
	int height;
	int sup_rise; /* superscript baseline shift */
} font_info;

static const font_info *font_info_of(PangoFont *font, PangoLanguage *lang)
{
	static gsize key; /* a GQuark, made once: the two languages' threads both get here */
	if (g_once_init_enter(&key))
		g_once_init_leave(&key, g_quark_from_static_string("ppsgen-text-font-info"));
	font_info *fi = g_object_get_qdata(G_OBJECT(font), (GQuark)key);
	if (fi)
		return fi;
	fi = g_new0(font_info, 1);
	PangoRectangle log;
	pango_font_get_glyph_extents(font, PANGO_GLYPH_EMPTY, NULL, &log);
	fi->ascent = -log.y;
	fi->descent = log.y + log.height;
	PangoFontMetrics *m = pango_font_get_metrics(font, lang);
	fi->height = pango_font_metrics_get_height(m);
	pango_font_metrics_unref(m);
	hb_position_t rise = 0;
	hb_ot_metrics_get_position(pango_font_get_hb_font(font), HB_OT_METRICS_TAG_SUPERSCRIPT_EM_Y_OFFSET, &rise);
	fi->sup_rise = rise ? (int)rise : 5000; /* Pango's fallback */
	g_object_set_qdata_full(G_OBJECT(font), (GQuark)key, fi, g_free);
	return fi;
}

static bool has_attr(const PangoItem *item, PangoAttrType type, int value)
{
	for (GSList *l = item->analysis.extra_attrs; l; l = l->next) {
		const PangoAttribute *a = l->data;
		if (a->klass->type == type && ((const PangoAttrInt *)a)->value == value)
			return true;
	}
	return false;
}

/* Attributes that choose fonts or must be constant across an item
 * (PangoLayout's list, for the attributes ppsgen uses). */
static gboolean affects_itemization(PangoAttribute *a, gpointer data)
{
	(void)data;
	switch ((int)a->klass->type) {
	case PANGO_ATTR_LANGUAGE: case PANGO_ATTR_FAMILY: case PANGO_ATTR_STYLE: case PANGO_ATTR_WEIGHT:
	case PANGO_ATTR_VARIANT: case PANGO_ATTR_STRETCH: case PANGO_ATTR_SIZE: case PANGO_ATTR_FONT_DESC:
	case PANGO_ATTR_SCALE: case PANGO_ATTR_FALLBACK: case PANGO_ATTR_ABSOLUTE_SIZE: case PANGO_ATTR_GRAVITY:
	case PANGO_ATTR_GRAVITY_HINT: case PANGO_ATTR_FONT_SCALE: case PANGO_ATTR_LETTER_SPACING:
	case PANGO_ATTR_SHAPE: case PANGO_ATTR_RISE: case PANGO_ATTR_BASELINE_SHIFT: case PANGO_ATTR_LINE_HEIGHT:
	case PANGO_ATTR_ABSOLUTE_LINE_HEIGHT: case PANGO_ATTR_TEXT_TRANSFORM:
		return TRUE;
	default:
		return FALSE;
	}
}

static gboolean affects_shaping(PangoAttribute *a, gpointer data)
{
	(void)data;
	switch ((int)a->klass->type) {
	case PANGO_ATTR_ALLOW_BREAKS: case PANGO_ATTR_WORD: case PANGO_ATTR_SENTENCE: case PANGO_ATTR_INSERT_HYPHENS:
	case PANGO_ATTR_FONT_FEATURES: case PANGO_ATTR_SHOW:
		return TRUE;
	default:
		return FALSE;
	}
}

/* ---- Building a paragraph ------------------------------------------ */

typedef struct {
	PangoContext *ctx;
	txt_para *p;
	PangoAttrList *itemize_attrs; /* those that choose fonts or must be constant in an item */
	PangoAttrList *shape_attrs;   /* font features */
	GArray *cuts;                 /* int: byte offsets where colour or underline changes, ascending */
	guint next_cut;               /* first cut not yet behind the lines made */
	PangoLanguage *lang;
	bool welsh;    /* Welsh digraphs kept whole */
	GArray *lines; /* txt_line */
	int W;         /* measure, Pango units */
	/* the segment (text between '\n's) being broken */
	int nchars;
	int *byte;       /* byte offset of each char, and of the end */
	int *w;          /* logical width of each char */
	PangoLogAttr *la;
	GPtrArray *items; /* PangoGlyphItem*, still to be placed, in order */
	guint next;       /* first item not yet placed */
} builder;

static int glyph_item_end(const PangoGlyphItem *gi) { return gi->item->offset + gi->item->length; }

/* Splitting leaves the tail's arrays at the whole item's size, and Pango
 * grows them by doubling: trim each run, since a document's runs are all
 * held until their page is drawn. */
static void trim_run(PangoGlyphItem *gi)
{
	PangoGlyphString *gs = gi->glyphs;
	if (gs->space > gs->num_glyphs && gs->num_glyphs > 0) {
		gs->glyphs = g_renew(PangoGlyphInfo, gs->glyphs, gs->num_glyphs);
		gs->log_clusters = g_renew(int, gs->log_clusters, gs->num_glyphs);
		gs->space = gs->num_glyphs;
	}
}

/* Appends a hyphen: the run is shaped again with Pango's hyphen flag (rare:
 * a word wider than the line). */
static void add_hyphen(builder *B, PangoGlyphItem *gi)
{
	gi->item->analysis.flags |= PANGO_ANALYSIS_FLAG_NEED_HYPHEN;
	pango_shape_item(gi->item, B->p->text, B->p->len, NULL, gi->glyphs, PANGO_SHAPE_NONE);
}

/* ---- What must not be broken ---------------------------------------- */

/* A token: chars [a, b) of the segment between white space. */
typedef struct {
	int a, b;
	bool digit; /* holds a digit or a pound sign: an amount, ratio, range, code or date */
} token;

/* The token's text, lower case, with trailing punctuation taken off: for
 * the word lists below (g_free it). */
static char *token_word(const builder *B, const char *text, const token *t)
{
	const char *s = text + B->byte[t->a], *e = text + B->byte[t->b];
	while (e > s && g_unichar_ispunct(g_utf8_get_char(g_utf8_prev_char(e))))
		e = g_utf8_prev_char(e);
	return g_utf8_strdown(s, e - s);
}

static bool in_list(const char *w, const char *const *list)
{
	for (; *list; list++)
		if (!strcmp(w, *list))
			return true;
	return false;
}

/* A day of the month: "1", "21st", "1af", "2il", "3ydd", "5ed". */
static bool is_day(const char *w)
{
	int d = 0;
	while (g_ascii_isdigit(w[d]))
		d++;
	return d >= 1 && d <= 2 && strlen(w + d) <= 3;
}

static bool is_year(const char *w)
{
	return strlen(w) == 4 && g_ascii_isdigit(w[0]) && g_ascii_isdigit(w[1]) && g_ascii_isdigit(w[2]) &&
	       g_ascii_isdigit(w[3]);
}

static const char *const months[] = {
	"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "ionawr", "chwefror", "mawrth", "ebrill", "mai", "mehefin", "gorffennaf",
	"awst", "medi", "hydref", "tachwedd", "rhagfyr", NULL};

/* Words a number belongs to: "section 8.6", "s38(2)(b)", "point 22". */
static const char *const number_words[] = {
	"section", "sections", "s", "ss", "adran", "adrannau", "paragraph", "paragraff", "para", "regulation",
	"rheoliad", "appendix", "atodiad", "point", "pwynt", "page", "tudalen", "table", "tabl", "grade",
	"gradd", "band", "item", "eitem", "no", "rhif", NULL};

/* Figures are read whole: no line break inside a token that holds a digit
 * ("11.16:1", "16–17", "YOUT-H1", "s38(2)(b)", "£97,122"), none between a
 * reference word and its number ("section 8.6"), and none inside a date
 * ("1 April 2018").  Other breaks are Pango's. */
static void keep_figures(builder *B, const char *text)
{
	const int n = B->nchars;
	GArray *toks = g_array_new(FALSE, FALSE, sizeof(token));
	for (int i = 0; i < n;) {
		if (B->la[i].is_white) {
			i++;
			continue;
		}
		token t = {.a = i};
		for (; i < n && !B->la[i].is_white; i++) {
			gunichar c = g_utf8_get_char(text + B->byte[i]);
			t.digit |= g_unichar_isdigit(c) || c == 0xA3;
		}
		t.b = i;
		if (t.digit)
			for (int k = t.a + 1; k < t.b; k++)
				B->la[k].is_line_break = FALSE;
		g_array_append_val(toks, t);
	}
	char *prev = NULL;
	for (guint k = 0; k < toks->len; k++) {
		const token *t = &g_array_index(toks, token, k);
		char *w = token_word(B, text, t);
		if (prev && ((t->digit && in_list(prev, number_words)) || (in_list(w, months) && is_day(prev)) ||
			     (is_year(w) && in_list(prev, months))))
			B->la[t->a].is_line_break = FALSE;
		g_free(prev);
		prev = w;
	}
	g_free(prev);
	g_array_free(toks, TRUE);
}

/* Welsh letters written with two characters: a word is never broken
 * between them ("Cyfrad-d", "sw-yd-di"). */
static bool inside_digraph(const builder *B, const char *text, int i)
{
	static const char *const digraphs[] = {"ch", "dd", "ff", "ng", "ll", "ph", "rh", "th", NULL};
	if (i <= 0 || i >= B->nchars || !B->welsh)
		return false;
	gunichar a = g_unichar_tolower(g_utf8_get_char(text + B->byte[i - 1]));
	gunichar b = g_unichar_tolower(g_utf8_get_char(text + B->byte[i]));
	for (const char *const *d = digraphs; *d; d++)
		if (a == (gunichar)(*d)[0] && b == (gunichar)(*d)[1])
			return true;
	return false;
}

/* Whether colour or underline changes at byte `at` (a link's start or end). */
static bool is_cut(const builder *B, int at)
{
	guint lo = 0, hi = B->cuts->len;
	while (lo < hi) {
		guint mid = (lo + hi) / 2;
		if (g_array_index(B->cuts, int, mid) < at)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < B->cuts->len && g_array_index(B->cuts, int, lo) == at;
}

static bool all_white(const char *s, const char *end)
{
	for (const char *c = s; c < end; c = g_utf8_next_char(c))
		if (!g_unichar_isspace(g_utf8_get_char(c)))
			return false;
	return true;
}

/* Moves the white-space-only run sp into its neighbour `into` (the run
 * just before it, or just after when !after), shaped in that run's font
 * with the widths it had: the line keeps its measure to the unit. */
static void join_white(builder *B, PangoGlyphItem *into, PangoGlyphItem *sp, bool after)
{
	PangoItem *tmp = pango_item_copy(into->item);
	tmp->offset = sp->item->offset;
	tmp->length = sp->item->length;
	tmp->num_chars = sp->item->num_chars;
	PangoGlyphString *gs = pango_glyph_string_new();
	pango_shape_item(tmp, B->p->text, B->p->len, NULL, gs, PANGO_SHAPE_NONE);
	if (gs->num_glyphs == sp->glyphs->num_glyphs)
		for (int g = 0; g < gs->num_glyphs; g++)
			gs->glyphs[g].geometry.width = sp->glyphs->glyphs[g].geometry.width;
	PangoGlyphString *to = into->glyphs;
	int n0 = to->num_glyphs, n1 = gs->num_glyphs;
	pango_glyph_string_set_size(to, n0 + n1);
	if (after) {
		int shift = sp->item->offset - into->item->offset;
		for (int g = 0; g < n1; g++) {
			to->glyphs[n0 + g] = gs->glyphs[g];
			to->log_clusters[n0 + g] = gs->log_clusters[g] + shift;
		}
	} else { /* before: into's glyphs move up, its clusters count from sp's start */
		memmove(to->glyphs + n1, to->glyphs, n0 * sizeof *to->glyphs);
		memmove(to->log_clusters + n1, to->log_clusters, n0 * sizeof *to->log_clusters);
		for (int g = 0; g < n0; g++)
			to->log_clusters[n1 + g] += sp->item->length;
		for (int g = 0; g < n1; g++) {
			to->glyphs[g] = gs->glyphs[g];
			to->log_clusters[g] = gs->log_clusters[g];
		}
		into->item->offset = sp->item->offset;
	}
	into->item->length += sp->item->length;
	into->item->num_chars += sp->item->num_chars;
	pango_glyph_string_free(gs);
	pango_item_free(tmp);
}

/* A run of white space alone (the space between two italic words, or
 * after a bold word at a line's end) is drawn by nothing: cairo's PDF
 * surface drops a show of glyphs without ink, so the space would be
 * missing from the page's text and a reader would run the words either
 * side into one.  Each such run joins a neighbour in the same line that
 * no change of colour or underline separates from it (runs end at a
 * link's ends). */
static void join_white_runs(builder *B, GPtrArray *runs)
{
	const char *text = B->p->text;
	for (guint r = 0; r < runs->len; r++) {
		PangoGlyphItem *sp = runs->pdata[r];
		int start = sp->item->offset, end = glyph_item_end(sp);
		if (runs->len < 2 || !all_white(text + start, text + end))
			continue;
		PangoGlyphItem *prev = r > 0 ? runs->pdata[r - 1] : NULL, *next = r + 1 < runs->len ? runs->pdata[r + 1] : NULL;
		if (prev && glyph_item_end(prev) == start && !is_cut(B, start))
			join_white(B, prev, sp, true);
		else if (next && next->item->offset == end && !is_cut(B, end))
			join_white(B, next, sp, false);
		else
			continue;
		pango_glyph_item_free(sp);
		g_ptr_array_remove_index(runs, r--);
	}
}

/* Lines of the current segment: chars [0, nchars). */
static void break_segment(builder *B)
{
	const int n = B->nchars;
	if (n == 0) { /* an empty line: no runs, the base font's height */
		txt_line line = {0};
		g_array_append_val(B->lines, line);
		return;
	}
	int ls = 0;
	do {
		int end = n;
		bool hyphen = false, cut = false;
		if (B->W >= 0) {
			/* The furthest break whose line fits, a final space not counted. */
			int best = -1;
			long acc = 0;
			for (int i = ls + 1; i <= n; i++) {
				acc += B->w[i - 1];
				if (i < n && !B->la[i].is_line_break)
					continue;
				long fit = acc - (B->la[i - 1].is_white ? B->w[i - 1] : 0);
				if (fit <= B->W)
					best = i;
				else
					break;
			}
			if (best < 0) {
				/* A word wider than the line: between characters, with a
				 * hyphen where Pango would put one; at least one char. */
				acc = 0;
				int hw = -1;
				for (int i = ls + 1; i <= n; i++) {
					acc += B->w[i - 1];
					if (i < n && (!B->la[i].is_char_break || inside_digraph(B, B->p->text, i)))
						continue;
					long fit = acc;
					if (i < n && B->la[i].break_inserts_hyphen) {
						if (hw < 0) {
							hb_codepoint_t g;
							hb_font_t *hb = pango_font_get_hb_font(
								((PangoGlyphItem *)B->items->pdata[B->next])->item->analysis.font);
							hw = hb_font_get_nominal_glyph(hb, 0x2010, &g) ||
									     hb_font_get_nominal_glyph(hb, '-', &g)
								     ? hb_font_get_glyph_h_advance(hb, g)
								     : 0;
						}
						fit += hw;
					}
					if (best < 0 || fit <= B->W)
						best = i;
					if (fit > B->W)
						break;
				}
				hyphen = best < n && B->la[best].break_inserts_hyphen;
				cut = best < n;
			}
			end = best;
		}
		/* The line's runs: whole items, the last one split where the line ends. */
		int end_byte = B->byte[end];
		GPtrArray *runs = g_ptr_array_new();
		while (B->next < B->items->len) {
			PangoGlyphItem *gi = B->items->pdata[B->next];
			if (gi->item->offset >= end_byte)
				break;
			if (glyph_item_end(gi) <= end_byte) {
				g_ptr_array_add(runs, gi);
				B->next++;
			} else {
				g_ptr_array_add(runs, pango_glyph_item_split(gi, B->p->text, end_byte - gi->item->offset));
			}
		}
		/* Runs end where colour or underline changes (links), as Pango's do:
		 * the cuts inside this line (the cuts are in order, so each is
		 * looked at once). */
		for (; B->next_cut < B->cuts->len && g_array_index(B->cuts, int, B->next_cut) < end_byte; B->next_cut++) {
			int cut = g_array_index(B->cuts, int, B->next_cut);
			for (guint r = 0; r < runs->len; r++) {
				PangoGlyphItem *gi = runs->pdata[r];
				if (cut > gi->item->offset && cut < glyph_item_end(gi)) {
					PangoGlyphItem *head = pango_glyph_item_split(gi, B->p->text, cut - gi->item->offset);
					g_ptr_array_insert(runs, (gint)r, head);
					break;
				}
			}
		}
		bool wrapped = end < n;
		join_white_runs(B, runs);
		if (runs->len && wrapped) {
			PangoGlyphItem *last = runs->pdata[runs->len - 1];
			if (hyphen) {
				add_hyphen(B, last);
			} else if (B->la[end - 1].is_white) {
				/* A wrapped line's final space takes no room (right and centre alignment). */
				PangoGlyphString *gs = last->glyphs;
				int at = B->byte[end - 1] - last->item->offset;
				for (int g = gs->num_glyphs - 1; g >= 0 && gs->log_clusters[g] == at; g--)
					gs->glyphs[g].geometry.width = 0;
			}
		}
		for (guint r = 0; r < runs->len; r++)
			trim_run(runs->pdata[r]);
		txt_line line = {.nruns = (int)runs->len};
		line.runs = (PangoGlyphItem **)g_ptr_array_free(runs, FALSE);
		line.word_cut = cut;
		g_array_append_val(B->lines, line);
		ls = end;
	} while (ls < n);
}

/* Items longer than this many chars are cut into pieces at break
 * opportunities before they are shaped: each line is split off the front
 * of its item, and Pango's split copies and moves the whole rest of the
 * item, so one long item (a paragraph of plain text is one) would cost
 * time quadratic in its length; and one item is one HarfBuzz buffer, which
 * for a 10 MB cell is hundreds of MB written once and thrown away.  Each
 * piece is shaped with the whole text as its context, and a break
 * opportunity follows a space or a hyphen, where nothing is joined or
 * kerned across: the glyphs are those of the whole item. */
#define TXT_CHUNK_CHARS 2048

/* Where the item of chars [ci, end) is cut: its last break opportunity
 * within TXT_CHUNK_CHARS chars, else its first after them; -1 if it is
 * short enough or has none (one word: it stays whole).  Each call looks at
 * no more chars than the piece it cuts off, or, once, at the rest. */
static int chunk_end(const builder *B, int ci, int end)
{
	if (end - ci <= TXT_CHUNK_CHARS)
		return -1;
	for (int k = ci + TXT_CHUNK_CHARS; k > ci; k--)
		if (B->la[k].is_line_break)
			return k;
	for (int k = ci + TXT_CHUNK_CHARS + 1; k < end; k++)
		if (B->la[k].is_line_break)
			return k;
	return -1;
}

/* Shapes item (its first char is the segment's char ci) into a run of the
 * items still to be placed, with its chars' widths. */
static void shape_piece(builder *B, PangoItem *item, int ci, double letter_spacing)
{
	const char *text = B->p->text;
	PangoGlyphItem *gi = g_slice_new0(PangoGlyphItem);
	gi->item = item;
	gi->glyphs = pango_glyph_string_new();
	pango_shape_item(item, text, B->p->len, B->la + ci, gi->glyphs, PANGO_SHAPE_NONE);
	PangoGlyphString *gs = gi->glyphs;
	for (int g = 0; g < gs->num_glyphs; g++) {
		if (gs->glyphs[g].glyph & PANGO_GLYPH_UNKNOWN_FLAG)
			B->p->unknown++;
		gs->glyphs[g].geometry.width += (int)letter_spacing; /* the first character where the text starts */
	}
	pango_glyph_item_get_logical_widths(gi, text, B->w + ci);
	if (item->num_chars > TXT_CHUNK_CHARS) /* one word: its glyph string's spare room back */
		trim_run(gi);
	g_ptr_array_add(B->items, gi);
}

/* Shapes the items of text [start, start + len) once, with their chars'
 * widths and break opportunities, and breaks them into lines. */
static void shape_segment(builder *B, int start, int len)
{
	const char *text = B->p->text;
	int n = (int)g_utf8_strlen(text + start, len);
	B->nchars = n;
	B->byte = g_new(int, n + 1);
	B->w = g_new0(int, n + 1);
	B->la = g_new(PangoLogAttr, n + 1);
	const char *s = text + start;
	for (int i = 0; i < n; i++, s = g_utf8_next_char(s))
		B->byte[i] = (int)(s - text);
	B->byte[n] = start + len;
	pango_get_log_attrs(text + start, len, -1, B->lang, B->la, n + 1);
	keep_figures(B, text);

	B->items = g_ptr_array_new();
	B->next = 0;
	GList *items = len ? pango_itemize(B->ctx, text, start, len, B->itemize_attrs, NULL) : NULL;
	PangoAttrIterator *shape_it = pango_attr_list_get_iterator(B->shape_attrs);
	double ls = B->p->style.letter_spacing * PANGO_SCALE;
	int ci = 0; /* char index of the item */
	for (GList *l = items; l; l = l->next) {
		PangoItem *item = l->data;
		pango_item_apply_attrs(item, shape_it);
		int end = ci + item->num_chars;
		for (int at; (at = chunk_end(B, ci, end)) > 0; ci = at)
			shape_piece(B, pango_item_split(item, B->byte[at] - item->offset, at - ci), ci, ls);
		shape_piece(B, item, ci, ls);
		ci = end;
	}
	g_list_free(items);
	pango_attr_iterator_destroy(shape_it);

	/* The widest piece between break opportunities, its final spaces not
	 * counted: the narrowest measure that needs no word broken. */
	long piece = 0, trail = 0;
	for (int i = 0; i <= n; i++) {
		if (i == n || (i > 0 && B->la[i].is_line_break)) {
			double w = (double)(piece - trail) / PANGO_SCALE;
			if (w > B->p->min_width)
				B->p->min_width = w;
			piece = trail = 0;
		}
		if (i < n) {
			piece += B->w[i];
			trail = B->la[i].is_white ? trail + B->w[i] : 0;
		}
	}

	break_segment(B);

	g_ptr_array_free(B->items, TRUE);
	g_free(B->byte);
	g_free(B->w);
	g_free(B->la);
}

/* A line's left edge, points, for its alignment in measure W (Pango units). */
static double line_x(txt_align align, int64_t W, int64_t width)
{
	int64_t x = 0;
	if (align == TXT_RIGHT)
		x = W - width;
	else if (align == TXT_CENTER) {
		x = (W - width) / 2;
		if (((W | width) & (PANGO_SCALE - 1)) == 0)
			x = PANGO_UNITS_ROUND(x);
	}
	return (double)x / PANGO_SCALE;
}

/* Pango's line metrics: a line's logical band is the union of its runs'
 * (each raised by its rise); the first baseline sits at the band's top, the
 * next ones line_spacing × the tallest font's line height apart (float
 * arithmetic truncated, as Pango does).  Positions are 64-bit: a cell of a
 * million words is some 100,000 lines, past an int's 2^31 Pango units,
 * and past 2^22 units (about five pages) a float no longer holds the
 * baseline to the unit, so from there the sum is done in double. */
static void set_line_metrics(builder *B, PangoFont *base)
{
	txt_para *p = B->p;
	const float spacing = (float)p->style.line_spacing;
	int64_t baseline = 0, prev_bottom = 0;
	for (int i = 0; i < p->nlines; i++) {
		txt_line *line = &p->lines[i];
		int y0 = 0, y1 = 0, height = 0, rise = 0;
		int64_t width = 0; /* a line unwrapped (the natural width) may pass 2^31 units */
		bool any_unscaled = false;
		const PangoFont *prev_font = NULL;
		for (int r = 0; r < line->nruns; r++) {
			PangoGlyphItem *gi = line->runs[r];
			PangoFont *font = gi->item->analysis.font;
			const font_info *fi = font_info_of(font, gi->item->analysis.language);
			gi->y_offset = 0;
			if (has_attr(gi->item, PANGO_ATTR_BASELINE_SHIFT, PANGO_BASELINE_SHIFT_SUPERSCRIPT))
				gi->y_offset = font_info_of(prev_font ? (PangoFont *)prev_font : font,
							    gi->item->analysis.language)->sup_rise;
			else
				prev_font = font;
			rise = gi->y_offset;
			if (gi->glyphs->num_glyphs) {
				y0 = MIN(y0, -fi->ascent - rise);
				y1 = MAX(y1, fi->descent - rise);
			}
			if (!has_attr(gi->item, PANGO_ATTR_FONT_SCALE, PANGO_FONT_SCALE_SUPERSCRIPT)) {
				height = MAX(height, fi->height);
				any_unscaled = true;
			}
			width += pango_glyph_string_get_width(gi->glyphs);
		}
		if (!line->nruns || !any_unscaled) {
			const font_info *fi = font_info_of(base, B->lang);
			if (!line->nruns) {
				PangoFontMetrics *m = pango_font_get_metrics(base, B->lang);
				y0 = -pango_font_metrics_get_ascent(m);
				y1 = pango_font_metrics_get_descent(m);
				pango_font_metrics_unref(m);
			}
			height = MAX(height, fi->height);
		}
		if (i == 0 || spacing == 0.0f)
			baseline = prev_bottom - y0;
		else if (baseline < (1 << 22))
			baseline = (int64_t)((float)baseline + spacing * (float)height);
		else
			baseline = (int64_t)((double)baseline + (double)(spacing * (float)height));
		int64_t top = baseline + y0;
		prev_bottom = top + (y1 - y0);
		line->x = line_x(p->style.align, B->W, width);
		line->width = (double)width / PANGO_SCALE;
		line->baseline = (double)baseline / PANGO_SCALE;
		line->top = (double)top / PANGO_SCALE;
		line->bottom = (double)prev_bottom / PANGO_SCALE;
	}
}

txt_para *txt_shape(PangoContext *ctx, const char *text, int len, PangoAttrList *attrs, const txt_style *s)
{
	txt_para *p = g_new0(txt_para, 1);
	p->text = g_strndup(text, (gsize)len);
	p->len = len;
	p->attrs = attrs ? pango_attr_list_ref(attrs) : pango_attr_list_new();
	p->style = *s;
	p->font = pango_font_description_copy(s->font);
	p->style.font = p->font;

	builder B = {.ctx = ctx, .p = p, .lang = pango_language_from_string(s->lang),
		     .welsh = s->lang && !strncmp(s->lang, "cy", 2)};
	/* Attributes sorted as PangoLayout does: those that choose fonts make
	 * the items, font features go to each item's shaping, and the rest
	 * (colour, underline) only split runs. */
	PangoAttrList *rest = pango_attr_list_copy(p->attrs);
	if (!rest)
		rest = pango_attr_list_new();
	pango_attr_list_insert_before(rest, pango_attr_font_desc_new(p->font));
	B.itemize_attrs = pango_attr_list_filter(rest, affects_itemization, NULL);
	B.shape_attrs = pango_attr_list_filter(rest, affects_shaping, NULL);
	if (!B.shape_attrs)
		B.shape_attrs = pango_attr_list_new();
	B.cuts = g_array_new(FALSE, FALSE, sizeof(int));
	PangoAttrIterator *it = pango_attr_list_get_iterator(rest);
	do {
		int a, b;
		pango_attr_iterator_range(it, &a, &b);
		if (a > 0 && a < len)
			g_array_append_val(B.cuts, a);
	} while (pango_attr_iterator_next(it));
	pango_attr_iterator_destroy(it);
	pango_attr_list_unref(rest);
	B.W = s->width < 0 ? -1 : (int)(s->width * PANGO_SCALE);
	B.lines = g_array_new(FALSE, TRUE, sizeof(txt_line));

	/* Segments between line feeds, each one or more lines (as Pango's
	 * paragraphs). */
	int start = 0;
	for (;;) {
		const char *nl = memchr(p->text + start, '\n', (size_t)(len - start));
		int seg = nl ? (int)(nl - p->text) - start : len - start;
		shape_segment(&B, start, seg);
		if (!nl)
			break;
		start += seg + 1;
	}
	p->nlines = (int)B.lines->len;
	p->lines = (txt_line *)g_array_free(B.lines, FALSE);

	PangoFont *base = pango_context_load_font(ctx, p->font);
	set_line_metrics(&B, base);
	g_object_unref(base);
	pango_attr_list_unref(B.itemize_attrs);
	pango_attr_list_unref(B.shape_attrs);
	g_array_free(B.cuts, TRUE);
	return p;
}

void txt_free(txt_para *p)
{
	if (!p)
		return;
	for (int i = 0; i < p->nlines; i++) {
		for (int r = 0; r < p->lines[i].nruns; r++) {
			pango_item_free(p->lines[i].runs[r]->item);
			pango_glyph_string_free(p->lines[i].runs[r]->glyphs);
			g_slice_free(PangoGlyphItem, p->lines[i].runs[r]);
		}
		g_free(p->lines[i].runs);
	}
	g_free(p->lines);
	pango_attr_list_unref(p->attrs);
	pango_font_description_free(p->font);
	g_free(p->text);
	g_free(p);
}

double txt_height(const txt_para *p, int l0, int l1)
{
	return l1 > l0 ? p->lines[l1 - 1].bottom - p->lines[l0].top : 0;
}

void txt_line_origin(const txt_para *p, int l0, int i, double x, double y, double *ox, double *oy)
{
	*ox = x + p->lines[i].x;
	*oy = y + p->lines[i].baseline - p->lines[l0].top;
}

double txt_draw_run(cairo_t *cr, const txt_para *p, PangoGlyphItem *run, double x, double y)
{
	cairo_move_to(cr, x, y - (double)run->y_offset / PANGO_SCALE);
	pango_cairo_show_glyph_item(cr, p->text, run);
	return (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
}

void txt_draw_line(cairo_t *cr, const txt_para *p, int i, double x, double y)
{
	for (int r = 0; r < p->lines[i].nruns; r++)
		x += txt_draw_run(cr, p, p->lines[i].runs[r], x, y);
}

void txt_draw_line_glyphs(cairo_t *cr, const txt_para *p, int i, double x, double y)
{
	for (int r = 0; r < p->lines[i].nruns; r++) {
		PangoGlyphItem *run = p->lines[i].runs[r];
		cairo_move_to(cr, x, y - (double)run->y_offset / PANGO_SCALE);
		pango_cairo_show_glyph_string(cr, run->item->analysis.font, run->glyphs);
		x += (double)pango_glyph_string_get_width(run->glyphs) / PANGO_SCALE;
	}
}

double txt_natural_width(const txt_para *p)
{
	double w = 0;
	for (int i = 0; i < p->nlines; i++)
		w = MAX(w, p->lines[i].width);
	return w;
}

void txt_set_measure(txt_para *p, double width)
{
	p->style.width = width;
	int W = (int)lround(width * PANGO_SCALE);
	for (int i = 0; i < p->nlines; i++)
		p->lines[i].x = line_x(p->style.align, W, llround(p->lines[i].width * PANGO_SCALE));
}

txt_para *txt_reshape(PangoContext *ctx, const txt_para *p, double width, double size)
{
	txt_style s = p->style;
	s.width = width;
	PangoFontDescription *fd = pango_font_description_copy(p->font);
	if (size > 0)
		pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	s.font = fd;
	txt_para *q = txt_shape(ctx, p->text, p->len, p->attrs, &s);
	pango_font_description_free(fd);
	return q;
}
