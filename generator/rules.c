/* rules.c — the statutory topics as data: reads templates/rules-<jurisdiction>.xml,
 * checks a statement's covers= attributes and dates against it, and builds the
 * compliance table and `check --report`; knows nothing about layout (rules.h). */
#include "rules.h"

#include <libxml/tree.h>
#include <stdarg.h>
#include <string.h>

#include "xml_read.h"

/* One statutory topic, as the rulebook states it. */
typedef struct {
	const char *id;
	const char *name[LANG_N];
	const char *source[LANG_N];
	bool dates; /* kind="dates": checked from <dates>, not from covers= */
} rule_topic;

/* A loaded rulebook; everything in its own arena, freed by rb_free(). */
typedef struct {
	arena *a;
	const char *path;
	rule_topic *topics;
	int ntopics;
	GHashTable *index;          /* topic id -> GINT_TO_POINTER(index + 1) */
	GHashTable *texts[LANG_N];  /* <text id> -> words the table writes itself */
} rulebook;

/* Where a topic is covered: the innermost section or appendix holding the
 * covering element, the top-level one it sits in, and the block's id when the
 * block has one (its page is more precise than the heading's). */
typedef struct {
	const pps_section *sec;
	const pps_section *top;
	const char *block_id;
} cover_at;

/* The kind="dates" topic checked from <dates approved=…>; the only dated
 * topic the code knows, so a rulebook may leave it out but not invent others. */
static bool is_approval(const rule_topic *tp) { return tp->dates && strcmp(tp->id, "approval") == 0; }

/* ---- Reading the rulebook ------------------------------------------- */

/* Element text with white space collapsed (names wrap across lines in the
 * file) and normalised to NFC, in the rulebook's arena. */
static const char *clean_text(rulebook *rb, xmlNodePtr n)
{
	xmlChar *raw = xmlNodeGetContent(n);
	char *nfc = g_utf8_normalize(raw ? (const char *)raw : "", -1, G_NORMALIZE_NFC);
	xmlFree(raw);
	GString *s = g_string_new(NULL);
	for (const char *p = nfc ? nfc : ""; *p; p++) {
		bool space = *p == ' ' || *p == '\t' || *p == '\n' || *p == '\r';
		if (!space)
			g_string_append_c(s, *p);
		else if (s->len && s->str[s->len - 1] != ' ')
			g_string_append_c(s, ' ');
	}
	if (s->len && s->str[s->len - 1] == ' ')
		g_string_truncate(s, s->len - 1);
	const char *out = arena_strdup(rb->a, s->str);
	g_string_free(s, TRUE);
	g_free(nfc);
	return out;
}

static bool named(xmlNodePtr n, const char *name)
{
	return n->type == XML_ELEMENT_NODE && strcmp((const char *)n->name, name) == 0;
}

static const char *prop(rulebook *rb, xmlNodePtr n, const char *name)
{
	xmlChar *v = xmlGetProp(n, (const xmlChar *)name);
	const char *s = v ? arena_strdup(rb->a, (const char *)v) : NULL;
	xmlFree(v);
	return s;
}

/* <x><cy>…</cy><en>…</en></x>, or plain text meaning both languages; a
 * language left out falls back to the other. */
static void read_ml(rulebook *rb, xmlNodePtr n, const char *out[LANG_N])
{
	bool any = false;
	for (xmlNodePtr c = n->children; c; c = c->next) {
		if (named(c, "cy") || named(c, "en")) {
			out[named(c, "cy") ? LANG_CY : LANG_EN] = clean_text(rb, c);
			any = true;
		}
	}
	if (!any)
		out[LANG_EN] = out[LANG_CY] = clean_text(rb, n);
	if (!out[LANG_EN])
		out[LANG_EN] = out[LANG_CY];
	if (!out[LANG_CY])
		out[LANG_CY] = out[LANG_EN];
}

static void rb_error(diag_ctx *dc, const rulebook *rb, int line, const char *what, const char *id)
{
	char *m = g_strdup_printf("%s%s%s%s", what, id ? " \"" : "", id ? id : "", id ? "\"" : "");
	diag_emit_file(dc, DIAG_TEMPLATE, rb->path, line, 0, m);
	g_free(m);
}

static void rb_free(rulebook *rb)
{
	if (rb->index)
		g_hash_table_destroy(rb->index);
	for (int l = 0; l < LANG_N; l++)
		if (rb->texts[l])
			g_hash_table_destroy(rb->texts[l]);
	if (rb->a)
		arena_free(rb->a);
	*rb = (rulebook){0};
}

