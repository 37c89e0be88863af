/* xml_read.c — reads a statement: a safe libxml2 parse (no DTD, no entities, no
 * network, bounded size and depth), RELAX NG validation, then one walk that
 * copies everything into the document's arena with its source position and
 * reports every semantic problem it can see without computing figures.
 * The safe parse and the schema check are in xml_safe.c. */
#include "xml_read.h"

#include <cairo.h>
#include <ctype.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <libxml/tree.h>
#include <string.h>
#include <unistd.h>

#include "csv_read.h"
#include "xml_int.h"

/* ---- Positions ------------------------------------------------------ */

void index_lines(reader *r)
{
	r->lines = g_array_new(FALSE, FALSE, sizeof(size_t));
	size_t z = 0;
	g_array_append_val(r->lines, z);
	for (size_t i = 0; i < r->len; i++)
		if (r->buf[i] == '\n') {
			size_t s = i + 1;
			g_array_append_val(r->lines, s);
		}
}

/* Column (1-based, in characters) of byte offset off within its line. */
int col_of(const reader *r, int line, size_t off)
{
	size_t start = g_array_index(r->lines, size_t, line - 1);
	return (int)g_utf8_strlen(r->buf + start, (gssize)(off - start)) + 1;
}

/* libxml2 keeps only a line per node (no column), so find "<name" on that line;
 * for an attribute, "attr=" after it. */
pps_pos pos_at(const reader *r, xmlNodePtr n, const char *attr)
{
	pps_pos p = {r->file, n ? (int)xmlGetLineNo(n) : 0, 1};
	if (p.line < 1 || (guint)p.line > r->lines->len)
		return p;
	size_t start = g_array_index(r->lines, size_t, p.line - 1);
	size_t end = (guint)p.line < r->lines->len ? g_array_index(r->lines, size_t, p.line) : r->len;
	char pat[128];
	if (n->ns && n->ns->prefix) /* <xi:include>: the name as written */
		g_snprintf(pat, sizeof pat, "<%s:%s", (const char *)n->ns->prefix, n->name ? (const char *)n->name : "");
	else
		g_snprintf(pat, sizeof pat, "<%s", n->name ? (const char *)n->name : "");
	const char *hit = g_strstr_len(r->buf + start, (gssize)(end - start), pat);
	if (!hit)
		return p;
	if (attr) {
		g_snprintf(pat, sizeof pat, "%s=", attr);
		const char *h2 = g_strstr_len(hit, (gssize)(r->buf + end - hit), pat);
		if (h2)
			hit = h2;
	}
	p.col = col_of(r, p.line, (size_t)(hit - r->buf));
	return p;
}

/* ---- Small helpers -------------------------------------------------- */

static xmlNodePtr child(xmlNodePtr n, const char *name)
{
	for (xmlNodePtr c = n ? n->children : NULL; c; c = c->next)
		if (is(c, name))
			return c;
	return NULL;
}

/* Attribute value copied into the arena, or NULL. */
static const char *attr(reader *r, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	if (!v)
		return NULL;
	char *s = arena_strdup(r->a, (const char *)v);
	xmlFree(v);
	return s;
}

static bool yes(reader *r, xmlNodePtr n, const char *name, bool dflt)
{
	const char *v = attr(r, n, name);
	return v ? strcmp(v, "yes") == 0 : dflt;
}

bool parse_scaled(const char *s, int digits, int64_t *out)
{
	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	bool neg = false;
	if (*s == '-') {
		neg = true;
		s++;
	}
	int64_t v = 0;
	int nd = 0, frac = -1;
	for (; *s; s++) {
		if (*s == ',' && frac < 0 && nd > 0)
			continue; /* thousands separator */
		if (*s == '.' && frac < 0) {
			frac = 0;
			continue;
		}
		if (!isdigit((unsigned char)*s))
			break;
		if (frac >= 0 && ++frac > digits)
			return false;
		if (v > (INT64_MAX - 9) / 10)
			return false;
		v = v * 10 + (*s - '0');
		nd++;
	}
	while (isspace((unsigned char)*s))
		s++;
	if (*s || nd == 0)
		return false;
	for (int k = frac < 0 ? 0 : frac; k < digits; k++) {
		if (v > INT64_MAX / 10)
			return false;
		v *= 10;
	}
	*out = neg ? -v : v;
	return true;
}

bool parse_money(const char *s, int64_t *pence)
{
	if (!s)
		return false;
	while (isspace((unsigned char)*s))
		s++;
	if (strncmp(s, "\xc2\xa3", 2) == 0) /* £ */
		s += 2;
	return parse_scaled(s, 2, pence);
}

static void check_id(reader *r, xmlNodePtr n, const char *id, const char *what)
{
	if (!id)
		return;
	gpointer prev;
	if (g_hash_table_lookup_extended(r->ids, id, NULL, &prev)) {
		diag_emit(r->dc, DIAG_DUP_ID, pos_at(r, n, "id"), id, GPOINTER_TO_INT(prev), what);
		return;
	}
	g_hash_table_insert(r->ids, (gpointer)id, GINT_TO_POINTER(xmlGetLineNo(n)));
}

static int64_t money_attr(reader *r, xmlNodePtr n, const char *name, int64_t dflt)
{
	const char *v = attr(r, n, name);
	int64_t p;
	if (!v)
		return dflt;
	if (!parse_money(v, &p)) {
		diag_emit(r->dc, DIAG_BAD_NUMBER, pos_at(r, n, name), v, "amount of money", "15375 or 15375.50");
		return dflt;
	}
	return p;
}

static int64_t scaled_attr(reader *r, xmlNodePtr n, const char *name, int digits, int64_t dflt,
			   const char *what, const char *example)
{
	const char *v = attr(r, n, name);
	int64_t x;
	if (!v)
		return dflt;
	if (!parse_scaled(v, digits, &x) || x < 0) {
		diag_emit(r->dc, DIAG_BAD_NUMBER, pos_at(r, n, name), v, what, example);
		return dflt;
	}
	return x;
}

static int int_attr(reader *r, xmlNodePtr n, const char *name, int dflt)
{
	return (int)scaled_attr(r, n, name, 0, dflt, "whole number", "12");
}

static const char *date_attr(reader *r, xmlNodePtr n, const char *name)
{
	const char *v = attr(r, n, name);
	if (!v)
		return NULL;
	int y, m, dd;
	char tail;
	if (sscanf(v, "%4d-%2d-%2d%c", &y, &m, &dd, &tail) != 3 || strlen(v) != 10 ||
	    !g_date_valid_dmy((GDateDay)dd, (GDateMonth)m, (GDateYear)y)) {
		diag_emit(r->dc, DIAG_BAD_DATE, pos_at(r, n, name), v);
		return NULL;
	}
	return v;
}

/* ---- Inline text ---------------------------------------------------- */

static pps_lang lang_of(const char *name) { return strcmp(name, "cy") == 0 ? LANG_CY : LANG_EN; }
static const char *lang_name(pps_lang l) { return l == LANG_CY ? "Welsh (cy)" : "English (en)"; }

