/* test_limits.c — nothing the format allows loses text.
 *
 * Conservation as a property: statements generated from a seed (short and
 * long texts, cells, captions, list items and notes taller than a page, deep
 * lists, many sections, texts in one language only, big tables) are
 * rendered in every layout, and every
 * word of every text must come out in its language's PDF and HTML, in order,
 * as often as the layout sets it (once; in the parallel layout a text
 * written in one language only, inside a list or table with both, is in
 * both columns: parallel_words): as a screen reader reads it (the structure
 * tree, `pdfinfo -struct-text`) and as the page shows it (`pdftotext`).
 *
 * The generated words are made up and unique ("qenbaaf": q, language,
 * b for body or h for heading, a number in letters), so the check is exact:
 * the body words of an output, taken in order, are exactly the expected
 * ones.  Heading words (titles, captions, head cells) are repeated by the
 * contents, the running header and continued tables, so for them the
 * expected words need only come in order.
 *
 * PPS_SEEDS=N runs N seeds (default 40) from PPS_SEED_FIRST (default 1000),
 * PPS_LIMITS_COMPACT or PPS_LIMITS_FULL at another size;
 * ctest runs it in shards of seeds (CMakeLists.txt), the fuzz run at full
 * size (tests/fuzz/run.sh). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

enum { CY, EN };
static const char *const lang_name[] = {"cy", "en"};

/* How big a seed's statement is.  PPS_LIMITS_FULL: the long texts, tall
 * cells, big tables and many sections at their full size (hundreds of pages
 * a seed: the fuzz run).  Else a quarter to a third of it (about 45 pages).
 * PPS_LIMITS_COMPACT: fewer sections and blocks, each text still as long as
 * at the middle size, so a cell or caption is still taller than a page now
 * and then (about 12 pages): most of the suite's few hundred seeds. */
static enum { COMPACT, SMALL, FULL } size_tier = SMALL;
#define SIZE(compact, small, full) (size_tier == FULL ? (full) : size_tier == SMALL ? (small) : (compact))

/* One text of the statement: its words in each language it is written in. */
typedef struct {
	GPtrArray *w[2]; /* char*, NULL when the text is not in that language */
	bool heading;    /* a title, caption or head cell */
	bool note;       /* a note (printed even where an appendix's text is not) */
	bool caption;    /* a table's caption */
	int block;       /* the block it belongs to: a title, paragraph, note, list or table */
	int level;       /* of its section: 1 top level */
} gtext;

/* A top-level section or appendix: its texts in document order. */
typedef struct {
	GPtrArray *texts; /* gtext* */
	bool appendix;
	bool speaks[2]; /* layout.c's section_speaks: a paragraph, item or body cell in that language */
} gunit;

typedef struct {
	GRand *rnd;
	GString *xml;
	GPtrArray *units; /* gunit* */
	gunit *cur;
	int nword;  /* next word number */
	int sect;   /* next section id */
	int depth;  /* of sections */
	int block;  /* the current block's number */
	bool caption; /* writing a caption */
	int level;    /* of the section being written */
} gen;

static char *word(gen *g, int lang, bool heading)
{
	GString *s = g_string_new("q");
	g_string_append(s, lang_name[lang]);
	g_string_append_c(s, heading ? 'h' : 'b');
	int n = g->nword++;
	char d[8];
	int k = 0;
	do {
		d[k++] = (char)('a' + n % 26);
		n /= 26;
	} while (n || k < 3);
	while (k)
		g_string_append_c(s, d[--k]);
	return g_string_free(s, FALSE);
}

/* How many words a body text has: mostly a sentence, sometimes a long
 * paragraph, now and then a page and more. */
static int body_len(gen *g, bool long_ok)
{
	int r = g_rand_int_range(g->rnd, 0, 100);
	if (r < 70)
		return g_rand_int_range(g->rnd, 1, 30);
	if (r < 95 || !long_ok)
		return g_rand_int_range(g->rnd, 30, 300);
	return g_rand_int_range(g->rnd, SIZE(300, 300, 600), SIZE(700, 700, 1600));
}