/* Loads <t->dir>/rules-<jurisdiction>.xml; false (with messages in dc) when it
 * is missing or malformed. */
static bool rb_load(rulebook *rb, const pps_template *t, const char *jurisdiction, diag_ctx *dc)
{
	*rb = (rulebook){.a = arena_new()};
	for (int l = 0; l < LANG_N; l++)
		rb->texts[l] = g_hash_table_new(g_str_hash, g_str_equal);
	rb->index = g_hash_table_new(g_str_hash, g_str_equal);
	/* The jurisdiction names a file: letters only, so it cannot leave the directory. */
	const char *j = jurisdiction && *jurisdiction ? jurisdiction : "england";
	for (const char *p = j; *p; p++)
		if (!g_ascii_isalpha(*p))
			j = "england";
	char *base = g_strdup_printf("rules-%s.xml", j);
	char *path = g_build_filename(t->dir, base, NULL);
	rb->path = arena_strdup(rb->a, path);
	g_free(base);
	g_free(path);

	int before = dc->nerrors;
	xmlDocPtr doc = xml_parse_safely(rb->path, dc);
	xmlNodePtr root = doc ? xmlDocGetRootElement(doc) : NULL;
	if (doc && (!root || !named(root, "rulebook")))
		rb_error(dc, rb, 1, "the root element must be <rulebook>", NULL);
	int ntopic = 0;
	for (xmlNodePtr c = root ? root->children : NULL; c; c = c->next)
		ntopic += named(c, "topic");
	rb->topics = arena_array(rb->a, (size_t)ntopic, sizeof(rule_topic));
	for (xmlNodePtr c = root && named(root, "rulebook") ? root->children : NULL; c; c = c->next) {
		int line = (int)xmlGetLineNo(c);
		if (named(c, "text")) {
			const char *id = prop(rb, c, "id");
			const char *tx[LANG_N] = {0};
			read_ml(rb, c, tx);
			if (!id) {
				rb_error(dc, rb, line, "<text> needs an id", NULL);
				continue;
			}
			for (int l = 0; l < LANG_N; l++)
				g_hash_table_replace(rb->texts[l], (gpointer)id, (gpointer)tx[l]);
		} else if (named(c, "topic")) {
			rule_topic *tp = &rb->topics[rb->ntopics];
			*tp = (rule_topic){.id = prop(rb, c, "id")};
			const char *kind = prop(rb, c, "kind");
			tp->dates = kind && strcmp(kind, "dates") == 0;
			for (xmlNodePtr e = c->children; e; e = e->next) {
				if (named(e, "name"))
					read_ml(rb, e, tp->name);
				else if (named(e, "source"))
					read_ml(rb, e, tp->source);
			}
			if (!tp->id || !*tp->id) {
				rb_error(dc, rb, line, "<topic> needs an id", NULL);
				continue;
			}
			if (!tp->name[LANG_EN] || !*tp->name[LANG_EN] || !tp->source[LANG_EN]) {
				rb_error(dc, rb, line, "give <name> and <source> for the topic", tp->id);
				continue;
			}
			if ((kind && !tp->dates) || (tp->dates && !is_approval(tp))) {
				rb_error(dc, rb, line, "kind=\"dates\" is the only kind, and only for the topic \"approval\"; check topic", tp->id);
				continue;
			}
			if (g_hash_table_contains(rb->index, tp->id)) {
				rb_error(dc, rb, line, "a second topic with the id", tp->id);
				continue;
			}
			g_hash_table_insert(rb->index, (gpointer)tp->id, GINT_TO_POINTER(rb->ntopics + 1));
			rb->ntopics++;
		}
	}
	if (doc)
		xmlFreeDoc(doc);
	if (!doc || dc->nerrors > before) {
		rb_free(rb);
		return false;
	}
	return true;
}

/* A rulebook <text>, with {name} placeholders replaced from NULL-terminated
 * name, value pairs; in arena a.  "[id]" when the rulebook lacks it. */
