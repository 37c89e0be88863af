/* layout.c — turns the model, its figures and the template into pages of
 * positioned operations (layout.h).  It shapes every paragraph once with
 * Pango, breaks paragraphs between lines and tables between rows, keeps
 * headings with what follows, and emits structure tags in reading order.
 * It knows nothing about XML and draws nothing. */
#include "layout.h"

#include <fontconfig/fontconfig.h>
#include <math.h>
#include <pango/pangocairo.h>
#include <pango/pangofc-fontmap.h>
#include <stdarg.h>
#include <string.h>

#include "chart.h"
#include "fonts.h"
#include "phrases.h"
#include "rules.h"
#include "text.h"

struct lay_fonts {
	PangoFontMap *map;
	PangoContext *ctx;
	FcConfig *fc;
};

lay_fonts *lay_fonts_new(const pps_template *t, diag_ctx *dc)
{
	FcConfig *fc = fonts_config(t->fonts_dir);
	if (!fc) {
		char *m = g_strdup_printf("cannot read fonts from %s; the bundled fonts/ folder is missing", t->fonts_dir);
		diag_emit_file(dc, DIAG_FONT, NULL, 0, 0, m);
		g_free(m);
		return NULL;
	}
	/* Is the template's family really there?  Never fall back to the host. */
	FcPattern *pat = FcPatternCreate();
	FcPatternAddString(pat, FC_FAMILY, (const FcChar8 *)t->style.font);
	FcObjectSet *os = FcObjectSetBuild(FC_FAMILY, NULL);
	FcFontSet *fs = FcFontList(fc, pat, os);
	int found = fs ? fs->nfont : 0;
	if (fs)
		FcFontSetDestroy(fs);
	FcObjectSetDestroy(os);
	FcPatternDestroy(pat);
	if (!found) {
		char *m = g_strdup_printf("no font of the family \"%s\" in %s; add its .ttf files there or change font= in style.xml",
					  t->style.font, t->fonts_dir);
		diag_emit_file(dc, DIAG_FONT, NULL, 0, 0, m);
		g_free(m);
		FcConfigDestroy(fc);
		return NULL;
	}
	lay_fonts *f = g_new0(lay_fonts, 1);
	f->fc = fc;
	/* Make ours fontconfig's current configuration too: Pango's start-up
	 * thread then finds one instead of loading the host's fonts.conf and
	 * caches, and no fontconfig call anywhere can reach the host's fonts. */
	FcConfigSetCurrent(fc);
	f->ctx = fonts_context(fc, &f->map);
	return f;
}

void lay_fonts_free(lay_fonts *f)
{
	if (!f)
		return;
	chart_forget_layouts(f->ctx);
	g_object_unref(f->ctx);
	g_object_unref(f->map);
	FcConfigDestroy(f->fc);
	g_free(f);
}

/* ---- The layout context --------------------------------------------- */

typedef struct {
	txt_para *t;
	int nlines;
	lay_link *links;
	int nlinks;
	lay_span *spans; /* the words of a "Cymraeg / English" text in each language */
	int nspans;
	pps_lang lang; /* the language it was shaped in: its tag's /Lang */
} para;

typedef struct {
	lay_book *b;
	const pps_doc *d;
	const pps_figures *fig;
	const pps_template *t;
	const pps_style *st;
	lay_fonts *f;
	const lay_options *opt;
	diag_ctx *dc;
	pps_lang lang;        /* language being laid out */
	const char *prefix;   /* destination prefix ("" or "p2-") */
	lay_page *page;
	double y;             /* cursor, points from the page top */
	double x0, width;     /* the text frame (a column in the parallel layout) */
	double top, bottom;   /* content area */
	int body_no;          /* printed number of the next new body page */
	const int *pack;      /* agenda pack: the printed number of each body page, in order
			       * (from a first pass: front pages count too), or NULL */
	int npack, nbody_made;
	bool front;
	bool par;             /* parallel layout: two columns in lockstep */
	GPtrArray *open;      /* open container tags (const char *), outermost first */
	GPtrArray *open_lang; /* their language tags */
	guint flow_base;      /* containers below this index belong to both columns */
	double colx[2], colw; /* parallel columns: x of each, common width */
	double full_x0, full_w;
	bool bi_labels;       /* full-width table in the parallel layout: both languages' labels */
	double keep_tail;     /* points of short blocks that end the section after this paragraph:
			       * its last lines go over with them rather than leave them alone */
	para *header;         /* the running header last shaped, and its text */
	const char *header_text;
} lay;

static const char *lang_tag(const lay *L) { return L->opt->nlangs > 1 ? tpl_lang_tag(L->lang) : NULL; }

static lay_op *emit(lay *L, lay_op op)
{
	g_array_append_val(L->page->ops, op);
	return &g_array_index(L->page->ops, lay_op, L->page->ops->len - 1);
}

/* Containers (Sect, P, L, Table...) go through a stack so that the parallel
 * layout can close a column's open containers at a page break and reopen
 * them on the next page: two columns cannot both hold a tag open across a
 * break (tags nest), so a paragraph split there becomes two. */
static void tag_begin_lang(lay *L, const char *tag, const char *lang)
{
	emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = tag, .lang = lang});
	g_ptr_array_add(L->open, (gpointer)tag);
	g_ptr_array_add(L->open_lang, (gpointer)lang);
}

static void tag_begin(lay *L, const char *tag) { tag_begin_lang(L, tag, lang_tag(L)); }

static void tag_end(lay *L, const char *tag)
{
	emit(L, (lay_op){.kind = OP_TAG_END, .tag = tag});
	g_ptr_array_remove_index(L->open, L->open->len - 1);
	g_ptr_array_remove_index(L->open_lang, L->open_lang->len - 1);
}

static lay_page *add_page(lay *L, bool front)
{
	lay_page *p = arena_alloc(L->b->arena, sizeof *p);
	p->ops = g_array_new(FALSE, TRUE, sizeof(lay_op));
	p->front = front;
	/* A bilingual page's header and footer read Welsh (langs[0]) first,
	 * whichever column made the page. */
	p->lang = L->par ? L->opt->langs[0] : L->lang;
	p->bilingual = L->opt->mode == LAYOUT_PARALLEL;
	p->index = (int)L->b->pages->len;
	g_ptr_array_add(L->b->pages, p);
	L->page = p;
	L->y = L->top;
	if (!front) {
		int k = L->nbody_made++;
		p->number = !L->pack ? L->body_no : k < L->npack ? L->pack[k] : L->pack[L->npack - 1] + (k - L->npack + 1);
		L->body_no++;
	}
	return p;
}

static void new_page(lay *L)
{
	if (!L->par) {
		/* Tags begun at the foot of the page with nothing drawn in them yet
		 * (a list whose first item goes over) begin on the next page: cairo
		 * would leave an empty marked-content sequence here that no element
		 * claims.  A destination just before them goes with them. */
		GArray *ops = L->page->ops;
		guint k = ops->len;
		while (k > 0 && (g_array_index(ops, lay_op, k - 1).kind == OP_TAG_BEGIN ||
				 g_array_index(ops, lay_op, k - 1).kind == OP_DEST))
			k--;
		guint nmove = ops->len - k;
		lay_op *move = nmove ? g_memdup2(&g_array_index(ops, lay_op, k), nmove * sizeof(lay_op)) : NULL;
		g_array_set_size(ops, k);
		add_page(L, L->front);
		for (guint i = 0; i < nmove; i++) {
			if (move[i].kind == OP_DEST)
				move[i].y = L->top;
			g_array_append_val(L->page->ops, move[i]);
		}
		g_free(move);
		return;
	}
	/* Close this column's containers here, reopen them on the next page,
	 * which the other column may have made already. */
	guint depth = L->open->len;
	for (guint i = depth; i > L->flow_base; i--)
		emit(L, (lay_op){.kind = OP_TAG_END, .tag = L->open->pdata[i - 1]});
	guint next = (guint)L->page->index + 1;
	if (next < L->b->pages->len) {
		L->page = L->b->pages->pdata[next];
		L->y = L->top;
	} else {
		add_page(L, L->front);
	}
	for (guint i = L->flow_base; i < depth; i++)
		emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = L->open->pdata[i], .lang = L->open_lang->pdata[i]});
}

static const char *dest_name(lay *L, const char *id)
{
	/* cairo 1.16 writes destination names raw: keep them ASCII (trap 6). */
	GString *s = g_string_new(L->prefix);
	g_string_append(s, "sec-");
	for (const char *p = id; *p; p++)
		g_string_append_c(s, g_ascii_isalnum(*p) || *p == '-' || *p == '_' ? *p : '_');
	const char *r = arena_strdup(L->b->arena, s->str);
	g_string_free(s, TRUE);
	return r;
}

/* ---- Text ----------------------------------------------------------- */

typedef struct {
	GString *text;
	PangoAttrList *attrs;
	GArray *links; /* lay_link */
} rich;

static bool section_holds(const pps_section *s, const char *id)
{
	if (g_strcmp0(s->id, id) == 0)
		return true;
	for (int i = 0; i < s->nsubs; i++)
		if (section_holds(&s->subs[i], id))
			return true;
	return false;
}

/* Whether section `id` is laid out in this file. */
static bool ref_in_file(const lay *L, const char *id)
{
	if (!L->opt->appendix)
		return true;
	for (int i = 0; i < L->d->nappendices; i++)
		if (g_strcmp0(L->d->appendices[i].id, L->opt->appendix) == 0)
			return section_holds(&L->d->appendices[i], id);
	return false;
}

/* Appends t to s set as print sets it: apostrophes and quotes curly
 * ("Council’s", ‘…’, “…”), and a minus sign (U+2212) before a negative
 * figure ("−2.4%"), where a hyphen-minus would be too short to read as
 * one.  The XML keeps what the author typed. */
static void append_typeset(GString *s, const char *t)
{
	for (const char *p = t; *p; p++) {
		gunichar prev = s->len ? g_utf8_get_char(g_utf8_find_prev_char(s->str, s->str + s->len)) : ' ';
		bool word_before = g_unichar_isalnum(prev) || (g_unichar_ispunct(prev) && prev != '(' && prev != '[' &&
								      prev != 0x2018 && prev != 0x201C && prev != '/');
		switch (*p) {
		case '\'':
			g_string_append(s, word_before || !g_ascii_isalnum(p[1]) ? "\u2019" : "\u2018");
			break;
		case '"': g_string_append(s, word_before ? "\u201D" : "\u201C"); break;
		case '-':
			if (g_ascii_isdigit(p[1]) && !g_unichar_isalnum(prev) && prev != '-' && prev != '.' && prev != ',')
				g_string_append(s, "\u2212");
			else
				g_string_append_c(s, '-');
			break;
		default: g_string_append_c(s, *p);
		}
	}
}

static void rich_init(rich *r)
{
	r->text = g_string_new(NULL);
	r->attrs = pango_attr_list_new();
	r->links = g_array_new(FALSE, TRUE, sizeof(lay_link));
}

static void attr_range(rich *r, PangoAttribute *a, size_t start)
{
	a->start_index = (guint)start;
	a->end_index = (guint)r->text->len;
	pango_attr_list_insert(r->attrs, a);
}

static const char *section_label(lay *L, const pps_section *s)
{
	char *txt;
	if (s->letter)
		txt = tpl_format(L->t, L->lang, "appendix", "letter", s->letter, NULL);
	else
		txt = tpl_format(L->t, L->lang, "section-ref", "number", s->number ? s->number : "?", NULL);
	const char *r = arena_strdup(L->b->arena, txt);
	g_free(txt);
	return r;
}

static void rich_add(lay *L, rich *r, const pps_text *t)
{
	if (!t)
		return;
	for (int i = 0; i < t->n; i++) {
		const pps_run *run = &t->runs[i];
		size_t start = r->text->len;
		const char *link_dest = NULL, *link_uri = run->href;
		switch (run->kind) {
		case RUN_TEXT: append_typeset(r->text, run->text); break;
		case RUN_BREAK: g_string_append_c(r->text, '\n'); break;
		case RUN_FIG: {
			const pps_figure *f = fig_get(L->fig, run->ref);
			g_string_append(r->text, f ? f->display : run->ref);
			break;
		}
		case RUN_REF: {
			const pps_section *s = model_section(L->d, run->ref);
			g_string_append(r->text, s ? section_label(L, s) : run->ref);
			/* A link only to a place in this file: a lone appendix's
			 * reference to the statement or another appendix is plain
			 * text. */
			if (ref_in_file(L, run->ref))
				link_dest = dest_name(L, run->ref);
			break;
		}
		}
		if (r->text->len == start)
			continue;
		if (run->style & RUN_BOLD)
			attr_range(r, pango_attr_weight_new(PANGO_WEIGHT_BOLD), start);
		if (run->style & RUN_ITALIC)
			attr_range(r, pango_attr_style_new(PANGO_STYLE_ITALIC), start);
		if (run->style & RUN_SUP) {
			attr_range(r, pango_attr_baseline_shift_new(PANGO_BASELINE_SHIFT_SUPERSCRIPT), start);
			attr_range(r, pango_attr_font_scale_new(PANGO_FONT_SCALE_SUPERSCRIPT), start);
		}
		if (link_dest || link_uri) {
			const double *c = L->st->primary;
			attr_range(r, pango_attr_foreground_new((guint16)(c[0] * 65535), (guint16)(c[1] * 65535),
								(guint16)(c[2] * 65535)),
				   start);
			attr_range(r, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), start);
			lay_link lk = {(int)start, (int)r->text->len, link_dest,
				       link_uri ? arena_strdup(L->b->arena, link_uri) : NULL,
				       arena_strndup(L->b->arena, r->text->str + start, r->text->len - start)};
			/* Merge with a link to the same place just before (styled runs). */
			lay_link *prev = r->links->len ? &g_array_index(r->links, lay_link, r->links->len - 1) : NULL;
			if (prev && prev->end == lk.start && g_strcmp0(prev->dest, lk.dest) == 0 &&
			    g_strcmp0(prev->uri, lk.uri) == 0) {
				prev->end = lk.end;
				prev->text = arena_strndup(L->b->arena, r->text->str + prev->start,
							   (size_t)(prev->end - prev->start));
			} else {
				g_array_append_val(r->links, lk);
			}
		}
	}
}

static void rich_add_str(rich *r, const char *s) { append_typeset(r->text, s); }

/* "Cymraeg / English" as one string that still knows its languages: each
 * piece between a private-use mark (U+E000 the first language, U+E001 the
 * second) and U+E002.  make_para takes the marks out and draws each piece
 * as a Span with its /Lang, so a screen reader voices each in its own
 * language; add_outline strips them from bookmarks. */
#define BI_FIRST "\uE000"
#define BI_SECOND "\uE001"
#define BI_END "\uE002"
static const char *bi_join(lay *L, const char *a, const char *b)
{
	return arena_printf(L->b->arena, BI_FIRST "%s" BI_END " / " BI_SECOND "%s" BI_END, a, b);
}

static bool bi_mark(const char *p, int *which)
{
	/* U+E000..U+E002 in UTF-8: EE 80 80..82 */
	if ((unsigned char)p[0] != 0xEE || (unsigned char)p[1] != 0x80 || (unsigned char)p[2] < 0x80 ||
	    (unsigned char)p[2] > 0x82)
		return false;
	*which = (unsigned char)p[2] - 0x80;
	return true;
}

/* Takes the marks out of s (in place), shifting links after them, and
 * returns the pieces whose language differs from `own`. */
static GArray *bi_unmark(lay *L, GString *s, GArray *links, pps_lang own)
{
	GArray *spans = g_array_new(FALSE, TRUE, sizeof(lay_span));
	if (!strstr(s->str, "\xEE\x80"))
		return spans;
	GString *out = g_string_sized_new(s->len);
	int open = -1, start = 0;
	for (gsize i = 0; i < s->len;) {
		int which;
		if (i + 2 < s->len && bi_mark(s->str + i, &which)) {
			for (guint k = 0; k < links->len; k++) { /* offsets past the mark move back */
				lay_link *lk = &g_array_index(links, lay_link, k);
				lk->start -= lk->start > (int)out->len ? 3 : 0;
				lk->end -= lk->end > (int)out->len ? 3 : 0;
			}
			if (which == 2 && open >= 0) {
				pps_lang l = L->opt->langs[open];
				if (l != own && (int)out->len > start) {
					lay_span sp = {start, (int)out->len, tpl_lang_tag(l)};
					g_array_append_val(spans, sp);
				}
				open = -1;
			} else if (which < 2 && L->opt->nlangs > 1) {
				open = which;
				start = (int)out->len;
			}
			i += 3;
			continue;
		}
		g_string_append_c(out, s->str[i]);
		i++;
	}
	g_string_assign(s, out->str);
	g_string_free(out, TRUE);
	return spans;
}

