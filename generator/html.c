/* html.c — writes the statement as one self-contained, accessible HTML page
 * (html.h): real headings, lists and tables with th/scope, the same computed
 * figures and labels as the PDF (layout.c), inline screen and print CSS, and
 * for the bilingual file each block in both languages with its own lang and a
 * language switch.  Knows nothing about Pango; the open data CSVs are in
 * opendata.c, the tables and charts in html_table.c.
 *
 * One language's file: every element is in that language unless a text is
 * missing there and falls back to another, which then carries its own lang.
 * The bilingual file: <html lang> is the first language; prose blocks are
 * pairs (<div class="pair"><div lang="cy">…</div><div lang="en-GB">…</div>),
 * headings and the wide generated tables (pay scales, gender pay gap) are one
 * element whose words are <span lang> per language.  The switch adds
 * body.show-cy / body.show-en, which hide the other language with CSS; it is
 * `hidden` until the script runs, so without JavaScript both languages show.
 *
 * Output is deterministic: nothing comes from the clock or the environment. */
#include "html_int.h"

#include <math.h>
#include <string.h>

#include "phrases.h"

/* ---- Escaping -------------------------------------------------------- */

/* Text or attribute value: the five characters HTML gives meaning to. */
void html_esc(GString *o, const char *s)
{
	for (const char *p = s ? s : ""; *p; p++) {
		switch (*p) {
		case '&': g_string_append(o, "&amp;"); break;
		case '<': g_string_append(o, "&lt;"); break;
		case '>': g_string_append(o, "&gt;"); break;
		case '"': g_string_append(o, "&quot;"); break;
		case '\'': g_string_append(o, "&#39;"); break;
		default: g_string_append_c(o, *p);
		}
	}
}


/* ` name="value"`, escaped; nothing when value is NULL. */
void html_attr(H *h, const char *name, const char *value)
{
	if (!value)
		return;
	g_string_append_printf(h->o, " %s=\"", name);
	html_esc(h->o, value);
	g_string_append_c(h->o, '"');
}

/* ` lang="…"` when l differs from the language in force. */
static void lang_attr(H *h, pps_lang l)
{
	if (l != h->ctx)
		html_attr(h, "lang", tpl_lang_tag(l));
}

/* Links the page may carry: web, mail and phone addresses and relative ones.
 * Anything else (javascript:, data:, file:) prints as plain text. */
static bool safe_href(const char *u)
{
	if (!u || !*u)
		return false;
	static const char *const ok[] = {"http://", "https://", "mailto:", "tel:"};
	for (size_t i = 0; i < G_N_ELEMENTS(ok); i++)
		if (g_ascii_strncasecmp(u, ok[i], strlen(ok[i])) == 0)
			return true;
	/* Relative: no scheme before the first '/', '?' or '#'. */
	size_t n = strcspn(u, ":/?#");
	return u[n] != ':';
}

/* ---- Text ------------------------------------------------------------ */

/* The text of m in l, else in another language; *used says which. */
static const pps_text *ml_in(const H *h, const pps_ml *m, pps_lang l, pps_lang *used)
{
	if (ml_has(m, l)) {
		*used = l;
		return &m->tx[l];
	}
	for (int i = 0; i < h->d->nlangs; i++)
		if (ml_has(m, h->d->langs[i])) {
			*used = h->d->langs[i];
			return &m->tx[h->d->langs[i]];
		}
	for (int i = 0; i < LANG_N; i++)
		if (ml_has(m, (pps_lang)i)) {
			*used = (pps_lang)i;
			return &m->tx[i];
		}
	*used = l;
	return NULL;
}


/* "Appendix A" / "section 3" in l (arena). */
static const char *ref_label(H *h, const pps_section *s, pps_lang l)
{
	char *txt = s->letter ? tpl_format(h->t, l, "appendix", "letter", s->letter, NULL)
			      : tpl_format(h->t, l, "section-ref", "number", s->number ? s->number : "?", NULL);
	const char *r = arena_strdup(h->a, txt);
	g_free(txt);
	return r;
}

/* Plain text with figures and references resolved (arena). */
const char *html_plain(H *h, const pps_text *t, pps_lang l)
{
	if (!t)
		return "";
	GString *s = g_string_new(NULL);
	for (int i = 0; i < t->n; i++) {
		const pps_run *r = &t->runs[i];
		switch (r->kind) {
		case RUN_TEXT: g_string_append(s, r->text); break;
		case RUN_BREAK: g_string_append_c(s, ' '); break;
		case RUN_FIG: {
			const pps_figure *fg = fig_get(h->f, r->ref);
			g_string_append(s, fg ? fg->display : r->ref);
			break;
		}
		case RUN_REF: {
			const pps_section *sec = model_section(h->d, r->ref);
			g_string_append(s, sec ? ref_label(h, sec, l) : r->ref);
			break;
		}
		}
	}
	const char *out = arena_strdup(h->a, s->str);
	g_string_free(s, TRUE);
	return out;
}

const char *html_ml_plain(H *h, const pps_ml *m, pps_lang l)
{
	pps_lang used;
	const pps_text *t = ml_in(h, m, l, &used);
	return html_plain(h, t, used);
}

/* Inline runs: <strong>, <em>, <sup>, <br>, and links (a run's href, or a
 * reference to a section or appendix), adjacent runs to the same place
 * merged into one link.  Written in language l. */
