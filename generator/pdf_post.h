/* pdf_post.h — finishes a cairo-written PDF with what cairo 1.16 cannot write.
 *
 * cairo 1.16 writes structure tags, links and page labels, but no /Lang, no XMP,
 * no attributes on structure elements (/Alt, /A), no link /Contents, no /Tabs,
 * no /Artifact marked content and no /ID (shared/PANGO-CAIRO.md §1.1–1.4).
 * pdf_post_finish() reads the finished PDF with qpdf, which parses only the
 * objects it changes, and writes the file again: cairo's objects copied byte
 * for byte, the changed ones as qpdf serialises them.  Only pdf.c (the cairo
 * stage) and tests include this; it knows nothing about the model or the
 * layout.
 *
 * How the element table maps onto the document (verified with cairo 1.16.0):
 * - cairo writes the structure tree in cairo_tag_begin order: a depth-first,
 *   pre-order walk of StructTreeRoot /K meets the elements in the order their
 *   tags were begun.  elems[i] therefore describes the i-th cairo_tag_begin
 *   call, counting every tag except "cairo.dest" (which makes no element).
 *   "Link" counts.  Empty elements (begun and ended with nothing drawn) count:
 *   cairo still writes them.  A leaf held open across cairo_show_page stays
 *   one element (it gets a marked-content part on each page).
 * - elems[i].depth is how many tags were open when it was begun, so the
 *   table also gives the tree's shape.  pdf_post_finish uses it to reach the
 *   elements it edits through their ancestors only, rather than reading all
 *   of a tree that can hold thousands of elements; the table must therefore
 *   list every element.
 * - Several top-level tags (e.g. "Document" then "Art") are fine: they are
 *   the kids of StructTreeRoot, in order.
 * - A Link element refers to its annotation with << /Type /OBJR /Obj n 0 R >>
 *   in its /K; an empty Link (nothing drawn, no rect=) gets no annotation.
 */
#ifndef PPS_PDF_POST_H
#define PPS_PDF_POST_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One structure element: its place in the tree and attributes to add (each
 * may be NULL). */
typedef struct {
	const char *lang;     /* BCP 47 ("cy", "en-GB") written as the element's /Lang */
	const char *alt;      /* /Alt (UTF-8), for Figure and Formula elements */
	const char *actual;   /* /ActualText (UTF-8): what the element's content reads as, where
	                       * its glyphs say otherwise (a word broken between characters
	                       * at a line end is one word) */
	const char *scope;    /* "Column", "Row" or "Both", only on TH elements:
	                       * written as /A << /O /Table /Scope /Column >> */
	int colspan, rowspan; /* TH/TD covering more than one column or row (0 or 1: one):
	                       * /ColSpan and /RowSpan in the same /A dictionary */
	const char *contents; /* only on Link elements: /Contents (UTF-8) of every link
	                       * annotation the element owns (PDF/UA 7.18.5) */
	int depth;            /* tags open when this one was begun: 0 for a top-level
	                       * element, at most the previous element's depth + 1 */
	int continues;        /* 1 + the index of an earlier element this one goes on
	                       * from (a paragraph, list or section cut by a page break,
	                       * or begun again for the next pair of the parallel
	                       * layout), 0: none.  The two are one element: this one's
	                       * kids are appended to that one's /K (its marked content
	                       * as /MCR dictionaries with its /Pg where the pages
	                       * differ), their /P and the /ParentTree entries are made
	                       * to name that element, and this one leaves the tree.
	                       * Reading order is then that element's whole content
	                       * where it began: Welsh paragraph, English paragraph. */
} pdf_post_elem;

/* One page-label range (PDF 32000-1 §12.4.2), e.g. appendix pages "A-1". */
typedef struct {
	int page_index;     /* 0-based first page of this range; ranges strictly
	                     * increasing, and the first one must start at 0 */
	char style;         /* 'D' decimal, 'r' lower roman, 'R' upper roman,
	                     * 'a' lower letters, 'A' upper letters, 0 prefix only */
	const char *prefix; /* UTF-8, e.g. "A-", or NULL */
	int start;          /* number of the range's first page, >= 1 */
} pdf_post_label;

