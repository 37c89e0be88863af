/* pdf.c — draws a laid-out book (layout.h) with cairo: text, rules, images,
 * charts, structure tags in reading order, destinations, outline, page labels
 * and metadata; then hands the bytes to pdf_post for what cairo 1.16 cannot
 * write (/Lang, /Alt, Scope, XMP, artifacts, /ID).  It decides nothing about
 * where things go. */
#include "pdf.h"

#include <cairo-pdf.h>
#include <math.h>
#include <stdio.h>
#include <pango/pangocairo.h>
#include <string.h>
#include <time.h>

#include "chart.h"
#include "pdf_post.h"

typedef struct {
	cairo_t *cr;
	cairo_surface_t *surface;
	GArray *elems;   /* pdf_post_elem, one per structure tag begun, in order */
	GPtrArray *langs; /* the language in effect inside each open tag */
	GPtrArray *elem_lang; /* the language in effect inside each element, parallel to elems */
	GArray *elem_of;  /* lay_op.id -> 1 + its index in elems (int; 0: not drawn yet) */
	GStringChunk *strings;
	const lay_book *b;
	lay_fonts *fonts;
	GString *err;
} pdraw;

static cairo_status_t write_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Escapes a value for a cairo tag attribute string: '...' with \' and \\. */
static char *attr_quote(const char *s)
{
	GString *o = g_string_new("'");
	for (const char *p = s; *p; p++) {
		if (*p == '\'' || *p == '\\')
			g_string_append_c(o, '\\');
		g_string_append_c(o, *p);
	}
	g_string_append_c(o, '\'');
	return g_string_free(o, FALSE);
}

/* cairo 1.16 writes URIs raw inside ( ): percent-encode what would break the
 * string (trap 7). */
static char *uri_safe(const char *u)
{
	GString *o = g_string_new(NULL);
	for (const unsigned char *p = (const unsigned char *)u; *p; p++) {
		if (*p < 0x21 || *p > 0x7e || *p == '(' || *p == ')' || *p == '\\' || *p == '\'')
			g_string_append_printf(o, "%%%02X", *p);
		else
			g_string_append_c(o, (char)*p);
	}
	return g_string_free(o, FALSE);
}

static const char *keep(pdraw *P, const char *s) { return s ? g_string_chunk_insert_const(P->strings, s) : NULL; }

/* A structure element.  /Lang is inherited down the tree, so an element
 * gets one only where its language differs from the one in effect (the
 * catalog's at the top): in the parallel layout that is each Welsh or
 * English block, not every span inside it. */
static void begin_spans(pdraw *P, const char *tag, const char *attrs, const char *lang, const char *alt,
			const char *scope, const char *contents, int colspan, int rowspan)
{
	cairo_tag_begin(P->cr, tag, attrs ? attrs : "");
	const char *outer = P->langs->len ? P->langs->pdata[P->langs->len - 1] : P->b->lang;
	bool differs = lang && strcmp(lang, outer) != 0;
	pdf_post_elem e = {.lang = differs ? keep(P, lang) : NULL, .alt = keep(P, alt), .scope = keep(P, scope),
			   .contents = keep(P, contents), .depth = (int)P->langs->len, .colspan = colspan,
			   .rowspan = rowspan};
	g_array_append_val(P->elems, e);
	g_ptr_array_add(P->langs, (gpointer)(differs ? e.lang : outer));
	g_ptr_array_add(P->elem_lang, P->langs->pdata[P->langs->len - 1]);
}

/* The element just begun is the layout's element `id` and continues element
 * `cont` (lay_op.id and .cont): pdf_post makes the two one, so they must
 * speak the same language. */
static void number_elem(pdraw *P, int id, int cont)
{
	int index = (int)P->elems->len - 1;
	if (id > 0) {
		if ((guint)id >= P->elem_of->len)
			g_array_set_size(P->elem_of, (guint)id + 1);
		g_array_index(P->elem_of, int, id) = index + 1;
	}
	if (cont <= 0)
		return;
	int target = (guint)cont < P->elem_of->len ? g_array_index(P->elem_of, int, cont) : 0;
	if (!target || strcmp(P->elem_lang->pdata[target - 1], P->elem_lang->pdata[index]) != 0) {
		if (!P->err->len)
			g_string_printf(P->err, "layout: element %d continues element %d, which is %s", id, cont,
					target ? "in another language" : "not drawn before it");
		return;
	}
	g_array_index(P->elems, pdf_post_elem, index).continues = target;
}

