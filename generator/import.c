/* import.c — `ppsgen import`: docx_read's blocks written as a statement.
 * Headings become nested sections (numbering stripped: ppsgen numbers), a
 * trailing run of "Appendix X – ..." headings appendices, the document's one
 * top heading (or Title) the statement's title; lists nest by level; a table
 * that looks like a pay scale becomes a <scale> in <pay> and a <scale-table>
 * at its place.  The pay block otherwise is new.c's starting point. */
#include "import.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "figures.h"
#include "new.h"
#include "xml_read.h"

typedef struct node {
	char *title;       /* plain text, numbering stripped */
	char *title_en;    /* paired documents: the English title; else NULL */
	int level;         /* the heading's outline level (0: the document) */
	int para;
	bool appendix, drop, front;
	char *letter;
	int ndropped;
	GString *body;     /* the blocks, as XML */
	GPtrArray *kids;
	struct node *parent;
	int depth;         /* 0: the document; 1: a top-level section */
} node;

typedef struct {
	const dx_doc *d;
	const import_opts *o;
	diag_ctx *dc;
	GString *scales;   /* <scale> elements for <pay> */
	int nscales;
	char *lowest_scale;
	int lowest_point;
	int64_t lowest_salary;
	GHashTable *ids;
	/* the list being written */
	int list_depth, list_num;
	GPtrArray *pending_notes;
	const char *last_short; /* the paragraph before a table, for a scale's name */
	bool bilingual;         /* languages="cy en": paired documents */
} imp;

static node *node_new(node *parent, const char *title, int level, int para)
{
	node *n = g_new0(node, 1);
	n->title = g_strdup(title);
	n->level = level;
	n->para = para;
	n->body = g_string_new(NULL);
	n->kids = g_ptr_array_new();
	n->parent = parent;
	n->depth = parent ? parent->depth + 1 : 0;
	if (parent)
		g_ptr_array_add(parent->kids, n);
	return n;
}

static void node_free(node *n)
{
	for (guint i = 0; i < n->kids->len; i++)
		node_free(n->kids->pdata[i]);
	g_ptr_array_free(n->kids, TRUE);
	g_string_free(n->body, TRUE);
	g_free(n->title);
	g_free(n->title_en);
	g_free(n->letter);
	g_free(n);
}

static char *indent(int depth) { return g_strnfill((gsize)(2 * depth + 2), ' '); }

/* "3.2 Pay" -> "Pay": ppsgen numbers sections itself. */
static char *strip_number(const char *s)
{
	GRegex *re = g_regex_new("^\\s*\\d{1,3}(\\.\\d{1,3})*\\.?\\)?\\s+", 0, 0, NULL);
	char *r = g_regex_replace_literal(re, s, -1, 0, "", G_REGEX_MATCH_ANCHORED, NULL);
	g_regex_unref(re);
	g_strstrip(r);
	for (char *p = r; *p; p++)
		if (*p == '\n' || *p == '\t')
			*p = ' ';
	return r;
}

static bool is_contents(const char *t)
{
	static const char *names[] = {"contents", "table of contents", "cynnwys", "tabl cynnwys"};
	for (size_t i = 0; i < G_N_ELEMENTS(names); i++)
		if (!g_ascii_strcasecmp(t, names[i]))
			return true;
	return false;
}

/* "Appendix A – NJC Pay Scales": the letter and the title after it. */
static bool appendix_title(const char *t, char **letter, char **rest)
{
	GRegex *re = g_regex_new("^(?:appendix|atodiad)\\s+([A-Z]{1,2}|\\d{1,2})\\b\\s*(?:[-–—:.]\\s*)?(.*)$",
				 G_REGEX_CASELESS, 0, NULL);
	GMatchInfo *m;
	bool ok = g_regex_match(re, t, 0, &m);
	if (ok) {
		*letter = g_match_info_fetch(m, 1);
		char *r = g_match_info_fetch(m, 2);
		*rest = *r ? r : (g_free(r), g_strdup(t));
	}
	g_match_info_free(m);
	g_regex_unref(re);
	return ok;
}

/* A unique NCName from a title: "s-pay-relativities". */
static char *make_id(imp *im, const char *prefix, const char *title)
{
	GString *s = g_string_new(prefix);
	bool dash = false;
	for (const char *p = title; *p && s->len < 40; p++) {
		if (g_ascii_isalnum(*p)) {
			if (dash && s->len > strlen(prefix))
				g_string_append_c(s, '-');
			g_string_append_c(s, g_ascii_tolower(*p));
			dash = false;
		} else {
			dash = true;
		}
	}
	if (s->len == strlen(prefix))
		g_string_append(s, "section");
	char *base = g_string_free(s, FALSE);
	char *id = g_strdup(base);
	for (int k = 2; g_hash_table_contains(im->ids, id); k++) {
		g_free(id);
		id = g_strdup_printf("%s-%d", base, k);
	}
	g_free(base);
	g_hash_table_add(im->ids, id);
	return g_strdup(id);
}

static char *snippet_of(const char *s)
{
	char *c = g_strstrip(g_strdup(s));
	if (g_utf8_strlen(c, -1) > 60) {
		*g_utf8_offset_to_pointer(c, 57) = 0;
		char *r = g_strconcat(c, "...", NULL);
		g_free(c);
		return r;
	}
	return c;
}

/* ---- Pay scales ------------------------------------------------------ */

/* "£17,364.00", "17364", "17,364": pence; -1 when not an amount. */
static int64_t money(const char *s, char **mark)
{
	while (g_ascii_isspace(*s))
		s++;
	if (!strncmp(s, "£", strlen("£")))
		s += strlen("£");
	int64_t v = 0;
	int digits = 0, group = -1;
	const char *p = s;
	for (; *p; p++) {
		if (g_ascii_isdigit(*p)) {
			v = v * 10 + (*p - '0');
			digits++;
			if (group >= 0)
				group++;
			if (v > 1000000000)
				return -1;
		} else if (*p == ',' && digits && (group < 0 || group == 3)) {
			group = 0;
		} else {
			break;
		}
	}
	if (!digits || (group >= 0 && group != 3))
		return -1;
	v *= 100;
	if (*p == '.' && g_ascii_isdigit(p[1]) && g_ascii_isdigit(p[2])) {
		v += (p[1] - '0') * 10 + (p[2] - '0');
		p += 3;
	}
	const char *m = p;
	while (*p == '*' || *p == ' ')
		p++;
	if (*p)
		return -1;
	if (mark) {
		char *t = g_strstrip(g_strndup(m, (gsize)(p - m)));
		*mark = t;
	}
	return v;
}