static const char *rb_text(const rulebook *rb, pps_lang l, arena *a, const char *id, ...)
{
	const char *fmt = g_hash_table_lookup(rb->texts[l], id);
	if (!fmt)
		return arena_printf(a, "[%s]", id);
	GString *out = g_string_new(NULL);
	for (const char *p = fmt; *p;) {
		const char *e = *p == '{' ? strchr(p, '}') : NULL;
		const char *val = NULL;
		if (e) {
			va_list ap;
			va_start(ap, id);
			for (const char *k; !val && (k = va_arg(ap, const char *));) {
				const char *v = va_arg(ap, const char *);
				if (strlen(k) == (size_t)(e - p - 1) && strncmp(k, p + 1, (size_t)(e - p - 1)) == 0)
					val = v;
			}
			va_end(ap);
		}
		if (val) {
			g_string_append(out, val);
			p = e + 1;
		} else {
			g_string_append_c(out, *p++);
		}
	}
	const char *s = arena_strdup(a, out->str);
	g_string_free(out, TRUE);
	return s;
}

/* ---- Walking the statement's covers= -------------------------------- */

typedef struct {
	const rulebook *rb;
	const pps_doc *d;
	diag_ctx *dc;  /* unknown ids are reported here; NULL: not reported */
	GArray **hits; /* per topic: cover_at */
} walk;

/* Edit distance between two short ASCII ids, for "did you mean". */
static int distance(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la > 64 || lb > 64)
		return 99;
	int row[65];
	for (size_t j = 0; j <= lb; j++)
		row[j] = (int)j;
	for (size_t i = 1; i <= la; i++) {
		int diag = row[0];
		row[0] = (int)i;
		for (size_t j = 1; j <= lb; j++) {
			int up = row[j];
			int best = diag + (a[i - 1] != b[j - 1]);
			if (up + 1 < best)
				best = up + 1;
			if (row[j - 1] + 1 < best)
				best = row[j - 1] + 1;
			row[j] = best;
			diag = up;
		}
	}
	return row[lb];
}

static void report_unknown(const walk *w, const char *id, pps_pos pos)
{
	const char *best = NULL;
	int bestd = 3; /* farther than two edits is a different word, not a typo */
	for (int i = 0; i < w->rb->ntopics; i++) {
		int dd = distance(id, w->rb->topics[i].id);
		if (dd < bestd) {
			bestd = dd;
			best = w->rb->topics[i].id;
		}
	}
	char *tail = best ? g_strdup_printf("; did you mean \"%s\"?", best)
			  : g_strdup("; use one of the topic ids listed there");
	diag_emit(w->dc, DIAG_TOPIC_UNKNOWN, pos, id, w->d->jurisdiction, w->d->jurisdiction, tail);
	g_free(tail);
}

static void note_covers(walk *w, const char *covers, pps_pos pos, const pps_section *sec, const pps_section *top,
			const char *block_id)
{
	if (!covers)
		return;
	gchar **ids = g_strsplit_set(covers, " \t\r\n", -1);
	for (gchar **p = ids; *p; p++) {
		if (!**p)
			continue;
		int k = GPOINTER_TO_INT(g_hash_table_lookup(w->rb->index, *p)) - 1;
		if (k < 0) {
			if (w->dc)
				report_unknown(w, *p, pos);
			continue;
		}
		GArray *h = w->hits[k];
		bool seen = false;
		for (guint i = 0; i < h->len && !seen; i++)
			seen = g_array_index(h, cover_at, i).sec == sec;
		if (!seen) {
			cover_at c = {sec, top, block_id};
			g_array_append_val(h, c);
		}
	}
	g_strfreev(ids);
}

static void walk_block(walk *w, const pps_block *b, const pps_section *sec, const pps_section *top)
{
	note_covers(w, b->covers, b->pos, sec, top, b->id);
	if (b->kind == BLK_LIST)
		for (int i = 0; i < b->nitems; i++)
			for (int j = 0; j < b->items[i].nsub; j++)
				walk_block(w, &b->items[i].sub[j], sec, top);
}

static void walk_section(walk *w, const pps_section *s, const pps_section *top)
{
	note_covers(w, s->covers, s->pos, s, top, NULL);
	for (int i = 0; i < s->nblocks; i++)
		walk_block(w, &s->blocks[i], s, top);
	for (int i = 0; i < s->nsubs; i++)
		walk_section(w, &s->subs[i], top);
}

/* Fills w->hits (one array per topic, document order). */
static void collect(walk *w, const rulebook *rb, const pps_doc *d, diag_ctx *dc)
{
	*w = (walk){.rb = rb, .d = d, .dc = dc};
	w->hits = g_new0(GArray *, (gsize)rb->ntopics + 1);
	for (int i = 0; i < rb->ntopics; i++)
		w->hits[i] = g_array_new(FALSE, FALSE, sizeof(cover_at));
	for (int i = 0; i < d->nsections; i++)
		walk_section(w, &d->sections[i], &d->sections[i]);
	for (int i = 0; i < d->nappendices; i++)
		walk_section(w, &d->appendices[i], &d->appendices[i]);
}