static void read_inline(reader *r, xmlNodePtr n, unsigned style, const char *href, GArray *runs)
{
	for (xmlNodePtr c = n->children; c; c = c->next) {
		pps_run run = {.style = style, .href = href, .pos = pos_of(r, c->type == XML_ELEMENT_NODE ? c : n)};
		if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
			run.kind = RUN_TEXT;
			run.text = (const char *)c->content; /* copied when finished */
			g_array_append_val(runs, run);
		} else if (is(c, "b")) {
			read_inline(r, c, style | RUN_BOLD, href, runs);
		} else if (is(c, "i")) {
			read_inline(r, c, style | RUN_ITALIC, href, runs);
		} else if (is(c, "sup")) {
			read_inline(r, c, style | RUN_SUP, href, runs);
		} else if (is(c, "a")) {
			read_inline(r, c, style, attr(r, c, "href"), runs);
		} else if (is(c, "br")) {
			run.kind = RUN_BREAK;
			g_array_append_val(runs, run);
		} else if (is(c, "fig")) {
			run.kind = RUN_FIG;
			run.ref = attr(r, c, "ref");
			g_array_append_val(runs, run);
		} else if (is(c, "ref")) {
			run.kind = RUN_REF;
			run.ref = attr(r, c, "to");
			g_array_append_val(runs, run);
		}
	}
}

/* Collapses white space as HTML does, trims the ends, normalises to NFC and
 * copies the text into the arena. */
static pps_text finish_runs(reader *r, GArray *runs)
{
	GString *buf = g_string_new(NULL);
	bool space = true; /* at the start: drop leading white space */
	int last_text = -1;
	for (guint i = 0; i < runs->len; i++) {
		pps_run *run = &g_array_index(runs, pps_run, i);
		if (run->kind == RUN_BREAK) {
			if (last_text >= 0) /* no space before a break */
				g_strchomp((char *)g_array_index(runs, pps_run, last_text).text);
			space = true;
			continue;
		}
		if (run->kind != RUN_TEXT) {
			space = false;
			last_text = -1;
			continue;
		}
		g_string_truncate(buf, 0);
		bool low = true; /* every character below U+0300 */
		for (const char *p = run->text; *p;) {
			if (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r') {
				if (!space)
					g_string_append_c(buf, ' ');
				space = true;
				p++;
				continue;
			}
			const char *word = p; /* copied whole, up to the next white space */
			for (; *p && *p != ' ' && *p != '\t' && *p != '\n' && *p != '\r'; p++)
				low = low && (unsigned char)*p < 0xCC; /* lead byte of U+0300 */
			g_string_append_len(buf, word, p - word);
			space = false;
		}
		/* Text with no character from U+0300 on (where the combining marks
		 * start) is already in NFC: below it nothing decomposes to anything
		 * but itself.  Normalising costs about a third of reading the
		 * statement, so only other text pays for it. */
		char *nfc = low ? NULL : g_utf8_normalize(buf->str, -1, G_NORMALIZE_NFC);
		run->text = arena_strdup(r->a, nfc ? nfc : buf->str);
		g_free(nfc);
		last_text = (int)i;
	}
	if (last_text >= 0)
		g_strchomp((char *)g_array_index(runs, pps_run, last_text).text);
	g_string_free(buf, TRUE);
	/* Drop text runs that became empty. */
	pps_text t = {0};
	int n = 0;
	for (guint i = 0; i < runs->len; i++) {
		pps_run *run = &g_array_index(runs, pps_run, i);
		if (run->kind == RUN_TEXT && !*run->text)
			continue;
		g_array_index(runs, pps_run, n++) = *run;
	}
	if (n) {
		t.runs = arena_memdup(r->a, runs->data, sizeof(pps_run) * (size_t)n);
		t.n = n;
	}
	return t;
}

static bool first_lang_declared(reader *r, pps_lang l, xmlNodePtr at)
{
	if (model_has_lang(r->d, l))
		return true;
	const char *decl = r->d->nlangs == 2 ? "cy en" : r->d->langs[0] == LANG_CY ? "cy" : "en";
	diag_emit(r->dc, DIAG_LANG_UNDECLARED, pos_of(r, at), lang_name(l), decl, l == LANG_CY ? "cy" : "en");
	return false;
}

/* Text given directly, or as <cy>/<en> children; elements named in `skip`
 * (nested lists) belong to the caller. */
static pps_ml read_ml(reader *r, xmlNodePtr n)
{
	pps_ml m = {.pos = pos_of(r, n)};
	bool split = child(n, "en") || child(n, "cy");
	GArray *runs = g_array_new(FALSE, FALSE, sizeof(pps_run));
	if (split) {
		for (xmlNodePtr c = n->children; c; c = c->next) {
			if (!is(c, "en") && !is(c, "cy"))
				continue;
			pps_lang l = lang_of((const char *)c->name);
			if (!first_lang_declared(r, l, c))
				continue;
			g_array_set_size(runs, 0);
			read_inline(r, c, 0, NULL, runs);
			m.tx[l] = finish_runs(r, runs);
		}
	} else {
		/* Direct text, skipping block children such as nested lists. */
		xmlNodePtr tmp = xmlNewNode(NULL, n->name);
		for (xmlNodePtr c = n->children; c; c = c->next)
			if (!is(c, "list"))
				xmlAddChild(tmp, xmlCopyNode(c, 1));
		read_inline(r, tmp, 0, NULL, runs);
		m.tx[r->d->langs[0]] = finish_runs(r, runs);
		/* runs' text pointers were copied by finish_runs: the temp can go. */
		xmlFreeNode(tmp);
	}
	g_array_free(runs, TRUE);
	return m;
}

static bool ml_empty(const pps_ml *m)
{
	for (int i = 0; i < LANG_N; i++)
		if (m->tx[i].n)
			return false;
	return true;
}

static pps_ml read_ml_child(reader *r, xmlNodePtr n, const char *name)
{
	xmlNodePtr c = child(n, name);
	return c ? read_ml(r, c) : (pps_ml){0};
}

/* n's child `name` (a <title>, the council's <name>), and an error for a
 * language's text over PPS_TITLE_MAX_CHARS: what (the element, "a title")
 * and how to mend it (hint) for the message. */
static pps_ml read_short(reader *r, xmlNodePtr n, const char *name, const char *what, const char *hint)
{
	pps_ml m = read_ml_child(r, n, name);
	for (int l = 0; l < LANG_N; l++) {
		const pps_text *t = &m.tx[l];
		int chars = t->n ? (int)g_utf8_strlen(text_plain(r->a, t), -1) : 0;
		if (chars > PPS_TITLE_MAX_CHARS) /* at its <cy>/<en>, else at the element */
			diag_emit(r->dc, DIAG_TEXT_TOO_LONG, t->runs[0].pos.line ? t->runs[0].pos : m.pos, name, chars,
				  PPS_TITLE_MAX_CHARS, what, hint);
	}
	return m;
}

static pps_ml read_title(reader *r, xmlNodePtr n)
{
	return read_short(r, n, "title", "a title", ", and give the rest in a <p> after it");
}

/* ---- Blocks and sections -------------------------------------------- */

static void read_block(reader *r, xmlNodePtr n, pps_block *b);

static void read_list(reader *r, xmlNodePtr n, pps_block *b)
{
	b->kind = BLK_LIST;
	b->ordered = yes(r, n, "ordered", false);
	GArray *items = g_array_new(FALSE, TRUE, sizeof(pps_item));
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is(c, "item"))
			continue;
		pps_item it = {.pos = pos_of(r, c), .text = read_ml(r, c)};
		int nsub = 0;
		for (xmlNodePtr s = c->children; s; s = s->next)
			nsub += is(s, "list");
		if (nsub) {
			it.sub = arena_array(r->a, (size_t)nsub, sizeof(pps_block));
			for (xmlNodePtr s = c->children; s; s = s->next)
				if (is(s, "list"))
					read_block(r, s, &it.sub[it.nsub++]);
		}
		if (ml_empty(&it.text) && !it.nsub)
			diag_emit(r->dc, DIAG_NO_TEXT, it.pos, "item");
		g_array_append_val(items, it);
	}
	b->nitems = (int)items->len;
	b->items = arena_memdup(r->a, items->data, sizeof(pps_item) * items->len);
	g_array_free(items, TRUE);
}