static void put_runs(H *h, const pps_text *t, pps_lang l)
{
	if (!t)
		return;
	const char *open = NULL; /* href of the open <a> */
	for (int i = 0; i < t->n; i++) {
		const pps_run *r = &t->runs[i];
		const char *href = NULL;
		const pps_section *sec = NULL;
		if (r->kind == RUN_REF && (sec = model_section(h->d, r->ref)) != NULL)
			href = arena_printf(h->a, "#%s", sec->id);
		else if (r->kind != RUN_BREAK && safe_href(r->href))
			href = r->href;
		if (open && (!href || strcmp(open, href) != 0)) {
			put(h, "</a>");
			open = NULL;
		}
		if (href && !open) {
			put(h, "<a");
			html_attr(h, "href", href);
			put(h, ">");
			open = href;
		}
		if (r->style & RUN_BOLD)
			put(h, "<strong>");
		if (r->style & RUN_ITALIC)
			put(h, "<em>");
		if (r->style & RUN_SUP)
			put(h, "<sup>");
		switch (r->kind) {
		case RUN_TEXT: put_esc(h, r->text); break;
		case RUN_BREAK: put(h, "<br>"); break;
		case RUN_FIG: {
			const pps_figure *fg = fig_get(h->f, r->ref);
			put_esc(h, fg ? fg->display : r->ref);
			break;
		}
		case RUN_REF: put_esc(h, sec ? ref_label(h, sec, l) : r->ref); break;
		}
		if (r->style & RUN_SUP)
			put(h, "</sup>");
		if (r->style & RUN_ITALIC)
			put(h, "</em>");
		if (r->style & RUN_BOLD)
			put(h, "</strong>");
	}
	if (open)
		put(h, "</a>");
}

/* m's inline text in the current language; a fallback language gets a span
 * with its own lang. */
void html_put_ml(H *h, const pps_ml *m)
{
	pps_lang used;
	const pps_text *t = ml_in(h, m, h->lang, &used);
	if (!t)
		return;
	if (used != h->ctx) {
		put(h, "<span");
		lang_attr(h, used);
		put(h, ">");
		put_runs(h, t, used);
		put(h, "</span>");
	} else {
		put_runs(h, t, used);
	}
}

/* <tag class id lang>m</tag>: the element itself takes a fallback's lang. */
static void put_ml_el(H *h, const char *tag, const char *cls, const char *id, const pps_ml *m)
{
	pps_lang used;
	const pps_text *t = ml_in(h, m, h->lang, &used);
	if (!t)
		return;
	g_string_append_printf(h->o, "<%s", tag);
	html_attr(h, "class", cls);
	html_attr(h, "id", id);
	lang_attr(h, used);
	put(h, ">");
	pps_lang save = h->ctx;
	h->ctx = used;
	put_runs(h, t, used);
	h->ctx = save;
	g_string_append_printf(h->o, "</%s>\n", tag);
}

/* A string in language l, as one span per language in the bilingual file's
 * shared elements. */
static void put_str_l(H *h, const char *s, pps_lang l)
{
	if (l != h->ctx) {
		put(h, "<span");
		lang_attr(h, l);
		put(h, ">");
		put_esc(h, s);
		put(h, "</span>");
	} else {
		put_esc(h, s);
	}
}

/* Shared elements (bilingual headings, wide tables): one span per language,
 * with a " / " between that hides with the switch; `sep` false for block
 * layouts (headings) where each language has its own line or column. */
typedef const char *(*str_fn)(H *h, const void *arg, pps_lang l);

static void put_shared(H *h, str_fn fn, const void *arg, bool sep)
{
	if (!h->bi) {
		put_esc(h, fn(h, arg, h->lang));
		return;
	}
	const char *str[LANG_N];
	int n = 0;
	for (int i = 0; i < h->nl; i++) {
		str[i] = fn(h, arg, h->langs[i]);
		n += str[i] && *str[i];
	}
	/* The same words in both ("APT&C", "SCP"): once, in no language. */
	if (n == h->nl && n == 2 && strcmp(str[0], str[1]) == 0) {
		put_esc(h, str[0]);
		return;
	}
	bool first = true;
	for (int i = 0; i < h->nl; i++) {
		const char *s = str[i];
		if (!s || !*s)
			continue;
		if (!first)
			put(h, sep ? "<span class=\"sep\" aria-hidden=\"true\"> / </span>" : " ");
		put(h, "<span");
		html_attr(h, "lang", tpl_lang_tag(h->langs[i]));
		/* Words in one language only stay when the switch hides it: a gap
		 * in the translation must not empty a heading. */
		if (n == 1)
			put(h, " data-keep");
		put(h, ">");
		put_esc(h, s);
		put(h, "</span>");
		first = false;
	}
}

static const char *label_fn(H *h, const void *id, pps_lang l) { return tpl_label(h->t, l, id); }
void html_put_label(H *h, const char *id) { put_shared(h, label_fn, id, true); }

/* A model text as a shared element: each language's own text only (no
 * fallback, which would print the same words twice). */
static const char *mltext_fn(H *h, const void *m, pps_lang l)
{
	const pps_ml *ml = m;
	if (h->bi)
		return ml_has(ml, l) ? html_plain(h, &ml->tx[l], l) : NULL;
	return html_ml_plain(h, ml, l);
}

void html_put_ml_shared(H *h, const pps_ml *m)
{
	if (!h->bi) {
		html_put_ml(h, m);
		return;
	}
	put_shared(h, mltext_fn, m, true);
}

