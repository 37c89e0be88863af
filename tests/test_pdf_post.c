/* test_pdf_post.c — pdf_post: the content-stream wrapper on tricky streams,
 * then whole documents drawn with cairo here, finished, and read back with
 * qpdf's C API, libxml2 (the XMP), qpdf --check, pdfinfo and pdftotext. */
#include "pdf_post.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <check.h>
#include <fontconfig/fontconfig.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <libxml/xpathInternals.h>
#include <qpdf/qpdf-c.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>

#define DATE_2018_02_28 1519776000 /* 2018-02-28T00:00:00Z */
#define TITLE "Datganiad Polisi Tâl & <Cyflog> — ŵ ŷ Ŵ Ŷ \"2018\""

/* ------------------------------------------------------------------------ */
/* pdf_post_wrap_artifacts                                                  */

static char *wrap(const char *in, size_t len, bool *ok, GString *err)
{
	GString *out = g_string_new(NULL);
	*ok = pdf_post_wrap_artifacts(in, len, out, err);
	return g_string_free(out, FALSE);
}

/* Wrapping in gives expect; wrapping that again changes nothing. */
static void wraps_to_len(const char *in, size_t len, const char *expect, size_t elen)
{
	GString *err = g_string_new(NULL);
	bool ok;
	char *out = wrap(in, len, &ok, err);
	ck_assert_msg(ok, "wrap failed: %s", err->str);
	ck_assert_msg(memcmp(out, expect, elen) == 0 && out[elen] == 0 && strlen(out) <= elen,
	              "got:\n%s\nexpected:\n%s", out, expect);
	char *again = wrap(out, elen, &ok, err);
	ck_assert_msg(ok, "second wrap failed: %s", err->str);
	ck_assert_msg(memcmp(again, out, elen) == 0, "not idempotent:\n%s", again);
	g_free(again);
	g_free(out);
	g_string_free(err, TRUE);
}

static void wraps_to(const char *in, const char *expect)
{
	wraps_to_len(in, strlen(in), expect, strlen(expect));
}

static void wrap_fails(const char *in, const char *why)
{
	GString *err = g_string_new(NULL);
	bool ok;
	char *out = wrap(in, strlen(in), &ok, err);
	ck_assert_msg(!ok, "wrap of \"%s\" should fail", in);
	ck_assert_msg(strstr(err->str, why) != NULL, "error \"%s\" lacks \"%s\"", err->str, why);
	ck_assert_msg(strstr(err->str, "byte") != NULL, "error \"%s\" has no offset", err->str);
	g_free(out);
	g_string_free(err, TRUE);
}

START_TEST(wrap_simple)
{
	wraps_to("", "");
	wraps_to("BT (x) Tj ET", "/Artifact BMC\nBT (x) Tj ET\nEMC");
	/* State before and after the painting stays outside. */
	wraps_to("q 1 0 0 1 0 0 cm BT (x) Tj ET Q",
	         "q 1 0 0 1 0 0 cm /Artifact BMC\nBT (x) Tj ET\nEMC Q");
	/* Content already in marked content is left alone. */
	wraps_to("/P << /MCID 0 >> BDC BT (a) Tj ET EMC", "/P << /MCID 0 >> BDC BT (a) Tj ET EMC");
	wraps_to("/Artifact BMC BT (a) Tj ET EMC", "/Artifact BMC BT (a) Tj ET EMC");
	/* Only state, no painting: nothing to wrap. */
	wraps_to("q 0 0 0 rg /a0 gs Q", "q 0 0 0 rg /a0 gs Q");
}
END_TEST

START_TEST(wrap_runs_between_marked_content)
{
	/* Two unmarked runs around a tagged heading; the rg between the two
	 * text objects of the first run goes inside it. */
	wraps_to("BT (h) Tj ET 1 0 0 rg BT (i) Tj ET\n/H1 << /MCID 0 >> BDC BT (x) Tj ET EMC\nBT (f) Tj ET",
	         "/Artifact BMC\nBT (h) Tj ET 1 0 0 rg BT (i) Tj ET\nEMC\n"
	         "/H1 << /MCID 0 >> BDC BT (x) Tj ET EMC\n/Artifact BMC\nBT (f) Tj ET\nEMC");
	/* Nested marked content counts as marked. */
	wraps_to("/P BMC /Span BMC BT (a) Tj ET EMC BT (b) Tj ET EMC",
	         "/P BMC /Span BMC BT (a) Tj ET EMC BT (b) Tj ET EMC");
	/* Compact syntax: no white space around the new operators' neighbours. */
	wraps_to("q(x)Tj Q", "q\n/Artifact BMC\n(x)Tj\nEMC Q");
	wraps_to("q(x)Tj/a0 gs", "q\n/Artifact BMC\n(x)Tj\nEMC\n/a0 gs");
}
END_TEST

START_TEST(wrap_tricky_strings)
{
	/* "EMC", "BT", ")" and "(" inside literal strings are not operators. */
	wraps_to("/P << /MCID 0 >> BDC BT (EMC \\) ( nested ( EMC ) ) BDC) Tj ET EMC BT (b\\\\) Tj ET",
	         "/P << /MCID 0 >> BDC BT (EMC \\) ( nested ( EMC ) ) BDC) Tj ET EMC "
	         "/Artifact BMC\nBT (b\\\\) Tj ET\nEMC");
	/* Octal escapes and an escaped newline. */
	wraps_to("BT (\\101\\(\\\nx) Tj ET", "/Artifact BMC\nBT (\\101\\(\\\nx) Tj ET\nEMC");
	/* Hex strings, with white space, and a hex "EMC". */
	wraps_to("BT <45 4D\n43> Tj [<41>-20(B)] TJ ET", "/Artifact BMC\nBT <45 4D\n43> Tj [<41>-20(B)] TJ ET\nEMC");
	/* A property dictionary holding strings, arrays and a nested dictionary. */
	wraps_to("/Span << /ActualText (EMC\\)) /X [1 (a) <<  /Y (>>) >>] >> BDC BT (q) Tj ET EMC",
	         "/Span << /ActualText (EMC\\)) /X [1 (a) <<  /Y (>>) >>] >> BDC BT (q) Tj ET EMC");
	/* A comment that mentions EMC is white space. */
	wraps_to("/P BMC % EMC here\nBT (a) Tj ET EMC BT (b) Tj ET % EMC\n",
	         "/P BMC % EMC here\nBT (a) Tj ET EMC /Artifact BMC\nBT (b) Tj ET\nEMC % EMC\n");
}
END_TEST

START_TEST(wrap_text_object_stays_whole)
{
	/* cairo's ligature ActualText span inside an unmarked text object:
	 * the Artifact goes around the whole BT ... ET. */
	wraps_to("BT /Span << /ActualText <feff0066006c> >> BDC /f 1 Tf <a2> Tj EMC ET",
	         "/Artifact BMC\nBT /Span << /ActualText <feff0066006c> >> BDC /f 1 Tf <a2> Tj EMC ET\nEMC");
	/* A text object that opens marked content it does not close acts like
	 * BDC: no boundary may cut it, so the text before it stays as it is. */
	wraps_to("BT (a) Tj /P BMC (b) Tj ET BT (c) Tj ET EMC", "BT (a) Tj /P BMC (b) Tj ET BT (c) Tj ET EMC");
}
END_TEST

START_TEST(wrap_paths_and_objects)
{
	/* A painted path is wrapped whole; a clipping path ending in n is not
	 * drawing, so it stays outside. */
	wraps_to("0 0 m 10 10 l 5 5 5 5 re S", "/Artifact BMC\n0 0 m 10 10 l 5 5 5 5 re S\nEMC");
	wraps_to("q 0 0 10 10 re W n BT (x) Tj ET Q", "q 0 0 10 10 re W n /Artifact BMC\nBT (x) Tj ET\nEMC Q");
	/* A clip path between two paintings is inside the run. */
	wraps_to("0 0 1 1 re f 0 0 9 9 re W n 0 0 2 2 re f*",
	         "/Artifact BMC\n0 0 1 1 re f 0 0 9 9 re W n 0 0 2 2 re f*\nEMC");
	wraps_to("/Im0 Do", "/Artifact BMC\n/Im0 Do\nEMC");
	wraps_to("/Sh0 sh", "/Artifact BMC\n/Sh0 sh\nEMC");
	wraps_to("/P <</MCID 3>> BDC /Im0 Do EMC", "/P <</MCID 3>> BDC /Im0 Do EMC");
}
END_TEST