static pps_row read_row(reader *r, xmlNodePtr n)
{
	pps_row row = {.pos = pos_of(r, n)};
	for (xmlNodePtr c = n->children; c; c = c->next)
		row.n += is(c, "cell");
	row.cells = arena_array(r->a, (size_t)row.n, sizeof(pps_cell));
	int i = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is(c, "cell"))
			row.cells[i++] = (pps_cell){.text = read_ml(r, c), .pos = pos_of(r, c)};
	return row;
}

static void read_table(reader *r, xmlNodePtr n, pps_block *b)
{
	b->kind = BLK_TABLE;
	pps_table *t = b->table = arena_alloc(r->a, sizeof *t);
	t->caption = read_ml_child(r, n, "caption");
	GArray *head = g_array_new(FALSE, TRUE, sizeof(pps_row));
	GArray *body = g_array_new(FALSE, TRUE, sizeof(pps_row));
	int ncol = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		ncol += is(c, "col");
	xmlNodePtr h = child(n, "head");
	for (xmlNodePtr c = h ? h->children : NULL; c; c = c->next)
		if (is(c, "row")) {
			pps_row row = read_row(r, c);
			g_array_append_val(head, row);
		}
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is(c, "row")) {
			pps_row row = read_row(r, c);
			g_array_append_val(body, row);
		}
	if (!ncol) /* no <col>: as many columns as the first row has cells */
		ncol = head->len ? g_array_index(head, pps_row, 0).n : g_array_index(body, pps_row, 0).n;
	t->ncols = ncol;
	t->align = arena_alloc(r->a, (size_t)ncol + 1);
	t->width = arena_array(r->a, (size_t)ncol, sizeof(double));
	int i = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is(c, "col")) {
			const char *al = attr(r, c, "align");
			t->align[i] = al && strcmp(al, "right") == 0 ? 'r' : 'l';
			t->width[i] = (double)scaled_attr(r, c, "width", 3, 1000, "column width", "2 or 1.5") / 1000.0;
			if (t->width[i] <= 0)
				t->width[i] = 1;
			i++;
		}
	for (; i < ncol; i++) {
		t->align[i] = 'l';
		t->width[i] = 1;
	}
	GArray *all[2] = {head, body};
	for (int k = 0; k < 2; k++)
		for (guint j = 0; j < all[k]->len; j++) {
			pps_row *row = &g_array_index(all[k], pps_row, j);
			if (row->n != ncol)
				diag_emit(r->dc, DIAG_ROW_CELLS, row->pos, row->n, ncol);
		}
	t->nhead = (int)head->len;
	t->head = arena_memdup(r->a, head->data, sizeof(pps_row) * head->len);
	t->nbody = (int)body->len;
	t->body = arena_memdup(r->a, body->data, sizeof(pps_row) * body->len);
	g_array_free(head, TRUE);
	g_array_free(body, TRUE);
}

static void read_block(reader *r, xmlNodePtr n, pps_block *b)
{
	b->pos = pos_of(r, n);
	b->id = attr(r, n, "id");
	b->covers = attr(r, n, "covers");
	check_id(r, n, b->id, "block");
	const char *name = (const char *)n->name;
	if (is(n, "p") || is(n, "note")) {
		b->kind = is(n, "p") ? BLK_PARA : BLK_NOTE;
		b->text = read_ml(r, n);
		if (ml_empty(&b->text))
			diag_emit(r->dc, DIAG_NO_TEXT, b->pos, name);
	} else if (is(n, "list")) {
		read_list(r, n, b);
	} else if (is(n, "table")) {
		read_table(r, n, b);
	} else if (is(n, "scale-table")) {
		b->kind = BLK_SCALE_TABLE;
		b->ref = attr(r, n, "scale");
		b->caption = read_ml_child(r, n, "caption");
	} else if (is(n, "posts-table")) {
		b->kind = BLK_POSTS_TABLE;
		b->caption = read_ml_child(r, n, "caption");
	} else if (is(n, "multiples")) {
		b->kind = BLK_MULTIPLES;
	} else if (is(n, "gender-pay-gap")) {
		b->kind = BLK_GPG_TABLE;
	} else if (is(n, "chart")) {
		b->kind = BLK_CHART;
		b->ref = attr(r, n, "kind");
		b->caption = read_ml_child(r, n, "caption");
	} else if (is(n, "compliance")) {
		b->kind = BLK_COMPLIANCE;
	} else if (is(n, "senior-pay")) {
		b->kind = BLK_SENIOR_PAY;
	} else if (is(n, "proposal-table")) {
		b->kind = BLK_PROPOSAL_TABLE;
		b->post_ref = attr(r, n, "post") != NULL;
		b->ref = attr(r, n, b->post_ref ? "post" : "scale");
		b->by_grade = !g_strcmp0(attr(r, n, "by"), "grade");
	}
}

static bool is_block(xmlNodePtr c)
{
	static const char *names[] = {"p", "note", "list", "table", "scale-table", "posts-table",
				      "multiples", "gender-pay-gap", "chart", "compliance", "senior-pay", "proposal-table"};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (is(c, names[i]))
			return true;
	return false;
}

static void read_section(reader *r, xmlNodePtr n, pps_section *s, int level, const char *number)
{
	s->pos = pos_of(r, n);
	s->id = attr(r, n, "id");
	s->covers = attr(r, n, "covers");
	s->level = level;
	s->number = number;
	check_id(r, n, s->id, is(n, "appendix") ? "appendix" : "section");
	s->title = read_title(r, n);
	int nb = 0, ns = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		nb += is_block(c);
		ns += is(c, "section");
	}
	s->blocks = arena_array(r->a, (size_t)nb, sizeof(pps_block));
	s->subs = arena_array(r->a, (size_t)ns, sizeof(pps_section));
	char *order = arena_alloc(r->a, (size_t)(nb + ns) + 1);
	s->order = order;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is_block(c))
			*order++ = 'b';
		else if (is(c, "section"))
			*order++ = 's';
		if (is_block(c)) {
			read_block(r, c, &s->blocks[s->nblocks++]);
		} else if (is(c, "section")) {
			const char *num = number ? arena_printf(r->a, "%s.%d", number, s->nsubs + 1) : NULL;
			read_section(r, c, &s->subs[s->nsubs++], level + 1, num);
		}
	}
	if (!nb && !ns)
		diag_emit(r->dc, DIAG_EMPTY_SECTION, s->pos, s->id ? s->id : "");
}

/* ---- Pay data ------------------------------------------------------- */

static void read_supplement(reader *r, xmlNodePtr n, pps_supplement *s)
{
	s->pos = pos_of(r, n);
	s->id = attr(r, n, "id");
	check_id(r, n, s->id, "supplement");
	s->percent_bp = (int32_t)scaled_attr(r, n, "percent", 2, 0, "percentage", "8 or 4.5");
	s->name = read_ml_child(r, n, "name");
}

static const char *resolve(reader *r, const char *given);
static const char *unreadable(const char *path);

