/* test_accessibility.c — the published PDF read back with qpdf: catalog
 * (/Lang, /MarkInfo, /ViewerPreferences, /Outlines, /PageLabels, XMP), the
 * structure tree (headings without skipped levels, lists, tables with scoped
 * header cells, figures with /Alt, links), link annotations, and the
 * languages of the parallel layout's elements in reading order. */
#include <check.h>
#include <qpdf/qpdf-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "testutil.h"

#define SAMPLE "data/sample-statement.xml"

typedef struct {
	GPtrArray *types; /* "/H2", ... in reading order */
	GPtrArray *langs; /* the element's language, parallel to types: its /Lang, else
			   * its parent's (PDF 32000-1 §14.9.2), else the catalog's */
	int own_langs;    /* elements with a /Lang of their own */
	int repeated;     /* ... that repeats the language they would inherit */
	int th, th_scoped, figures, figures_alt, links;
	int lang_spans_th, lang_spans_link; /* a Span with its own /Lang inside a TH, a Link */
} tree;

static char *render(const char *name, const char *layout, const char *lang, const char *file)
{
	char *dir = scratch_dir(name), *in = src_path(SAMPLE);
	run_result r = layout ? run_ppsgen("render", "-o", dir, "--layout", layout, in, NULL)
			      : run_ppsgen("render", "-o", dir, "--lang", lang, in, NULL);
	ck_assert_msg(r.status == 0, "render: %s", r.err);
	run_free(&r);
	char *pdf = g_build_filename(dir, file, NULL);
	g_free(dir);
	g_free(in);
	return pdf;
}

static qpdf_data open_pdf(const char *path)
{
	qpdf_data q = qpdf_init();
	ck_assert_msg(qpdf_read(q, path, NULL) == QPDF_SUCCESS, "qpdf cannot read %s", path);
	return q;
}

static const char *name_of(qpdf_data q, qpdf_oh d, const char *key)
{
	qpdf_oh v = qpdf_oh_get_key(q, d, key);
	return qpdf_oh_is_name(q, v) ? qpdf_oh_get_name(q, v) : NULL;
}

static void walk(qpdf_data q, qpdf_oh node, tree *t, int depth, const char *inherited)
{
	ck_assert(depth < 100);
	qpdf_oh k = qpdf_oh_get_key(q, node, "/K");
	/* A copy: qpdf's name buffer is reused by the next call. */
	char *parent = g_strdup(name_of(q, node, "/S") ? name_of(q, node, "/S") : "");
	int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
		if (!qpdf_oh_is_dictionary(q, kid) || !qpdf_oh_has_key(q, kid, "/S"))
			continue;
		g_ptr_array_add(t->types, g_strdup(name_of(q, kid, "/S")));
		const char *s = t->types->pdata[t->types->len - 1]; /* our copy: see parent */
		qpdf_oh lang = qpdf_oh_get_key(q, kid, "/Lang");
		bool own = qpdf_oh_is_string(q, lang);
		t->own_langs += own;
		t->repeated += own && !strcmp(qpdf_oh_get_utf8_value(q, lang), inherited);
		char *eff = g_strdup(own ? qpdf_oh_get_utf8_value(q, lang) : inherited);
		if (own && !strcmp(s, "/Span")) {
			t->lang_spans_th += !strcmp(parent, "/TH");
			t->lang_spans_link += !strcmp(parent, "/Link");
		}
		g_ptr_array_add(t->langs, eff);
		if (!strcmp(s, "/TH")) {
			t->th++;
			qpdf_oh a = qpdf_oh_get_key(q, kid, "/A");
			if (qpdf_oh_is_dictionary(q, a) && name_of(q, a, "/Scope"))
				t->th_scoped++;
		} else if (!strcmp(s, "/Figure")) {
			t->figures++;
			qpdf_oh alt = qpdf_oh_get_key(q, kid, "/Alt");
			if (qpdf_oh_is_string(q, alt) && strlen(qpdf_oh_get_utf8_value(q, alt)) > 20)
				t->figures_alt++;
		} else if (!strcmp(s, "/Link")) {
			t->links++;
		}
		walk(q, kid, t, depth + 1, eff);
	}
	g_free(parent);
}

static tree read_tree(qpdf_data q)
{
	tree t = {g_ptr_array_new_with_free_func(g_free), g_ptr_array_new_with_free_func(g_free), 0, 0, 0, 0, 0, 0, 0,
		  0, 0};
	qpdf_oh root = qpdf_get_root(q);
	qpdf_oh str = qpdf_oh_get_key(q, root, "/StructTreeRoot");
	ck_assert(qpdf_oh_is_dictionary(q, str));
	char *catalog = g_strdup(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, root, "/Lang")));
	walk(q, str, &t, 0, catalog);
	g_free(catalog);
	return t;
}

static void tree_free(tree *t)
{
	g_ptr_array_free(t->types, TRUE);
	g_ptr_array_free(t->langs, TRUE);
}

static int count(const tree *t, const char *type)
{
	int n = 0;
	for (guint i = 0; i < t->types->len; i++)
		n += !strcmp(t->types->pdata[i], type);
	return n;
}

/* The element kids of a structure node (its /K as an array or alone). */
static int kids(qpdf_data q, qpdf_oh node, qpdf_oh *out, int max)
{
	qpdf_oh k = qpdf_oh_get_key(q, node, "/K");
	int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1, m = 0;
	for (int i = 0; i < n && m < max; i++) {
		qpdf_oh kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
		if (qpdf_oh_is_dictionary(q, kid) && qpdf_oh_has_key(q, kid, "/S"))
			out[m++] = kid;
	}
	return m;
}

static int span_of(qpdf_data q, qpdf_oh cell, const char *key)
{
	qpdf_oh a = qpdf_oh_get_key(q, cell, "/A");
	qpdf_oh v = qpdf_oh_is_dictionary(q, a) ? qpdf_oh_get_key(q, a, key) : a;
	return qpdf_oh_is_dictionary(q, a) && qpdf_oh_is_integer(q, v) ? qpdf_oh_get_int_value_as_int(q, v) : 1;
}

typedef struct {
	int tables, spanned, rows;
} regularity;

/* Every row of a table is as wide as the others, counting each cell's
 * /ColSpan and the /RowSpan of cells above (as a screen reader lays the
 * grid out), and a row span never reaches past the table's rows. */
