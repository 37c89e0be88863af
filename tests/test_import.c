/* test_import.c — `ppsgen import`: Word documents written here with minizip
 * (WordprocessingML by hand) become statements that `check` accepts, with
 * headings, nested lists, tables, a pay scale, footnotes and links mapped and
 * everything else reported at its paragraph, amounts that equal a computed
 * figure at their place in the XML written; hostile archives (a zip bomb,
 * "../" entries, bad XML) are refused with one line and no output file. */
#include <string.h>
#include <unzip.h>
#include <zip.h>

#include "testutil.h"

typedef struct {
	const char *name;
	const char *data;
	size_t len; /* 0: strlen(data) */
} entry;

static void make_zip(const char *path, const entry *e, int n)
{
	zipFile z = zipOpen64(path, APPEND_STATUS_CREATE);
	ck_assert_ptr_nonnull(z);
	for (int i = 0; i < n; i++) {
		zip_fileinfo zi = {0};
		ck_assert_int_eq(zipOpenNewFileInZip64(z, e[i].name, &zi, NULL, 0, NULL, 0, NULL, Z_DEFLATED, 9, 1), ZIP_OK);
		size_t len = e[i].len ? e[i].len : strlen(e[i].data);
		ck_assert_int_eq(zipWriteInFileInZip(z, e[i].data, (unsigned)len), ZIP_OK);
		ck_assert_int_eq(zipCloseFileInZip(z), ZIP_OK);
	}
	ck_assert_int_eq(zipClose(z, NULL), ZIP_OK);
}

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" " \
	  "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\" " \
	  "xmlns:wp=\"http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing\" " \
	  "xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\""

static const char *STYLES =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:styles " W ">"
	"<w:style w:type=\"paragraph\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/><w:basedOn w:val=\"Normal\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/></w:style>"
	"<w:style w:type=\"paragraph\" w:styleId=\"Sub\"><w:name w:val=\"My subheading\"/><w:pPr><w:outlineLvl w:val=\"1\"/></w:pPr></w:style>"
	"<w:style w:type=\"character\" w:styleId=\"Strong\"><w:name w:val=\"Strong\"/><w:rPr><w:b/></w:rPr></w:style>"
	"</w:styles>";

static const char *NUMBERING =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:numbering " W ">"
	"<w:abstractNum w:abstractNumId=\"0\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"bullet\"/></w:lvl>"
	"<w:lvl w:ilvl=\"1\"><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum>"
	"<w:abstractNum w:abstractNumId=\"1\"><w:lvl w:ilvl=\"0\"><w:numFmt w:val=\"decimal\"/></w:lvl></w:abstractNum>"
	"<w:num w:numId=\"1\"><w:abstractNumId w:val=\"0\"/></w:num>"
	"<w:num w:numId=\"2\"><w:abstractNumId w:val=\"1\"/></w:num>"
	"</w:numbering>";

static const char *RELS =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
	"<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	"<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/>"
	"<Relationship Id=\"rId5\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
	"Target=\"https://www.example.org/pay?a=1&amp;b=2\" TargetMode=\"External\"/>"
	"<Relationship Id=\"rId6\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink\" "
	"Target=\"file:///etc/passwd\" TargetMode=\"External\"/>"
	"<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/image\" Target=\"media/image1.png\"/>"
	"</Relationships>";

static const char *FOOTNOTES =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:footnotes " W ">"
	"<w:footnote w:type=\"separator\" w:id=\"-1\"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>"
	"<w:footnote w:id=\"1\"><w:p><w:r><w:t xml:space=\"preserve\">See the NJC circular of </w:t></w:r>"
	"<w:r><w:rPr><w:i/></w:rPr><w:t>April 2025</w:t></w:r></w:p></w:footnote>"
	"</w:footnotes>";

static const char *COMMENTS =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:comments " W ">"
	"<w:comment w:id=\"0\" w:author=\"HR\"><w:p><w:r><w:t>Check this figure with payroll</w:t></w:r></w:p></w:comment>"
	"</w:comments>";

#define P(style, text) "<w:p><w:pPr><w:pStyle w:val=\"" style "\"/></w:pPr><w:r><w:t xml:space=\"preserve\">" text "</w:t></w:r></w:p>"
#define LI(num, lvl, text) "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"" #lvl "\"/><w:numId w:val=\"" #num "\"/></w:numPr></w:pPr><w:r><w:t>" text "</w:t></w:r></w:p>"
#define TC(text) "<w:tc><w:p><w:r><w:t>" text "</w:t></w:r></w:p></w:tc>"