/* Writes <cy>…</cy><en>…</en> (or one of them) for a new text of n words
 * per language, and records it. mono: -1 both languages, else the one. */
static void text(gen *g, int n, bool heading, bool note, int mono)
{
	gtext *t = g_new0(gtext, 1);
	t->heading = heading;
	t->note = note;
	t->caption = g->caption;
	t->block = g->block;
	t->level = g->level;
	if (mono < 0 && !heading) {
		int r = g_rand_int_range(g->rnd, 0, 100);
		mono = r < 8 ? CY : r < 16 ? EN : -1;
	}
	for (int l = CY; l <= EN; l++) {
		if (mono >= 0 && mono != l)
			continue;
		t->w[l] = g_ptr_array_new_with_free_func(g_free);
		g_string_append_printf(g->xml, "<%s>", lang_name[l]);
		for (int i = 0; i < n; i++) {
			char *w = word(g, l, heading);
			/* now and then a word in bold or italic: inline markup keeps its words */
			int m = g_rand_int_range(g->rnd, 0, 40);
			g_string_append_printf(g->xml, "%s%s%s%s", i ? " " : "", m == 0 ? "<b>" : m == 1 ? "<i>" : "", w,
					       m == 0 ? "</b>" : m == 1 ? "</i>" : "");
			g_ptr_array_add(t->w[l], w);
		}
		g_string_append_printf(g->xml, "</%s>", lang_name[l]);
		if (!heading && !note)
			g->cur->speaks[l] = true;
	}
	g_ptr_array_add(g->cur->texts, t);
}

static void list(gen *g, int depth, int mono)
{
	g_string_append_printf(g->xml, "<list ordered=\"%s\">", g_rand_boolean(g->rnd) ? "yes" : "no");
	int n = g_rand_int_range(g->rnd, 1, depth ? 4 : 8);
	for (int i = 0; i < n; i++) {
		g_string_append(g->xml, "<item>");
		/* an outer item may be a page and more long, as a paragraph may */
		text(g, body_len(g, depth == 0), false, false, mono);
		if (depth < 4 && g_rand_int_range(g->rnd, 0, 4) == 0)
			list(g, depth + 1, mono);
		g_string_append(g->xml, "</item>\n");
	}
	g_string_append(g->xml, "</list>\n");
}

static void table(gen *g, int mono)
{
	int cols = g_rand_int_range(g->rnd, 2, 5);
	int rows = g_rand_int_range(g->rnd, 0, 5) == 0 ? g_rand_int_range(g->rnd, 30, SIZE(40, 45, 90)) : g_rand_int_range(g->rnd, 1, 8);
	g_string_append(g->xml, "<table><caption>");
	g->caption = true;
	/* a caption taller than a page now and then */
	text(g, g_rand_int_range(g->rnd, 0, 16) == 0 ? g_rand_int_range(g->rnd, SIZE(500, 500, 1000), SIZE(1000, 1000, 2000))
						       : g_rand_int_range(g->rnd, 1, 6),
	     true, false, mono);
	g->caption = false;
	g_string_append(g->xml, "</caption><head><row>");
	for (int c = 0; c < cols; c++) {
		g_string_append(g->xml, "<cell>");
		text(g, g_rand_int_range(g->rnd, 1, 3), true, false, mono);
		g_string_append(g->xml, "</cell>");
	}
	g_string_append(g->xml, "</row></head>\n");
	for (int r = 0; r < rows; r++) {
		g_string_append(g->xml, "<row>");
		for (int c = 0; c < cols; c++) {
			g_string_append(g->xml, "<cell>");
			/* a cell taller than a page now and then */
			int n = rows < 10 && g_rand_int_range(g->rnd, 0, 12) == 0 ? g_rand_int_range(g->rnd, SIZE(300, 400, 900), SIZE(450, 900, 2500))
										     : g_rand_int_range(g->rnd, 1, 12);
			text(g, n, false, false, mono);
			g_string_append(g->xml, "</cell>");
		}
		g_string_append(g->xml, "</row>\n");
	}
	g_string_append(g->xml, "</table>\n");
}