static void check_table(qpdf_data q, qpdf_oh table, regularity *rg)
{
	qpdf_oh parts[8], rows[4096], cells[64];
	int carry[64] = {0}; /* rows still covered in each column by a span above */
	int width = -1, np = kids(q, table, parts, 8);
	rg->tables++;
	for (int i = 0; i < np; i++) {
		const char *s = name_of(q, parts[i], "/S");
		if (!strcmp(s, "/Caption"))
			continue;
		int nr = !strcmp(s, "/TR") ? (rows[0] = parts[i], 1) : kids(q, parts[i], rows, 4096);
		for (int r = 0; r < nr; r++) {
			ck_assert_str_eq(name_of(q, rows[r], "/S"), "/TR");
			int nc = kids(q, rows[r], cells, 64), col = 0;
			for (int c = 0; c < nc; c++) {
				while (col < 64 && carry[col] > 0)
					carry[col]--, col++;
				int cs = span_of(q, cells[c], "/ColSpan"), rs = span_of(q, cells[c], "/RowSpan");
				rg->spanned += cs > 1 || rs > 1;
				for (int k = 0; k < cs && col < 64; k++)
					carry[col++] = rs - 1;
			}
			while (col < 64 && carry[col] > 0)
				carry[col]--, col++;
			if (width < 0)
				width = col;
			ck_assert_msg(col == width, "a table row %d columns wide after rows of %d", col, width);
			rg->rows++;
		}
	}
	for (int c = 0; c < 64; c++)
		ck_assert_msg(carry[c] == 0, "a row span reaches past the table's last row");
}

static void find_tables(qpdf_data q, qpdf_oh node, regularity *rg, int depth)
{
	ck_assert(depth < 100);
	qpdf_oh k[512];
	int n = kids(q, node, k, 512);
	for (int i = 0; i < n; i++) {
		if (!strcmp(name_of(q, k[i], "/S"), "/Table"))
			check_table(q, k[i], rg);
		else
			find_tables(q, k[i], rg, depth + 1);
	}
}

/* The NJC table's head has two levels ("Basic + 8%" over its Salary and
 * Hourly rate): cells with /ColSpan and /RowSpan, and every table of every
 * layout still a regular grid. */
START_TEST(table_spans)
{
	static const char *const cases[][3] = {{"a11y-span-en", NULL, "en"}, {"a11y-span-par", "parallel", NULL}};
	static const char *const files[] = {"sample-statement-en.pdf", "sample-statement-parallel.pdf"};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *pdf = render(cases[i][0], cases[i][1], cases[i][2], files[i]);
		qpdf_data q = open_pdf(pdf);
		regularity rg = {0};
		find_tables(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot"), &rg, 0);
		ck_assert_int_ge(rg.tables, 6);
		ck_assert_int_ge(rg.rows, 100);
		/* Over two rows: grade, point, the two label columns; over two columns:
		 * April 2017, Basic + 8%, Basic + 4%. */
		ck_assert_int_ge(rg.spanned, 7);
		qpdf_cleanup(&q);
		g_free(pdf);
	}
}
END_TEST

/* Bookmarks as a reader meets the pages: qpdf lists them depth first, the
 * page of each before its children's, so the pages never go back; the
 * contents (laid out after the body, once its page numbers are known) come
 * first, and in the sequential PDF each part's contents before its body. */
START_TEST(bookmarks_in_page_order)
{
	static const char *const cases[][3] = {{"a11y-ol-en", NULL, "en"}, {"a11y-ol-seq", "sequential", NULL}};
	static const char *const files[] = {"sample-statement-en.pdf", "sample-statement-sequential.pdf"};
	for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
		char *pdf = render(cases[i][0], cases[i][1], cases[i][2], files[i]);
		char *q = g_shell_quote(pdf);
		char *cmd = g_strdup_printf("qpdf --json --json-key=outlines %s", q);
		run_result r = run_sh(cmd);
		ck_assert_msg(r.status == 0, "%s: %s", cmd, r.err);
		GRegex *re = g_regex_new("\"destpageposfrom1\": (\\d+)", 0, 0, NULL);
		GMatchInfo *mi;
		int n = 0, prev = 0, contents = 0;
		g_regex_match(re, r.out, 0, &mi);
		for (; g_match_info_matches(mi); g_match_info_next(mi, NULL), n++) {
			char *v = g_match_info_fetch(mi, 1);
			int page = atoi(v);
			g_free(v);
			ck_assert_msg(page >= prev, "bookmark %d goes back to page %d from page %d", n + 1, page, prev);
			prev = page;
		}
		g_match_info_free(mi);
		g_regex_unref(re);
		ck_assert_int_ge(n, 40);
		for (const char *p = r.out; (p = strstr(p, "\"title\": \"Contents\"")); p++)
			contents++;
		ck_assert_int_eq(contents, 1);
		const char *first = strstr(r.out, "\"title\": ");
		ck_assert_ptr_nonnull(first);
		ck_assert_msg(g_str_has_prefix(first, "\"title\": \"Contents\"") ||
				      g_str_has_prefix(first, "\"title\": \"Cynnwys\""),
			      "first bookmark: %.40s", first);
		run_free(&r);
		g_free(cmd);
		g_free(q);
		g_free(pdf);
	}
}
END_TEST

/* Every marked-content id on a page belongs to a structure element, and
 * each element's ids are drawn: "page-object-id:mcid" keys, claimed ones
 * from the tree (an integer /K with the element's or an ancestor's /Pg, or
 * an /MCR), drawn ones from the content streams. */
static void claim_mcids(qpdf_data q, qpdf_oh node, int pg, GHashTable *claimed, int depth)
{
	ck_assert(depth < 100);
	qpdf_oh p = qpdf_oh_get_key(q, node, "/Pg");
	if (qpdf_oh_is_dictionary(q, p))
		pg = qpdf_oh_get_object_id(q, p);
	qpdf_oh k = qpdf_oh_get_key(q, node, "/K");
	int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
		if (qpdf_oh_is_integer(q, kid)) {
			g_hash_table_add(claimed, g_strdup_printf("%d:%d", pg, qpdf_oh_get_int_value_as_int(q, kid)));
		} else if (qpdf_oh_is_dictionary(q, kid) && qpdf_oh_has_key(q, kid, "/MCID")) {
			qpdf_oh kp = qpdf_oh_get_key(q, kid, "/Pg");
			int kpg = qpdf_oh_is_dictionary(q, kp) ? qpdf_oh_get_object_id(q, kp) : pg;
			g_hash_table_add(claimed, g_strdup_printf("%d:%d", kpg,
								  qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_key(q, kid, "/MCID"))));
		} else if (qpdf_oh_is_dictionary(q, kid) && qpdf_oh_has_key(q, kid, "/S")) {
			claim_mcids(q, kid, pg, claimed, depth + 1);
		}
	}
}