static void begin(pdraw *P, const char *tag, const char *attrs, const char *lang, const char *alt, const char *scope,
		  const char *contents)
{
	begin_spans(P, tag, attrs, lang, alt, scope, contents, 0, 0);
}

static void end(pdraw *P, const char *tag)
{
	cairo_tag_end(P->cr, tag);
	g_ptr_array_set_size(P->langs, (gint)P->langs->len - 1);
}

static char *link_attrs(const char *dest, const char *uri)
{
	if (dest) {
		char *q = attr_quote(dest);
		char *a = g_strdup_printf("dest=%s", q);
		g_free(q);
		return a;
	}
	char *safe = uri_safe(uri);
	char *q = attr_quote(safe);
	char *a = g_strdup_printf("uri=%s", q);
	g_free(q);
	g_free(safe);
	return a;
}

static int link_at(const lay_op *op, int byte)
{
	for (int i = 0; i < op->nlinks; i++)
		if (byte >= op->links[i].start && byte < op->links[i].end)
			return i;
	return -1;
}

/* Bytes [s, e) of t as read: soft hyphens and private-use marks left out,
 * a forced line break a space (g_free). */
static char *read_as(const txt_para *t, int s, int e)
{
	GString *o = g_string_new(NULL);
	for (const char *c = t->text + s; c < t->text + e; c = g_utf8_next_char(c)) {
		gunichar u = g_utf8_get_char(c);
		if (u == 0xAD || (u >= 0xE000 && u <= 0xF8FF))
			continue;
		g_string_append_unichar(o, u == '\n' ? ' ' : u);
	}
	return g_string_free(o, FALSE);
}

static int run_end(const PangoGlyphItem *gi) { return gi->item->offset + gi->item->length; }

/* What lines [l0, l1) of t read as, when a word too wide for the measure
 * is broken between characters at the end of one of them but the last
 * ("Increment-" "al"): their text, the word whole; else NULL.  Set as the
 * /ActualText of the element holding the lines, so the word is read as
 * one word (g_free). */
static char *cut_word_text(const txt_para *t, int l0, int l1)
{
	bool cut = false;
	for (int i = l0; i < l1 - 1; i++)
		cut |= t->lines[i].word_cut;
	const txt_line *first = &t->lines[l0], *last = &t->lines[l1 - 1];
	if (!cut || !first->nruns || !last->nruns)
		return NULL;
	return read_as(t, first->runs[0]->item->offset, run_end(last->runs[last->nruns - 1]));
}

/* The Span that holds the text between links, open from line to line:
 * its element, the bytes it holds, and whether a word broken at a line end
 * is in it (it then gets the /ActualText of its bytes). */
typedef struct {
	bool open;
	int elem, start, end;
	bool cut;
} text_span;

static void end_text_span(pdraw *P, const lay_op *op, text_span *ts)
{
	end(P, "Span");
	if (ts->cut) {
		char *actual = read_as(op->txt, ts->start, ts->end);
		g_array_index(P->elems, pdf_post_elem, ts->elem).actual = keep(P, actual);
		g_free(actual);
	}
	*ts = (text_span){0};
}

/* One line with links: runs grouped into Span and Link leaves, so the link
 * text itself is inside the Link element (cairo trap 1).  A Span still open
 * from the line before (ts) goes on into this one: the text between two
 * links is one element, however many lines it takes.  Untagged (tagged
 * false): the same colours and underlines, no elements. */