static void section(gen *g, bool appendix, int level, int mono)
{
	int id = g->sect++, outer = g->level;
	g->level = level;
	if (appendix)
		g_string_append_printf(g->xml, "<appendix id=\"gen-%d\" letter=\"%c\">\n<title>", id, 'B' + id % 20);
	else
		g_string_append_printf(g->xml, "<section id=\"gen-%d\">\n<title>", id);
	g->block++;
	text(g, g_rand_int_range(g->rnd, 1, 8), true, false, mono);
	g_string_append(g->xml, "</title>\n");
	int blocks = g_rand_int_range(g->rnd, 1, SIZE(4, 7, 7));
	for (int i = 0; i < blocks; i++) {
		int r = g_rand_int_range(g->rnd, 0, 100);
		g->block++;
		if (r < 45) {
			g_string_append(g->xml, "<p>");
			text(g, body_len(g, true), false, false, mono);
			g_string_append(g->xml, "</p>\n");
		} else if (r < 55) {
			g_string_append(g->xml, "<note>");
			text(g, body_len(g, true), false, true, mono);
			g_string_append(g->xml, "</note>\n");
		} else if (r < 72) {
			list(g, 0, mono);
		} else if (r < 85) {
			table(g, mono);
		} else if (level < 3) {
			section(g, false, level + 1, mono);
		} else {
			g_string_append(g->xml, "<p>");
			text(g, body_len(g, false), false, false, mono);
			g_string_append(g->xml, "</p>\n");
		}
	}
	g_string_append(g->xml, appendix ? "</appendix>\n" : "</section>\n");
	g->level = outer;
}

static gunit *unit_new(gen *g, bool appendix)
{
	gunit *u = g_new0(gunit, 1);
	u->texts = g_ptr_array_new();
	u->appendix = appendix;
	g_ptr_array_add(g->units, u);
	return g->cur = u;
}

static void gtext_free(gpointer p)
{
	gtext *t = p;
	for (int l = 0; l < 2; l++)
		if (t->w[l])
			g_ptr_array_free(t->w[l], TRUE);
	g_free(t);
}

static void gunit_free(gpointer p)
{
	gunit *u = p;
	g_ptr_array_set_free_func(u->texts, gtext_free);
	g_ptr_array_free(u->texts, TRUE);
	g_free(u);
}

/* The statement of a seed: `ppsgen new`'s Welsh skeleton with generated
 * sections before its appendix and generated appendices after it. */
static char *generate(const char *skeleton, guint32 seed, GPtrArray **units_out)
{
	gen g = {.rnd = g_rand_new_with_seed(seed), .xml = g_string_new(NULL),
		 .units = g_ptr_array_new_with_free_func(gunit_free)};
	int nsect = g_rand_int_range(g.rnd, 0, 8) == 0 ? g_rand_int_range(g.rnd, SIZE(8, 12, 30), SIZE(14, 24, 80)) : g_rand_int_range(g.rnd, 1, SIZE(3, 6, 6));
	for (int i = 0; i < nsect; i++) {
		unit_new(&g, false);
		/* now and then a section in one language only */
		int r = g_rand_int_range(g.rnd, 0, 10);
		section(&g, false, 1, r == 0 ? CY : r == 1 ? EN : -1);
	}
	GString *apps = g_string_new(NULL);
	GString *body = g.xml;
	g.xml = apps;
	int napp = g_rand_int_range(g.rnd, 0, 3);
	for (int i = 0; i < napp; i++) {
		unit_new(&g, true);
		int r = g_rand_int_range(g.rnd, 0, 4);
		section(&g, true, 1, r == 0 ? EN : r == 1 ? CY : -1);
	}
	const char *app = strstr(skeleton, "  <appendix"), *end = strstr(skeleton, "</statement>");
	ck_assert(app && end);
	GString *out = g_string_new_len(skeleton, app - skeleton);
	g_string_append(out, body->str);
	/* A compact seed goes without the skeleton's pay-spine appendix: its
	 * dense table is half the cost of checking a compact seed (pdfinfo
	 * -struct-text reads a page again for each element on it), and none of
	 * the generated words is in it. */
	if (size_tier != COMPACT)
		g_string_append_len(out, app, end - app);
	g_string_append(out, apps->str);
	g_string_append(out, end);
	g_string_free(body, TRUE);
	g_string_free(apps, TRUE);
	g_rand_free(g.rnd);
	*units_out = g.units;
	return g_string_free(out, FALSE);
}