static bool point_number(const char *s, int *n)
{
	char *end;
	while (g_ascii_isspace(*s))
		s++;
	long v = strtol(s, &end, 10);
	while (g_ascii_isspace(*end))
		end++;
	if (end == s || *end || v < 0 || v > 9999)
		return false;
	*n = (int)v;
	return true;
}

static bool header_has(const char *h, const char *const *words)
{
	char *l = g_utf8_strdown(h, -1);
	bool r = false;
	for (; *words && !r; words++)
		r = strstr(l, *words) != NULL;
	g_free(l);
	return r;
}

static char *money_str(int64_t p)
{
	return p % 100 ? g_strdup_printf("%lld.%02lld", (long long)(p / 100), (long long)(p % 100))
		       : g_strdup_printf("%lld", (long long)(p / 100));
}

static void free_heads(dx_text *h, int n)
{
	for (int j = 0; j < n; j++) {
		g_free(h[j].inl);
		g_free(h[j].plain);
		g_free(h[j].plain_en);
	}
	g_free(h);
}

/* A salary or supplement column's head as its name: the head without the
 * "Salary (£)" ppsgen prints under every such name (label), nor a language
 * left empty by that (empty).  g_free the result. */
static char *column_name(GRegex *label, GRegex *empty, const char *head_inl)
{
	char *c0 = g_regex_replace(label, head_inl, -1, 0, "", 0, NULL);
	char *c = g_regex_replace(empty, c0, -1, 0, "", 0, NULL);
	g_free(c0);
	return g_strstrip(c);
}

/* "Basic + 8%", "8.5% supplement": the percentage a column head names, in
 * basis points (800); -1 when it names none. */
static int head_percent(const char *head)
{
	GMatchInfo *mi = NULL;
	static GRegex *re;
	if (!re)
		re = g_regex_new("(?<![\\d.,])(\\d{1,2})(?:[.,](\\d{1,2}))?\\s*%", G_REGEX_OPTIMIZE, 0, NULL);
	int bp = -1;
	if (g_regex_match(re, head, 0, &mi)) {
		char *w = g_match_info_fetch(mi, 1), *f = g_match_info_fetch(mi, 2);
		bp = atoi(w) * 100 + (f && *f ? (f[1] ? atoi(f) : atoi(f) * 10) : 0);
		g_free(w);
		g_free(f);
	}
	g_match_info_free(mi);
	return bp > 0 ? bp : -1;
}

/* A table whose header names a point column, with salary columns (every
 * value an amount of £1,000 or more, rising with the points), becomes a
 * scale.  A column whose head names a percentage and whose amounts are the
 * first salary column's plus it (fig_supplement's rounding) becomes a
 * <supplement>; hourly rates (rates="yes") and other derived columns are
 * left to ppsgen, and said so. */
