/* cli.c — main(): the subcommands render, check, figures, coverage and
 * rollover, their options (GOptionContext) and exit codes:
 * 0 ok, 1 usage error, 2 invalid input, 3 output cannot be written. */
#include <glib.h>
#include <libxml/parser.h>
#include <locale.h>
#include <malloc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "coverage.h"
#include "diag.h"
#include "figures.h"
#include "layout.h"
#include "pdf.h"
#include "render.h"
#include "rollover.h"
#include "rules.h"
#include "template.h"
#include "xml_read.h"
#include "new.h"
#include "docx_read.h"
#include "import.h"

enum { EXIT_OK = 0, EXIT_USAGE = 1, EXIT_INPUT = 2, EXIT_OUTPUT = 3 };

static const char *USAGE =
	"Usage:\n"
	"  ppsgen render [-o DIR] [--lang en|cy|both] [--layout separate|parallel|sequential]\n"
	"                [--format pdf[,html,csv]] [--appendix ID|all] [--first-page N]\n"
	"                [--no-page-numbers] [--duplex] [--public] [--repeat-one-language]\n"
	"                [--agenda-item ITEM] [--agenda-appendix N] [--previous LAST_YEAR.xml]\n"
	"                [--strict-languages] [--strict] [--template DIR] [--data-dir DIR] STATEMENT.xml\n"
	"  ppsgen check [--strict] [--report] [--template DIR] [--data-dir DIR] STATEMENT.xml\n"
	"  ppsgen figures [--template DIR] [--data-dir DIR] STATEMENT.xml\n"
	"  ppsgen coverage [--template DIR] [--data-dir DIR] STATEMENT.xml\n"
	"  ppsgen rollover STATEMENT.xml --award AWARD.xml -o NEXT.xml\n"
	"  ppsgen new --jurisdiction england|wales [--languages \"cy en\"|en] [--council NAME]\n"
	"             [--year YYYY] [--data-dir DIR] -o FILE.xml\n"
	"  ppsgen import [--lang en|cy] [--jurisdiction england|wales] [--council NAME] [--year YYYY]\n"
	"                [--data-dir DIR] LAST.docx -o FILE.xml\n"
	"  ppsgen import --cy CY.docx --en EN.docx [OPTION]... -o FILE.xml\n"
	"  ppsgen --help | --version\n"
	"\n"
	"Exit status: 0 ok, 1 usage error, 2 invalid input, 3 output cannot be written.\n"
	"Run 'ppsgen COMMAND --help' for a command's options, 'man ppsgen' for the manual.\n";

/* --data-dir, shared by every command that reads a statement. */
static char *opt_data_dir;
static const GOptionEntry DATA_DIR_ENTRY[] = {
	{"data-dir", 0, 0, G_OPTION_ARG_FILENAME, &opt_data_dir,
	 "Find templates/ and fonts/ in DIR (default: the installed data)", "DIR"},
	{NULL, 0, 0, 0, NULL, NULL, NULL}};

static bool has_data(const char *dir)
{
	char *style = g_build_filename(dir, "templates", "style.xml", NULL);
	bool ok = g_file_test(style, G_FILE_TEST_IS_REGULAR);
	g_free(style);
	return ok;
}

/* Where templates/ and fonts/ live, first of: --data-dir; PPSGEN_HOME;
 * PREFIX/share/ppsgen beside the program (PPS_BIN_TO_DATA, from bin/ to it),
 * so an installed tree works wherever it is put; the source tree, only for
 * the program still in its build directory, so an installed copy never
 * reads a source tree that happens to be there.  NULL, reported, when none. */
static char *data_dir(void)
{
	if (opt_data_dir && *opt_data_dir)
		return g_strdup(opt_data_dir);
	const char *h = g_getenv("PPSGEN_HOME");
	if (h && *h)
		return g_strdup(h);
	char *exe = g_file_read_link("/proc/self/exe", NULL);
	char *bindir = exe ? g_path_get_dirname(exe) : NULL;
	char *installed = bindir ? g_canonicalize_filename(PPS_BIN_TO_DATA, bindir) : NULL;
	char *found = NULL;
	if (installed && has_data(installed)) {
		found = installed;
		installed = NULL;
	} else if (bindir && !strcmp(bindir, PPS_BUILD_DIR) && has_data(PPS_SOURCE_HOME)) {
		found = g_strdup(PPS_SOURCE_HOME);
	} else {
		fprintf(stderr, "ppsgen: error: no templates/style.xml in %s; give --data-dir DIR or set PPSGEN_HOME "
				"to the folder that holds templates/ and fonts/\n",
			installed ? installed : PPS_BIN_TO_DATA);
	}
	g_free(installed);
	g_free(bindir);
	g_free(exe);
	return found;
}