typedef struct {
	fmt_fn fn;
	const void *arg;
} fmt_arg;

static const char *fmt_call(H *h, const void *a, pps_lang l)
{
	const fmt_arg *fa = a;
	char *s = fa->fn(h, fa->arg, l);
	const char *r = arena_strdup(h->a, s ? s : "");
	g_free(s);
	return r;
}

void html_put_fmt_shared(H *h, fmt_fn fn, const void *arg, bool sep)
{
	fmt_arg fa = {fn, arg};
	put_shared(h, fmt_call, &fa, sep);
}

/* A note under a shared table: one <p> per language, side by side in the
 * bilingual file (sentences are not run together with " / "). */
void html_note_fmt(H *h, fmt_fn fn, const void *arg)
{
	if (!h->bi) {
		char *s = fn(h, arg, h->lang);
		put(h, "<p class=\"note\">");
		put_esc(h, s);
		put(h, "</p>\n");
		g_free(s);
		return;
	}
	put(h, "<div class=\"pair\">\n");
	for (int i = 0; i < h->nl; i++) {
		char *s = fn(h, arg, h->langs[i]);
		put(h, "<p class=\"note\"");
		html_attr(h, "lang", tpl_lang_tag(h->langs[i]));
		put(h, ">");
		put_esc(h, s);
		put(h, "</p>\n");
		g_free(s);
	}
	put(h, "</div>\n");
}

void html_note_ml(H *h, const pps_ml *m)
{
	int n = 0;
	for (int i = 0; i < h->nl; i++)
		n += ml_has(m, h->langs[i]);
	if (!h->bi) {
		put_ml_el(h, "p", "note", NULL, m);
		return;
	}
	if (n < 2) {
		/* One language only: kept whichever language is chosen. */
		pps_lang used, save = h->ctx;
		ml_in(h, m, h->lang, &used);
		put(h, "<div data-keep");
		html_attr(h, "lang", tpl_lang_tag(used));
		put(h, ">\n");
		h->ctx = used;
		put_ml_el(h, "p", "note", NULL, m);
		h->ctx = save;
		put(h, "</div>\n");
		return;
	}
	put(h, "<div class=\"pair\">\n");
	pps_lang save = h->lang;
	for (int i = 0; i < h->nl; i++) {
		h->lang = h->langs[i];
		put_ml_el(h, "p", "note", NULL, m);
	}
	h->lang = save;
	put(h, "</div>\n");
}

/* ---- Blocks ----------------------------------------------------------- */

static void list_block(H *h, const pps_block *b, const char *id)
{
	const char *tag = b->ordered ? "ol" : "ul";
	g_string_append_printf(h->o, "<%s", tag);
	html_attr(h, "id", id);
	put(h, ">\n");
	for (int i = 0; i < b->nitems; i++) {
		const pps_item *it = &b->items[i];
		put(h, "<li>");
		html_put_ml(h, &it->text);
		if (it->nsub)
			put(h, "\n");
		/* Nested lists keep their anchors only where they cannot repeat. */
		for (int k = 0; k < it->nsub; k++)
			list_block(h, &it->sub[k], h->nl == 1 ? it->sub[k].id : NULL);
		put(h, "</li>\n");
	}
	g_string_append_printf(h->o, "</%s>\n", tag);
}

/* One block in the current language.  `sec_title` names a literal table that
 * has no caption of its own. */
static void block_lang(H *h, const pps_block *b, const char *id, const pps_ml *sec_title)
{
	switch (b->kind) {
	case BLK_PARA: put_ml_el(h, "p", NULL, id, &b->text); break;
	case BLK_NOTE: put_ml_el(h, "p", "note", id, &b->text); break;
	case BLK_LIST: list_block(h, b, id); break;
	case BLK_TABLE: html_literal_table(h, b, id, sec_title); break;
	case BLK_POSTS_TABLE: html_posts_table(h, b, id); break;
	case BLK_MULTIPLES: html_multiples_table(h, b, id); break;
	case BLK_COMPLIANCE: html_compliance_table(h, id); break;
	case BLK_CHART: html_chart_block(h, b, id); break;
	case BLK_SCALE_TABLE: html_scale_table(h, b, id, sec_title); break;
	case BLK_GPG_TABLE: html_gpg_tables(h, id); break;
	case BLK_SENIOR_PAY: html_senior_tables(h, id); break;
	case BLK_PROPOSAL_TABLE: html_proposal_table(h, b, id); break;
	}
}

/* Has the block words of its own in l?  Generated blocks always do. */
static bool items_have(const pps_block *b, pps_lang l)
{
	for (int i = 0; i < b->nitems; i++) {
		if (ml_has(&b->items[i].text, l))
			return true;
		for (int k = 0; k < b->items[i].nsub; k++)
			if (items_have(&b->items[i].sub[k], l))
				return true;
	}
	return false;
}

static bool block_has(const pps_block *b, pps_lang l)
{
	switch (b->kind) {
	case BLK_PARA:
	case BLK_NOTE: return ml_has(&b->text, l);
	case BLK_LIST: return items_have(b, l);
	case BLK_TABLE: {
		const pps_table *t = b->table;
		if (ml_has(&t->caption, l))
			return true;
		for (int r = 0; r < t->nhead + t->nbody; r++) {
			const pps_row *row = r < t->nhead ? &t->head[r] : &t->body[r - t->nhead];
			for (int c = 0; c < row->n; c++)
				if (ml_has(&row->cells[c].text, l))
					return true;
		}
		return false;
	}
	default: return true;
	}
}