static bool pay_scale(imp *im, const dx_block *b, node *n)
{
	static const char *const POINT[] = {"point", "scp", "spinal", "pwynt", "spine", NULL};
	static const char *const GRADE[] = {"grade", "gradd", "band", NULL};
	static const char *const DERIVED[] = {"hour", "awr", "rate", "%", "week", "month", "mis", NULL};
	const dx_table *t = b->table;
	int h = t->nhead, nc = t->ncols;
	/* No row marked as a header: the leading rows without a number are. */
	for (; !t->nhead && h < t->nrows; h++) {
		bool num = false;
		for (int j = 0; j < nc && !num; j++)
			num = money(t->cells[h * nc + j].plain, NULL) >= 0;
		if (num)
			break;
	}
	if (!h)
		h = 1;
	if (t->nrows - h < 2 || nc < 2)
		return false;
	/* Each column's heading: the texts over it in every header row, a
	 * merged cell's over each column it spans ("April 2017" "Salary"). */
	dx_text *head = g_new0(dx_text, (gsize)nc);
	for (int j = 0; j < nc; j++) {
		GString *hp = g_string_new(NULL), *hi = g_string_new(NULL), *he = g_string_new(NULL);
		for (int i = 0; i < h; i++) {
			int k = j;
			while (k > 0 && t->cells[i * nc + k].span == 0)
				k--;
			const dx_text *c = &t->cells[i * nc + k];
			char *p = g_strstrip(g_strdup(c->plain));
			if (*p) {
				g_string_append_printf(hp, "%s%s", hp->len ? " " : "", p);
				g_string_append_printf(hi, "%s%s", hi->len ? " " : "", c->inl);
			}
			g_free(p);
			char *e = c->plain_en ? g_strstrip(g_strdup(c->plain_en)) : NULL; /* paired documents */
			if (e && *e)
				g_string_append_printf(he, "%s%s", he->len ? " " : "", e);
			g_free(e);
		}
		head[j] = (dx_text){.inl = g_string_free(hi, FALSE), .plain = g_string_free(hp, FALSE), .span = 1,
				    .plain_en = he->len ? g_string_free(he, FALSE) : (g_string_free(he, TRUE), NULL)};
	}
	int pc = -1, gc = -1;
	for (int j = 0; j < nc; j++) {
		if (pc < 0 && header_has(head[j].plain, POINT))
			pc = j;
		else if (gc < 0 && header_has(head[j].plain, GRADE))
			gc = j;
	}
	if (pc < 0) {
		free_heads(head, nc);
		return false;
	}
	int npts = t->nrows - h;
	int *pts = g_new(int, (gsize)npts);
	char kind[64] = {0}; /* per column: 'p' point, 'g' grade, 's' salary, 'u' supplement, 'd' dropped, 'n' a supplement that is not */
	if (nc > 63) {
		g_free(pts);
		free_heads(head, nc);
		return false;
	}
	bool ok = true;
	for (int i = 0; i < npts && ok; i++) {
		ok = point_number(t->cells[(h + i) * nc + pc].plain, &pts[i]) && (i == 0 || pts[i] > pts[i - 1]);
	}
	int nsal = 0;
	for (int j = 0; j < nc && ok; j++) {
		if (j == pc) {
			kind[j] = 'p';
			continue;
		}
		if (j == gc) {
			kind[j] = 'g';
			continue;
		}
		bool all_money = true, big = true, rising = true;
		int64_t prev = -1;
		for (int i = 0; i < npts && all_money; i++) {
			int64_t v = money(t->cells[(h + i) * nc + j].plain, NULL);
			all_money = v >= 0;
			big = big && v >= 100000 && v <= 1000000000;
			rising = rising && v >= prev;
			prev = v;
		}
		if (header_has(head[j].plain, DERIVED))
			kind[j] = 'd'; /* rates and supplements: ppsgen computes them */
		else if (all_money && big && rising)
			kind[j] = 's', nsal++;
		else if (all_money)
			kind[j] = 'd';
		else
			kind[j] = 'x'; /* a label column: <extra> */
	}
	if (!ok || !nsal) {
		g_free(pts);
		free_heads(head, nc);
		return false;
	}
	char num[16];
	g_snprintf(num, sizeof num, "%d", ++im->nscales);
	char *id = make_id(im, "scale-", num);
	diag_emit_file(im->dc, DIAG_IMPORT_SCALE, im->d->where, b->para, -1, id, npts, nsal, nsal == 1 ? "" : "s");
	GString *s = im->scales;
	g_string_append_printf(s, "    <!-- Read from the table at %s:%d as a pay scale: HR, check every point and salary\n"
				  "         against the payroll, then delete this comment. -->\n",
			       im->d->where, b->para);
	/* Supplements: a derived column with a percentage in its head, not an
	 * hourly, weekly or monthly amount, every amount the first salary
	 * column's plus that percentage as ppsgen rounds it. */
	static const char *const PERIOD[] = {"hour", "awr", "week", "wythnos", "month", "mis", NULL};
	/* "Current Salary (£)": ppsgen prints a column's name over its own
	 * "Salary (£)", so the name is "Current" (in each language of a paired
	 * head), and a head of the label alone names nothing. */
	GRegex *label = g_regex_new("\\s*\\b(Salary|Cyflog)( \\(£\\))?\\s*(?=</cy>|</en>|$)", G_REGEX_CASELESS, 0, NULL);
	GRegex *empty = g_regex_new("\\s*<(cy|en)></\\1>", 0, 0, NULL);
	int base = 0;
	while (kind[base] != 's')
		base++;
	GString *supps = g_string_new(NULL);
	for (int j = 0; j < nc; j++) {
		int bp = kind[j] == 'd' && !header_has(head[j].plain, PERIOD) ? head_percent(head[j].plain) : -1;
		if (bp < 0)
			continue;
		char pc_s[16];
		g_snprintf(pc_s, sizeof pc_s, bp % 100 ? "%d.%02d" : "%d", bp / 100, bp % 100);
		if (bp % 10 == 0 && bp % 100)
			pc_s[strlen(pc_s) - 1] = 0; /* "8.5", not "8.50" */
		char *hd = head[j].plain_en ? g_strdup_printf("%s / %s", head[j].plain, head[j].plain_en)
					    : g_strstrip(g_strdup(head[j].plain));
		int bad = -1;
		int64_t got = 0, want = 0;
		for (int i = 0; i < npts && bad < 0; i++) {
			got = money(t->cells[(h + i) * nc + j].plain, NULL);
			want = fig_supplement(money(t->cells[(h + i) * nc + base].plain, NULL), bp);
			if (got != want)
				bad = i;
		}
		if (bad >= 0) {
			char *gp = got >= 0 ? fig_pounds(got) : NULL, *wp = fig_pounds(want);
			char *g = gp ? g_strdup_printf("£%s", gp) : g_strdup_printf("\"%s\"", t->cells[(h + bad) * nc + j].plain);
			char *w = g_strdup_printf("£%s", wp);
			g_free(gp);
			g_free(wp);
			diag_emit_file(im->dc, DIAG_IMPORT_SUPPLEMENT_DIFFERS, im->d->where, b->para, -1, j + 1, hd, pc_s,
				       pc_s, pts[bad], g, w);
			g_free(g);
			g_free(w);
			kind[j] = 'n'; /* said so already */
		} else {
			char *sid = make_id(im, "supplement-", pc_s);
			diag_emit_file(im->dc, DIAG_IMPORT_SUPPLEMENT, im->d->where, b->para, -1, j + 1, hd, sid, pc_s);
			char *c = column_name(label, empty, head[j].inl);
			g_string_append_printf(s, "    <supplement id=\"%s\" percent=\"%s\"><name>%s</name></supplement>\n", sid,
					       pc_s, c);
			g_string_append_printf(supps, "%s%s", supps->len ? " " : "", sid);
			g_free(c);
			g_free(sid);
			kind[j] = 'u';
		}
		g_free(hd);
	}
	for (int j = 0; j < nc; j++)
		if (kind[j] == 'd') {
			char *hd = head[j].plain_en ? g_strdup_printf("%s / %s", head[j].plain, head[j].plain_en)
						    : g_strstrip(g_strdup(head[j].plain));
			diag_emit_file(im->dc, DIAG_IMPORT_SCALE_COLUMN, im->d->where, b->para, -1, j + 1, hd);
			g_free(hd);
		}
	/* Hourly rates when the table had them (ppsgen computes them). */
	static const char *const HOURLY[] = {"hour", "awr", NULL};
	bool rates = false;
	for (int j = 0; j < nc; j++)
		rates = rates || (kind[j] == 'd' && header_has(head[j].plain, HOURLY));
	g_string_append_printf(s, "    <scale id=\"%s\" rates=\"%s\"", id, rates ? "yes" : "no");
	if (supps->len)
		g_string_append_printf(s, " supplements=\"%s\"", supps->str);
	g_string_append(s, ">\n");
	g_string_free(supps, TRUE);
	const char *name = im->last_short ? im->last_short : n->title && *n->title ? n->title : "Pay scale";
	char *al = NULL, *ar = NULL;
	if (appendix_title(name, &al, &ar)) /* "Appendix A – NJC Pay Scales": the scale is "NJC Pay Scales" */
		name = ar;
	char *e = g_markup_escape_text(name, -1);
	g_free(al);
	g_free(ar);
	g_string_append_printf(s, "      <name>%s</name>\n", e);
	g_free(e);
	char *pl = g_strstrip(g_strdup(head[pc].plain));
	e = g_markup_escape_text(pl, -1);
	if (head[pc].plain_en && *e) { /* paired documents: the label in each language */
		char *en = g_markup_escape_text(head[pc].plain_en, -1);
		char *both = g_strdup_printf("<cy>%s</cy><en>%s</en>", e, en);
		g_free(en);
		g_free(e);
		e = both;
	}
	if (*e)
		g_string_append_printf(s, "      <point-label>%s</point-label>\n", e);
	g_free(e);
	g_free(pl);
	for (int j = 0; j < nc; j++)
		if (kind[j] == 's') {
			char *c = column_name(label, empty, head[j].inl);
			if (nsal > 1 || *c) /* one salary column needs no name */
				g_string_append_printf(s, "      <column>%s</column>\n", c);
			g_free(c);
		}
	g_regex_unref(label);
	g_regex_unref(empty);
	for (int j = 0; j < nc; j++)
		if (kind[j] == 'x')
			g_string_append_printf(s, "      <extra id=\"%s-x%d\"><name>%s</name></extra>\n", id, j + 1,
					       *head[j].inl ? head[j].inl : "-");
	/* Grades: runs of the same text (a merged cell leaves the rest empty). */
	if (gc >= 0) {
		char *cur = NULL;
		int from = 0;
		for (int i = 0; i <= npts; i++) {
			const char *g = i < npts ? g_strstrip(t->cells[(h + i) * nc + gc].plain) : NULL;
			if (i < npts && (!*g || (cur && !strcmp(g, cur))))
				continue;
			if (cur) {
				char *ge = g_markup_escape_text(cur, -1);
				/* The cell's text is the grade's name as printed ("Grade A"):
				 * without <name> ppsgen would print "Grade Grade A". */
				g_string_append_printf(s, "      <grade id=\"%s\" from=\"%d\" to=\"%d\"><name>%s</name></grade>\n",
						       ge, pts[from], pts[i - 1], t->cells[(h + from) * nc + gc].inl);
				g_free(ge);
			}
			cur = (char *)g;
			from = i;
		}
	}
	int64_t first = -1;
	for (int i = 0; i < npts; i++) {
		GString *sal = g_string_new(NULL);
		char *mark = NULL;
		for (int j = 0; j < nc; j++) {
			if (kind[j] != 's')
				continue;
			char *mk = NULL;
			int64_t v = money(t->cells[(h + i) * nc + j].plain, &mk);
			if (first < 0)
				first = v;
			if (mk && *mk && !mark)
				mark = g_strdup(mk);
			g_free(mk);
			char *m = money_str(v);
			g_string_append_printf(sal, "%s%s", sal->len ? " " : "", m);
			g_free(m);
		}
		g_string_append_printf(s, "      <point n=\"%d\" salary=\"%s\"", pts[i], sal->str);
		if (mark) {
			char *me = g_markup_escape_text(mark, -1);
			g_string_append_printf(s, " mark=\"%s\"", me);
			g_free(me);
		}
		GString *ex = g_string_new(NULL);
		for (int j = 0; j < nc; j++) {
			const dx_text *c = &t->cells[(h + i) * nc + j];
			if (kind[j] == 'x' && *c->plain) { /* text only: the first language's */
				char *xe = g_markup_escape_text(c->plain, -1);
				g_string_append_printf(ex, "<extra ref=\"%s-x%d\">%s</extra>", id, j + 1, xe);
				g_free(xe);
			}
		}
		g_string_append_printf(s, ex->len ? ">%s</point>\n" : "/>\n", ex->str);
		g_string_free(ex, TRUE);
		g_free(mark);
		g_string_free(sal, TRUE);
	}
	g_string_append(s, "    </scale>\n");
	if (im->lowest_salary < 0 || first < im->lowest_salary) {
		im->lowest_salary = first;
		g_free(im->lowest_scale);
		im->lowest_scale = g_strdup(id);
		im->lowest_point = pts[0];
	}
	char *in = indent(n->depth);
	g_string_append_printf(n->body,
			       "%s<!-- HR: the table here was read as the pay scale \"%s\" in <pay>: check it there,\n"
			       "%s     then delete this comment. -->\n%s<scale-table scale=\"%s\"",
			       in, id, in, in, id);
	if (b->table->caption.inl)
		g_string_append_printf(n->body, "><caption>%s</caption></scale-table>\n", b->table->caption.inl);
	else
		g_string_append(n->body, "/>\n");
	g_free(in);
	g_free(id);
	g_free(pts);
	free_heads(head, nc);
	return true;
}