static void draw_line_runs(pdraw *P, const lay_op *op, const txt_line *line, double x, double y, const double *link_rgb,
			   bool tagged, text_span *ts)
{
	int r = 0;
	while (r < line->nruns) {
		PangoGlyphItem *gi = line->runs[r];
		int li = link_at(op, gi->item->offset);
		if (tagged && li >= 0) {
			if (ts->open)
				end_text_span(P, op, ts);
			char *a = link_attrs(op->links[li].dest, op->links[li].uri);
			begin(P, "Link", a, op->lang, NULL, NULL, op->links[li].text);
			g_free(a);
		} else if (tagged && !ts->open) {
			begin(P, "Span", NULL, op->lang, NULL, NULL, NULL);
			*ts = (text_span){true, (int)P->elems->len - 1, gi->item->offset, gi->item->offset, false};
		}
		double x0 = x;
		if (li >= 0)
			cairo_set_source_rgb(P->cr, link_rgb[0], link_rgb[1], link_rgb[2]);
		else
			cairo_set_source_rgb(P->cr, op->rgb[0], op->rgb[1], op->rgb[2]);
		for (; r < line->nruns && link_at(op, line->runs[r]->item->offset) == li; r++) {
			x += txt_draw_run(P->cr, op->txt, line->runs[r], x, y);
			if (li < 0)
				ts->end = run_end(line->runs[r]);
		}
		if (li >= 0) {
			cairo_set_line_width(P->cr, 0.6);
			cairo_move_to(P->cr, x0, y + 1.6);
			cairo_line_to(P->cr, x, y + 1.6);
			cairo_stroke(P->cr);
			if (tagged)
				end(P, "Link");
		}
	}
}

static int span_at(const lay_op *op, int byte)
{
	for (int i = 0; i < op->nspans; i++)
		if (byte >= op->spans[i].start && byte < op->spans[i].end)
			return i;
	return -1;
}

/* One line of a "Cymraeg / English" text: each stretch a Span, those in
 * the other language with its /Lang (*open: the stretch still open from
 * the line before, -1 the element's own language, -2 none).  The element's
 * own words are a Span too: cairo marks the content of leaf elements only,
 * so words drawn straight into a TH that has a Span would be in no element. */
static void draw_line_spans(pdraw *P, const lay_op *op, const txt_line *line, double x, double y, int *open)
{
	for (int r = 0; r < line->nruns; r++) {
		PangoGlyphItem *gi = line->runs[r];
		int si = span_at(op, gi->item->offset);
		if (si != *open) {
			if (*open > -2)
				end(P, "Span");
			begin(P, "Span", NULL, si >= 0 ? op->spans[si].lang : NULL, NULL, NULL, NULL);
			*open = si;
		}
		x += txt_draw_run(P->cr, op->txt, gi, x, y);
	}
}

static void draw_text(pdraw *P, const lay_op *op)
{
	bool tagged = op->leaf && *op->leaf;
	bool linky = tagged && op->nlinks > 0;
	bool leaf_is_span = tagged && strcmp(op->leaf, "Span") == 0;
	if (tagged && !(linky && leaf_is_span)) {
		begin_spans(P, op->leaf, NULL, op->lang, op->alt, op->scope, NULL, op->colspan, op->rowspan);
		/* The leaf holds all its lines' marked content (no Link or Span inside). */
		char *actual = !op->nlinks && !op->nspans
				       ? cut_word_text(op->txt, op->line0, MIN(op->line1, op->txt->nlines))
				       : NULL;
		if (actual)
			g_array_index(P->elems, pdf_post_elem, P->elems->len - 1).actual = keep(P, actual);
		g_free(actual);
	}
	cairo_set_source_rgb(P->cr, op->rgb[0], op->rgb[1], op->rgb[2]);
	static const double link_rgb[3] = {0.114, 0.310, 0.486};
	text_span ts = {0};
	int lang_open = -2;
	for (int i = op->line0; i < op->line1 && i < op->txt->nlines; i++) {
		double x, y;
		txt_line_origin(op->txt, op->line0, i, op->x, op->y, &x, &y);
		if (op->nlinks > 0) {
			const txt_line *line = &op->txt->lines[i];
			draw_line_runs(P, op, line, x, y, link_rgb, linky, &ts);
			/* A word broken at this line's end goes on in the same Span
			 * when the next line starts outside a link. */
			if (ts.open && line->word_cut && i + 1 < op->line1 && i + 1 < op->txt->nlines &&
			    op->txt->lines[i + 1].nruns &&
			    link_at(op, op->txt->lines[i + 1].runs[0]->item->offset) < 0)
				ts.cut = true;
		} else if (op->leaf && op->nspans > 0) /* a leaf, or "" inside an open Link */
			draw_line_spans(P, op, &op->txt->lines[i], x, y, &lang_open);
		else if (!op->leaf)
			txt_draw_line_glyphs(P->cr, op->txt, i, x, y);
		else
			txt_draw_line(P->cr, op->txt, i, x, y);
	}
	if (ts.open)
		end_text_span(P, op, &ts);
	else if (lang_open > -2)
		end(P, "Span");
	if (tagged && !(linky && leaf_is_span))
		end(P, op->leaf);
}