/* The marks taken out, for text that is not drawn through make_para. */
static char *bi_plain(const char *s)
{
	GString *out = g_string_new(NULL);
	for (const char *p = s; *p;) {
		int which;
		if (p[1] && p[2] && bi_mark(p, &which)) {
			p += 3;
			continue;
		}
		g_string_append_c(out, *p++);
	}
	return g_string_free(out, FALSE);
}

/* Records which characters came out as unknown glyphs (the glyph id then
 * carries the character), so the message can name them. */
static void note_missing(lay_book *b, const txt_para *t)
{
	for (int i = 0; i < t->nlines; i++)
		for (int r = 0; r < t->lines[i].nruns; r++) {
			const PangoGlyphString *gs = t->lines[i].runs[r]->glyphs;
			for (int g = 0; g < gs->num_glyphs; g++) {
				PangoGlyph gl = gs->glyphs[g].glyph;
				if (!(gl & PANGO_GLYPH_UNKNOWN_FLAG))
					continue;
				gunichar c = gl & ~PANGO_GLYPH_UNKNOWN_FLAG;
				bool seen = false;
				for (int k = 0; k < b->nmissing; k++)
					seen |= b->missing[k] == c;
				if (!seen && b->nmissing < (int)G_N_ELEMENTS(b->missing))
					b->missing[b->nmissing++] = c;
			}
		}
}

/* Shapes `r` at width (points) and size, each item once (text.c); consumes r.
 * letter_spacing: points added to every character (dot leaders), or 0. */