/* ---- Blocks ---------------------------------------------------------- */

static void flush_notes(imp *im, node *n)
{
	char *in = indent(n->depth);
	for (guint i = 0; i < im->pending_notes->len; i++)
		g_string_append_printf(n->body, "%s<note>%s</note>\n", in, (char *)im->pending_notes->pdata[i]);
	g_ptr_array_set_size(im->pending_notes, 0);
	g_free(in);
}

static void close_lists(imp *im, node *n, int to)
{
	while (im->list_depth > to) {
		char *in = indent(n->depth + im->list_depth - 1);
		g_string_append_printf(n->body, "</item>\n%s</list>", in);
		g_free(in);
		im->list_depth--;
		if (!im->list_depth)
			g_string_append_c(n->body, '\n');
	}
	if (!im->list_depth)
		flush_notes(im, n);
}

static void take_notes(imp *im, const dx_block *b)
{
	for (guint i = 0; b->notes && i < b->notes->len; i++)
		g_ptr_array_add(im->pending_notes, g_strdup(b->notes->pdata[i]));
}

static void list_item(imp *im, node *n, const dx_block *b)
{
	if (im->list_depth && b->ilvl == 0 && b->num_id != im->list_num)
		close_lists(im, n, 0);
	int want = MIN(b->ilvl + 1, im->list_depth + 1);
	if (im->list_depth > want)
		close_lists(im, n, want);
	if (im->list_depth == want) {
		g_string_append(n->body, "</item>\n");
	} else {
		if (im->list_depth)
			g_string_append_c(n->body, '\n');
		char *in = indent(n->depth + im->list_depth);
		g_string_append_printf(n->body, "%s<list ordered=\"%s\">\n", in, b->ordered ? "yes" : "no");
		g_free(in);
		im->list_depth++;
		if (im->list_depth == 1)
			im->list_num = b->num_id;
	}
	char *in = indent(n->depth + im->list_depth);
	g_string_append_printf(n->body, "%s<item>%s", in, b->text.inl);
	g_free(in);
	take_notes(im, b);
}

static void write_table(imp *im, node *n, const dx_block *b)
{
	const dx_table *t = b->table;
	char *in = indent(n->depth);
	GString *s = n->body;
	g_string_append_printf(s, "%s<table>\n", in);
	if (t->caption.inl)
		g_string_append_printf(s, "%s  <caption>%s</caption>\n", in, t->caption.inl);
	for (int i = 0; i < t->nrows; i++) {
		if (i == 0 && t->nhead)
			g_string_append_printf(s, "%s  <head>\n", in);
		g_string_append_printf(s, "%s  %s<row>", in, i < t->nhead ? "  " : "");
		for (int j = 0; j < t->ncols; j++)
			g_string_append_printf(s, "<cell>%s</cell>", t->cells[i * t->ncols + j].inl);
		g_string_append(s, "</row>\n");
		if (t->nhead && i == t->nhead - 1)
			g_string_append_printf(s, "%s  </head>\n", in);
	}
	g_string_append_printf(s, "%s</table>\n", in);
	g_free(in);
	(void)im;
}

