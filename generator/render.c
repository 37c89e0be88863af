/* render.c — decides which files a statement becomes and writes each one
 * atomically (render.h).  Layout and drawing live in layout.c and pdf.c. */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* O_TMPFILE, linkat */
#endif
#include "render.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "html.h"
#include "pdf.h"

/* Writes all of data to fd: 0 or errno. */
static int write_all(int fd, const char *data, size_t len)
{
	for (size_t off = 0; off < len;) {
		ssize_t w = write(fd, data + off, len - off);
		if (w >= 0)
			off += (size_t)w;
		else if (errno != EINTR)
			return errno;
	}
	return 0;
}

/* The file is written unnamed (O_TMPFILE) in path's directory and given a
 * name only when complete, so that a render killed at any moment (SIGKILL
 * included) leaves no temporary file behind: the name exists for two
 * system calls, linkat and rename.  -1 with errno when the file system
 * cannot (then a named temporary is used). */
static int write_unnamed(const char *path, const char *data, size_t len, bool replacing, char **tmp_out)
{
#ifdef O_TMPFILE
	char *dir = g_path_get_dirname(path);
	int fd = open(dir, O_TMPFILE | O_WRONLY | O_CLOEXEC, 0666);
	g_free(dir);
	if (fd < 0)
		return -1;
	int err = write_all(fd, data, len);
	if (!err && replacing && fsync(fd) != 0)
		err = errno;
	char proc[64];
	snprintf(proc, sizeof proc, "/proc/self/fd/%d", fd);
	for (int tries = 0; !err && !*tmp_out && tries < 100; tries++) {
		char *tmp = g_strdup_printf("%s.%06x", path, g_random_int() & 0xffffff);
		if (linkat(AT_FDCWD, proc, AT_FDCWD, tmp, AT_SYMLINK_FOLLOW) == 0)
			*tmp_out = tmp;
		else if (errno != EEXIST)
			err = errno;
		if (!*tmp_out)
			g_free(tmp);
	}
	if (close(fd) != 0 && !err)
		err = errno;
	if (err == ENOENT && !*tmp_out) /* no /proc: the named way */
		return -1;
	return err ? err : *tmp_out ? 0 : EEXIST;
#else
	(void)path, (void)data, (void)len, (void)replacing, (void)tmp_out;
	errno = EOPNOTSUPP;
	return -1;
#endif
}

bool render_write_file(const char *path, const char *data, size_t len, diag_ctx *dc)
{
	/* Renamed over `path` once complete: readers never see a partial
	 * file, and a failure (a full disk) leaves the old one as it was and
	 * removes the temporary.  Messages carry errno's words, never the
	 * temporary's random name. */
	bool replacing = g_file_test(path, G_FILE_TEST_EXISTS);
	char *tmp = NULL;
	int err = write_unnamed(path, data, len, replacing, &tmp);
	if (err < 0) {
		tmp = g_strdup_printf("%s.XXXXXX", path);
		int fd = g_mkstemp_full(tmp, O_WRONLY | O_CLOEXEC, 0666);
		if (fd < 0) {
			err = errno;
			g_clear_pointer(&tmp, g_free);
		} else {
			err = write_all(fd, data, len);
			/* On the disk before the rename, when an old file is at stake. */
			if (!err && replacing && fsync(fd) != 0)
				err = errno;
			if (close(fd) != 0 && !err)
				err = errno;
		}
	}
	if (!err && g_rename(tmp, path) != 0)
		err = errno;
	if (err && tmp)
		g_unlink(tmp);
	g_free(tmp);
	if (err) {
		diag_emit_file(dc, DIAG_OUTPUT, NULL, 0, 0, path, g_strerror(err));
		return false;
	}
	return true;
}

static char *base_name(const pps_doc *d)
{
	char *b = g_path_get_basename(d->path);
	char *dot = strrchr(b, '.');
	if (dot && dot != b)
		*dot = 0;
	return b;
}

static const pps_section *find_appendix(const pps_doc *d, const char *key)
{
	for (int i = 0; i < d->nappendices; i++)
		if (g_strcmp0(d->appendices[i].id, key) == 0 || g_ascii_strcasecmp(d->appendices[i].letter, key) == 0)
			return &d->appendices[i];
	return NULL;
}