static void read_scale(reader *r, xmlNodePtr n, pps_scale *s)
{
	pps_doc *d = r->d;
	s->pos = pos_of(r, n);
	s->id = attr(r, n, "id");
	check_id(r, n, s->id, "scale");
	s->name = read_ml_child(r, n, "name");
	s->point_label = read_ml_child(r, n, "point-label");
	s->notes = read_ml_child(r, n, "notes");
	s->hours_x100 = (int32_t)scaled_attr(r, n, "hours", 2, d->hours_x100, "number of hours", "37 or 36.5");
	s->rates = yes(r, n, "rates", true);

	GArray *cols = g_array_new(FALSE, TRUE, sizeof(pps_ml));
	GArray *extras = g_array_new(FALSE, TRUE, sizeof(pps_ml));
	GPtrArray *extra_ids = g_ptr_array_new();
	GArray *grades = g_array_new(FALSE, TRUE, sizeof(pps_grade));
	GArray *points = g_array_new(FALSE, TRUE, sizeof(pps_point));
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is(c, "column")) {
			pps_ml m = read_ml(r, c);
			g_array_append_val(cols, m);
		} else if (is(c, "extra")) {
			pps_ml m = read_ml_child(r, c, "name");
			g_array_append_val(extras, m);
			g_ptr_array_add(extra_ids, (gpointer)attr(r, c, "id"));
		}
	}
	s->ncols = cols->len ? (int)cols->len : 1;
	s->nextra = (int)extras->len;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is(c, "grade")) {
			pps_grade g = {.pos = pos_of(r, c), .id = attr(r, c, "id")};
			g.from = int_attr(r, c, "from", 0);
			g.to = int_attr(r, c, "to", g.from);
			g.score_from = int_attr(r, c, "score-from", 0);
			g.score_to = int_attr(r, c, "score-to", 0);
			g.name = read_ml_child(r, c, "name");
			g_array_append_val(grades, g);
		} else if (is(c, "point")) {
			pps_point p = {.pos = pos_of(r, c)};
			p.n = int_attr(r, c, "n", 0);
			p.mark = attr(r, c, "mark");
			p.salary = arena_array(r->a, (size_t)s->ncols, sizeof(int64_t));
			const char *sal = attr(r, c, "salary");
			gchar **parts = g_strsplit_set(sal ? sal : "", " \t\n", -1);
			int k = 0;
			for (gchar **q = parts; *q; q++) {
				if (!**q)
					continue;
				int64_t v;
				if (!parse_money(*q, &v)) {
					diag_emit(r->dc, DIAG_BAD_NUMBER, pos_at(r, c, "salary"), *q, "salary",
						  "15375 or 15375.50");
				} else if (v < 100 || v > 1000000000) {
					char *m = g_strdup_printf("£%s", *q);
					diag_emit(r->dc, DIAG_SALARY_RANGE, pos_at(r, c, "salary"), m);
					g_free(m);
				} else if (k < s->ncols) {
					p.salary[k] = v;
				}
				k++;
			}
			g_strfreev(parts);
			if (k != s->ncols)
				diag_emit(r->dc, DIAG_SALARY_COLUMNS, pos_at(r, c, "salary"), p.n, k, s->ncols);
			p.extra = arena_array(r->a, (size_t)s->nextra + 1, sizeof(char *));
			for (xmlNodePtr e = c->children; e; e = e->next) {
				if (!is(e, "extra"))
					continue;
				const char *ref = attr(r, e, "ref");
				guint idx;
				gboolean found = FALSE;
				for (idx = 0; ref && idx < extra_ids->len; idx++)
					if (g_strcmp0(g_ptr_array_index(extra_ids, idx), ref) == 0) {
						found = TRUE;
						break;
					}
				if (!found) {
					diag_emit(r->dc, DIAG_UNKNOWN_REF, pos_at(r, e, "ref"), "extra column", ref ? ref : "");
					continue;
				}
				xmlChar *txt = xmlNodeGetContent(e);
				p.extra[idx] = arena_strdup(r->a, g_strstrip((char *)txt));
				xmlFree(txt);
			}
			if (points->len) {
				const pps_point *prev = &g_array_index(points, pps_point, points->len - 1);
				if (p.n <= prev->n)
					diag_emit(r->dc, DIAG_POINTS_ORDER, p.pos, p.n, prev->n);
				else if (p.salary[0] && prev->salary[0] && p.salary[0] < prev->salary[0]) {
					char *a1 = g_strdup_printf("£%.2f", (double)p.salary[0] / 100);
					char *a2 = g_strdup_printf("£%.2f", (double)prev->salary[0] / 100);
					diag_emit(r->dc, DIAG_POINT_SALARY_ORDER, pos_at(r, c, "salary"), p.n, a1,
						  prev->n, a2);
					g_free(a1);
					g_free(a2);
				}
			}
			g_array_append_val(points, p);
		}
	}
	s->col_names = arena_memdup(r->a, cols->data, sizeof(pps_ml) * cols->len);
	s->extra_names = arena_memdup(r->a, extras->data, sizeof(pps_ml) * extras->len);
	s->npoints = (int)points->len;
	s->points = arena_memdup(r->a, points->data, sizeof(pps_point) * points->len);
	s->ngrades = (int)grades->len;
	s->grades = arena_memdup(r->a, grades->data, sizeof(pps_grade) * grades->len);
	const char *csv = attr(r, n, "csv");
	if (csv && s->npoints) {
		diag_emit(r->dc, DIAG_SCALE_CSV_BOTH, pos_at(r, n, "csv"), s->id ? s->id : "");
	} else if (csv) {
		const char *path = resolve(r, csv);
		const char *why = unreadable(path);
		if (why)
			diag_emit(r->dc, DIAG_SCALE_CSV_READ, pos_at(r, n, "csv"), csv, why);
		else
			csv_read_scale(d, s, path, r->dc);
	}
	for (int i = 0; i < s->ngrades; i++) {
		pps_grade *g = &s->grades[i];
		if (g->from || g->to) {
			if (g->to < g->from || !model_point(s, g->from) || !model_point(s, g->to))
				diag_emit(r->dc, DIAG_GRADE_RANGE, g->pos, g->id, g->from, g->to, s->id);
		}
	}
	/* Supplements by id. */
	const char *sl = attr(r, n, "supplements");
	if (sl) {
		gchar **ids = g_strsplit_set(sl, " \t\n", -1);
		int cnt = 0;
		for (gchar **q = ids; *q; q++)
			cnt += **q != 0;
		s->supps = arena_array(r->a, (size_t)cnt, sizeof(pps_supplement *));
		for (gchar **q = ids; *q; q++) {
			if (!**q)
				continue;
			pps_supplement *found = NULL;
			for (int i = 0; i < d->nsupps; i++)
				if (strcmp(d->supps[i].id, *q) == 0)
					found = &d->supps[i];
			if (!found)
				diag_emit(r->dc, DIAG_UNKNOWN_REF, pos_at(r, n, "supplements"), "supplement", *q);
			else
				s->supps[s->nsupps++] = found;
		}
		g_strfreev(ids);
	}
	g_array_free(cols, TRUE);
	g_array_free(extras, TRUE);
	g_ptr_array_free(extra_ids, TRUE);
	g_array_free(grades, TRUE);
	g_array_free(points, TRUE);
}