static void block(H *h, const pps_block *b, const pps_ml *sec_title)
{
	if (!h->bi) {
		block_lang(h, b, b->id, sec_title);
		return;
	}
	/* Pay scales and the gender pay gap are mostly numbers: one table with
	 * headings in both languages, as the PDF's full-width tables. */
	if (b->kind == BLK_SCALE_TABLE || b->kind == BLK_GPG_TABLE) {
		block_lang(h, b, b->id, sec_title);
		return;
	}
	pps_lang have[LANG_N];
	int n = 0;
	for (int i = 0; i < h->nl; i++)
		if (block_has(b, h->langs[i]))
			have[n++] = h->langs[i];
	if (!n)
		return;
	bool prose = b->kind == BLK_PARA || b->kind == BLK_NOTE || b->kind == BLK_LIST;
	if (n > 1) {
		/* Prose side by side; tables and charts one above the other. */
		put(h, prose ? "<div class=\"pair\"" : "<div class=\"pair stack\"");
		html_attr(h, "id", b->id);
		put(h, ">\n");
	}
	/* Each language's copy is written as in a one-language file. */
	pps_lang save_lang = h->lang, save_ctx = h->ctx;
	h->bi = false;
	for (int i = 0; i < n; i++) {
		h->lang = have[i];
		put(h, "<div");
		html_attr(h, "lang", tpl_lang_tag(have[i]));
		if (n == 1) {
			/* Only in one language: shown whichever language is chosen. */
			html_attr(h, "id", b->id);
			put(h, " data-keep");
		}
		put(h, ">\n");
		h->ctx = have[i];
		block_lang(h, b, NULL, sec_title);
		h->ctx = save_ctx;
		put(h, "</div>\n");
	}
	h->lang = save_lang;
	h->bi = true;
	if (n > 1)
		put(h, "</div>\n");
}

/* ---- Sections ---------------------------------------------------------- */

/* The section's anchor: its id, else one made from its place ("pps-section-3",
 * "pps-section-3-2", "pps-appendix-A"), the same wherever it is asked for. */
static const char *section_id(H *h, const pps_section *s, const char *parent, bool appendix, int index)
{
	if (s->id)
		return s->id;
	if (parent)
		return arena_printf(h->a, "%s-%d", parent, index + 1);
	return appendix ? arena_printf(h->a, "pps-appendix-%s", s->letter ? s->letter : "x")
			: arena_printf(h->a, "pps-section-%d", index + 1);
}

/* A section's heading text in l, without its number (arena): an appendix's
 * "Appendix A – Title" label in l, the title in l or, outside the bilingual
 * file, a fallback language. */
static const char *heading_text(H *h, const pps_section *s, bool appendix, pps_lang l)
{
	const char *ttl = h->bi ? (ml_has(&s->title, l) ? html_plain(h, &s->title.tx[l], l) : NULL) : html_ml_plain(h, &s->title, l);
	if (appendix && s->level == 1) {
		char *t = tpl_format(h->t, l, "appendix-title", "letter", s->letter ? s->letter : "", "title",
				     ttl ? ttl : "", NULL);
		const char *r = arena_strdup(h->a, t);
		g_free(t);
		return r;
	}
	return ttl;
}

typedef struct {
	const pps_section *s;
	bool appendix;
} sec_arg;

static const char *heading_fn(H *h, const void *arg, pps_lang l)
{
	const sec_arg *a = arg;
	const char *t = heading_text(h, a->s, a->appendix, l);
	if (!t)
		return NULL;
	if (a->s->number && !(a->appendix && a->s->level == 1))
		return arena_printf(h->a, "%s\u2002%s", a->s->number, t);
	return t;
}

/* The heading's words: "<span class=secnum>3</span> Title", or per language
 * in the bilingual file.  A fallback title carries its own lang. */
static void put_heading_words(H *h, const pps_section *s, bool appendix)
{
	sec_arg a = {s, appendix};
	if (h->bi) {
		put_shared(h, heading_fn, &a, false);
		return;
	}
	if (appendix && s->level == 1) {
		put_esc(h, heading_text(h, s, true, h->lang));
		return;
	}
	if (s->number) {
		put(h, "<span class=\"secnum\">");
		put_esc(h, s->number);
		put(h, "</span> ");
	}
	pps_lang used;
	ml_in(h, &s->title, h->lang, &used);
	put_str_l(h, heading_text(h, s, false, h->lang), used);
}

static void notice_fn_put(H *h, const pps_section *s, pps_lang l)
{
	char *m = tpl_format(h->t, l, "exempt-appendix", "letter", s->letter ? s->letter : "", "para",
			     s->exempt_para ? s->exempt_para : "1", NULL);
	put_esc(h, m);
	g_free(m);
}