START_TEST(every_mcid_claimed)
{
	static const char *const cases[][3] = {
		{"a11y-mc-en", NULL, "en"}, {"a11y-mc-seq", "sequential", NULL}, {"a11y-mc-par", "parallel", NULL}};
	static const char *const files[] = {"sample-statement-en.pdf", "sample-statement-sequential.pdf",
					    "sample-statement-parallel.pdf"};
	for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
		char *pdf = render(cases[c][0], cases[c][1], cases[c][2], files[c]);
		qpdf_data q = open_pdf(pdf);
		GHashTable *claimed = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
		claim_mcids(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot"), 0, claimed, 0);
		GRegex *re = g_regex_new("/MCID (\\d+)", 0, 0, NULL);
		int drawn = 0, npages = qpdf_get_num_pages(q);
		for (int i = 0; i < npages; i++) {
			qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
			unsigned char *buf = NULL;
			size_t len = 0;
			ck_assert(qpdf_oh_get_page_content_data(q, page, &buf, &len) == QPDF_SUCCESS);
			char *text = g_strndup((const char *)buf, len);
			free(buf);
			/* The running header and footer are artifacts on every page
			 * after the cover: text (BT) inside /Artifact BMC ... EMC. */
			int art_text = 0;
			for (const char *a = text; (a = strstr(a, "/Artifact BMC"));) {
				const char *e = strstr(a, "EMC");
				for (const char *bt = a; (bt = strstr(bt, "BT")) && (!e || bt < e); bt += 2)
					art_text++;
				a = e ? e : a + 1;
				if (!e)
					break;
			}
			ck_assert_msg(i == 0 || art_text > 0, "%s page %d: its header and footer are not artifacts", files[c],
				      i + 1);
			GMatchInfo *mi;
			g_regex_match(re, text, 0, &mi);
			for (; g_match_info_matches(mi); g_match_info_next(mi, NULL)) {
				char *v = g_match_info_fetch(mi, 1);
				char *key = g_strdup_printf("%d:%s", qpdf_oh_get_object_id(q, page), v);
				ck_assert_msg(g_hash_table_contains(claimed, key),
					      "%s page %d: marked content %s belongs to no structure element", files[c], i + 1, v);
				drawn++;
				g_free(key);
				g_free(v);
			}
			g_match_info_free(mi);
			g_free(text);
		}
		ck_assert_int_eq(drawn, (int)g_hash_table_size(claimed));
		g_regex_unref(re);
		g_hash_table_unref(claimed);
		qpdf_cleanup(&q);
		g_free(pdf);
	}
}
END_TEST

START_TEST(catalog_and_metadata)
{
	static const struct {
		const char *lang, *file, *tag;
	} cases[] = {{"en", "sample-statement-en.pdf", "en-GB"}, {"cy", "sample-statement-cy.pdf", "cy"}};
	for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
		char *pdf = render("a11y-cat", NULL, cases[c].lang, cases[c].file);
		qpdf_data q = open_pdf(pdf);
		qpdf_oh root = qpdf_get_root(q);
		qpdf_oh lang = qpdf_oh_get_key(q, root, "/Lang");
		ck_assert(qpdf_oh_is_string(q, lang));
		ck_assert_str_eq(qpdf_oh_get_utf8_value(q, lang), cases[c].tag);
		qpdf_oh mi = qpdf_oh_get_key(q, root, "/MarkInfo");
		ck_assert(qpdf_oh_get_bool_value(q, qpdf_oh_get_key(q, mi, "/Marked")));
		qpdf_oh vp = qpdf_oh_get_key(q, root, "/ViewerPreferences");
		ck_assert(qpdf_oh_get_bool_value(q, qpdf_oh_get_key(q, vp, "/DisplayDocTitle")));
		qpdf_oh ol = qpdf_oh_get_key(q, root, "/Outlines");
		ck_assert(qpdf_oh_is_dictionary(q, qpdf_oh_get_key(q, ol, "/First")));
		/* Page labels: front matter in lower roman, the body from 1. */
		qpdf_oh pl = qpdf_oh_get_key(q, qpdf_oh_get_key(q, root, "/PageLabels"), "/Nums");
		ck_assert(qpdf_oh_is_array(q, pl) && qpdf_oh_get_array_n_items(q, pl) >= 4);
		ck_assert_int_eq(qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_array_item(q, pl, 0)), 0);
		ck_assert_str_eq(name_of(q, qpdf_oh_get_array_item(q, pl, 1), "/S"), "/r");
		int body_index = qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_array_item(q, pl, 2));
		qpdf_oh body = qpdf_oh_get_array_item(q, pl, 3);
		ck_assert_str_eq(name_of(q, body, "/S"), "/D");
		/* ... and the printed number on that page is 1. */
		char *text = pdf_text(pdf, body_index + 1);
		ck_assert_msg(strstr(text, cases[c].tag[0] == 'c' ? "Tudalen 1 o" : "Page 1 of"), "page %d: %s", body_index + 1,
			      text);
		g_free(text);
		/* XMP: title and the PDF/UA identifier. */
		qpdf_oh md = qpdf_oh_get_key(q, root, "/Metadata");
		ck_assert(qpdf_oh_is_stream(q, md));
		unsigned char *buf = NULL;
		size_t len = 0;
		ck_assert(qpdf_oh_get_stream_data(q, md, qpdf_dl_all, NULL, &buf, &len) == QPDF_SUCCESS);
		char *xmp = g_strndup((const char *)buf, len);
		free(buf);
		ck_assert_msg(strstr(xmp, "pdfuaid:part") && strstr(xmp, ">1<"), "XMP lacks pdfuaid:part 1");
		ck_assert(strstr(xmp, cases[c].tag[0] == 'c' ? "Datganiad Polisi T\xc3\xa2l" : "Pay Policy Statement"));
		g_free(xmp);
		/* Not encrypted: agenda systems stamp and merge. */
		ck_assert(!qpdf_is_encrypted(q));
		qpdf_cleanup(&q);
		g_free(pdf);
	}
}
END_TEST