static void read_post(reader *r, xmlNodePtr n, pps_post *p)
{
	p->pos = pos_of(r, n);
	p->id = attr(r, n, "id");
	check_id(r, n, p->id, "post");
	const char *role = attr(r, n, "role");
	p->role = !role || strcmp(role, "chief-officer") == 0 ? ROLE_CHIEF_OFFICER
		  : strcmp(role, "chief-executive") == 0    ? ROLE_CHIEF_EXECUTIVE
							    : ROLE_OTHER;
	p->nposts = int_attr(r, n, "posts", 1);
	p->title = read_ml_child(r, n, "title");
	p->grade = read_ml_child(r, n, "grade");
	p->responsibilities = read_ml_child(r, n, "responsibilities");
	p->has_budget = attr(r, n, "budget") != NULL;
	p->budget = money_attr(r, n, "budget", 0);
	xmlNodePtr pts = child(n, "points");
	GArray *v = g_array_new(FALSE, FALSE, sizeof(int64_t));
	if (pts) {
		xmlChar *txt = xmlNodeGetContent(pts);
		gchar **parts = g_strsplit_set((const char *)txt, " \t\n", -1);
		for (gchar **q = parts; *q; q++) {
			if (!**q)
				continue;
			int64_t x;
			if (!parse_money(*q, &x))
				diag_emit(r->dc, DIAG_BAD_NUMBER, pos_of(r, pts), *q, "salary", "159201");
			else {
				if (v->len && x < g_array_index(v, int64_t, v->len - 1)) {
					char *a1 = g_strdup_printf("£%.2f", (double)x / 100);
					char *a2 = g_strdup_printf("£%.2f",
								   (double)g_array_index(v, int64_t, v->len - 1) / 100);
					diag_emit(r->dc, DIAG_POINT_SALARY_ORDER, pos_of(r, pts), (int)v->len + 1, a1,
						  (int)v->len, a2);
					g_free(a1);
					g_free(a2);
				}
				g_array_append_val(v, x);
			}
		}
		g_strfreev(parts);
		xmlFree(txt);
	}
	p->npoints = (int)v->len;
	p->points = arena_memdup(r->a, v->data, sizeof(int64_t) * v->len);
	g_array_free(v, TRUE);
	int nh = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		nh += is(c, "holder");
	p->holders = arena_array(r->a, (size_t)nh, sizeof(pps_holder));
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is(c, "holder"))
			continue;
		pps_holder h = {.pos = pos_of(r, c)};
		h.salary = money_attr(r, c, "salary", 0);
		h.fte_e4 = (int32_t)scaled_attr(r, c, "fte", 4, 10000, "FTE fraction", "1 or 0.5");
		const char *hg = attr(r, c, "gender");
		h.gender = hg ? (char)g_ascii_tolower(hg[0]) : 0;
		h.name = attr(r, c, "name");
		if (h.salary < 100 || h.salary > 1000000000) {
			const char *s = attr(r, c, "salary");
			char *m = g_strdup_printf("£%s", s ? s : "0");
			diag_emit(r->dc, DIAG_SALARY_RANGE, pos_at(r, c, "salary"), m);
			g_free(m);
		}
		if (h.fte_e4 <= 0 || h.fte_e4 > 10000) {
			diag_emit(r->dc, DIAG_BAD_NUMBER, pos_at(r, c, "fte"), attr(r, c, "fte"), "FTE fraction",
				  "0.5 (above 0, at most 1)");
			h.fte_e4 = 10000;
		}
		p->holders[p->nholders++] = h;
	}
	if (p->nholders > p->nposts)
		diag_emit(r->dc, DIAG_HOLDERS, p->pos, p->id, p->nholders, p->nposts);
}

/* A path the statement names, relative to the statement's folder. */
static const char *resolve(reader *r, const char *given)
{
	if (g_path_is_absolute(given) || strcmp(r->d->dir, ".") == 0)
		return given;
	return arena_printf(r->a, "%s/%s", r->d->dir, given);
}

/* Why a file the statement names cannot be read, or NULL. */
static const char *unreadable(const char *path)
{
	if (g_file_test(path, G_FILE_TEST_IS_DIR))
		return "it is a folder";
	if (g_access(path, R_OK) != 0)
		return g_strerror(errno);
	return NULL;
}

/* The logo must be a PNG that cairo reads, of a size a cover needs: checked
 * here so that `check` finds it and nothing is laid out first. */
static void check_logo(reader *r, xmlNodePtr council, const char *given, const char *path)
{
	const char *why = unreadable(path);
	char *owned = NULL;
	if (!why) {
		unsigned char h[24];
		FILE *f = fopen(path, "rb");
		size_t n = f ? fread(h, 1, sizeof h, f) : 0;
		if (f)
			fclose(f);
		if (n < sizeof h || memcmp(h, "\x89PNG\r\n\x1a\n", 8) != 0 || memcmp(h + 12, "IHDR", 4) != 0) {
			why = "it is not a PNG image";
		} else {
			uint32_t w = (uint32_t)h[16] << 24 | (uint32_t)h[17] << 16 | (uint32_t)h[18] << 8 | h[19];
			uint32_t hh = (uint32_t)h[20] << 24 | (uint32_t)h[21] << 16 | (uint32_t)h[22] << 8 | h[23];
			if (w > LOGO_MAX_PX || hh > LOGO_MAX_PX) {
				why = owned = g_strdup_printf("it is %u x %u pixels, more than %d x %d", w, hh, LOGO_MAX_PX,
							      LOGO_MAX_PX);
			} else {
				cairo_surface_t *img = cairo_image_surface_create_from_png(path);
				cairo_status_t st = cairo_surface_status(img);
				if (st != CAIRO_STATUS_SUCCESS)
					why = owned = g_strdup_printf("the PNG cannot be read (%s)", cairo_status_to_string(st));
				cairo_surface_destroy(img);
			}
		}
	}
	if (why)
		diag_emit(r->dc, DIAG_LOGO, pos_at(r, council, "logo"), given, why);
	g_free(owned);
}

static void read_workforce(reader *r, xmlNodePtr n)
{
	pps_workforce *w = &r->d->workforce;
	w->present = true;
	w->pos = pos_of(r, n);
	w->date = date_attr(r, n, "date");
	w->basis = attr(r, n, "basis");
	if (!w->basis)
		w->basis = "fte-base";
	w->exclude_schools = yes(r, n, "exclude-schools", false);
	w->stated_median = money_attr(r, n, "median", 0);
	w->method = read_ml_child(r, n, "method");
	const char *csv = attr(r, n, "csv");
	if (csv) {
		w->csv = resolve(r, csv);
		const char *why = unreadable(w->csv);
		if (why)
			diag_emit(r->dc, DIAG_CSV_MISSING, pos_at(r, n, "csv"), csv, why);
	}
	int ne = 0;
	for (xmlNodePtr c = n->children; c; c = c->next)
		ne += is(c, "employee");
	if (!ne)
		return;
	w->emp = arena_array(r->a, (size_t)ne, sizeof(pps_employee));
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is(c, "employee"))
			continue;
		pps_employee e = {.line = (int)xmlGetLineNo(c)};
		e.salary = money_attr(r, c, "salary", 0);
		e.fte_e4 = (int32_t)scaled_attr(r, c, "fte", 4, 10000, "FTE fraction", "1 or 0.5");
		const char *g = attr(r, c, "gender");
		e.gender = g ? (char)tolower((unsigned char)g[0]) : 0;
		e.school = yes(r, c, "school", false);
		if (attr(r, c, "bonus")) {
			e.bonus = money_attr(r, c, "bonus", 0);
			w->has_bonus = true; /* one employee's bonus means the others' blank is none */
		}
		w->emp[w->nemp++] = e;
	}
}

