/* layout.c — turns the model, its figures and the template into pages of
 * positioned operations (layout.h).  It shapes every paragraph once with
 * Pango, breaks paragraphs between lines and tables between rows, keeps
 * headings with what follows, and emits structure tags in reading order.
 * It knows nothing about XML and draws nothing.  Tables are in
 * layout_table.c, the parallel pairing in layout_parallel.c, the cover,
 * contents and running header and footer in layout_furniture.c. */
#include "layout_int.h"

#include <pango/pangofc-fontmap.h>
#include <string.h>

#include "chart.h"
#include "fonts.h"

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

const char *lang_tag(const lay *L) { return L->opt->nlangs > 1 ? tpl_lang_tag(L->lang) : NULL; }

lay_op *emit(lay *L, lay_op op)
{
	g_array_append_val(L->page->ops, op);
	return &g_array_index(L->page->ops, lay_op, L->page->ops->len - 1);
}

/* Containers (Sect, P, L, Table...) go through a stack so that the parallel
 * layout can close a column's open containers at a page break and reopen
 * them on the next page: two columns cannot both hold a tag open across a
 * break (tags nest), so a paragraph split there is begun twice.  Each part
 * after the first says which element it continues (lay_op.cont, the id of
 * the first part), and the device makes them one.  Returns the element's
 * id: the first part's. */
static int tag_open(lay *L, const char *tag, const char *lang, int of)
{
	int id = ++L->next_id;
	emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = tag, .lang = lang, .id = id, .cont = of});
	g_ptr_array_add(L->open, (gpointer)tag);
	g_ptr_array_add(L->open_lang, (gpointer)lang);
	int first = of ? of : id;
	g_array_append_val(L->open_id, first);
	return first;
}

static int tag_begin_lang(lay *L, const char *tag, const char *lang) { return tag_open(L, tag, lang, 0); }

int tag_begin(lay *L, const char *tag) { return tag_open(L, tag, lang_tag(L), 0); }

/* Begins a tag that goes on with element `of` (0: a new element). */
int tag_continue(lay *L, const char *tag, int of) { return tag_open(L, tag, lang_tag(L), of); }

void tag_end(lay *L, const char *tag)
{
	emit(L, (lay_op){.kind = OP_TAG_END, .tag = tag});
	g_ptr_array_remove_index(L->open, L->open->len - 1);
	g_ptr_array_remove_index(L->open_lang, L->open_lang->len - 1);
	g_array_set_size(L->open_id, L->open_id->len - 1);
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

void new_page(lay *L)
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
		emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = L->open->pdata[i], .lang = L->open_lang->pdata[i],
				 .id = ++L->next_id, .cont = g_array_index(L->open_id, int, i)});
}

const char *dest_name(lay *L, const char *id)
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

void rich_init(rich *r)
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

void rich_add_str(rich *r, const char *s) { append_typeset(r->text, s); }

/* "Cymraeg / English" as one string that still knows its languages: each
 * piece between a private-use mark (U+E000 the first language, U+E001 the
 * second) and U+E002.  make_para takes the marks out and draws each piece
 * as a Span with its /Lang, so a screen reader voices each in its own
 * language; add_outline strips them from bookmarks. */