static void walk_free(walk *w)
{
	for (int i = 0; i < w->rb->ntopics; i++)
		g_array_free(w->hits[i], TRUE);
	g_free(w->hits);
}

/* ---- Checks ---------------------------------------------------------- */

/* Dates are ISO YYYY-MM-DD (xml_read.c rejects anything else), so they
 * compare as strings.  The model keeps no position for <dates>, so these
 * messages name the file only. */
static void check_dated(const pps_doc *d, const rule_topic *tp, diag_ctx *dc)
{
	pps_pos at = {d->path, 0, 0};
	char deadline[16];
	g_snprintf(deadline, sizeof deadline, "%04d-03-31", d->year_start);
	if (is_approval(tp)) {
		/* s39: "before the end of 31 March": the 31st itself is in time. */
		if (d->approved && strcmp(d->approved, deadline) > 0)
			diag_emit(dc, DIAG_APPROVAL_LATE, at, d->approved, d->year_start);
		else if (!d->approved && d->approved_status)
			diag_emit(dc, DIAG_APPROVAL_MISSING, at);
	}
}

/* One statement per financial year (s38(1)): it takes effect within it. */
static void check_year(const pps_doc *d, diag_ctx *dc)
{
	pps_pos at = {d->path, 0, 0};
	int y = d->year_start;
	char first[16], last[16];
	g_snprintf(first, sizeof first, "%04d-04-01", y);
	g_snprintf(last, sizeof last, "%04d-03-31", y + 1);
	if (d->effective && (strcmp(d->effective, first) < 0 || strcmp(d->effective, last) > 0))
		diag_emit(dc, DIAG_YEAR_MISMATCH, at, y, (y + 1) % 100, y, y + 1, d->effective);
}

void rules_check(const pps_doc *d, const pps_template *t, diag_ctx *dc)
{
	rulebook rb;
	if (!rb_load(&rb, t, d->jurisdiction, dc))
		return;
	walk w;
	collect(&w, &rb, d, dc);
	pps_pos at = {d->path, 0, 0}; /* a missing topic is nowhere in the file */
	/* One message per topic, in rulebook order, so the list reads like the Act. */
	for (int i = 0; i < rb.ntopics; i++) {
		const rule_topic *tp = &rb.topics[i];
		if (tp->dates)
			check_dated(d, tp, dc);
		else if (w.hits[i]->len == 0)
			diag_emit(dc, DIAG_TOPIC_MISSING, at, tp->id, tp->name[LANG_EN], tp->source[LANG_EN], tp->id);
	}
	check_year(d, dc);
	walk_free(&w);
	rb_free(&rb);
}

/* ---- The compliance table -------------------------------------------- */

static int page_lookup(GHashTable *page_of, const char *prefix, const char *id)
{
	if (!page_of || !id)
		return 0;
	char *key = g_strconcat(prefix ? prefix : "", id, NULL);
	int page = GPOINTER_TO_INT(g_hash_table_lookup(page_of, key));
	g_free(key);
	return page;
}

/* "13 Pay Relativities" / "Appendix A NJC Pay Scales", then ", page 22" when
 * page_of knows the page. */
static const char *where_of(const rulebook *rb, const cover_at *c, pps_lang l, GHashTable *page_of,
			    const char *prefix, arena *a)
{
	const char *title = text_plain(a, ml_text(&c->sec->title, l));
	const char *where;
	if (c->sec->number)
		where = rb_text(rb, l, a, "where-section", "number", c->sec->number, "title", title, NULL);
	else
		where = rb_text(rb, l, a, "where-appendix", "letter", c->top->letter ? c->top->letter : "",
				"title", title, NULL);
	int page = page_lookup(page_of, prefix, c->block_id);
	if (!page)
		page = page_lookup(page_of, prefix, c->sec->id);
	if (!page)
		page = page_lookup(page_of, prefix, c->top->id);
	if (page <= 0)
		return where;
	char num[16];
	g_snprintf(num, sizeof num, "%d", page);
	return rb_text(rb, l, a, "where-page", "where", where, "page", num, NULL);
}

/* For a kind="dates" topic: "Approved by full Council on 28 February 2018",
 * or "Not yet approved …"; NULL when approved but the date is missing. */