static void read_multiple(reader *r, xmlNodePtr n, pps_multiple *m)
{
	m->pos = pos_of(r, n);
	m->id = attr(r, n, "id");
	check_id(r, n, m->id, "multiple");
	m->top = attr(r, n, "top");
	m->base = attr(r, n, "base");
	m->places = int_attr(r, n, "places", 2);
	if (m->places > 4) {
		diag_emit(r->dc, DIAG_BAD_NUMBER, pos_at(r, n, "places"), attr(r, n, "places"),
			  "number of decimal places", "0, 1 or 2");
		m->places = 2;
	}
	const char *st = attr(r, n, "style");
	m->one_first = st && strcmp(st, "1:x") == 0;
	m->spaced = yes(r, n, "spaced", false);
	m->limit_x100 = scaled_attr(r, n, "limit", 2, 0, "limit", "20");
	m->label = read_ml_child(r, n, "label");
	m->method = read_ml_child(r, n, "method");
	/* Earlier years' published values, for the chart of multiples over time. */
	for (xmlNodePtr c = n->children; c; c = c->next)
		m->nearlier += is(c, "earlier");
	m->earlier = arena_array(r->a, (size_t)m->nearlier, sizeof *m->earlier);
	int ne = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is(c, "earlier"))
			continue;
		struct pps_earlier *e = &m->earlier[ne++];
		e->pos = pos_of(r, c);
		e->year_start = int_attr(r, c, "year", 0);
		e->value = (double)scaled_attr(r, c, "value", 4, 0, "multiple", "11.16") / 10000.0;
		if (ne > 1 && e->year_start <= m->earlier[ne - 2].year_start) {
			char *y = g_strdup_printf("%d", e->year_start);
			diag_emit(r->dc, DIAG_BAD_NUMBER, pos_at(r, c, "year"), y, "year (earlier years go oldest first)",
				  "2016, then 2017");
			g_free(y);
		}
	}
	const char *q[2] = {m->top, m->base};
	const char *qa[2] = {"top", "base"};
	for (int i = 0; i < 2; i++) {
		const char *x = q[i];
		bool ok = x && (!strcmp(x, "lowest") || !strcmp(x, "median") || !strcmp(x, "chief-executive") ||
				!strcmp(x, "average-chief-officer") ||
				(g_str_has_prefix(x, "post:") && model_post(r->d, x + 5)));
		if (!ok)
			diag_emit(r->dc, DIAG_UNKNOWN_REF, pos_at(r, n, qa[i]), "quantity", x ? x : "");
	}
}

/* <lowest-paid>: a scale's point (of the proposal's points for that scale
 * when prop is given and changes it) or a salary. */
static void read_lowest(reader *r, xmlNodePtr c, pps_lowest *l, const pps_proposal *prop)
{
	const pps_doc *d = r->d;
	l->present = true;
	l->pos = pos_of(r, c);
	l->scale = attr(r, c, "scale");
	l->point = int_attr(r, c, "point", 0);
	l->salary = money_attr(r, c, "salary", 0);
	if (!l->scale)
		return;
	const pps_scale *s = model_scale(d, l->scale);
	const pps_prop_scale *ps = prop ? model_prop_scale(prop, l->scale) : NULL;
	bool found = false;
	if (ps)
		for (int i = 0; i < ps->npoints; i++)
			found |= ps->points[i].n == l->point;
	else if (s)
		found = model_point(s, l->point) != NULL;
	if (!s) {
		diag_emit(r->dc, DIAG_UNKNOWN_REF, pos_at(r, c, "scale"), "scale", l->scale);
	} else if (!found) {
		char *pt = g_strdup_printf("%d", l->point);
		diag_emit(r->dc, DIAG_UNKNOWN_REF, pos_at(r, c, "point"), ps ? "proposed spinal point" : "spinal point", pt);
		g_free(pt);
	}
}

/* A proposed scale's <grade>s, once its points are read: ref names a grade
 * of the current scale, id a new one; the points from/to must be among the
 * proposal's points for the scale, as a current grade's are among the
 * scale's. */
static void read_prop_grades(reader *r, xmlNodePtr c, pps_prop_scale *s)
{
	const pps_scale *cur = model_scale(r->d, s->ref);
	for (xmlNodePtr q = c->children; q; q = q->next) {
		if (!is(q, "grade"))
			continue;
		pps_prop_grade *g = &s->grades[s->ngrades++];
		g->pos = pos_of(r, q);
		g->ref = attr(r, q, "ref"); /* the schema asks for ref or id */
		g->id = attr(r, q, "id");
		g->drop = !g_strcmp0(attr(r, q, "drop"), "yes");
		g->from = int_attr(r, q, "from", 0);
		g->to = int_attr(r, q, "to", g->from);
		g->name = read_ml_child(r, q, "name");
		if (g->ref && cur && !model_grade(cur, g->ref))
			diag_emit(r->dc, DIAG_UNKNOWN_REF, pos_at(r, q, "ref"), "grade", g->ref);
		if (g->drop)
			continue;
		bool on = g->from <= g->to;
		const pps_point *lo = NULL, *hi = NULL;
		for (int i = 0; i < s->npoints; i++) {
			if (s->points[i].n == g->from)
				lo = &s->points[i];
			if (s->points[i].n == g->to)
				hi = &s->points[i];
		}
		if (!on || !lo || !hi)
			diag_emit(r->dc, DIAG_PROPOSAL_GRADE_RANGE, g->pos, g->ref ? g->ref : g->id ? g->id : "", g->from,
				  g->to, s->ref ? s->ref : "");
	}
}

/* <proposal>: the scales and posts it changes, each checked as the current
 * ones are (points ascending, salaries rising), and its lowest paid. */