static void section(H *h, const pps_section *s, bool appendix, const char *id)
{
	int level = s->level + 1; /* h1 is the title */
	if (level > 6)
		level = 6;
	put(h, "<section");
	html_attr(h, "id", id);
	if (appendix && s->level == 1)
		html_attr(h, "class", "appendix");
	put(h, ">\n");
	g_string_append_printf(h->o, "<h%d%s>", level, h->bi ? " class=\"bi\"" : "");
	put_heading_words(h, s, appendix);
	g_string_append_printf(h->o, "</h%d>\n", level);

	if (appendix && s->level == 1 && s->exempt && h->public_only) {
		if (h->bi) {
			put(h, "<div class=\"pair\">\n");
			for (int i = 0; i < h->nl; i++) {
				put(h, "<p class=\"exempt\"");
				html_attr(h, "lang", tpl_lang_tag(h->langs[i]));
				put(h, ">");
				notice_fn_put(h, s, h->langs[i]);
				put(h, "</p>\n");
			}
			put(h, "</div>\n");
		} else {
			put(h, "<p class=\"exempt\">");
			notice_fn_put(h, s, h->lang);
			put(h, "</p>\n");
		}
		put(h, "</section>\n");
		return;
	}
	int bi = 0, si = 0;
	for (const char *o = s->order; o && *o; o++) {
		if (*o == 'b' && bi < s->nblocks)
			block(h, &s->blocks[bi++], &s->title);
		else if (*o == 's' && si < s->nsubs) {
			section(h, &s->subs[si], appendix, section_id(h, &s->subs[si], id, appendix, si));
			si++;
		}
	}
	put(h, "</section>\n");
}

/* ---- Front matter ------------------------------------------------------ */

static const char *title_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	if (h->bi)
		return ml_has(&h->d->title, l) ? html_plain(h, &h->d->title.tx[l], l) : tpl_label(h->t, l, "title-default");
	return ml_any(&h->d->title) ? html_ml_plain(h, &h->d->title, l) : tpl_label(h->t, l, "title-default");
}

static const char *council_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	if (h->bi)
		return ml_has(&h->d->council, l) ? html_plain(h, &h->d->council.tx[l], l) : NULL;
	return html_ml_plain(h, &h->d->council, l);
}

static char *fy_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return phrase_financial_year(h->d, h->t, l);
}

static char *status_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return phrase_status(h->d, h->t, l);
}

static char *effective_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return phrase_effective(h->d, h->t, l);
}

static char *version_fn(H *h, const void *arg, pps_lang l)
{
	(void)arg;
	return phrase_version(h->d, h->t, l);
}

/* <p class=cls>, its words per language: side by side in the bilingual file. */
static void meta_line(H *h, const char *cls, fmt_fn fn)
{
	put(h, "<p");
	html_attr(h, "class", h->bi ? arena_printf(h->a, "%s bi", cls) : cls);
	put(h, ">");
	html_put_fmt_shared(h, fn, NULL, false);
	put(h, "</p>\n");
}

/* The file name render.c gives the other language's HTML (same folder). */
static char *other_file(H *h, pps_lang other)
{
	char *b = g_path_get_basename(h->d->path);
	char *dot = strrchr(b, '.');
	if (dot && dot != b)
		*dot = 0;
	GString *s = g_string_new(b);
	g_free(b);
	if (h->appendix) {
		const pps_section *a = model_section(h->d, h->appendix);
		if (a && a->letter)
			g_string_append_printf(s, "-appendix-%s", a->letter);
	}
	g_string_append(s, other == LANG_CY ? "-cy.html" : "-en.html");
	char *u = g_uri_escape_string(s->str, "-._~", TRUE);
	g_string_free(s, TRUE);
	return u;
}

static void lang_switch(H *h)
{
	/* Shown by the script; without it both languages simply stay on the page. */
	put(h, "<div class=\"lang-switch\" id=\"pps-lang-switch\" role=\"group\" hidden aria-label=\"");
	for (int i = 0; i < h->nl; i++) {
		if (i)
			put(h, " / ");
		put_esc(h, tpl_label(h->t, h->langs[i], "language-switch"));
	}
	put(h, "\">\n<button type=\"button\" data-show=\"both\" aria-pressed=\"true\">");
	for (int i = 0; i < h->nl; i++) {
		if (i)
			put(h, " / ");
		put(h, "<span data-keep");
		html_attr(h, "lang", tpl_lang_tag(h->langs[i]));
		put(h, ">");
		put_esc(h, tpl_label(h->t, h->langs[i], "language-both"));
		put(h, "</span>");
	}
	put(h, "</button>\n");
	for (int i = 0; i < h->nl; i++) {
		g_string_append_printf(h->o, "<button type=\"button\" data-show=\"%s\" aria-pressed=\"false\" data-keep",
				       h->langs[i] == LANG_CY ? "cy" : "en");
		html_attr(h, "lang", tpl_lang_tag(h->langs[i]));
		put(h, ">");
		put_esc(h, tpl_label(h->t, h->langs[i], "language-name"));
		put(h, "</button>\n");
	}
	put(h, "</div>\n");
}

static void cover(H *h)
{
	const pps_doc *d = h->d;
	put(h, "<header class=\"cover\">\n");
	if (h->bi)
		lang_switch(h);
	if (!d->approved_status) {
		put(h, "<p class=\"draft-banner\"><strong>");
		put_shared(h, label_fn, "draft-watermark", true);
		put(h, "</strong></p>\n");
	}
	if (ml_any(&d->council)) {
		put(h, h->bi ? "<p class=\"council bi\">" : "<p class=\"council\">");
		put_shared(h, council_fn, NULL, false);
		put(h, "</p>\n");
	}
	put(h, h->bi ? "<h1 class=\"bi\">" : "<h1>");
	put_shared(h, title_fn, NULL, false);
	put(h, "</h1>\n");
	meta_line(h, "fy", fy_fn);
	meta_line(h, d->approved_status ? "status" : "status draft", status_fn);
	if (d->effective)
		meta_line(h, "meta", effective_fn);
	if (d->version)
		meta_line(h, "meta", version_fn);
	/* The other language's version exists (Welsh Language Standards). */
	if (!h->bi && model_has_lang(d, LANG_CY) && model_has_lang(d, LANG_EN)) {
		pps_lang other = h->lang == LANG_CY ? LANG_EN : LANG_CY;
		char *f = other_file(h, other);
		put(h, "<p class=\"other-language\"><a");
		html_attr(h, "href", f);
		html_attr(h, "hreflang", tpl_lang_tag(other));
		put(h, ">");
		put_esc(h, tpl_label(h->t, h->lang, "other-language"));
		put(h, "</a></p>\n");
		/* The same notice in the other language, marked as such. */
		put(h, "<p class=\"other-language\"");
		html_attr(h, "lang", tpl_lang_tag(other));
		put(h, ">");
		put_esc(h, tpl_label(h->t, other, other == LANG_CY ? "also-in-welsh" : "also-in-english"));
		put(h, "</p>\n");
		g_free(f);
	}
	put(h, "</header>\n");
}