static const char *approval_of(const rulebook *rb, const pps_doc *d, const pps_template *t, pps_lang l, arena *a)
{
	if (d->approved) {
		char *date = tpl_date(t, l, d->approved);
		const char *s = rb_text(rb, l, a, "approved-on", "date", date, NULL);
		g_free(date);
		return s;
	}
	return d->approved_status ? NULL : rb_text(rb, l, a, "not-approved", NULL);
}

/* The "where" cell of topic i: every covering section joined by "; ". */
static const char *where_cell(const rulebook *rb, const walk *w, int i, const pps_doc *d, const pps_template *t,
			      pps_lang l, GHashTable *page_of, const char *prefix, arena *a, bool *covered)
{
	GString *s = g_string_new(NULL);
	if (is_approval(&rb->topics[i])) {
		const char *ap = approval_of(rb, d, t, l, a);
		if (ap)
			g_string_append(s, ap);
	}
	const GArray *h = w->hits[i];
	for (guint k = 0; k < h->len; k++) {
		if (s->len)
			g_string_append(s, "; ");
		g_string_append(s, where_of(rb, &g_array_index(h, cover_at, k), l, page_of, prefix, a));
	}
	*covered = s->len > 0;
	const char *out = s->len ? arena_strdup(a, s->str) : rb_text(rb, l, a, "not-covered", NULL);
	g_string_free(s, TRUE);
	return out;
}

bool rules_compliance_rows(const pps_doc *d, const pps_template *t, pps_lang lang, GHashTable *page_of,
			   const char *prefix, rules_table_spec *out, arena *a)
{
	*out = (rules_table_spec){0};
	/* rules_check has already reported any problem with the rulebook. */
	diag_ctx quiet;
	diag_init(&quiet);
	rulebook rb;
	bool ok = rb_load(&rb, t, d->jurisdiction, &quiet);
	diag_clear(&quiet);
	if (!ok)
		return false;
	walk w;
	collect(&w, &rb, d, NULL);
	out->nrows = rb.ntopics;
	out->cells = arena_array(a, (size_t)rb.ntopics * 3, sizeof(const char *));
	for (int i = 0; i < rb.ntopics; i++) {
		bool covered;
		out->cells[i * 3] = arena_strdup(a, rb.topics[i].name[lang]);
		out->cells[i * 3 + 1] = arena_strdup(a, rb.topics[i].source[lang]);
		out->cells[i * 3 + 2] = where_cell(&rb, &w, i, d, t, lang, page_of, prefix, a, &covered);
	}
	walk_free(&w);
	rb_free(&rb);
	return true;
}

void rules_report(const pps_doc *d, const pps_template *t, pps_lang lang, FILE *f)
{
	diag_ctx quiet;
	diag_init(&quiet);
	rulebook rb;
	bool ok = rb_load(&rb, t, d->jurisdiction, &quiet);
	if (!ok) {
		fprintf(f, "no rulebook for \"%s\" in %s\n", d->jurisdiction ? d->jurisdiction : "", t->dir);
		diag_clear(&quiet);
		return;
	}
	diag_clear(&quiet);
	walk w;
	collect(&w, &rb, d, NULL);
	int width = 0, ncovered = 0;
	for (int i = 0; i < rb.ntopics; i++)
		if ((int)strlen(rb.topics[i].id) > width)
			width = (int)strlen(rb.topics[i].id);
	char deadline[16];
	g_snprintf(deadline, sizeof deadline, "%04d-03-31", d->year_start);
	for (int i = 0; i < rb.ntopics; i++) {
		const rule_topic *tp = &rb.topics[i];
		bool covered;
		const char *where = where_cell(&rb, &w, i, d, t, lang, NULL, "", rb.a, &covered);
		const char *state = "COVERED in";
		if (is_approval(tp)) {
			/* Covered by the approval date itself, not by a section. */
			covered = d->approved != NULL;
			state = !d->approved_status && !d->approved ? "DRAFT"
				: d->approved && strcmp(d->approved, deadline) > 0 ? "LATE"
										    : "COVERED";
		}
		if (!covered && strcmp(state, "DRAFT") != 0)
			fprintf(f, "%-*s  MISSING  %s (%s)\n", width, tp->id, tp->name[lang], tp->source[lang]);
		else
			fprintf(f, "%-*s  %s %s\n", width, tp->id, state, where);
		ncovered += covered;
	}
	fprintf(f, "%d of %d topics covered\n", ncovered, rb.ntopics);
	walk_free(&w);
	rb_free(&rb);
}