/* ---- What each output must hold ---------------------------------------- */

/* Appends the words a text prints in a document in lang: its own, else the
 * other language's (a text in one language is printed in both documents). */
static void text_words(GPtrArray *out, const gtext *t, int lang, bool heading)
{
	if (t->heading != heading)
		return;
	const GPtrArray *w = t->w[lang] ? t->w[lang] : t->w[!lang];
	for (guint i = 0; i < w->len; i++)
		g_ptr_array_add(out, w->pdata[i]);
}

/* The words of the document in lang, in order.  first_part: the sequential
 * layout's first part, which prints of an appendix written only in the
 * second part's language its title and its own notes alone (not its
 * subsections'). */
static GPtrArray *doc_words(GPtrArray *units, int lang, bool heading, bool first_part)
{
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; i < units->len; i++) {
		const gunit *u = units->pdata[i];
		bool elsewhere = first_part && u->appendix && !u->speaks[lang] && u->speaks[!lang];
		for (guint k = 0; k < u->texts->len; k++) {
			const gtext *t = u->texts->pdata[k];
			if (!elsewhere || (t->note && t->level == 1) || k == 0)
				text_words(out, t, lang, heading);
		}
	}
	return out;
}

/* The body words in lang of the parallel document, in order.  A block
 * (paragraph, note, list, table) with texts in both languages is set in
 * each language's column, first the Welsh then the English, a text written
 * in one language only in both (as in that language's separate document);
 * a block in one language only is set once, across the page. */
static GPtrArray *parallel_words(GPtrArray *units, int lang)
{
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; i < units->len; i++) {
		const gunit *u = units->pdata[i];
		for (guint k = 0, end; k < u->texts->len; k = end) {
			bool has[2] = {false, false};
			int block = ((gtext *)u->texts->pdata[k])->block;
			for (end = k; end < u->texts->len && ((gtext *)u->texts->pdata[end])->block == block; end++) {
				const gtext *t = u->texts->pdata[end];
				for (int l = CY; l <= EN && !t->caption; l++)
					has[l] |= t->w[l] != NULL;
			}
			for (int side = CY; side <= (has[CY] && has[EN] ? EN : CY); side++)
				for (guint j = k; j < end; j++) {
					const gtext *t = u->texts->pdata[j];
					int shown = t->w[side] ? side : !side;
					if (!t->heading && shown == lang)
						for (guint w = 0; w < t->w[lang]->len; w++)
							g_ptr_array_add(out, t->w[lang]->pdata[w]);
				}
		}
	}
	return out;
}

/* The words of every text written in lang, in order (a bilingual document
 * prints each once, in its language's column or across the page). */
static GPtrArray *own_words(GPtrArray *units, int lang, bool heading)
{
	GPtrArray *out = g_ptr_array_new();
	for (guint i = 0; i < units->len; i++) {
		const gunit *u = units->pdata[i];
		for (guint k = 0; k < u->texts->len; k++) {
			const gtext *t = u->texts->pdata[k];
			if (t->heading == heading && t->w[lang])
				for (guint j = 0; j < t->w[lang]->len; j++)
					g_ptr_array_add(out, t->w[lang]->pdata[j]);
		}
	}
	return out;
}