static const char *DOCUMENT =
	"<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document " W "><w:body>"
	P("Title", "Pay Policy Statement 2025-26")
	P("Normal", "Testshire Council")
	P("Heading1", "1. Introduction")
	"<w:p><w:r><w:t xml:space=\"preserve\">Pay is </w:t></w:r><w:r><w:rPr><w:b/></w:rPr><w:t>fair</w:t></w:r>"
	"<w:r><w:t xml:space=\"preserve\">, </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>open</w:t></w:r>"
	"<w:r><w:t xml:space=\"preserve\"> and </w:t></w:r><w:r><w:rPr><w:rStyle w:val=\"Strong\"/></w:rPr><w:t>published</w:t></w:r>"
	"<w:r><w:t xml:space=\"preserve\"> on the 1</w:t></w:r><w:r><w:rPr><w:vertAlign w:val=\"superscript\"/></w:rPr><w:t>st</w:t></w:r>"
	"<w:r><w:t xml:space=\"preserve\"> of April</w:t></w:r><w:r><w:footnoteReference w:id=\"1\"/></w:r>"
	"<w:r><w:t xml:space=\"preserve\">. See </w:t></w:r>"
	"<w:hyperlink r:id=\"rId5\"><w:r><w:t>our pay page</w:t></w:r></w:hyperlink>"
	"<w:r><w:t xml:space=\"preserve\"> or </w:t></w:r><w:hyperlink r:id=\"rId6\"><w:r><w:t>this file</w:t></w:r></w:hyperlink>"
	"<w:r><w:t>.</w:t></w:r></w:p>"
	LI(1, 0, "Chief officers") LI(1, 1, "the Chief Executive") LI(1, 1, "the directors") LI(1, 0, "Everyone else")
	LI(2, 0, "First step") LI(2, 0, "Second step")
	P("Sub", "1.2 Table of allowances")
	"<w:tbl><w:tr><w:trPr><w:tblHeader/></w:trPr>" TC("Allowance") TC("Amount") "</w:tr>"
	"<w:tr>" TC("First aid") TC("£150 a year") "</w:tr>"
	"<w:tr><w:tc><w:tcPr><w:gridSpan w:val=\"2\"/></w:tcPr><w:p><w:r><w:t>No other allowances</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
	P("Heading1", "2 Pay Scales")
	P("Normal", "Local pay spine")
	"<w:tbl><w:tr><w:trPr><w:tblHeader w:val=\"true\"/></w:trPr>" TC("Grade") TC("SCP") TC("Salary (£)") TC("Hourly rate (£)") "</w:tr>"
	"<w:tr>" TC("A") TC("3") TC("£24,027") TC("12.4537") "</w:tr>"
	"<w:tr>" TC("") TC("4") TC("£24,404") TC("12.6491") "</w:tr>"
	"<w:tr>" TC("B") TC("5") TC("24,796") TC("12.8523") "</w:tr></w:tbl>"
	"<w:p><w:r><w:t xml:space=\"preserve\">Our logo: </w:t></w:r><w:r><w:drawing><wp:inline><wp:docPr id=\"1\" name=\"Picture 1\" descr=\"The council's crest\"/>"
	"<a:graphic><a:graphicData><a:blip r:embed=\"rId7\"/></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
	"<w:p><w:r><w:t xml:space=\"preserve\">The rate is </w:t></w:r><w:ins w:id=\"9\" w:author=\"HR\"><w:r><w:t>new</w:t></w:r></w:ins>"
	"<w:del w:id=\"10\" w:author=\"HR\"><w:r><w:delText>old</w:delText></w:r></w:del>"
	"<w:r><w:t>.</w:t></w:r><w:commentRangeStart w:id=\"0\"/><w:r><w:commentReference w:id=\"0\"/></w:r></w:p>"
	P("Heading1", "Appendix A – Allowances in full")
	P("Normal", "Every allowance.")
	"<w:sectPr/></w:body></w:document>";

static char *good_docx(const char *dir)
{
	char *path = g_build_filename(dir, "last.docx", NULL);
	entry e[] = {{"[Content_Types].xml", "<Types/>", 0},
		     {"word/document.xml", DOCUMENT, 0},
		     {"word/styles.xml", STYLES, 0},
		     {"word/numbering.xml", NUMBERING, 0},
		     {"word/_rels/document.xml.rels", RELS, 0},
		     {"word/footnotes.xml", FOOTNOTES, 0},
		     {"word/comments.xml", COMMENTS, 0},
		     {"word/media/image1.png", "\x89PNG", 4}};
	make_zip(path, e, G_N_ELEMENTS(e));
	return path;
}