static void block(imp *im, node *n, const dx_block *b)
{
	if (n->drop) {
		n->ndropped++;
		return;
	}
	if (b->kind == DX_PARA && b->ilvl >= 0) {
		list_item(im, n, b);
		return;
	}
	close_lists(im, n, 0);
	if (b->kind == DX_TABLE) {
		if (!pay_scale(im, b, n))
			write_table(im, n, b);
		im->last_short = NULL;
	} else {
		char *in = indent(n->depth);
		g_string_append_printf(n->body, "%s<p>%s</p>\n", in, b->text.inl);
		g_free(in);
		size_t len = strlen(b->text.plain);
		im->last_short = len && len <= 80 && !strchr(".:;", b->text.plain[len - 1]) ? b->text.plain : NULL;
	}
	take_notes(im, b);
	flush_notes(im, n);
}

/* ---- The statement --------------------------------------------------- */

static void write_node(imp *im, node *n, GString *s)
{
	char *in = indent(n->depth - 1);
	char *t = g_markup_escape_text(n->title, -1);
	char *id = make_id(im, n->appendix ? "app-" : "s-", n->appendix ? n->letter : n->title);
	if (n->appendix)
		g_string_append_printf(s, "%s<appendix id=\"%s\" letter=\"%s\">\n", in, id, n->letter);
	else
		g_string_append_printf(s, "%s<section id=\"%s\">\n", in, id);
	if (n->front)
		g_string_append_printf(s, "%s  <!-- The text before the first heading of the Word document: keep what belongs\n"
					  "%s       in the statement (the council's name, the title and the year are set above). -->\n",
				       in, in);
	if (n->title_en) {
		char *te = g_markup_escape_text(n->title_en, -1);
		g_string_append_printf(s, "%s  <title><cy>%s</cy><en>%s</en></title>\n", in, t, te);
		g_free(te);
	} else if (n->front && im->bilingual) {
		g_string_append_printf(s, "%s  <title><cy>Tudalen flaen</cy><en>Front page</en></title>\n", in);
	} else {
		g_string_append_printf(s, "%s  <title>%s</title>\n", in, t);
	}
	g_string_append(s, n->body->str);
	for (guint i = 0; i < n->kids->len; i++)
		if (!((node *)n->kids->pdata[i])->drop)
			write_node(im, n->kids->pdata[i], s);
	if (!n->body->len && !n->kids->len)
		g_string_append_printf(s, "%s  <p>%s</p>\n", in,
				       im->bilingual ? "<cy>" NEW_MARK_CY " testun yr adran hon]</cy><en>" NEW_MARK_EN " this section's text]</en>"
				       : !strcmp(im->o->lang, "cy") ? NEW_MARK_CY " testun yr adran hon]" : NEW_MARK_EN " this section's text]");
	g_string_append_printf(s, "%s</%s>\n", in, n->appendix ? "appendix" : "section");
	g_free(id);
	g_free(t);
	g_free(in);
}

static int find_year(const char *s)
{
	GRegex *re = g_regex_new("\\b(20\\d\\d)\\s*[-/–]\\s*(\\d\\d)\\b", 0, 0, NULL);
	GMatchInfo *m;
	int y = 0;
	for (g_regex_match(re, s, 0, &m); g_match_info_matches(m) && !y; g_match_info_next(m, NULL)) {
		char *a = g_match_info_fetch(m, 1), *b = g_match_info_fetch(m, 2);
		if ((atoi(a) + 1) % 100 == atoi(b))
			y = atoi(a);
		g_free(a);
		g_free(b);
	}
	g_match_info_free(m);
	g_regex_unref(re);
	return y;
}

static bool council_like(const char *s)
{
	size_t n = strlen(s);
	if (!n || n > 80 || strchr(s, '.'))
		return false;
	GRegex *re = g_regex_new("(\\bCouncil$|^Cyngor\\b)", 0, 0, NULL);
	bool r = g_regex_match(re, s, 0, NULL);
	g_regex_unref(re);
	return r;
}