static void read_proposal(reader *r, xmlNodePtr n, pps_proposal *p)
{
	const pps_doc *d = r->d;
	p->present = true;
	p->pos = pos_of(r, n);
	p->effective = attr(r, n, "effective");
	int ns = 0, np = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		ns += is(c, "scale");
		np += is(c, "post");
	}
	p->scales = arena_array(r->a, (size_t)ns, sizeof(pps_prop_scale));
	p->posts = arena_array(r->a, (size_t)np, sizeof(pps_prop_post));
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is(c, "scale")) {
			pps_prop_scale *s = &p->scales[p->nscales++];
			s->pos = pos_of(r, c);
			s->ref = attr(r, c, "ref");
			if (!model_scale(d, s->ref))
				diag_emit(r->dc, DIAG_UNKNOWN_REF, pos_at(r, c, "ref"), "scale", s->ref);
			int k = 0, kg = 0;
			for (xmlNodePtr q = c->children; q; q = q->next) {
				k += is(q, "point");
				kg += is(q, "grade");
			}
			s->points = arena_array(r->a, (size_t)k, sizeof(pps_point));
			s->grades = arena_array(r->a, (size_t)kg, sizeof(pps_prop_grade));
			for (xmlNodePtr q = c->children; q; q = q->next) {
				if (!is(q, "point"))
					continue;
				pps_point *pt = &s->points[s->npoints];
				pt->pos = pos_of(r, q);
				pt->n = int_attr(r, q, "n", 0);
				pt->salary = arena_array(r->a, 1, sizeof(int64_t));
				pt->salary[0] = money_attr(r, q, "salary", 0);
				if (s->npoints) {
					const pps_point *prev = &s->points[s->npoints - 1];
					if (pt->n <= prev->n)
						diag_emit(r->dc, DIAG_POINTS_ORDER, pt->pos, pt->n, prev->n);
					else if (pt->salary[0] < prev->salary[0]) {
						char *a1 = g_strdup_printf("£%.2f", (double)pt->salary[0] / 100);
						char *a2 = g_strdup_printf("£%.2f", (double)prev->salary[0] / 100);
						diag_emit(r->dc, DIAG_POINT_SALARY_ORDER, pt->pos, pt->n, a1, prev->n, a2);
						g_free(a1);
						g_free(a2);
					}
				}
				s->npoints++;
			}
			read_prop_grades(r, c, s);
		} else if (is(c, "post")) {
			pps_prop_post *pp = &p->posts[p->nposts++];
			pp->pos = pos_of(r, c);
			pp->ref = attr(r, c, "ref");
			if (!model_post(d, pp->ref))
				diag_emit(r->dc, DIAG_UNKNOWN_REF, pos_at(r, c, "ref"), "post", pp->ref);
			xmlNodePtr pts = child(c, "points");
			GArray *v = g_array_new(FALSE, FALSE, sizeof(int64_t));
			xmlChar *txt = pts ? xmlNodeGetContent(pts) : NULL;
			gchar **parts = g_strsplit_set(txt ? (const char *)txt : "", " \t\n", -1);
			for (gchar **q = parts; *q; q++) {
				int64_t x;
				if (!**q)
					continue;
				if (!parse_money(*q, &x)) {
					diag_emit(r->dc, DIAG_BAD_NUMBER, pos_of(r, pts), *q, "salary", "159201");
					continue;
				}
				if (v->len && x < g_array_index(v, int64_t, v->len - 1)) {
					char *a1 = g_strdup_printf("£%.2f", (double)x / 100);
					char *a2 = g_strdup_printf("£%.2f", (double)g_array_index(v, int64_t, v->len - 1) / 100);
					diag_emit(r->dc, DIAG_POINT_SALARY_ORDER, pos_of(r, pts), (int)v->len + 1, a1, (int)v->len, a2);
					g_free(a1);
					g_free(a2);
				}
				g_array_append_val(v, x);
			}
			g_strfreev(parts);
			if (txt)
				xmlFree(txt);
			pp->npoints = (int)v->len;
			pp->points = arena_memdup(r->a, v->data, sizeof(int64_t) * v->len);
			g_array_free(v, TRUE);
		}
	}
	/* The proposed lowest paid, read once the proposed scales are known. */
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is(c, "lowest-paid"))
			read_lowest(r, c, &p->lowest, p);
}

static void read_pay(reader *r, xmlNodePtr n)
{
	pps_doc *d = r->d;
	d->hours_x100 = (int32_t)scaled_attr(r, n, "hours", 2, 3700, "number of hours", "37 or 36.5");
	d->weeks_x1000 = (int32_t)scaled_attr(r, n, "weeks", 3, 52143, "number of weeks", "52.143");
	if (d->hours_x100 <= 0 || d->weeks_x1000 <= 0) {
		diag_emit(r->dc, DIAG_BAD_NUMBER, pos_of(r, n), "0", "number of hours or weeks", "37 and 52.143");
		d->hours_x100 = 3700;
		d->weeks_x1000 = 52143;
	}
	d->nlw_e4 = money_attr(r, n, "national-living-wage", 0) * 100;
	d->rlw_e4 = money_attr(r, n, "real-living-wage", 0) * 100;
	d->living_wage_supplement = yes(r, n, "living-wage-supplement", false);
	d->approval_threshold = money_attr(r, n, "approval-threshold", 10000000);
	int ns = 0, nsc = 0, np = 0, nm = 0;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		ns += is(c, "supplement");
		nsc += is(c, "scale");
		np += is(c, "post");
		nm += is(c, "multiple");
	}
	d->supps = arena_array(r->a, (size_t)ns, sizeof(pps_supplement));
	d->scales = arena_array(r->a, (size_t)nsc, sizeof(pps_scale));
	d->posts = arena_array(r->a, (size_t)np, sizeof(pps_post));
	d->multiples = arena_array(r->a, (size_t)nm, sizeof(pps_multiple));
	/* Supplements and posts first: scales and multiples refer to them. */
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is(c, "supplement"))
			read_supplement(r, c, &d->supps[d->nsupps++]);
		else if (is(c, "post"))
			read_post(r, c, &d->posts[d->nposts++]);
	for (xmlNodePtr c = n->children; c; c = c->next)
		if (is(c, "scale"))
			read_scale(r, c, &d->scales[d->nscales++]);
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (is(c, "multiple"))
			read_multiple(r, c, &d->multiples[d->nmultiples++]);
		else if (is(c, "workforce"))
			read_workforce(r, c);
		else if (is(c, "lowest-paid"))
			read_lowest(r, c, &d->lowest, NULL);
		else if (is(c, "proposal"))
			read_proposal(r, c, &d->proposal);
	}
}

/* Checks references that need the whole document: <ref to>, <scale-table scale>. */
static void check_refs_text(reader *r, const pps_ml *m)
{
	for (int l = 0; l < LANG_N; l++)
		for (int i = 0; i < m->tx[l].n; i++) {
			const pps_run *run = &m->tx[l].runs[i];
			if (run->kind == RUN_REF && !model_section(r->d, run->ref))
				diag_emit(r->dc, DIAG_UNKNOWN_REF, run->pos, "section or appendix", run->ref);
		}
}

static void check_refs_blocks(reader *r, const pps_block *b, int n)
{
	for (int i = 0; i < n; i++) {
		check_refs_text(r, &b[i].text);
		if (b[i].kind == BLK_SCALE_TABLE && !model_scale(r->d, b[i].ref))
			diag_emit(r->dc, DIAG_UNKNOWN_REF, b[i].pos, "scale", b[i].ref ? b[i].ref : "");
		if (b[i].kind == BLK_PROPOSAL_TABLE &&
		    !(b[i].post_ref ? (const void *)model_prop_post(&r->d->proposal, b[i].ref)
				    : (const void *)model_prop_scale(&r->d->proposal, b[i].ref)))
			diag_emit(r->dc, DIAG_UNKNOWN_REF, b[i].pos, b[i].post_ref ? "proposed post" : "proposed scale",
				  b[i].ref ? b[i].ref : "");
		else if (b[i].kind == BLK_PROPOSAL_TABLE && b[i].by_grade &&
			 (b[i].post_ref || !model_scale(r->d, b[i].ref)->ngrades))
			diag_emit(r->dc, DIAG_PROPOSAL_NO_GRADES, b[i].pos, b[i].ref ? b[i].ref : "");
		for (int k = 0; k < b[i].nitems; k++) {
			check_refs_text(r, &b[i].items[k].text);
			check_refs_blocks(r, b[i].items[k].sub, b[i].items[k].nsub);
		}
		if (b[i].table)
			for (int k = 0; k < b[i].table->nbody; k++)
				for (int c = 0; c < b[i].table->body[k].n; c++)
					check_refs_text(r, &b[i].table->body[k].cells[c].text);
	}
}

static void check_refs_sections(reader *r, const pps_section *s, int n)
{
	for (int i = 0; i < n; i++) {
		check_refs_blocks(r, s[i].blocks, s[i].nblocks);
		check_refs_sections(r, s[i].subs, s[i].nsubs);
	}
}

/* ---- The document --------------------------------------------------- */

/* The elements a statement cannot do without, said plainly before the
 * schema (whose message for a missing element names the one after it). */