typedef struct {
	const char *lang; /* required: catalog /Lang, e.g. "cy" or "en-GB" */
	/* UTF-8 texts for the XMP packet and the Info dictionary (kept equal, as
	 * PDF/A asks): title → dc:title and /Title, author → dc:creator and
	 * /Author, subject → dc:description and /Subject, keywords → pdf:Keywords
	 * and /Keywords.  NULL: use what cairo wrote in Info, if anything.  A
	 * title is required (PDF/UA 7.1), from here or from Info. */
	const char *title, *author, *subject, *keywords;
	/* Seconds since the epoch, UTC (SOURCE_DATE_EPOCH or the statement date):
	 * xmp:CreateDate, xmp:ModifyDate, xmp:MetadataDate, and Info /CreationDate
	 * and /ModDate as D:YYYYMMDDHHmmSSZ.  Years 1–9999. */
	int64_t date;
	/* Indexed in cairo_tag_begin order, one per element (see above).  /Lang
	 * is inherited down the tree, so give lang only where an element's
	 * language differs from its parent's (or, at the top, the catalog's). */
	const pdf_post_elem *elems;
	int nelems;
	/* Replaces /PageLabels.  nlabels 0: leave cairo's labels (if any). */
	const pdf_post_label *labels;
	int nlabels;
	/* Wrap all page content outside marked content in /Artifact BMC ... EMC
	 * (running headers, footers, rules: cairo 1.16 has no Artifact tag). */
	bool artifacts;
} pdf_post_info;

/* Reads a PDF produced by cairo 1.16 (in memory) and adds:
 * - catalog /Lang, /MarkInfo << /Marked true >>, /ViewerPreferences
 *   << /DisplayDocTitle true >>, /Metadata (XMP, uncompressed: dc:title,
 *   dc:creator, dc:description, dc:format, pdf:Keywords, pdf:Producer (cairo's
 *   Info /Producer), xmp:CreatorTool "ppsgen", the three xmp dates,
 *   pdfuaid:part 1 and its PDF/A extension-schema description);
 * - /PageLabels from info->labels;
 * - per structure element /Lang, /Alt, /ActualText, /A (Scope) and link-annotation
 *   /Contents from info->elems, and the elements that continue another
 *   merged into it (pdf_post_elem.continues);
 * - /Tabs /S on every page that has /Annots;
 * - /CIDToGIDMap /Identity on the CIDFontType2 fonts the pages use (cairo
 *   leaves it out; PDF/UA-1 7.21.3.2 wants it written);
 * - Info /Title /Author /Subject /Keywords /Creator, and /CreationDate and
 *   /ModDate with the D: prefix cairo leaves out;
 * - with info->artifacts, /Artifact marked content (pdf_post_wrap_artifacts);
 * - Flate compression for page content cairo stored uncompressed (pdf_init in
 *   pdf.h asks it to).
 * The input must have a structure tree (top-level tag Document, Part, Art,
 * Sect or Div), one classic xref table (as cairo writes; no incremental
 * updates, no xref streams) and no encryption.
 *
 * Output: the input's header and objects in their order, each copied byte for
 * byte unless changed; the changed ones (catalog, Info, the edited structure
 * elements, annotations and pages, the rewritten content streams,
 * Flate-compressed) written by qpdf's serialiser in their place; then the new
 * objects (XMP, uncompressed), a new xref table and a trailer with /ID, an MD5
 * of the objects written: the same input and info give the same bytes.  PDF
 * version as the input.
 *
 * Returns true and appends the PDF to out on success.  On failure returns
 * false, leaves out unchanged and sets err (if not NULL) to a reason for
 * people, e.g. "elems[7] (/P): scope is only for TH".  Any qpdf warning on
 * the objects it reads (a damaged input, say) counts as a failure. */
bool pdf_post_finish(const unsigned char *pdf, size_t len, const pdf_post_info *info,
                     GByteArray *out, GString *err);

/* The content-stream step of pdf_post_finish, exposed for tests: copies the
 * decoded content stream in[0..len) to out, wrapping each stretch of content
 * outside marked content (depth 0 of BMC/BDC ... EMC) that paints something
 * in "/Artifact BMC" ... "EMC".  A stretch runs from the first to the last
 * painting object of a depth-0 run — text objects BT ... ET, painted paths,
 * Do, sh, inline images BI ... ID ... EI — with the state operators between
 * them; state operators before and after stay outside, and the stretch is
 * widened to keep q/Q pairs inside it where that is possible.  A boundary
 * never falls inside a text object, a path object or an operator's operands.
 * Strings (escapes, nested parentheses), hex strings, arrays, dictionaries,
 * comments and inline-image data are skipped without being read as operators.
 * Returns false, with a reason and byte offset in err (if not NULL), when the
 * stream is malformed: unterminated string, array, dictionary, text object
 * or inline image, or EMC without a matching BMC/BDC, or marked content left
 * open at the end.  out is appended to, and holds partial output on failure. */
bool pdf_post_wrap_artifacts(const char *in, size_t len, GString *out, GString *err);
/* The same, also saying how many stretches it wrapped (*nwrapped). */
bool pdf_post_wrap_artifacts_count(const char *in, size_t len, GString *out, GString *err, int *nwrapped);

#endif