START_TEST(structure_tree)
{
	char *pdf = render("a11y-tree", NULL, "en", "sample-statement-en.pdf");
	qpdf_data q = open_pdf(pdf);
	tree t = read_tree(q);
	ck_assert_str_eq(t.types->pdata[0], "/Document");
	/* Headings in reading order, starting at H1, never skipping a level. */
	int prev = 0, headings = 0;
	for (guint i = 0; i < t.types->len; i++) {
		const char *s = t.types->pdata[i];
		if (s[1] != 'H' || !s[2] || s[3])
			continue;
		int level = s[2] - '0';
		ck_assert_msg(level <= prev + 1, "heading H%d follows H%d", level, prev);
		if (headings == 0)
			ck_assert_int_eq(level, 1);
		prev = level;
		headings++;
	}
	ck_assert_int_ge(headings, 40);
	ck_assert_int_ge(count(&t, "/L"), 10);
	ck_assert_int_eq(count(&t, "/LI"), count(&t, "/Lbl"));
	ck_assert_int_eq(count(&t, "/LI"), count(&t, "/LBody"));
	ck_assert_int_ge(count(&t, "/Table"), 6);
	ck_assert_int_ge(count(&t, "/TR"), 100);
	ck_assert_int_ge(t.th, 50);
	ck_assert_int_eq(t.th, t.th_scoped);
	ck_assert_int_ge(count(&t, "/TOCI"), 25);
	ck_assert_int_ge(t.links, 30);
	ck_assert_int_ge(t.figures, 3);
	ck_assert_int_eq(t.figures, t.figures_alt);
	/* Every link annotation says where it goes; pages with links tab in structure order. */
	int npages = qpdf_get_num_pages(q), annots = 0;
	for (int p = 0; p < npages; p++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)p);
		qpdf_oh a = qpdf_oh_get_key(q, page, "/Annots");
		if (!qpdf_oh_is_array(q, a))
			continue;
		ck_assert_str_eq(name_of(q, page, "/Tabs"), "/S");
		for (int i = 0; i < qpdf_oh_get_array_n_items(q, a); i++) {
			qpdf_oh an = qpdf_oh_get_array_item(q, a, i);
			qpdf_oh c = qpdf_oh_get_key(q, an, "/Contents");
			ck_assert_msg(qpdf_oh_is_string(q, c) && *qpdf_oh_get_utf8_value(q, c), "a link without /Contents on page %d",
				      p + 1);
			annots++;
		}
	}
	ck_assert_int_ge(annots, 30);
	tree_free(&t);
	qpdf_cleanup(&q);
	g_free(pdf);
}
END_TEST

/* Parallel layout: each element carries its language (its own /Lang where
 * it differs from its parent's, inherited below that), Welsh before English
 * in reading order. */
START_TEST(parallel_languages)
{
	char *pdf = render("a11y-par", "parallel", NULL, "sample-statement-parallel.pdf");
	qpdf_data q = open_pdf(pdf);
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/Lang")), "cy");
	tree t = read_tree(q);
	int cy = 0, en = 0, cy_then_en = 0, en_alone = 0;
	for (guint i = 0; i < t.types->len; i++) {
		const char *l = t.langs->pdata[i];
		cy += !strcmp(l, "cy");
		en += !strcmp(l, "en-GB");
		/* An English heading comes straight after its Welsh partner: the
		 * heading before it, of its level, is Welsh.  (Not the other way
		 * round: the contents page's heading is one bilingual element.) */
		const char *s = t.types->pdata[i];
		if (!strcmp(l, "en-GB") && s[1] == 'H' && s[2] >= '2' && s[2] <= '6') {
			guint k = i;
			while (k-- > 0 && strcmp(t.types->pdata[k], s) != 0)
				;
			if (k < i && !strcmp(t.langs->pdata[k], "cy"))
				cy_then_en++;
			else
				en_alone++;
		}
	}
	ck_assert_int_gt(cy, 200);
	ck_assert_int_gt(en, 200);
	ck_assert_int_ge(cy_then_en, 20);
	/* Headings in English only (the sample's 14 <title>s with no Welsh, in
	 * its English-only appendices) are set once, with no Welsh partner;
	 * every other English heading has one. */
	ck_assert_int_eq(en_alone, 14);
	/* /Lang is given where the language changes, not repeated on every span. */
	ck_assert_int_gt(t.own_langs, 100);
	ck_assert_int_lt(t.own_langs, (int)t.types->len / 2);
	ck_assert_int_eq(t.repeated, 0);
	/* "Gradd / Grade", "Diben / Purpose": a full-width table's bilingual
	 * heads and the contents' entries say their English in a Span of its
	 * own language, so each word is voiced in its language. */
	fprintf(stderr, "parallel: %d TH and %d Link spans in their own language\n", t.lang_spans_th, t.lang_spans_link);
	ck_assert_int_ge(t.lang_spans_th, 20);
	ck_assert_int_ge(t.lang_spans_link, 25);
	tree_free(&t);
	qpdf_cleanup(&q);
	g_free(pdf);
}
END_TEST

/* ---- The tree as poppler reads it: each element with its text ---------- */

/* A structure element from `pdfinfo -struct-text` (poppler follows each
 * element's marked content, /MCR /Pg included, and prints its text). */
typedef struct snode {
	char *type;       /* "P", "Sect", ... */
	GString *text;    /* its text and its descendants', white space, soft and
			   * hard hyphens left out (a column and the full width
			   * break lines in other places) */
	GPtrArray *kids;  /* snode* */
	struct snode *up;
	int indent;
} snode;

static snode *snode_new(const char *type, int indent, snode *up)
{
	snode *n = g_new0(snode, 1);
	n->type = g_strdup(type);
	n->text = g_string_new(NULL);
	n->kids = g_ptr_array_new();
	n->up = up;
	n->indent = indent;
	if (up)
		g_ptr_array_add(up->kids, n);
	return n;
}

static void snode_free(snode *n)
{
	for (guint i = 0; i < n->kids->len; i++)
		snode_free(n->kids->pdata[i]);
	g_ptr_array_free(n->kids, TRUE);
	g_string_free(n->text, TRUE);
	g_free(n->type);
	g_free(n);
}

static void add_text(snode *n, const char *s, const char *end)
{
	for (const char *c = s; c < end; c = g_utf8_next_char(c)) {
		gunichar u = g_utf8_get_char(c);
		if (g_unichar_isspace(u) || u == 0xAD || u == '-' || u == 0x2010)
			continue;
		for (snode *a = n; a; a = a->up)
			g_string_append_unichar(a->text, u);
	}
}