typedef struct {
	pps_template *tpl;
	pps_doc *doc;
	pps_figures fig;
	bool have_fig;
} loaded;

/* Template, statement, figures; every problem reported.  false on error. */
static bool load(const char *path, const char *tpl_dir, diag_ctx *dc, loaded *L)
{
	char *home = data_dir();
	if (!home)
		return false;
	char *defdir = g_build_filename(home, "templates", NULL);
	char *fonts = g_build_filename(home, "fonts", NULL);
	L->tpl = tpl_load(tpl_dir ? tpl_dir : defdir, fonts, dc);
	g_free(defdir);
	g_free(fonts);
	g_free(home);
	if (!L->tpl)
		return false;
	L->doc = xml_read_statement(path, L->tpl->schema, dc);
	if (!L->doc)
		return false;
	fig_compute(L->doc, &L->fig, dc);
	L->have_fig = true;
	check_figure_refs(L->doc, &L->fig, dc);
	return dc->nerrors == 0;
}

static void unload(loaded *L)
{
	if (L->have_fig)
		fig_free(&L->fig);
	doc_free(L->doc);
	tpl_free(L->tpl);
}

static int parse_opts(GOptionContext *oc, int *argc, char ***argv, const char *cmd)
{
	GError *err = NULL;
	/* --help's usage line names the command as it is typed. */
	char *prg = g_strdup_printf("ppsgen %s", cmd);
	g_set_prgname(prg);
	g_free(prg);
	if (!g_option_context_parse(oc, argc, argv, &err)) {
		fprintf(stderr, "ppsgen %s: %s\nRun 'ppsgen %s --help' for its options.\n", cmd, err->message, cmd);
		g_error_free(err);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int need_one_file(int argc, const char *cmd)
{
	if (argc != 2) {
		fprintf(stderr, "ppsgen %s: give exactly one statement file\nRun 'ppsgen %s --help' for its options.\n",
			cmd, cmd);
		return EXIT_USAGE;
	}
	return EXIT_OK;
}

static int64_t source_date(const pps_doc *d)
{
	const char *e = g_getenv("SOURCE_DATE_EPOCH");
	if (e && *e) {
		char *end;
		long long v = g_ascii_strtoll(e, &end, 10);
		if (!*end && v >= 0)
			return v;
	}
	/* No SOURCE_DATE_EPOCH: the statement's own date, never the clock, so the
	 * same input gives the same bytes. */
	const char *iso = d->published ? d->published : d->approved ? d->approved : d->effective;
	int y = d->year_start, m = 4, dd = 1;
	if (iso)
		sscanf(iso, "%d-%d-%d", &y, &m, &dd);
	GDateTime *dt = g_date_time_new_utc(y, m, dd, 0, 0, 0);
	int64_t t = dt ? g_date_time_to_unix(dt) : 0;
	if (dt)
		g_date_time_unref(dt);
	return t;
}

static int cmd_render(int argc, char **argv)
{
	char *out = NULL, *lang = NULL, *layout = NULL, *tpl = NULL, *format = NULL, *appendix = NULL;
	char *agenda = NULL, *agenda_app = NULL, *previous = NULL;
	int first_page = 1;
	gboolean strict_lang = FALSE, no_numbers = FALSE, duplex = FALSE, public_only = FALSE, strict = FALSE;
	gboolean repeat_one = FALSE;
	GOptionEntry entries[] = {
		{"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Write into DIR (default out/)", "DIR"},
		{"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "Languages: en, cy or both", "LANG"},
		{"layout", 0, 0, G_OPTION_ARG_STRING, &layout, "separate, parallel or sequential", "LAYOUT"},
		{"template", 0, 0, G_OPTION_ARG_FILENAME, &tpl, "House style and labels from DIR", "DIR"},
		{"format", 0, 0, G_OPTION_ARG_STRING, &format, "pdf, html, csv (comma-separated)", "LIST"},
		{"appendix", 0, 0, G_OPTION_ARG_STRING, &appendix, "Only this appendix (id or letter), or all", "ID"},
		{"first-page", 0, 0, G_OPTION_ARG_INT, &first_page, "Number of the first page in the agenda pack (every page numbered in turn from it)", "N"},
		{"strict-languages", 0, 0, G_OPTION_ARG_NONE, &strict_lang, "Refuse a bilingual statement with gaps", NULL},
		{"strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Warnings are errors", NULL},
		{"no-page-numbers", 0, 0, G_OPTION_ARG_NONE, &no_numbers, "Leave numbering to the agenda system", NULL},
		{"duplex", 0, 0, G_OPTION_ARG_NONE, &duplex, "Start each part on a right-hand page", NULL},
		{"public", 0, 0, G_OPTION_ARG_NONE, &public_only, "Leave out exempt appendices", NULL},
		{"repeat-one-language", 0, 0, G_OPTION_ARG_NONE, &repeat_one,
		 "Sequential layout: print an appendix written in one language in each part", NULL},
		{"agenda-item", 0, 0, G_OPTION_ARG_STRING, &agenda, "Agenda item for the running header", "ITEM"},
		{"agenda-appendix", 0, 0, G_OPTION_ARG_STRING, &agenda_app, "Appendix number on the agenda", "N"},
		{"previous", 0, 0, G_OPTION_ARG_FILENAME, &previous, "Add the changes since last year's statement", "LAST_YEAR.xml"},
		{NULL, 0, 0, 0, NULL, NULL, NULL}};
	GOptionContext *oc = g_option_context_new("STATEMENT.xml - render a statement to PDF");
	g_option_context_add_main_entries(oc, entries, NULL);
	g_option_context_add_main_entries(oc, DATA_DIR_ENTRY, NULL);
	int rc = parse_opts(oc, &argc, &argv, "render");
	g_option_context_free(oc);
	if (!rc)
		rc = need_one_file(argc, "render");
	unsigned formats = 0;
	if (!rc) {
		gchar **fl = g_strsplit(format ? format : "pdf", ",", -1);
		for (gchar **f = fl; *f; f++) {
			if (!strcmp(*f, "pdf"))
				formats |= FORMAT_PDF;
			else if (!strcmp(*f, "html"))
				formats |= FORMAT_HTML;
			else if (!strcmp(*f, "csv"))
				formats |= FORMAT_CSV;
			else {
				fprintf(stderr, "ppsgen render: unknown format \"%s\"; use pdf, html or csv\n", *f);
				rc = EXIT_USAGE;
			}
		}
		g_strfreev(fl);
	}
	if (!rc && lang && strcmp(lang, "en") && strcmp(lang, "cy") && strcmp(lang, "both")) {
		fprintf(stderr, "ppsgen render: --lang takes en, cy or both, not \"%s\"\n", lang);
		rc = EXIT_USAGE;
	}
	if (!rc && layout && strcmp(layout, "separate") && strcmp(layout, "parallel") && strcmp(layout, "sequential")) {
		fprintf(stderr, "ppsgen render: --layout takes separate, parallel or sequential, not \"%s\"\n", layout);
		rc = EXIT_USAGE;
	}
	if (!rc && first_page < 1) {
		fprintf(stderr, "ppsgen render: --first-page must be 1 or more\n");
		rc = EXIT_USAGE;
	}
	if (!rc) {
		diag_ctx dc;
		diag_init(&dc);
		dc.strict = strict;
		loaded L = {0};
		if (!load(argv[1], tpl, &dc, &L))
			rc = EXIT_INPUT;
		if (!rc && strict_lang && L.doc->nlangs > 1)
			coverage_errors(L.doc, &dc);
		if (!rc && diag_failed(&dc))
			rc = EXIT_INPUT;
		/* A draft shows its placeholders; an approved statement may not have any. */
		if (!rc && L.doc->approved_status && new_placeholders(argv[1], true, stderr) > 0)
			rc = EXIT_INPUT;
		pps_doc *prev = NULL;
		pps_figures prev_fig = {0};
		if (!rc && previous) {
			prev = xml_read_statement(previous, L.tpl->schema, &dc);
			if (prev)
				fig_compute(prev, &prev_fig, &dc);
			if (!prev || dc.nerrors)
				rc = EXIT_INPUT;
		}
		lay_fonts *fonts = NULL;
		if (!rc && !(fonts = lay_fonts_new(L.tpl, &dc)))
			rc = EXIT_INPUT;
		if (!rc) {
			render_opts o = {.out_dir = out, .lang = lang, .layout = layout, .formats = formats,
					 .appendix = appendix, .first_page = first_page, .no_page_numbers = no_numbers,
					 .duplex = duplex, .public_only = public_only, .repeat_one_language = repeat_one,
					 .agenda_item = agenda,
					 .agenda_appendix = agenda_app, .date = source_date(L.doc), .prev = prev,
					 .prev_fig = prev ? &prev_fig : NULL};
			GPtrArray *written = g_ptr_array_new_with_free_func(g_free);
			rc = render_run(L.doc, &L.fig, L.tpl, fonts, &o, &dc, written);
			for (guint i = 0; i < written->len; i++)
				printf("%s\n", (char *)written->pdata[i]);
			g_ptr_array_free(written, TRUE);
		}
		diag_print_problems(&dc, stderr);
		lay_fonts_free(fonts);
		if (prev) {
			fig_free(&prev_fig);
			doc_free(prev);
		}
		unload(&L);
		diag_clear(&dc);
	}
	g_free(out), g_free(lang), g_free(layout), g_free(tpl), g_free(format), g_free(appendix);
	g_free(agenda), g_free(agenda_app), g_free(previous);
	return rc;
}

static int cmd_check(int argc, char **argv)
{
	gboolean strict = FALSE, report = FALSE;
	char *tpl = NULL;
	GOptionEntry entries[] = {
		{"strict", 0, 0, G_OPTION_ARG_NONE, &strict, "Warnings are errors", NULL},
		{"report", 0, 0, G_OPTION_ARG_NONE, &report, "Print the compliance table", NULL},
		{"template", 0, 0, G_OPTION_ARG_FILENAME, &tpl, "Templates from DIR", "DIR"},
		{NULL, 0, 0, 0, NULL, NULL, NULL}};
	GOptionContext *oc = g_option_context_new("STATEMENT.xml - validate and compute; write nothing");
	g_option_context_add_main_entries(oc, entries, NULL);
	g_option_context_add_main_entries(oc, DATA_DIR_ENTRY, NULL);
	int rc = parse_opts(oc, &argc, &argv, "check");
	g_option_context_free(oc);
	if (!rc)
		rc = need_one_file(argc, "check");
	if (!rc) {
		diag_ctx dc;
		diag_init(&dc);
		dc.strict = strict;
		loaded L = {0};
		bool ok = load(argv[1], tpl, &dc, &L);
		if (L.doc)
			rules_check(L.doc, L.tpl, &dc);
		diag_print(&dc, stderr);
		int todo = ok ? new_placeholders(argv[1], strict, stderr) : 0;
		if (todo < 0)
			todo = 0;
		if (ok && report)
			rules_report(L.doc, L.tpl, L.doc->langs[0], stdout);
		rc = !ok || diag_failed(&dc) || (strict && todo) ? EXIT_INPUT : EXIT_OK;
		int nw = dc.nwarnings + todo;
		if (!rc)
			fprintf(stderr, "%s: ok (%d warning%s)\n", argv[1], nw, nw == 1 ? "" : "s");
		unload(&L);
		diag_clear(&dc);
	}
	g_free(tpl);
	return rc;
}

/* A command that reads one statement and prints something about it. */
typedef void (*report_fn)(const loaded *L);

static int report_cmd(int argc, char **argv, const char *name, const char *summary, report_fn report)
{
	char *tpl = NULL;
	GOptionEntry entries[] = {{"template", 0, 0, G_OPTION_ARG_FILENAME, &tpl, "Templates from DIR", "DIR"},
				  {NULL, 0, 0, 0, NULL, NULL, NULL}};
	GOptionContext *oc = g_option_context_new(summary);
	g_option_context_add_main_entries(oc, entries, NULL);
	g_option_context_add_main_entries(oc, DATA_DIR_ENTRY, NULL);
	int rc = parse_opts(oc, &argc, &argv, name);
	g_option_context_free(oc);
	if (!rc)
		rc = need_one_file(argc, name);
	if (!rc) {
		diag_ctx dc;
		diag_init(&dc);
		loaded L = {0};
		if (load(argv[1], tpl, &dc, &L))
			report(&L);
		else
			rc = EXIT_INPUT;
		diag_print(&dc, stderr);
		unload(&L);
		diag_clear(&dc);
	}
	g_free(tpl);
	return rc;
}

static void print_figures(const loaded *L)
{
	GString *js = g_string_new(NULL);
	fig_json(L->doc, &L->fig, js);
	fputs(js->str, stdout);
	if (!js->len || js->str[js->len - 1] != '\n')
		fputc('\n', stdout);
	g_string_free(js, TRUE);
}

static void print_coverage(const loaded *L) { coverage_report(L->doc, stdout); }

static int cmd_figures(int argc, char **argv)
{
	return report_cmd(argc, argv, "figures", "STATEMENT.xml - print every computed figure as JSON", print_figures);
}

static int cmd_coverage(int argc, char **argv)
{
	return report_cmd(argc, argv, "coverage", "STATEMENT.xml - list texts missing a declared language", print_coverage);
}

static int cmd_rollover(int argc, char **argv)
{
	char *award = NULL, *out = NULL;
	GOptionEntry entries[] = {{"award", 0, 0, G_OPTION_ARG_FILENAME, &award, "The pay award", "AWARD.xml"},
				  {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "Next year's statement", "NEXT.xml"},
				  {NULL, 0, 0, 0, NULL, NULL, NULL}};
	GOptionContext *oc = g_option_context_new("STATEMENT.xml - apply a pay award to next year's data");
	g_option_context_add_main_entries(oc, entries, NULL);
	int rc = parse_opts(oc, &argc, &argv, "rollover");
	g_option_context_free(oc);
	if (!rc)
		rc = need_one_file(argc, "rollover");
	if (!rc && (!award || !out)) {
		fprintf(stderr, "ppsgen rollover: give --award AWARD.xml and -o NEXT.xml\n");
		rc = EXIT_USAGE;
	}
	if (!rc) {
		diag_ctx dc;
		diag_init(&dc);
		GString *summary = g_string_new(NULL);
		rc = rollover_run(argv[1], award, out, summary, &dc);
		diag_print(&dc, stderr);
		if (!rc) {
			fputs(summary->str, stdout);
			printf("%s\n", out);
		}
		g_string_free(summary, TRUE);
		diag_clear(&dc);
	}
	g_free(award);
	g_free(out);
	return rc;
}

/* The first year of the next financial year to begin (1 April), from
 * SOURCE_DATE_EPOCH when set, else today: a statement drafted in December 2026
 * is for 2027-28, and so is one drafted in February 2027. */
static int next_financial_year(void)
{
	const char *e = g_getenv("SOURCE_DATE_EPOCH");
	GDateTime *now = e && *e ? g_date_time_new_from_unix_utc(g_ascii_strtoll(e, NULL, 10))
				 : g_date_time_new_now_utc();
	int y = g_date_time_get_year(now), m = g_date_time_get_month(now);
	g_date_time_unref(now);
	return m >= 4 ? y + 1 : y;
}

static int cmd_new(int argc, char **argv)
{
	char *juris = NULL, *langs = NULL, *council = NULL, *out = NULL;
	int year = 0;
	GOptionEntry entries[] = {
		{"jurisdiction", 0, 0, G_OPTION_ARG_STRING, &juris, "england or wales", "WHERE"},
		{"languages", 0, 0, G_OPTION_ARG_STRING, &langs, "\"cy en\" or en (default: cy en in Wales)", "LANGS"},
		{"council", 0, 0, G_OPTION_ARG_STRING, &council, "The council's name", "NAME"},
		{"year", 0, 0, G_OPTION_ARG_INT, &year, "First year of the statement (default: the next financial year to begin)", "YYYY"},
		{"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "The statement to write", "FILE.xml"},
		{NULL, 0, 0, 0, NULL, NULL, NULL}};
	GOptionContext *oc = g_option_context_new("- write a new statement to fill in");
	g_option_context_add_main_entries(oc, entries, NULL);
	g_option_context_add_main_entries(oc, DATA_DIR_ENTRY, NULL);
	int rc = parse_opts(oc, &argc, &argv, "new");
	g_option_context_free(oc);
	if (!rc && (argc != 1 || !out || !juris)) {
		fprintf(stderr, "ppsgen new: give --jurisdiction england|wales and -o FILE.xml\n");
		rc = EXIT_USAGE;
	}
	if (!rc && strcmp(juris, "england") && strcmp(juris, "wales")) {
		fprintf(stderr, "ppsgen new: --jurisdiction takes england or wales, not \"%s\"\n", juris);
		rc = EXIT_USAGE;
	}
	if (!rc && langs && strcmp(langs, "en") && strcmp(langs, "cy en")) {
		fprintf(stderr, "ppsgen new: --languages takes \"cy en\" or en, not \"%s\"\n", langs);
		rc = EXIT_USAGE;
	}
	if (!rc && year && (year < 2012 || year > 2100)) {
		fprintf(stderr, "ppsgen new: --year takes a year from 2012 on, not %d\n", year);
		rc = EXIT_USAGE;
	}
	if (!rc) {
		new_opts o = {.jurisdiction = juris,
			      .languages = langs ? langs : !strcmp(juris, "wales") ? "cy en" : "en",
			      .council = council,
			      .year = year ? year : next_financial_year()};
		char *home = data_dir();
		char *dir = home ? g_build_filename(home, "templates", NULL) : NULL;
		char *err = NULL;
		char *xml = dir ? new_statement(dir, &o, &err) : NULL;
		g_free(dir);
		g_free(home);
		GError *e = NULL;
		if (!dir) {
			rc = EXIT_INPUT; /* data_dir has said why */
		} else if (!xml) {
			fprintf(stderr, "%s\n", err);
			rc = EXIT_INPUT;
		} else if (!g_file_set_contents(out, xml, -1, &e)) {
			fprintf(stderr, "ppsgen new: %s\n", e->message);
			g_error_free(e);
			rc = EXIT_OUTPUT;
		} else {
			printf("%s\n", out);
		}
		g_free(xml);
		g_free(err);
	}
	g_free(juris), g_free(langs), g_free(council), g_free(out);
	return rc;
}

static int cmd_import(int argc, char **argv)
{
	char *juris = NULL, *lang = NULL, *council = NULL, *out = NULL, *cy = NULL, *en = NULL;
	int year = 0;
	GOptionEntry entries[] = {
		{"lang", 0, 0, G_OPTION_ARG_STRING, &lang, "The document's language: en or cy (default en)", "LANG"},
		{"cy", 0, 0, G_OPTION_ARG_FILENAME, &cy, "The Welsh document, paired with --en by headings", "CY.docx"},
		{"en", 0, 0, G_OPTION_ARG_FILENAME, &en, "The English document, paired with --cy", "EN.docx"},
		{"jurisdiction", 0, 0, G_OPTION_ARG_STRING, &juris, "england or wales (default: wales for a Welsh document)", "WHERE"},
		{"council", 0, 0, G_OPTION_ARG_STRING, &council, "The council's name (default: found in the document)", "NAME"},
		{"year", 0, 0, G_OPTION_ARG_INT, &year, "First year of the statement when the document names none", "YYYY"},
		{"output", 'o', 0, G_OPTION_ARG_FILENAME, &out, "The statement to write", "FILE.xml"},
		{NULL, 0, 0, 0, NULL, NULL, NULL}};
	GOptionContext *oc = g_option_context_new("LAST.docx - a statement from last year's Word document");
	g_option_context_add_main_entries(oc, entries, NULL);
	g_option_context_add_main_entries(oc, DATA_DIR_ENTRY, NULL);
	int rc = parse_opts(oc, &argc, &argv, "import");
	g_option_context_free(oc);
	bool pair = cy || en;
	if (!rc && pair && (!cy || !en || argc != 1 || lang || !out)) {
		fprintf(stderr, "ppsgen import: give --cy CY.docx and --en EN.docx together, without --lang or another "
				"document, and -o FILE.xml\n");
		rc = EXIT_USAGE;
	}
	if (!rc && !pair && (argc != 2 || !out)) {
		fprintf(stderr, "ppsgen import: give one Word document (.docx) and -o FILE.xml\n");
		rc = EXIT_USAGE;
	}
	if (!rc && lang && strcmp(lang, "en") && strcmp(lang, "cy")) {
		fprintf(stderr, "ppsgen import: --lang takes en or cy, not \"%s\"\n", lang);
		rc = EXIT_USAGE;
	}
	if (!rc && juris && strcmp(juris, "england") && strcmp(juris, "wales")) {
		fprintf(stderr, "ppsgen import: --jurisdiction takes england or wales, not \"%s\"\n", juris);
		rc = EXIT_USAGE;
	}
	if (!rc && year && (year < 2012 || year > 2100)) {
		fprintf(stderr, "ppsgen import: --year takes a year from 2012 on, not %d\n", year);
		rc = EXIT_USAGE;
	}
	if (!rc) {
		const char *l = pair ? "cy en" : lang ? lang : "en";
		import_opts o = {.lang = l, .jurisdiction = juris ? juris : strcmp(l, "en") ? "wales" : "england",
				 .council = council, .year = year ? year : next_financial_year()};
		diag_ctx dc;
		diag_init(&dc);
		dx_doc *d = NULL;
		if (pair) {
			dx_doc *dc_cy = docx_read(cy, &dc);
			dx_doc *dc_en = dc_cy ? docx_read(en, &dc) : NULL;
			d = dc_en ? import_pair(dc_cy, dc_en, &dc) : NULL;
			dx_free(dc_cy);
			dx_free(dc_en);
		} else {
			d = docx_read(argv[1], &dc);
		}
		char *home = d ? data_dir() : NULL;
		char *dir = home ? g_build_filename(home, "templates", NULL) : NULL;
		char *err = NULL;
		char *xml = dir ? import_statement(d, dir, &o, &dc, &err) : NULL;
		import_sort_messages(&dc);
		if (xml) /* after the Word document's messages: these are at FILE.xml's lines */
			import_amounts(xml, out, dir, &dc);
		diag_print(&dc, stderr);
		GError *e = NULL;
		if (!d || !dir) {
			rc = EXIT_INPUT; /* said why */
		} else if (!xml) {
			fprintf(stderr, "%s\n", err);
			rc = EXIT_INPUT;
		} else if (!g_file_set_contents(out, xml, -1, &e)) { /* atomic: a temporary file renamed */
			fprintf(stderr, "ppsgen import: %s\n", e->message);
			g_error_free(e);
			rc = EXIT_OUTPUT;
		} else {
			printf("%s\n", out);
		}
		g_free(xml);
		g_free(err);
		g_free(dir);
		g_free(home);
		dx_free(d);
		diag_clear(&dc);
	}
	g_free(juris), g_free(lang), g_free(council), g_free(out), g_free(cy), g_free(en);
	return rc;
}

int main(int argc, char **argv)
{
	/* Numbers in tag attributes are parsed with the locale's decimal point
	 * (cairo trap 10): keep LC_NUMERIC "C". */
	setlocale(LC_ALL, "C");
	/* Big buffers (PDF bytes, qpdf's) straight from and back to the system:
	 * a fixed threshold stops glibc raising it after the first large free,
	 * which would leave them fragmenting the heap and inflate the peak. */
	mallopt(M_MMAP_THRESHOLD, 256 * 1024);
	pdf_init();
	xmlInitParser();
	int rc;
	if (argc < 2) {
		fputs(USAGE, stderr);
		rc = EXIT_USAGE;
	} else if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
		fputs(USAGE, stdout);
		rc = EXIT_OK;
	} else if (!strcmp(argv[1], "--version")) {
		printf("ppsgen %s (statement format 1)\n", PPS_VERSION);
		rc = EXIT_OK;
	} else if (!strcmp(argv[1], "render")) {
		rc = cmd_render(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "check")) {
		rc = cmd_check(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "figures")) {
		rc = cmd_figures(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "coverage")) {
		rc = cmd_coverage(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "rollover")) {
		rc = cmd_rollover(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "new")) {
		rc = cmd_new(argc - 1, argv + 1);
	} else if (!strcmp(argv[1], "import")) {
		rc = cmd_import(argc - 1, argv + 1);
	} else {
		fprintf(stderr, "ppsgen: unknown command \"%s\"; the commands are render, check, figures, coverage, "
				"rollover, new and import\nRun 'ppsgen --help' for their options.\n", argv[1]);
		rc = EXIT_USAGE;
	}
	xmlCleanupParser();
	g_free(opt_data_dir);
	return rc;
}