/* The generated words of text, in order: kind 'b' or 'h'; lang "cy", "en"
 * or NULL for both.  No word boundary is asked before a word: the draft's
 * watermark letters ("DRAFT") may touch one in pdftotext's reading; a word
 * run into the next still shows.  (A scan, not a GRegex: GLib checks the
 * whole subject's UTF-8 at each match, quadratic on a 1,000-page text.) */
static GPtrArray *found_words(const char *text, char kind, const char *lang)
{
	GPtrArray *out = g_ptr_array_new_with_free_func(g_free);
	for (const char *c = text; (c = strchr(c, 'q'));) {
		const char *l = c + 1;
		bool ok = (lang ? !strncmp(l, lang, 2) : !strncmp(l, "cy", 2) || !strncmp(l, "en", 2)) && l[2] == kind;
		const char *e = l + 3;
		while (ok && *e >= 'a' && *e <= 'z')
			e++;
		if (ok && e > l + 3) {
			g_ptr_array_add(out, g_strndup(c, e - c));
			c = e;
		} else {
			c++;
		}
	}
	return out;
}

/* Exact: found is want.  Else the first difference, with context. */
static void same_words(const GPtrArray *want, const GPtrArray *found, const char *what, guint32 seed)
{
	guint i = 0;
	while (i < want->len && i < found->len && !strcmp(want->pdata[i], found->pdata[i]))
		i++;
	ck_assert_msg(i == want->len && i == found->len,
		      "seed %u: %s: word %u of %u (found %u) is \"%s\", expected \"%s\" (after \"%s\")", seed, what, i,
		      want->len, found->len, i < found->len ? (char *)found->pdata[i] : "(end)",
		      i < want->len ? (char *)want->pdata[i] : "(end)", i ? (char *)want->pdata[i - 1] : "(start)");
}

/* In order: want is a subsequence of found. */
static void words_in_order(const GPtrArray *want, const GPtrArray *found, const char *what, guint32 seed)
{
	guint j = 0;
	for (guint i = 0; i < want->len; i++) {
		while (j < found->len && strcmp(want->pdata[i], found->pdata[j]))
			j++;
		ck_assert_msg(j < found->len, "seed %u: %s: heading word %u of %u, \"%s\", missing or out of order",
			      seed, what, i, want->len, (char *)want->pdata[i]);
		j++;
	}
}

/* Found holds each of want's words exactly as often (the page's order
 * may differ: a row split over pages shows its cells part by part). */
static void same_bag(const GPtrArray *want, const GPtrArray *found, const char *what, guint32 seed)
{
	GHashTable *n = g_hash_table_new(g_str_hash, g_str_equal);
	for (guint i = 0; i < want->len; i++)
		g_hash_table_insert(n, want->pdata[i], GINT_TO_POINTER(GPOINTER_TO_INT(g_hash_table_lookup(n, want->pdata[i])) + 1));
	for (guint i = 0; i < found->len; i++) {
		int k = GPOINTER_TO_INT(g_hash_table_lookup(n, found->pdata[i]));
		ck_assert_msg(k > 0, "seed %u: %s: the page shows \"%s\" once too often", seed, what, (char *)found->pdata[i]);
		g_hash_table_insert(n, found->pdata[i], GINT_TO_POINTER(k - 1));
	}
	ck_assert_msg(want->len == found->len, "seed %u: %s: the page shows %u words of %u", seed, what, found->len, want->len);
	g_hash_table_destroy(n);
}