START_TEST(wrap_keeps_q_pairs_inside)
{
	/* q opened between two paintings: widened to its Q. */
	wraps_to("BT (a) Tj ET q 1 0 0 1 5 5 cm BT (b) Tj ET Q 0 g /P BMC EMC",
	         "/Artifact BMC\nBT (a) Tj ET q 1 0 0 1 5 5 cm BT (b) Tj ET Q\nEMC 0 g /P BMC EMC");
	/* Q between two paintings closes a q before the first: widened back. */
	wraps_to("0 g q 2 w BT (a) Tj ET Q BT (b) Tj ET",
	         "0 g /Artifact BMC\nq 2 w BT (a) Tj ET Q BT (b) Tj ET\nEMC");
	/* The matching q is beyond marked content: cannot widen, left as is. */
	wraps_to("q /P BMC EMC BT (a) Tj ET Q BT (b) Tj ET",
	         "q /P BMC EMC /Artifact BMC\nBT (a) Tj ET Q BT (b) Tj ET\nEMC");
}
END_TEST

START_TEST(wrap_inline_images)
{
	/* Unfiltered 8x1 grey image whose 8 data bytes are " EI EMC\n": the
	 * length comes from /W /H /BPC /CS, so the first " EI " is data. */
	static const char in1[] = "BI /W 8 /H 1 /BPC 8 /CS /G ID  EI EMC\n EI Q\n"
	                          "/P <</MCID 0>> BDC EMC";
	static const char out1[] = "/Artifact BMC\nBI /W 8 /H 1 /BPC 8 /CS /G ID  EI EMC\n EI\nEMC Q\n"
	                           "/P <</MCID 0>> BDC EMC";
	wraps_to(in1, out1);
	/* Binary data with NUL bytes (white space to PDF, so "\0EI\n" looks like
	 * an end) and an image mask: 1 bit, 9 wide, so 2 bytes a row, 4 in all. */
	static const char in2[] = "BI /IM true /W 9 /H 2 /D [1 0] ID \0EI\nEI /P BMC EMC";
	static const char out2[] = "/Artifact BMC\nBI /IM true /W 9 /H 2 /D [1 0] ID \0EI\nEI\nEMC /P BMC EMC";
	wraps_to_len(in2, sizeof in2 - 1, out2, sizeof out2 - 1);
	/* ASCII85 data holds " EI " (A85 allows white space): ends at "~>". */
	wraps_to("/P BMC EMC BI /W 2 /H 2 /CS /RGB /BPC 8 /F /A85 ID 9jqo EI ^BlbD-~> EI",
	         "/P BMC EMC /Artifact BMC\nBI /W 2 /H 2 /CS /RGB /BPC 8 /F /A85 ID 9jqo EI ^BlbD-~> EI\nEMC");
	/* ASCIIHex data in a filter array. */
	wraps_to("BI /W 1 /H 1 /CS /G /BPC 8 /F [/AHx /Fl] ID 78 9c> EI",
	         "/Artifact BMC\nBI /W 1 /H 1 /CS /G /BPC 8 /F [/AHx /Fl] ID 78 9c> EI\nEMC");
	/* PDF 2.0 /L gives the length outright. */
	wraps_to("BI /W 5 /H 5 /CS /Cs1 /F /Fl /L 6 ID xEI EI EI", "/Artifact BMC\nBI /W 5 /H 5 /CS /Cs1 /F /Fl /L 6 ID xEI EI EI\nEMC");
	/* Unknown length (named colour space, Flate): first white-space EI. */
	wraps_to("BI /W 5 /H 5 /CS /Cs1 /F /Fl ID xEIy EI Q", "/Artifact BMC\nBI /W 5 /H 5 /CS /Cs1 /F /Fl ID xEIy EI\nEMC Q");
	/* Inside marked content: untouched. */
	wraps_to("/Figure <</MCID 0>> BDC BI /W 1 /H 1 /CS /G /BPC 8 ID x EI EMC",
	         "/Figure <</MCID 0>> BDC BI /W 1 /H 1 /CS /G /BPC 8 ID x EI EMC");
}
END_TEST

START_TEST(wrap_malformed)
{
	wrap_fails("BT (abc Tj ET", "unterminated string");
	wrap_fails("BT (a\\) Tj ET", "unterminated string");
	wrap_fails("BT <41 Tj ET", "bad character in hex string");
	wrap_fails("BT <414 ", "unterminated hex string");
	wrap_fails("EMC", "EMC without");
	wrap_fails("/P BMC BT (a) Tj ET", "not closed");
	wrap_fails("BT (a) Tj", "BT without ET");
	wrap_fails("BT BT ET ET", "BT inside");
	wrap_fails("ET", "ET without BT");
	wrap_fails("[ (a) 1 TJ", "operator inside");
	wrap_fails("[ (a) 1", "unterminated array");
	wrap_fails("(a) ] TJ", "unbalanced");
	wrap_fails("a) Tj", "unbalanced ')'");
	wrap_fails("BI /W 1 /H 1 ID xyz", "without EI");
	wrap_fails("BI /W 1 /H 1", "without ID");
	wrap_fails("BI 1 ID x EI", "not a name");
	wrap_fails("1 0 0", "without an operator");
}
END_TEST

/* ------------------------------------------------------------------------ */
/* A tagged test document drawn with cairo                                  */

/* The elements of the test document in the order make_pdf begins their
 * tags ("cairo.dest" makes no element). */
enum {
	E_DOCUMENT, E_H1, E_P1, E_SPAN1, E_LINK1, E_SPAN2, E_TABLE, E_TR1, E_TH1, E_TH2,
	E_TR2, E_TD1, E_TD2, E_FIGURE, E_P2, E_SPAN3, E_LINK2, E_P3, E_SPAN4, E_CODE_EMPTY,
	E_COUNT
};
static const char *const elem_types[E_COUNT] = {
	"Document", "H1", "P",  "Span",   "Link", "Span", "Table", "TR", "TH", "TH",
	"TR",       "TD", "TD", "Figure", "P",    "Span", "Link",  "P",  "Span", "Code",
};
/* How many tags are open as each one begins (pdf_post_elem.depth). */
static const int elem_depths[E_COUNT] = {
	0, 1, 1, 2, 2, 2, 1, 2, 3, 3,
	2, 3, 3, 1, 1, 2, 2, 1, 2, 1,
};

static cairo_status_t to_bytes(void *closure, const unsigned char *data, unsigned int len)
{
	g_byte_array_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

static void text_at(cairo_t *cr, double x, double y, const char *s)
{
	cairo_move_to(cr, x, y);
	cairo_show_text(cr, s);
}

static void tag(cairo_t *cr, const char *name, const char *attrs)
{
	cairo_tag_begin(cr, name, attrs);
	ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
}

static void end(cairo_t *cr, const char *name)
{
	cairo_tag_end(cr, name);
	ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
}

static void leaf(cairo_t *cr, const char *name, double x, double y, const char *s)
{
	tag(cr, name, "");
	text_at(cr, x, y, s);
	end(cr, name);
}

/* A running header (text and a rule) drawn with no leaf open: unmarked. */
static void header(cairo_t *cr, int page)
{
	char s[64];
	g_snprintf(s, sizeof s, "Cyngor Sir Enghraifft (header) page %d", page);
	text_at(cr, 20, 20, s);
	cairo_move_to(cr, 20, 26);
	cairo_line_to(cr, 280, 26);
	cairo_stroke(cr);
}

/* Three pages: 1 and 2 with links, 3 without annotations.  tagged false:
 * the same drawing with no tags at all. */
static GByteArray *make_pdf(bool tagged)
{
	GByteArray *pdf = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, pdf, 300, 400);
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_TITLE, "cairo's title");
	cairo_pdf_surface_set_metadata(s, CAIRO_PDF_METADATA_CREATE_DATE, "2018-02-28T00:00:00Z");
	cairo_t *cr = cairo_create(s);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 9);