static snode *struct_text(const char *pdf)
{
	char *q = g_shell_quote(pdf);
	char *cmd = g_strdup_printf("pdfinfo -struct-text %s", q);
	run_result r = run_sh(cmd);
	ck_assert_msg(r.status == 0, "%s: %s", cmd, r.err);
	snode *root = snode_new("", -1, NULL), *cur = root;
	char **lines = g_strsplit(r.out, "\n", -1);
	for (char **l = lines; *l; l++) {
		int indent = 0;
		while ((*l)[indent] == ' ')
			indent++;
		const char *s = *l + indent;
		if (!*s)
			continue;
		while (cur->indent >= indent)
			cur = cur->up;
		if (*s == '"') { /* the text of cur */
			const char *e = strrchr(s, '"');
			add_text(cur, s + 1, e > s ? e : s + strlen(s));
		} else if (g_ascii_isupper(*s) && !g_str_has_prefix(s, "Object ")) {
			char *type = g_strndup(s, strcspn(s, " :"));
			cur = snode_new(type, indent, cur);
			g_free(type);
		} /* else an attribute ("/Scope /Column") or an annotation */
	}
	g_strfreev(lines);
	run_free(&r);
	g_free(cmd);
	g_free(q);
	return root;
}

/* Calls fn on every element below n, in reading order. */
static void snode_walk(snode *n, void (*fn)(snode *, void *), void *data)
{
	for (guint i = 0; i < n->kids->len; i++) {
		fn(n->kids->pdata[i], data);
		snode_walk(n->kids->pdata[i], fn, data);
	}
}

static int snode_kids_of(const snode *n, const char *type)
{
	int k = 0;
	for (guint i = 0; i < n->kids->len; i++)
		k += !strcmp(((snode *)n->kids->pdata[i])->type, type);
	return k;
}

typedef struct {
	GHashTable *texts; /* the P texts found (a set) */
	int sect, part, lists, one_item_lists;
	int bi_heads, grade; /* TH elements reading "Cymraeg / English"; "Gradd / Grade" among them */
	int tables, headless, bodies; /* Tables, those without a THead, their TBody elements */
} census;

static void count_node(snode *n, void *data)
{
	census *c = data;
	if (!strcmp(n->type, "P"))
		g_hash_table_add(c->texts, n->text->str);
	c->sect += !strcmp(n->type, "Sect");
	c->part += !strcmp(n->type, "Part");
	if (!strcmp(n->type, "TH") && strchr(n->text->str, '/')) {
		c->bi_heads++;
		c->grade += !strcmp(n->text->str, "Gradd/Grade");
	}
	if (!strcmp(n->type, "L")) {
		c->lists++;
		c->one_item_lists += snode_kids_of(n, "LI") == 1;
	}
	if (!strcmp(n->type, "Table")) {
		c->tables++;
		c->headless += snode_kids_of(n, "THead") == 0;
		c->bodies += snode_kids_of(n, "TBody");
	}
}

static census take_census(snode *root)
{
	census c = {g_hash_table_new(g_str_hash, g_str_equal), 0, 0, 0, 0, 0, 0, 0, 0, 0};
	snode_walk(root, count_node, &c);
	return c;
}

typedef struct {
	const census *cy, *en;
	int whole, parts, twins, orphans;
	GString *first_bad;
} pairing;

static bool only_in(const census *a, const census *b, const char *t)
{
	return g_hash_table_contains(a->texts, t) && !g_hash_table_contains(b->texts, t);
}

static void check_pair(snode *n, void *data)
{
	pairing *pr = data;
	if (strcmp(n->type, "P") != 0)
		return;
	const char *t = n->text->str;
	bool whole = g_hash_table_contains(pr->cy->texts, t) || g_hash_table_contains(pr->en->texts, t);
	pr->whole += whole;
	pr->parts += !whole;
	if (!whole && !pr->first_bad->len)
		g_string_printf(pr->first_bad, "a paragraph read in part: \"%.80s\"", t);
	/* A Welsh paragraph of a section is followed by its English twin. */
	if (strcmp(n->up->type, "Sect") != 0 || !only_in(pr->cy, pr->en, t))
		return;
	guint i = 0;
	while (n->up->kids->pdata[i] != n)
		i++;
	snode *next = i + 1 < n->up->kids->len ? n->up->kids->pdata[i + 1] : NULL;
	if (next && !strcmp(next->type, "P") && only_in(pr->en, pr->cy, next->text->str)) {
		pr->twins++;
	} else {
		pr->orphans++;
		if (!pr->first_bad->len)
			g_string_printf(pr->first_bad, "Welsh \"%.60s\" is followed by \"%.60s\"", t,
					next ? next->text->str : "(nothing)");
	}
}

/* Parallel layout, as a screen reader goes through it: each Welsh
 * paragraph read whole and then its English twin, also where the pair
 * crosses a page break (the columns are drawn a page at a time); one
 * Part, one Sect per section as in each language's own PDF; each
 * language's list one L, not an L per pair of items; a table that goes
 * over a page one Table with its head (a table is in the parallel PDF
 * once, or once per language). */
START_TEST(parallel_reads_whole)
{
	char *cy_pdf = render("a11y-whole-cy", NULL, "cy", "sample-statement-cy.pdf");
	char *en_pdf = render("a11y-whole-en", NULL, "en", "sample-statement-en.pdf");
	char *par_pdf = render("a11y-whole-par", "parallel", NULL, "sample-statement-parallel.pdf");
	snode *cy = struct_text(cy_pdf), *en = struct_text(en_pdf), *par = struct_text(par_pdf);
	census ccy = take_census(cy), cen = take_census(en), cpar = take_census(par);
	pairing pr = {&ccy, &cen, 0, 0, 0, 0, g_string_new(NULL)};
	snode_walk(par, check_pair, &pr);
	fprintf(stderr, "parallel: %d paragraphs whole, %d in parts, %d Welsh-English pairs, %d alone; %d Sect (%d), "
			"%d L, %d of one item (%d); %d Table (%d + %d), %d without a head\n",
		pr.whole, pr.parts, pr.twins, pr.orphans, cpar.sect, ccy.sect, cpar.lists, cpar.one_item_lists,
		ccy.one_item_lists, cpar.tables, ccy.tables, cen.tables, cpar.headless);
	ck_assert_msg(pr.parts == 0 && pr.orphans == 0, "%s (%d in parts, %d without their twin)", pr.first_bad->str,
		      pr.parts, pr.orphans);
	ck_assert_int_ge(pr.twins, 100);
	ck_assert_int_eq(ccy.sect, cen.sect);
	ck_assert_int_eq(cpar.sect, ccy.sect);
	ck_assert_int_eq(cpar.part, 1);
	ck_assert_int_ge(cpar.lists, ccy.lists);
	ck_assert_int_le(cpar.one_item_lists, 2 * ccy.one_item_lists);
	ck_assert_int_le(cpar.tables, ccy.tables + cen.tables);
	ck_assert_int_eq(cpar.bodies, cpar.tables);
	ck_assert_int_eq(cpar.headless, ccy.headless);
	/* A full-width table's "Gradd / Grade" head is read whole, both
	 * languages (cairo tags only leaf elements: a TH's own words beside its
	 * English Span were once left out of the tree). */
	fprintf(stderr, "parallel: %d bilingual TH, %d \"Gradd / Grade\"\n", cpar.bi_heads, cpar.grade);
	ck_assert_int_ge(cpar.bi_heads, 20);
	ck_assert_int_ge(cpar.grade, 1);
	g_string_free(pr.first_bad, TRUE);
	g_hash_table_destroy(ccy.texts);
	g_hash_table_destroy(cen.texts);
	g_hash_table_destroy(cpar.texts);
	snode_free(cy);
	snode_free(en);
	snode_free(par);
	g_free(cy_pdf);
	g_free(en_pdf);
	g_free(par_pdf);
}
END_TEST