char *import_statement(const dx_doc *d, const char *dir, const import_opts *o, diag_ctx *dc, char **err)
{
	imp im = {.d = d, .o = o, .dc = dc, .scales = g_string_new(NULL), .lowest_salary = -1,
		  .bilingual = !strcmp(o->lang, "cy en")};
	im.ids = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
	im.pending_notes = g_ptr_array_new_with_free_func(g_free);
	GPtrArray *bl = d->blocks;

	/* The title: a Title paragraph, else the one heading at the top level
	 * when it comes first and other headings follow. */
	int title_at = -1, min = 10, nmin = 0, first_heading = -1, nheadings = 0;
	for (guint i = 0; i < bl->len; i++) {
		const dx_block *b = bl->pdata[i];
		if (b->kind != DX_PARA)
			continue;
		if (b->title && title_at < 0)
			title_at = (int)i;
		if (b->heading) {
			nheadings++;
			if (first_heading < 0)
				first_heading = (int)i;
			if (b->heading < min)
				min = b->heading, nmin = 0;
			if (b->heading == min)
				nmin++;
		}
	}
	if (title_at < 0 && nmin == 1 && nheadings > 1 &&
	    ((const dx_block *)bl->pdata[first_heading])->heading == min)
		title_at = first_heading;
	char *title = title_at >= 0 ? strip_number(((const dx_block *)bl->pdata[title_at])->text.plain) : NULL;
	const char *ten = title_at >= 0 ? ((const dx_block *)bl->pdata[title_at])->text.plain_en : NULL;
	char *title_en = ten ? strip_number(ten) : NULL;

	/* The council and the year, from the text before the first section. */
	char *council = o->council ? g_strdup(o->council) : NULL;
	int year = title ? find_year(title) : 0;
	for (guint i = 0; i < bl->len; i++) {
		const dx_block *b = bl->pdata[i];
		if (b->kind != DX_PARA || ((int)i != title_at && b->heading))
			break;
		char *p = g_strstrip(g_strdup(b->text.plain));
		if (!council && council_like(p))
			council = g_strdup(p);
		g_free(p);
		if (!year)
			year = find_year(b->text.plain);
	}

	node *root = node_new(NULL, "", 0, 0), *cur = root;
	for (guint i = 0; i < bl->len; i++) {
		const dx_block *b = bl->pdata[i];
		if ((int)i == title_at)
			continue;
		if (b->kind == DX_PARA && b->heading) {
			close_lists(&im, cur, 0);
			while (cur != root && cur->level >= b->heading)
				cur = cur->parent;
			char *t = strip_number(b->text.plain);
			cur = node_new(cur, t, b->heading, b->para);
			if (b->text.plain_en)
				cur->title_en = strip_number(b->text.plain_en);
			if ((cur->parent && cur->parent->drop) || is_contents(t) ||
			    (cur->title_en && is_contents(cur->title_en)))
				cur->drop = true;
			g_free(t);
			im.last_short = NULL;
			take_notes(&im, b);
			flush_notes(&im, cur);
			continue;
		}
		if (cur == root) {
			cur = node_new(root, "Front page", 1, b->para);
			cur->front = true;
			cur->level = 10; /* closed by any heading */
			diag_emit_file(dc, DIAG_IMPORT_FRONT, d->where, b->para, -1);
		}
		block(&im, cur, b);
	}
	close_lists(&im, cur, 0);
	/* Report what was taken for a table of contents. */
	GPtrArray *stack = g_ptr_array_new();
	g_ptr_array_add(stack, root);
	while (stack->len) {
		node *n = g_ptr_array_steal_index(stack, stack->len - 1);
		if (n->drop && !(n->parent && n->parent->drop))
			diag_emit_file(dc, DIAG_IMPORT_CONTENTS, d->where, n->para, -1, n->title, n->ndropped);
		for (guint i = 0; i < n->kids->len; i++)
			g_ptr_array_add(stack, n->kids->pdata[i]);
	}
	g_ptr_array_free(stack, TRUE);
	/* Appendices: the top-level "Appendix X" headings after the last other one. */
	int last_plain = -1;
	for (guint i = 0; i < root->kids->len; i++) {
		node *n = root->kids->pdata[i];
		char *l, *r;
		if (n->drop)
			continue;
		if (appendix_title(n->title, &l, &r)) {
			g_free(l);
			g_free(r);
		} else {
			last_plain = (int)i;
		}
	}
	for (guint i = (guint)(last_plain + 1); last_plain >= 0 && i < root->kids->len; i++) {
		node *n = root->kids->pdata[i];
		char *l, *r;
		if (!n->drop && appendix_title(n->title, &l, &r)) {
			n->appendix = true;
			n->letter = g_ascii_strup(l, -1);
			g_free(l);
			g_free(n->title);
			n->title = r;
			if (n->title_en && appendix_title(n->title_en, &l, &r)) {
				g_free(l);
				g_free(n->title_en);
				n->title_en = r;
			}
		}
	}

	GString *s = g_string_new(NULL);
	char *src = g_markup_escape_text(d->file, -1);
	g_string_append_printf(s, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
				  "<!-- Written by `ppsgen import` from %s.  Check every section against the Word\n"
				  "     document, replace each [TO FILL: ...] text (`ppsgen check` lists them), and set\n"
				  "     covers= on the sections that deal with each statutory topic. -->\n",
			       src);
	g_free(src);
	g_string_append_printf(s, "<statement version=\"1\" languages=\"%s\" jurisdiction=\"%s\">\n", o->lang,
			       o->jurisdiction);
	new_opts no = {.jurisdiction = o->jurisdiction, .languages = o->lang, .council = council,
		       .year = year ? year : o->year, .title = title, .title_en = title_en};
	new_head(s, &no);
	if (!im.nscales)
		g_string_append(s, "  <!-- The Word document has no pay scale table: the pay data below is `ppsgen new`'s\n"
				   "       starting point, the NJC spine and sample posts; replace it with the council's. -->\n");
	else
		g_string_append(s, "  <!-- The scales are from the Word document; the posts, the lowest paid, the workforce\n"
				   "       and the multiples are `ppsgen new`'s starting point: replace them with the council's. -->\n");
	char *result = NULL;
	if (new_pay(s, dir, &no, im.nscales ? im.scales->str : NULL, im.lowest_scale, im.lowest_point, err)) {
		bool any = false;
		for (guint i = 0; i < root->kids->len; i++) {
			node *n = root->kids->pdata[i];
			if (!n->drop && !n->appendix) {
				write_node(&im, n, s);
				any = true;
			}
		}
		if (!any) /* a statement has at least one section */
			g_string_append_printf(s, "  <section id=\"s-text\">\n    <title>%s this section's title]</title>\n"
						  "    <p>%s this section's text]</p>\n  </section>\n",
					       NEW_MARK_EN, NEW_MARK_EN);
		for (guint i = 0; i < root->kids->len; i++) {
			node *n = root->kids->pdata[i];
			if (!n->drop && n->appendix)
				write_node(&im, n, s);
		}
		g_string_append(s, "</statement>\n");
		result = g_string_free(s, FALSE);
	} else {
		g_string_free(s, TRUE);
	}
	node_free(root);
	g_free(title);
	g_free(title_en);
	g_free(council);
	g_free(im.lowest_scale);
	g_string_free(im.scales, TRUE);
	g_hash_table_destroy(im.ids);
	g_ptr_array_free(im.pending_notes, TRUE);
	return result;
}

static int by_place(const void *a, const void *b)
{
	const diag_msg *x = a, *y = b;
	int c = g_strcmp0(x->file, y->file);
	if (c)
		return c;
	if (x->line != y->line)
		return x->line < y->line ? -1 : 1;
	return x->col < y->col ? -1 : x->col > y->col; /* col holds the order of emission */
}

void import_sort_messages(diag_ctx *dc)
{
	if (dc->n < 2)
		return;
	/* Stable: number the messages in their col, which is not printed (-1) for
	 * a paragraph's, then put each back. */
	int *cols = g_new(int, (gsize)dc->n + 1);
	for (int i = 0; i < dc->n; i++) {
		cols[i] = dc->msgs[i].col;
		dc->msgs[i].col = i;
	}
	GHashTable *orig = g_hash_table_new(NULL, NULL);
	for (int i = 0; i < dc->n; i++)
		g_hash_table_insert(orig, GINT_TO_POINTER(i + 1), GINT_TO_POINTER(cols[i]));
	qsort(dc->msgs, (size_t)dc->n, sizeof *dc->msgs, by_place);
	for (int i = 0; i < dc->n; i++)
		dc->msgs[i].col = GPOINTER_TO_INT(g_hash_table_lookup(orig, GINT_TO_POINTER(dc->msgs[i].col + 1)));
	g_hash_table_destroy(orig);
	g_free(cols);
}

/* ---- Amounts that are figures --------------------------------------- */

/* The elements whose text is the Word document's; amounts in <pay> (the
 * scales read from its tables, new.c's posts) are data already. */
static const char *const AMOUNT_IN[] = {"p", "item", "cell", "note", NULL};

/* An amount after a £ (a space or no-break space between allowed), whole
 * pounds or pence, commas every three digits (group 1); or a ratio of two
 * decimals, a space allowed each side of the colon (groups 2, 3).  Not part
 * of a longer number: "£9.5" and "10:30:00" are not matched. */
#define AMOUNT_RE "\xc2\xa3[ \\x{00A0}]?((?:\\d{1,3}(?:,\\d{3})+|\\d+)(?:\\.\\d\\d)?)(?!\\d|[.,]\\d)" \
		  "|(?<![\\d.,:])(\\d{1,3}(?:\\.\\d{1,4})?)[ \\x{00A0}]?:[ \\x{00A0}]?(\\d{1,3}(?:\\.\\d{1,4})?)(?![\\d:]|[.,]\\d)"