static para *make_para_x(lay *L, rich *r, double width, double size, bool bold, txt_align align,
			 double letter_spacing)
{
	PangoFontDescription *fd = pango_font_description_new();
	pango_font_description_set_family(fd, L->st->font);
	pango_font_description_set_absolute_size(fd, size * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	const char *lang = L->lang == LANG_CY ? "cy" : "en";
	GArray *spans = bi_unmark(L, r->text, r->links, L->lang);
	PangoAttrList *al = r->attrs;
	pango_attr_list_insert_before(al, pango_attr_language_new(pango_language_from_string(lang)));
	for (guint i = 0; i < spans->len; i++) { /* shaped, hyphenated, itemised in its language */
		const lay_span *sp = &g_array_index(spans, lay_span, i);
		PangoAttribute *la = pango_attr_language_new(pango_language_from_string(sp->lang));
		la->start_index = (guint)sp->start;
		la->end_index = (guint)sp->end;
		pango_attr_list_change(al, la);
	}
	/* No ligatures: cairo would wrap each in an /ActualText span inside our
	 * marked content, which some readers and extractors cut short. */
	pango_attr_list_insert_before(al, pango_attr_font_features_new("liga=0, clig=0"));
	txt_style ts = {.font = fd, .lang = lang, .width = width, .align = align,
			.line_spacing = L->st->line_spacing, .letter_spacing = letter_spacing};
	txt_para *t = txt_shape(L->f->ctx, r->text->str, (int)r->text->len, al, &ts);
	pango_font_description_free(fd);
	pango_attr_list_unref(al);
	g_hash_table_add(L->b->layouts, t);

	para *p = arena_alloc(L->b->arena, sizeof *p);
	p->t = t;
	p->nlines = t->nlines;
	p->lang = L->lang;
	if (t->unknown)
		note_missing(L->b, t);
	L->b->unknown_glyphs += t->unknown;
	p->nlinks = (int)r->links->len;
	p->links = arena_memdup(L->b->arena, r->links->data, sizeof(lay_link) * r->links->len);
	g_array_free(r->links, TRUE);
	p->nspans = (int)spans->len;
	p->spans = p->nspans ? arena_memdup(L->b->arena, spans->data, sizeof(lay_span) * spans->len) : NULL;
	g_array_free(spans, TRUE);
	g_string_free(r->text, TRUE);
	return p;
}

static para *make_para(lay *L, rich *r, double width, double size, bool bold, bool right)
{
	return make_para_x(L, r, width, size, bold, right ? TXT_RIGHT : TXT_LEFT, 0);
}

static para *text_para(lay *L, const pps_text *t, double width, double size, bool bold, bool right)
{
	rich r;
	rich_init(&r);
	rich_add(L, &r, t);
	return make_para(L, &r, width, size, bold, right);
}

/* m's text in the current language or, where it has only another (an
 * English-only appendix in the Welsh document), in that one, shaped and
 * tagged as that language. */
static const pps_text *ml_pick(const lay *L, const pps_ml *m, pps_lang *lang)
{
	const pps_text *t = ml_text(m, L->lang);
	*lang = t ? (pps_lang)(t - m->tx) : L->lang;
	return t;
}

static para *ml_para(lay *L, const pps_ml *m, double width, double size, bool bold, bool right)
{
	pps_lang lang, keep = L->lang;
	const pps_text *t = ml_pick(L, m, &lang);
	if (!t)
		return NULL;
	L->lang = lang;
	para *p = text_para(L, t, width, size, bold, right);
	L->lang = keep;
	return p;
}

static para *str_para(lay *L, const char *s, double width, double size, bool bold, bool right)
{
	rich r;
	rich_init(&r);
	rich_add_str(&r, s);
	return make_para(L, &r, width, size, bold, right);
}

static const char *para_lang_tag(const lay *L, const para *p)
{
	return L->opt->nlangs > 1 ? tpl_lang_tag(p->lang) : NULL;
}

static double para_h(const para *p) { return txt_height(p->t, 0, p->nlines); }

static void emit_text(lay *L, para *p, int l0, int l1, double x, double y, const char *leaf, const double *rgb)
{
	lay_op op = {.kind = OP_TEXT, .txt = p->t, .line0 = l0, .line1 = l1, .x = x, .y = y, .leaf = leaf,
		     .links = p->links, .nlinks = p->nlinks, .spans = p->spans, .nspans = p->nspans,
		     .lang = para_lang_tag(L, p)};
	memcpy(op.rgb, rgb ? rgb : L->st->text, sizeof op.rgb);
	op.h = txt_height(p->t, l0, l1);
	op.w = L->width;
	emit(L, op);
}

/* Places a paragraph's lines from the cursor, breaking between lines (two
 * lines at least at either side of a break).  The container tag stays open
 * across pages; each page's part is a leaf of its own (cairo trap 2). */
static void place_lines(lay *L, para *p, double x, const char *leaf, const double *rgb)
{
	int n = p->nlines, i = 0;
	while (i < n) {
		double avail = L->bottom - L->y;
		int j = i;
		while (j < n && txt_height(p->t, i, j + 1) <= avail + 0.01)
			j++;
		if (j == n && L->keep_tail > 0 && L->y + txt_height(p->t, i, n) + L->keep_tail > L->bottom + 0.01 &&
		    L->y > L->top + 0.01) {
			/* A short tail (a letter's sign-off, an appendix's last line)
			 * would stand alone on the next page: two lines go with it,
			 * or the whole paragraph if it is short. */
			j = n - i >= 4 ? n - 2 : i;
		}
		if (j < n) {
			if (n - j < 2 && j - i > 2)
				j = n - 2; /* no widow */
			if (i == 0 && j < 2 && n >= 2)
				j = 0; /* no orphan */
		}
		if (j == i) {
			if (L->y <= L->top + 0.01)
				j = i + 1; /* a line taller than the page: place it anyway */
			else {
				new_page(L);
				continue;
			}
		}
		emit_text(L, p, i, j, x, L->y, leaf, rgb);
		L->y += txt_height(p->t, i, j);
		i = j;
		if (i < n)
			new_page(L);
	}
}

/* A paragraph: one P leaf when it fits on the page and has no links (the
 * simplest tree, and half the elements), else a P holding one Span per page
 * (leaves never cross a page: cairo trap 2) and Link leaves for its links. */
static void place_p(lay *L, para *p, double x, const double *rgb)
{
	if (!p->nlinks && p->nlines && L->y + para_h(p) + L->keep_tail <= L->bottom + 0.01) {
		emit_text(L, p, 0, p->nlines, x, L->y, "P", rgb);
		L->y += para_h(p);
		return;
	}
	tag_begin(L, "P");
	place_lines(L, p, x, "Span", rgb);
	tag_end(L, "P");
}

/* ---- Generic tables -------------------------------------------------- */

/* A table is filled first, each cell shaped unwrapped, and sized after
 * (gt_fit): its columns' widths come from their content. */
typedef struct {
	int ncols;
	double *w;       /* column widths, points; 0: a dropped column (empty in every body row) */
	double *wt;      /* weights for the room beyond the columns' minimums (a <col width>), or 1 */
	char *align;     /* 'l' / 'r' */
	int nhead;
	int nrows;       /* including head rows */
	para **cell;     /* nrows * ncols */
	double *hang;    /* nrows * ncols: width of a note mark ("****") that hangs past the figures, points */
	unsigned char *span;  /* nrows * ncols, head cells: the columns (span) and head rows (rspan) */
	unsigned char *rspan; /* a cell covers, 0 meaning 1: a two-level head's "Basic + 8%" over two */
	bool *covered;        /* inside another cell's span: neither drawn nor tagged */
	bool *group;     /* a visual group starts at this row (rule above) */
	bool *dim;       /* row's first cell repeats the group label: print it dimmed */
	para *caption;
	const char *caption_text;
	para *caption2;  /* full width in the parallel layout: the caption in the second language */
	pps_lang cap2_lang;
	para *cont;      /* "caption (continued)", shaped once when first needed */
	double keep_after; /* points of what follows (a note) that must share the last rows' page */
	double size;
	double total_w;  /* sum of the columns, points: the table is no wider than its content needs */
	bool fitted;
	bool row_headers; /* first column cells are TH scope Row */
	const double *force_h; /* parallel tables: row heights shared with the other language */
} gtable;

#define CELL_PAD_X 4.0
#define CELL_PAD_Y 3.0

static gtable *gt_new(lay *L, int ncols, int nrows, int nhead)
{
	gtable *g = arena_alloc(L->b->arena, sizeof *g);
	g->ncols = ncols;
	g->nrows = nrows;
	g->nhead = nhead;
	g->w = arena_array(L->b->arena, (size_t)ncols, sizeof(double));
	g->wt = arena_array(L->b->arena, (size_t)ncols, sizeof(double));
	for (int c = 0; c < ncols; c++)
		g->wt[c] = 1;
	g->align = arena_alloc(L->b->arena, (size_t)ncols + 1);
	memset(g->align, 'l', (size_t)ncols);
	g->cell = arena_array(L->b->arena, (size_t)(ncols * nrows), sizeof(para *));
	g->hang = arena_array(L->b->arena, (size_t)(ncols * nrows), sizeof(double));
	g->group = arena_array(L->b->arena, (size_t)nrows, sizeof(bool));
	g->dim = arena_array(L->b->arena, (size_t)nrows, sizeof(bool));
	g->size = L->st->table_size;
	if (nhead > 1) { /* spans only in a head of two or more rows */
		g->span = arena_array(L->b->arena, (size_t)(ncols * nhead), 1);
		g->rspan = arena_array(L->b->arena, (size_t)(ncols * nhead), 1);
		g->covered = arena_array(L->b->arena, (size_t)(ncols * nhead), sizeof(bool));
	}
	return g;
}

/* A head cell over `cols` columns and `rows` head rows; the cells it covers
 * stay empty. */
static void gt_span(gtable *g, int row, int col, int cols, int rows)
{
	g_assert(g->span && row + rows <= g->nhead && col + cols <= g->ncols);
	g->span[row * g->ncols + col] = (unsigned char)cols;
	g->rspan[row * g->ncols + col] = (unsigned char)rows;
	for (int r = row; r < row + rows; r++)
		for (int c = col; c < col + cols; c++)
			if (r != row || c != col)
				g->covered[r * g->ncols + c] = true;
}

static int gt_cols_of(const gtable *g, int row, int col)
{
	return g->span && row < g->nhead && g->span[row * g->ncols + col] > 1 ? g->span[row * g->ncols + col] : 1;
}

static int gt_rows_of(const gtable *g, int row, int col)
{
	return g->span && row < g->nhead && g->rspan[row * g->ncols + col] > 1 ? g->rspan[row * g->ncols + col] : 1;
}

static bool gt_covered(const gtable *g, int row, int col)
{
	return g->covered && row < g->nhead && g->covered[row * g->ncols + col];
}

/* An author's relative column widths (<col width>): how the room beyond
 * the columns' minimums is shared when the table must wrap. */
static void gt_weights(gtable *g, const double *weights)
{
	for (int c = 0; c < g->ncols; c++)
		g->wt[c] = weights && weights[c] > 0 ? weights[c] : 1;
}

static void gt_set(lay *L, gtable *g, int row, int col, const char *s)
{
	if (!s || !*s)
		return; /* an empty cell needs no layout: it is still tagged (gt_draw_row) */
	bool head = row < g->nhead;
	g->cell[row * g->ncols + col] = str_para(L, s, -1, g->size, head, g->align[col] == 'r');
}

static void gt_set_ml(lay *L, gtable *g, int row, int col, const pps_ml *m)
{
	bool head = row < g->nhead;
	g->cell[row * g->ncols + col] = ml_para(L, m, -1, g->size, head, g->align[col] == 'r');
}

/* A figure with a note mark after it ("86,134****"): the mark hangs to the
 * right of the column's figures, which stay aligned on their last digit. */
static void gt_set_marked(lay *L, gtable *g, int row, int col, const char *fig, const char *mark)
{
	if (!mark || !*mark) {
		gt_set(L, g, row, col, fig);
		return;
	}
	char *s = g_strconcat(fig, mark, NULL);
	gt_set(L, g, row, col, s);
	g_free(s);
	para *m = str_para(L, mark, -1, g->size, row < g->nhead, false);
	g->hang[row * g->ncols + col] = txt_natural_width(m->t);
}

/* Replaces a cell's shaped text (the book owns every txt_para). */
static void para_replace(lay *L, para *p, txt_para *t)
{
	g_hash_table_remove(L->b->layouts, p->t);
	g_hash_table_add(L->b->layouts, t);
	p->t = t;
	p->nlines = t->nlines;
}

/* A column's widths, points, padding included: lo, its widest unbreakable
 * piece; mid, its body cells unwrapped (heads may wrap); hi, every cell
 * unwrapped.  The widest hanging mark in *hang. */
static void gt_column_range(const gtable *g, int c, double *lo, double *mid, double *hi, double *hang)
{
	double mn = 0, body = 0, mx = 0, hg = 0;
	for (int r = 0; r < g->nrows; r++) {
		const para *p = g->cell[r * g->ncols + c];
		if (!p || gt_cols_of(g, r, c) > 1)
			continue; /* a head over several columns is fitted over them (gt_span_widths) */
		double h = g->align[c] == 'r' ? g->hang[r * g->ncols + c] : 0;
		double nat = txt_natural_width(p->t) - h;
		mn = MAX(mn, p->t->min_width - h);
		mx = MAX(mx, nat);
		if (r >= g->nhead)
			body = MAX(body, nat);
		hg = MAX(hg, h);
	}
	double pad = hg + 2 * CELL_PAD_X;
	*lo = mn + pad;
	*mid = MAX(body, mn) + pad;
	*hi = MAX(mx, mn) + pad;
	*hang = hg;
}

/* A head over several columns widens them, evenly, where the columns'
 * own content is narrower than its widest word (lo) or its unwrapped
 * text (hi); mid is kept between the two. */
static void gt_span_widths(const gtable *g, double *lo, double *mid, double *hi)
{
	if (!g->span)
		return;
	for (int r = 0; r < g->nhead; r++)
		for (int c = 0; c < g->ncols; c++) {
			int n = gt_cols_of(g, r, c);
			const para *p = g->cell[r * g->ncols + c];
			if (n < 2 || !p)
				continue;
			double slo = 0, shi = 0;
			for (int k = c; k < c + n; k++)
				slo += lo[k], shi += hi[k];
			double need_lo = p->t->min_width + 2 * CELL_PAD_X;
			double need_hi = txt_natural_width(p->t) + 2 * CELL_PAD_X;
			for (int k = c; k < c + n; k++) {
				if (need_lo > slo)
					lo[k] += (need_lo - slo) / n;
				if (need_hi > shi)
					hi[k] += (need_hi - shi) / n;
				hi[k] = MAX(hi[k], lo[k]);
				mid[k] = MIN(MAX(mid[k], lo[k]), hi[k]);
			}
		}
}

/* Widths from `from` towards `to` (per column), sharing `room` points in
 * proportion to what each lacks, times its weight. */
static void gt_share(gtable *g, const double *from, const double *to, double room)
{
	double lack = 0;
	for (int c = 0; c < g->ncols; c++)
		lack += (to[c] - from[c]) * g->wt[c];
	for (int c = 0; c < g->ncols; c++)
		g->w[c] = from[c] + (lack > 0 ? room * (to[c] - from[c]) * g->wt[c] / lack : 0);
}

/* A column with nothing in any body row (the Grade column of a scale with
 * no grades) is not drawn. */
static bool gt_column_empty(const gtable *g, int c)
{
	if (g->nrows <= g->nhead)
		return false;
	for (int r = g->nhead; r < g->nrows; r++)
		if (g->cell[r * g->ncols + c])
			return false;
	return true;
}

/* Sizes the table's columns to its content in `avail` points, as CSS 2.1's
 * automatic table layout does, with a typesetter's order: each column at
 * least its widest unbreakable word or figure; then, room allowing, body
 * cells unwrapped (heads may wrap); then heads unwrapped, and no wider: a
 * table with narrow content is not stretched.  Room short of a level goes
 * to the columns in proportion to what they lack (times their <col width>).
 * When even the minimums do not fit, the type is set smaller, down to the
 * style's table-min-size; if that is not enough either, the table is
 * returned unfitted (false) unless `may_break`, where words are broken
 * (between characters, never inside a figure or a Welsh digraph). */
static bool gt_fit(lay *L, gtable *g, double avail, bool may_break)
{
	int nc = g->ncols;
	double *lo = g_new0(double, (size_t)nc), *mid = g_new0(double, (size_t)nc);
	double *hi = g_new0(double, (size_t)nc), *hg = g_new0(double, (size_t)nc);
	bool fits = false;
	double sum_lo, sum_mid, sum_hi;
	for (;;) {
		sum_lo = sum_mid = sum_hi = 0;
		for (int c = 0; c < nc; c++) {
			lo[c] = mid[c] = hi[c] = hg[c] = 0;
			if (!gt_column_empty(g, c))
				gt_column_range(g, c, &lo[c], &mid[c], &hi[c], &hg[c]);
		}
		gt_span_widths(g, lo, mid, hi);
		for (int c = 0; c < nc; c++) {
			sum_lo += lo[c];
			sum_mid += mid[c];
			sum_hi += hi[c];
		}
		if (sum_lo <= avail + 0.01) {
			fits = true;
			break;
		}
		double min_size = L->st->table_min_size;
		if (g->size <= min_size + 0.01)
			break;
		/* Glyph widths scale with the type; pads do not.  Half points. */
		double pads = 0;
		for (int c = 0; c < nc; c++)
			pads += lo[c] > 0 ? 2 * CELL_PAD_X : 0;
		double want = g->size * (avail - pads) / MAX(sum_lo - pads, 1);
		double size = MAX(min_size, MIN(g->size - 0.5, floor(want * 2) / 2));
		for (int k = 0; k < g->nrows * nc; k++) {
			para *p = g->cell[k];
			if (p)
				para_replace(L, p, txt_reshape(L->f->ctx, p->t, -1, size));
			if (p && g->hang[k] > 0)
				g->hang[k] *= size / g->size;
		}
		g->size = size;
	}
	if (!fits && !may_break) {
		g_free(lo), g_free(mid), g_free(hi), g_free(hg);
		return false;
	}
	if (!fits) {
		/* Too wide even in the smallest type: shared out as the minimums are. */
		for (int c = 0; c < nc; c++)
			g->w[c] = lo[c] * avail / sum_lo;
	} else if (sum_hi <= avail + 0.01) {
		memcpy(g->w, hi, sizeof(double) * (size_t)nc);
	} else if (sum_mid <= avail + 0.01) {
		gt_share(g, mid, hi, avail - sum_mid);
	} else {
		gt_share(g, lo, mid, avail - sum_lo);
	}
	g->total_w = 0;
	for (int c = 0; c < nc; c++) {
		g->total_w += g->w[c];
		for (int r = 0; r < g->nrows; r++) {
			para *p = g->cell[r * nc + c];
			if (!p)
				continue;
			if (g->w[c] <= 0) { /* a dropped column's head */
				g->cell[r * nc + c] = NULL;
				continue;
			}
			double h = g->align[c] == 'r' ? g->hang[r * nc + c] : 0;
			double measure = g->w[c] - 2 * CELL_PAD_X - hg[c] + h;
			if (gt_cols_of(g, r, c) > 1) {
				measure = -2 * CELL_PAD_X;
				for (int k = c; k < c + gt_cols_of(g, r, c); k++)
					measure += g->w[k];
			}
			if (txt_natural_width(p->t) <= measure + 0.01)
				txt_set_measure(p->t, measure);
			else
				para_replace(L, p, txt_reshape(L->f->ctx, p->t, measure, 0));
		}
	}
	g->fitted = true;
	g_free(lo), g_free(mid), g_free(hi), g_free(hg);
	return true;
}

/* The header row from label ids, one per column, NULL-terminated. */
static const char *lbl(lay *L, const char *id);
static void gt_head(lay *L, gtable *g, ...)
{
	va_list ap;
	va_start(ap, g);
	int c = 0;
	for (const char *id; (id = va_arg(ap, const char *)) && c < g->ncols;)
		gt_set(L, g, 0, c++, lbl(L, id));
	va_end(ap);
}

static double gt_row_h(const gtable *g, int row)
{
	if (g->force_h)
		return g->force_h[row];
	double h = 0;
	for (int c = 0; c < g->ncols; c++) {
		const para *p = g->cell[row * g->ncols + c];
		if (p && gt_rows_of(g, row, c) == 1 && para_h(p) > h)
			h = para_h(p);
	}
	/* A head cell over rows r0..row: the last of them takes what the
	 * rows above leave short of its text. */
	for (int r0 = 0; g->span && r0 < row && row < g->nhead; r0++) {
		double above = 0;
		for (int r = r0; r < row; r++)
			above += gt_row_h(g, r);
		for (int c = 0; c < g->ncols; c++) {
			const para *p = g->cell[r0 * g->ncols + c];
			if (p && r0 + gt_rows_of(g, r0, c) - 1 == row)
				h = MAX(h, para_h(p) - above);
		}
	}
	return h + 2 * CELL_PAD_Y;
}

static double gt_head_h(const gtable *g)
{
	double h = 0;
	for (int r = 0; r < g->nhead; r++)
		h += gt_row_h(g, r);
	return h;
}

static double gt_min_h(const gtable *g)
{
	double h = gt_head_h(g) + (g->nrows > g->nhead ? gt_row_h(g, g->nhead) : 0);
	return h + (g->caption ? para_h(g->caption) + 4 : 0) + (g->caption2 ? para_h(g->caption2) : 0);
}

/* Draws row r at the cursor; tagged TR > TH/TD unless `artifact`. */
static void gt_draw_row(lay *L, const gtable *g, int r, bool artifact, bool band)
{
	double h = gt_row_h(g, r);
	bool head = r < g->nhead;
	if (head)
		emit(L, (lay_op){.kind = OP_RECT, .x = L->x0, .y = L->y, .w = g->total_w, .h = h,
				 .rgb = {L->st->table_head[0], L->st->table_head[1], L->st->table_head[2]}});
	else if (band)
		emit(L, (lay_op){.kind = OP_RECT, .x = L->x0, .y = L->y, .w = g->total_w, .h = h,
				 .rgb = {L->st->table_band[0], L->st->table_band[1], L->st->table_band[2]}});
	if (!head && g->group[r])
		emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y, .w = g->total_w, .lw = 0.8,
				 .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
	if (!artifact)
		tag_begin(L, "TR");
	double x = L->x0;
	static const double dimmed[3] = {0.36, 0.36, 0.36}; /* #5c5c5c: 6.7:1 on white */
	/* Within a head of two rows, a rule only under a head over several
	 * columns ("Basic + 8%" over Salary and Hourly rate); the full rule
	 * under the last head row. */
	bool upper = head && r < g->nhead - 1;
	for (int c = 0; c < g->ncols; c++) {
		if (g->w[c] <= 0 || gt_covered(g, r, c)) {
			x += MAX(g->w[c], 0);
			continue; /* a dropped column, or a cell inside a span: neither drawn nor tagged */
		}
		int ncov = gt_cols_of(g, r, c), nrow = gt_rows_of(g, r, c);
		double w = 0;
		for (int k = c; k < c + ncov; k++)
			w += MAX(g->w[k], 0);
		para *p = g->cell[r * g->ncols + c];
		const char *leaf = artifact ? NULL : head || (c == 0 && g->row_headers) ? "TH" : "TD";
		int cs = artifact || ncov < 2 ? 0 : ncov, rs = artifact || nrow < 2 ? 0 : nrow;
		if (p && p->nlines) {
			lay_op op = {.kind = OP_TEXT, .txt = p->t, .line0 = 0, .line1 = p->nlines,
				     .x = x + CELL_PAD_X, .y = L->y + CELL_PAD_Y, .leaf = leaf, .links = p->links,
				     .nlinks = p->nlinks, .spans = p->spans, .nspans = p->nspans,
				     .lang = para_lang_tag(L, p), .h = para_h(p), .w = w,
				     .colspan = cs, .rowspan = rs};
			op.scope = !artifact && head ? "Column" : !artifact && leaf && !strcmp(leaf, "TH") ? "Row" : NULL;
			memcpy(op.rgb, c == 0 && g->dim[r] ? dimmed : L->st->text, sizeof op.rgb);
			emit(L, op);
		} else if (!artifact) {
			/* An empty cell is still a cell: keep rows regular for screen readers. */
			emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = leaf, .scope = head ? "Column" : NULL,
					 .colspan = cs, .rowspan = rs});
			emit(L, (lay_op){.kind = OP_TAG_END, .tag = leaf});
		}
		if (upper && ncov > 1)
			emit(L, (lay_op){.kind = OP_LINE, .x = x + CELL_PAD_X, .y = L->y + h, .w = w - 2 * CELL_PAD_X,
					 .lw = 0.3, .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
		x += w;
		c += ncov - 1;
	}
	if (!artifact)
		tag_end(L, "TR");
	L->y += h;
	if (!upper)
		emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y, .w = g->total_w, .lw = head ? 0.8 : 0.3,
				 .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
}

/* The caption repeated over a table's later pages, shaped once. */
static para *gt_cont_caption(lay *L, gtable *g)
{
	if (!g->cont) {
		char *s = tpl_format(L->t, L->lang, "continued", "title", g->caption_text, NULL);
		g->cont = str_para(L, s, L->width, g->size, true, false);
		g_free(s);
	}
	return g->cont;
}

/* Height (points) the caption takes on the table's first or a later page. */
static double gt_caption_h(lay *L, gtable *g, bool continued)
{
	if (!g->caption)
		return 0;
	if (continued)
		return para_h(gt_cont_caption(L, g)) + 4;
	return para_h(g->caption) + (g->caption2 ? para_h(g->caption2) : 0) + 4;
}

static void gt_caption(lay *L, gtable *g, bool continued)
{
	if (!g->caption)
		return;
	if (!continued && g->caption2) {
		/* One Caption, a Span in each language. */
		tag_begin(L, "Caption");
		emit_text(L, g->caption, 0, g->caption->nlines, L->x0, L->y, "Span", L->st->primary);
		L->y += para_h(g->caption);
		pps_lang keep = L->lang;
		L->lang = g->cap2_lang;
		emit_text(L, g->caption2, 0, g->caption2->nlines, L->x0, L->y, "Span", L->st->primary);
		L->lang = keep;
		L->y += para_h(g->caption2) + 4;
		tag_end(L, "Caption");
		return;
	}
	if (!continued) {
		emit_text(L, g->caption, 0, g->caption->nlines, L->x0, L->y, "Caption", L->st->primary);
		L->y += para_h(g->caption) + 4;
		return;
	}
	para *p = gt_cont_caption(L, g);
	emit_text(L, p, 0, p->nlines, L->x0, L->y, NULL, L->st->primary);
	L->y += para_h(p) + 4;
}

static void gt_place(lay *L, gtable *g)
{
	if (!g->fitted)
		gt_fit(L, g, L->width, true);
	if (L->y + gt_min_h(g) > L->bottom && L->y > L->top + 0.01)
		new_page(L);
	tag_begin(L, "Table");
	gt_caption(L, g, false);
	if (g->nhead) {
		tag_begin(L, "THead");
		for (int r = 0; r < g->nhead; r++)
			gt_draw_row(L, g, r, false, false);
		tag_end(L, "THead");
	}
	tag_begin(L, "TBody");
	int group_no = 0, page_first = g->nhead;
	double tail = g->keep_after; /* rows r.. plus what must follow them */
	for (int r = g->nhead; r < g->nrows; r++)
		tail += gt_row_h(g, r);
	for (int r = g->nhead; r < g->nrows; r++) {
		if (g->group[r])
			group_no++;
		/* The last two rows go over with their note rather than leave it
		 * alone at the top of a page. */
		bool keep = g->keep_after > 0 && r >= g->nrows - 2 && r > page_first &&
			    L->y + tail > L->bottom + 0.01;
		tail -= gt_row_h(g, r);
		if (keep || L->y + gt_row_h(g, r) > L->bottom + 0.01) {
			page_first = r;
			new_page(L);
			gt_caption(L, g, true);
			/* Repeated header rows are artifacts: screen readers read them once. */
			for (int h = 0; h < g->nhead; h++)
				gt_draw_row(L, g, h, true, false);
		}
		gt_draw_row(L, g, r, false, group_no % 2 == 0);
	}
	tag_end(L, "TBody");
	tag_end(L, "Table");
	L->y += L->st->para_space;
}

/* ---- Generated tables ----------------------------------------------- */

static const char *ml_plain(lay *L, const pps_ml *m)
{
	if (L->bi_labels && ml_has(m, L->opt->langs[0]) && ml_has(m, L->opt->langs[1]))
		return bi_join(L, text_plain(L->b->arena, &m->tx[L->opt->langs[0]]),
				    text_plain(L->b->arena, &m->tx[L->opt->langs[1]]));
	return text_plain(L->b->arena, ml_text(m, L->lang));
}

/* A label in the current language, or "Welsh / English" in a full-width
 * table of the parallel layout. */
static const char *lbl(lay *L, const char *id)
{
	if (L->bi_labels)
		return bi_join(L, tpl_label(L->t, L->opt->langs[0], id),
				    tpl_label(L->t, L->opt->langs[1], id));
	return tpl_label(L->t, L->lang, id);
}

static char *label(lay *L, const char *id) { return g_strdup(lbl(L, id)); }

static bool ml_both(const lay *L, const pps_ml *m)
{
	return ml_has(m, L->opt->langs[0]) && ml_has(m, L->opt->langs[1]);
}

/* The caption from m: in the current language, or, for a full-width
 * table of the parallel layout, in both (one under the other). */
static void gt_caption_ml(lay *L, gtable *g, const pps_ml *m)
{
	if (L->bi_labels && ml_both(L, m)) {
		pps_lang keep = L->lang;
		para *p[2];
		for (int k = 0; k < 2; k++) {
			L->lang = L->opt->langs[k];
			p[k] = text_para(L, ml_text(m, L->lang), L->width, L->st->table_size, true, false);
		}
		L->lang = keep;
		g->caption = p[0];
		g->caption2 = p[1];
		g->cap2_lang = L->opt->langs[1];
		g->caption_text = ml_plain(L, m);
		return;
	}
	g->caption = ml_para(L, m, L->width, L->st->table_size, true, false);
	if (g->caption)
		g->caption_text = ml_plain(L, m);
}

static gtable *scale_table(lay *L, const pps_scale *s, const pps_scale_fig *sf)
{
	int extra_supp = s->rates ? 1 + 2 * s->nsupps : 0;
	int ncols = 2 + s->ncols + extra_supp + s->nextra;
	bool scores = false;
	for (int i = 0; i < s->ngrades; i++)
		scores |= s->grades[i].score_to > 0;
	if (scores)
		ncols++;
	/* With hourly rates and one salary column, a head of two levels (as
	 * councils print it): each pay (the column's own name, each
	 * supplement) over its Salary and Hourly rate.  Otherwise one row,
	 * every heading complete in itself. */
	bool two = s->rates && s->ncols == 1;
	int nh = two ? 2 : 1;
	gtable *g = gt_new(L, ncols, nh + s->npoints, nh);
	g->row_headers = false;
	for (int c = 0; c < ncols; c++)
		g->align[c] = 'r';
	g->align[0] = 'l';
	int extra0 = ncols - s->nextra;
	for (int c = extra0; c < ncols; c++)
		g->align[c] = 'l';

	int c = 0;
	if (two)
		for (int k = 0; k < 1 + scores + 1; k++)
			gt_span(g, 0, k, 1, 2); /* grade, score, point */
	char *h = label(L, "col-grade");
	gt_set(L, g, 0, c++, h);
	g_free(h);
	if (scores) {
		h = label(L, "col-score");
		gt_set(L, g, 0, c++, h);
		g_free(h);
	}
	gt_set(L, g, 0, c++, ml_has(&s->point_label, LANG_EN) || ml_has(&s->point_label, LANG_CY)
				     ? ml_plain(L, &s->point_label)
				     : lbl(L, "col-point"));
	if (two) {
		const char *cn = s->col_names && (s->col_names[0].tx[0].n || s->col_names[0].tx[1].n) ? ml_plain(L, &s->col_names[0]) : lbl(L, "col-basic");
		for (int k = -1; k < s->nsupps; k++) {
			gt_span(g, 0, c, 2, 1);
			gt_set(L, g, 0, c, k < 0 ? cn : ml_plain(L, &s->supps[k]->name));
			gt_set(L, g, 1, c++, lbl(L, "col-salary"));
			gt_set(L, g, 1, c++, lbl(L, "col-hourly"));
		}
		for (int k = 0; k < s->nextra; k++) {
			gt_span(g, 0, c, 1, 2);
			gt_set(L, g, 0, c++, ml_plain(L, &s->extra_names[k]));
		}
	}
	for (int k = 0; !two && k < s->ncols; k++) {
		const char *cn = k < (int)s->ncols && s->col_names && (s->col_names[k].tx[0].n || s->col_names[k].tx[1].n)
					 ? ml_plain(L, &s->col_names[k])
					 : lbl(L, "col-basic");
		char *t = g_strdup_printf("%s\n%s", cn, lbl(L, "col-salary"));
		gt_set(L, g, 0, c++, t);
		g_free(t);
	}
	if (s->rates && !two) {
		char *t = g_strdup_printf("%s\n%s", lbl(L, "col-basic"), lbl(L, "col-hourly"));
		gt_set(L, g, 0, c++, t);
		g_free(t);
		for (int k = 0; k < s->nsupps; k++) {
			const char *sn = ml_plain(L, &s->supps[k]->name);
			t = g_strdup_printf("%s\n%s", sn, lbl(L, "col-salary"));
			gt_set(L, g, 0, c++, t);
			g_free(t);
			t = g_strdup_printf("%s\n%s", sn, lbl(L, "col-hourly"));
			gt_set(L, g, 0, c++, t);
			g_free(t);
		}
	}
	for (int k = 0; !two && k < s->nextra; k++)
		gt_set(L, g, 0, c++, ml_plain(L, &s->extra_names[k]));

	/* Body rows, grouped by grade. */
	const pps_grade *prev = NULL;
	for (int i = 0; i < s->npoints; i++) {
		const pps_point *pt = &s->points[i];
		const pps_point_fig *pf = sf ? &sf->pts[i] : NULL;
		int row = nh + i;
		const pps_grade *gr = NULL;
		for (int k = 0; k < s->ngrades; k++)
			if (pt->n >= s->grades[k].from && pt->n <= s->grades[k].to)
				gr = &s->grades[k];
		g->group[row] = gr != prev || i == 0;
		g->dim[row] = gr && gr == prev;
		prev = gr;
		c = 0;
		if (gr) {
			char *gname = gr->name.tx[0].n || gr->name.tx[1].n
					      ? g_strdup(ml_plain(L, &gr->name))
					      : tpl_format(L->t, L->lang, "grade-default", "id", gr->id, NULL);
			gt_set(L, g, row, c++, gname);
			g_free(gname);
		} else {
			gt_set(L, g, row, c++, "");
		}
		if (scores) {
			char *sc = gr && gr->score_to ? g_strdup_printf("%d–%d", gr->score_from, gr->score_to) : g_strdup("");
			gt_set(L, g, row, c++, sc);
			g_free(sc);
		}
		char num[16];
		g_snprintf(num, sizeof num, "%d", pt->n);
		gt_set(L, g, row, c++, num);
		for (int k = 0; k < s->ncols; k++) {
			char *m = fig_pounds(pt->salary[k]);
			gt_set_marked(L, g, row, c++, m, pt->mark);
			g_free(m);
		}
		if (s->rates && pf) {
			char *r = fig_rate(pf->rate_e4);
			gt_set(L, g, row, c++, r);
			g_free(r);
			for (int k = 0; k < s->nsupps; k++) {
				char *m = fig_pounds(pf->supp[k]);
				gt_set(L, g, row, c++, m);
				g_free(m);
				r = fig_rate(pf->supp_rate_e4[k]);
				gt_set(L, g, row, c++, r);
				g_free(r);
			}
		} else if (s->rates) {
			for (int k = 0; k < 1 + 2 * s->nsupps; k++)
				gt_set(L, g, row, c++, "");
		}
		for (int k = 0; k < s->nextra; k++)
			gt_set(L, g, row, c++, pt->extra[k] ? pt->extra[k] : "");
	}
	return g;
}

static gtable *posts_table(lay *L)
{
	const pps_doc *d = L->d;
	int maxp = 0;
	for (int i = 0; i < d->nposts; i++)
		if (d->posts[i].npoints > maxp)
			maxp = d->posts[i].npoints;
	int ncols = 2 + maxp;
	gtable *g = gt_new(L, ncols, 1 + d->nposts, 1);
	g->row_headers = true;
	for (int c = 1; c < ncols; c++)
		g->align[c] = 'r';
	gt_head(L, g, "col-post", "col-posts", NULL);
	for (int k = 0; k < maxp; k++) {
		char n[8];
		g_snprintf(n, sizeof n, "%d", k + 1);
		char *t = tpl_format(L->t, L->bi_labels ? L->opt->langs[0] : L->lang, "col-increment", "n", n, NULL);
		char *t2 = L->bi_labels ? tpl_format(L->t, L->opt->langs[1], "col-increment", "n", n, NULL) : NULL;
		char *h = t2 ? g_strdup_printf(BI_FIRST "%s (£)" BI_END " / " BI_SECOND "%s (£)" BI_END, t, t2)
			     : g_strdup_printf("%s (£)", t);
		gt_set(L, g, 0, 2 + k, h);
		g_free(t);
		g_free(t2);
		g_free(h);
	}
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i];
		gt_set(L, g, 1 + i, 0, ml_plain(L, &p->title));
		char n[16];
		g_snprintf(n, sizeof n, "%d", p->nposts);
		gt_set(L, g, 1 + i, 1, n);
		for (int k = 0; k < maxp; k++) {
			char *m = k < p->npoints ? fig_pounds(p->points[k]) : g_strdup("");
			gt_set(L, g, 1 + i, 2 + k, m);
			g_free(m);
		}
		g->group[1 + i] = true;
	}
	return g;
}