static bool check_titles(reader *r, xmlNodePtr n)
{
	bool ok = true;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (!is(c, "section") && !is(c, "appendix"))
			continue;
		if (!child(c, "title")) {
			xmlChar *id = xmlGetProp(c, (const xmlChar *)"id");
			char *what = id ? g_strdup_printf("%s id=\"%s\"", (const char *)c->name, (const char *)id)
					: g_strdup((const char *)c->name);
			diag_emit(r->dc, DIAG_XML_MISSING, pos_of(r, c), what, "title",
				  "<title>…</title> as its first element");
			g_free(what);
			xmlFree(id);
			ok = false;
		}
		ok &= check_titles(r, c);
	}
	return ok;
}

static bool check_required(reader *r, xmlNodePtr root)
{
	bool ok = true;
	xmlNodePtr council = child(root, "council");
	if (!council) {
		diag_emit(r->dc, DIAG_XML_MISSING, pos_of(r, root), "statement", "council",
			  "<council><name>…</name></council> as its first element");
		ok = false;
	} else if (!child(council, "name")) {
		diag_emit(r->dc, DIAG_XML_MISSING, pos_of(r, council), "council", "name",
			  "<name>the council's name</name>");
		ok = false;
	}
	if (!child(root, "year")) {
		diag_emit(r->dc, DIAG_XML_MISSING, pos_of(r, root), "statement", "year",
			  "<year start=\"2019\"/> (for 2019-20) after <council> or <title>");
		ok = false;
	}
	return check_titles(r, root) && ok;
}

static void read_doc(reader *r, xmlNodePtr root)
{
	pps_doc *d = r->d;
	d->format_version = 1;
	const char *langs = attr(r, root, "languages");
	gchar **ls = g_strsplit_set(langs ? langs : "en", " ", -1);
	for (gchar **q = ls; *q && d->nlangs < LANG_N; q++)
		if (**q && !model_has_lang(d, lang_of(*q)))
			d->langs[d->nlangs++] = lang_of(*q);
	g_strfreev(ls);
	const char *j = attr(r, root, "jurisdiction");
	d->jurisdiction = j ? j : model_has_lang(d, LANG_CY) ? "wales" : "england";
	d->hours_x100 = 3700;
	d->weeks_x1000 = 52143;
	d->approval_threshold = 10000000;

	xmlNodePtr council = child(root, "council");
	d->council = read_short(r, council, "name", "a council's name", "");
	d->logo_alt = read_ml_child(r, council, "logo-alt");
	const char *logo = attr(r, council, "logo");
	if (logo) {
		d->logo = resolve(r, logo);
		check_logo(r, council, logo, d->logo);
	}
	d->title = read_title(r, root);
	xmlNodePtr year = child(root, "year");
	d->year_start = int_attr(r, year, "start", 0);
	if (d->year_start < 2000 || d->year_start > 2200) {
		diag_emit(r->dc, DIAG_BAD_NUMBER, pos_at(r, year, "start"), attr(r, year, "start"), "year",
			  "2018 (for 2018-19)");
		d->year_start = 2000;
	}
	xmlNodePtr dates = child(root, "dates");
	if (dates) {
		d->published = date_attr(r, dates, "published");
		d->approved = date_attr(r, dates, "approved");
		d->effective = date_attr(r, dates, "effective");
		const char *st = attr(r, dates, "status");
		d->approved_status = st && strcmp(st, "approved") == 0;
		d->version = attr(r, dates, "version");
	}
	d->contact = read_ml_child(r, root, "contact");
	xmlNodePtr pay = child(root, "pay");
	if (pay)
		read_pay(r, pay);

	int ns = 0, na = 0;
	for (xmlNodePtr c = root->children; c; c = c->next) {
		ns += is(c, "section");
		na += is(c, "appendix");
	}
	d->sections = arena_array(r->a, (size_t)ns, sizeof(pps_section));
	d->appendices = arena_array(r->a, (size_t)na, sizeof(pps_section));
	for (xmlNodePtr c = root->children; c; c = c->next) {
		if (is(c, "section")) {
			read_section(r, c, &d->sections[d->nsections], 1, arena_printf(r->a, "%d", d->nsections + 1));
			d->nsections++;
		} else if (is(c, "appendix")) {
			pps_section *s = &d->appendices[d->nappendices++];
			read_section(r, c, s, 1, NULL);
			s->letter = attr(r, c, "letter");
			s->exempt = yes(r, c, "exempt", false);
			s->exempt_para = attr(r, c, "exempt-paragraph");
		}
	}
	check_refs_sections(r, d->sections, d->nsections);
	check_refs_sections(r, d->appendices, d->nappendices);
}

static pps_doc *read_statement(const char *path, const char *buf, size_t len, const char *schema_path, diag_ctx *dc);

pps_doc *xml_read_statement(const char *path, const char *schema_path, diag_ctx *dc)
{
	return read_statement(path, NULL, 0, schema_path, dc);
}

pps_doc *xml_read_statement_mem(const char *name, const char *buf, size_t len, const char *schema_path, diag_ctx *dc)
{
	return read_statement(name, buf ? buf : "", len, schema_path, dc);
}

static pps_doc *read_statement(const char *path, const char *buf, size_t len, const char *schema_path, diag_ctx *dc)
{
	arena *a = arena_new();
	pps_doc *d = arena_alloc(a, sizeof *d);
	d->arena = a;
	d->path = arena_strdup(a, path);
	gchar *dir = g_path_get_dirname(path);
	d->dir = arena_strdup(a, dir);
	g_free(dir);
	reader r = {.d = d, .dc = dc, .a = a, .file = d->path};
	r.ids = g_hash_table_new(g_str_hash, g_str_equal);
	int errors_before = dc->nerrors;
	if (buf && len > XML_MAX_BYTES) {
		char *size = g_strdup_printf("%zu", len);
		diag_emit_file(dc, DIAG_FILE_TOO_BIG, r.file, 0, 0, size, (long long)XML_MAX_BYTES);
		g_free(size);
	} else if (buf) {
		char *b = arena_alloc(a, len + 1);
		memcpy(b, buf, len);
		b[len] = 0;
		r.buf = b;
		r.len = len;
	}

	xmlDocPtr doc = dc->nerrors == errors_before ? xml_parse_reader(&r, path) : NULL;
	if (doc) {
		xmlNodePtr root = xmlDocGetRootElement(doc);
		if (!root || strcmp((const char *)root->name, "statement") != 0) {
			diag_emit(dc, DIAG_XML_ROOT, pos_of(&r, root), root ? (const char *)root->name : "");
		} else {
			xmlChar *v = xmlGetProp(root, (const xmlChar *)"version");
			if (v && strcmp((const char *)v, "1") != 0)
				diag_emit(dc, DIAG_XML_VERSION, pos_at(&r, root, "version"), (const char *)v);
			xmlFree(v);
			if (dc->nerrors == errors_before && check_required(&r, root) && xml_validate(&r, doc, schema_path))
				read_doc(&r, root);
		}
		xmlFreeDoc(doc);
	}
	if (dc->nerrors == errors_before && d->workforce.csv)
		csv_read_workforce(d, dc);
	if (r.lines)
		g_array_free(r.lines, TRUE);
	g_hash_table_destroy(r.ids);
	if (dc->nerrors > errors_before) {
		arena_free(a);
		return NULL;
	}
	return d;
}

void doc_free(pps_doc *d)
{
	if (d)
		arena_free(d->arena);
}