/* The key of an amount, the same for the same value however written:
 * "m:PENCE" ("£17,364.00" is "£17,364"), "r:A:B" with the sides in 1/10000
 * ("1:6.0" is "1:6.00", "4.64 : 1" is "4.64:1"); NULL when not one. */
static char *amount_key(GMatchInfo *m)
{
	char *a = g_match_info_fetch(m, 1), *b = g_match_info_fetch(m, 2), *c = g_match_info_fetch(m, 3);
	int64_t x, y;
	char *k = NULL;
	if (a && *a && parse_money(a, &x))
		k = g_strdup_printf("m:%lld", (long long)x);
	else if (b && *b && c && parse_scaled(b, 4, &x) && parse_scaled(c, 4, &y))
		k = g_strdup_printf("r:%lld:%lld", (long long)x, (long long)y);
	g_free(a);
	g_free(b);
	g_free(c);
	return k;
}

/* key -> the ids of the figures of that value (a GPtrArray, in the figures'
 * order).  A figure counts when its whole display is an amount or a ratio
 * ("£9.00", "1:7.49"); "12.3%" and counts are not looked for in the text. */
static GHashTable *figure_keys(const pps_figures *f, GRegex *re)
{
	GHashTable *t = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, (GDestroyNotify)g_ptr_array_unref);
	for (int i = 0; i < f->nfigs; i++) {
		const char *d = f->figs[i].display;
		GMatchInfo *m;
		int from, to;
		char *k = NULL;
		if (g_regex_match(re, d, 0, &m) && g_match_info_fetch_pos(m, 0, &from, &to) && from == 0 &&
		    (size_t)to == strlen(d))
			k = amount_key(m);
		g_match_info_free(m);
		if (!k)
			continue;
		GPtrArray *ids = g_hash_table_lookup(t, k);
		if (!ids) {
			ids = g_ptr_array_new();
			g_hash_table_insert(t, k, ids);
		} else {
			g_free(k);
		}
		g_ptr_array_add(ids, (gpointer)f->figs[i].id);
	}
	return t;
}

typedef struct {
	const char *xml, *name;
	size_t at;   /* bytes counted into line and bol */
	int line;
	size_t bol;  /* offset of the line's first byte */
	GRegex *re;
	GHashTable *keys;
	diag_ctx *dc;
} amounts;

/* The text xml[from, to) (as written, entities and all: no amount has one). */
static void amounts_in(amounts *a, size_t from, size_t to)
{
	GMatchInfo *m;
	g_regex_match_full(a->re, a->xml, (gssize)to, (int)from, 0, &m, NULL);
	for (; g_match_info_matches(m); g_match_info_next(m, NULL)) {
		char *k = amount_key(m);
		GPtrArray *ids = k ? g_hash_table_lookup(a->keys, k) : NULL;
		g_free(k);
		if (!ids)
			continue;
		int s, e;
		g_match_info_fetch_pos(m, 0, &s, &e);
		for (; a->at < (size_t)s; a->at++)
			if (a->xml[a->at] == '\n')
				a->line++, a->bol = a->at + 1;
		/* The column in characters, as `check` counts it. */
		int col = (int)g_utf8_strlen(a->xml + a->bol, (gssize)((size_t)s - a->bol)) + 1;
		GString *names = g_string_new(NULL), *refs = g_string_new(NULL);
		for (guint i = 0; i < ids->len; i++) {
			const char *sep = !i ? "" : i + 1 < ids->len ? ", " : " and ";
			g_string_append_printf(names, "%s%s", sep, (const char *)ids->pdata[i]);
			g_string_append_printf(refs, "%s<fig ref=\"%s\"/>", !i ? "" : i + 1 < ids->len ? ", " : " or ",
					       (const char *)ids->pdata[i]);
		}
		if (ids->len > 1)
			g_string_append(refs, ", whichever it is,");
		char *text = g_strndup(a->xml + s, (gsize)(e - s));
		diag_emit_file(a->dc, DIAG_IMPORT_AMOUNT, a->name, a->line, col, text, ids->len > 1 ? "s" : "",
			       names->str, refs->str);
		g_free(text);
		g_string_free(names, TRUE);
		g_string_free(refs, TRUE);
	}
	g_match_info_free(m);
}

static bool amount_element(const char *n, size_t len)
{
	for (const char *const *e = AMOUNT_IN; *e; e++)
		if (strlen(*e) == len && !strncmp(n, *e, len))
			return true;
	return false;
}

void import_amounts(const char *xml, const char *name, const char *dir, diag_ctx *dc)
{
	/* The figures as `ppsgen figures` computes them; their own problems (a
	 * starting-point post over a threshold) are for `check` to report. */
	diag_ctx quiet;
	diag_init(&quiet);
	char *schema = g_build_filename(dir, "statement.rng", NULL);
	pps_doc *d = xml_read_statement_mem(name, xml, strlen(xml), schema, &quiet);
	g_free(schema);
	if (!d) { /* not a statement `check` accepts: it says why */
		diag_clear(&quiet);
		return;
	}
	pps_figures f = {0};
	fig_compute(d, &f, &quiet);
	amounts a = {.xml = xml, .name = name, .line = 1, .dc = dc};
	a.re = g_regex_new(AMOUNT_RE, G_REGEX_OPTIMIZE, 0, NULL);
	a.keys = figure_keys(&f, a.re);
	/* The XML is import_statement's own, so a scan of its tags will do:
	 * comments and the declaration skipped, attribute values escaped. */
	int in_pay = 0, in_text = 0;
	for (const char *p = xml; *p && g_hash_table_size(a.keys);) {
		if (*p != '<') {
			const char *e = strchr(p, '<');
			if (!e)
				e = p + strlen(p);
			if (!in_pay && in_text)
				amounts_in(&a, (size_t)(p - xml), (size_t)(e - xml));
			p = e;
			continue;
		}
		const char *end = g_str_has_prefix(p, "<!--") ? "-->" : p[1] == '?' ? "?>" : ">";
		const char *e = strstr(p + 1, end);
		if (!e)
			break;
		if (*end == '>' && e[-1] != '/') { /* an element opened or closed, not an empty one */
			bool close = p[1] == '/';
			const char *n = p + 1 + close;
			size_t len = strcspn(n, " \t\n/>");
			int step = close ? -1 : 1;
			if (len == 3 && !strncmp(n, "pay", 3))
				in_pay += step;
			else if (amount_element(n, len))
				in_text += step;
		}
		p = e + strlen(end);
	}
	g_hash_table_destroy(a.keys);
	g_regex_unref(a.re);
	fig_free(&f);
	doc_free(d);
	diag_clear(&quiet);
}