static void draw_image(pdraw *P, const lay_op *op)
{
	cairo_surface_t *img = cairo_image_surface_create_from_png(op->name);
	if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS) {
		cairo_surface_destroy(img);
		return; /* checked before layout: see render.c */
	}
	double iw = cairo_image_surface_get_width(img), ih = cairo_image_surface_get_height(img);
	double s = fmin(op->w / iw, op->h / ih);
	cairo_save(P->cr);
	cairo_translate(P->cr, op->x, op->y);
	cairo_scale(P->cr, s, s);
	cairo_set_source_surface(P->cr, img, 0, 0);
	/* A bounded fill, not cairo_paint: an unbounded paint inside a tag puts
	 * cairo 1.16 into TAG_ERROR. */
	cairo_rectangle(P->cr, 0, 0, iw, ih);
	cairo_fill(P->cr);
	cairo_restore(P->cr);
	cairo_surface_destroy(img);
}

static void draw_watermark(pdraw *P, const pps_style *st)
{
	const txt_para *wl = P->b->watermark;
	cairo_save(P->cr);
	cairo_translate(P->cr, st->page_w / 2, st->page_h / 2);
	cairo_rotate(P->cr, -atan2(st->page_h, st->page_w));
	cairo_set_source_rgb(P->cr, 0.85, 0.85, 0.85);
	txt_draw_line(P->cr, wl, 0, -wl->lines[0].width / 2, txt_height(wl, 0, wl->nlines) / 4);
	cairo_restore(P->cr);
}

static bool same_style(const lay_op *a, const lay_op *b)
{
	return a->kind == b->kind && memcmp(a->rgb, b->rgb, sizeof a->rgb) == 0 &&
	       (a->kind == OP_RECT || (a->lw == b->lw && a->dots == b->dots));
}

/* A page's fills (table heads and bands) and then its rules, before the
 * rest: one path per colour (and width), where cairo would otherwise record,
 * replay and write each rule with its own state changes (1% of the sample's
 * instructions).  Fills are backgrounds and rules never cross text, so only
 * the order among them changes: a rule is no longer half covered by the
 * band of the row below it.  Work: (styles on the page) x (ops on it). */
static void draw_rules(pdraw *P, const lay_page *p)
{
	cairo_t *cr = P->cr;
	guint n = p->ops->len;
	bool *done = g_new0(bool, n);
	for (int pass = 0; pass < 2; pass++) {
		lay_op_kind kind = pass == 0 ? OP_RECT : OP_LINE;
		for (guint k = 0; k < n; k++) {
			const lay_op *a = &g_array_index(p->ops, lay_op, k);
			if (a->kind != kind || done[k])
				continue;
			for (guint j = k; j < n; j++) {
				const lay_op *o = &g_array_index(p->ops, lay_op, j);
				if (done[j] || !same_style(a, o))
					continue;
				done[j] = true;
				if (kind == OP_RECT) {
					cairo_rectangle(cr, o->x, o->y, o->w, o->h);
				} else {
					cairo_move_to(cr, o->x, o->y);
					cairo_line_to(cr, o->x + o->w, o->y + o->h);
				}
			}
			cairo_set_source_rgb(cr, a->rgb[0], a->rgb[1], a->rgb[2]);
			if (kind == OP_RECT) {
				cairo_fill(cr);
			} else {
				cairo_set_line_width(cr, a->lw);
				if (a->dots > 0) { /* zero-length dashes with round caps: dots */
					const double dash[2] = {0, a->dots};
					cairo_set_dash(cr, dash, 2, 0);
					cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
				}
				cairo_stroke(cr);
				if (a->dots > 0) {
					cairo_set_dash(cr, NULL, 0, 0);
					cairo_set_line_cap(cr, CAIRO_LINE_CAP_BUTT);
				}
			}
		}
	}
	g_free(done);
}