static gtable *multiples_table(lay *L)
{
	const pps_doc *d = L->d;
	gtable *g = gt_new(L, 3, 1 + d->nmultiples, 1);
	g->row_headers = true;
	double wt[3] = {2.2, 1, 3.2};
	g->align[1] = 'r';
	gt_weights(g, wt);
	gt_head(L, g, "col-multiple", "col-ratio", "col-method", NULL);
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_multiple *m = &d->multiples[i];
		gt_set_ml(L, g, 1 + i, 0, &m->label);
		const pps_figure *f = fig_get(L->fig, m->id);
		gt_set(L, g, 1 + i, 1, f ? f->display : "");
		if (ml_text(&m->method, L->lang)) {
			gt_set_ml(L, g, 1 + i, 2, &m->method);
		} else {
			char *s = phrase_multiple_method(L->d, L->fig, L->t, L->lang, m);
			gt_set(L, g, 1 + i, 2, s);
			g_free(s);
		}
		g->group[1 + i] = true;
	}
	return g;
}

static char *pct(double v)
{
	/* Half up at one decimal, away from zero for negatives too. */
	double r = (v >= 0 ? floor(v * 10 + 0.5) : -floor(-v * 10 + 0.5)) / 10;
	return g_strdup_printf("%.1f%%", r);
}

static void gpg_tables(lay *L, gtable **a, gtable **b)
{
	const pps_gpg *gp = &L->fig->gpg, *gc = &L->fig->gpg_chief;
	/* The bonus figures, as computed (a gap only when both were paid one). */
	static const char *const bonus_ids[] = {"gpg-bonus-mean", "gpg-bonus-median", "gpg-bonus-men", "gpg-bonus-women"};
	int nbonus = gp->has_bonus ? (gp->bonus_gap ? 4 : 2) : 0;
	gtable *g = gt_new(L, 2, (gc->present ? 5 : 3) + nbonus, 1);
	g->row_headers = true;
	double wt[2] = {3, 1};
	g->align[1] = 'r';
	gt_weights(g, wt);
	char *h;
	/* The caption in the current language, or in both for the full width of
	 * the parallel layout. */
	pps_lang keep = L->lang;
	for (int k = 0; k < (L->bi_labels ? 2 : 1); k++) {
		if (L->bi_labels)
			L->lang = L->opt->langs[k];
		char *date = tpl_date(L->t, L->lang, L->d->workforce.date);
		char *cap = tpl_format(L->t, L->lang, "gpg-caption", "date", date, NULL);
		para *cp = str_para(L, cap, L->width, L->st->table_size, true, false);
		if (k == 0) {
			g->caption = cp;
			g->caption_text = arena_strdup(L->b->arena, cap);
		} else {
			g->caption2 = cp;
			g->cap2_lang = L->lang;
			g->caption_text = arena_printf(L->b->arena, "%s / %s", g->caption_text, cap);
		}
		g_free(cap);
		g_free(date);
	}
	L->lang = keep;
	gt_head(L, g, "col-measure", "col-value", NULL);
	gt_set(L, g, 1, 0, h = label(L, "gpg-mean"));
	g_free(h);
	gt_set(L, g, 1, 1, h = pct(gp->mean_gap));
	g_free(h);
	gt_set(L, g, 2, 0, h = label(L, "gpg-median"));
	g_free(h);
	gt_set(L, g, 2, 1, h = pct(gp->median_gap));
	g_free(h);
	if (gc->present) {
		/* The chief officers' own gap (seed 000: the unions ask for it). */
		gt_set(L, g, 3, 0, lbl(L, "gpg-chief-mean"));
		gt_set(L, g, 3, 1, h = pct(gc->mean_gap));
		g_free(h);
		gt_set(L, g, 4, 0, lbl(L, "gpg-chief-median"));
		gt_set(L, g, 4, 1, h = pct(gc->median_gap));
		g_free(h);
		g->group[3] = true;
	}
	int row = gc->present ? 5 : 3;
	for (int i = 0; i < nbonus; i++) {
		const char *id = bonus_ids[gp->bonus_gap ? i : i + 2];
		gt_set(L, g, row + i, 0, lbl(L, id));
		gt_set(L, g, row + i, 1, fig_get(L->fig, id)->display);
	}
	if (nbonus)
		g->group[row] = true;
	*a = g;

	g = gt_new(L, 3, 5, 1);
	g->row_headers = true;
	double wt2[3] = {2, 1, 1};
	g->align[1] = g->align[2] = 'r';
	gt_weights(g, wt2);
	gt_head(L, g, "col-quartile", "col-men", "col-women", NULL);
	for (int q = 0; q < 4; q++) {
		char id[16];
		g_snprintf(id, sizeof id, "quartile-%d", q + 1);
		gt_set(L, g, 1 + q, 0, lbl(L, id));
		gt_set(L, g, 1 + q, 1, h = pct(gp->q_men[q]));
		g_free(h);
		gt_set(L, g, 1 + q, 2, h = pct(gp->q_women[q]));
		g_free(h);
	}
	*b = g;
}

/* Transparency Code 2015 senior pay: the £5,000 bands from £50,000 (NULL
 * when nobody is in them), and the senior posts' details (NULL when no
 * post gives them). */
static void senior_tables(lay *L, gtable **a, gtable **b)
{
	const pps_figures *f = L->fig;
	*a = *b = NULL;
	if (f->nsenior_bands) {
		gtable *g = gt_new(L, 2, 1 + f->nsenior_bands, 1);
		g->row_headers = true;
		double wt[2] = {3, 1};
		g->align[1] = 'r';
		gt_weights(g, wt);
		char *date = tpl_date(L->t, L->lang, L->d->workforce.date);
		char *cap = tpl_format(L->t, L->lang, "senior-caption", "date", date ? date : "", NULL);
		g->caption = str_para(L, cap, L->width, L->st->table_size, true, false);
		g->caption_text = arena_strdup(L->b->arena, cap);
		g_free(cap);
		g_free(date);
		gt_head(L, g, "col-band", "col-employees", NULL);
		for (int k = 0; k < f->nsenior_bands; k++) {
			int64_t from = FIG_SENIOR_FROM + (int64_t)k * FIG_SENIOR_BAND;
			char *lo = fig_pounds(from), *hi = fig_pounds(from + FIG_SENIOR_BAND - 100);
			char *t = tpl_format(L->t, L->lang, "senior-band", "from", lo, "to", hi, NULL);
			gt_set(L, g, 1 + k, 0, t);
			g_free(t);
			g_free(lo);
			g_free(hi);
			char n[16];
			g_snprintf(n, sizeof n, "%d", f->senior_bands[k]);
			gt_set(L, g, 1 + k, 1, n);
		}
		*a = g;
	}
	if (!fig_senior_details(L->d))
		return;
	int n = 0;
	for (int i = 0; i < L->d->nposts; i++)
		n += fig_senior_post(&L->d->posts[i]);
	gtable *g = gt_new(L, 4, 1 + n, 1);
	g->row_headers = true;
	double wt[4] = {2, 3.4, 1.2, 1.6};
	g->align[2] = 'r';
	gt_weights(g, wt);
	const char *cap = lbl(L, "senior-posts-caption");
	g->caption = str_para(L, cap, L->width, L->st->table_size, true, false);
	g->caption_text = arena_strdup(L->b->arena, cap);
	gt_head(L, g, "col-post", "col-responsibilities", "col-budget", "col-holder", NULL);
	for (int i = 0, r = 1; i < L->d->nposts; i++) {
		const pps_post *p = &L->d->posts[i];
		if (!fig_senior_post(p))
			continue;
		gt_set_ml(L, g, r, 0, &p->title);
		if (p->responsibilities.pos.line)
			gt_set_ml(L, g, r, 1, &p->responsibilities);
		if (p->has_budget) {
			char *m = fig_pounds(p->budget);
			gt_set(L, g, r, 2, m);
			g_free(m);
		}
		GString *names = g_string_new(NULL);
		for (int k = 0; k < p->nholders; k++)
			if (fig_name_published(&p->holders[k]))
				g_string_append_printf(names, "%s%s", names->len ? "; " : "", p->holders[k].name);
		gt_set(L, g, r, 3, names->str);
		g_string_free(names, TRUE);
		g->group[r++] = true;
	}
	*b = g;
}

/* A scale's or post's current and proposed points, the change in words. */
static void place_proposal_table(lay *L, const pps_block *b)
{
	pps_prop_row *rows;
	int n = fig_proposal_rows(L->d, b->ref, b->post_ref, L->b->arena, &rows);
	if (!n)
		return;
	gtable *g = gt_new(L, 4, 1 + n, 1);
	g->row_headers = true;
	double wt[4] = {1, 1.2, 1.2, 1.4};
	g->align[0] = g->align[1] = g->align[2] = 'r';
	gt_weights(g, wt);
	const pps_ml *name = b->post_ref ? &model_post(L->d, b->ref)->title : &model_scale(L->d, b->ref)->name;
	char *date = tpl_date(L->t, L->lang, L->d->proposal.effective);
	char *cap = tpl_format(L->t, L->lang, "prop-caption", "name", text_plain(L->b->arena, ml_text(name, L->lang)),
			       "date", date ? date : "", NULL);
	g->caption = str_para(L, cap, L->width, L->st->table_size, true, false);
	g->caption_text = arena_strdup(L->b->arena, cap);
	g_free(cap);
	g_free(date);
	gt_head(L, g, b->post_ref ? "col-prop-salary" : "col-prop-point", "col-current", "col-proposed", "col-change",
		NULL);
	for (int i = 0; i < n; i++) {
		char *k = b->post_ref ? fig_pounds(rows[i].cur ? rows[i].cur : rows[i].prop) : g_strdup_printf("%d", rows[i].n);
		gt_set(L, g, 1 + i, 0, k);
		g_free(k);
		for (int c = 0; c < 2; c++) {
			int64_t v = c ? rows[i].prop : rows[i].cur;
			if (v) {
				char *m = fig_pounds(v);
				gt_set(L, g, 1 + i, 1 + c, m);
				g_free(m);
			}
		}
		gt_set(L, g, 1 + i, 3, lbl(L, fig_prop_change_label(rows[i].change)));
	}
	gt_place(L, g);
	para *p = str_para(L, lbl(L, "prop-note"), L->width, L->st->note_size, false, false);
	place_p(L, p, L->x0, NULL);
	L->y += L->st->para_space;
}