/* ---- Two documents, one per language --------------------------------- */

static char *ml(const char *cy, const char *en)
{
	if (!*en)
		return g_strdup_printf("<cy>%s</cy>", cy);
	if (!*cy)
		return g_strdup_printf("<en>%s</en>", en);
	return g_strdup_printf("<cy>%s</cy><en>%s</en>", cy, en);
}

static dx_text pair_text(const dx_text *c, const dx_text *e)
{
	return (dx_text){.inl = ml(c->inl, e->inl), .plain = g_strdup(c->plain), .span = c->span,
			 .plain_en = g_strdup(e->plain)};
}

static dx_text one_text(const dx_text *t, bool cy)
{
	char *inl = g_strdup_printf(cy ? "<cy>%s</cy>" : "<en>%s</en>", t->inl);
	return (dx_text){.inl = inl, .plain = g_strdup(t->plain), .span = t->span};
}

static bool pairs(const dx_block *a, const dx_block *b)
{
	if (a->kind != b->kind || (a->ilvl < 0) != (b->ilvl < 0) || a->ilvl != b->ilvl)
		return false;
	if (a->kind == DX_TABLE)
		return a->table->nrows == b->table->nrows && a->table->ncols == b->table->ncols;
	return true;
}

/* A copy of block a, its texts paired with b's (b NULL: a's language only). */
static dx_block *pair_block(const dx_block *a, const dx_block *b, bool a_cy)
{
	dx_block *n = g_new0(dx_block, 1);
	*n = *a;
	n->table = NULL;
	n->notes = g_ptr_array_new_with_free_func(g_free);
	if (a->kind == DX_PARA)
		n->text = b ? pair_text(&a->text, &b->text) : one_text(&a->text, a_cy);
	else
		n->text = (dx_text){.inl = g_strdup(""), .plain = g_strdup(""), .span = 1};
	if (a->kind == DX_TABLE) {
		const dx_table *t = a->table;
		dx_table *u = n->table = g_new0(dx_table, 1);
		*u = *t;
		int nc = t->nrows * t->ncols;
		u->cells = g_new0(dx_text, (gsize)nc + 1);
		for (int i = 0; i < nc; i++)
			u->cells[i] = b ? pair_text(&t->cells[i], &b->table->cells[i]) : one_text(&t->cells[i], a_cy);
		/* The caption: either language's, or both. */
		static const dx_text none = {.inl = "", .plain = ""};
		const dx_text *ca = t->caption.inl ? &t->caption : &none;
		const dx_text *cb = b && b->table->caption.inl ? &b->table->caption : &none;
		u->caption = (dx_text){0};
		if (b && (ca != &none || cb != &none))
			u->caption = pair_text(ca, cb);
		else if (!b && ca != &none)
			u->caption = one_text(ca, a_cy);
	}
	guint na = a->notes ? a->notes->len : 0, nb = b && b->notes ? b->notes->len : 0;
	for (guint i = 0; i < MAX(na, nb); i++) {
		const char *x = i < na ? a->notes->pdata[i] : "", *y = i < nb ? b->notes->pdata[i] : "";
		g_ptr_array_add(n->notes, a_cy ? ml(x, y) : ml(y, x));
	}
	return n;
}

/* The blocks of one heading: [from, to). */
static int next_heading(const GPtrArray *bl, int from)
{
	int i = from;
	while (i < (int)bl->len && !(((const dx_block *)bl->pdata[i])->kind == DX_PARA &&
				     (((const dx_block *)bl->pdata[i])->heading || ((const dx_block *)bl->pdata[i])->title)))
		i++;
	return i;
}

dx_doc *import_pair(const dx_doc *cy, const dx_doc *en, diag_ctx *dc)
{
	int hc = 0, he = 0;
	for (guint i = 0; i < cy->blocks->len; i++) {
		const dx_block *b = cy->blocks->pdata[i];
		hc += b->kind == DX_PARA && (b->heading || b->title);
	}
	for (guint i = 0; i < en->blocks->len; i++) {
		const dx_block *b = en->blocks->pdata[i];
		he += b->kind == DX_PARA && (b->heading || b->title);
	}
	if (hc != he) {
		diag_emit_file(dc, DIAG_IMPORT_PAIR_HEADINGS, en->file, 0, 0, hc, he);
		return NULL;
	}
	dx_doc *d = g_new0(dx_doc, 1);
	d->file = g_strdup(cy->file);
	d->where = g_strdup(cy->where);
	d->blocks = g_ptr_array_new_with_free_func(dx_block_free);
	int ic = 0, ie = 0, nh = 0;
	const char *under = "";
	while (ic < (int)cy->blocks->len || ie < (int)en->blocks->len) {
		/* The heading itself (none before the first). */
		const dx_block *a = ic < (int)cy->blocks->len ? cy->blocks->pdata[ic] : NULL;
		const dx_block *b = ie < (int)en->blocks->len ? en->blocks->pdata[ie] : NULL;
		if (a && b && a->kind == DX_PARA && (a->heading || a->title) && b->kind == DX_PARA && (b->heading || b->title)) {
			nh++;
			if (a->heading != b->heading) {
				char *x = snippet_of(a->text.plain), *y = snippet_of(b->text.plain);
				diag_emit_file(dc, DIAG_IMPORT_PAIR_LEVEL, cy->where, a->para, -1, nh, a->heading, x, b->heading, y);
				g_free(x);
				g_free(y);
			}
			g_ptr_array_add(d->blocks, pair_block(a, b, true));
			under = a->text.plain;
			ic++, ie++;
		}
		int ec = next_heading(cy->blocks, ic), ee = next_heading(en->blocks, ie);
		int k = 0;
		while (ic + k < ec && ie + k < ee && pairs(cy->blocks->pdata[ic + k], en->blocks->pdata[ie + k])) {
			g_ptr_array_add(d->blocks, pair_block(cy->blocks->pdata[ic + k], en->blocks->pdata[ie + k], true));
			k++;
		}
		if (ic + k < ec || ie + k < ee) {
			const dx_block *at = ic + k < ec ? cy->blocks->pdata[ic + k] : cy->blocks->pdata[ic + k - 1];
			char *x = snippet_of(under);
			diag_emit_file(dc, DIAG_IMPORT_PAIR_BLOCKS, cy->where, at->para, -1, x, ec - ic, ee - ie, k + 1);
			g_free(x);
			for (int i = ic + k; i < ec; i++)
				g_ptr_array_add(d->blocks, pair_block(cy->blocks->pdata[i], NULL, true));
			for (int i = ie + k; i < ee; i++)
				g_ptr_array_add(d->blocks, pair_block(en->blocks->pdata[i], NULL, false));
		}
		ic = ec;
		ie = ee;
	}
	return d;
}