static void draw_op(pdraw *P, const lay_op *op)
{
	cairo_t *cr = P->cr;
	switch (op->kind) {
	case OP_TEXT: draw_text(P, op); break;
	case OP_RECT:
	case OP_LINE: break; /* drawn first, by draw_rules */
	case OP_TAG_BEGIN: {
		char *a = NULL;
		if (strcmp(op->tag, "Link") == 0 && op->name)
			a = link_attrs(op->name, NULL);
		begin_spans(P, op->tag, a, op->lang, strcmp(op->tag, "Link") == 0 ? NULL : op->alt, op->scope,
			    strcmp(op->tag, "Link") == 0 ? op->alt : NULL, op->colspan, op->rowspan);
		number_elem(P, op->id, op->cont);
		g_free(a);
		break;
	}
	case OP_TAG_END: end(P, op->tag); break;
	case OP_DEST: {
		char *q = attr_quote(op->name);
		char *a = g_strdup_printf("name=%s x=%.2f y=%.2f", q, op->x, op->y);
		cairo_tag_begin(cr, CAIRO_TAG_DEST, a);
		cairo_tag_end(cr, CAIRO_TAG_DEST);
		g_free(a);
		g_free(q);
		break;
	}
	case OP_IMAGE: draw_image(P, op); break;
	case OP_CHART: chart_draw(op->chart, cr, lay_fonts_context(P->fonts), op->x, op->y); break;
	}
	if (cairo_status(cr) != CAIRO_STATUS_SUCCESS && !P->err->len)
		g_string_printf(P->err, "cairo: %s (at a %s operation)", cairo_status_to_string(cairo_status(cr)),
				op->kind == OP_TAG_BEGIN || op->kind == OP_TAG_END ? op->tag : "drawing");
}

/* Page label ranges from the pages' labels: roman front matter, decimal body. */
static GArray *label_ranges(const lay_book *b)
{
	GArray *r = g_array_new(FALSE, TRUE, sizeof(pdf_post_label));
	int prev_no = -10;
	bool prev_front = false;
	int front_no = 0;
	for (guint i = 0; i < b->pages->len; i++) {
		const lay_page *p = b->pages->pdata[i];
		if (p->front && !b->pack_numbers) {
			front_no++;
			if (!prev_front || i == 0) {
				pdf_post_label l = {(int)i, 'r', NULL, front_no};
				g_array_append_val(r, l);
			}
		} else {
			if (prev_front || p->number != prev_no + 1 || i == 0) {
				pdf_post_label l = {(int)i, 'D', NULL, p->number};
				g_array_append_val(r, l);
			}
			prev_no = p->number;
			front_no = 0;
		}
		prev_front = p->front && !b->pack_numbers;
	}
	return r;
}

static void iso_date(int64_t t, char *buf, size_t n)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, n, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void pdf_init(void) { g_setenv("CAIRO_DEBUG_PDF", "1", TRUE); }