typedef struct {
	const pps_section *s;
	bool appendix;
	const char *id;
} toc_entry;

static const char *toc_fn(H *h, const void *arg, pps_lang l)
{
	const toc_entry *e = arg;
	return heading_text(h, e->s, e->appendix, l);
}

/* "3 Chief officers" (the number once, then the title in each language),
 * or "Appendix A – Pay scales", one link. */
static void toc_item(H *h, const toc_entry *e)
{
	put(h, "<li><a");
	html_attr(h, "href", arena_printf(h->a, "#%s", e->id));
	put(h, ">");
	if (e->s->number && !e->appendix) {
		put_esc(h, e->s->number);
		put(h, "\u2002");
	}
	if (h->bi) {
		put_shared(h, toc_fn, e, true);
	} else {
		pps_lang used;
		ml_in(h, &e->s->title, h->lang, &used);
		put_str_l(h, heading_text(h, e->s, e->appendix, h->lang), e->appendix ? h->lang : used);
	}
	put(h, "</a></li>\n");
}

static void contents(H *h)
{
	const pps_doc *d = h->d;
	put(h, "<nav class=\"toc\" aria-labelledby=\"pps-contents\">\n<h2 id=\"pps-contents\">");
	html_put_label(h, "contents");
	put(h, "</h2>\n<ol>\n");
	if (!h->appendix)
		for (int i = 0; i < d->nsections; i++) {
			toc_entry e = {&d->sections[i], false, section_id(h, &d->sections[i], NULL, false, i)};
			toc_item(h, &e);
		}
	for (int i = 0; i < d->nappendices; i++) {
		const pps_section *s = &d->appendices[i];
		if (h->appendix && g_strcmp0(s->id, h->appendix) != 0)
			continue;
		toc_entry e = {s, true, section_id(h, s, NULL, true, i)};
		toc_item(h, &e);
	}
	put(h, "</ol>\n</nav>\n");
}

/* ---- Style ------------------------------------------------------------- */

static void hex(GString *o, const double *rgb)
{
	g_string_append_c(o, '#');
	for (int i = 0; i < 3; i++) {
		double v = rgb[i] < 0 ? 0 : rgb[i] > 1 ? 1 : rgb[i];
		g_string_append_printf(o, "%02x", (unsigned)lround(v * 255));
	}
}