#define TAG(n, a) do { if (tagged) tag(cr, n, a); } while (0)
#define END(n) do { if (tagged) end(cr, n); } while (0)
#define LEAF(n, x, y, s) do { if (tagged) leaf(cr, n, x, y, s); else text_at(cr, x, y, s); } while (0)
	header(cr, 1);
	TAG("Document", "");
	LEAF("H1", 20, 50, "Datganiad Polisi Tâl 2018-19");
	TAG("P", "");
	LEAF("Span", 20, 70, "Mae'r datganiad (gweler");
	TAG("Link", "uri='https://example.gov.uk/pay'");
	text_at(cr, 140, 70, "y wefan");
	END("Link");
	TAG("cairo.dest", "name='sec-1'");
	END("cairo.dest");
	LEAF("Span", 180, 70, ") yn cydymffurfio.");
	END("P");
	TAG("Table", "");
	TAG("TR", "");
	LEAF("TH", 20, 100, "Band");
	LEAF("TH", 120, 100, "Salary");
	END("TR");
	TAG("TR", "");
	LEAF("TD", 20, 115, "A");
	LEAF("TD", 120, 115, "£16,000");
	END("TR");
	END("Table");
	TAG("Figure", "");
	cairo_rectangle(cr, 20, 130, 60, 40);
	cairo_fill(cr);
	END("Figure");
	text_at(cr, 140, 390, "1"); /* footer: only Document open, so unmarked */
	cairo_show_page(cr);

	header(cr, 2);
	TAG("P", "");
	LEAF("Span", 20, 50, "Tudalen dau: ŵ ŷ Ŵ Ŷ.");
	TAG("Link", "dest='sec-1'");
	text_at(cr, 20, 70, "Back to section 1");
	END("Link");
	END("P");
	cairo_show_page(cr);

	header(cr, 3);
	TAG("P", "");
	LEAF("Span", 20, 50, "Annex, no links.");
	END("P");
	TAG("Code", "");
	END("Code"); /* empty: still an element */
	END("Document");
	cairo_show_page(cr);
#undef TAG
#undef END
#undef LEAF
	ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	return pdf;
}

static pdf_post_elem test_elems[E_COUNT];
static const pdf_post_label test_labels[] = {
	{ 0, 'r', NULL, 1 },
	{ 1, 'D', "A-", 3 },
};

static pdf_post_info test_info(void)
{
	memset(test_elems, 0, sizeof test_elems);
	for (int i = 0; i < E_COUNT; i++)
		test_elems[i].depth = elem_depths[i];
	test_elems[E_H1].lang = "en-GB";
	test_elems[E_SPAN1].lang = "cy";
	test_elems[E_LINK1].contents = "Pay policy on the council's website (opens example.gov.uk)";
	test_elems[E_TH1].scope = "Column";
	test_elems[E_TH2].scope = "Row";
	test_elems[E_FIGURE].alt = "Organisation chart: Prif Weithredwr & <directors> ŵ";
	test_elems[E_LINK2].contents = "Yn ôl i adran 1";
	test_elems[E_P3].lang = "en-GB";
	test_elems[E_SPAN4].actual = "Annex, no links (in full) ŵ";
	return (pdf_post_info){
		.lang = "cy",
		.title = TITLE,
		.author = "Cyngor Sir Enghraifft",
		.subject = "Pay Policy Statement 2018-19",
		.keywords = "pay policy; Localism Act 2011 s38",
		.date = DATE_2018_02_28,
		.elems = test_elems,
		.nelems = E_COUNT,
		.labels = test_labels,
		.nlabels = 2,
		.artifacts = true,
	};
}

static GByteArray *finish_ok(const GByteArray *in, const pdf_post_info *info)
{
	GByteArray *out = g_byte_array_new();
	GString *err = g_string_new(NULL);
	bool ok = pdf_post_finish(in->data, in->len, info, out, err);
	ck_assert_msg(ok, "pdf_post_finish failed: %s", err->str);
	ck_assert_uint_gt(out->len, 0);
	g_string_free(err, TRUE);
	return out;
}

/* ------------------------------------------------------------------------ */
/* Reading results back with qpdf                                           */

static qpdf_data open_pdf(const GByteArray *pdf)
{
	qpdf_data q = qpdf_init();
	qpdf_silence_errors(q);
	qpdf_set_suppress_warnings(q, QPDF_TRUE);
	qpdf_set_attempt_recovery(q, QPDF_FALSE);
	QPDF_ERROR_CODE rc = qpdf_read_memory(q, "result", (const char *)pdf->data, pdf->len, NULL);
	ck_assert_msg(rc == QPDF_SUCCESS, "qpdf cannot read the result (code %d)", rc);
	return q;
}

static qpdf_oh key(qpdf_data q, qpdf_oh dict, const char *k)
{
	ck_assert_msg(qpdf_oh_is_dictionary(q, dict), "looking up %s in a non-dictionary", k);
	return qpdf_oh_get_key(q, dict, k);
}

static bool has(qpdf_data q, qpdf_oh dict, const char *k)
{
	return qpdf_oh_is_dictionary(q, dict) && qpdf_oh_has_key(q, dict, k);
}

static void assert_name(qpdf_data q, qpdf_oh o, const char *name)
{
	ck_assert_msg(qpdf_oh_is_name(q, o), "expected name %s, got %s", name, qpdf_oh_unparse(q, o));
	ck_assert_str_eq(qpdf_oh_get_name(q, o), name);
}

static void assert_utf8(qpdf_data q, qpdf_oh o, const char *text)
{
	ck_assert_msg(qpdf_oh_is_string(q, o), "expected string \"%s\", got %s", text, qpdf_oh_unparse(q, o));
	ck_assert_str_eq(qpdf_oh_get_utf8_value(q, o), text);
}

static void walk(qpdf_data q, qpdf_oh node, GArray *elems)
{
	qpdf_oh k = key(q, node, "/K");
	int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
		if (!has(q, kid, "/S"))
			continue;
		g_array_append_val(elems, kid);
		walk(q, kid, elems);
	}
}

/* Structure elements in depth-first pre-order. */
static GArray *struct_elems(qpdf_data q)
{
	GArray *elems = g_array_new(FALSE, FALSE, sizeof(qpdf_oh));
	walk(q, key(q, qpdf_get_root(q), "/StructTreeRoot"), elems);
	return elems;
}

static unsigned char *page_content(qpdf_data q, int page, size_t *len)
{
	unsigned char *buf = NULL;
	ck_assert_int_eq(qpdf_oh_get_page_content_data(q, qpdf_get_page_n(q, (size_t)page), &buf, len),
	                 QPDF_SUCCESS);
	return buf;
}

/* Page i's content in q is exactly that of qi, the input (with wrap: as the
 * artifact wrapper makes it). */
static void assert_content(qpdf_data q, qpdf_data qi, int i, bool wrap)
{
	size_t len, ilen;
	unsigned char *c = page_content(q, i, &len), *ic = page_content(qi, i, &ilen);
	GString *expect = g_string_new(NULL);
	if (wrap)
		ck_assert(pdf_post_wrap_artifacts((const char *)ic, ilen, expect, NULL));
	else
		g_string_append_len(expect, (const char *)ic, (gssize)ilen);
	ck_assert_msg(len == expect->len && memcmp(c, expect->str, len) == 0, "page %d's content differs", i + 1);
	g_string_free(expect, TRUE);
	free(c);
	free(ic);
}

/* ------------------------------------------------------------------------ */
/* Files and tools                                                          */

typedef struct {
	char *dir;
	GPtrArray *files;
} scratch;

static scratch scratch_new(void)
{
	GError *e = NULL;
	char *dir = g_dir_make_tmp("ppsgen-pdfpost-XXXXXX", &e);
	ck_assert_msg(dir != NULL, "no temp dir: %s", e ? e->message : "?");
	return (scratch){ dir, g_ptr_array_new_with_free_func(g_free) };
}

static const char *scratch_write(scratch *s, const char *name, const GByteArray *data)
{
	char *path = g_build_filename(s->dir, name, NULL);
	GError *e = NULL;
	ck_assert_msg(g_file_set_contents(path, (const char *)data->data, data->len, &e),
	              "cannot write %s: %s", path, e ? e->message : "?");
	g_ptr_array_add(s->files, path);
	return path;
}

/* Removes the files unless PPS_KEEP_TEST_FILES is set (to inspect them). */
static void scratch_free(scratch *s)
{
	if (!g_getenv("PPS_KEEP_TEST_FILES")) {
		for (guint i = 0; i < s->files->len; i++)
			g_remove(s->files->pdata[i]);
		g_rmdir(s->dir);
	}
	g_ptr_array_free(s->files, TRUE);
	g_free(s->dir);
}

/* Runs a tool (which must exist: a missing tool fails the test), returns
 * its exit status and stdout+stderr in *output. */
static int run(const char *const argv[], char **output)
{
	char *out = NULL, *err = NULL;
	int status = 0;
	GError *e = NULL;
	gboolean ok = g_spawn_sync(NULL, (char **)argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err,
	                           &status, &e);
	ck_assert_msg(ok, "cannot run %s: %s", argv[0], e ? e->message : "?");
	*output = g_strconcat(out, err, NULL);
	g_free(out);
	g_free(err);
	ck_assert_msg(WIFEXITED(status), "%s did not exit normally", argv[0]);
	return WEXITSTATUS(status);
}