static int write_pdf(const pps_doc *d, const pps_figures *f, pps_template *t, lay_fonts *fonts, const lay_options *lo,
		     const render_opts *o, const char *path, diag_ctx *dc, GPtrArray *written)
{
	/* PPSGEN_TIMING=1 prints where the time goes, per file (stderr). */
	bool timing = g_getenv("PPSGEN_TIMING") != NULL;
	gint64 t0 = g_get_monotonic_time();
	lay_book *b = lay_document(d, f, t, fonts, lo, dc);
	gint64 t1 = g_get_monotonic_time();
	if (diag_failed(dc)) {
		lay_book_free(b);
		return 2;
	}
	GByteArray *pdf = g_byte_array_new();
	GString *err = g_string_new(NULL);
	bool ok = pdf_write(b, fonts, o->date, pdf, err);
	gint64 t2 = g_get_monotonic_time();
	if (timing)
		fprintf(stderr, "%s: %u pages, layout %.1f ms, pdf %.1f ms\n", path, b->pages->len, (t1 - t0) / 1000.0,
			(t2 - t1) / 1000.0);
	lay_book_free(b);
	int rc = 0;
	if (!ok) {
		diag_emit_file(dc, DIAG_OUTPUT, NULL, 0, 0, path, err->str);
		rc = 3;
	} else if (!render_write_file(path, (const char *)pdf->data, pdf->len, dc)) {
		rc = 3;
	} else {
		g_ptr_array_add(written, g_strdup(path));
	}
	g_string_free(err, TRUE);
	g_byte_array_free(pdf, TRUE);
	return rc;
}

/* One PDF to lay out, draw and write; the bilingual statement's two
 * languages run as two jobs on two threads, each with its own Pango font
 * map (Pango objects are not shared between threads) and message list. */
typedef struct {
	const pps_doc *d;
	const pps_figures *f;
	pps_template *t;
	lay_fonts *fonts;
	bool own_fonts;
	lay_options lo;
	const render_opts *o;
	char *path;
	diag_ctx dc;
	GPtrArray *written;
	int rc;
} pdf_job;

static gpointer run_job(gpointer p)
{
	pdf_job *j = p;
	if (!j->fonts) {
		j->fonts = lay_fonts_new(j->t, &j->dc);
		j->own_fonts = true;
	}
	j->rc = j->fonts ? write_pdf(j->d, j->f, j->t, j->fonts, &j->lo, j->o, j->path, &j->dc, j->written) : 2;
	return NULL;
}

/* Text (bytes) in one language beyond which the two languages are rendered
 * one after the other, to keep the peak memory under 300 MB: each language
 * holds its whole laid-out book at once (the contents page needs every page
 * number), measured at about 75 bytes of memory per byte of text plus 20 MB.
 * 1.6 MB of text, some twenty times the sample's, gives about 280 MB for
 * the two at once; the benchmark's 16x statement (1.45 MB) peaks at 257 MB. */
#define THREADED_TEXT_MAX (1600 * 1024)

static void count_text(const pps_ml *m, const char *what, const pps_section *sec, void *ud)
{
	(void)what;
	(void)sec;
	size_t *n = ud;
	const pps_text *t = ml_text(m, LANG_EN);
	for (int i = 0; t && i < t->n; i++)
		if (t->runs[i].kind == RUN_TEXT)
			*n += strlen(t->runs[i].text);
}

static int run_jobs(pdf_job *jobs, int n, bool threads, diag_ctx *dc, GPtrArray *written)
{
	GThread *th[LANG_N] = {NULL};
	for (int i = 1; i < n && threads; i++)
		th[i] = g_thread_new("pdf", run_job, &jobs[i]);
	run_job(&jobs[0]);
	for (int i = 1; i < n && !threads; i++) {
		jobs[i].fonts = jobs[0].fonts; /* one after the other: one font map will do */
		run_job(&jobs[i]);
	}
	int rc = 0;
	for (int i = 0; i < n; i++) {
		if (th[i])
			g_thread_join(th[i]);
		diag_append(dc, &jobs[i].dc);
		diag_clear(&jobs[i].dc);
		for (guint k = 0; k < jobs[i].written->len; k++)
			g_ptr_array_add(written, g_strdup(jobs[i].written->pdata[k]));
		g_ptr_array_free(jobs[i].written, TRUE);
		if (jobs[i].own_fonts)
			lay_fonts_free(jobs[i].fonts);
		g_free(jobs[i].path);
		if (jobs[i].rc > rc)
			rc = jobs[i].rc;
	}
	return rc;
}