static const char CSS[] =
	"*,*::before,*::after{box-sizing:border-box}\n"
	"html{font-family:var(--font),\"Noto Sans\",Arial,Helvetica,sans-serif;color:var(--text);background:#fff;"
	"line-height:1.5;-webkit-text-size-adjust:100%}\n"
	"body{margin:0;font-size:1.0625rem}\n"
	".skip{position:absolute;left:-10000px;top:auto;padding:.5rem 1rem;background:#fff;color:var(--primary);"
	"font-weight:700;z-index:10}\n"
	".skip:focus{left:1rem;top:1rem;outline:3px solid var(--focus)}\n"
	".page{max-width:52rem;margin:0 auto;padding:0 1.25rem 3rem}\n"
	".bilingual .page{max-width:84rem}\n"
	"header.cover{border-bottom:4px solid var(--primary);padding:2rem 0 1.25rem;margin-bottom:1.5rem}\n"
	".council{font-size:1.25rem;font-weight:700;margin:0 0 .75rem}\n"
	"h1{color:var(--primary);font-size:2.25rem;line-height:1.15;margin:0 0 .5rem}\n"
	".fy{font-size:1.3rem;color:var(--primary);margin:0 0 1rem}\n"
	".status,.meta{margin:.2rem 0}\n"
	".other-language{font-weight:700;margin:1rem 0 0}\n"
	".draft-banner{margin:0 0 1.25rem;padding:.5rem 1rem;border:3px solid var(--draft);background:#fff5f5;"
	"color:var(--draft);font-size:1.5rem;letter-spacing:.12em}\n"
	".status.draft{font-weight:700}\n"
	".watermark{display:none}\n"
	"h2,h3,h4,h5,h6{color:var(--primary);line-height:1.25}\n"
	"h2{font-size:1.6rem;margin:2.5rem 0 1rem;padding-bottom:.3rem;border-bottom:1px solid var(--rule)}\n"
	"h3{font-size:1.3rem;margin:2rem 0 .75rem}\n"
	"h4,h5,h6{font-size:1.1rem;margin:1.5rem 0 .5rem}\n"
	".secnum{display:inline-block;min-width:2.2em}\n"
	"p,ul,ol{margin:0 0 1rem}\n"
	"li{margin:.25rem 0}\n"
	"li>ul,li>ol{margin:.25rem 0 .5rem}\n"
	"a{color:var(--primary);text-decoration:underline;text-underline-offset:.15em}\n"
	"a:hover{text-decoration-thickness:3px}\n"
	"a:focus,button:focus,.table-wrap:focus{outline:3px solid var(--focus);outline-offset:2px}\n"
	"nav.toc{margin:0 0 2rem}\n"
	"nav.toc h2{margin-top:0}\n"
	"nav.toc ol{list-style:none;padding:0;margin:0}\n"
	"nav.toc li{margin:.35rem 0}\n"
	".note{font-size:.9375rem}\n"
	".exempt{font-style:italic}\n"
	".table-wrap{overflow-x:auto;margin:1rem 0 1.5rem}\n"
	"table{border-collapse:collapse;font-size:.9375rem;min-width:min(100%,28rem)}\n"
	"table.scale{font-size:.875rem}\n"
	"table.scale th,table.scale td{padding:.3rem .45rem}\n"
	"table.scale tbody th,table.scale td{white-space:nowrap}\n"
	"table.posts tbody th,table.multiples tbody th{min-width:11rem}\n"
	"caption{text-align:left;font-weight:700;color:var(--primary);padding:0 0 .5rem}\n"
	"th,td{border:1px solid var(--rule);padding:.35rem .6rem;text-align:left;vertical-align:top}\n"
	"thead th{background:var(--head);vertical-align:bottom}\n"
	"tbody tr:nth-child(even){background:var(--band)}\n"
	"tbody th{font-weight:600}\n"
	"th .l1,th .l2{display:block}\n"
	".num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n"
	"thead th.num{white-space:normal}\n"
	"tr.group>*{border-top:2px solid var(--primary)}\n"
	"figure.chart{margin:1rem 0 1.5rem;padding:.75rem 1rem;border-left:4px solid var(--primary);background:var(--band)}\n"
	"figure.chart figcaption{font-weight:700;color:var(--primary);margin-bottom:.25rem}\n"
	"figure.chart p{margin:0}\n"
	"figure.chart .drawing{margin:.5rem 0;background:#fff}\n"
	"figure.chart svg{display:block;max-width:100%;height:auto}\n"
	"figure.chart .table-wrap{margin-top:.75rem}\n"
	"footer{margin-top:3rem;padding-top:1rem;border-top:1px solid var(--rule);font-size:.9375rem}\n"
	".lang-switch{display:flex;flex-wrap:wrap;gap:.5rem;margin:0 0 1.25rem}\n"
	".lang-switch[hidden]{display:none}\n"
	".lang-switch button{font:inherit;font-size:.9375rem;padding:.35rem .8rem;border:2px solid var(--primary);"
	"background:#fff;color:var(--primary);border-radius:3px;cursor:pointer}\n"
	".lang-switch button[aria-pressed=true]{background:var(--primary);color:#fff}\n"
	"@media (max-width:40rem){h1{font-size:1.75rem}h2{font-size:1.4rem}}\n"
	"@media (min-width:50rem){\n"
	".pair{display:grid;grid-template-columns:1fr 1fr;column-gap:2.5rem}\n"
	".pair.stack{display:block}\n"
	".bi{display:grid;grid-template-columns:1fr 1fr;column-gap:2.5rem}\n"
	"}\n"
	".bi>span{display:block}\n"
	"body.show-cy [lang|=en]:not([data-keep]),body.show-en [lang=cy]:not([data-keep]){display:none}\n"
	"body.show-cy .sep,body.show-en .sep{display:none}\n"
	"body.show-cy .pair,body.show-en .pair,body.show-cy .bi,body.show-en .bi{display:block}\n"
	".bilingual.show-cy .page,.bilingual.show-en .page{max-width:52rem}\n"
	"@media print{\n"
	"@page{size:A4;margin:18mm 16mm}\n"
	"html{font-size:10.5pt}\n"
	"body{font-size:1rem}\n"
	".skip,.lang-switch{display:none}\n"
	".page{max-width:none;padding:0}\n"
	"a{color:inherit}\n"
	"a[href^=\"http\"]::after{content:\" (\" attr(href) \")\";font-size:.85em;word-break:break-all}\n"
	"h1,h2,h3,h4,h5,h6,caption,figcaption{break-after:avoid}\n"
	"tr,li,figure{break-inside:avoid}\n"
	"thead{display:table-header-group}\n"
	".table-wrap{overflow:visible}\n"
	"nav.toc{break-after:page}\n"
	"section.appendix{break-before:page}\n"
	".watermark{display:block;position:fixed;top:40%;left:0;right:0;text-align:center;font-size:96pt;"
	"font-weight:700;color:rgba(164,38,44,.12);transform:rotate(-35deg);z-index:-1}\n"
	"}\n";

static const char SCRIPT[] =
	"(function(){var s=document.getElementById('pps-lang-switch');if(!s)return;s.hidden=false;\n"
	"var b=s.querySelectorAll('button'),root=document.documentElement,first=root.lang;\n"
	"function show(w){document.body.classList.remove('show-cy','show-en');\n"
	"if(w!=='both')document.body.classList.add('show-'+w);\n"
	"root.lang=w==='en'?'en-GB':w==='cy'?'cy':first;\n"
	"for(var i=0;i<b.length;i++)b[i].setAttribute('aria-pressed',b[i].getAttribute('data-show')===w?'true':'false');}\n"
	"for(var i=0;i<b.length;i++)b[i].addEventListener('click',function(){show(this.getAttribute('data-show'));});\n"
	"})();\n";