bool pdf_write(lay_book *b, lay_fonts *fonts, int64_t date, GByteArray *out, GString *err)
{
	const pps_style *st = &b->tpl->style;
	GByteArray *raw = g_byte_array_new();
	pdraw P = {.b = b, .fonts = fonts, .err = err};
	P.surface = cairo_pdf_surface_create_for_stream(write_bytes, raw, st->page_w, st->page_h);
	cairo_pdf_surface_restrict_to_version(P.surface, CAIRO_PDF_VERSION_1_5);
	P.cr = cairo_create(P.surface);
	P.elems = g_array_new(FALSE, TRUE, sizeof(pdf_post_elem));
	P.langs = g_ptr_array_new();
	P.elem_lang = g_ptr_array_new();
	P.elem_of = g_array_new(FALSE, TRUE, sizeof(int));
	P.strings = g_string_chunk_new(4096);

	char when[32];
	iso_date(date, when, sizeof when);
	cairo_pdf_surface_set_metadata(P.surface, CAIRO_PDF_METADATA_TITLE, b->title);
	cairo_pdf_surface_set_metadata(P.surface, CAIRO_PDF_METADATA_AUTHOR, b->author);
	cairo_pdf_surface_set_metadata(P.surface, CAIRO_PDF_METADATA_SUBJECT, b->subject);
	cairo_pdf_surface_set_metadata(P.surface, CAIRO_PDF_METADATA_KEYWORDS, b->keywords);
	cairo_pdf_surface_set_metadata(P.surface, CAIRO_PDF_METADATA_CREATOR, "ppsgen " PPS_VERSION);
	cairo_pdf_surface_set_metadata(P.surface, CAIRO_PDF_METADATA_CREATE_DATE, when);
	cairo_pdf_surface_set_metadata(P.surface, CAIRO_PDF_METADATA_MOD_DATE, when);

	/* Everything is inside Document: cairo marks the file tagged only then,
	 * and a link-only file would be damaged (trap 8). */
	begin(&P, "Document", NULL, NULL, NULL, NULL, NULL);
	for (guint i = 0; i < b->pages->len; i++) {
		const lay_page *p = b->pages->pdata[i];
		cairo_pdf_surface_set_page_label(P.surface, p->label ? p->label : "");
		if (b->watermark)
			draw_watermark(&P, st);
		/* Rules and the running header and footer first: a paragraph or
		 * table that goes on from the page before is still open, and cairo
		 * would mark whatever is drawn after its text as part of it (an
		 * MCID no element claims).  Before the page's first tagged text,
		 * nothing is marked: the post-processor makes it an artifact. */
		draw_rules(&P, p);
		guint nf = p->furniture > 0 && p->furniture <= p->ops->len ? p->furniture : p->ops->len;
		for (guint k = nf; k < p->ops->len; k++)
			draw_op(&P, &g_array_index(p->ops, lay_op, k));
		for (guint k = 0; k < nf; k++)
			draw_op(&P, &g_array_index(p->ops, lay_op, k));
		cairo_show_page(P.cr);
		lay_book_release_page(b, i);
	}
	end(&P, "Document");

	/* Bookmarks: written at the end by cairo, so they may point anywhere. */
	int parent = CAIRO_PDF_OUTLINE_ROOT;
	for (guint i = 0; i < b->outline->len; i++) {
		const lay_outline *o = &g_array_index(b->outline, lay_outline, i);
		if (!o->dest)
			continue;
		char *a = link_attrs(o->dest, NULL);
		int id = cairo_pdf_surface_add_outline(P.surface, o->level <= 1 ? CAIRO_PDF_OUTLINE_ROOT : parent, o->title,
						       a, 0);
		if (o->level <= 1)
			parent = id;
		g_free(a);
	}
	cairo_status_t cs = cairo_status(P.cr);
	cairo_destroy(P.cr);
	cairo_surface_finish(P.surface);
	if (cs == CAIRO_STATUS_SUCCESS)
		cs = cairo_surface_status(P.surface);
	cairo_surface_destroy(P.surface);
	bool ok = cs == CAIRO_STATUS_SUCCESS && !err->len;
	if (!ok && !err->len)
		g_string_printf(err, "cairo: %s", cairo_status_to_string(cs));

	if (ok) {
		GArray *labels = label_ranges(b);
		pdf_post_info info = {
			.lang = b->lang,
			.title = b->title,
			.author = b->author,
			.subject = b->subject,
			.keywords = b->keywords,
			.date = date,
			.elems = (const pdf_post_elem *)P.elems->data,
			.nelems = (int)P.elems->len,
			.labels = (const pdf_post_label *)labels->data,
			.nlabels = (int)labels->len,
			.artifacts = true,
		};
		gint64 t0 = g_get_monotonic_time();
		ok = pdf_post_finish(raw->data, raw->len, &info, out, err);
		if (g_getenv("PPSGEN_TIMING"))
			fprintf(stderr, "  cairo PDF %u bytes, post-processing %.1f ms\n", raw->len,
				(g_get_monotonic_time() - t0) / 1000.0);
		g_array_free(labels, TRUE);
	}
	g_byte_array_free(raw, TRUE);
	g_array_free(P.elems, TRUE);
	g_ptr_array_free(P.langs, TRUE);
	g_ptr_array_free(P.elem_lang, TRUE);
	g_array_free(P.elem_of, TRUE);
	g_string_chunk_free(P.strings);
	return ok;
}