static gtable *literal_table(lay *L, const pps_table *t)
{
	gtable *g = gt_new(L, t->ncols, t->nhead + t->nbody, t->nhead);
	for (int c = 0; c < t->ncols; c++)
		g->align[c] = t->align[c];
	gt_weights(g, t->width);
	gt_caption_ml(L, g, &t->caption);
	for (int r = 0; r < t->nhead + t->nbody; r++) {
		const pps_row *row = r < t->nhead ? &t->head[r] : &t->body[r - t->nhead];
		for (int c = 0; c < t->ncols; c++)
			if (c < row->n)
				gt_set_ml(L, g, r, c, &row->cells[c].text);
		g->group[r] = true;
	}
	return g;
}

/* ---- Blocks ---------------------------------------------------------- */

static void place_para(lay *L, const pps_ml *m, double indent, double size)
{
	para *p = ml_para(L, m, L->width - indent, size, false, false);
	if (!p)
		return;
	place_p(L, p, L->x0 + indent, NULL);
	L->y += L->st->para_space;
}

/* Items [first, first + count) of a list; ordered labels keep their numbers. */
static void place_list_items(lay *L, const pps_block *b, double indent, int first, int count)
{
	const double step = 18; /* indent per level, points */
	tag_begin(L, "L");
	for (int i = first; i < first + count; i++) {
		const pps_item *it = &b->items[i];
		char lbl[16];
		if (b->ordered)
			g_snprintf(lbl, sizeof lbl, "%d.", i + 1);
		else
			g_strlcpy(lbl, indent > 0 ? "–" : "•", sizeof lbl);
		para *lp = str_para(L, lbl, step, L->st->body_size, false, false);
		para *bp = ml_para(L, &it->text, L->width - indent - step, L->st->body_size, false, false);
		/* Keep the label with the first two lines of its text. */
		double need = bp ? (bp->nlines > 1 ? txt_height(bp->t, 0, 2) : para_h(bp)) : para_h(lp);
		if (L->y + need > L->bottom)
			new_page(L);
		tag_begin(L, "LI");
		emit_text(L, lp, 0, lp->nlines, L->x0 + indent, L->y, "Lbl", NULL);
		tag_begin(L, "LBody");
		if (bp) {
			place_p(L, bp, L->x0 + indent + step, NULL);
			L->y += 3;
		}
		for (int k = 0; k < it->nsub; k++)
			place_list_items(L, &it->sub[k], indent + step, 0, it->sub[k].nitems);
		tag_end(L, "LBody");
		tag_end(L, "LI");
	}
	tag_end(L, "L");
	if (indent == 0)
		L->y += L->st->para_space - 3;
}

static void place_list(lay *L, const pps_block *b, double indent) { place_list_items(L, b, indent, 0, b->nitems); }

/* Height the block needs at least on the page where it starts: what a
 * heading must keep with it. */
static double block_min_h(lay *L, const pps_block *b)
{
	switch (b->kind) {
	case BLK_PARA:
	case BLK_NOTE: {
		const pps_text *t = ml_text(&b->text, L->lang);
		if (!t)
			return 0;
		/* Line height of the body font times two: close enough to decide. */
		return 2 * L->st->body_size * L->st->line_spacing * 1.2;
	}
	case BLK_LIST: return 2 * L->st->body_size * L->st->line_spacing * 1.2;
	case BLK_CHART: return 200;
	default: return 4 * L->st->table_size * 2.2;
	}
}

static void place_chart(lay *L, const pps_block *b)
{
	/* Room left on this page, less the caption's (about two lines). */
	double room = L->bottom - L->y - 2 * L->st->table_size * 1.4 - 6;
	lay_chart *ch = chart_build_in(L->d, L->fig, L->t, L->lang, b->ref, L->width, room, L->f->ctx, L->b->arena);
	if (!ch)
		return;
	double h = chart_height(ch);
	para *cap = NULL;
	const pps_text *ct = ml_text(&b->caption, L->lang);
	if (ct)
		cap = text_para(L, ct, L->width, L->st->table_size, true, false);
	else {
		char *s = chart_title(ch, L->t, L->lang);
		cap = str_para(L, s, L->width, L->st->table_size, true, false);
		g_free(s);
	}
	if (L->y + h + para_h(cap) + 6 > L->bottom)
		new_page(L);
	emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = "Figure", .lang = lang_tag(L),
			 .alt = chart_alt(ch, L->t, L->lang, L->b->arena)});
	emit(L, (lay_op){.kind = OP_CHART, .x = L->x0, .y = L->y, .w = L->width, .h = h, .chart = ch});
	emit(L, (lay_op){.kind = OP_TAG_END, .tag = "Figure"}); /* a leaf: never open across a break */
	L->y += h + 2;
	tag_begin(L, "Caption");
	emit_text(L, cap, 0, cap->nlines, L->x0, L->y, "Span", L->st->primary);
	tag_end(L, "Caption");
	L->y += para_h(cap) + L->st->para_space;
}

/* The statutory topics and where the statement covers them (rules.c). */
static gtable *compliance_table(lay *L)
{
	rules_table_spec spec;
	if (!rules_compliance_rows(L->d, L->t, L->lang, L->b->page_of, L->prefix, &spec, L->b->arena))
		return NULL;
	gtable *g = gt_new(L, 3, 1 + spec.nrows, 1);
	g->row_headers = true;
	double wt[3] = {2.4, 1.6, 1.6};
	gt_weights(g, wt);
	gt_head(L, g, "col-topic", "col-source", "col-where", NULL);
	for (int r = 0; r < spec.nrows; r++) {
		for (int c = 0; c < 3; c++)
			gt_set(L, g, 1 + r, c, spec.cells[r * 3 + c]);
		g->group[1 + r] = true;
	}
	return g;
}

/* A scale's notes after its table, in the current language: the
 * author's, then how the hourly rates were worked out.  At most 2 (NULL
 * where there is none). */
static void scale_note_paras(lay *L, const pps_block *b, para *out[2])
{
	out[0] = out[1] = NULL;
	const pps_scale *s = model_scale(L->d, b->ref);
	if (!s)
		return;
	out[0] = ml_para(L, &s->notes, L->width, L->st->note_size, false, false);
	if (s->rates) {
		char hours[16], weeks[16];
		g_snprintf(hours, sizeof hours, "%g", s->hours_x100 / 100.0);
		g_snprintf(weeks, sizeof weeks, "%g", L->d->weeks_x1000 / 1000.0);
		char *note = tpl_format(L->t, L->lang, "scale-rates-note", "hours", hours, "weeks", weeks, NULL);
		out[1] = str_para(L, note, L->width, L->st->note_size, false, false);
		g_free(note);
	}
}

/* What of a note must stay with the table's last rows: all of a short
 * note, else its first two lines (the rest may go over). */
static double note_keep_h(const para *p)
{
	return p ? txt_height(p->t, 0, p->nlines <= 3 ? p->nlines : 2) : 0;
}

static double scale_notes_h(lay *L, const pps_block *b)
{
	para *n[2];
	scale_note_paras(L, b, n);
	return note_keep_h(n[0] ? n[0] : n[1]);
}

static void place_scale_notes(lay *L, const pps_block *b)
{
	para *n[2];
	scale_note_paras(L, b, n);
	for (int k = 0; k < 2; k++)
		if (n[k]) {
			place_p(L, n[k], L->x0, NULL);
			L->y += L->st->para_space;
		}
}

static void place_scale_table(lay *L, const pps_block *b, double keep_after)
{
	const pps_scale *s = model_scale(L->d, b->ref);
	if (!s)
		return;
	int idx = (int)(s - L->d->scales);
	gtable *g = scale_table(L, s, idx < L->fig->nscales ? &L->fig->scales[idx] : NULL);
	gt_caption_ml(L, g, ml_has(&b->caption, LANG_CY) || ml_has(&b->caption, LANG_EN) ? &b->caption : &s->name);
	g->keep_after = keep_after;
	gt_place(L, g);
}

/* The gender pay gap's note: how many employees the figures count. */
static para *gpg_note_para(lay *L)
{
	/* A count, grouped like money: "5,547". */
	char *cnt = fig_pounds((int64_t)(L->fig->gpg.nmen + L->fig->gpg.nwomen) * 100);
	char *note = tpl_format(L->t, L->lang, "gpg-note", "count", cnt, NULL);
	g_free(cnt);
	para *p = str_para(L, note, L->width, L->st->note_size, false, false);
	g_free(note);
	return p;
}

static double gpg_note_h(lay *L) { return note_keep_h(gpg_note_para(L)); }

static void place_gpg_note(lay *L)
{
	place_p(L, gpg_note_para(L), L->x0, NULL);
	L->y += L->st->para_space;
}

static void place_gpg_tables(lay *L, double keep_after)
{
	gtable *a, *c;
	gpg_tables(L, &a, &c);
	gt_place(L, a);
	c->keep_after = keep_after;
	gt_place(L, c);
}

static void place_block(lay *L, const pps_block *b)
{
	switch (b->kind) {
	case BLK_PARA: place_para(L, &b->text, 0, L->st->body_size); break;
	case BLK_NOTE: place_para(L, &b->text, 0, L->st->note_size); break;
	case BLK_LIST: place_list(L, b, 0); break;
	case BLK_TABLE: gt_place(L, literal_table(L, b->table)); break;
	case BLK_SCALE_TABLE:
		place_scale_table(L, b, scale_notes_h(L, b));
		place_scale_notes(L, b);
		break;
	case BLK_POSTS_TABLE: {
		gtable *g = posts_table(L);
		gt_caption_ml(L, g, &b->caption);
		gt_place(L, g);
		break;
	}
	case BLK_MULTIPLES:
		if (L->d->nmultiples)
			gt_place(L, multiples_table(L));
		break;
	case BLK_GPG_TABLE:
		if (L->fig->gpg.present) {
			place_gpg_tables(L, gpg_note_h(L));
			place_gpg_note(L);
		}
		break;
	case BLK_PROPOSAL_TABLE: place_proposal_table(L, b); break;
	case BLK_SENIOR_PAY:
		if (L->fig->senior_present) {
			gtable *a, *c;
			senior_tables(L, &a, &c);
			char *note;
			if (a) {
				gt_place(L, a);
				char *cnt = fig_pounds((int64_t)L->fig->senior_count * 100);
				note = tpl_format(L->t, L->lang, "senior-note", "count", cnt, NULL);
				g_free(cnt);
			} else {
				note = g_strdup(lbl(L, "senior-none"));
			}
			para *p = str_para(L, note, L->width, L->st->note_size, false, false);
			g_free(note);
			place_p(L, p, L->x0, NULL);
			L->y += L->st->para_space;
			if (c)
				gt_place(L, c);
		} else if (fig_senior_details(L->d)) {
			gtable *a, *c;
			senior_tables(L, &a, &c);
			gt_place(L, c);
		}
		break;
	case BLK_CHART: place_chart(L, b); break;
	case BLK_COMPLIANCE: {
		gtable *g = compliance_table(L);
		if (g)
			gt_place(L, g);
		break;
	}
	}
}

static double heading_size(const lay *L, int level)
{
	return level <= 1 ? L->st->h1_size : level == 2 ? L->st->h2_size : L->st->h3_size;
}

/* Heading structure level: the cover title is H1, sections and appendices
 * H2; a lone appendix has no cover, so its own title is the H1. */
static const char *heading_tag(int level)
{
	static const char *h[] = {"H1", "H2", "H3", "H4", "H5", "H6"};
	return h[level < 0 ? 0 : level > 5 ? 5 : level];
}

static void add_outline(lay *L, int level, const char *title, const char *dest)
{
	/* Bookmarks read as the headings do: curly quotes, true minus. */
	GString *typeset = g_string_new(NULL);
	char *plain = bi_plain(title);
	append_typeset(typeset, plain);
	g_free(plain);
	lay_outline o = {level, arena_strdup(L->b->arena, typeset->str), dest};
	g_string_free(typeset, TRUE);
	g_array_append_val(L->b->outline, o);
}

/* ---- The parallel layout -------------------------------------------- */

typedef void (*unit_fn)(lay *L, const void *arg);

static void set_side(lay *L, int side)
{
	L->lang = L->opt->langs[side];
	L->x0 = L->colx[side];
	L->width = L->colw;
}

static void set_full(lay *L)
{
	L->lang = L->opt->langs[0];
	L->x0 = L->full_x0;
	L->width = L->full_w;
}

/* Runs fn once per column from the same start, so both begin level; leaves
 * the cursor below the longer one.  `need` is what must fit at the start. */
static void par_unit(lay *L, unit_fn fn, const void *arg, double need)
{
	if (L->y + need > L->bottom && L->y > L->top + 0.01)
		new_page(L);
	lay_page *start = L->page, *endp = L->page;
	double y0 = L->y, endy = L->y;
	guint base = L->flow_base;
	L->flow_base = L->open->len;
	for (int side = 0; side < 2; side++) {
		set_side(L, side);
		L->page = start;
		L->y = y0;
		fn(L, arg);
		if (L->page->index > endp->index || (L->page == endp && L->y > endy)) {
			endp = L->page;
			endy = L->y;
		}
	}
	L->page = endp;
	L->y = endy;
	L->flow_base = base;
	set_full(L);
}

static void unit_para(lay *L, const void *arg)
{
	const pps_block *b = arg;
	place_para(L, &b->text, 0, b->kind == BLK_NOTE ? L->st->note_size : L->st->body_size);
}

typedef struct {
	const pps_block *b;
	int item;
} item_arg;

static void unit_item(lay *L, const void *arg)
{
	const item_arg *a = arg;
	place_list_items(L, a->b, 0, a->item, 1);
}

static void unit_chart(lay *L, const void *arg) { place_chart(L, arg); }
static void unit_scale_notes(lay *L, const void *arg) { place_scale_notes(L, arg); }
static void unit_gpg_note(lay *L, const void *arg)
{
	(void)arg;
	place_gpg_note(L);
}

/* Two tables side by side, row i of each at the same height; each page's
 * part is a complete Table per language (tags cannot interleave). */
static void gt_place_pair(lay *L, gtable *g[2])
{
	int nrows = MIN(g[0]->nrows, g[1]->nrows);
	double *h = arena_array(L->b->arena, (size_t)nrows, sizeof(double));
	for (int r = 0; r < nrows; r++)
		h[r] = MAX(gt_row_h(g[0], r), gt_row_h(g[1], r));
	g[0]->force_h = g[1]->force_h = h;
	double head = gt_head_h(g[0]);
	int nhead = g[0]->nhead;
	int r = nhead;
	bool first = true;
	if (L->y + MAX(gt_caption_h(L, g[0], false), gt_caption_h(L, g[1], false)) + head +
		    (nrows > nhead ? h[nhead] : 0) >
		    L->bottom &&
	    L->y > L->top + 0.01)
		new_page(L);
	while (first || r < nrows) {
		/* Both columns' rows start below the taller caption: a continued
		 * caption may wrap where the first did not. */
		double cap = 0;
		for (int side = 0; side < 2; side++) {
			set_side(L, side);
			cap = MAX(cap, gt_caption_h(L, g[side], !first));
		}
		set_full(L);
		double y0 = L->y + cap + head;
		int r2 = r;
		while (r2 < nrows && y0 + h[r2] <= L->bottom + 0.01) {
			y0 += h[r2];
			r2++;
		}
		if (r2 == r && r < nrows && L->y > L->top + 0.01 && !first) {
			new_page(L);
			continue;
		}
		if (r2 == r && r < nrows)
			r2 = r + 1; /* a row taller than a page */
		double ystart = L->y;
		for (int side = 0; side < 2; side++) {
			set_side(L, side);
			L->y = ystart;
			tag_begin(L, "Table");
			if (g[side]->caption) {
				gt_caption(L, g[side], !first);
				L->y = ystart + cap;
			}
			if (nhead) {
				tag_begin(L, "THead");
				for (int k = 0; k < nhead; k++)
					gt_draw_row(L, g[side], k, false, false);
				tag_end(L, "THead");
			}
			tag_begin(L, "TBody");
			for (int k = r; k < r2; k++)
				gt_draw_row(L, g[side], k, false, false);
			tag_end(L, "TBody");
			tag_end(L, "Table");
		}
		set_full(L);
		first = false;
		r = r2;
		if (r < nrows)
			new_page(L);
	}
	L->y += L->st->para_space;
}