const char *bi_join(lay *L, const char *a, const char *b)
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
para *make_para_x(lay *L, rich *r, double width, double size, bool bold, txt_align align,
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

para *make_para(lay *L, rich *r, double width, double size, bool bold, bool right)
{
	return make_para_x(L, r, width, size, bold, right ? TXT_RIGHT : TXT_LEFT, 0);
}

para *text_para(lay *L, const pps_text *t, double width, double size, bool bold, bool right)
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

para *ml_para(lay *L, const pps_ml *m, double width, double size, bool bold, bool right)
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

para *str_para(lay *L, const char *s, double width, double size, bool bold, bool right)
{
	rich r;
	rich_init(&r);
	rich_add_str(&r, s);
	return make_para(L, &r, width, size, bold, right);
}

const char *para_lang_tag(const lay *L, const para *p)
{
	return L->opt->nlangs > 1 ? tpl_lang_tag(p->lang) : NULL;
}

double para_h(const para *p) { return txt_height(p->t, 0, p->nlines); }

void emit_text(lay *L, para *p, int l0, int l1, double x, double y, const char *leaf, const double *rgb)
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
void place_lines(lay *L, para *p, double x, const char *leaf, const double *rgb)
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
void place_p(lay *L, para *p, double x, const double *rgb)
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

/* ---- Blocks ---------------------------------------------------------- */

void place_para(lay *L, const pps_ml *m, double indent, double size)
{
	para *p = ml_para(L, m, L->width - indent, size, false, false);
	if (!p)
		return;
	place_p(L, p, L->x0 + indent, NULL);
	L->y += L->st->para_space;
}

/* Items [first, first + count) of a list; ordered labels keep their numbers.
 * The L element goes on with list `of` (0: a new list); returns its id. */
int place_list_items(lay *L, const pps_block *b, double indent, int first, int count, int of)
{
	const double step = 18; /* indent per level, points */
	int id = tag_continue(L, "L", of);
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
			place_list_items(L, &it->sub[k], indent + step, 0, it->sub[k].nitems, 0);
		tag_end(L, "LBody");
		tag_end(L, "LI");
	}
	tag_end(L, "L");
	if (indent == 0)
		L->y += L->st->para_space - 3;
	return id;
}

static void place_list(lay *L, const pps_block *b, double indent) { place_list_items(L, b, indent, 0, b->nitems, 0); }

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

void place_chart(lay *L, const pps_block *b)
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
	/* The chart keeps all of a short caption, else its first two lines:
	 * a caption taller than a page goes on over the next pages. */
	double keep = txt_height(cap->t, 0, cap->nlines <= 3 ? cap->nlines : 2);
	if (L->y + h + keep + 6 > L->bottom)
		new_page(L);
	emit(L, (lay_op){.kind = OP_TAG_BEGIN, .tag = "Figure", .lang = lang_tag(L),
			 .alt = chart_alt(ch, L->t, L->lang, L->b->arena)});
	emit(L, (lay_op){.kind = OP_CHART, .x = L->x0, .y = L->y, .w = L->width, .h = h, .chart = ch});
	emit(L, (lay_op){.kind = OP_TAG_END, .tag = "Figure"}); /* a leaf: never open across a break */
	L->y += h + 2;
	tag_begin(L, "Caption");
	place_lines(L, cap, L->x0, "Span", L->st->primary);
	tag_end(L, "Caption");
	L->y += L->st->para_space;
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

double scale_notes_h(lay *L, const pps_block *b)
{
	para *n[2];
	scale_note_paras(L, b, n);
	return note_keep_h(n[0] ? n[0] : n[1]);
}

void place_scale_notes(lay *L, const pps_block *b)
{
	para *n[2];
	scale_note_paras(L, b, n);
	for (int k = 0; k < 2; k++)
		if (n[k]) {
			place_p(L, n[k], L->x0, NULL);
			L->y += L->st->para_space;
		}
}

void place_scale_table(lay *L, const pps_block *b, double keep_after)
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

double gpg_note_h(lay *L) { return note_keep_h(gpg_note_para(L)); }

void place_gpg_note(lay *L)
{
	place_p(L, gpg_note_para(L), L->x0, NULL);
	L->y += L->st->para_space;
}

void place_gpg_tables(lay *L, double keep_after)
{
	gtable *a, *c;
	gpg_tables(L, &a, &c);
	gt_place(L, a);
	c->keep_after = keep_after;
	gt_place(L, c);
}

void place_block(lay *L, const pps_block *b)
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

void add_outline(lay *L, int level, const char *title, const char *dest)
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
	L.open_id = g_array_new(FALSE, FALSE, sizeof(int));
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
	g_array_free(L.open_id, TRUE);
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
