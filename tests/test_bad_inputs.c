/* test_bad_inputs.c — the corpus of bad and hostile inputs in tests/bad/
 * (mandoc style: each input beside the exact messages it must give).
 *
 * A case is NAME.expect (the exact stderr) with NAME.status (the exit code),
 * and either NAME.xml, run as `ppsgen render -o @OUT@ NAME.xml`, or NAME.args
 * holding the arguments after `ppsgen` (shell words; lines starting with #
 * are comments).  ppsgen runs with its working directory tests/bad, so
 * messages name files as NAME.xml:LINE:COL.  Placeholders, in the arguments
 * and (for paths) in the expected text:
 *
 *   @OUT@   a scratch output folder
 *   @FULL@  a 64 KiB tmpfs, nearly full: writing a PDF fails midway
 *   @RO@    a read-only tmpfs
 *   @GEN@   a folder of inputs too large to commit, made here (see gen_input)
 *
 * Each output folder starts with a "previous good" PDF under the name the
 * run would write; after every failure it must hold exactly what it held
 * before, byte for byte: no partial file, no temporary left behind.  Every
 * run is bounded in time (and, outside ASan, in address space); nothing in
 * any output may come from /etc/passwd, and nothing may connect to the
 * address the XXE cases name (127.0.0.1:47811).
 *
 * The tmpfs cases need root (mount(2)); elsewhere they are skipped, saying so. */
#include <arpa/inet.h>
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <glib/gstdio.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include "testutil.h"

#if defined(__SANITIZE_ADDRESS__)
#define SANITIZED 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SANITIZED 1
#endif
#endif

#define XXE_PORT 47811
#define MAX_SECONDS 10    /* wall clock a bad input may take (ASan included) */
#define KILL_SECONDS 30   /* SIGALRM after this: a hang fails, never blocks */
#define MEMORY_LIMIT (2048UL << 20)
#define PREVIOUS "%PDF-1.5\n% the previous good PDF of this name: it must survive a failed run\n"

static GPtrArray *cases; /* case names, sorted */
static char *bad_dir;    /* tests/bad */

/* ---- Inputs made at test time ------------------------------------------ */

static void write_or_die(const char *path, const char *data, size_t len)
{
	ck_assert_msg(g_file_set_contents(path, data, (gssize)len, NULL), "cannot write %s", path);
}

static char *good_statement(void)
{
	char *p = g_build_filename(bad_dir, "good.xml", NULL);
	char *s = read_file(p, NULL);
	ck_assert_msg(s != NULL, "cannot read %s", p);
	g_free(p);
	return s;
}

/* good.xml with `find` replaced by prefix + fill repeated n times + suffix. */
static void write_variant(const char *path, const char *find, const char *prefix, const char *fill, size_t n,
			  const char *suffix)
{
	char *g = good_statement();
	char *at = strstr(g, find);
	ck_assert_msg(at != NULL, "good.xml has no %s", find);
	FILE *f = fopen(path, "wb");
	ck_assert_ptr_nonnull(f);
	fwrite(g, 1, (size_t)(at - g), f);
	fputs(prefix, f);
	size_t fl = strlen(fill);
	for (size_t i = 0; i < n; i++)
		fwrite(fill, 1, fl, f);
	fputs(suffix, f);
	fputs(at + strlen(find), f);
	ck_assert_int_eq(fclose(f), 0);
	g_free(g);
}