int render_languages(const pps_doc *d, const char *lang, pps_lang out[LANG_N])
{
	int n = 0;
	for (int i = 0; i < d->nlangs; i++) {
		pps_lang l = d->langs[i];
		if (!lang || !strcmp(lang, "both") || !strcmp(lang, l == LANG_CY ? "cy" : "en"))
			out[n++] = l;
	}
	return n;
}

int render_run(const pps_doc *d, const pps_figures *f, pps_template *t, lay_fonts *fonts, const render_opts *o,
	       diag_ctx *dc, GPtrArray *written)
{
	const char *dir = o->out_dir ? o->out_dir : "out";
	if (g_mkdir_with_parents(dir, 0777) != 0) {
		diag_emit_file(dc, DIAG_OUTPUT, NULL, 0, 0, dir, g_strerror(errno));
		return 3;
	}
	/* Languages in reading order: the statement's order (Welsh first in a
	 * Welsh council's), narrowed by --lang. */
	pps_lang langs[LANG_N];
	int nl = render_languages(d, o->lang, langs);
	if (!nl) { /* an option asks for what the statement lacks: a usage error */
		diag_emit_file(dc, DIAG_LANG_NOT_DECLARED, d->path, 0, 0, o->lang, d->nlangs == 2 ? "cy en"
										     : d->langs[0] == LANG_CY ? "cy" : "en");
		return 1;
	}
	if (o->no_page_numbers)
		t->style.page_numbers = false;
	const char *layout = o->layout ? o->layout : "separate";
	bool bilingual_one = nl > 1 && strcmp(layout, "separate") != 0;

	/* Which appendices, if any. */
	GPtrArray *apps = g_ptr_array_new();
	if (o->appendix && d->nappendices == 0) {
		diag_emit_file(dc, DIAG_NO_APPENDICES, d->path, 0, 0, o->appendix);
		g_ptr_array_free(apps, TRUE);
		return 1;
	} else if (o->appendix && !strcmp(o->appendix, "all")) {
		for (int i = 0; i < d->nappendices; i++)
			g_ptr_array_add(apps, (gpointer)&d->appendices[i]);
	} else if (o->appendix) {
		const pps_section *a = find_appendix(d, o->appendix);
		if (!a) {
			GString *have = g_string_new(NULL);
			for (int i = 0; i < d->nappendices; i++)
				g_string_append_printf(have, "%s%s (%s)", i ? ", " : "", d->appendices[i].letter,
						       d->appendices[i].id);
			diag_emit_file(dc, DIAG_UNKNOWN_APPENDIX, d->path, 0, 0, o->appendix, have->str);
			g_string_free(have, TRUE);
			g_ptr_array_free(apps, TRUE);
			return 1;
		}
		g_ptr_array_add(apps, (gpointer)a);
	} else {
		g_ptr_array_add(apps, NULL); /* the whole statement */
	}

	char *base = base_name(d);
	int rc = 0;
	for (guint ai = 0; ai < apps->len && rc == 0; ai++) {
		const pps_section *app = apps->pdata[ai];
		char *stem = app ? g_strdup_printf("%s-appendix-%s", base, app->letter) : g_strdup(base);
		lay_options lo = {.first_page = o->first_page > 0 ? o->first_page : 1,
				  .appendix = app ? app->id : NULL,
				  .public_only = o->public_only,
				  .duplex = o->duplex,
				  .repeat_one_language = o->repeat_one_language,
				  .agenda_item = o->agenda_item,
				  .agenda_appendix = o->agenda_appendix,
				  .prev = o->prev,
				  .prev_fig = o->prev_fig};
		if (o->formats & FORMAT_PDF) {
			if (bilingual_one) {
				lo.mode = !strcmp(layout, "parallel") ? LAYOUT_PARALLEL : LAYOUT_SEQUENTIAL;
				memcpy(lo.langs, langs, sizeof langs);
				lo.nlangs = nl;
				char *path = g_strdup_printf("%s/%s-%s.pdf", dir, stem, layout);
				rc = write_pdf(d, f, t, fonts, &lo, o, path, dc, written);
				g_free(path);
			} else {
				pdf_job jobs[LANG_N];
				for (int i = 0; i < nl; i++) {
					jobs[i] = (pdf_job){.d = d, .f = f, .t = t, .fonts = i == 0 ? fonts : NULL, .lo = lo, .o = o,
							    .written = g_ptr_array_new_with_free_func(g_free)};
					jobs[i].lo.mode = LAYOUT_SINGLE;
					jobs[i].lo.langs[0] = langs[i];
					jobs[i].lo.nlangs = 1;
					jobs[i].path = g_strdup_printf("%s/%s-%s.pdf", dir, stem, langs[i] == LANG_CY ? "cy" : "en");
					diag_init(&jobs[i].dc);
					jobs[i].dc.strict = dc->strict;
				}
				size_t text = 0;
				model_walk_text(d, count_text, &text);
				/* Table rows and scale points carry text too: count them. */
				for (int i = 0; i < d->nscales; i++)
					text += (size_t)d->scales[i].npoints * 80;
				if (g_getenv("PPSGEN_TIMING"))
					fprintf(stderr, "text %zu bytes: languages %s\n", text,
						text <= THREADED_TEXT_MAX ? "side by side (threads)" : "one after the other");
				rc = run_jobs(jobs, nl, text <= THREADED_TEXT_MAX, dc, written);
			}
		}
		if (rc == 0 && (o->formats & FORMAT_HTML)) {
			GString *h = g_string_new(NULL);
			if (bilingual_one) {
				html_write(d, f, t, langs, nl, lo.appendix, o->public_only, h);
				char *path = g_strdup_printf("%s/%s-bilingual.html", dir, stem);
				rc = render_write_file(path, h->str, h->len, dc) ? 0 : 3;
				if (!rc)
					g_ptr_array_add(written, path);
				else
					g_free(path);
			} else {
				for (int i = 0; i < nl && rc == 0; i++) {
					g_string_truncate(h, 0);
					html_write(d, f, t, &langs[i], 1, lo.appendix, o->public_only, h);
					char *path = g_strdup_printf("%s/%s-%s.html", dir, stem, langs[i] == LANG_CY ? "cy" : "en");
					rc = render_write_file(path, h->str, h->len, dc) ? 0 : 3;
					if (!rc)
						g_ptr_array_add(written, path);
					else
						g_free(path);
				}
			}
			g_string_free(h, TRUE);
		}
		g_free(stem);
	}
	if (rc == 0 && (o->formats & FORMAT_CSV)) {
		static const struct {
			const char *suffix;
			void (*fn)(const pps_doc *, const pps_figures *, GString *);
		} files[] = {{"pay-multiples", opendata_multiples_csv},
			     {"senior-salaries", opendata_senior_csv},
			     {"senior-pay-bands", opendata_bands_csv},
			     {"gender-pay-gap", opendata_gpg_csv}};
		for (size_t i = 0; i < G_N_ELEMENTS(files) && rc == 0; i++) {
			if (files[i].fn == opendata_gpg_csv && !f->gpg.present)
				continue; /* no gap to publish: no file */
			if (files[i].fn == opendata_bands_csv && !f->senior_present)
				continue; /* no records to count */
			GString *c = g_string_new(NULL);
			files[i].fn(d, f, c);
			char *path = g_strdup_printf("%s/%s-%s.csv", dir, base, files[i].suffix);
			rc = render_write_file(path, c->str, c->len, dc) ? 0 : 3;
			if (!rc)
				g_ptr_array_add(written, path);
			else
				g_free(path);
			g_string_free(c, TRUE);
		}
	}
	g_free(base);
	g_ptr_array_free(apps, TRUE);
	return rc;
}