/* A word too wide for its measure is broken between characters, with a
 * hyphen ("Llanfair…gyll-" "gogerych…"): the element holding both pieces
 * has the /ActualText of its lines, the word whole, so that it is read as
 * one word.  The fixture is the sample with one very long word in the
 * Leader's first paragraph, in each language, in an English list item
 * with links, and in a table's head cell in each language. */
#define LONG_WORD "LlanfairpwllgwyngyllgogerychwyrndrobwllllantysiliogogogochLlanfairpwllgwyngyllgogerychwyrndrobwll"

static void actual_texts(qpdf_data q, qpdf_oh node, GPtrArray *out, int depth)
{
	ck_assert(depth < 100);
	qpdf_oh k[4096];
	int n = kids(q, node, k, 4096);
	for (int i = 0; i < n; i++) {
		qpdf_oh a = qpdf_oh_get_key(q, k[i], "/ActualText");
		if (qpdf_oh_is_string(q, a))
			g_ptr_array_add(out, g_strdup(qpdf_oh_get_utf8_value(q, a)));
		actual_texts(q, k[i], out, depth + 1);
	}
}

START_TEST(broken_word_reads_whole)
{
	char *dir = scratch_dir("a11y-longword");
	char *fixture = sample_variant(dir, "longword.xml", "public money is spent on pay.",
				       "public money is spent on " LONG_WORD " pay.", "arian cyhoeddus ei wario",
				       "arian " LONG_WORD " ei wario",
				       /* ... and in a list item's paragraph with links (a Span between them). */
				       "element of the pay of its officers", "element of the " LONG_WORD " pay of its officers",
				       /* ... and in a table's head cell, in each language. */
				       "<en>Trade unions</en>", "<en>Trade unions " LONG_WORD "</en>", "<cy>Undebau llafur</cy>",
				       "<cy>Undebau " LONG_WORD "</cy>", NULL);
	static const struct {
		const char *layout, *lang, *file;
		int words; /* paragraphs with the long word */
	} cases[] = {{NULL, "en", "longword-en.pdf", 3}, {NULL, "cy", "longword-cy.pdf", 2},
		     {"parallel", NULL, "longword-parallel.pdf", 5}};
	for (size_t c = 0; c < G_N_ELEMENTS(cases); c++) {
		run_result r = cases[c].layout ? run_ppsgen("render", "-o", dir, "--layout", cases[c].layout, fixture, NULL)
					       : run_ppsgen("render", "-o", dir, "--lang", cases[c].lang, fixture, NULL);
		ck_assert_msg(r.status == 0, "render: %s", r.err);
		run_free(&r);
		char *pdf = g_build_filename(dir, cases[c].file, NULL);
		qpdf_data q = open_pdf(pdf);
		GPtrArray *texts = g_ptr_array_new_with_free_func(g_free);
		actual_texts(q, qpdf_oh_get_key(q, qpdf_get_root(q), "/StructTreeRoot"), texts, 0);
		int whole = 0, with_word = 0;
		for (guint i = 0; i < texts->len; i++) {
			const char *t = texts->pdata[i];
			with_word += strstr(t, "Llanfair") != NULL;
			ck_assert_msg(!strstr(t, "\xe2\x80\x90") && !strstr(t, "\xc2\xad"), "a hyphen in /ActualText \"%s\"", t);
			whole += strstr(t, "spent on " LONG_WORD " pay. As Leader") || strstr(t, "arian " LONG_WORD " ei wario") ||
				 strstr(t, "the " LONG_WORD " pay of its officers") || !strcmp(t, "Trade unions " LONG_WORD) ||
				 !strcmp(t, "Undebau " LONG_WORD);
		}
		/* Other elements may have one too: the table's narrowed columns
		 * break other words ("Negotiat-" "ing"), and each reads whole. */
		ck_assert_msg(whole == cases[c].words && with_word == cases[c].words,
			      "%s: %d of %d /ActualText with the word whole, %d expected", cases[c].file, whole, with_word,
			      cases[c].words);
		/* The pieces are on the page as they were: a hyphen at the break. */
		char *text = pdf_text(pdf, 0);
		ck_assert_msg(!strstr(text, LONG_WORD), "%s: the long word is not broken", cases[c].file);
		/* Only the column with the overlong word gives way: its neighbour's
		 * ordinary words stay whole (gt_fit's break cap). */
		if (!cases[c].lang || !strcmp(cases[c].lang, "en")) {
			GRegex *re = g_regex_new(".{0,30}(Negotiati|Governme|Communit)(-|\xe2\x80\x90|\\n).{0,10}", 0, 0, NULL);
			GMatchInfo *m;
			bool cut = g_regex_match(re, text, 0, &m);
			char *at = cut ? g_match_info_fetch(m, 0) : NULL;
			ck_assert_msg(!cut, "%s: a word of the narrow column broken: \"%s\"", cases[c].file, at);
			g_free(at);
			g_match_info_free(m);
			g_regex_unref(re);
		}
		g_free(text);
		g_ptr_array_free(texts, TRUE);
		qpdf_cleanup(&q);
		g_free(pdf);
	}
	g_free(fixture);
	g_free(dir);
}
END_TEST

/* Texts taller than a page (issue 20): a table cell, a chart's caption, a
 * table's caption, the cover's contact text, a list item, a note, a pay
 * scale's notes.  Each goes on over the next pages and nothing is lost. */
#define TALL_WORDS 8000

/* TALL_WORDS words "<lang><mark>00001" ... in sentences of 40. */
static char *numbered_words(char lang, char mark, int n)
{
	GString *g = g_string_new(NULL);
	for (int i = 1; i <= n; i++)
		g_string_append_printf(g, "%s%c%c%05d", i > 1 ? (i % 40 ? " " : ". ") : "", lang, mark, i);
	return g_string_free(g, FALSE);
}

typedef struct {
	const char *type, *first, *last;
	int held, whole; /* elements of the type holding the first word; those holding the last too */
} tall_probe;