static char *struct_text(const char *pdf)
{
	char *q = g_shell_quote(pdf), *cmd = g_strdup_printf("pdfinfo -struct-text %s", q);
	run_result r = run_sh(cmd);
	ck_assert_msg(r.status == 0, "%s: %s", cmd, r.err);
	char *out = r.out;
	r.out = NULL;
	run_free(&r);
	g_free(cmd);
	g_free(q);
	return out;
}

/* The HTML's text: its tags (and so its attributes) taken out. */
static char *html_text(const char *path)
{
	char *s = read_file(path, NULL);
	ck_assert_msg(s, "%s not written", path);
	GRegex *re = g_regex_new("<[^>]*>", G_REGEX_DOTALL, 0, NULL);
	char *t = g_regex_replace_literal(re, s, -1, 0, " ", 0, NULL);
	g_regex_unref(re);
	g_free(s);
	return t;
}

static guint32 first_seed = 1000; /* PPS_SEED_FIRST */

static char *skeleton(void)
{
	static char *xml;
	if (!xml) {
		/* a directory per shard: ctest runs the shards side by side, and
		 * scratch_dir empties the directory it is given */
		char *name = g_strdup_printf("limits-skeleton-%u", first_seed);
		char *dir = scratch_dir(name), *f = g_build_filename(dir, "new.xml", NULL);
		g_free(name);
		run_result r = run_ppsgen("new", "--jurisdiction", "wales", "--council", "Cyngor Prawf", "-o", f, NULL);
		ck_assert_msg(r.status == 0, "new: %s", r.err);
		run_free(&r);
		xml = read_file(f, NULL);
		ck_assert_msg(xml, "%s not written", f);
		g_free(f);
		g_free(dir);
	}
	return xml;
}

/* Renders in into dir with args; the files written, one per line (g_strfreev). */
static char **render(const char *dir, const char *in, const char *a1, const char *a2)
{
	run_result r = run_ppsgen("render", "-o", dir, in, a1, a2, NULL);
	ck_assert_msg(r.status == 0, "render %s %s: %s", a1 ? a1 : "", a2 ? a2 : "", r.err);
	char **files = g_strsplit(g_strstrip(r.out), "\n", -1);
	run_free(&r);
	return files;
}

static const char *file_for(char **files, const char *suffix)
{
	for (int i = 0; files[i]; i++)
		if (g_str_has_suffix(files[i], suffix))
			return files[i];
	ck_abort_msg("no %s among the files written", suffix);
	return NULL;
}

/* Checks one PDF or HTML of a single language (or a sequential document,
 * its words want). */
static void check_single(const char *path, const GPtrArray *body, const GPtrArray *heads, guint32 seed)
{
	bool html = g_str_has_suffix(path, ".html");
	char *text = html ? html_text(path) : struct_text(path);
	char *what = g_strdup_printf("%s%s", strrchr(path, '/') + 1, html ? "" : " (structure)");
	GPtrArray *fb = found_words(text, 'b', NULL), *fh = found_words(text, 'h', NULL);
	same_words(body, fb, what, seed);
	words_in_order(heads, fh, what, seed);
	g_ptr_array_free(fb, TRUE);
	g_ptr_array_free(fh, TRUE);
	g_free(text);
	if (!html) {
		text = pdf_text(path, 0);
		fb = found_words(text, 'b', NULL);
		g_free(what);
		what = g_strdup_printf("%s (page text)", strrchr(path, '/') + 1);
		same_bag(body, fb, what, seed);
		g_ptr_array_free(fb, TRUE);
		g_free(text);
	}
	g_free(what);
}

static guint32 seed_of(int i) { return first_seed + (guint32)i; }