static void style(H *h)
{
	const pps_style *st = &h->t->style;
	put(h, "<style>\n:root{--text:");
	hex(h->o, st->text);
	put(h, ";--primary:");
	hex(h->o, st->primary);
	put(h, ";--rule:");
	hex(h->o, st->rule);
	put(h, ";--head:");
	hex(h->o, st->table_head);
	put(h, ";--band:");
	hex(h->o, st->table_band);
	/* Not from the house style: a red for the draft banner and a yellow focus
	 * ring, both with at least 4.5:1 / 3:1 against white. */
	put(h, ";--draft:#a4262c;--focus:#d98c00;--font:\"");
	/* A font family name inside a CSS string: no quotes or backslashes. */
	for (const char *p = st->font ? st->font : "Noto Sans"; *p; p++)
		if (*p != '"' && *p != '\\' && *p != '<' && *p != '>')
			g_string_append_c(h->o, *p);
	put(h, "\"}\n");
	put(h, CSS);
	put(h, "</style>\n");
}

/* ---- The page ---------------------------------------------------------- */

static void doc_title(H *h)
{
	GString *s = g_string_new(NULL);
	for (int i = 0; i < h->nl; i++) {
		pps_lang l = h->langs[i];
		char *yr = tpl_year(h->t, l, h->d->year_start);
		if (i)
			g_string_append(s, " / ");
		g_string_append_printf(s, "%s %s", title_fn(h, NULL, l), yr);
		g_free(yr);
	}
	const char *council = council_fn(h, NULL, h->langs[0]);
	if (council && *council)
		g_string_append_printf(s, " – %s", council);
	if (h->appendix) {
		const pps_section *a = model_section(h->d, h->appendix);
		if (a && a->letter) {
			char *t = tpl_format(h->t, h->langs[0], "appendix", "letter", a->letter, NULL);
			g_string_prepend(s, " – ");
			g_string_prepend(s, t);
			g_free(t);
		}
	}
	put(h, "<title>");
	put_esc(h, s->str);
	put(h, "</title>\n");
	g_string_free(s, TRUE);
}

void html_write(const pps_doc *d, const pps_figures *f, const pps_template *t, const pps_lang *langs, int nlangs,
		const char *appendix, bool public_only, GString *out)
{
	H h = {.d = d, .f = f, .t = t, .appendix = appendix, .public_only = public_only, .o = out};
	h.nl = nlangs < 1 ? 1 : nlangs > LANG_N ? LANG_N : nlangs;
	for (int i = 0; i < h.nl; i++)
		h.langs[i] = nlangs > 0 ? langs[i] : (d->nlangs ? d->langs[0] : LANG_EN);
	h.bi = h.nl > 1;
	h.lang = h.langs[0];
	/* In the bilingual file no language is taken as read: every element in
	 * one language says which, so the switch can hide it. */
	h.ctx = h.bi ? LANG_N : h.langs[0];
	h.a = arena_new();

	put(&h, "<!DOCTYPE html>\n<html");
	html_attr(&h, "lang", tpl_lang_tag(h.langs[0]));
	put(&h, ">\n<head>\n<meta charset=\"utf-8\">\n"
		"<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
	doc_title(&h);
	put(&h, "<meta name=\"generator\" content=\"ppsgen\">\n");
	style(&h);
	put(&h, "</head>\n");
	put(&h, h.bi ? "<body class=\"bilingual\">\n" : "<body>\n");
	put(&h, "<a class=\"skip\" href=\"#pps-main\">");
	html_put_label(&h, "skip-link");
	put(&h, "</a>\n");
	if (!d->approved_status) {
		put(&h, "<div class=\"watermark\" aria-hidden=\"true\">");
		for (int i = 0; i < h.nl; i++) {
			if (i)
				put(&h, " / ");
			put_esc(&h, tpl_label(t, h.langs[i], "draft-watermark"));
		}
		put(&h, "</div>\n");
	}
	put(&h, "<div class=\"page\">\n");
	cover(&h);
	contents(&h);
	put(&h, "<main id=\"pps-main\" tabindex=\"-1\">\n");
	if (appendix) {
		for (int i = 0; i < d->nappendices; i++)
			if (g_strcmp0(d->appendices[i].id, appendix) == 0)
				section(&h, &d->appendices[i], true, section_id(&h, &d->appendices[i], NULL, true, i));
	} else {
		for (int i = 0; i < d->nsections; i++)
			section(&h, &d->sections[i], false, section_id(&h, &d->sections[i], NULL, false, i));
		for (int i = 0; i < d->nappendices; i++)
			section(&h, &d->appendices[i], true, section_id(&h, &d->appendices[i], NULL, true, i));
	}
	put(&h, "</main>\n");
	if (ml_any(&d->contact)) {
		put(&h, "<footer>\n");
		static const pps_block contact_kind = {.kind = BLK_PARA};
		pps_block b = contact_kind;
		b.text = d->contact;
		block(&h, &b, NULL);
		put(&h, "</footer>\n");
	}
	put(&h, "</div>\n");
	if (h.bi) {
		put(&h, "<script>\n");
		put(&h, SCRIPT);
		put(&h, "</script>\n");
	}
	put(&h, "</body>\n</html>\n");
	arena_free(h.a);
}