static void probe_tall(snode *n, void *data)
{
	tall_probe *p = data;
	if (strcmp(n->type, p->type) || !strstr(n->text->str, p->first))
		return;
	p->held++;
	p->whole += strstr(n->text->str, p->last) != NULL;
}

/* The four layouts a fixture is rendered in, and the word lists ("c", "e")
 * each file holds. */
static const struct {
	const char *layout, *suffix;
	char langs[3];
} every_layout[] = {{"separate", "-en.pdf", "e"}, {"separate", "-cy.pdf", "c"},
		    {"parallel", "-parallel.pdf", "ce"}, {"sequential", "-sequential.pdf", "ce"}};

/* Renders fixture (DIR/STEM.xml) in every_layout[c] (separate writes both
 * languages at c == 0) and returns the PDF's path (g_free). */
static char *render_layout(const char *dir, const char *fixture, size_t c)
{
	if (c != 1) {
		run_result r = run_ppsgen("render", "-o", dir, "--layout", every_layout[c].layout, fixture, NULL);
		ck_assert_msg(r.status == 0, "render: %s", r.err);
		run_free(&r);
	}
	char *stem = g_path_get_basename(fixture);
	*strrchr(stem, '.') = '\0';
	char *pdf = g_strdup_printf("%s/%s%s", dir, stem, every_layout[c].suffix);
	g_free(stem);
	return pdf;
}

/* The sample with `from` replaced by a text of nwords numbered words
 * in each language (wrap: "%s" for the two; mark: their letter), rendered in
 * every layout: every word once and in order in each language's page text
 * (a word seen before may come again only if `repeats`: a table's caption
 * is repeated over its pages, as an artifact), one element of `type`
 * holding all of them in the structure tree, a page break at least every
 * 1,000 words, PDF/UA. */
static void tall_text_whole(const char *name, const char *from, const char *wrap, char mark, const char *type,
			    bool repeats, int nwords)
{
	char *dir = scratch_dir(name);
	char *cyw = numbered_words('c', mark, nwords), *enw = numbered_words('e', mark, nwords);
	char *both = g_strdup_printf("<cy>%s</cy><en>%s</en>", cyw, enw);
	char *to = g_strdup_printf(wrap, both);
	char *fixture = sample_variant(dir, "tall.xml", from, to, NULL);
	char *pattern = g_strdup_printf("\\b([ce])%c(\\d{5})\\b", mark);
	GRegex *re = g_regex_new(pattern, 0, 0, NULL);
	char *cpdf = src_path("../shared/tools/cpdf/cpdf");
	for (size_t c = 0; c < G_N_ELEMENTS(every_layout); c++) {
		char *pdf = render_layout(dir, fixture, c);
		const char *file = strrchr(pdf, '/') + 1, *langs = every_layout[c].langs;
		/* every word once, in order, in each language */
		char *text = pdf_text(pdf, 0);
		int next[2] = {1, 1};
		GMatchInfo *mi;
		g_regex_match(re, text, 0, &mi);
		while (g_match_info_matches(mi)) {
			char *l = g_match_info_fetch(mi, 1), *num = g_match_info_fetch(mi, 2);
			int k = *l == 'e', at = atoi(num);
			ck_assert_msg(at == next[k] || (repeats && at < next[k]), "%s: %c%c%05d where %c%c%05d was due",
				      file, *l, mark, at, *l, mark, next[k]);
			if (at == next[k])
				next[k]++;
			g_free(l);
			g_free(num);
			g_match_info_next(mi, NULL);
		}
		g_match_info_free(mi);
		for (int k = 0; k < 2; k++) {
			bool held = strchr(langs, "ce"[k]) != NULL;
			ck_assert_msg(next[k] == (held ? nwords + 1 : 1), "%s: %d %c words of %d", file,
				      next[k] - 1, "ce"[k], held ? nwords : 0);
		}
		snode *root = struct_text(pdf);
		for (const char *l = langs; *l; l++) {
			char first[16], last[16];
			snprintf(first, sizeof first, "%c%c00001", *l, mark);
			snprintf(last, sizeof last, "%c%c%05d", *l, mark, nwords);
			/* over pages: a page break (pdftotext's form feed) at least
			 * every 1,000 words between the first word and the last */
			const char *a = strstr(text, first), *z = a ? strstr(a, last) : NULL;
			ck_assert_msg(a && z, "%s: no %s or %s after it", file, first, last);
			int breaks = 0;
			for (const char *q = a; q < z; q++)
				breaks += *q == '\f';
			ck_assert_msg(breaks >= nwords / 1000, "%s: %s to %s over %d pages", file, first, last, breaks + 1);
			/* one element holds the whole text */
			tall_probe p = {type, first, last, 0, 0};
			snode_walk(root, probe_tall, &p);
			ck_assert_msg(p.held == 1 && p.whole == 1, "%s: %d %s elements hold %s, %d of them up to %s", file,
				      p.held, type, first, p.whole, last);
		}
		snode_free(root);
		if (g_file_test(cpdf, G_FILE_TEST_IS_EXECUTABLE)) {
			char *cmd = g_strdup_printf("'%s' -verify 'PDF/UA-1(matterhorn)' '%s'", cpdf, pdf);
			run_result r = run_sh(cmd);
			ck_assert_msg(r.status == 0 && !r.out[0], "%s is not PDF/UA-1:\n%s", pdf, r.out);
			run_free(&r);
			g_free(cmd);
		}
		g_free(text);
		g_free(pdf);
	}
	g_regex_unref(re);
	g_free(pattern);
	g_free(cpdf);
	g_free(fixture);
	g_free(to);
	g_free(both);
	g_free(cyw);
	g_free(enw);
	g_free(dir);
}

/* A table row taller than a page: its cells continue on the next pages
 * under the repeated header, and one TD holds the whole cell (the row stays
 * one row across its pages). */
START_TEST(tall_row_split_whole)
{
	tall_text_whole("a11y-tall", "<cell><cy>UNISON, GMB</cy><en>UNISON, GMB</en></cell>", "<cell>%s</cell>", 'w', "TD",
			false, TALL_WORDS);
}
END_TEST

/* A chart's caption taller than a page goes on over the next pages: it
 * once lost all but its first page's words. */
START_TEST(tall_chart_caption_whole)
{
	tall_text_whole("a11y-tall-chart",
			"<cy>Strwythur cyflog y Cyngor, o bwynt 9 y golofn gyflog hyd at y Prif Weithredwr</cy>"
			"<en>The Council's pay structure, from SCP 9 to the Chief Executive</en>",
			"%s", 'y', "Caption", false, TALL_WORDS);
}
END_TEST