/* The table for block b in the current language at the current width. */
static gtable *block_table(lay *L, const pps_block *b)
{
	switch (b->kind) {
	case BLK_TABLE: return literal_table(L, b->table);
	case BLK_POSTS_TABLE: {
		gtable *g = posts_table(L);
		gt_caption_ml(L, g, &b->caption);
		return g;
	}
	case BLK_MULTIPLES: return L->d->nmultiples ? multiples_table(L) : NULL;
	case BLK_COMPLIANCE: return compliance_table(L);
	default: return NULL;
	}
}

/* Whether every text of a table that has one is in both languages. */
static bool table_both(const lay *L, const pps_table *t)
{
	for (int r = 0; r < t->nhead + t->nbody; r++) {
		const pps_row *row = r < t->nhead ? &t->head[r] : &t->body[r - t->nhead];
		for (int c = 0; c < row->n; c++) {
			const pps_ml *m = &row->cells[c].text;
			if ((ml_has(m, LANG_CY) || ml_has(m, LANG_EN)) && !ml_both(L, m))
				return false;
		}
	}
	return true;
}

/* The language of a table's first body cell with text. */
static pps_lang table_lang(const lay *L, const pps_table *t)
{
	for (int r = 0; r < t->nbody; r++)
		for (int c = 0; c < t->body[r].n; c++)
			for (int k = 0; k < L->opt->nlangs; k++)
				if (ml_has(&t->body[r].cells[c].text, L->opt->langs[k]))
					return L->opt->langs[k];
	return L->opt->langs[0];
}

static void par_block(lay *L, const pps_block *b)
{
	/* Two body lines with room to spare (Noto Sans's line box is about 1.36
	 * em): each column then keeps at least two lines on the page, so no
	 * column moves on alone and the pair stays level. */
	double line2 = 2 * L->st->body_size * L->st->line_spacing * 1.45 + 3;
	switch (b->kind) {
	case BLK_PARA:
	case BLK_NOTE:
		if (ml_both(L, &b->text)) {
			par_unit(L, unit_para, b, line2);
		} else {
			/* One language only: the whole width, marked with its language. */
			L->lang = ml_has(&b->text, L->opt->langs[0]) ? L->opt->langs[0] : L->opt->langs[1];
			place_block(L, b);
			set_full(L);
		}
		break;
	case BLK_LIST: {
		bool both = true;
		for (int i = 0; i < b->nitems; i++)
			both &= ml_both(L, &b->items[i].text);
		if (!both) {
			L->lang = ml_has(&b->items[0].text, L->opt->langs[0]) ? L->opt->langs[0] : L->opt->langs[1];
			place_block(L, b);
			set_full(L);
			break;
		}
		for (int i = 0; i < b->nitems; i++) {
			item_arg a = {b, i};
			par_unit(L, unit_item, &a, line2);
		}
		break;
	}
	case BLK_TABLE:
		if (!table_both(L, b->table)) {
			/* A table in one language only: once, across the page. */
			L->lang = table_lang(L, b->table);
			gt_place(L, literal_table(L, b->table));
			set_full(L);
			break;
		}
		/* fall through */
	case BLK_POSTS_TABLE:
	case BLK_MULTIPLES:
	case BLK_COMPLIANCE: {
		/* Side by side when each language's table fits its column (its
		 * narrowest words and figures, in type no smaller than the house
		 * style allows); otherwise the full width. */
		gtable *g[2];
		bool fit = true;
		for (int side = 0; side < 2; side++) {
			set_side(L, side);
			g[side] = block_table(L, b);
			fit = fit && g[side] && gt_fit(L, g[side], L->width, false);
		}
		set_full(L);
		if (!g[0] || !g[1])
			break;
		if (fit) {
			gt_place_pair(L, g);
		} else if (b->kind == BLK_POSTS_TABLE) {
			/* Short cells: one table, headed and labelled in both languages. */
			L->bi_labels = true;
			gt_place(L, block_table(L, b));
			L->bi_labels = false;
		} else {
			/* Sentences in the cells: each language's table whole, one
			 * after the other. */
			for (int side = 0; side < 2; side++) {
				L->lang = L->opt->langs[side];
				gt_place(L, block_table(L, b));
			}
			set_full(L);
		}
		break;
	}
	case BLK_CHART: par_unit(L, unit_chart, b, 200); break;
	case BLK_SCALE_TABLE: {
		/* Wide figures: the full width, headed in both languages, then the
		 * notes side by side, each language's kept with the table. */
		double keep = 0;
		for (int side = 0; side < 2; side++) {
			set_side(L, side);
			keep = MAX(keep, scale_notes_h(L, b));
		}
		set_full(L);
		L->bi_labels = true;
		place_scale_table(L, b, keep);
		L->bi_labels = false;
		par_unit(L, unit_scale_notes, b, keep);
		break;
	}
	case BLK_PROPOSAL_TABLE:
	case BLK_SENIOR_PAY:
		/* Words in the cells (band names, responsibilities): each
		 * language's tables whole, one after the other. */
		for (int side = 0; side < 2; side++) {
			L->lang = L->opt->langs[side];
			place_block(L, b);
		}
		set_full(L);
		break;
	case BLK_GPG_TABLE:
		if (L->fig->gpg.present) {
			double keep = 0;
			for (int side = 0; side < 2; side++) {
				set_side(L, side);
				keep = MAX(keep, gpg_note_h(L));
			}
			set_full(L);
			L->bi_labels = true;
			place_gpg_tables(L, keep);
			L->bi_labels = false;
			par_unit(L, unit_gpg_note, NULL, keep);
		}
		break;
	}
}

/* ---- Sections --------------------------------------------------------- */

static char *section_title(lay *L, const pps_section *s, bool appendix)
{
	const char *ttl = ml_plain(L, &s->title);
	if (appendix && s->level == 1)
		return tpl_format(L->t, L->lang, "appendix-title", "letter", s->letter, "title", ttl, NULL);
	if (s->number)
		return g_strdup_printf("%s\u2003%s", s->number, ttl);
	return g_strdup(ttl);
}

/* Whether the section's own text (its paragraphs, lists, tables and
 * subsections; notes and titles aside) is written in lang.  Generated
 * tables speak every language. */
static bool section_speaks(const pps_section *s, pps_lang lang)
{
	for (int i = 0; i < s->nblocks; i++) {
		const pps_block *b = &s->blocks[i];
		switch (b->kind) {
		case BLK_NOTE: break;
		case BLK_PARA:
			if (ml_has(&b->text, lang))
				return true;
			break;
		case BLK_LIST:
			for (int k = 0; k < b->nitems; k++)
				if (ml_has(&b->items[k].text, lang))
					return true;
			break;
		case BLK_TABLE:
			for (int r = 0; r < b->table->nbody; r++)
				for (int c = 0; c < b->table->body[r].n; c++)
					if (ml_has(&b->table->body[r].cells[c].text, lang))
						return true;
			break;
		default: return true;
		}
	}
	for (int i = 0; i < s->nsubs; i++)
		if (section_speaks(&s->subs[i], lang))
			return true;
	return false;
}

/* The sequential layout's first part, for an appendix whose text is all in
 * the second part's language (unless the council asks for it twice). */
static bool text_elsewhere(const lay *L, const pps_section *s)
{
	if (L->opt->mode != LAYOUT_SEQUENTIAL || L->opt->nlangs != 2 || L->opt->repeat_one_language ||
	    L->lang != L->opt->langs[0])
		return false;
	return !section_speaks(s, L->lang) && section_speaks(s, L->opt->langs[1]);
}

/* The first of the section's closing blocks that are short paragraphs
 * in one column (four lines in all at most), or nblocks if none. */
#define TAIL_LINES 4
static int short_tail(lay *L, const pps_section *s)
{
	int lines = 0, k = s->nblocks;
	while (k > 1) {
		const pps_block *b = &s->blocks[k - 1];
		if (b->kind != BLK_PARA || (L->par && ml_both(L, &b->text)))
			break;
		para *p = ml_para(L, &b->text, L->width, L->st->body_size, false, false);
		if (!p || (lines += p->nlines) > TAIL_LINES)
			break;
		k--;
	}
	return k;
}

static double tail_h(lay *L, const pps_section *s, int from)
{
	double h = 0;
	for (int k = from; k < s->nblocks; k++) {
		para *p = ml_para(L, &s->blocks[k].text, L->width, L->st->body_size, false, false);
		h += (p ? para_h(p) : 0) + L->st->para_space;
	}
	return h;
}

static void place_any_block(lay *L, const pps_block *b)
{
	if (L->par)
		par_block(L, b);
	else
		place_block(L, b);
}

static void place_section(lay *L, const pps_section *s, bool appendix)
{
	/* A title in one language only (an English-only appendix's headings)
	 * is set once, across the page, in its language. */
	bool par = L->par && (ml_both(L, &s->title) || (appendix && s->level == 1));
	int nside = par ? 2 : 1;
	char *title[2] = {NULL, NULL};
	para *hp[2] = {NULL, NULL};
	double hh = 0, size = heading_size(L, s->level);
	pps_lang lang0 = L->lang;
	for (int k = 0; k < nside; k++) {
		if (par)
			set_side(L, k);
		else if (!(appendix && s->level == 1))
			ml_pick(L, &s->title, &L->lang);
		title[k] = section_title(L, s, appendix);
		hp[k] = str_para(L, title[k], L->width, size, true, false);
		hh = MAX(hh, para_h(hp[k]));
	}
	if (L->par)
		set_full(L);
	L->lang = lang0;
	/* Appendices start on a new page. */
	if (appendix && s->level == 1 && L->y > L->top + 0.01)
		new_page(L);
	double space_before = s->level == 1 ? 10 : 6;
	double need = space_before + hh + 4 + (s->nblocks ? block_min_h(L, &s->blocks[0]) : 40);
	if (L->y + need > L->bottom && L->y > L->top + 0.01)
		new_page(L);
	else if (L->y > L->top + 0.01)
		L->y += space_before;
	const char *dest = s->id ? dest_name(L, s->id) : NULL;
	tag_begin_lang(L, "Sect", L->par ? NULL : lang_tag(L));
	if (dest)
		emit(L, (lay_op){.kind = OP_DEST, .name = dest, .x = L->x0, .y = L->y});
	for (int k = 0; k < nside; k++) {
		if (par)
			set_side(L, k);
		emit_text(L, hp[k], 0, hp[k]->nlines, L->x0, L->y, heading_tag(L->opt->appendix ? s->level - 1 : s->level), L->st->primary);
	}
	if (L->par)
		set_full(L);
	L->lang = lang0;
	L->y += hh + (s->level == 1 ? 6 : 3);
	if (s->level == 1)
		emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y - 3, .w = L->width, .lw = 0.6,
				 .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
	if (s->id) {
		char *key = g_strdup_printf("%s%s", L->prefix, s->id);
		g_hash_table_insert(L->b->page_of, arena_strdup(L->b->arena, key), GINT_TO_POINTER(L->page->number));
		g_free(key);
	}
	if (dest && s->level <= 2) {
		char *t = L->par ? g_strdup_printf("%s / %s", title[0], title[1]) : g_strdup(title[0]);
		add_outline(L, s->level, t, dest);
		g_free(t);
	}
	g_free(title[0]);
	g_free(title[1]);
	if (appendix && s->level == 1 && s->exempt && L->opt->public_only) {
		char *m = tpl_format(L->t, L->lang, "exempt-appendix", "letter", s->letter, "para",
				     s->exempt_para ? s->exempt_para : "1", NULL);
		para *p = str_para(L, m, L->width, L->st->body_size, false, false);
		g_free(m);
		place_p(L, p, L->x0, NULL);
		tag_end(L, "Sect");
		return;
	}
	if (appendix && s->level == 1 && text_elsewhere(L, s)) {
		/* Sequential: an appendix written in the other part's language only
		 * is printed there, once; here its title, its notes (the notice)
		 * and where to find it. */
		for (int i = 0; i < s->nblocks; i++)
			if (s->blocks[i].kind == BLK_NOTE)
				place_any_block(L, &s->blocks[i]);
		pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
		char *m = tpl_format(L->t, L->lang, other == LANG_EN ? "text-in-english-part" : "text-in-welsh-part",
				     "letter", s->letter, NULL);
		rich r;
		rich_init(&r);
		rich_add_str(&r, m);
		const char *prefix = L->prefix;
		L->prefix = "p2-"; /* the second part's names (lay_document) */
		lay_link lk = {0, (int)r.text->len, s->id ? dest_name(L, s->id) : NULL, NULL, arena_strdup(L->b->arena, m)};
		L->prefix = prefix;
		if (s->id && !L->opt->appendix)
			g_array_append_val(r.links, lk);
		const double *c = L->st->primary;
		if (r.links->len) {
			attr_range(&r, pango_attr_foreground_new((guint16)(c[0] * 65535), (guint16)(c[1] * 65535),
								(guint16)(c[2] * 65535)), 0);
			attr_range(&r, pango_attr_underline_new(PANGO_UNDERLINE_SINGLE), 0);
		}
		g_free(m);
		place_p(L, make_para(L, &r, L->width, L->st->body_size, false, false), L->x0, NULL);
		L->y += L->st->para_space;
		tag_end(L, "Sect");
		return;
	}
	/* Children in document order.  The blocks that end a section, when
	 * they are short paragraphs (tail_from), keep company with the last
	 * lines of the block before them. */
	int tail_from = s->nsubs && s->order[strlen(s->order) - 1] == 's' ? s->nblocks : short_tail(L, s);
	int bi = 0, si = 0;
	for (const char *o = s->order; o && *o; o++) {
		if (*o == 'b') {
			if (bi == tail_from - 1)
				L->keep_tail = tail_h(L, s, tail_from);
			place_any_block(L, &s->blocks[bi++]);
			L->keep_tail = 0;
		} else {
			place_section(L, &s->subs[si++], appendix);
		}
	}
	tag_end(L, "Sect");
}

static void place_centered(lay *L, const char *s, double size, bool bold, const char *leaf, const double *rgb,
			   double gap);

/* ---- Year on year ----------------------------------------------------- */

static char *pct_change(int64_t before, int64_t after)
{
	if (before == 0)
		return g_strdup("");
	double p = (double)(after - before) * 100.0 / (double)before;
	double r = (p >= 0 ? floor(p * 10 + 0.5) : -floor(-p * 10 + 0.5)) / 10;
	return g_strdup_printf("%+.1f%%", r);
}

/* A label with one text value taken from the model, in the language being
 * laid out; in the parallel layout "Welsh / English" (full-width tables). */
static char *say(lay *L, const char *id, const char *k1, const pps_ml *v1, const char *k2, const char *v2)
{
	int n = L->par ? 2 : 1;
	GString *out = g_string_new(NULL);
	for (int i = 0; i < n; i++) {
		pps_lang l = L->par ? L->opt->langs[i] : L->lang;
		const char *val = v1 ? text_plain(L->b->arena, ml_text(v1, l)) : "";
		char *t = tpl_format(L->t, l, id, k1 ? k1 : "-", val, k2 ? k2 : "-", v2 ? v2 : "", NULL);
		if (L->par)
			g_string_append_printf(out, "%s%s%s" BI_END, i ? " / " : "", i ? BI_SECOND : BI_FIRST, t);
		else
			g_string_append(out, t);
		g_free(t);
	}
	return g_string_free(out, FALSE);
}