/* ------------------------------------------------------------------------ */
/* Tests on whole documents                                                 */

START_TEST(cairo_tree_is_in_tag_begin_order)
{
	/* The premise of pdf_post_elem indexing, checked on cairo's own output. */
	GByteArray *in = make_pdf(true);
	qpdf_data q = open_pdf(in);
	GArray *elems = struct_elems(q);
	ck_assert_int_eq(elems->len, E_COUNT);
	for (int i = 0; i < E_COUNT; i++) {
		char *name = g_strconcat("/", elem_types[i], NULL);
		assert_name(q, key(q, g_array_index(elems, qpdf_oh, i), "/S"), name);
		g_free(name);
	}
	/* A Link element points at its annotation with an OBJR. */
	qpdf_oh k = key(q, g_array_index(elems, qpdf_oh, E_LINK1), "/K");
	ck_assert(qpdf_oh_is_array(q, k));
	qpdf_oh objr = qpdf_oh_get_array_item(q, k, 0);
	assert_name(q, key(q, objr, "/Type"), "/OBJR");
	assert_name(q, key(q, key(q, objr, "/Obj"), "/Subtype"), "/Link");
	g_array_free(elems, TRUE);
	qpdf_cleanup(&q);
	g_byte_array_free(in, TRUE);
}
END_TEST

START_TEST(catalog_and_metadata)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	GByteArray *out = finish_ok(in, &info);
	qpdf_data q = open_pdf(out);
	qpdf_oh root = qpdf_get_root(q);

	assert_utf8(q, key(q, root, "/Lang"), "cy");
	qpdf_oh vp = key(q, root, "/ViewerPreferences");
	ck_assert(qpdf_oh_is_bool(q, key(q, vp, "/DisplayDocTitle")));
	ck_assert(qpdf_oh_get_bool_value(q, key(q, vp, "/DisplayDocTitle")));
	ck_assert(qpdf_oh_get_bool_value(q, key(q, key(q, root, "/MarkInfo"), "/Marked")));
	ck_assert_str_eq(qpdf_get_pdf_version(q), "1.5");

	qpdf_oh md = key(q, root, "/Metadata");
	ck_assert(qpdf_oh_is_stream(q, md));
	ck_assert(qpdf_oh_is_indirect(q, md));
	qpdf_oh mdd = qpdf_oh_get_dict(q, md);
	assert_name(q, key(q, mdd, "/Type"), "/Metadata");
	assert_name(q, key(q, mdd, "/Subtype"), "/XML");
	ck_assert_msg(!has(q, mdd, "/Filter"), "XMP must not be compressed");
	unsigned char *xmp = NULL;
	size_t xlen = 0;
	ck_assert_int_eq(qpdf_oh_get_stream_data(q, md, qpdf_dl_none, NULL, &xmp, &xlen), QPDF_SUCCESS);
	char *x = g_strndup((const char *)xmp, xlen);
	free(xmp);
	ck_assert_ptr_nonnull(strstr(x, "<pdfuaid:part>1</pdfuaid:part>"));
	ck_assert_ptr_nonnull(strstr(x, "&amp; &lt;Cyflog&gt;"));

	/* Well-formed RDF/XML with the right namespaces and values. */
	xmlDocPtr doc = xmlReadMemory(x, (int)xlen, "xmp.xml", NULL, XML_PARSE_NONET | XML_PARSE_NOERROR);
	ck_assert_msg(doc != NULL, "XMP is not well-formed XML:\n%s", x);
	xmlXPathContextPtr xc = xmlXPathNewContext(doc);
	xmlXPathRegisterNs(xc, BAD_CAST "rdf", BAD_CAST "http://www.w3.org/1999/02/22-rdf-syntax-ns#");
	xmlXPathRegisterNs(xc, BAD_CAST "dc", BAD_CAST "http://purl.org/dc/elements/1.1/");
	xmlXPathRegisterNs(xc, BAD_CAST "pdf", BAD_CAST "http://ns.adobe.com/pdf/1.3/");
	xmlXPathRegisterNs(xc, BAD_CAST "xmp", BAD_CAST "http://ns.adobe.com/xap/1.0/");
	xmlXPathRegisterNs(xc, BAD_CAST "ua", BAD_CAST "http://www.aiim.org/pdfua/ns/id/");
	static const char *const expect[][2] = {
		{ "string(//ua:part)", "1" },
		{ "string(//dc:title/rdf:Alt/rdf:li[@xml:lang='x-default'])", TITLE },
		{ "string(//dc:creator/rdf:Seq/rdf:li)", "Cyngor Sir Enghraifft" },
		{ "string(//dc:description/rdf:Alt/rdf:li)", "Pay Policy Statement 2018-19" },
		{ "string(//pdf:Keywords)", "pay policy; Localism Act 2011 s38" },
		{ "string(//pdf:Producer)", "cairo 1.16.0 (https://cairographics.org)" },
		{ "string(//xmp:CreatorTool)", "ppsgen" },
		{ "string(//xmp:CreateDate)", "2018-02-28T00:00:00Z" },
		{ "string(//xmp:ModifyDate)", "2018-02-28T00:00:00Z" },
		{ "string(//xmp:MetadataDate)", "2018-02-28T00:00:00Z" },
	};
	for (size_t i = 0; i < G_N_ELEMENTS(expect); i++) {
		xmlXPathObjectPtr r = xmlXPathEvalExpression(BAD_CAST expect[i][0], xc);
		ck_assert_ptr_nonnull(r);
		ck_assert_msg(strcmp((const char *)r->stringval, expect[i][1]) == 0, "%s gave \"%s\", not \"%s\"",
		              expect[i][0], r->stringval, expect[i][1]);
		xmlXPathFreeObject(r);
	}
	xmlXPathFreeContext(xc);
	xmlFreeDoc(doc);
	g_free(x);

	/* Info agrees with XMP; dates carry the D: prefix. */
	qpdf_oh infod = key(q, qpdf_get_trailer(q), "/Info");
	assert_utf8(q, key(q, infod, "/Title"), TITLE);
	assert_utf8(q, key(q, infod, "/Author"), "Cyngor Sir Enghraifft");
	assert_utf8(q, key(q, infod, "/Subject"), "Pay Policy Statement 2018-19");
	assert_utf8(q, key(q, infod, "/Keywords"), "pay policy; Localism Act 2011 s38");
	assert_utf8(q, key(q, infod, "/Creator"), "ppsgen");
	assert_utf8(q, key(q, infod, "/CreationDate"), "D:20180228000000Z");
	assert_utf8(q, key(q, infod, "/ModDate"), "D:20180228000000Z");
	/* A deterministic /ID is present; no encryption. */
	qpdf_oh id = key(q, qpdf_get_trailer(q), "/ID");
	ck_assert(qpdf_oh_is_array(q, id));
	ck_assert_int_eq(qpdf_oh_get_array_n_items(q, id), 2);
	ck_assert(!has(q, qpdf_get_trailer(q), "/Encrypt"));
	ck_assert(!qpdf_is_encrypted(q));
	qpdf_cleanup(&q);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

START_TEST(page_labels_replace_cairos)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	GByteArray *out = finish_ok(in, &info);
	qpdf_data q = open_pdf(out);
	qpdf_oh nums = key(q, key(q, qpdf_get_root(q), "/PageLabels"), "/Nums");
	ck_assert(qpdf_oh_is_array(q, nums));
	ck_assert_int_eq(qpdf_oh_get_array_n_items(q, nums), 4);
	ck_assert_int_eq(qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, 0)), 0);
	qpdf_oh l0 = qpdf_oh_get_array_item(q, nums, 1);
	assert_name(q, key(q, l0, "/S"), "/r");
	ck_assert(!has(q, l0, "/P") && !has(q, l0, "/St"));
	ck_assert_int_eq(qpdf_oh_get_int_value(q, qpdf_oh_get_array_item(q, nums, 2)), 1);
	qpdf_oh l1 = qpdf_oh_get_array_item(q, nums, 3);
	assert_name(q, key(q, l1, "/S"), "/D");
	assert_utf8(q, key(q, l1, "/P"), "A-");
	ck_assert_int_eq(qpdf_oh_get_int_value(q, key(q, l1, "/St")), 3);
	qpdf_cleanup(&q);

	/* qpdf's own page-label reader agrees: i, A-3, A-4. */
	scratch s = scratch_new();
	const char *path = scratch_write(&s, "labels.pdf", out);
	char *text;
	const char *argv[] = { "qpdf", "--json", "--json-key=pagelabels", path, NULL };
	ck_assert_int_eq(run(argv, &text), 0);
	ck_assert_msg(strstr(text, "\"/S\": \"/r\"") && strstr(text, "\"/St\": 3"), "%s", text);
	g_free(text);
	scratch_free(&s);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