START_TEST(every_word_once_in_order)
{
	guint32 seed = seed_of(_i);
	GPtrArray *units;
	char *xml = generate(skeleton(), seed, &units);
	char *name = g_strdup_printf("limits-%u", seed), *dir = scratch_dir(name);
	char *in = g_build_filename(dir, "gen.xml", NULL);
	ck_assert(g_file_set_contents(in, xml, -1, NULL));

	char *sep = g_build_filename(dir, "separate", NULL), *par = g_build_filename(dir, "parallel", NULL);
	char *seq = g_build_filename(dir, "sequential", NULL), *web = g_build_filename(dir, "html", NULL);
	char **fs = render(sep, in, NULL, NULL), **fp = render(par, in, "--layout", "parallel");
	char **fq = render(seq, in, "--layout", "sequential"), **fw = render(web, in, "--format", "html");

	for (int l = CY; l <= EN; l++) {
		GPtrArray *body = doc_words(units, l, false, false), *heads = doc_words(units, l, true, false);
		char *pdf = g_strdup_printf("-%s.pdf", lang_name[l]), *htm = g_strdup_printf("-%s.html", lang_name[l]);
		check_single(file_for(fs, pdf), body, heads, seed);
		check_single(file_for(fw, htm), body, heads, seed);
		g_free(pdf);
		g_free(htm);
		g_ptr_array_free(body, TRUE);
		g_ptr_array_free(heads, TRUE);
	}

	/* sequential: the Welsh part, then the English part */
	GPtrArray *body = doc_words(units, CY, false, true), *heads = doc_words(units, CY, true, true);
	GPtrArray *b2 = doc_words(units, EN, false, false), *h2 = doc_words(units, EN, true, false);
	g_ptr_array_extend_and_steal(body, b2);
	g_ptr_array_extend_and_steal(heads, h2);
	check_single(fq[0], body, heads, seed);
	g_ptr_array_free(body, TRUE);
	g_ptr_array_free(heads, TRUE);

	/* parallel: each language's words in order, once */
	char *st = struct_text(fp[0]), *pt = pdf_text(fp[0], 0);
	for (int l = CY; l <= EN; l++) {
		GPtrArray *want = parallel_words(units, l), *wanth = own_words(units, l, true);
		GPtrArray *f = found_words(st, 'b', lang_name[l]), *fh = found_words(st, 'h', lang_name[l]);
		GPtrArray *fpage = found_words(pt, 'b', lang_name[l]);
		char *what = g_strdup_printf("parallel, %s (structure)", lang_name[l]);
		same_words(want, f, what, seed);
		words_in_order(wanth, fh, what, seed);
		g_free(what);
		what = g_strdup_printf("parallel, %s (page text)", lang_name[l]);
		same_bag(want, fpage, what, seed);
		g_free(what);
		g_ptr_array_free(want, TRUE);
		g_ptr_array_free(wanth, TRUE);
		g_ptr_array_free(f, TRUE);
		g_ptr_array_free(fh, TRUE);
		g_ptr_array_free(fpage, TRUE);
	}
	g_free(st);
	g_free(pt);

	/* passed: its files are not kept, unless PPS_LIMITS_KEEP asks */
	if (!getenv("PPS_LIMITS_KEEP")) {
		char *rm = g_strdup_printf("rm -rf '%s'", dir);
		run_result r = run_sh(rm);
		run_free(&r);
		g_free(rm);
	}
	g_strfreev(fs);
	g_strfreev(fp);
	g_strfreev(fq);
	g_strfreev(fw);
	g_free(sep);
	g_free(par);
	g_free(seq);
	g_free(web);
	g_free(in);
	g_free(dir);
	g_free(name);
	g_free(xml);
	g_ptr_array_free(units, TRUE);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("limits");
	TCase *tc = tcase_create("conservation");
	tcase_set_timeout(tc, 120);
	const char *n = getenv("PPS_SEEDS"), *f = getenv("PPS_SEED_FIRST");
	if (f)
		first_seed = (guint32)atoi(f);
	if (getenv("PPS_LIMITS_FULL"))
		size_tier = FULL;
	else if (getenv("PPS_LIMITS_COMPACT"))
		size_tier = COMPACT;
	tcase_add_loop_test(tc, every_word_once_in_order, 0, n ? atoi(n) : 40);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