static void place_changes(lay *L)
{
	const pps_doc *d = L->d, *pd = L->opt->prev;
	char *pyear = tpl_year(L->t, L->lang, pd->year_start), *year = tpl_year(L->t, L->lang, d->year_start);
	GPtrArray *rows = g_ptr_array_new_with_free_func(g_free); /* 4 strings per row */
	for (int i = 0; i < d->nscales; i++) {
		const pps_scale *s = &d->scales[i], *ps = model_scale(pd, s->id);
		if (!ps)
			continue;
		for (int k = 0; k < s->npoints; k++) {
			const pps_point *pt = &s->points[k], *pp = model_point(ps, pt->n);
			if (!pp || pp->salary[0] == pt->salary[0])
				continue;
			char n[16];
			g_snprintf(n, sizeof n, "%d", pt->n);
			g_ptr_array_add(rows, say(L, "change-point", "scale", &s->name, "n", n));
			g_ptr_array_add(rows, fig_money(pp->salary[0], false));
			g_ptr_array_add(rows, fig_money(pt->salary[0], false));
			g_ptr_array_add(rows, pct_change(pp->salary[0], pt->salary[0]));
		}
	}
	for (int i = 0; i < d->nposts; i++) {
		const pps_post *p = &d->posts[i], *pp = model_post(pd, p->id);
		if (!pp || !p->npoints || !pp->npoints)
			continue;
		int64_t a = pp->points[pp->npoints - 1], b = p->points[p->npoints - 1];
		if (a == b)
			continue;
		g_ptr_array_add(rows, say(L, "change-post", "post", &p->title, NULL, NULL));
		g_ptr_array_add(rows, fig_money(a, false));
		g_ptr_array_add(rows, fig_money(b, false));
		g_ptr_array_add(rows, pct_change(a, b));
	}
	for (int i = 0; i < d->nmultiples; i++) {
		const pps_figure *now = fig_get(L->fig, d->multiples[i].id), *then = fig_get(L->opt->prev_fig, d->multiples[i].id);
		if (!now || !then)
			continue;
		g_ptr_array_add(rows, g_strdup(ml_plain(L, &d->multiples[i].label)));
		g_ptr_array_add(rows, g_strdup(then->display));
		g_ptr_array_add(rows, g_strdup(now->display));
		g_ptr_array_add(rows, g_strdup(""));
	}
	char *title = say(L, "changes-title", NULL, NULL, "year", pyear);
	new_page(L);
	const char *dest = arena_printf(L->b->arena, "%schanges", L->prefix);
	tag_begin(L, "Sect");
	emit(L, (lay_op){.kind = OP_DEST, .name = dest, .x = L->x0, .y = L->y});
	para *hp = str_para(L, title, L->width, L->st->h1_size, true, false);
	emit_text(L, hp, 0, hp->nlines, L->x0, L->y, "H2", L->st->primary);
	L->y += para_h(hp) + 6;
	add_outline(L, 1, title, dest);
	g_hash_table_insert(L->b->page_of, arena_printf(L->b->arena, "%schanges", L->prefix), GINT_TO_POINTER(L->page->number));
	char *intro = say(L, "changes-intro", NULL, NULL, "year", pyear);
	para *ip = str_para(L, intro, L->width, L->st->body_size, false, false);
	place_p(L, ip, L->x0, NULL);
	L->y += L->st->para_space;
	int n = (int)rows->len / 4;
	if (n) {
		gtable *g = gt_new(L, 4, 1 + n, 1);
		g->row_headers = true;
		double wt[4] = {3, 1.2, 1.2, 1};
		g->align[1] = g->align[2] = g->align[3] = 'r';
		gt_weights(g, wt);
		gt_set(L, g, 0, 0, lbl(L, "col-item"));
		gt_set(L, g, 0, 1, pyear);
		gt_set(L, g, 0, 2, year);
		gt_set(L, g, 0, 3, lbl(L, "col-change"));
		for (int r = 0; r < n; r++)
			for (int c = 0; c < 4; c++)
				gt_set(L, g, 1 + r, c, rows->pdata[r * 4 + c]);
		gt_place(L, g);
	} else {
		place_centered(L, tpl_label(L->t, L->lang, "no-changes"), L->st->body_size, false, "P", L->st->text, 6);
	}
	tag_end(L, "Sect");
	g_free(intro);
	g_free(title);
	g_free(pyear);
	g_free(year);
	g_ptr_array_free(rows, TRUE);
}

/* ---- Front matter ---------------------------------------------------- */

static void place_centered(lay *L, const char *s, double size, bool bold, const char *leaf, const double *rgb,
			   double gap)
{
	para *p = str_para(L, s, L->width, size, bold, false);
	emit_text(L, p, 0, p->nlines, L->x0, L->y, leaf, rgb);
	L->y += para_h(p) + gap;
}

static const char *doc_title(lay *L)
{
	const pps_text *t = ml_text(&L->d->title, L->lang);
	return t ? text_plain(L->b->arena, t) : tpl_label(L->t, L->lang, "title-default");
}

static void place_cover(lay *L)
{
	const pps_doc *d = L->d;
	L->y = L->top + 40;
	if (d->logo) {
		emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = "Figure", .lang = lang_tag(L),
				 .alt = ml_text(&d->logo_alt, L->lang) ? ml_plain(L, &d->logo_alt) : ml_plain(L, &d->council)});
		emit(L, (lay_op){.kind = OP_IMAGE, .name = d->logo, .x = L->x0, .y = L->y, .w = 160, .h = 60});
		emit(L, (lay_op){.kind = OP_TAG_END, .tag = "Figure"}); /* a leaf: never open across a break */
		L->y += 80;
	}
	tag_begin(L, "P");
	place_centered(L, ml_plain(L, &d->council), 16, true, "Span", L->st->text, 30);
	tag_end(L, "P");
	place_centered(L, doc_title(L), 30, true, "H1", L->st->primary, 10);
	char *fy = phrase_financial_year(d, L->t, L->lang);
	tag_begin(L, "P");
	place_centered(L, fy, 18, false, "Span", L->st->primary, 40);
	tag_end(L, "P");
	g_free(fy);
	emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = L->y - 20, .w = L->width, .lw = 1.5,
			 .rgb = {L->st->primary[0], L->st->primary[1], L->st->primary[2]}});
	char *lines[3] = {phrase_status(d, L->t, L->lang), phrase_effective(d, L->t, L->lang),
			  phrase_version(d, L->t, L->lang)};
	for (int i = 0; i < 3; i++) {
		if (!lines[i])
			continue;
		tag_begin(L, "P");
		place_centered(L, lines[i], 12, false, "Span", L->st->text, 4);
		tag_end(L, "P");
		g_free(lines[i]);
	}
	/* The other language's version and the alternative formats sit at the
	 * foot of the cover, measured so they never spill onto a second page. */
	const pps_text *ct = ml_text(&d->contact, L->lang);
	para *cp = ct ? text_para(L, ct, L->width, L->st->note_size, false, false) : NULL;
	bool other = model_has_lang(d, LANG_CY) && model_has_lang(d, LANG_EN) && L->opt->mode == LAYOUT_SINGLE;
	para *op = NULL, *op2 = NULL;
	pps_lang ol = L->lang == LANG_CY ? LANG_EN : LANG_CY;
	if (other) {
		op = str_para(L, tpl_label(L->t, L->lang, "other-language"), L->width, 12, true, false);
		/* ... and the same notice in the other language, shaped and tagged as such. */
		pps_lang save = L->lang;
		L->lang = ol;
		op2 = str_para(L, tpl_label(L->t, ol, ol == LANG_CY ? "also-in-welsh" : "also-in-english"), L->width, 12, true,
			       false);
		L->lang = save;
	}
	double foot = (cp ? para_h(cp) : 0) + (op ? para_h(op) + para_h(op2) + 12 : 0);
	L->y = MAX(L->y + 10, L->bottom - foot);
	if (op) {
		emit_text(L, op, 0, op->nlines, L->x0, L->y, "P", L->st->primary);
		L->y += para_h(op);
		emit_text(L, op2, 0, op2->nlines, L->x0, L->y, "P", L->st->primary);
		g_array_index(L->page->ops, lay_op, L->page->ops->len - 1).lang = tpl_lang_tag(ol);
		L->y += para_h(op2) + 12;
	}
	if (cp) {
		tag_begin(L, "P");
		emit_text(L, cp, 0, cp->nlines, L->x0, L->y, "Span", NULL);
		tag_end(L, "P");
	}
}

static void unit_cover(lay *L, const void *arg)
{
	(void)arg;
	place_cover(L);
}

typedef struct {
	const char *num, *title, *dest, *key;
	int level;
} toc_entry;

static void toc_entries(lay *L, GArray *out)
{
	const pps_doc *d = L->d;
	L->bi_labels = L->par;
	for (int i = 0; i < d->nsections; i++) {
		const pps_section *s = &d->sections[i];
		toc_entry e = {s->number, ml_plain(L, &s->title), s->id ? dest_name(L, s->id) : NULL,
			       s->id ? arena_printf(L->b->arena, "%s%s", L->prefix, s->id) : NULL, 1};
		g_array_append_val(out, e);
	}
	for (int i = 0; i < d->nappendices; i++) {
		const pps_section *s = &d->appendices[i];
		if (L->opt->appendix && g_strcmp0(s->id, L->opt->appendix) != 0)
			continue;
		char *t = tpl_format(L->t, L->lang, "appendix-title", "letter", s->letter, "title", ml_plain(L, &s->title), NULL);
		if (L->par) {
			char *t2 = tpl_format(L->t, L->opt->langs[1], "appendix-title", "letter", s->letter, "title",
					      text_plain(L->b->arena, ml_text(&s->title, L->opt->langs[1])), NULL);
			char *t1 = tpl_format(L->t, L->lang, "appendix-title", "letter", s->letter, "title",
					      text_plain(L->b->arena, ml_text(&s->title, L->opt->langs[0])), NULL);
			char *t3 = g_strdup(bi_join(L, t1, t2));
			g_free(t1);
			g_free(t);
			g_free(t2);
			t = t3;
		}
		toc_entry e = {NULL, arena_strdup(L->b->arena, t), s->id ? dest_name(L, s->id) : NULL,
			       s->id ? arena_printf(L->b->arena, "%s%s", L->prefix, s->id) : NULL, 1};
		g_free(t);
		g_array_append_val(out, e);
	}
	if (L->opt->prev && !L->opt->appendix) {
		char *py = tpl_year(L->t, L->lang, L->opt->prev->year_start);
		char *t = say(L, "changes-title", NULL, NULL, "year", py);
		toc_entry e = {NULL, arena_strdup(L->b->arena, t), arena_printf(L->b->arena, "%schanges", L->prefix),
			       arena_printf(L->b->arena, "%schanges", L->prefix), 1};
		g_array_append_val(out, e);
		g_free(t);
		g_free(py);
	}
	L->bi_labels = false;
}

/* The contents, after the body so the page numbers are known. */
static void place_contents(lay *L)
{
	L->bi_labels = L->par;
	char *h = label(L, "contents");
	L->bi_labels = false;
	para *hp = str_para(L, h, L->width, L->st->h1_size, true, false);
	const char *dest = arena_printf(L->b->arena, "%scontents", L->prefix);
	tag_begin(L, "Sect");
	emit(L, (lay_op){.kind = OP_DEST, .name = dest, .x = L->x0, .y = L->y});
	emit_text(L, hp, 0, hp->nlines, L->x0, L->y, "H2", L->st->primary);
	if (L->par) /* "Cynnwys / Contents": both languages, so no one /Lang */
		g_array_index(L->page->ops, lay_op, L->page->ops->len - 1).lang = NULL;
	L->y += para_h(hp) + 10;
	add_outline(L, 1, h, dest);
	g_free(h);
	GArray *ents = g_array_new(FALSE, TRUE, sizeof(toc_entry));
	toc_entries(L, ents);
	tag_begin(L, "TOC");
	const double numw = 30, pagew = 36;
	for (guint i = 0; i < ents->len; i++) {
		toc_entry *e = &g_array_index(ents, toc_entry, i);
		int page = e->key ? GPOINTER_TO_INT(g_hash_table_lookup(L->b->page_of, e->key)) : 0;
		char pg[16];
		g_snprintf(pg, sizeof pg, "%d", page);
		double textw = L->width - numw - pagew - 8;
		rich r;
		rich_init(&r);
		rich_add_str(&r, e->title);
		para *tp = make_para(L, &r, textw, L->st->body_size, false, false);
		para *np = e->num ? str_para(L, e->num, numw, L->st->body_size, false, false) : NULL;
		para *pp = str_para(L, pg, pagew, L->st->body_size, false, true);
		double hgt = para_h(tp);
		if (L->y + hgt > L->bottom)
			new_page(L);
		tag_begin(L, "TOCI");
		/* TOCI may hold Lbl, Reference, NonStruct, P or TOC, not a Link
		 * (ISO 32000-1 table 333): the Link sits in a Reference. */
		tag_begin(L, "Reference");
		/* One Link leaf per entry: its text and page (cairo takes the link
		 * area from what is drawn). */
		lay_op lo = {.kind = OP_TAG_BEGIN, .tag = "Link", .name = e->dest, .lang = lang_tag(L)};
		lo.alt = e->title; /* the annotation's /Contents */
		emit(L, lo);
		double x = L->x0;
		if (np)
			emit_text(L, np, 0, np->nlines, x, L->y, "", NULL);
		emit_text(L, tp, 0, tp->nlines, x + numw, L->y, "", NULL);
		/* Dot leaders from the end of the last line to the page number,
		 * on a global grid so the dots line up from entry to entry.  Drawn
		 * as a dotted rule, not full stops: a rule is an artifact, so a
		 * screen reader reads "Purpose, 3", not a row of dots. */
		const txt_line *last = &tp->t->lines[tp->nlines - 1];
		double end = x + numw + last->x + last->width + 4;
		double dots_end = L->x0 + L->width - pagew + 4;
		const double pitch = 4.5;
		double start = ceil(end / pitch) * pitch;
		int ndots = (int)((dots_end - start) / pitch);
		if (ndots > 0) {
			const double dot = 1.1; /* diameter, points: a full stop's at body size */
			double base = L->y + last->baseline - dot / 2;
			emit(L, (lay_op){.kind = OP_LINE, .x = start + pitch / 2, .y = base, .w = (ndots - 1) * pitch,
					 .lw = dot, .dots = pitch, .rgb = {L->st->rule[0], L->st->rule[1], L->st->rule[2]}});
		}
		emit_text(L, pp, 0, pp->nlines, L->x0 + L->width - pagew, L->y + tp->t->lines[tp->nlines - 1].top, "", NULL);
		emit(L, (lay_op){.kind = OP_TAG_END, .tag = "Link"});
		tag_end(L, "Reference");
		tag_end(L, "TOCI");
		L->y += hgt + 5;
	}
	tag_end(L, "TOC");
	tag_end(L, "Sect");
	g_array_free(ents, TRUE);
}

/* ---- Running header and footer -------------------------------------- */