START_TEST(maps_a_document)
{
	char *dir = scratch_dir("import-good");
	char *docx = good_docx(dir);
	char *out = g_build_filename(dir, "pps.xml", NULL);
	run_result r = run_ppsgen("import", docx, "-o", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.out, g_strconcat(out, "\n", NULL));
	/* Everything left out, at its paragraph. */
	const char *D = g_strconcat(docx, ":word/document.xml:", NULL);
	char *want = g_strconcat(
		D, "2: note: the text before the first heading is in the section \"Front page\": keep what belongs in the statement and delete the rest\n",
		D, "4: warning: the link to \"file:///etc/passwd\" is kept as text: only web (http, https), mailto: and tel: links are imported\n",
		D, "19: note: the table is read as pay scale \"scale-1\" (3 points, 1 salary column); check it against the payroll\n",
		D, "19: warning: column 4 (\"Hourly rate (£)\") of the pay scale table is not imported: ppsgen computes hourly rates and supplements itself (rates=\"yes\", <supplement>); check that nothing else was in it\n",
		NULL);
	ck_assert_msg(strstr(r.err, want), "%s", r.err);
	want = g_strconcat(
		D, "35: warning: an image is not imported (its alternative text: \"The council's crest\"); describe it in the text, or add it to the statement by hand\n",
		D, "36: warning: a comment is not imported: \"Check this figure with payroll\"\n",
		D, "36: warning: a tracked insertion is kept, as if accepted: \"new\"; accept or reject the tracked changes in Word before importing\n",
		D, "36: warning: a tracked deletion is left out, as if accepted: \"old\"; accept or reject the tracked changes in Word before importing\n",
		NULL);
	ck_assert_msg(strstr(r.err, want), "%s", r.err);
	run_free(&r);

	gsize len;
	char *xml = read_file(out, &len);
	const char *parts[] = {
		"<statement version=\"1\" languages=\"en\" jurisdiction=\"england\">",
		"<name>Testshire Council</name>",
		"<title>Pay Policy Statement 2025-26</title>",
		"<year start=\"2025\"/>",
		/* The pay scale, from the table. */
		"    <scale id=\"scale-1\" rates=\"yes\">\n"
		"      <name>Local pay spine</name>\n"
		"      <point-label>SCP</point-label>\n"
		"      <grade id=\"A\" from=\"3\" to=\"4\"><name>A</name></grade>\n"
		"      <grade id=\"B\" from=\"5\" to=\"5\"><name>B</name></grade>\n"
		"      <point n=\"3\" salary=\"24027\"/>\n"
		"      <point n=\"4\" salary=\"24404\"/>\n"
		"      <point n=\"5\" salary=\"24796\"/>\n"
		"    </scale>\n",
		"<lowest-paid scale=\"scale-1\" point=\"3\"/>",
		"  <section id=\"s-introduction\">\n    <title>Introduction</title>\n",
		"<p>Pay is <b>fair</b>, <i>open</i> and <b>published</b> on the 1<sup>st</sup> of April<sup>1</sup>. See "
		"<a href=\"https://www.example.org/pay?a=1&amp;b=2\">our pay page</a> or this file.</p>\n"
		"    <note><sup>1</sup> See the NJC circular of <i>April 2025</i></note>\n",
		/* Nested lists, bulleted and numbered. */
		"    <list ordered=\"no\">\n"
		"      <item>Chief officers\n"
		"      <list ordered=\"yes\">\n"
		"        <item>the Chief Executive</item>\n"
		"        <item>the directors</item>\n"
		"      </list></item>\n"
		"      <item>Everyone else</item>\n"
		"    </list>\n"
		"    <list ordered=\"yes\">\n"
		"      <item>First step</item>\n"
		"      <item>Second step</item>\n"
		"    </list>\n",
		/* An outline level in a style makes a subsection; a header row a <head>; a merged cell keeps the columns. */
		"    <section id=\"s-table-of-allowances\">\n"
		"      <title>Table of allowances</title>\n"
		"      <table>\n"
		"        <head>\n"
		"          <row><cell>Allowance</cell><cell>Amount</cell></row>\n"
		"        </head>\n"
		"        <row><cell>First aid</cell><cell>£150 a year</cell></row>\n"
		"        <row><cell>No other allowances</cell><cell></cell></row>\n"
		"      </table>\n",
		"    <title>Pay Scales</title>\n"
		"    <p>Local pay spine</p>\n"
		"    <!-- HR: the table here was read as the pay scale \"scale-1\" in <pay>: check it there,\n"
		"         then delete this comment. -->\n"
		"    <scale-table scale=\"scale-1\"/>\n"
		"    <p>Our logo: </p>\n"
		"    <p>The rate is new.</p>\n",
		"  <appendix id=\"app-a\" letter=\"A\">\n    <title>Allowances in full</title>\n    <p>Every allowance.</p>\n  </appendix>\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
		ck_assert_msg(strstr(xml, parts[i]), "missing:\n%s\n---- in:\n%s", parts[i], xml);

	r = run_ppsgen("check", out, NULL);
	ck_assert_msg(r.status == 0, "%s\n%s", r.err, xml);
	ck_assert_msg(strstr(r.err, "warning: placeholder still to fill: [TO FILL: how to get this statement"), "%s", r.err);
	run_free(&r);
	char *rdir = g_build_filename(dir, "out", NULL);
	r = run_ppsgen("render", "-o", rdir, out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *pdf = g_build_filename(rdir, "pps-en.pdf", NULL);
	char *txt = pdf_text(pdf, 0);
	ck_assert_msg(strstr(txt, "Table of allowances"), "%s", txt);
	run_free(&r);
}
END_TEST

/* A document with no pay scale gets new's pay block; a Welsh one, languages="cy". */
START_TEST(welsh_without_scale)
{
	char *dir = scratch_dir("import-cy");
	char *path = g_build_filename(dir, "cy.docx", NULL);
	entry e[] = {{"word/document.xml",
		      "<w:document " W "><w:body>"
		      "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>Cyflwyniad</w:t></w:r></w:p>"
		      "<w:p><w:r><w:t>Testun.</w:t></w:r></w:p>"
		      "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>Gwag</w:t></w:r></w:p>"
		      "</w:body></w:document>", 0}};
	make_zip(path, e, 1);
	char *out = g_build_filename(dir, "cy.xml", NULL);
	run_result r = run_ppsgen("import", "--lang", "cy", "--year", "2026", path, "-o", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	ck_assert_str_eq(r.err, "");
	run_free(&r);
	gsize len;
	char *xml = read_file(out, &len);
	ck_assert_ptr_nonnull(strstr(xml, "languages=\"cy\" jurisdiction=\"wales\""));
	ck_assert_ptr_nonnull(strstr(xml, "<name>[LLENWCH: enw’r cyngor]</name>"));
	ck_assert_ptr_nonnull(strstr(xml, "<year start=\"2026\"/>"));
	ck_assert_ptr_nonnull(strstr(xml, "<scale id=\"njc\" rates=\"yes\">"));
	ck_assert_ptr_nonnull(strstr(xml, "<title>Gwag</title>\n    <p>[LLENWCH: testun yr adran hon]</p>"));
	r = run_ppsgen("check", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
}
END_TEST

static char *one_part(const char *dir, const char *name, const char *body)
{
	char *path = g_build_filename(dir, name, NULL);
	char *doc = g_strdup_printf("<w:document " W "><w:body>%s</w:body></w:document>", body);
	entry e[] = {{"word/document.xml", doc, 0}};
	make_zip(path, e, 1);
	g_free(doc);
	return path;
}

#define H1(t) "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>" t "</w:t></w:r></w:p>"
#define TXT(t) "<w:p><w:r><w:t>" t "</w:t></w:r></w:p>"

/* A whole paragraph styled as a heading (Word documents have them) is no
 * title: it is imported as a paragraph, with a note, and the statement
 * checks; the statement's reader refuses such a title (tests/bad
 * title-too-long). */
START_TEST(long_heading_is_a_paragraph)
{
	char *dir = scratch_dir("import-long-heading");
	GString *para = g_string_new(NULL);
	while (g_utf8_strlen(para->str, -1) <= 300)
		g_string_append(para, "The Council publishes the pay of its chief officers every year. ");
	g_string_truncate(para, para->len - 1);
	char *body = g_strdup_printf(H1("Introduction") TXT("Text.")
				     "<w:p><w:pPr><w:outlineLvl w:val=\"0\"/></w:pPr><w:r><w:t>%s</w:t></w:r></w:p>"
				     H1("Pay") TXT("More text."), para->str);
	char *path = one_part(dir, "long.docx", body);
	char *out = g_build_filename(dir, "long.xml", NULL);
	run_result r = run_ppsgen("import", "--year", "2026", path, "-o", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *want = g_strdup_printf("%s:word/document.xml:3: note: a paragraph styled as a heading is %d characters long, and a title has "
				     "at most 300: it is imported as a paragraph (\"The Council publishes the pay of its "
				     "chief officers every...\")\n",
				     path, (int)g_utf8_strlen(para->str, -1));
	ck_assert_str_eq(r.err, want);
	run_free(&r);
	gsize len;
	char *xml = read_file(out, &len);
	char *p = g_strdup_printf("<p>Text.</p>\n    <p>%s</p>", para->str);
	ck_assert_msg(strstr(xml, p), "%s", xml);
	ck_assert_ptr_nonnull(strstr(xml, "<title>Pay</title>"));
	r = run_ppsgen("check", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	g_free(p);
	g_free(xml);
	g_free(want);
	g_free(out);
	g_free(path);
	g_free(body);
	g_string_free(para, TRUE);
	g_free(dir);
}
END_TEST

/* A Welsh and an English document paired by headings, then by blocks. */
START_TEST(pair_languages)
{
	char *dir = scratch_dir("import-pair");
	char *cy = one_part(dir, "cy.docx", H1("1 Cyflwyniad") TXT("Testun.") H1("2 Tâl") TXT("Cyflog.")
				 "<w:tbl><w:tr>" TC("Lwfans") TC("£150") "</w:tr></w:tbl>");
	char *en = one_part(dir, "en.docx", H1("1 Introduction") TXT("Text.") H1("2 Pay") TXT("Salary.")
				 "<w:tbl><w:tr>" TC("Allowance") TC("£150") "</w:tr></w:tbl>" TXT("Only in English."));
	char *out = g_build_filename(dir, "pair.xml", NULL);
	run_result r = run_ppsgen("import", "--cy", cy, "--en", en, "--council", "Cyngor Prawf", "-o", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *want = g_strdup_printf("%s:word/document.xml:5: warning: under \"2 Tâl\" the Welsh document has 2 blocks "
				     "and the English one 3 (or they differ in kind) from block 3 on: those are written "
				     "each in its own language; pair them by hand\n", cy);
	ck_assert_str_eq(r.err, want);
	run_free(&r);
	gsize len;
	char *xml = read_file(out, &len);
	const char *parts[] = {
		"<statement version=\"1\" languages=\"cy en\" jurisdiction=\"wales\">",
		"<name><cy>Cyngor Prawf</cy><en>Cyngor Prawf</en></name>",
		"  <section id=\"s-cyflwyniad\">\n"
		"    <title><cy>Cyflwyniad</cy><en>Introduction</en></title>\n"
		"    <p><cy>Testun.</cy><en>Text.</en></p>\n"
		"  </section>\n",
		"    <title><cy>Tâl</cy><en>Pay</en></title>\n"
		"    <p><cy>Cyflog.</cy><en>Salary.</en></p>\n"
		"    <table>\n"
		"      <row><cell><cy>Lwfans</cy><en>Allowance</en></cell><cell><cy>£150</cy><en>£150</en></cell></row>\n"
		"    </table>\n"
		"    <p><en>Only in English.</en></p>\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
		ck_assert_msg(strstr(xml, parts[i]), "missing:\n%s\n---- in:\n%s", parts[i], xml);
	r = run_ppsgen("check", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);

	/* Headings that do not correspond: refused, nothing written. */
	char *en2 = one_part(dir, "en2.docx", H1("Introduction") TXT("Text."));
	char *out2 = g_build_filename(dir, "pair2.xml", NULL);
	r = run_ppsgen("import", "--cy", cy, "--en", en2, "-o", out2, NULL);
	ck_assert_int_eq(r.status, 2);
	want = g_strdup_printf("%s: error: the Welsh document has 2 headings and the English one 1; --cy and --en are "
			       "paired heading by heading, so give each language the same headings in the same order\n", en2);
	ck_assert_str_eq(r.err, want);
	ck_assert(!g_file_test(out2, G_FILE_TEST_EXISTS));
	run_free(&r);
	r = run_ppsgen("import", "--cy", cy, "-o", out2, NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "ppsgen import: give --cy CY.docx and --en EN.docx together, without --lang or another "
				"document, and -o FILE.xml\n");
	run_free(&r);
}
END_TEST

/* Amounts and ratios in the text that equal a figure the imported statement
 * computes (its lowest paid from the pay scale table, new.c's posts, median
 * and multiples) are named at their place in the XML written; the text stays. */
START_TEST(amounts_that_are_figures)
{
	char *dir = scratch_dir("import-amounts");
	char *docx = one_part(dir, "amounts.docx",
			      H1("1 Pay") TXT("Pay scale")
			      "<w:tbl><w:tr>" TC("SCP") TC("Salary") TC("Hourly rate") "</w:tr><w:tr>" TC("3") TC("£17,364")
			      TC("9.00") "</w:tr><w:tr>" TC("4") TC("£18,000") TC("9.33") "</w:tr></w:tbl>"
			      TXT("The lowest paid earn £17,364 a year (£17,364.00 in the payroll), or £9.00 an hour; "
				  "a first aider gets £150.")
			      "<w:tbl><w:tr>" TC("Median") TC("£ 28,000") "</w:tr><w:tr>" TC("Allowance") TC("£150") "</w:tr></w:tbl>"
			      TXT("The lowest paid to the chief executive: 1:7.49; the median to the chief executive: "
				  "4.64 : 1; meetings at 10:30; 9.4:1 last year."));
	char *out = g_build_filename(dir, "amounts.xml", NULL);
	run_result r = run_ppsgen("import", docx, "-o", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *want = g_strconcat(
		docx, ":word/document.xml:3: note: the table is read as pay scale \"scale-1\" (2 points, 1 salary column); check it against the payroll\n",
		docx, ":word/document.xml:3: warning: column 3 (\"Hourly rate\") of the pay scale table is not imported: ppsgen "
		"computes hourly rates and supplements itself (rates=\"yes\", <supplement>); check that nothing else was in it\n",
		out, ":61:29: note: \"£17,364\" matches the computed figure lowest-salary; write <fig ref=\"lowest-salary\"/> so it follows the data\n",
		out, ":61:45: note: \"£17,364.00\" matches the computed figure lowest-salary; write <fig ref=\"lowest-salary\"/> so it follows the data\n",
		out, ":61:76: note: \"£9.00\" matches the computed figures lowest-hourly and scale-1-lowest-hourly; write "
		"<fig ref=\"lowest-hourly\"/> or <fig ref=\"scale-1-lowest-hourly\"/>, whichever it is, so it follows the data\n",
		out, ":63:37: note: \"£ 28,000\" matches the computed figure median; write <fig ref=\"median\"/> so it follows the data\n",
		out, ":66:48: note: \"1:7.49\" matches the computed figure lowest-to-chief-executive; write "
		"<fig ref=\"lowest-to-chief-executive\"/> so it follows the data\n",
		out, ":66:91: note: \"4.64 : 1\" matches the computed figure median-to-chief-executive; write "
		"<fig ref=\"median-to-chief-executive\"/> so it follows the data\n",
		NULL);
	ck_assert_str_eq(r.err, want);
	run_free(&r);
	gsize len;
	char *xml = read_file(out, &len);
	const char *parts[] = {
		"    <p>The lowest paid earn £17,364 a year (£17,364.00 in the payroll), or £9.00 an hour; a first aider gets £150.</p>\n",
		"    <table>\n      <row><cell>Median</cell><cell>£ 28,000</cell></row>\n",
		("    <p>The lowest paid to the chief executive: 1:7.49; the median to the chief executive: 4.64 : 1; "
		 "meetings at 10:30; 9.4:1 last year.</p>\n"),
	};
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
		ck_assert_msg(strstr(xml, parts[i]), "missing:\n%s\n---- in:\n%s", parts[i], xml);
	r = run_ppsgen("check", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
}
END_TEST

/* A column whose head names a percentage and whose amounts are the salary
 * plus it becomes a <supplement> of the scale (ppsgen prints its amounts
 * again, rounded as FORMAT.md says); one whose amounts are not is reported
 * at the first point that differs and left out. */
START_TEST(supplement_columns)
{
	char *dir = scratch_dir("import-supplements");
	char *docx = one_part(dir, "supp.docx",
			      H1("1 Pay") TXT("Pay scale")
			      "<w:tbl><w:tr>" TC("SCP") TC("Salary") TC("Basic + 8%") TC("Basic + 4%") "</w:tr>"
			      "<w:tr>" TC("9") TC("£15,375") TC("£16,605") TC("£15,990") "</w:tr>"
			      "<w:tr>" TC("10") TC("£15,613") TC("£16,862") TC("£16,300") "</w:tr></w:tbl>");
	char *out = g_build_filename(dir, "supp.xml", NULL);
	run_result r = run_ppsgen("import", docx, "-o", out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	char *want = g_strconcat(
		docx, ":word/document.xml:3: note: the table is read as pay scale \"scale-1\" (2 points, 1 salary column); check it against the payroll\n",
		docx, ":word/document.xml:3: note: column 3 (\"Basic + 8%\") of the pay scale table is read as the supplement "
		"\"supplement-8\" of 8% on the first salary column: ppsgen computes its amounts\n",
		docx, ":word/document.xml:3: warning: column 4 (\"Basic + 4%\") names a supplement of 4% but is not the first "
		"salary column plus 4% at point 10 (£16,300, where ppsgen makes it £16,238): it is not imported; add a "
		"<supplement> by hand if the council pays it some other way\n",
		NULL);
	ck_assert_str_eq(r.err, want);
	run_free(&r);
	char *xml = read_file(out, NULL);
	const char *parts[] = {
		"    <supplement id=\"supplement-8\" percent=\"8\"><name>Basic + 8%</name></supplement>\n"
		"    <scale id=\"scale-1\" rates=\"no\" supplements=\"supplement-8\">\n",
		"      <point n=\"9\" salary=\"15375\"/>\n      <point n=\"10\" salary=\"15613\"/>\n",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(parts); i++)
		ck_assert_msg(strstr(xml, parts[i]), "missing:\n%s\n---- in:\n%s", parts[i], xml);
	/* The supplement's column is printed, without hourly rates, in the PDF
	 * and the HTML: the amounts the Word table had. */
	r = run_ppsgen("render", "-o", dir, out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *pdf = g_build_filename(dir, "supp-en.pdf", NULL), *text = pdf_text(pdf, 0);
	ck_assert_msg(strstr(text, "16,605") && strstr(text, "16,862"), "%s", text);
	ck_assert_msg(!strstr(text, "Hourly"), "%s", text);
	g_free(text);
	g_free(pdf);
	r = run_ppsgen("render", "--format", "html", "-o", dir, out, NULL);
	ck_assert_msg(r.status == 0, "%s", r.err);
	run_free(&r);
	char *html_path = g_build_filename(dir, "supp-en.html", NULL), *html = read_file(html_path, NULL);
	ck_assert_msg(html && strstr(html, ">16,605</td>") && strstr(html, ">16,862</td>") && !strstr(html, "Hourly"),
		      "%s", html ? html : "(not written)");
	g_free(html);
	g_free(html_path);
	g_free(xml);
	g_free(out);
	g_free(docx);
	g_free(dir);
}
END_TEST

/* What the DOCX fuzzer (tests/fuzz/fuzz_docx.c) found: a body in another
 * namespace (no w:body), a content control without its content or
 * properties, a footnote without an id.  Each was a crash; now the document
 * imports, and the statement written reads. */
START_TEST(odd_structure)
{
	char *dir = scratch_dir("import-odd");
	static const char *const docs[] = {
		"<w:document " W "><x:body xmlns:x=\"urn:other\"><w:p><w:r><w:t>Lost</w:t></w:r></w:p></x:body></w:document>",
		"<w:document " W "><w:body><w:sdt/><w:sdt><w:sdtPr/></w:sdt>" TXT("Kept") "</w:body></w:document>",
	};
	for (size_t i = 0; i < G_N_ELEMENTS(docs); i++) {
		char *name = g_strdup_printf("odd-%zu.docx", i), *path = g_build_filename(dir, name, NULL);
		entry e[] = {{"word/document.xml", docs[i], 0},
			     {"word/footnotes.xml", "<w:footnotes " W "><w:footnote><w:p/></w:footnote></w:footnotes>", 0}};
		make_zip(path, e, G_N_ELEMENTS(e));
		char *out = g_build_filename(dir, "odd.xml", NULL);
		run_result r = run_ppsgen("import", path, "-o", out, NULL);
		ck_assert_msg(r.status == 0, "%s: %s", name, r.err);
		run_free(&r);
		r = run_ppsgen("check", out, NULL);
		ck_assert_msg(r.status == 0, "%s: %s", name, r.err);
		run_free(&r);
		if (i == 1) {
			char *xml = read_file(out, NULL);
			ck_assert_msg(strstr(xml, "<p>Kept</p>"), "%s", xml);
			g_free(xml);
		}
		g_free(out);
		g_free(path);
		g_free(name);
	}
	g_free(dir);
}
END_TEST

/* Runs import on an archive made of e and checks the one-line error and
 * that nothing was written. */
static void refused(const char *name, const entry *e, int n, const char *msg_after_path)
{
	char *dir = scratch_dir(name);
	char *path = g_build_filename(dir, "bad.docx", NULL);
	if (e)
		make_zip(path, e, n);
	else
		ck_assert(g_file_set_contents(path, "PK\x03\x04 not really", -1, NULL));
	char *out = g_build_filename(dir, "out.xml", NULL);
	run_result r = run_ppsgen("import", path, "-o", out, NULL);
	ck_assert_int_eq(r.status, 2);
	char *want = g_strconcat(path, msg_after_path, NULL);
	ck_assert_str_eq(r.err, want);
	ck_assert_str_eq(r.out, "");
	ck_assert_msg(!g_file_test(out, G_FILE_TEST_EXISTS), "%s was written", out);
	run_free(&r);
}

static const char *MINI = "<w:document " W "><w:body><w:p><w:r><w:t>x</w:t></w:r></w:p></w:body></w:document>";

START_TEST(hostile_archives)
{
	entry dots[] = {{"word/document.xml", MINI, 0}, {"word/../../evil.sh", "rm -rf", 0}};
	refused("import-dots", dots, 2,
		": error: the archive holds an entry named \"word/../../evil.sh\", a path outside the document (.. or absolute): refusing it\n");
	entry abs[] = {{"/etc/cron.d/x", "x", 0}, {"word/document.xml", MINI, 0}};
	refused("import-abs", abs, 2,
		": error: the archive holds an entry named \"/etc/cron.d/x\", a path outside the document (.. or absolute): refusing it\n");
	refused("import-notzip", NULL, 0,
		": error: cannot read it as a Word document (it is not a zip archive); save it from Word as a .docx file "
		"(a .doc file or a password-protected document cannot be read)\n");
	entry none[] = {{"content.xml", "<x/>", 0}};
	refused("import-nobody", none, 1,
		": error: there is no word/document.xml, so this is not a Word document; save it from Word as a .docx file\n");
	entry badxml[] = {{"word/document.xml", "<w:document " W "><w:body><w:p></w:body></w:document>", 0}};
	refused("import-badxml", badxml, 1,
		":word/document.xml:1:330: error: Opening and ending tag mismatch: p line 1 and body; the part is not "
		"well-formed XML: open the document in Word and save it again\n");
	entry dtd[] = {{"word/document.xml", "<!DOCTYPE w [<!ENTITY a \"aaaa\">]><w:document " W "/>", 0}};
	refused("import-dtd", dtd, 1,
		":word/document.xml: error: a DOCTYPE is not allowed in a Word document's XML (entities are never expanded "
		"and nothing is fetched): refusing it\n");
	/* Over the size of a part: 40 MiB of spaces (40 KiB compressed). */
	size_t big = 40u << 20;
	char *spaces = g_malloc(big);
	memset(spaces, ' ', big);
	memcpy(spaces, "<w:document", 11);
	entry huge[] = {{"word/document.xml", spaces, big}};
	refused("import-huge", huge, 1,
		": error: word/document.xml is 41943040 bytes uncompressed, over the limit of 33554432 bytes for one part: refusing it\n");
	g_free(spaces);
}
END_TEST

/* A zip bomb within the part limit: 8 MiB that compress a thousandfold.
 * Refused as soon as more than 1 MiB has come out at over 200 times. */
START_TEST(zip_bomb)
{
	char *dir = scratch_dir("import-bomb");
	char *path = g_build_filename(dir, "bomb.docx", NULL);
	size_t n = 8u << 20;
	char *zeros = g_malloc0(n);
	entry e[] = {{"word/document.xml", zeros, n}};
	make_zip(path, e, 1);
	g_free(zeros);
	unzFile z = unzOpen64(path);
	ck_assert_ptr_nonnull(z);
	ck_assert_int_eq(unzLocateFile(z, "word/document.xml", 1), UNZ_OK);
	unz_file_info64 fi;
	ck_assert_int_eq(unzGetCurrentFileInfo64(z, &fi, NULL, 0, NULL, 0, NULL, 0), UNZ_OK);
	unzClose(z);
	/* Read 64 KiB at a time: refused at the first chunk past the limit. */
	unsigned long long limit = MAX(1u << 20, fi.compressed_size * 200);
	unsigned long long at = (limit / 65536 + 1) * 65536;
	ck_assert(at < n);
	char *out = g_build_filename(dir, "out.xml", NULL);
	run_result r = run_ppsgen("import", path, "-o", out, NULL);
	ck_assert_int_eq(r.status, 2);
	char *want = g_strdup_printf("%s: error: word/document.xml expands more than 200 times (%llu bytes from %llu): "
				     "a zip bomb, refusing it\n",
				     path, at, (unsigned long long)fi.compressed_size);
	ck_assert_str_eq(r.err, want);
	ck_assert(!g_file_test(out, G_FILE_TEST_EXISTS));
	run_free(&r);
}
END_TEST

START_TEST(usage)
{
	run_result r = run_ppsgen("import", "x.docx", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "ppsgen import: give one Word document (.docx) and -o FILE.xml\n");
	run_free(&r);
	r = run_ppsgen("import", "--lang", "fr", "x.docx", "-o", "y.xml", NULL);
	ck_assert_int_eq(r.status, 1);
	ck_assert_str_eq(r.err, "ppsgen import: --lang takes en or cy, not \"fr\"\n");
	run_free(&r);
	r = run_ppsgen("import", "/nonexistent/x.docx", "-o", "y.xml", NULL);
	ck_assert_int_eq(r.status, 2);
	ck_assert_str_eq(r.err, "/nonexistent/x.docx: error: cannot read it as a Word document (no such file); save it "
				"from Word as a .docx file (a .doc file or a password-protected document cannot be read)\n");
	run_free(&r);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("import");
	TCase *tc = tcase_create("import");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, maps_a_document);
	tcase_add_test(tc, welsh_without_scale);
	tcase_add_test(tc, pair_languages);
	tcase_add_test(tc, long_heading_is_a_paragraph);
	tcase_add_test(tc, amounts_that_are_figures);
	tcase_add_test(tc, supplement_columns);
	tcase_add_test(tc, odd_structure);
	tcase_add_test(tc, hostile_archives);
	tcase_add_test(tc, zip_bomb);
	tcase_add_test(tc, usage);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