/* The inputs @GEN@/NAME stands for. */
static void gen_input(const char *dir, const char *name)
{
	char *path = g_build_filename(dir, name, NULL);
	if (!strcmp(name, "too-big.xml")) {
		/* One byte over the 16 MiB limit: a statement with a long comment. */
		static const char head[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<statement version=\"1\">\n<!--";
		static const char tail[] = "-->\n</statement>\n";
		size_t total = (16u << 20) + 1, pad = total - strlen(head) - strlen(tail);
		char *buf = g_malloc(total);
		memcpy(buf, head, strlen(head));
		memset(buf + strlen(head), '.', pad);
		memcpy(buf + strlen(head) + pad, tail, strlen(tail));
		write_or_die(path, buf, total);
		g_free(buf);
	} else if (!strcmp(name, "deep-nesting.xml")) {
		/* 100,000 levels of nested lists (libxml2 stops at 256). */
		GString *close = g_string_new("x");
		for (int i = 0; i < 100000; i++)
			g_string_append(close, "</item></list>");
		write_variant(path, "<multiples/>", "<multiples/>\n", "<list><item>", 100000, close->str);
		g_string_free(close, TRUE);
	} else if (!strcmp(name, "huge-attribute.xml")) {
		/* A 10 MiB attribute value (libxml2 stops at 10,000,000 bytes). */
		write_variant(path, "<section id=\"intro\">", "<section id=\"intro\" covers=\"", "bonuses ",
			      (10u << 20) / 8, "\">");
	} else if (!strcmp(name, "long-attribute.xml")) {
		/* 100 kB: under libxml2's limit, over ppsgen's 10,000 bytes. */
		write_variant(path, "<section id=\"intro\">", "<section id=\"intro\" covers=\"", "bonuses ", 12500,
			      "\">");
	} else if (!strcmp(name, "too-many-elements.xml")) {
		/* 100,000 paragraphs (and the statement's own elements): 1 MB. */
		write_variant(path, "<multiples/>", "<multiples/>\n", "<p>x</p>\n", 100000, "");
	} else if (!strcmp(name, "huge-text.xml")) {
		/* A 12 MB paragraph: under the file limit, over libxml2's text limit. */
		write_variant(path, "<multiples/>", "<multiples/>\n<p>", "Pay policy. ", 1000000, "</p>");
	} else {
		ck_abort_msg("no generator for @GEN@/%s", name);
	}
	g_free(path);
}

/* ---- Output folders ---------------------------------------------------- */

typedef struct {
	const char *tag; /* "@OUT@" */
	char *path;
	bool used, mounted;
	GHashTable *before; /* file name -> contents when the run started */
} outdir;

/* Seeds the folder with the previous good PDF of the stem. */
static void seed(outdir *o, const char *stem)
{
	char *name = g_strdup_printf("%s-en.pdf", stem);
	char *p = g_build_filename(o->path, name, NULL);
	write_or_die(p, PREVIOUS, strlen(PREVIOUS));
	g_free(p);
	g_free(name);
}

static GHashTable *snapshot(const char *dir)
{
	GHashTable *h = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
	GDir *d = g_dir_open(dir, 0, NULL);
	if (!d)
		return h;
	for (const char *n; (n = g_dir_read_name(d));) {
		char *p = g_build_filename(dir, n, NULL);
		char *s = read_file(p, NULL);
		g_hash_table_insert(h, g_strdup(n), s ? s : g_strdup("<unreadable>"));
		g_free(p);
	}
	g_dir_close(d);
	return h;
}

/* false when the folder cannot be made (a tmpfs without root). */
static bool prepare(outdir *o, const char *scratch, const char *stem)
{
	o->path = g_build_filename(scratch, o->tag[1] == 'O' ? "out" : o->tag[1] == 'F' ? "full" : "ro", NULL);
	g_mkdir_with_parents(o->path, 0755);
	if (!strcmp(o->tag, "@OUT@")) {
		seed(o, stem);
	} else {
		umount2(o->path, MNT_DETACH); /* a mount left by an earlier, killed run */
		if (mount("tmpfs", o->path, "tmpfs", MS_NOSUID | MS_NODEV, "size=64k,mode=0755") != 0)
			return false;
		o->mounted = true;
		seed(o, stem);
		if (!strcmp(o->tag, "@FULL@")) {
			/* Leave about 8 KiB: a PDF of good.xml (about 40 KiB) fails midway. */
			size_t n = 52u << 10;
			char *fill = g_malloc0(n);
			char *p = g_build_filename(o->path, "filler", NULL);
			write_or_die(p, fill, n);
			g_free(p);
			g_free(fill);
		} else if (mount(NULL, o->path, NULL, MS_REMOUNT | MS_RDONLY | MS_NOSUID | MS_NODEV, NULL) != 0) {
			return false;
		}
	}
	o->before = snapshot(o->path);
	return true;
}

static void release(outdir *o)
{
	if (o->mounted)
		umount2(o->path, MNT_DETACH);
	if (o->before)
		g_hash_table_destroy(o->before);
	g_free(o->path);
}

/* ---- Running ppsgen ---------------------------------------------------- */

static void child_limits(gpointer unused)
{
	(void)unused;
#ifndef SANITIZED /* ASan reserves terabytes of address space */
	struct rlimit as = {MEMORY_LIMIT, MEMORY_LIMIT};
	setrlimit(RLIMIT_AS, &as);
#endif
	struct rlimit cpu = {KILL_SECONDS, KILL_SECONDS + 5};
	setrlimit(RLIMIT_CPU, &cpu);
	alarm(KILL_SECONDS); /* survives exec */
}

static char *case_file(const char *name, const char *ext)
{
	char *f = g_strconcat(name, ext, NULL);
	char *p = g_build_filename(bad_dir, f, NULL);
	g_free(f);
	return p;
}

/* The arguments after `ppsgen`, placeholders still in. */
static char **case_args(const char *name)
{
	char *p = case_file(name, ".args");
	char *text = read_file(p, NULL);
	g_free(p);
	if (!text) {
		char *xml = g_strconcat(name, ".xml", NULL);
		char **v = g_new0(char *, 5);
		v[0] = g_strdup("render");
		v[1] = g_strdup("-o");
		v[2] = g_strdup("@OUT@");
		v[3] = xml;
		return v;
	}
	GString *words = g_string_new(NULL);
	char **lines = g_strsplit(text, "\n", -1);
	for (char **l = lines; *l; l++)
		if (**l != '#')
			g_string_append_printf(words, "%s ", *l);
	g_strfreev(lines);
	g_free(text);
	char **v = NULL;
	GError *err = NULL;
	ck_assert_msg(g_shell_parse_argv(words->str, NULL, &v, &err), "%s.args: %s", name, err ? err->message : "");
	g_string_free(words, TRUE);
	return v;
}

/* The stem render would name its files after: the last argument ending .xml. */
static char *stem_of(char **args)
{
	const char *xml = "statement";
	for (char **a = args; *a; a++)
		if (g_str_has_suffix(*a, ".xml"))
			xml = *a;
	char *b = g_path_get_basename(xml);
	b[strlen(b) - (g_str_has_suffix(b, ".xml") ? 4 : 0)] = 0;
	return b;
}

/* A listener where the XXE cases point: any connection is a fetch. */
static int listen_xxe(void)
{
	int s = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
	if (s < 0)
		return -1;
	int one = 1;
	setsockopt(s, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons(XXE_PORT)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (bind(s, (struct sockaddr *)&a, sizeof a) != 0 || listen(s, 8) != 0) {
		close(s);
		return -1;
	}
	return s;
}

/* A line of /etc/passwd that must never appear in any output. */
static char *passwd_line(void)
{
	char *s = read_file("/etc/passwd", NULL);
	if (!s)
		return NULL;
	char *nl = strchr(s, '\n');
	if (nl)
		*nl = 0;
	return s;
}

START_TEST(bad_input)
{
	const char *name = cases->pdata[_i];
	char *p = case_file(name, ".expect");
	char *expect = read_file(p, NULL);
	ck_assert_msg(expect != NULL, "cannot read %s", p);
	g_free(p);
	p = case_file(name, ".status");
	char *status_text = read_file(p, NULL);
	ck_assert_msg(status_text != NULL, "%s.expect has no %s.status", name, name);
	g_free(p);
	int want_status = atoi(status_text);
	ck_assert_msg(want_status >= 1 && want_status <= 3, "%s.status: exit codes of failures are 1, 2 or 3", name);

	char *sub = g_strconcat("bad/", name, NULL); /* apart from the other tests' folders */
	char *scratch = scratch_dir(sub);
	g_free(sub);
	char **args = case_args(name);
	char *stem = stem_of(args);
	outdir outs[] = {{.tag = "@OUT@"}, {.tag = "@FULL@"}, {.tag = "@RO@"}};
	char *gen = g_build_filename(scratch, "gen", NULL);
	bool skip = false;
	for (char **a = args; *a; a++) {
		for (size_t k = 0; k < G_N_ELEMENTS(outs); k++) {
			if (!strstr(*a, outs[k].tag) || outs[k].used)
				continue;
			outs[k].used = true;
			if (!prepare(&outs[k], scratch, stem))
				skip = true;
		}
		if (g_str_has_prefix(*a, "@GEN@/")) {
			g_mkdir_with_parents(gen, 0755);
			gen_input(gen, *a + 6);
		}
	}
	if (skip) {
		printf("%s: skipped (a tmpfs cannot be mounted here: %s)\n", name, g_strerror(errno));
		for (size_t k = 0; k < G_N_ELEMENTS(outs); k++)
			release(&outs[k]);
		g_strfreev(args);
		g_free(stem), g_free(gen), g_free(scratch), g_free(expect), g_free(status_text);
		return;
	}

	GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
	g_ptr_array_add(argv, g_strdup(PPSGEN_BIN));
	for (char **a = args; *a; a++) {
		char *w = g_strdup(*a);
		for (size_t k = 0; k < G_N_ELEMENTS(outs); k++)
			if (outs[k].used) {
				char *r = replace_all(w, outs[k].tag, outs[k].path);
				g_free(w);
				w = r;
			}
		char *r = replace_all(w, "@GEN@", gen);
		g_free(w);
		g_ptr_array_add(argv, r);
	}
	g_ptr_array_add(argv, NULL);

	int lsock = listen_xxe();
	gint64 t0 = g_get_monotonic_time();
	char *out = NULL, *err = NULL;
	int wait_status = 0;
	GError *gerr = NULL;
	gboolean spawned = g_spawn_sync(bad_dir, (char **)argv->pdata, NULL, G_SPAWN_DEFAULT, child_limits, NULL, &out,
					&err, &wait_status, &gerr);
	double seconds = (double)(g_get_monotonic_time() - t0) / 1e6;
	bool fetched = false;
	if (lsock >= 0) {
		int c = accept(lsock, NULL, NULL);
		fetched = c >= 0;
		if (c >= 0)
			close(c);
		close(lsock);
	}

	/* What each output folder holds now, before any tmpfs goes. */
	GString *changed = g_string_new(NULL);
	char *secret = passwd_line();
	bool leaked = secret && *secret && ((out && strstr(out, secret)) || (err && strstr(err, secret)));
	for (size_t k = 0; k < G_N_ELEMENTS(outs); k++) {
		if (!outs[k].used)
			continue;
		GHashTable *after = snapshot(outs[k].path);
		GHashTableIter it;
		gpointer key, val;
		g_hash_table_iter_init(&it, after);
		while (g_hash_table_iter_next(&it, &key, &val)) {
			const char *was = g_hash_table_lookup(outs[k].before, key);
			if (!was)
				g_string_append_printf(changed, " new file %s/%s;", outs[k].tag, (char *)key);
			else if (strcmp(was, val))
				g_string_append_printf(changed, " %s/%s was changed;", outs[k].tag, (char *)key);
			leaked |= secret && *secret && strstr(val, secret);
		}
		g_hash_table_iter_init(&it, outs[k].before);
		while (g_hash_table_iter_next(&it, &key, &val))
			if (!g_hash_table_contains(after, key))
				g_string_append_printf(changed, " %s/%s was removed;", outs[k].tag, (char *)key);
		g_hash_table_destroy(after);
	}

	/* Paths in the messages as the .expect file writes them. */
	char *got = g_strdup(err ? err : "");
	for (size_t k = 0; k < G_N_ELEMENTS(outs); k++)
		if (outs[k].used) {
			char *r = replace_all(got, outs[k].path, outs[k].tag);
			g_free(got);
			got = r;
		}
	char *r = replace_all(got, gen, "@GEN@");
	g_free(got);
	got = r;
	for (size_t k = 0; k < G_N_ELEMENTS(outs); k++)
		release(&outs[k]);
	if (g_file_test(gen, G_FILE_TEST_IS_DIR)) { /* tens of megabytes */
		char *cmd = g_strdup_printf("rm -rf '%s'", gen);
		run_result rr = run_sh(cmd);
		run_free(&rr);
		g_free(cmd);
	}

	/* PPS_BAD_GOT=DIR keeps what each case printed, for review when the
	 * messages change on purpose: DIR/NAME.expect and DIR/NAME.status. */
	const char *keep = g_getenv("PPS_BAD_GOT");
	if (keep && *keep && spawned && WIFEXITED(wait_status)) {
		g_mkdir_with_parents(keep, 0755);
		char *f = g_strdup_printf("%s/%s.expect", keep, name);
		g_file_set_contents(f, got, -1, NULL);
		g_free(f);
		f = g_strdup_printf("%s/%s.status", keep, name);
		char *st = g_strdup_printf("%d\n", WEXITSTATUS(wait_status));
		g_file_set_contents(f, st, -1, NULL);
		g_free(st);
		g_free(f);
	}
	ck_assert_msg(spawned, "%s: cannot run %s: %s", name, PPSGEN_BIN, gerr ? gerr->message : "");
	ck_assert_msg(WIFEXITED(wait_status), "%s: ppsgen was killed by signal %d (limits: %d s, %lu MiB)", name,
		      WIFSIGNALED(wait_status) ? WTERMSIG(wait_status) : 0, KILL_SECONDS, MEMORY_LIMIT >> 20);
	ck_assert_msg(seconds < MAX_SECONDS, "%s: took %.1f s (at most %d)", name, seconds, MAX_SECONDS);
	ck_assert_msg(!fetched, "%s: something connected to 127.0.0.1:%d: an external entity was fetched", name,
		      XXE_PORT);
	ck_assert_msg(!leaked, "%s: the first line of /etc/passwd appears in the output", name);
	ck_assert_str_eq(got, expect);
	ck_assert_msg(WEXITSTATUS(wait_status) == want_status, "%s: exit status %d, expected %d", name,
		      WEXITSTATUS(wait_status), want_status);
	ck_assert_msg(!out || !*out, "%s: a failed run printed on stdout: %s", name, out);
	ck_assert_msg(changed->len == 0, "%s: the output folder changed:%s", name, changed->str);

	g_string_free(changed, TRUE);
	g_free(secret);
	g_free(got);
	g_free(out);
	g_free(err);
	g_ptr_array_free(argv, TRUE);
	g_strfreev(args);
	g_free(stem), g_free(gen), g_free(scratch), g_free(expect), g_free(status_text);
}
END_TEST

/* The corpus is what the issue asks for: at least 40 cases. */
START_TEST(corpus_size)
{
	ck_assert_msg(cases->len >= 40, "tests/bad holds %u cases; keep at least 40", cases->len);
	/* Every input and fixture file belongs to a case or is a shared fixture. */
	GDir *d = g_dir_open(bad_dir, 0, NULL);
	ck_assert_ptr_nonnull(d);
	for (const char *n; (n = g_dir_read_name(d));) {
		if (!g_str_has_suffix(n, ".status") && !g_str_has_suffix(n, ".args"))
			continue;
		char *stem = g_strndup(n, (gsize)(strrchr(n, '.') - n));
		char *e = case_file(stem, ".expect");
		ck_assert_msg(g_file_test(e, G_FILE_TEST_EXISTS), "%s has no %s.expect", n, stem);
		g_free(e);
		g_free(stem);
	}
	g_dir_close(d);
}
END_TEST

static gint by_name(gconstpointer a, gconstpointer b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void)
{
	signal(SIGPIPE, SIG_IGN);
	bad_dir = src_path("tests/bad");
	cases = g_ptr_array_new_with_free_func(g_free);
	GDir *d = g_dir_open(bad_dir, 0, NULL);
	if (!d) {
		fprintf(stderr, "cannot open %s\n", bad_dir);
		return EXIT_FAILURE;
	}
	for (const char *n; (n = g_dir_read_name(d));)
		if (g_str_has_suffix(n, ".expect"))
			g_ptr_array_add(cases, g_strndup(n, strlen(n) - strlen(".expect")));
	g_dir_close(d);
	g_ptr_array_sort(cases, by_name);

	Suite *s = suite_create("bad_inputs");
	TCase *tc = tcase_create("corpus");
	tcase_set_timeout(tc, 120);
	tcase_add_test(tc, corpus_size);
	tcase_add_loop_test(tc, bad_input, 0, (int)cases->len);
	suite_add_tcase(s, tc);
	SRunner *sr = srunner_create(s);
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	g_ptr_array_free(cases, TRUE);
	g_free(bad_dir);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