static void place_furniture(lay *L, lay_page *p, int index, int last_no)
{
	L->page = p;
	p->furniture = p->ops->len;
	L->lang = p->lang;
	const pps_style *st = L->st;
	char *title = NULL;
	const char *t1 = doc_title(L);
	char *yr = tpl_year(L->t, L->lang, L->d->year_start);
	title = g_strdup_printf("%s %s", t1, yr);
	g_free(yr);
	if (p->bilingual) {
		pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
		pps_lang save = L->lang;
		L->lang = other;
		char *yr2 = tpl_year(L->t, other, L->d->year_start);
		char *t2 = g_strdup_printf("%s / %s %s", title, doc_title(L), yr2);
		g_free(yr2);
		L->lang = save;
		g_free(title);
		title = t2;
	}
	if (L->opt->agenda_item) {
		char *ag = tpl_format(L->t, L->lang, "agenda-line", "appendix", L->opt->agenda_appendix ? L->opt->agenda_appendix : "",
				      "item", L->opt->agenda_item, NULL);
		if (p->bilingual) { /* "Atodiad 5 i eitem 4a ar yr agenda / Appendix 5 to agenda item 4a" */
			pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
			char *ag2 = tpl_format(L->t, other, "agenda-line", "appendix",
					       L->opt->agenda_appendix ? L->opt->agenda_appendix : "", "item", L->opt->agenda_item, NULL);
			char *both = g_strdup_printf("%s / %s", ag, ag2);
			g_free(ag);
			g_free(ag2);
			ag = both;
		}
		char *t2 = g_strdup_printf("%s — %s", title, ag);
		g_free(title);
		g_free(ag);
		title = t2;
	}
	double hw = L->width - st->stamp_zone;
	if (p->cover && L->opt->agenda_item) {
		/* The cover of a statement attached to an agenda says where it
		 * belongs ("Appendix 5 to agenda item 4a"), as every page after it. */
		const char *ag = strstr(title, " — ");
		para *ap = str_para(L, ag + strlen(" — "), hw, st->header_size, false, false);
		emit_text(L, ap, 0, MIN(ap->nlines, 2), L->x0, st->header_offset, NULL, L->st->primary);
	}
	if (!p->front && !p->blank) {
		/* The same header on page after page: shape it once. */
		if (!L->header || strcmp(L->header_text, title) != 0) {
			L->header = str_para(L, title, hw, st->header_size, false, false);
			L->header_text = arena_strdup(L->b->arena, title);
		}
		para *hp = L->header;
		emit_text(L, hp, 0, MIN(hp->nlines, 2), L->x0, st->header_offset, NULL, L->st->primary);
		emit(L, (lay_op){.kind = OP_LINE, .x = L->x0, .y = st->margin_top - 8, .w = hw, .lw = 0.4,
				 .rgb = {st->rule[0], st->rule[1], st->rule[2]}});
	}
	g_free(title);
	if (st->page_numbers) {
		char num[16], tot[16];
		char *s;
		if (p->front && !L->pack)
			s = g_strdup(p->label);
		else {
			/* In an agenda pack (--first-page N > 1) the pack's own total is
			 * unknown here: "Page 27", never "Page 27 of 27".  Otherwise
			 * "of" the document's last body page, so every part of a
			 * sequential document counts the same pages. */
			const char *form = L->opt->first_page > 1 ? "page-x" : "page-x-of-y";
			g_snprintf(num, sizeof num, "%d", p->number);
			g_snprintf(tot, sizeof tot, "%d", last_no);
			s = tpl_format(L->t, L->lang, form, "page", num, "pages", tot, NULL);
			if (p->bilingual) {
				pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
				char *s2 = tpl_format(L->t, other, form, "page", num, "pages", tot, NULL);
				char *s3 = g_strdup_printf("%s / %s", s, s2);
				g_free(s);
				g_free(s2);
				s = s3;
			}
		}
		para *fp = str_para(L, s, L->width, st->header_size, false, true);
		emit_text(L, fp, 0, fp->nlines, L->x0, st->page_h - st->footer_offset - para_h(fp), NULL, L->st->text);
		g_free(s);
	}
	if (p->blank) {
		L->y = st->page_h / 2 - 20;
		rich br;
		rich_init(&br);
		rich_add_str(&br, tpl_label(L->t, L->lang, "blank-page"));
		if (L->opt->nlangs > 1 && L->opt->mode != LAYOUT_SINGLE) { /* a bilingual document's blank page says so in both */
			pps_lang other = L->lang == L->opt->langs[0] ? L->opt->langs[1] : L->opt->langs[0];
			rich_add_str(&br, "\n");
			rich_add_str(&br, tpl_label(L->t, other, "blank-page"));
		}
		para *bp = make_para_x(L, &br, L->width, st->body_size, false, TXT_CENTER, 0);
		emit_text(L, bp, 0, bp->nlines, L->x0, L->y, NULL, L->st->rule);
	}
	(void)index;
}

static char *roman(int n)
{
	static const struct {
		int v;
		const char *s;
	} t[] = {{1000, "m"}, {900, "cm"}, {500, "d"}, {400, "cd"}, {100, "c"}, {90, "xc"}, {50, "l"},
		 {40, "xl"},   {10, "x"},    {9, "ix"},   {5, "v"},    {4, "iv"},   {1, "i"}};
	GString *s = g_string_new(NULL);
	for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
		while (n >= t[i].v) {
			g_string_append(s, t[i].s);
			n -= t[i].v;
		}
	return g_string_free(s, FALSE);
}

/* ---- The document ---------------------------------------------------- */

/* Lays out one language's statement: body first (so the contents know the
 * pages), then cover and contents, which are moved in front of the body. */
static void lay_part(lay *L, pps_lang lang, const char *prefix)
{
	L->lang = lang;
	L->prefix = prefix;
	const pps_doc *d = L->d;
	/* Duplex: a second part starts on a right-hand page too. */
	if (L->opt->duplex && L->b->pages->len % 2 == 1) {
		L->front = false;
		add_page(L, false);
		L->page->blank = true;
		L->page->label = arena_printf(L->b->arena, "%d", L->page->number);
	}
	guint part_start = L->b->pages->len;
	guint outline_start = L->b->outline->len; /* this part's first bookmark */
	int first_no = L->body_no;

	/* Body */
	L->front = false;
	add_page(L, false);
	tag_begin_lang(L, "Part", L->par ? NULL : lang_tag(L));
	if (L->opt->appendix) {
		for (int i = 0; i < d->nappendices; i++)
			if (g_strcmp0(d->appendices[i].id, L->opt->appendix) == 0) {
				L->y = L->top;
				place_section(L, &d->appendices[i], true);
			}
	} else {
		for (int i = 0; i < d->nsections; i++)
			place_section(L, &d->sections[i], false);
		for (int i = 0; i < d->nappendices; i++)
			place_section(L, &d->appendices[i], true);
		if (L->opt->prev) {
			L->bi_labels = L->par; /* full width, both languages' words */
			place_changes(L);
			L->bi_labels = false;
		}
	}
	tag_end(L, "Part");
	guint body_end = L->b->pages->len;
	int nbody = L->body_no - first_no;

	/* Front matter: cover and contents (not for a lone appendix). */
	guint front_start = L->b->pages->len;
	guint outline_front = L->b->outline->len;
	if (!L->opt->appendix) {
		L->front = true;
		add_page(L, true)->cover = true;
		if (L->par)
			par_unit(L, unit_cover, NULL, 0);
		else
			place_cover(L);
		add_page(L, true);
		place_contents(L);
	}
	/* Duplex printing: the body starts on a right-hand (odd) page. */
	if (L->opt->duplex && !L->opt->appendix && (part_start + (L->b->pages->len - front_start)) % 2 == 1) {
		add_page(L, true);
		L->page->blank = true;
	}
	guint front_end = L->b->pages->len;
	/* Move the front pages before this part's body. */
	GPtrArray *pages = L->b->pages;
	GPtrArray *re = g_ptr_array_new();
	for (guint i = front_start; i < front_end; i++)
		g_ptr_array_add(re, pages->pdata[i]);
	for (guint i = part_start; i < body_end; i++)
		g_ptr_array_add(re, pages->pdata[i]);
	for (guint i = 0; i < re->len; i++)
		pages->pdata[part_start + i] = re->pdata[i];
	g_ptr_array_free(re, TRUE);
	/* And its bookmarks ("Contents") before the body's: in page order. */
	GArray *ol = L->b->outline;
	guint nfront = ol->len - outline_front;
	if (nfront > 0 && outline_front > outline_start) {
		lay_outline *tmp = g_new(lay_outline, nfront);
		memcpy(tmp, &g_array_index(ol, lay_outline, outline_front), nfront * sizeof *tmp);
		memmove(&g_array_index(ol, lay_outline, outline_start + nfront), &g_array_index(ol, lay_outline, outline_start),
			(outline_front - outline_start) * sizeof *tmp);
		memcpy(&g_array_index(ol, lay_outline, outline_start), tmp, nfront * sizeof *tmp);
		g_free(tmp);
	}
	int fi = 1;
	for (guint i = part_start; i < pages->len; i++) {
		lay_page *p = pages->pdata[i];
		p->part_pages = nbody;
		if (p->front) {
			char *r = roman(fi++);
			p->label = arena_strdup(L->b->arena, r);
			g_free(r);
		} else {
			p->label = arena_printf(L->b->arena, "%d", p->number);
		}
	}
}

static lay_book *lay_pass(const pps_doc *d, const pps_figures *fig, const pps_template *t, lay_fonts *fonts,
			  const lay_options *opt, diag_ctx *dc, const int *pack, int npack)
{
	arena *a = arena_new();
	lay_book *b = arena_alloc(a, sizeof *b);
	b->arena = a;
	b->pages = g_ptr_array_new();
	b->outline = g_array_new(FALSE, TRUE, sizeof(lay_outline));
	b->layouts = g_hash_table_new_full(g_direct_hash, g_direct_equal, (GDestroyNotify)txt_free, NULL);
	b->page_of = g_hash_table_new(g_str_hash, g_str_equal);
	b->tpl = t;
	lay L = {.b = b, .d = d, .fig = fig, .t = t, .st = &t->style, .f = fonts, .opt = opt, .dc = dc,
		 .pack = pack, .npack = npack};
	L.x0 = t->style.margin_left;
	L.width = t->style.page_w - t->style.margin_left - t->style.margin_right;
	L.top = t->style.margin_top;
	L.bottom = t->style.page_h - t->style.margin_bottom;
	L.body_no = opt->first_page > 0 ? opt->first_page : 1;
	L.lang = opt->langs[0];
	L.open = g_ptr_array_new();
	L.open_lang = g_ptr_array_new();
	L.par = opt->mode == LAYOUT_PARALLEL && opt->nlangs == 2;
	L.full_x0 = L.x0;
	L.full_w = L.width;
	const double gutter = 18; /* points between the columns */
	L.colw = (L.width - gutter) / 2;
	L.colx[0] = L.x0;
	L.colx[1] = L.x0 + L.colw + gutter;

	if (opt->mode == LAYOUT_SEQUENTIAL) {
		for (int i = 0; i < opt->nlangs; i++)
			lay_part(&L, opt->langs[i], i == 0 ? "" : "p2-");
	} else {
		lay_part(&L, opt->langs[0], "");
	}
	/* The contents were laid out with page numbers known; compliance tables
	 * need them too and were laid out in the body: a second body pass would
	 * be needed if they moved, but page_of is complete before the front
	 * matter, and the compliance table reads it at layout time (see rules.c). */
	/* An agenda pack numbers every sheet in turn, the cover and contents too. */
	b->pack_numbers = pack != NULL;
	for (guint i = 0; pack && i < b->pages->len; i++) {
		lay_page *p = b->pages->pdata[i];
		if (p->front) {
			p->number = opt->first_page + (int)i;
			p->label = arena_printf(a, "%d", p->number);
		}
	}
	int last_no = 0; /* printed number of the last body page */
	for (guint i = 0; i < b->pages->len; i++) {
		const lay_page *p = b->pages->pdata[i];
		if (!p->front && p->number > last_no)
			last_no = p->number;
	}
	for (guint i = 0; i < b->pages->len; i++)
		place_furniture(&L, b->pages->pdata[i], (int)i, last_no);
	L.lang = opt->langs[0];
	g_ptr_array_free(L.open, TRUE);
	g_ptr_array_free(L.open_lang, TRUE);
	b->title = arena_strdup(a, doc_title(&L));
	/* A lone appendix is titled as itself ("Atodiad A – … / Appendix A – …"):
	 * that is what a web page listing the agenda's attachments shows. */
	for (int i = 0; opt->appendix && i < d->nappendices; i++) {
		if (g_strcmp0(d->appendices[i].id, opt->appendix) != 0)
			continue;
		GString *t2 = g_string_new(NULL);
		for (int k = 0; k < (opt->mode == LAYOUT_SINGLE ? 1 : opt->nlangs); k++) {
			L.lang = opt->langs[k];
			char *st = section_title(&L, &d->appendices[i], true);
			g_string_append_printf(t2, "%s%s", k ? " / " : "", st);
			g_free(st);
		}
		L.lang = opt->langs[0];
		b->title = arena_strdup(a, t2->str);
		g_string_free(t2, TRUE);
	}
	b->author = ml_plain(&L, &d->council);
	b->subject = arena_printf(a, "%s %d-%02d", b->title, d->year_start, (d->year_start + 1) % 100);
	b->keywords = "Pay Policy Statement; Localism Act 2011; pay multiples; chief officer pay";
	b->lang = tpl_lang_tag(opt->langs[0]);
	if (!d->approved_status) {
		para *wp = str_para(&L, tpl_label(t, opt->langs[0], "draft-watermark"), 600, 96, true, false);
		if (opt->mode != LAYOUT_SINGLE && opt->nlangs > 1) {
			char *two = g_strdup_printf("%s / %s", tpl_label(t, opt->langs[0], "draft-watermark"),
						    tpl_label(t, opt->langs[1], "draft-watermark"));
			wp = str_para(&L, two, 900, 72, true, false);
			g_free(two);
		}
		b->watermark = wp->t;
	}
	if (b->unknown_glyphs) {
		GString *m = g_string_new("the bundled fonts have no glyph for");
		for (int i = 0; i < b->nmissing; i++) {
			char u[8] = {0};
			g_unichar_to_utf8(b->missing[i], u);
			g_string_append_printf(m, "%s U+%04X (%s)", i ? "," : "", b->missing[i], u);
		}
		g_string_append(m, "; use another character, or add a font that covers it to fonts/");
		diag_emit_file(dc, DIAG_FONT, NULL, 0, 0, m->str);
		g_string_free(m, TRUE);
	}
	return b;
}

void lay_book_free(lay_book *b)
{
	if (!b)
		return;
	for (guint i = 0; i < b->pages->len; i++)
		if (((lay_page *)b->pages->pdata[i])->ops)
			g_array_free(((lay_page *)b->pages->pdata[i])->ops, TRUE);
	g_ptr_array_free(b->pages, TRUE);
	g_array_free(b->outline, TRUE);
	g_hash_table_destroy(b->layouts);
	if (b->last_use)
		g_hash_table_destroy(b->last_use);
	g_hash_table_destroy(b->page_of);
	arena_free(b->arena);
}

PangoContext *lay_fonts_context(lay_fonts *f) { return f->ctx; }

void lay_book_release_page(lay_book *b, guint i)
{
	if (!b->last_use) {
		/* Once: the last page each layout is drawn on. */
		b->last_use = g_hash_table_new(g_direct_hash, g_direct_equal);
		for (guint p = 0; p < b->pages->len; p++) {
			GArray *ops = ((lay_page *)b->pages->pdata[p])->ops;
			for (guint k = 0; k < ops->len; k++) {
				const lay_op *op = &g_array_index(ops, lay_op, k);
				if (op->kind == OP_TEXT)
					g_hash_table_insert(b->last_use, op->txt, GUINT_TO_POINTER(p + 1));
			}
		}
		/* Layouts made but never drawn (measurements) go now. */
		GHashTableIter it;
		gpointer key;
		g_hash_table_iter_init(&it, b->layouts);
		while (g_hash_table_iter_next(&it, &key, NULL))
			if (key != b->watermark && !g_hash_table_contains(b->last_use, key))
				g_hash_table_iter_remove(&it);
	}
	GArray *ops = ((lay_page *)b->pages->pdata[i])->ops;
	for (guint k = 0; k < ops->len; k++) {
		lay_op *op = &g_array_index(ops, lay_op, k);
		if (op->kind != OP_TEXT || !op->txt)
			continue;
		txt_para *pl = op->txt;
		op->txt = NULL; /* drawn: the op no longer needs it */
		if (GPOINTER_TO_UINT(g_hash_table_lookup(b->last_use, pl)) == i + 1) {
			g_hash_table_remove(b->last_use, pl);
			g_hash_table_remove(b->layouts, pl);
		}
	}
	/* The page's operations are spent too. */
	g_array_free(ops, TRUE);
	((lay_page *)b->pages->pdata[i])->ops = NULL;
}

/* In an agenda pack (--first-page N > 1) every page, the front matter too,
 * carries the pack's number, in page order: a first pass finds where the
 * front pages fall, a second lays out again numbering the body pages
 * around them (the contents and the compliance table print those). */
lay_book *lay_document(const pps_doc *d, const pps_figures *fig, const pps_template *t, lay_fonts *fonts,
		       const lay_options *opt, diag_ctx *dc)
{
	if (opt->first_page <= 1 || opt->appendix)
		return lay_pass(d, fig, t, fonts, opt, dc, NULL, 0);
	diag_ctx scratch; /* the second pass says it all again */
	diag_init(&scratch);
	lay_book *first = lay_pass(d, fig, t, fonts, opt, &scratch, NULL, 0);
	diag_clear(&scratch);
	GArray *pack = g_array_new(FALSE, FALSE, sizeof(int));
	for (guint i = 0; i < first->pages->len; i++) {
		const lay_page *p = first->pages->pdata[i];
		if (!p->front) {
			int n = opt->first_page + (int)i;
			g_array_append_val(pack, n);
		}
	}
	lay_book_free(first);
	lay_book *b = lay_pass(d, fig, t, fonts, opt, dc, (const int *)pack->data, (int)pack->len);
	g_array_free(pack, TRUE);
	return b;
}