START_TEST(elements_get_their_attributes)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	GByteArray *out = finish_ok(in, &info);
	qpdf_data q = open_pdf(out);
	GArray *elems = struct_elems(q);
	ck_assert_int_eq(elems->len, E_COUNT);
	for (int i = 0; i < E_COUNT; i++) {
		qpdf_oh el = g_array_index(elems, qpdf_oh, i);
		const pdf_post_elem *e = &test_elems[i];
		if (e->lang)
			assert_utf8(q, key(q, el, "/Lang"), e->lang);
		else
			ck_assert_msg(!has(q, el, "/Lang"), "element %d has /Lang", i);
		if (e->alt)
			assert_utf8(q, key(q, el, "/Alt"), e->alt);
		else
			ck_assert_msg(!has(q, el, "/Alt"), "element %d has /Alt", i);
		if (e->actual)
			assert_utf8(q, key(q, el, "/ActualText"), e->actual);
		else
			ck_assert_msg(!has(q, el, "/ActualText"), "element %d has /ActualText", i);
		if (e->scope) {
			qpdf_oh a = key(q, el, "/A");
			assert_name(q, key(q, a, "/O"), "/Table");
			char *name = g_strconcat("/", e->scope, NULL);
			assert_name(q, key(q, a, "/Scope"), name);
			g_free(name);
		} else {
			ck_assert_msg(!has(q, el, "/A"), "element %d has /A", i);
		}
	}
	/* Link annotations carry /Contents; pages with annotations /Tabs /S. */
	const int links[] = { E_LINK1, E_LINK2 };
	for (size_t i = 0; i < G_N_ELEMENTS(links); i++) {
		qpdf_oh objr = qpdf_oh_get_array_item(q, key(q, g_array_index(elems, qpdf_oh, links[i]), "/K"), 0);
		qpdf_oh annot = key(q, objr, "/Obj");
		assert_name(q, key(q, annot, "/Subtype"), "/Link");
		assert_utf8(q, key(q, annot, "/Contents"), test_elems[links[i]].contents);
	}
	ck_assert_int_eq(qpdf_get_num_pages(q), 3);
	for (int i = 0; i < 3; i++) {
		qpdf_oh page = qpdf_get_page_n(q, (size_t)i);
		if (i < 2)
			assert_name(q, key(q, page, "/Tabs"), "/S");
		else
			ck_assert_msg(!has(q, page, "/Tabs") && !has(q, page, "/Annots"), "page 3");
	}
	g_array_free(elems, TRUE);
	qpdf_cleanup(&q);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

START_TEST(unmarked_content_becomes_artifact)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	GByteArray *out = finish_ok(in, &info);
	qpdf_data q = open_pdf(out);
	qpdf_data qi = open_pdf(in);
	for (int i = 0; i < 3; i++) {
		size_t len, ilen;
		unsigned char *c = page_content(q, i, &len);
		unsigned char *ic = page_content(qi, i, &ilen);
		char *text = g_strndup((const char *)c, len);
		/* The header, drawn first, is the first text object: in an Artifact. */
		char *bt = strstr(text, "BT\n");
		ck_assert_msg(bt && bt - text >= 14 && strncmp(bt - 14, "/Artifact BMC\n", 14) == 0,
		              "page %d:\n%s", i + 1, text);
		/* Nothing drawn is left unmarked: wrapping again changes nothing. */
		GString *again = g_string_new(NULL);
		ck_assert(pdf_post_wrap_artifacts(text, len, again, NULL));
		ck_assert_str_eq(again->str, text);
		/* Exactly the wrapper's edit of cairo's stream, nothing else. */
		GString *expect = g_string_new(NULL);
		ck_assert(pdf_post_wrap_artifacts((const char *)ic, ilen, expect, NULL));
		ck_assert_str_eq(text, expect->str);
		ck_assert_uint_lt(ilen, len);
		g_string_free(expect, TRUE);
		g_string_free(again, TRUE);
		/* Rewritten streams are compressed again. */
		qpdf_oh cs = key(q, qpdf_get_page_n(q, (size_t)i), "/Contents");
		assert_name(q, key(q, qpdf_oh_get_dict(q, cs), "/Filter"), "/FlateDecode");
		g_free(text);
		free(c);
		free(ic);
	}
	qpdf_cleanup(&qi);
	qpdf_cleanup(&q);
	g_byte_array_free(out, TRUE);

	/* Without artifacts, content streams stay as cairo wrote them. */
	info.artifacts = false;
	out = finish_ok(in, &info);
	q = open_pdf(out);
	qi = open_pdf(in);
	for (int i = 0; i < 3; i++)
		assert_content(q, qi, i, false);
	qpdf_cleanup(&qi);
	qpdf_cleanup(&q);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

/* cairo writes one stream per page; make page 2's /Contents an array of two
 * streams and let page 3 share page 1's stream, as other writers do. */
static GByteArray *rearrange_contents(const GByteArray *in)
{
	qpdf_data q = open_pdf(in);
	qpdf_oh p1 = qpdf_get_page_n(q, 0), p2 = qpdf_get_page_n(q, 1), p3 = qpdf_get_page_n(q, 2);
	qpdf_oh_replace_key(q, p3, "/Contents", key(q, p1, "/Contents"));
	static const char extra[] = "0 0 10 10 re f";
	qpdf_oh s = qpdf_oh_new_stream(q);
	qpdf_oh_replace_stream_data(q, s, (const unsigned char *)extra, strlen(extra), qpdf_oh_new_null(q),
	                            qpdf_oh_new_null(q));
	qpdf_oh arr = qpdf_oh_new_array(q);
	qpdf_oh_append_item(q, arr, key(q, p2, "/Contents"));
	qpdf_oh_append_item(q, arr, s);
	qpdf_oh_replace_key(q, p2, "/Contents", arr);
	ck_assert_int_eq(qpdf_init_write_memory(q), QPDF_SUCCESS);
	ck_assert_int_eq(qpdf_write(q), QPDF_SUCCESS);
	GByteArray *out = g_byte_array_new();
	g_byte_array_append(out, qpdf_get_buffer(q), (guint)qpdf_get_buffer_length(q));
	qpdf_cleanup(&q);
	return out;
}

START_TEST(content_arrays_and_shared_streams)
{
	GByteArray *cairo = make_pdf(true);
	GByteArray *in = rearrange_contents(cairo);
	pdf_post_info info = test_info();
	GByteArray *out = finish_ok(in, &info);
	qpdf_data q = open_pdf(out), qi = open_pdf(cairo);
	/* Pages 1 and 3 still share one (wrapped) stream. */
	qpdf_oh c1 = key(q, qpdf_get_page_n(q, 0), "/Contents"), c3 = key(q, qpdf_get_page_n(q, 2), "/Contents");
	ck_assert(qpdf_oh_is_stream(q, c1));
	ck_assert_int_eq(qpdf_oh_get_object_id(q, c1), qpdf_oh_get_object_id(q, c3));
	size_t len, ilen;
	unsigned char *c = page_content(q, 0, &len), *ic = page_content(qi, 0, &ilen);
	GString *expect = g_string_new(NULL);
	ck_assert(pdf_post_wrap_artifacts((const char *)ic, ilen, expect, NULL));
	ck_assert(len == expect->len && memcmp(c, expect->str, len) == 0);
	free(c);
	free(ic);
	/* Page 2's two streams became one, with the extra square wrapped. */
	qpdf_oh c2 = key(q, qpdf_get_page_n(q, 1), "/Contents");
	ck_assert(qpdf_oh_is_stream(q, c2));
	c = page_content(q, 1, &len);
	char *text = g_strndup((const char *)c, len);
	ck_assert_msg(g_str_has_suffix(text, "Q\n/Artifact BMC\n0 0 10 10 re f\nEMC"), "%s", text);
	ck_assert_msg(g_str_has_prefix(strstr(text, "BT\n") - 14, "/Artifact BMC\n"), "%s", text);
	g_free(text);
	free(c);
	g_string_free(expect, TRUE);
	qpdf_cleanup(&qi);
	qpdf_cleanup(&q);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
	g_byte_array_free(cairo, TRUE);
}
END_TEST