/* And the cover's contact text, which is measured to sit at the foot of
 * the cover: a longer one goes on over the next page. */
START_TEST(tall_contact_whole)
{
	tall_text_whole("a11y-tall-contact",
			"<cy>Os hoffech gael y datganiad hwn mewn fformat arall, er enghraifft print bras, Braille, sain "
			"neu fersiwn hawdd ei darllen, cysylltwch â'r Gwasanaethau Pobl, Tŷ'r Sir, Stryd Fawr, Enghraifft, "
			"ar 01632 960123 neu yn pobl@example.org. Mae croeso i chi gysylltu â'r Cyngor yn Gymraeg neu yn "
			"Saesneg.</cy>\n    <en>If you would like this statement in another format, such as large print, "
			"Braille, audio or easy read, please contact People Services, County House, High Street, Example, "
			"on 01632 960123 or at pobl@example.org. You are welcome to contact the Council in Welsh or in "
			"English.</en>",
			"%s", 'z', "P", false, TALL_WORDS);
}
END_TEST

/* So does a table's caption, and its repetition over the table's later
 * pages is cut short. */
START_TEST(tall_table_caption_whole)
{
	tall_text_whole("a11y-tall-table-caption",
			"<cy>Undebau llafur yn y cyrff negodi cenedlaethol</cy><en>Trade unions in the national "
			"negotiating bodies</en>",
			"%s", 'x', "Caption", true, TALL_WORDS);
}
END_TEST

/* A list item taller than a page: its text goes on over the next pages,
 * one LBody holding it. 2,000 words is some five pages. */
START_TEST(tall_list_item_whole)
{
	tall_text_whole("a11y-tall-item",
			"<cy>sut y cyhoeddir gwybodaeth am gydnabyddiaeth ariannol prif swyddogion, a sut y gellir ei "
			"gweld;</cy>\n        <en>how information about the pay of chief officers is published and can be "
			"seen;</en>",
			"%s", 'i', "LBody", false, 2000);
}
END_TEST

/* So does a section's note ... */
START_TEST(tall_note_whole)
{
	tall_text_whole("a11y-tall-note",
			"<cy>Mae croeso i chi gysylltu â'r Cyngor yn Gymraeg neu yn Saesneg. Byddwn yn ateb yn yr iaith a "
			"ddewiswch, heb oedi.</cy>\n      <en>You are welcome to contact the Council in Welsh or in English. "
			"We will reply in the language you choose, without delay.</en>",
			"%s", 'n', "P", false, 2000);
}
END_TEST

/* ... and a pay scale's notes, under its table. */
START_TEST(tall_scale_notes_whole)
{
	tall_text_whole("a11y-tall-scale-notes",
			"<cy>Mae pwyntiau 11 i 17 yn gyffredin i'r ystod broffesiynol ac i ystod y gweithwyr "
			"cymorth.</cy>\n        <en>Points 11 to 17 are common to the professional range and the support "
			"worker range.</en>",
			"%s", 's', "P", false, 2000);
}
END_TEST

/* A chief executive's title of 27 words (about 300 characters): wherever
 * the post is named (the chief officer table, the pay structure chart's
 * label, Appendix B's table) every word is on the page, in order, in every
 * layout; the chart's label wraps within its column and nothing else does
 * overlap it (test_chart checks that on the chart itself). */
START_TEST(long_post_title_everywhere)
{
	enum { TITLE_WORDS = 27, PLACES = 3 };
	char *dir = scratch_dir("a11y-long-post");
	char *cyw = numbered_words('c', 'p', TITLE_WORDS), *enw = numbered_words('e', 'p', TITLE_WORDS);
	char *to = g_strdup_printf("<title><cy>%s</cy><en>%s</en></title>", cyw, enw);
	char *fixture = sample_variant(dir, "post.xml", "<title><cy>Prif Weithredwr</cy><en>Chief Executive</en></title>",
				       to, NULL);
	GRegex *re = g_regex_new("\\b([ce])p(\\d{5})\\b", 0, 0, NULL);
	for (size_t c = 0; c < G_N_ELEMENTS(every_layout); c++) {
		char *pdf = render_layout(dir, fixture, c), *text = pdf_text(pdf, 0);
		const char *file = strrchr(pdf, '/') + 1;
		/* per language: the words seen, counted on from 1 to 27 and again */
		int seen[2] = {0, 0};
		GMatchInfo *mi;
		g_regex_match(re, text, 0, &mi);
		while (g_match_info_matches(mi)) {
			char *l = g_match_info_fetch(mi, 1), *num = g_match_info_fetch(mi, 2);
			int k = *l == 'e', due = seen[k] % TITLE_WORDS + 1;
			ck_assert_msg(atoi(num) == due, "%s: %cp%s where %cp%05d was due (place %d)", file, *l, num,
				      *l, due, seen[k] / TITLE_WORDS + 1);
			seen[k]++;
			g_free(l);
			g_free(num);
			g_match_info_next(mi, NULL);
		}
		g_match_info_free(mi);
		for (int k = 0; k < 2; k++) {
			int want = strchr(every_layout[c].langs, "ce"[k]) ? PLACES * TITLE_WORDS : 0;
			ck_assert_msg(seen[k] == want, "%s: %d %c words of the title where %d were due", file,
				      seen[k], "ce"[k], want);
		}
		g_free(text);
		g_free(pdf);
	}
	g_regex_unref(re);
	g_free(fixture);
	g_free(to);
	g_free(cyw);
	g_free(enw);
	g_free(dir);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("accessibility");
	TCase *tc = tcase_create("accessibility");
	tcase_set_timeout(tc, 300);
	tcase_add_test(tc, catalog_and_metadata);
	tcase_add_test(tc, structure_tree);
	tcase_add_test(tc, parallel_languages);
	tcase_add_test(tc, table_spans);
	tcase_add_test(tc, bookmarks_in_page_order);
	tcase_add_test(tc, every_mcid_claimed);
	tcase_add_test(tc, parallel_reads_whole);
	tcase_add_test(tc, broken_word_reads_whole);
	tcase_add_test(tc, tall_row_split_whole);
	tcase_add_test(tc, tall_chart_caption_whole);
	tcase_add_test(tc, tall_table_caption_whole);
	tcase_add_test(tc, tall_contact_whole);
	tcase_add_test(tc, tall_list_item_whole);
	tcase_add_test(tc, tall_note_whole);
	tcase_add_test(tc, tall_scale_notes_whole);
	tcase_add_test(tc, long_post_title_everywhere);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