START_TEST(tools_accept_the_result)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	GByteArray *out = finish_ok(in, &info);
	scratch s = scratch_new();
	const char *inpath = scratch_write(&s, "cairo.pdf", in);
	const char *outpath = scratch_write(&s, "finished.pdf", out);
	char *text;

	const char *check[] = { "qpdf", "--check", outpath, NULL };
	ck_assert_msg(run(check, &text) == 0, "qpdf --check:\n%s", text);
	ck_assert_msg(strstr(text, "No syntax or stream encoding errors found") && !strstr(text, "WARNING"),
	              "qpdf --check:\n%s", text);
	g_free(text);

	const char *info_argv[] = { "pdfinfo", outpath, NULL };
	ck_assert_int_eq(run(info_argv, &text), 0);
	ck_assert_msg(g_regex_match_simple("^Tagged: +yes$", text, G_REGEX_MULTILINE, 0), "%s", text);
	ck_assert_msg(strstr(text, "Title:           " TITLE "\n"), "%s", text);
	ck_assert_msg(g_regex_match_simple("^Metadata Stream: +yes$", text, G_REGEX_MULTILINE, 0), "%s", text);
	ck_assert_msg(g_regex_match_simple("^Encrypted: +no$", text, G_REGEX_MULTILINE, 0), "%s", text);
	g_free(text);

	const char *struct_argv[] = { "pdfinfo", "-struct-text", outpath, NULL };
	ck_assert_int_eq(run(struct_argv, &text), 0);
	ck_assert_msg(strstr(text, "  H1 (block)\n    \"Datganiad Polisi Tâl 2018-19\""), "%s", text);
	ck_assert_msg(strstr(text, "TH:\n         /Scope /Column"), "%s", text);
	ck_assert_msg(strstr(text, "/Scope /Row"), "%s", text);
	ck_assert_msg(strstr(text, "Figure"), "%s", text);
	ck_assert_msg(!strstr(text, "(header)"), "header text in the structure:\n%s", text);
	g_free(text);

	/* Text extraction is unchanged by the post-processing. */
	char *before, *after;
	const char *t1[] = { "pdftotext", "-enc", "UTF-8", inpath, "-", NULL };
	const char *t2[] = { "pdftotext", "-enc", "UTF-8", outpath, "-", NULL };
	ck_assert_int_eq(run(t1, &before), 0);
	ck_assert_int_eq(run(t2, &after), 0);
	ck_assert_str_eq(after, before);
	ck_assert_ptr_nonnull(strstr(after, "ŵ ŷ Ŵ Ŷ"));
	g_free(before);
	g_free(after);
	scratch_free(&s);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

START_TEST(same_input_same_bytes)
{
	GByteArray *in1 = make_pdf(true), *in2 = make_pdf(true);
	ck_assert(in1->len == in2->len && memcmp(in1->data, in2->data, in1->len) == 0);
	pdf_post_info info = test_info();
	GByteArray *a = finish_ok(in1, &info);
	/* Across a change of second: qpdf's non-deterministic /ID hashes the time. */
	g_usleep(1100 * 1000);
	GByteArray *b = finish_ok(in2, &info);
	ck_assert_uint_eq(a->len, b->len);
	ck_assert_msg(memcmp(a->data, b->data, a->len) == 0, "two runs differ");
	/* A different title gives a different /ID. */
	info.title = "Another title";
	GByteArray *c = finish_ok(in1, &info);
	qpdf_data qa = open_pdf(a), qc = open_pdf(c);
	char *ida = g_strdup(qpdf_oh_unparse(qa, key(qa, qpdf_get_trailer(qa), "/ID")));
	const char *idc = qpdf_oh_unparse(qc, key(qc, qpdf_get_trailer(qc), "/ID"));
	ck_assert_str_ne(ida, idc);
	g_free(ida);
	qpdf_cleanup(&qa);
	qpdf_cleanup(&qc);
	g_byte_array_free(a, TRUE);
	g_byte_array_free(b, TRUE);
	g_byte_array_free(c, TRUE);
	g_byte_array_free(in1, TRUE);
	g_byte_array_free(in2, TRUE);
}
END_TEST

/* Offset of the first occurrence of word in b at or after `from`, or -1
 * (the bytes hold NULs, so no str* functions). */
static long find_from(const GByteArray *b, size_t from, const char *word)
{
	size_t n = strlen(word);
	for (size_t i = from; i + n <= b->len; i++)
		if (memcmp(b->data + i, word, n) == 0)
			return (long)i;
	return -1;
}

START_TEST(one_version_of_each_object)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	GByteArray *out = finish_ok(in, &info);
	/* One xref table, no earlier version of the file behind it. */
	long x = find_from(out, 0, "\nxref\n");
	ck_assert_int_ge(x, 0);
	ck_assert_int_lt(find_from(out, (size_t)x + 1, "\nxref\n"), 0);
	ck_assert_int_lt(find_from(out, 0, "/Prev"), 0);
	/* Each object once: as many "obj" headers as objects in use. */
	qpdf_data q = open_pdf(out);
	int size = qpdf_oh_get_int_value_as_int(q, key(q, qpdf_get_trailer(q), "/Size"));
	int headers = 0;
	for (long at = 0; (at = find_from(out, (size_t)at, " 0 obj\n")) >= 0; at++)
		headers++;
	ck_assert_int_eq(headers, size - 1);
	qpdf_cleanup(&q);
	/* Objects nothing edits are copied byte for byte: the fonts, say. */
	long font = find_from(in, 0, "/Subtype /Type0");
	ck_assert_int_ge(font, 0);
	long start = font;
	while (start > 0 && memcmp(in->data + start, " 0 obj\n", 7) != 0)
		start--;
	while (start > 0 && in->data[start - 1] != '\n')
		start--;
	long end = find_from(in, (size_t)font, "endobj\n");
	ck_assert_int_gt(end, start);
	char *obj = g_strndup((const char *)in->data + start, (gsize)(end + 7 - start));
	ck_assert_msg(find_from(out, 0, obj) >= 0, "not copied as it was:\n%s", obj);
	g_free(obj);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

/* cairo asked to store content uncompressed (pdf_init): every page's content
 * comes out compressed all the same, wrapped or not. */
START_TEST(uncompressed_content_comes_out_compressed)
{
	g_setenv("CAIRO_DEBUG_PDF", "1", TRUE);
	GByteArray *in = make_pdf(true);
	g_unsetenv("CAIRO_DEBUG_PDF");
	ck_assert_int_ge(find_from(in, 0, "BT\n"), 0); /* cairo's content is readable in the bytes */
	pdf_post_info info = test_info();
	for (int wrap = 0; wrap < 2; wrap++) {
		info.artifacts = wrap;
		GByteArray *out = finish_ok(in, &info);
		ck_assert_msg(find_from(out, 0, "BT\n") < 0, "uncompressed content left (artifacts %d)", wrap);
		qpdf_data q = open_pdf(out), qi = open_pdf(in);
		for (int i = 0; i < 3; i++) {
			qpdf_oh cs = key(q, qpdf_get_page_n(q, (size_t)i), "/Contents");
			assert_name(q, key(q, qpdf_oh_get_dict(q, cs), "/Filter"), "/FlateDecode");
			assert_content(q, qi, i, wrap);
		}
		qpdf_cleanup(&qi);
		qpdf_cleanup(&q);
		g_byte_array_free(out, TRUE);
	}
	g_byte_array_free(in, TRUE);
}
END_TEST

/* pdf_post_finish fails with a message containing `why`, leaving out empty. */
static void finish_fails(const GByteArray *in, const pdf_post_info *info, const char *why)
{
	GByteArray *out = g_byte_array_new();
	GString *err = g_string_new(NULL);
	ck_assert_msg(!pdf_post_finish(in->data, in->len, info, out, err), "should fail with \"%s\"", why);
	ck_assert_msg(strstr(err->str, why) != NULL, "message \"%s\" lacks \"%s\"", err->str, why);
	ck_assert_uint_eq(out->len, 0);
	g_string_free(err, TRUE);
	g_byte_array_free(out, TRUE);
}

/* Offset of the first (last: from the end) occurrence of word in the bytes,
 * which hold NULs, so no str* functions; -1 if absent. */
static long find_bytes(const GByteArray *b, const char *word, bool last)
{
	size_t n = strlen(word);
	long hit = -1;
	for (size_t i = 0; i + n <= b->len; i++)
		if (memcmp(b->data + i, word, n) == 0) {
			hit = (long)i;
			if (!last)
				break;
		}
	return hit;
}

static GByteArray *copy_bytes(const GByteArray *b)
{
	GByteArray *c = g_byte_array_new();
	g_byte_array_append(c, b->data, b->len);
	return c;
}

START_TEST(damaged_input_fails)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	GByteArray *cut = g_byte_array_new();
	g_byte_array_append(cut, in->data, in->len / 2);
	finish_fails(cut, &info, "reading the PDF");
	GByteArray *junk = g_byte_array_new();
	g_byte_array_append(junk, (const guint8 *)"not a PDF at all", 16);
	finish_fails(junk, &info, "reading the PDF");
	/* A damaged xref offset: qpdf would repair it, we refuse. */
	GByteArray *bad = copy_bytes(in);
	long sx = find_bytes(bad, "startxref", true);
	ck_assert_int_ge(sx, 0);
	char *digit = (char *)bad->data + sx + 9;
	while (g_ascii_isspace(*digit))
		digit++;
	*digit = *digit == '9' ? '1' : '9';
	finish_fails(bad, &info, "reading the PDF");
	g_byte_array_free(bad, TRUE);
	/* A bad token qpdf only warns about (same length: offsets stay right). */
	bad = copy_bytes(in);
	long st = find_bytes(bad, "/Type /StructTreeRoot", false);
	ck_assert_int_ge(st, 0);
	bad->data[st + 6] = ' ';
	finish_fails(bad, &info, "unknown token");
	g_byte_array_free(bad, TRUE);
	/* Corrupt Flate data in the first stream, page 1's content. */
	bad = copy_bytes(in);
	long data = find_bytes(bad, "stream\n", false);
	ck_assert_int_ge(data, 0);
	for (long i = data + 7 + 10; i < data + 7 + 30; i++)
		bad->data[i] ^= 0x55;
	finish_fails(bad, &info, "page 1: reading content");
	/* And with err NULL it still just fails. */
	GByteArray *out = g_byte_array_new();
	ck_assert(!pdf_post_finish(junk->data, junk->len, &info, out, NULL));
	ck_assert_uint_eq(out->len, 0);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(bad, TRUE);
	g_byte_array_free(junk, TRUE);
	g_byte_array_free(cut, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

START_TEST(bad_info_fails)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	pdf_post_elem many[E_COUNT + 1] = { 0 };

	info.lang = NULL;
	finish_fails(in, &info, "language");
	info = test_info();
	info.lang = "c y";
	finish_fails(in, &info, "BCP 47");

	/* Element tables that do not describe the tree. */
	info = test_info();
	info.elems = many;
	info.nelems = E_COUNT + 1;
	finish_fails(in, &info, "the structure tree's root has 1 child element, but the element table puts 21 there");
	info = test_info();
	memcpy(many, test_elems, sizeof test_elems);
	many[E_COUNT].depth = 1; /* one more element in Document */
	info.elems = many;
	info.nelems = E_COUNT + 1;
	finish_fails(in, &info, "elems[0] has 7 child elements in the structure tree, but 8 in the element table");
	info = test_info();
	test_elems[E_TD2].depth = 2; /* a third cell of the TR becomes a third row of the Table */
	finish_fails(in, &info, "elems[6] has 2 child elements in the structure tree, but 3 in the element table");
	info = test_info();
	test_elems[E_H1].depth = 2;
	finish_fails(in, &info, "elems[1]: depth 2, but it can only be 0 to 1");

	info = test_info();
	test_elems[E_TD1].scope = "Column";
	finish_fails(in, &info, "elems[11] (/TD): scope is only for TH");
	info = test_info();
	test_elems[E_TH1].scope = "column";
	finish_fails(in, &info, "not Column, Row or Both");
	info = test_info();
	test_elems[E_SPAN1].contents = "x";
	finish_fails(in, &info, "elems[3] (/Span): contents given, but the element owns no annotation");

	info = test_info();
	info.title = "bad \x01 control";
	finish_fails(in, &info, "title");
	info.title = "bad \xff UTF-8";
	finish_fails(in, &info, "title");

	info = test_info();
	pdf_post_label l1[] = { { 1, 'D', NULL, 1 } };
	info.labels = l1;
	info.nlabels = 1;
	finish_fails(in, &info, "labels[0] starts at page index 1");
	pdf_post_label l2[] = { { 0, 'D', NULL, 1 }, { 5, 'D', NULL, 1 } };
	info.labels = l2;
	info.nlabels = 2;
	finish_fails(in, &info, "the document has 3 pages");
	pdf_post_label l3[] = { { 0, 'x', NULL, 1 } };
	info.labels = l3;
	info.nlabels = 1;
	finish_fails(in, &info, "style 'x'");
	pdf_post_label l4[] = { { 0, 'D', NULL, 0 } };
	info.labels = l4;
	finish_fails(in, &info, "start 0");

	/* No tags at all: no structure tree. */
	GByteArray *untagged = make_pdf(false);
	info = test_info();
	info.nelems = 0;
	finish_fails(untagged, &info, "no structure tree");
	g_byte_array_free(untagged, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

START_TEST(title_falls_back_to_cairos)
{
	GByteArray *in = make_pdf(true);
	pdf_post_info info = test_info();
	info.title = NULL;
	info.author = NULL;
	info.nlabels = 0;
	GByteArray *out = finish_ok(in, &info);
	qpdf_data q = open_pdf(out);
	qpdf_oh infod = key(q, qpdf_get_trailer(q), "/Info");
	assert_utf8(q, key(q, infod, "/Title"), "cairo's title");
	ck_assert(!has(q, infod, "/Author"));
	/* nlabels 0: cairo wrote none, so none. */
	ck_assert(!has(q, qpdf_get_root(q), "/PageLabels"));
	qpdf_cleanup(&q);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

/* cairo's toy-font caches hold fontconfig patterns until reset: release
 * them so that LeakSanitizer builds see only our own leaks. */
/* ------------------------------------------------------------------------ */
/* Continued elements merged (pdf_post_elem.continues)                      */

/* Two pages drawn as the parallel layout draws a pair that crosses a page
 * break: on each page the section and both languages' paragraphs begun
 * and ended again (tags cannot interleave), a heading leaf cut in two.
 * The elements, in tag order, with their depth and what they continue
 * (1 + index).  Each Span ... "text" is a leaf. */
enum {
	M_DOC, M_SECT1, M_PCY1, M_SPAN_CY1, M_PEN1, M_SPAN_EN1, M_H2A,
	M_SECT2, M_PCY2, M_SPAN_CY2, M_PEN2, M_SPAN_EN2, M_H2B, M_NEXT, M_COUNT
};
static const int merge_depths[M_COUNT] = { 0, 1, 2, 3, 2, 3, 2, 1, 2, 3, 2, 3, 2, 2 };
static const int merge_continues[M_COUNT] = {
	[M_SECT2] = M_SECT1 + 1, [M_PCY2] = M_PCY1 + 1, [M_PEN2] = M_PEN1 + 1, [M_H2B] = M_H2A + 1,
};

static GByteArray *make_split_pdf(void)
{
	GByteArray *pdf = g_byte_array_new();
	cairo_surface_t *s = cairo_pdf_surface_create_for_stream(to_bytes, pdf, 300, 400);
	cairo_t *cr = cairo_create(s);
	cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
	cairo_set_font_size(cr, 9);
	tag(cr, "Document", "");
	for (int page = 0; page < 2; page++) {
		tag(cr, "Sect", "");
		tag(cr, "P", "");
		leaf(cr, "Span", 20, 50, page ? "Cymraeg dau" : "Cymraeg un");
		end(cr, "P");
		tag(cr, "P", "");
		leaf(cr, "Span", 160, 50, page ? "English two" : "English one");
		end(cr, "P");
		leaf(cr, "H2", 20, page ? 20 : 380, page ? "rhan dau" : "Pennawd rhan un");
		if (page)
			leaf(cr, "P", 20, 80, "Nesaf");
		end(cr, "Sect");
		cairo_show_page(cr);
	}
	end(cr, "Document");
	ck_assert_int_eq(cairo_status(cr), CAIRO_STATUS_SUCCESS);
	cairo_destroy(cr);
	cairo_surface_finish(s);
	ck_assert_int_eq(cairo_surface_status(s), CAIRO_STATUS_SUCCESS);
	cairo_surface_destroy(s);
	return pdf;
}

static pdf_post_elem merge_elems[M_COUNT];

static pdf_post_info merge_info(void)
{
	pdf_post_info info = test_info();
	memset(merge_elems, 0, sizeof merge_elems);
	for (int i = 0; i < M_COUNT; i++) {
		merge_elems[i].depth = merge_depths[i];
		merge_elems[i].continues = merge_continues[i];
	}
	merge_elems[M_PEN1].lang = merge_elems[M_PEN2].lang = "en-GB";
	info.elems = merge_elems;
	info.nelems = M_COUNT;
	info.nlabels = 0;
	return info;
}

/* Page object number and MCID of each marked-content kid of el. */
static void mc_kids(qpdf_data q, qpdf_oh el, GArray *out)
{
	qpdf_oh k = key(q, el, "/K"), pg = key(q, el, "/Pg");
	int n = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_n_items(q, k) : 1;
	for (int i = 0; i < n; i++) {
		qpdf_oh kid = qpdf_oh_is_array(q, k) ? qpdf_oh_get_array_item(q, k, i) : k;
		int at[2] = { 0, -1 };
		if (qpdf_oh_is_integer(q, kid)) {
			at[0] = qpdf_oh_get_object_id(q, pg);
			at[1] = qpdf_oh_get_int_value_as_int(q, kid);
		} else if (has(q, kid, "/MCID")) {
			assert_name(q, key(q, kid, "/Type"), "/MCR");
			at[0] = qpdf_oh_get_object_id(q, key(q, kid, "/Pg"));
			at[1] = qpdf_oh_get_int_value_as_int(q, key(q, kid, "/MCID"));
		} else {
			continue;
		}
		ck_assert_msg(at[0] > 0, "marked content without a page");
		g_array_append_vals(out, at, 2);
	}
}

/* The element the /ParentTree gives for MCID mcid of the page numbered pg. */
static int parent_tree_elem(qpdf_data q, int pg, int mcid)
{
	qpdf_oh page = qpdf_get_object_by_id(q, pg, 0);
	int sp = qpdf_oh_get_int_value_as_int(q, key(q, page, "/StructParents"));
	qpdf_oh nums = key(q, key(q, key(q, qpdf_get_root(q), "/StructTreeRoot"), "/ParentTree"), "/Nums");
	for (int i = 0; i + 1 < qpdf_oh_get_array_n_items(q, nums); i += 2)
		if (qpdf_oh_get_int_value_as_int(q, qpdf_oh_get_array_item(q, nums, i)) == sp)
			return qpdf_oh_get_object_id(q, qpdf_oh_get_array_item(q, qpdf_oh_get_array_item(q, nums, i + 1), mcid));
	return 0;
}

START_TEST(continued_elements_merge)
{
	GByteArray *in = make_split_pdf();
	pdf_post_info info = merge_info();
	GByteArray *out = finish_ok(in, &info);
	qpdf_data q = open_pdf(out);
	GArray *elems = struct_elems(q);
	/* One section; each language's paragraph whole, Welsh then English;
	 * the heading one element; then the next paragraph. */
	static const char *const types[] = { "/Document", "/Sect", "/P", "/Span", "/Span", "/P", "/Span", "/Span",
	                                     "/H2", "/P" };
	ck_assert_int_eq(elems->len, G_N_ELEMENTS(types));
	for (guint i = 0; i < elems->len; i++) {
		qpdf_oh el = g_array_index(elems, qpdf_oh, i);
		assert_name(q, key(q, el, "/S"), types[i]);
		/* Every kid's /P names the element that holds it now. */
		qpdf_oh k = key(q, el, "/K");
		for (int j = 0; qpdf_oh_is_array(q, k) && j < qpdf_oh_get_array_n_items(q, k); j++) {
			qpdf_oh kid = qpdf_oh_get_array_item(q, k, j);
			if (has(q, kid, "/S"))
				ck_assert_int_eq(qpdf_oh_get_object_id(q, key(q, kid, "/P")), qpdf_oh_get_object_id(q, el));
		}
		/* ... and each MCID it holds maps back to it in the /ParentTree. */
		GArray *mc = g_array_new(FALSE, FALSE, sizeof(int));
		mc_kids(q, el, mc);
		for (guint j = 0; j < mc->len; j += 2)
			ck_assert_int_eq(parent_tree_elem(q, g_array_index(mc, int, j), g_array_index(mc, int, j + 1)),
			                 qpdf_oh_get_object_id(q, el));
		if (i == 8) { /* the heading: its own MCID on page 1, an /MCR for page 2's */
			ck_assert_int_eq(mc->len, 4);
			ck_assert_int_eq(g_array_index(mc, int, 0), qpdf_oh_get_object_id(q, qpdf_get_page_n(q, 0)));
			ck_assert_int_eq(g_array_index(mc, int, 2), qpdf_oh_get_object_id(q, qpdf_get_page_n(q, 1)));
		}
		g_array_free(mc, TRUE);
	}
	assert_utf8(q, key(q, g_array_index(elems, qpdf_oh, 5), "/Lang"), "en-GB");
	/* The continuations' objects, referred to by nothing, are null. */
	qpdf_data qi = open_pdf(in);
	GArray *before = struct_elems(qi);
	ck_assert_int_eq(before->len, M_COUNT);
	for (int i = 0; i < M_COUNT; i++) {
		int id = qpdf_oh_get_object_id(qi, g_array_index(before, qpdf_oh, i));
		ck_assert_msg(qpdf_oh_is_null(q, qpdf_get_object_by_id(q, id, 0)) == (merge_continues[i] != 0),
		              "element %d (object %d)", i, id);
	}
	g_array_free(before, TRUE);
	qpdf_cleanup(&qi);

	scratch sc = scratch_new();
	const char *path = scratch_write(&sc, "merged.pdf", out);
	char *text;
	const char *check[] = { "qpdf", "--check", path, NULL };
	ck_assert_msg(run(check, &text) == 0 && !strstr(text, "WARNING"), "qpdf --check:\n%s", text);
	g_free(text);
	/* poppler reads the text of each element in the new order. */
	const char *st[] = { "pdfinfo", "-struct-text", path, NULL };
	ck_assert_int_eq(run(st, &text), 0);
	const char *want[] = { "\"Cymraeg un\"", "\"Cymraeg dau\"", "\"English one\"", "\"English two\"",
	                       "\"Pennawd rhan un\"", "\"rhan dau\"", "\"Nesaf\"" };
	const char *at = text;
	for (size_t i = 0; i < G_N_ELEMENTS(want); i++) {
		const char *f = strstr(at, want[i]);
		ck_assert_msg(f, "%s missing or out of order in:\n%s", want[i], text);
		at = f;
	}
	g_free(text);
	scratch_free(&sc);

	/* Only an earlier element can be continued. */
	info = merge_info();
	merge_elems[M_PCY1].continues = M_PCY2 + 1;
	finish_fails(in, &info, "elems[2]: continues 9, but only an earlier element (1 to 2) can be continued");
	g_array_free(elems, TRUE);
	qpdf_cleanup(&q);
	g_byte_array_free(out, TRUE);
	g_byte_array_free(in, TRUE);
}
END_TEST

static void release_font_caches(void)
{
	cairo_debug_reset_static_data();
	FcFini();
}

static Suite *pdf_post_suite(void)
{
	Suite *s = suite_create("pdf_post");
	TCase *tc = tcase_create("wrap");
	tcase_add_test(tc, wrap_simple);
	tcase_add_test(tc, wrap_runs_between_marked_content);
	tcase_add_test(tc, wrap_tricky_strings);
	tcase_add_test(tc, wrap_text_object_stays_whole);
	tcase_add_test(tc, wrap_paths_and_objects);
	tcase_add_test(tc, wrap_keeps_q_pairs_inside);
	tcase_add_test(tc, wrap_inline_images);
	tcase_add_test(tc, wrap_malformed);
	suite_add_tcase(s, tc);
	tc = tcase_create("finish");
	tcase_set_timeout(tc, 60);
	tcase_add_checked_fixture(tc, NULL, release_font_caches);
	tcase_add_test(tc, cairo_tree_is_in_tag_begin_order);
	tcase_add_test(tc, catalog_and_metadata);
	tcase_add_test(tc, page_labels_replace_cairos);
	tcase_add_test(tc, elements_get_their_attributes);
	tcase_add_test(tc, unmarked_content_becomes_artifact);
	tcase_add_test(tc, content_arrays_and_shared_streams);
	tcase_add_test(tc, tools_accept_the_result);
	tcase_add_test(tc, same_input_same_bytes);
	tcase_add_test(tc, one_version_of_each_object);
	tcase_add_test(tc, uncompressed_content_comes_out_compressed);
	tcase_add_test(tc, damaged_input_fails);
	tcase_add_test(tc, bad_info_fails);
	tcase_add_test(tc, title_falls_back_to_cairos);
	tcase_add_test(tc, continued_elements_merge);
	suite_add_tcase(s, tc);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(pdf_post_suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
