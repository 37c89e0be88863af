/* test_figures.c — pins figures.c, csv_read.c, figures_json.c and rollover.c to
 * the seed statement's published figures and the rounding rules of
 * templates/FORMAT.md.  Self-contained: builds pps_doc models in C. */
#include <check.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "csv_read.h"
#include "figures.h"
#include "rollover.h"

#ifndef PPS_SOURCE_DIR
#define PPS_SOURCE_DIR "."
#endif

static const pps_pos P0 = {"t.xml", 1, 1};

static char *tmp_file(const char *name, const char *content);

/* ---- The seed's Appendix A (points 9..61): salary in pounds and hourly
 * rates in 1/10000 pound, for basic, basic + 8% and basic + 4%. ---- */
static const struct {
	int n;
	int64_t basic, basic_rate, s8, s8_rate, s4, s4_rate;
} seed_rows[] = {
	{9, 15375, 79693, 16605, 86068, 15990, 82880},
	{10, 15613, 80926, 16862, 87400, 16238, 84166},
	{11, 15807, 81932, 17072, 88489, 16439, 85208},
	{12, 16123, 83570, 17413, 90256, 16768, 86913},
	{13, 16491, 85477, 17810, 92314, 17151, 88898},
	{14, 16781, 86980, 18123, 93936, 17452, 90458},
	{15, 17072, 88489, 18438, 95569, 17755, 92029},
	{16, 17419, 90287, 18813, 97513, 18116, 93900},
	{17, 17772, 92117, 19194, 99488, 18483, 95802},
	{18, 18070, 93662, 19516, 101157, 18793, 97409},
	{19, 18746, 97165, 20246, 104940, 19496, 101053},
	{20, 19430, 100711, 20984, 108766, 20207, 104738},
	{21, 20138, 104381, 21749, 112731, 20944, 108558},
	{22, 20661, 107091, 22314, 115659, 21487, 111373},
	{23, 21268, 110238, 22969, 119054, 22119, 114649},
	{24, 21962, 113835, 23719, 122942, 22840, 118386},
	{25, 22658, 117442, 24471, 126840, 23564, 122138},
	{26, 23398, 121278, 25270, 130981, 24334, 126130},
	{27, 24174, 125300, 26108, 135325, 25141, 130312},
	{28, 24964, 129395, 26961, 139746, 25963, 134573},
	{29, 25951, 134511, 28027, 145271, 26989, 139891},
	{30, 26822, 139026, 28968, 150149, 27895, 144587},
	{31, 27668, 143411, 29881, 154881, 28775, 149148},
	{32, 28485, 147645, 30764, 159458, 29624, 153549},
	{33, 29323, 151989, 31669, 164149, 30496, 158069},
	{34, 30153, 156291, 32565, 168793, 31359, 162542},
	{35, 30785, 159567, 33248, 172333, 32016, 165947},
	{36, 31601, 163796, 34129, 176900, 32865, 170348},
	{37, 32486, 168384, 35085, 181855, 33785, 175117},
	{38, 33437, 173313, 36112, 187178, 34774, 180243},
	{39, 34538, 179020, 37301, 193341, 35920, 186183},
	{40, 35444, 183716, 38280, 198415, 36862, 191066},
	{41, 36379, 188562, 39289, 203645, 37834, 196104},
	{42, 37306, 193367, 40290, 208834, 38798, 201100},
	{43, 38237, 198193, 41296, 214048, 39766, 206118},
	{44, 39177, 203065, 42311, 219309, 40744, 211187},
	{45, 40057, 207626, 43262, 224238, 41659, 215930},
	{46, 41025, 212643, 44307, 229655, 42666, 221149},
	{47, 41967, 217526, 45324, 234926, 43646, 226229},
	{48, 42899, 222357, 46331, 240146, 44615, 231251},
	{49, 43821, 227136, 47327, 245308, 45574, 236222},
	{50, 44708, 231733, 48285, 250274, 46496, 241001},
	{51, 45632, 236523, 49283, 255447, 47457, 245982},
	{52, 46532, 241188, 50255, 260485, 48393, 250834},
	{53, 47436, 245873, 51231, 265544, 49333, 255706},
	{54, 49220, 255120, 53158, 275532, 51189, 265326},
	{55, 51749, 268229, 55889, 289688, 53819, 278958},
	{56, 54267, 281280, 58608, 303781, 56438, 292533},
	{57, 56791, 294363, 61334, 317910, 59063, 306139},
	{58, 61032, 316345, 65915, 341655, 63473, 328997},
	{59, 64163, 332574, 69296, 359180, 66730, 345879},
	{60, 67456, 349642, 72852, 377611, 70154, 363627},
	{61, 70916, 367576, 76589, 396981, 73753, 382281},
};

/* ---- Building models ------------------------------------------------- */

typedef struct {
	pps_doc d;
	pps_supplement supps[2];
	pps_supplement *sp[2];
	diag_ctx dc;
} fixture;

static fixture *fx_new(void)
{
	fixture *f = g_new0(fixture, 1);
	f->d.arena = arena_new();
	f->d.path = "t.xml";
	f->d.hours_x100 = 3700;
	f->d.weeks_x1000 = 52143;
	f->d.approval_threshold = 10000000;
	f->supps[0] = (pps_supplement){.id = "weekend", .percent_bp = 800, .pos = P0};
	f->supps[1] = (pps_supplement){.id = "termtime", .percent_bp = 400, .pos = P0};
	f->sp[0] = &f->supps[0];
	f->sp[1] = &f->supps[1];
	f->d.supps = f->supps;
	f->d.nsupps = 2;
	diag_init(&f->dc);
	return f;
}

static void fx_free(fixture *f)
{
	diag_clear(&f->dc);
	arena_free(f->d.arena);
	g_free(f);
}

/* The seed's NJC scale, points 9..61, with both supplements. */
static void add_njc(fixture *f)
{
	arena *a = f->d.arena;
	pps_scale *s = arena_alloc(a, sizeof *s);
	s->id = "njc";
	s->pos = P0;
	s->hours_x100 = 3700;
	s->rates = true;
	s->ncols = 1;
	s->supps = f->sp;
	s->nsupps = 2;
	s->npoints = (int)G_N_ELEMENTS(seed_rows);
	s->points = arena_array(a, (size_t)s->npoints, sizeof(pps_point));
	for (int i = 0; i < s->npoints; i++) {
		pps_point *p = &s->points[i];
		p->n = seed_rows[i].n;
		p->salary = arena_alloc(a, sizeof(int64_t));
		p->salary[0] = seed_rows[i].basic * 100;
		p->pos = (pps_pos){"t.xml", 100 + i, 5};
	}
	f->d.scales = s;
	f->d.nscales = 1;
}

static void set_post(pps_post *p, arena *a, const char *id, pps_role role, int nposts, const int64_t *pts,
		     const int64_t *holders, int nh)
{
	p->id = id;
	p->role = role;
	p->nposts = nposts;
	p->pos = (pps_pos){"t.xml", 50, 5};
	p->npoints = 4;
	p->points = arena_array(a, 4, sizeof(int64_t));
	for (int i = 0; i < 4; i++)
		p->points[i] = pts[i] * 100;
	p->holders = arena_array(a, (size_t)nh, sizeof(pps_holder));
	p->nholders = nh;
	for (int i = 0; i < nh; i++)
		p->holders[i] = (pps_holder){.salary = holders[i] * 100, .fte_e4 = 10000, .pos = P0};
}

/* The lead's sample chief officer posts (Appendix B of the seed). */
static void add_posts(fixture *f)
{
	arena *a = f->d.arena;
	static const int64_t ce_p[] = {159201, 165041, 168287, 171539}, ce_h[] = {171539};
	static const int64_t dir_p[] = {114523, 118873, 121045, 123218},
			     dir_h[] = {123218, 123218, 123218, 121045, 118873};
	static const int64_t ace_p[] = {97122, 100535, 102240, 102917}, ace_h[] = {102917};
	static const int64_t hos_p[] = {85042, 87875, 89290, 90709},
			     hos_h[] = {90709, 90709, 89290, 89290, 87875, 87875, 87875, 87875,
					87875, 85042, 85042, 85042, 85042, 85042};
	f->d.posts = arena_array(a, 4, sizeof(pps_post));
	set_post(&f->d.posts[0], a, "ce", ROLE_CHIEF_EXECUTIVE, 1, ce_p, ce_h, 1);
	set_post(&f->d.posts[1], a, "directors", ROLE_CHIEF_OFFICER, 5, dir_p, dir_h, 5);
	set_post(&f->d.posts[2], a, "ace", ROLE_CHIEF_OFFICER, 1, ace_p, ace_h, 1);
	set_post(&f->d.posts[3], a, "hos", ROLE_CHIEF_OFFICER, 14, hos_p, hos_h, 14);
	f->d.nposts = 4;
}

static void add_lowest_scp9(fixture *f)
{
	f->d.lowest = (pps_lowest){.present = true, .pos = P0, .scale = "njc", .point = 9};
}

static pps_multiple *add_multiple(fixture *f, const char *id, const char *top, const char *base, int places)
{
	if (f->d.nmultiples % 8 == 0) {
		pps_multiple *m = arena_array(f->d.arena, (size_t)f->d.nmultiples + 8, sizeof(pps_multiple));
		if (f->d.nmultiples)
			memcpy(m, f->d.multiples, sizeof *m * (size_t)f->d.nmultiples);
		f->d.multiples = m;
	}
	pps_multiple *m = &f->d.multiples[f->d.nmultiples++];
	*m = (pps_multiple){.id = id, .top = top, .base = base, .places = places,
			    .pos = {"t.xml", 70 + f->d.nmultiples, 5}};
	return m;
}

/* Workforce from (salary pounds*100, gender, school) triples. */
static void set_workforce(fixture *f, const int64_t *pence, const char *gender, const bool *school, int n)
{
	pps_workforce *w = &f->d.workforce;
	w->present = true;
	w->pos = (pps_pos){"t.xml", 60, 5};
	w->emp = arena_array(f->d.arena, (size_t)n, sizeof(pps_employee));
	w->nemp = n;
	for (int i = 0; i < n; i++)
		w->emp[i] = (pps_employee){.salary = pence[i], .fte_e4 = 10000, .gender = gender ? gender[i] : 0,
					   .school = school ? school[i] : false, .line = i + 2};
}

static const char *disp(const pps_figures *f, const char *id)
{
	const pps_figure *g = fig_get(f, id);
	return g ? g->display : "(missing)";
}

static int count_code(const diag_ctx *dc, diag_code c)
{
	int n = 0;
	for (int i = 0; i < dc->n; i++)
		n += dc->msgs[i].code == c;
	return n;
}

static const diag_msg *first_msg(const diag_ctx *dc, diag_code c)
{
	for (int i = 0; i < dc->n; i++)
		if (dc->msgs[i].code == c)
			return &dc->msgs[i];
	return NULL;
}

#define ck_str(a, b) ck_assert_str_eq((a), (b))
/* Compares a g_malloc'd result and frees it. */
#define ck_own(expr, want)                      \
	do {                                    \
		char *own_ = (expr);            \
		ck_assert_str_eq(own_, (want)); \
		g_free(own_);                   \
	} while (0)

/* ---- Appendix A ------------------------------------------------------ */

START_TEST(appendix_a_every_row)
{
	fixture *f = fx_new();
	add_njc(f);
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert_int_eq(fg.nscales, 1);
	ck_assert_int_eq((int)G_N_ELEMENTS(seed_rows), 53);
	for (size_t i = 0; i < G_N_ELEMENTS(seed_rows); i++) {
		const pps_point_fig *p = &fg.scales[0].pts[i];
		ck_assert_int_eq(p->n, seed_rows[i].n);
		ck_assert_int_eq(p->base, seed_rows[i].basic * 100);
		ck_assert_msg(p->rate_e4 == seed_rows[i].basic_rate, "SCP %d basic rate %lld, seed %lld", p->n,
			      (long long)p->rate_e4, (long long)seed_rows[i].basic_rate);
		ck_assert_msg(p->supp[0] == seed_rows[i].s8 * 100, "SCP %d +8%%", p->n);
		ck_assert_msg(p->supp_rate_e4[0] == seed_rows[i].s8_rate, "SCP %d +8%% rate %lld, seed %lld", p->n,
			      (long long)p->supp_rate_e4[0], (long long)seed_rows[i].s8_rate);
		ck_assert_msg(p->supp[1] == seed_rows[i].s4 * 100, "SCP %d +4%%", p->n);
		ck_assert_msg(p->supp_rate_e4[1] == seed_rows[i].s4_rate, "SCP %d +4%% rate", p->n);
	}
	/* As printed. */
	char *s = fig_rate(fg.scales[0].pts[0].rate_e4);
	ck_str(s, "7.9693");
	g_free(s);
	s = fig_pounds(fg.scales[0].pts[0].supp[0]);
	ck_str(s, "16,605");
	g_free(s);
	s = fig_rate(fg.scales[0].pts[9].supp_rate_e4[0]); /* SCP 18 + 8% */
	ck_str(s, "10.1157");
	g_free(s);
	ck_str(disp(&fg, "njc-lowest-hourly"), "£7.97");
	ck_str(disp(&fg, "njc-weekend-lowest-hourly"), "£8.61");
	ck_str(disp(&fg, "njc-termtime-lowest-hourly"), "£8.29");
	ck_assert_double_eq_tol(fig_get(&fg, "njc-lowest-hourly")->value, 7.96927, 1e-5);
	ck_assert_int_eq(f->dc.nerrors, 0);
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* ---- Rounding rules -------------------------------------------------- */

START_TEST(rounding_edges)
{
	/* DOMAIN.md §6 test 3: £22,366 at 37 hours is £11.59 over 52.143 weeks, £11.62 over 52. */
	ck_assert_int_eq(fig_hourly_pence(2236600, 3700, 52143), 1159);
	ck_assert_int_eq(fig_hourly_pence(2236600, 3700, 52000), 1162);
	/* 52.143 stands for 365/7: 15,375 is 7.96927 (7.9693), where 52.143 itself gives 7.96925 (7.9692). */
	ck_assert_int_eq(fig_hourly_e4(1537500, 3700, 52143), 79693);
	/* Exactly half at the 5th decimal: £20,800.52 / (40 h x 52 weeks) = 10.000250 -> 10.0003. */
	ck_assert_int_eq(fig_hourly_e4(2080052, 4000, 52000), 100003);
	ck_assert_int_eq(fig_hourly_e4(2080051, 4000, 52000), 100002); /* 10.0002451 */
	/* Rounded once: 10.0049519 is £10.00, though its 4-decimal form 10.0050 would round to £10.01. */
	ck_assert_int_eq(fig_hourly_e4(2081030, 4000, 52000), 100050);
	ck_assert_int_eq(fig_hourly_pence(2081030, 4000, 52000), 1000);
	/* Supplements: exactly £x.50 rounds up; a penny less rounds down. */
	ck_assert_int_eq(fig_supplement(1802500, 200), 1838600);  /* 18,385.50 -> 18,386 */
	ck_assert_int_eq(fig_supplement(1802499, 200), 1838500);  /* 18,385.4898 -> 18,385 */
	ck_assert_int_eq(fig_supplement(1537500, 800), 1660500);  /* the seed's SCP 9 */
	ck_assert_int_eq(fig_supplement(1580700, 800), 1707200);  /* 17,071.56 -> 17,072 */
	/* Money. */
	ck_own(fig_money(1537500, false), "£15,375");
	ck_own(fig_money(1537550, false), "£15,375.50");
	ck_own(fig_money(1537500, true), "£15,375.00");
	ck_own(fig_money(10041005, false), "£100,410.05");
	ck_own(fig_money(5, false), "£0.05");
	ck_own(fig_money(-123456789, false), "-£1,234,567.89");
	ck_own(fig_pounds(17153900), "171,539");
	ck_own(fig_pounds(99900), "999");
	ck_own(fig_pounds(100000), "1,000");
	ck_own(fig_rate(79693), "7.9693");
	ck_own(fig_rate(100000), "10.0000");
	ck_own(fig_rate(400), "0.0400");
}
END_TEST

START_TEST(format_multiple_variants)
{
	ck_own(fig_format_multiple(11.157008, 2, false, false), "11.16:1");
	ck_own(fig_format_multiple(9.4, 1, true, false), "1:9.4");
	ck_own(fig_format_multiple(1.36, 2, false, true), "1.36 : 1");
	ck_own(fig_format_multiple(1.36, 2, true, true), "1 : 1.36");
	ck_own(fig_format_multiple(11.157008, 0, false, false), "11:1");
	ck_own(fig_format_multiple(9.5, 0, true, false), "1:10");
	ck_own(fig_format_multiple(9.0, 2, false, false), "9.00:1");
	/* 6.025 is the double 6.02499999…; the decimal meant rounds half up. */
	ck_own(fig_format_multiple(6.025, 2, false, false), "6.03:1");
	ck_own(fig_format_multiple(0.125, 2, false, false), "0.13:1");
	/* DOMAIN.md §6 test 5: 187,000 / 31,000, from unrounded values. */
	double r = 187000.0 / 31000.0;
	ck_own(fig_format_multiple(r, 2, false, false), "6.03:1");
	ck_own(fig_format_multiple(r, 2, true, false), "1:6.03");
	ck_own(fig_format_multiple(r, 0, false, false), "6:1");
}
END_TEST

START_TEST(domain_test5_in_compute)
{
	fixture *f = fx_new();
	static const int64_t pts[] = {180000, 183000, 185000, 187000}, h[] = {187000};
	f->d.posts = arena_array(f->d.arena, 1, sizeof(pps_post));
	set_post(&f->d.posts[0], f->d.arena, "ce", ROLE_CHIEF_EXECUTIVE, 1, pts, h, 1);
	f->d.nposts = 1;
	f->d.lowest = (pps_lowest){.present = true, .pos = P0, .salary = 3100000};
	add_multiple(f, "a", "chief-executive", "lowest", 2);
	add_multiple(f, "b", "chief-executive", "lowest", 2)->one_first = true;
	add_multiple(f, "c", "chief-executive", "lowest", 0);
	pps_multiple *lim = add_multiple(f, "d", "chief-executive", "lowest", 1);
	lim->limit_x100 = 600; /* 6:1 */
	lim->spaced = true;
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "a"), "6.03:1");
	ck_str(disp(&fg, "b"), "1:6.03");
	ck_str(disp(&fg, "c"), "6:1");
	ck_str(disp(&fg, "d"), "6.0 : 1");
	ck_assert_double_eq_tol(fig_get(&fg, "a")->value, 187000.0 / 31000.0, 1e-12);
	const diag_msg *m = first_msg(&f->dc, DIAG_MULTIPLE_LIMIT);
	ck_assert_ptr_nonnull(m);
	ck_str(m->msg, "multiple \"d\" is 6.0 : 1, above the declared limit 6 : 1");
	ck_assert_int_eq(count_code(&f->dc, DIAG_MULTIPLE_LIMIT), 1);
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* ---- The seed's multiples ---------------------------------------------- */

static void seed_multiples(fixture *f)
{
	add_njc(f);
	add_posts(f);
	add_lowest_scp9(f);
	add_multiple(f, "lowest-to-chief-executive", "chief-executive", "lowest", 2);
	add_multiple(f, "lowest-to-average-chief-officer", "average-chief-officer", "lowest", 2);
	add_multiple(f, "median-to-chief-executive", "chief-executive", "median", 2);
	add_multiple(f, "median-to-average-chief-officer", "average-chief-officer", "median", 2);
}

START_TEST(seed_multiples_stated_median)
{
	fixture *f = fx_new();
	seed_multiples(f);
	f->d.workforce = (pps_workforce){.present = true, .pos = P0, .stated_median = 1879300};
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "lowest-to-chief-executive"), "11.16:1");
	ck_str(disp(&fg, "lowest-to-average-chief-officer"), "6.53:1");
	ck_str(disp(&fg, "median-to-chief-executive"), "9.13:1");
	ck_str(disp(&fg, "median-to-average-chief-officer"), "5.34:1");
	ck_str(disp(&fg, "median"), "£18,793");
	ck_str(disp(&fg, "lowest-salary"), "£15,375");
	ck_str(disp(&fg, "lowest-hourly"), "£7.97");
	ck_str(disp(&fg, "chief-executive-salary"), "£171,539");
	ck_str(disp(&fg, "average-chief-officer"), "£100,410.05");
	ck_assert_double_eq_tol(fg.average_chief_officer, 10041004.7619, 1e-3);
	ck_assert_int_eq(fg.lowest, 1537500);
	ck_assert_int_eq(fg.median, 1879300);
	ck_assert_int_eq(fg.chief_executive, 17153900);
	ck_assert_ptr_null(fig_get(&fg, "workforce-count")); /* stated, no records */
	ck_assert_ptr_null(fig_get(&fg, "gpg-mean"));
	/* Notes: CE, directors and the ACE reach £100,000; heads of service do not. */
	ck_assert_int_eq(count_code(&f->dc, DIAG_OVER_THRESHOLD), 3);
	ck_str(first_msg(&f->dc, DIAG_OVER_THRESHOLD)->msg,
	       "post \"ce\" pays up to £171,539, over £100,000: new appointments and severance need a vote of full council");
	ck_assert_int_eq(f->dc.nerrors, 0);
	ck_assert_int_eq(f->dc.nwarnings, 0);
	/* Declaration order of the figures. */
	ck_str(fg.figs[0].id, "lowest-salary");
	ck_str(fg.figs[1].id, "lowest-hourly");
	ck_str(fg.figs[2].id, "median");
	ck_str(fg.figs[3].id, "chief-executive-salary");
	ck_str(fg.figs[4].id, "average-chief-officer");
	ck_str(fg.figs[5].id, "lowest-to-chief-executive");
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* The same from records: an odd count with £18,793 in the middle, schools excluded. */
START_TEST(seed_multiples_from_records)
{
	fixture *f = fx_new();
	seed_multiples(f);
	int64_t pay[] = {1537500, 1561300, 1879300, 3000000, 2500000, 1200000, 9000000};
	bool school[] = {false, false, false, false, false, true, true};
	set_workforce(f, pay, NULL, school, 7);
	f->d.workforce.exclude_schools = true;
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "median"), "£18,793");
	ck_str(disp(&fg, "workforce-count"), "5");
	ck_str(disp(&fg, "median-to-chief-executive"), "9.13:1");
	fig_free(&fg);
	/* Without the exclusion: 7 records, middle is £18,793 still? 12000 15375 15613 18793 25000 30000 90000. */
	f->d.workforce.exclude_schools = false;
	diag_clear(&f->dc);
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "workforce-count"), "7");
	ck_str(disp(&fg, "median"), "£18,793");
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* DOMAIN.md §6 test 4: an even count takes the mean of the middle two. */
START_TEST(median_even)
{
	fixture *f = fx_new();
	int64_t pay[] = {2350000, 2000000, 2200000, 2100000};
	set_workforce(f, pay, NULL, NULL, 4);
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "median"), "£21,500");
	ck_assert_int_eq(fg.median, 2150000);
	fig_free(&fg);
	/* Half a penny rounds up. */
	int64_t pay2[] = {2000001, 2000002};
	set_workforce(f, pay2, NULL, NULL, 2);
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "median"), "£20,000.02");
	ck_assert_double_eq_tol(fig_get(&fg, "median")->value, 20000.015, 1e-9);
	fig_free(&fg);
	fx_free(f);
}
END_TEST

START_TEST(missing_data)
{
	fixture *f = fx_new();
	add_multiple(f, "m1", "chief-executive", "lowest", 2);
	add_multiple(f, "m2", "average-chief-officer", "median", 2);
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(diag_has(&f->dc, DIAG_NO_CHIEF_EXECUTIVE));
	ck_assert(diag_has(&f->dc, DIAG_NO_LOWEST));
	ck_assert(diag_has(&f->dc, DIAG_NO_AVERAGE));
	ck_assert(diag_has(&f->dc, DIAG_NO_WORKFORCE));
	ck_assert_ptr_null(fig_get(&fg, "m1"));
	ck_assert_int_eq(first_msg(&f->dc, DIAG_NO_LOWEST)->line, 71);
	fig_free(&fg);
	/* All school staff excluded: no one left. */
	diag_clear(&f->dc);
	int64_t pay[] = {1500000};
	bool school[] = {true};
	set_workforce(f, pay, NULL, school, 1);
	f->d.workforce.exclude_schools = true;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(diag_has(&f->dc, DIAG_CSV_EMPTY));
	fig_free(&fg);
	fx_free(f);
}
END_TEST

START_TEST(checks_on_pay)
{
	fixture *f = fx_new();
	add_njc(f);
	add_posts(f);
	add_lowest_scp9(f);
	f->d.nlw_e4 = 80000; /* £8.00: SCP 9 at 7.9693 is below */
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	const diag_msg *m = first_msg(&f->dc, DIAG_BELOW_NLW);
	ck_assert_ptr_nonnull(m);
	ck_str(m->msg, "point 9 pays £7.9693 an hour, below the National Living Wage of £8.00");
	ck_assert_int_eq(m->line, 100);
	ck_assert_int_eq(count_code(&f->dc, DIAG_BELOW_NLW), 1);
	fig_free(&fg);

	diag_clear(&f->dc);
	f->d.nlw_e4 = 78300; /* £7.83 (2018) */
	f->d.rlw_e4 = 87500; /* £8.75 */
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(!diag_has(&f->dc, DIAG_BELOW_NLW));
	m = first_msg(&f->dc, DIAG_BELOW_RLW);
	ck_assert_ptr_nonnull(m);
	ck_str(m->msg, "point 9 pays £7.9693 an hour, below the Real Living Wage of £8.75");
	ck_assert_int_eq(m->level, DIAG_WARNING);
	fig_free(&fg);

	/* A director paid more than the chief executive. */
	diag_clear(&f->dc);
	f->d.posts[1].holders[0].salary = 18000000;
	fig_compute(&f->d, &fg, &f->dc);
	m = first_msg(&f->dc, DIAG_CE_BELOW_OFFICER);
	ck_assert_ptr_nonnull(m);
	ck_str(m->msg, "the chief executive (£171,539) is paid less than post \"directors\" (£180,000)");
	fig_free(&fg);

	/* A chief executive below the lowest paid (a typo in the data). */
	diag_clear(&f->dc);
	f->d.posts[1].holders[0].salary = 12321800;
	f->d.posts[0].holders[0].salary = 1500000;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(diag_has(&f->dc, DIAG_CE_BELOW_LOWEST));
	ck_assert_int_eq(first_msg(&f->dc, DIAG_CE_BELOW_LOWEST)->level, DIAG_ERROR);
	fig_free(&fg);

	/* A part-time chief executive is grossed up: £85,769.50 at 0.5 -> £171,539. */
	diag_clear(&f->dc);
	f->d.posts[0].holders[0] = (pps_holder){.salary = 8576950, .fte_e4 = 5000, .pos = P0};
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "chief-executive-salary"), "£171,539");
	ck_str(disp(&fg, "average-chief-officer"), "£100,410.05");
	fig_free(&fg);
	/* No holder: the top point. */
	f->d.posts[0].nholders = 0;
	diag_clear(&f->dc);
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "chief-executive-salary"), "£171,539");
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* ---- Gender pay gap ----------------------------------------------------- */

/* Eight people (pounds): 10,000 F  11,000 F  12,000 M  15,000 F  15,000 M
 * 20,000 M  30,000 M  40,000 F.  Quartiles of two: the tie at 15,000 (one man,
 * one woman) straddles the Q2/Q3 boundary, so each side gets half a man and
 * half a woman.  Q1: 0 M 2 F; Q2: 1.5 M 0.5 F; Q3: 1.5 M 0.5 F; Q4: 1 M 1 F.
 * Mean: men 19,250, women 19,000: 250/19,250 = 1.2987% -> 1.3%.
 * Median: men (15,000+20,000)/2 = 17,500; women (11,000+15,000)/2 = 13,000:
 * 4,500/17,500 = 25.714% -> 25.7%. */
START_TEST(gpg_hand_computed)
{
	fixture *f = fx_new();
	int64_t pay[] = {1500000, 4000000, 1000000, 2000000, 1200000, 1100000, 3000000, 1500000};
	char g[] = {'m', 'f', 'f', 'm', 'm', 'f', 'm', 'f'};
	set_workforce(f, pay, g, NULL, 8);
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(fg.gpg.present);
	ck_assert_int_eq(fg.gpg.nmen, 4);
	ck_assert_int_eq(fg.gpg.nwomen, 4);
	ck_str(disp(&fg, "gpg-mean"), "1.3%");
	ck_str(disp(&fg, "gpg-median"), "25.7%");
	ck_assert_double_eq_tol(fg.gpg.mean_gap, 100.0 * 250 / 19250, 1e-9);
	ck_str(disp(&fg, "gpg-q1-men"), "0.0%");
	ck_str(disp(&fg, "gpg-q1-women"), "100.0%");
	ck_str(disp(&fg, "gpg-q2-men"), "75.0%");
	ck_str(disp(&fg, "gpg-q2-women"), "25.0%");
	ck_str(disp(&fg, "gpg-q3-men"), "75.0%");
	ck_str(disp(&fg, "gpg-q3-women"), "25.0%");
	ck_str(disp(&fg, "gpg-q4-men"), "50.0%");
	ck_str(disp(&fg, "gpg-q4-women"), "50.0%");
	ck_assert_double_eq_tol(fg.gpg.q_men[1], 75.0, 1e-9);
	ck_str(disp(&fg, "gpg-men-count"), "4");
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* The bonus figures on the eight people above, with bonuses (pounds):
 * M 15,000: 500; F 40,000: 1,000; F 10,000: 0; M 20,000: 300; M 12,000: 0;
 * F 11,000: 205.50; M 30,000: 1,000; F 15,000: 0.
 * Paid a bonus: men 3 of 4 = 75.0%, women 2 of 4 = 50.0%.
 * Mean among those paid: men 1,800/3 = 600, women 1,205.50/2 = 602.75:
 * -2.75/600 = -0.4583% -> -0.5%.  Median: men 500, women 602.75:
 * -102.75/500 = -20.55% exactly -> -20.6% (half away from zero). */
START_TEST(gpg_bonus_hand_computed)
{
	fixture *f = fx_new();
	int64_t pay[] = {1500000, 4000000, 1000000, 2000000, 1200000, 1100000, 3000000, 1500000};
	int64_t bonus[] = {50000, 100000, 0, 30000, 0, 20550, 100000, 0};
	char g[] = {'m', 'f', 'f', 'm', 'm', 'f', 'm', 'f'};
	set_workforce(f, pay, g, NULL, 8);
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(!fg.gpg.has_bonus); /* no bonus column: no bonus figures */
	ck_assert_ptr_null(fig_get(&fg, "gpg-bonus-men"));
	ck_assert_ptr_null(fig_get(&fg, "gpg-bonus-mean"));
	fig_free(&fg);
	for (int i = 0; i < 8; i++)
		f->d.workforce.emp[i].bonus = bonus[i];
	f->d.workforce.has_bonus = true;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(fg.gpg.has_bonus && fg.gpg.bonus_gap);
	ck_assert_int_eq(fg.gpg.nmen_bonus, 3);
	ck_assert_int_eq(fg.gpg.nwomen_bonus, 2);
	ck_str(disp(&fg, "gpg-bonus-men"), "75.0%");
	ck_str(disp(&fg, "gpg-bonus-women"), "50.0%");
	ck_str(disp(&fg, "gpg-bonus-mean"), "-0.5%");
	ck_str(disp(&fg, "gpg-bonus-median"), "-20.6%");
	ck_assert_double_eq_tol(fg.gpg.bonus_mean_gap, -100.0 * 2.75 / 600, 1e-9);
	ck_assert_double_eq_tol(fg.gpg.bonus_median_gap, -20.55, 1e-9);
	/* The hourly figures are unchanged by bonuses. */
	ck_str(disp(&fg, "gpg-mean"), "1.3%");
	ck_str(disp(&fg, "gpg-median"), "25.7%");
	fig_free(&fg);

	/* Thirds: men 1 of 3 = 33.3%, women 2 of 3 = 66.7%; equal bonuses, 0.0%. */
	int64_t pay2[] = {2000000, 2000000, 2000000, 2000000, 2000000, 2000000};
	char g2[] = {'m', 'm', 'm', 'f', 'f', 'f'};
	set_workforce(f, pay2, g2, NULL, 6);
	f->d.workforce.has_bonus = true;
	f->d.workforce.emp[0].bonus = f->d.workforce.emp[3].bonus = f->d.workforce.emp[4].bonus = 10000;
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "gpg-bonus-men"), "33.3%");
	ck_str(disp(&fg, "gpg-bonus-women"), "66.7%");
	ck_str(disp(&fg, "gpg-bonus-mean"), "0.0%");
	ck_str(disp(&fg, "gpg-bonus-median"), "0.0%");
	fig_free(&fg);

	/* No man paid a bonus: the proportions, but no bonus gap. */
	f->d.workforce.emp[0].bonus = 0;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(fg.gpg.has_bonus && !fg.gpg.bonus_gap);
	ck_str(disp(&fg, "gpg-bonus-men"), "0.0%");
	ck_str(disp(&fg, "gpg-bonus-women"), "66.7%");
	ck_assert_ptr_null(fig_get(&fg, "gpg-bonus-mean"));
	ck_assert_ptr_null(fig_get(&fg, "gpg-bonus-median"));
	ck_assert_int_eq(count_code(&f->dc, DIAG_GPG_SNAPSHOT), 0); /* no date given */
	fig_free(&fg);

	/* A snapshot that is not 31 March: a warning naming the right date. */
	f->d.workforce.date = "2019-04-05";
	fig_compute(&f->d, &fg, &f->dc);
	const diag_msg *m = first_msg(&f->dc, DIAG_GPG_SNAPSHOT);
	ck_assert_ptr_nonnull(m);
	ck_str(m->msg, "the gender pay gap regulations (2017) take the workforce on the snapshot date of 31 March, "
		       "but <workforce> is dated 2019-04-05; give date=\"2019-03-31\" with the data of that day");
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* Chief officers' gap from the post holders' genders (FTE salaries):
 * men £171,539 (CE) and £90,709; women £123,218 and a half-time holder of
 * £42,000 (= £84,000 FTE).  Mean: men 131,124, women 103,609:
 * (131124 - 103609) / 131124 = 20.98% -> 21.0%.  Median of two each: the
 * means again, so 21.0%. */
START_TEST(gpg_chief_officers)
{
	fixture *f = fx_new();
	add_posts(f);
	pps_post *ce = &f->d.posts[0], *dir = &f->d.posts[1], *hos = &f->d.posts[3];
	ce->holders[0].gender = 'm';
	hos->holders[0].gender = 'm';
	dir->holders[0].gender = 'f';
	dir->holders[1].gender = 'f';
	dir->holders[1].salary = 4200000;
	dir->holders[1].fte_e4 = 5000;
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(fg.gpg_chief.present);
	ck_assert_int_eq(fg.gpg_chief.nmen, 2);
	ck_assert_int_eq(fg.gpg_chief.nwomen, 2);
	ck_str(disp(&fg, "gpg-chief-mean"), "21.0%");
	ck_str(disp(&fg, "gpg-chief-median"), "21.0%");
	ck_assert_double_eq_tol(fg.gpg_chief.mean_gap, 100.0 * (13112400 - 10360900) / 13112400.0, 1e-9);
	/* No workforce genders: the whole-workforce gap stays absent. */
	ck_assert(!fg.gpg.present);
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* Ties over several boundaries, uneven quartiles, unrecorded gender, negative gap. */
START_TEST(gpg_ties_and_remainders)
{
	fixture *f = fx_new();
	/* Five people: bounds floor(j*5/4) = 0,1,2,3,5: sizes 1,1,1,2 (the extra
	 * person goes to the upper quartile).  Four share £20,000 (1 M, 3 F) over
	 * Q1..Q3 and one slot of Q4; a woman at £30,000 tops Q4.  One record
	 * without gender is left out. */
	int64_t pay[] = {2000000, 2000000, 2000000, 2000000, 3000000, 5000000};
	char g[] = {'m', 'f', 'f', 'f', 'f', 0};
	set_workforce(f, pay, g, NULL, 6);
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert_int_eq(fg.gpg.nmen + fg.gpg.nwomen, 5);
	/* Q1..Q3: a quarter of a man each; Q4: a quarter of a man in two. */
	ck_str(disp(&fg, "gpg-q1-men"), "25.0%");
	ck_str(disp(&fg, "gpg-q2-men"), "25.0%");
	ck_str(disp(&fg, "gpg-q3-men"), "25.0%");
	ck_str(disp(&fg, "gpg-q4-men"), "12.5%");
	ck_str(disp(&fg, "gpg-q4-women"), "87.5%");
	/* Women's mean 22,500 over men's 20,000: -12.5%. */
	ck_str(disp(&fg, "gpg-mean"), "-12.5%");
	/* Women's median (20,000+20,000)/2 = men's: 0.0%. */
	ck_str(disp(&fg, "gpg-median"), "0.0%");
	fig_free(&fg);
	/* Half away from zero below zero too: 20,000 M, 20,010 F is -0.05% -> -0.1%. */
	int64_t pay3[] = {2000000, 2001000};
	char g3[] = {'m', 'f'};
	set_workforce(f, pay3, g3, NULL, 2);
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "gpg-mean"), "-0.1%");
	ck_str(disp(&fg, "gpg-median"), "-0.1%");
	/* Two people: quartiles of 0, 1, 0, 1 (the extras go up). */
	ck_str(disp(&fg, "gpg-q1-men"), "0.0%");
	ck_str(disp(&fg, "gpg-q2-men"), "100.0%");
	ck_str(disp(&fg, "gpg-q4-women"), "100.0%");
	fig_free(&fg);
	/* Only women: no gap. */
	char g2[] = {'f', 'f', 'f', 'f', 'f', 'f'};
	set_workforce(f, pay, g2, NULL, 6);
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(!fg.gpg.present);
	ck_assert_ptr_null(fig_get(&fg, "gpg-mean"));
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* A proposal: NJC point 9 dropped, 10 paid £16,000 and 11 £16,500, the
 * lowest paid now point 10; the Chief Executive's scale topped at £172,000
 * (the holder stays on £171,539).  Under the proposal, by hand:
 * lowest £16,000, hourly 16,000 / (37 x 365/7) = £8.2932 -> £8.29;
 * lowest to CE 171,539 / 16,000 = 10.7212 -> 10.72:1; lowest to average
 * chief officer 100,410.047619 / 16,000 = 6.2756 -> 6.28:1; median to CE
 * unchanged, 9.13:1; and the top of the CE's scale (post-top:ce, holder or
 * not) to the median: now 171,539 / 18,793 = 9.1278 -> 9.13:1, proposed
 * 172,000 / 18,793 = 9.1523 -> 9.15:1. */
START_TEST(proposal_multiples)
{
	fixture *f = fx_new();
	seed_multiples(f);
	add_multiple(f, "ce-scale-to-median", "post-top:ce", "median", 2);
	f->d.workforce = (pps_workforce){.present = true, .pos = P0, .stated_median = 1879300};
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_str(disp(&fg, "ce-scale-to-median"), "9.13:1");
	ck_assert_ptr_null(fig_get(&fg, "lowest-salary-proposed")); /* no proposal */
	ck_assert_ptr_null(fig_get(&fg, "ce-scale-to-median-proposed"));
	fig_free(&fg);

	arena *a = f->d.arena;
	static int64_t s10[] = {1600000}, s11[] = {1650000};
	pps_point *pts = arena_array(a, 2, sizeof(pps_point));
	pts[0] = (pps_point){.n = 10, .salary = s10, .pos = P0};
	pts[1] = (pps_point){.n = 11, .salary = s11, .pos = P0};
	pps_prop_scale *ps = arena_alloc(a, sizeof *ps);
	*ps = (pps_prop_scale){.ref = "njc", .points = pts, .npoints = 2, .pos = P0};
	static int64_t ce_pts[] = {16504100, 17200000};
	pps_prop_post *pp = arena_alloc(a, sizeof *pp);
	*pp = (pps_prop_post){.ref = "ce", .points = ce_pts, .npoints = 2, .pos = P0};
	f->d.proposal = (pps_proposal){.present = true, .pos = P0, .effective = "2019-04-01", .scales = ps,
				       .nscales = 1, .posts = pp, .nposts = 1,
				       .lowest = {.present = true, .pos = P0, .scale = "njc", .point = 10}};
	fig_compute(&f->d, &fg, &f->dc);
	/* The current figures stay as they were. */
	ck_str(disp(&fg, "lowest-to-chief-executive"), "11.16:1");
	ck_str(disp(&fg, "ce-scale-to-median"), "9.13:1");
	ck_str(disp(&fg, "lowest-salary-proposed"), "£16,000");
	ck_str(disp(&fg, "lowest-hourly-proposed"), "£8.29");
	ck_str(disp(&fg, "lowest-to-chief-executive-proposed"), "10.72:1");
	ck_str(disp(&fg, "lowest-to-average-chief-officer-proposed"), "6.28:1");
	ck_str(disp(&fg, "median-to-chief-executive-proposed"), "9.13:1");
	ck_str(disp(&fg, "median-to-average-chief-officer-proposed"), "5.34:1");
	ck_str(disp(&fg, "ce-scale-to-median-proposed"), "9.15:1");
	ck_assert_double_eq_tol(fig_get(&fg, "lowest-to-chief-executive-proposed")->value, 10.7211875, 1e-9);
	ck_assert_int_eq(f->dc.nerrors, 0);
	fig_free(&fg);

	/* A proposal that keeps the current definition, whose point 9 it drops:
	 * no proposed lowest, so no proposed multiple that needs it; one
	 * warning says why, at the proposal, and what to do. */
	f->d.proposal.lowest.present = false;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert_ptr_null(fig_get(&fg, "lowest-salary-proposed"));
	ck_assert_ptr_null(fig_get(&fg, "lowest-to-chief-executive-proposed"));
	ck_str(disp(&fg, "median-to-chief-executive-proposed"), "9.13:1");
	ck_assert_int_eq(count_code(&f->dc, DIAG_NO_LOWEST), 0);
	ck_assert_int_eq(count_code(&f->dc, DIAG_PROPOSAL_LOWEST_DROPPED), 1);
	ck_str(first_msg(&f->dc, DIAG_PROPOSAL_LOWEST_DROPPED)->msg,
	       "the proposal drops point 9 of scale \"njc\", which the lowest-paid definition names, so the proposed "
	       "lowest paid and the multiples based on it are not computed; give the <proposal> its own <lowest-paid>");
	fig_free(&fg);

	/* A limit is told for the proposed figure too, by its own id. */
	f->d.multiples[4].limit_x100 = 915;
	fig_compute(&f->d, &fg, &f->dc);
	const diag_msg *m = first_msg(&f->dc, DIAG_MULTIPLE_LIMIT);
	ck_assert_ptr_nonnull(m);
	ck_str(m->msg, "multiple \"ce-scale-to-median-proposed\" is 9.15:1, above the declared limit 9.15:1");
	ck_assert_int_eq(count_code(&f->dc, DIAG_MULTIPLE_LIMIT), 1);
	fig_free(&fg);

	/* post-top: needs a post that exists. */
	f->d.multiples[4].top = "post-top:nope";
	diag_clear(&f->dc);
	diag_init(&f->dc);
	fig_compute(&f->d, &fg, &f->dc);
	m = first_msg(&f->dc, DIAG_UNKNOWN_REF);
	ck_assert_ptr_nonnull(m);
	ck_str(m->msg, "post \"nope\" is not defined; define it, or correct the reference");
	ck_assert_int_eq(count_code(&f->dc, DIAG_UNKNOWN_REF), 1);
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* ---- Transparency Code 2015 senior pay ---------------------------------- */

/* Remuneration = FTE salary x fte (half up to the penny) + bonus:
 * £50,000; £54,999.99; £55,000; £120,000 at 0.5 = £60,000; £49,900 + £100
 * bonus = £50,000; £49,999.99 (under); £72,000; a school's £80,000 (left out
 * with exclude-schools).  Bands from £50,000: 3, 1, 1, 0 (£65,000), 1. */
START_TEST(senior_pay_bands)
{
	fixture *f = fx_new();
	int64_t pay[] = {5000000, 5499999, 5500000, 12000000, 4990000, 4999999, 7200000, 8000000};
	bool school[] = {false, false, false, false, false, false, false, true};
	set_workforce(f, pay, NULL, school, 8);
	f->d.workforce.exclude_schools = true;
	f->d.workforce.emp[3].fte_e4 = 5000;
	f->d.workforce.emp[4].bonus = 10000;
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(fg.senior_present);
	ck_assert_int_eq(fg.nsenior_bands, 5);
	int want[] = {3, 1, 1, 0, 1};
	for (int k = 0; k < 5; k++)
		ck_assert_int_eq(fg.senior_bands[k], want[k]);
	ck_assert_int_eq(fg.senior_count, 6);
	ck_str(disp(&fg, "senior-count"), "6");
	ck_str(disp(&fg, "senior-band-50000"), "3");
	ck_str(disp(&fg, "senior-band-55000"), "1");
	ck_str(disp(&fg, "senior-band-60000"), "1");
	ck_str(disp(&fg, "senior-band-65000"), "0");
	ck_str(disp(&fg, "senior-band-70000"), "1");
	ck_assert_ptr_null(fig_get(&fg, "senior-band-75000"));
	fig_free(&fg);
	/* With the school's record: a band at £80,000 and two empty ones below. */
	f->d.workforce.exclude_schools = false;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert_int_eq(fg.nsenior_bands, 7);
	ck_str(disp(&fg, "senior-band-75000"), "0");
	ck_str(disp(&fg, "senior-band-80000"), "1");
	ck_str(disp(&fg, "senior-count"), "7");
	fig_free(&fg);
	/* Nobody at £50,000: no bands, a count of 0. */
	int64_t low[] = {1879300};
	set_workforce(f, low, NULL, NULL, 1);
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(fg.senior_present);
	ck_assert_int_eq(fg.nsenior_bands, 0);
	ck_str(disp(&fg, "senior-count"), "0");
	fig_free(&fg);
	/* A stated median only: no records, no bands. */
	f->d.workforce = (pps_workforce){.present = true, .pos = P0, .stated_median = 1879300};
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert(!fg.senior_present);
	ck_assert_ptr_null(fig_get(&fg, "senior-count"));
	fig_free(&fg);
	/* The remuneration's rounding: £33,333.33 x 0.3333 = £11,109.9998889 -> £11,110.00;
	 * £33,333.35 x 0.3333 = £11,110.005555 -> £11,110.01. */
	pps_employee e = {.salary = 3333333, .fte_e4 = 3333};
	ck_assert_int_eq(fig_remuneration(&e), 1111000);
	e.bonus = 99;
	ck_assert_int_eq(fig_remuneration(&e), 1111099);
	e = (pps_employee){.salary = 3333335, .fte_e4 = 3333};
	ck_assert_int_eq(fig_remuneration(&e), 1111001);
	fx_free(f);
}
END_TEST

/* Names are published from £150,000 (the holder's salary as given); a name
 * below that is kept out, with a note saying why. */
START_TEST(senior_names)
{
	pps_holder h = {.salary = 15000000, .name = "A. Jones"};
	ck_assert(fig_name_published(&h));
	h.salary = 14999999;
	ck_assert(!fig_name_published(&h));
	h = (pps_holder){.salary = 17153900, .name = ""};
	ck_assert(!fig_name_published(&h));
	h.name = NULL;
	ck_assert(!fig_name_published(&h));

	fixture *f = fx_new();
	add_posts(f);
	f->d.posts[0].holders[0].name = "Jane Smith";  /* £171,539: named */
	f->d.posts[1].holders[0].name = "John Brown";  /* £123,218: not */
	f->d.posts[1].holders[0].pos = (pps_pos){"t.xml", 44, 7};
	ck_assert(fig_senior_details(&f->d));
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert_int_eq(count_code(&f->dc, DIAG_NAME_UNPUBLISHED), 1);
	const diag_msg *m = first_msg(&f->dc, DIAG_NAME_UNPUBLISHED);
	ck_assert_int_eq(m->line, 44);
	ck_str(m->msg, "post \"directors\": the holder's name is not printed or published, as the Transparency Code "
		       "2015 names only those paid £150,000 or more (this holder is paid £123,218)");
	fig_free(&fg);
	/* Which posts the senior posts table lists: those that may pay £50,000. */
	ck_assert(fig_senior_post(&f->d.posts[3]));
	int64_t pts[] = {4500000, 4999999};
	pps_post small = {.points = pts, .npoints = 2};
	ck_assert(!fig_senior_post(&small));
	pts[1] = 5000000;
	ck_assert(fig_senior_post(&small));
	f->d.posts[0].holders[0].name = NULL;
	f->d.posts[1].holders[0].name = NULL;
	ck_assert(!fig_senior_details(&f->d));
	f->d.posts[2].has_budget = true;
	ck_assert(fig_senior_details(&f->d));
	fx_free(f);
}
END_TEST

/* ---- CSV ------------------------------------------------------------------ */

static fixture *csv_fx(void)
{
	fixture *f = fx_new();
	f->d.workforce.present = true;
	f->d.workforce.pos = P0;
	return f;
}

START_TEST(csv_good)
{
	fixture *f = csv_fx();
	/* BOM, CRLF, columns in any order and case, quotes with "" and a newline,
	 * £ and thousands, trailing empty fields, blank lines, unknown columns. */
	const char *csv = "\xef\xbb\xbfID,Post,FTE,School,Gender,Salary\r\n"
			  "1,\"Cook, \"\"Head\"\"\" ,0.5,yes,F,\"£18,793\"\r\n"
			  "2,\"Clerk\r\nTwo lines\",,no,male,18793.50,,\r\n"
			  "\r\n"
			  "3,Director,1,N,,123218\r\n"
			  "4,Cleaner,0.66666,0,Female,15375\n"
			  "5,Porter,0.8,true,m,\"\xc2\xa3 15,613.00\"";
	ck_assert(csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	ck_assert_int_eq(f->dc.n, 0);
	pps_workforce *w = &f->d.workforce;
	ck_assert_int_eq(w->nemp, 5);
	ck_assert_int_eq(w->emp[0].salary, 1879300);
	ck_assert_int_eq(w->emp[0].fte_e4, 5000);
	ck_assert(w->emp[0].school);
	ck_assert_int_eq(w->emp[0].gender, 'f');
	ck_assert_int_eq(w->emp[0].line, 2);
	ck_assert_int_eq(w->emp[1].salary, 1879350);
	ck_assert_int_eq(w->emp[1].fte_e4, 10000);
	ck_assert_int_eq(w->emp[1].gender, 'm');
	ck_assert(!w->emp[1].school);
	ck_assert_int_eq(w->emp[1].line, 3);
	ck_assert_int_eq(w->emp[2].line, 6); /* after a two-line record and a blank line */
	ck_assert_int_eq(w->emp[2].gender, 0);
	ck_assert_int_eq(w->emp[3].fte_e4, 6667); /* rounded half up to 4 decimals */
	ck_assert_int_eq(w->emp[4].salary, 1561300);
	ck_assert(w->emp[4].school);
	fx_free(f);
}
END_TEST

/* DOMAIN.md §6 test 4: an 18.5-hour post's actual pay grossed up to full time. */
START_TEST(csv_hours_and_actual_pay)
{
	fixture *f = csv_fx();
	const char *csv = "actual-salary,hours\n9396.50,18.5\n15375,37\n7687.5,\n";
	ck_assert(csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	pps_workforce *w = &f->d.workforce;
	ck_assert_int_eq(w->nemp, 3);
	ck_assert_int_eq(w->emp[0].salary, 1879300);
	ck_assert_int_eq(w->emp[0].fte_e4, 5000);
	ck_assert_int_eq(w->emp[1].salary, 1537500);
	ck_assert_int_eq(w->emp[2].salary, 768750); /* blank hours: the standard week */
	fx_free(f);
	f = csv_fx();
	csv = "salary,hours\n18793,18.5\n";
	ck_assert(csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	ck_assert_int_eq(f->d.workforce.emp[0].salary, 1879300); /* already FTE */
	ck_assert_int_eq(f->d.workforce.emp[0].fte_e4, 5000);
	fx_free(f);
}
END_TEST

static void expect_msg(const diag_ctx *dc, int i, int line, int col, const char *msg)
{
	ck_assert_msg(i < dc->n, "message %d missing", i);
	const diag_msg *m = &dc->msgs[i];
	ck_assert_int_eq(m->code, DIAG_CSV_ROW);
	ck_str(m->file, "w.csv");
	ck_assert_msg(m->line == line && m->col == col, "message %d at %d:%d, expected %d:%d (%s)", i, m->line,
		      m->col, line, col, m->msg);
	ck_str(m->msg, msg);
}

START_TEST(csv_bad_rows)
{
	fixture *f = csv_fx();
	const char *csv = "salary,fte,gender,school\n"
			  "abc,1,f,no\n"
			  "18793.505,1,f,no\n"
			  "18793,1.5,f,no\n"
			  "18793,1,x,no\n"
			  "18793,1,f,maybe\n"
			  "18793,1,f\n"
			  "18793,1,f,no,extra\n"
			  "18,79,1,f,no\n"
			  "0,1,f,no\n"
			  "18793,1,\"f\"x,no\n"
			  "18793,1,f\"x,no\n"
			  ",1,f,no\n"
			  "\xc2\xa3\xc2\xa3,1,f,no\n"
			  "15375,1,f,no\n"
			  "\"18793,1,f,no\n";
	ck_assert(!csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	const diag_ctx *dc = &f->dc;
	expect_msg(dc, 0, 2, 1, "salary \"abc\" is not a number; write pounds like 18793.00");
	expect_msg(dc, 1, 3, 1, "salary \"18793.505\" has more than two decimal places; write pounds and pence like 18793.50");
	expect_msg(dc, 2, 4, 7, "fte \"1.5\" is not above 0 and at most 1; write the fraction of full time, like 0.5");
	expect_msg(dc, 3, 5, 9, "gender \"x\" is not recognised; write F or M, or leave it blank when not recorded");
	expect_msg(dc, 4, 6, 11, "school \"maybe\" is not yes or no; write yes or no, or leave it blank for no");
	expect_msg(dc, 5, 7, 1, "this row has 3 values but the header has 4; write a comma for every column, even where the value is empty");
	expect_msg(dc, 6, 8, 1, "this row has 5 values but the header has 4; a value with a comma in it must be in double quotes");
	expect_msg(dc, 7, 9, 1, "this row has 5 values but the header has 4; a value with a comma in it must be in double quotes");
	expect_msg(dc, 8, 10, 1, "salary \"0\" is not plausible; it must be between £1 and £10,000,000");
	expect_msg(dc, 9, 11, 12, "text after the closing quote; put the whole value in quotes and write a quote inside it as \"\"");
	expect_msg(dc, 10, 12, 10, "a quote inside an unquoted value; put the whole value in quotes and write the quote as \"\"");
	expect_msg(dc, 11, 13, 1, "salary is empty; write the annual salary in pounds, like 18793.00");
	expect_msg(dc, 12, 14, 1, "salary \"££\" is not a number; write pounds like 18793.00");
	expect_msg(dc, 13, 16, 1, "this quoted value has no closing quote, so the rest of the file was read into it; end it with \"");
	ck_assert_int_eq(dc->n, 14);
	ck_assert_int_eq(f->d.workforce.nemp, 1); /* only the good row */
	fx_free(f);
}
END_TEST

/* The bonus column: pounds, blank for none; every bad value's message. */
START_TEST(csv_bonus)
{
	fixture *f = csv_fx();
	const char *csv = "salary,gender,bonus\n"
			  "18793,f,\"\xc2\xa3" "1,250.50\"\n"
			  "18793,m,\n"
			  "18793,m,0\n";
	ck_assert(csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	pps_workforce *w = &f->d.workforce;
	ck_assert(w->has_bonus);
	ck_assert_int_eq(w->nemp, 3);
	ck_assert_int_eq(w->emp[0].bonus, 125050);
	ck_assert_int_eq(w->emp[1].bonus, 0);
	ck_assert_int_eq(w->emp[2].bonus, 0);
	fx_free(f);

	f = csv_fx();
	csv = "salary,gender\n18793,f\n";
	ck_assert(csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	ck_assert(!f->d.workforce.has_bonus);
	fx_free(f);

	f = csv_fx();
	csv = "salary,Bonus\n"
	      "18793,abc\n"
	      "18793,-5\n"
	      "18793,1.234\n"
	      "18793,20000000\n"
	      "18793,100\n";
	ck_assert(!csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	const diag_ctx *dc = &f->dc;
	expect_msg(dc, 0, 2, 7, "bonus \"abc\" is not a number; write the bonus pay of the 12 months to the snapshot date "
				"in pounds, like 250.00, or leave it blank for none");
	expect_msg(dc, 1, 3, 7, "bonus \"-5\" is negative; write the bonus paid, 0 or more (a clawback is left out)");
	expect_msg(dc, 2, 4, 7, "bonus \"1.234\" has more than two decimal places; write pounds and pence like 250.50");
	expect_msg(dc, 3, 5, 7, "bonus \"20000000\" is not plausible; it must be at most £10,000,000");
	ck_assert_int_eq(dc->n, 4);
	ck_assert_int_eq(f->d.workforce.nemp, 1);
	fx_free(f);
}
END_TEST

START_TEST(csv_bad_header_and_limits)
{
	fixture *f = csv_fx();
	const char *csv = "id,pay,fte\n1,2,3\n";
	ck_assert(!csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	expect_msg(&f->dc, 0, 1, 1,
		   "the header has no salary column (it has \"id\", \"pay\", \"fte\"); name the column of full-time equivalent annual salaries \"salary\"");
	fx_free(f);

	f = csv_fx();
	csv = "salary,fte,Salary\n";
	ck_assert(!csv_parse_workforce(&f->d, "w.csv", csv, strlen(csv), &f->dc));
	expect_msg(&f->dc, 0, 1, 12, "the column \"salary\" appears twice (columns 1 and 3); keep one");
	fx_free(f);

	f = csv_fx();
	ck_assert(!csv_parse_workforce(&f->d, "w.csv", "", 0, &f->dc));
	expect_msg(&f->dc, 0, 1, 1, "the file is empty; the first line must name the columns, like salary,fte,gender,school");
	fx_free(f);

	/* Many bad rows: the first 20 listed, the rest counted. */
	f = csv_fx();
	GString *g = g_string_new("salary\n");
	for (int i = 0; i < 25; i++)
		g_string_append(g, "x\n");
	ck_assert(!csv_parse_workforce(&f->d, "w.csv", g->str, g->len, &f->dc));
	ck_assert_int_eq(f->dc.n, 21);
	ck_str(f->dc.msgs[20].msg, "5 more rows have errors (only the first 20 are listed); fix those above and run again");
	g_string_free(g, TRUE);
	fx_free(f);

	/* A missing file. */
	f = csv_fx();
	f->d.workforce.csv = "/nonexistent/workforce.csv";
	ck_assert(!csv_read_workforce(&f->d, &f->dc));
	ck_assert_int_eq(f->dc.msgs[0].code, DIAG_CSV_READ);
	ck_str(f->dc.msgs[0].msg, "cannot read the workforce CSV \"/nonexistent/workforce.csv\": No such file or directory");
	fx_free(f);

	/* Over 64 MiB (a sparse file: nothing is written to disk). */
	f = csv_fx();
	char *big = tmp_file("big.csv", "salary\n");
	ck_assert_int_eq(truncate(big, 65 * 1024 * 1024), 0);
	f->d.workforce.csv = big;
	ck_assert(!csv_read_workforce(&f->d, &f->dc));
	char *want = g_strdup_printf("cannot read the workforce CSV \"%s\": it is 68157440 bytes, over the limit of 64 MiB; "
				     "remove unused columns or split it", big);
	ck_str(f->dc.msgs[0].msg, want);
	g_free(want);
	g_unlink(big);
	g_free(big);
	fx_free(f);
}
END_TEST

/* More than 1,000,000 rows is refused (a sparse file of short rows). */
START_TEST(csv_too_many_rows)
{
	fixture *f = csv_fx();
	GString *g = g_string_sized_new(8 * 1000002);
	g_string_append(g, "salary\n");
	for (int i = 0; i < 1000001; i++)
		g_string_append(g, "15375\n");
	ck_assert(!csv_parse_workforce(&f->d, "w.csv", g->str, g->len, &f->dc));
	const diag_msg *m = first_msg(&f->dc, DIAG_CSV_ROW);
	ck_assert_ptr_nonnull(m);
	ck_assert_int_eq(m->line, 1000002);
	ck_str(m->msg, "the file has more than 1,000,000 rows; ppsgen reads at most 1,000,000 employees, so split or summarise the data");
	g_string_free(g, TRUE);
	fx_free(f);
}
END_TEST

/* Microseconds of CPU this process has used: a parallel ctest shares the
 * cores, and wall time would count the other tests' turns as ours. */
static gint64 cpu_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (gint64)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* 20,000 records through the CSV reader and fig_compute: the best of three
 * runs, in CPU time, must be well under 50 ms (about 9 ms today). */
START_TEST(csv_speed)
{
	GString *g = g_string_new("id,salary,fte,gender,school,grade\n");
	for (int i = 0; i < 20000; i++)
		g_string_append_printf(g, "E%05d,\"%d\",0.%d,%c,%s,Grade %c\n", i,
				       15375 + (i * 7919) % 40000, 1 + i % 9, i % 3 ? 'F' : 'M',
				       i % 10 < 3 ? "yes" : "no", 'A' + i % 10);
	gint64 best = G_MAXINT64;
	for (int run = 0; run < 3; run++) {
		fixture *f = csv_fx();
		seed_multiples(f);
		f->d.workforce.exclude_schools = true;
		gint64 t0 = cpu_us();
		ck_assert(csv_parse_workforce(&f->d, "w.csv", g->str, g->len, &f->dc));
		pps_figures fg;
		fig_compute(&f->d, &fg, &f->dc);
		gint64 us = cpu_us() - t0;
		best = MIN(best, us);
		ck_assert_int_eq(f->d.workforce.nemp, 20000);
		ck_assert_int_eq(fg.workforce_count, 14000);
		ck_assert(fg.gpg.present);
		fig_free(&fg);
		fx_free(f);
	}
	fprintf(stderr, "csv_speed: 20,000 records read and computed in %.1f ms (best of 3)\n", best / 1000.0);
#if !defined(__SANITIZE_ADDRESS__) && !defined(PPS_SLOW)
	ck_assert_msg(best < 50000, "took %lld us", (long long)best);
#endif
	g_string_free(g, TRUE);
}
END_TEST

/* The shipped sample: median of the non-school records is £18,793.00. */
START_TEST(sample_workforce)
{
	char *path = g_build_filename(PPS_SOURCE_DIR, "data", "sample-workforce.csv", NULL);
	if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
		g_free(path);
		ck_abort_msg("data/sample-workforce.csv is missing: run tests/gen_workforce.py");
	}
	fixture *f = csv_fx();
	seed_multiples(f);
	f->d.workforce.csv = path;
	f->d.workforce.exclude_schools = true;
	ck_assert(csv_read_workforce(&f->d, &f->dc));
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	ck_assert_int_eq(fg.median, 1879300);
	ck_assert_int_eq(fg.workforce_count % 2, 1);
	ck_str(disp(&fg, "median"), "£18,793");
	ck_str(disp(&fg, "median-to-chief-executive"), "9.13:1");
	ck_str(disp(&fg, "median-to-average-chief-officer"), "5.34:1");
	ck_assert(fg.gpg.present);
	ck_assert_int_eq(f->dc.nerrors, 0);
	fig_free(&fg);
	fx_free(f);
	g_free(path);
}
END_TEST

/* ---- JSON --------------------------------------------------------------- */

START_TEST(json_output)
{
	fixture *f = fx_new();
	seed_multiples(f);
	int64_t pay[] = {1000000, 1100000, 1200000, 1500000, 1500000, 2000000, 3000000, 4000000};
	char g[] = {'f', 'f', 'm', 'f', 'm', 'm', 'm', 'f'};
	set_workforce(f, pay, g, NULL, 8);
	f->d.workforce.stated_median = 1879300;
	f->d.multiples[0].id = "quote\"and\\slash";
	pps_figures fg;
	fig_compute(&f->d, &fg, &f->dc);
	GString *o = g_string_new(NULL);
	fig_json(&f->d, &fg, o);
	g_file_set_contents("/tmp/ppsgen-test-figures.json", o->str, (gssize)o->len, NULL);
	ck_assert_ptr_nonnull(strstr(o->str, "{\n  \"lowest-salary\": {\"value\": 15375, \"display\": \"£15,375\"},\n"));
	ck_assert_ptr_nonnull(strstr(o->str, "\"quote\\\"and\\\\slash\": {\"value\": 11.157008130081302, \"display\": \"11.16:1\"}"));
	ck_assert_ptr_nonnull(strstr(o->str, "\"average-chief-officer\": {\"value\": 100410.04761904762, \"display\": \"£100,410.05\"}"));
	ck_assert_ptr_nonnull(strstr(o->str, "\"gpg-q2-men\": {\"value\": 75, \"display\": \"75.0%\"}"));
	ck_assert_ptr_nonnull(strstr(o->str, "{\"point\": 9, \"salary\": {\"value\": 15375.00, \"display\": \"15,375\"}, "
					     "\"rate\": {\"value\": 7.9693, \"display\": \"7.9693\"}, \"supplements\": "
					     "{\"weekend\": {\"salary\": {\"value\": 16605.00, \"display\": \"16,605\"}, "
					     "\"rate\": {\"value\": 8.6068, \"display\": \"8.6068\"}}"));
	ck_assert_ptr_nonnull(strstr(o->str, "{\"quartile\": \"lower-middle\", \"men\": {\"value\": 75, \"display\": \"75.0%\"}"));
	ck_assert(g_str_has_suffix(o->str, "\n  }\n}\n"));
	g_string_free(o, TRUE);
	fig_free(&fg);
	fx_free(f);
}
END_TEST

/* ---- Rollover ------------------------------------------------------------- */

static const char *stmt_xml =
	"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	"<statement version=\"1\" languages=\"en\">\n"
	"  <!-- a comment kept -->\n"
	"  <year start=\"2018\"/>\n"
	"  <pay hours=\"37\" weeks=\"52.143\">\n"
	"    <scale id=\"njc\" supplements=\"weekend\">\n"
	"      <point-label><cy>Pwynt</cy><en>SCP</en></point-label>\n"
	"      <column>April 2017</column>\n"
	"      <point n=\"9\" salary=\"15375\"/>\n"
	"      <point n=\"10\" salary=\"15613\"/>\n"
	"      <point n=\"19\" salary=\"18746\"/>\n"
	"      <point n=\"20\" salary=\"19430\"/>\n"
	"      <point n=\"61\" salary=\"70916\"/>\n"
	"    </scale>\n"
	"    <scale id=\"other\"><point n=\"1\" salary=\"15000\"/></scale>\n"
	"    <post id=\"ce\" role=\"chief-executive\"><points>159201 165041 168287 171539</points></post>\n"
	"  </pay>\n"
	"  <section id=\"s\"><title>Caf\xc3\xa9 &amp; pay</title><p>T\xc5\xb5r</p></section>\n"
	"</statement>\n";

static char *tmp_file(const char *name, const char *content)
{
	char sub[64];
	g_snprintf(sub, sizeof sub, "ppsgen-test-figures-%d", (int)getpid()); /* builds may run at once */
	char *dir = g_build_filename(g_get_tmp_dir(), sub, NULL);
	g_mkdir_with_parents(dir, 0700);
	char *p = g_build_filename(dir, name, NULL);
	g_free(dir);
	if (content)
		g_file_set_contents(p, content, -1, NULL);
	return p;
}

START_TEST(rollover_2018)
{
	char *st = tmp_file("statement.xml", stmt_xml);
	char *aw = g_build_filename(PPS_SOURCE_DIR, "data", "award-2018.xml", NULL);
	char *out = tmp_file("next.xml", NULL);
	g_unlink(out);
	diag_ctx dc;
	diag_init(&dc);
	GString *sum = g_string_new(NULL);
	int rc = rollover_run(st, aw, out, sum, &dc);
	if (rc)
		diag_print(&dc, stderr);
	ck_assert_int_eq(rc, 0);
	ck_assert_int_eq(dc.nerrors, 0);
	char *txt = NULL;
	ck_assert(g_file_get_contents(out, &txt, NULL, NULL));
	ck_assert_ptr_nonnull(strstr(txt, "<year start=\"2019\"/>"));
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"9\" salary=\"16755\"/>"));   /* flat */
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"10\" salary=\"16863\"/>"));
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"19\" salary=\"19446\"/>"));
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"20\" salary=\"19819\"/>"));  /* 19,818.60 */
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"61\" salary=\"72334\"/>"));  /* 72,334.32 */
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"1\" salary=\"15000\"/>"));   /* other scale */
	ck_assert_ptr_nonnull(strstr(txt, "<!-- a comment kept -->"));
	ck_assert_ptr_nonnull(strstr(txt, "Caf\xc3\xa9 &amp; pay"));
	ck_assert_ptr_nonnull(strstr(txt, "T\xc5\xb5r"));
	ck_assert_ptr_nonnull(strstr(sum->str, "Year: 2018-19 → 2019-20\n"));
	ck_assert_ptr_nonnull(strstr(sum->str, "  SCP 9: £15,375 → £16,755 (+9.0%)\n"));
	ck_assert_ptr_nonnull(strstr(sum->str, "  SCP 20: £19,430 → £19,819 (+2.0%)\n"));
	ck_assert_ptr_nonnull(strstr(sum->str, "Scale njc: 5 points changed, 0 unchanged\n"));
	ck_assert_ptr_nonnull(strstr(sum->str, "flat values for SCP 6, 7, 8, 11, 12, 13, 14, 15, 16, 17, 18 are not used"));
	ck_assert_ptr_nonnull(strstr(sum->str, "<column> headings of scale njc"));
	ck_assert_ptr_nonnull(strstr(sum->str, "1 <post> element:"));
	g_free(txt);
	g_string_free(sum, TRUE);
	diag_clear(&dc);
	g_free(st);
	g_free(aw);
	g_free(out);
}
END_TEST

START_TEST(rollover_rules_and_errors)
{
	char *st = tmp_file("statement.xml", stmt_xml);
	char *out = tmp_file("next2.xml", NULL);
	diag_ctx dc;
	diag_init(&dc);
	GString *sum = g_string_new(NULL);

	/* A minimum hourly rate lifts the low points to the lowest whole pound that
	 * meets it (to the penny); penny rounding; add=. */
	char *aw = tmp_file("a1.xml", "<award scale=\"njc other\" round=\"penny\">\n"
				      "  <percent from=\"20\" to=\"61\" value=\"2.75\"/>\n"
				      "  <flat point=\"1\" add=\"1000.50\"/>\n"
				      "  <minimum-hourly value=\"8.00\"/>\n"
				      "</award>\n");
	g_unlink(out);
	ck_assert_int_eq(rollover_run(st, aw, out, sum, &dc), 0);
	char *txt = NULL;
	g_file_get_contents(out, &txt, NULL, NULL);
	/* £8.00 to the penny is 7.995 or more: 7.995 x 37 x 365/7 = 15,424.64, so £15,425. */
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"9\" salary=\"15425\"/>"));
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"10\" salary=\"15613\"/>")); /* 8.0926: unchanged */
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"20\" salary=\"19964.33\"/>")); /* 19,430 x 1.0275 */
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"1\" salary=\"16000.50\"/>"));
	ck_assert_ptr_nonnull(strstr(sum->str, "  SCP 9: £15,375 → £15,425 (+0.3%)\n"));
	g_free(txt);
	g_free(aw);

	/* £8.50 an hour to the penny: SCP 6 of 2017 (£15,014) rises to £16,390 (8.4954). */
	diag_clear(&dc);
	g_string_truncate(sum, 0);
	char *s6 = tmp_file("s6.xml", "<statement version=\"1\"><year start=\"2017\"/><pay><scale id=\"njc\">"
				      "<point n=\"6\" salary=\"15014\"/><point n=\"7\" salary=\"16400\"/>"
				      "</scale></pay></statement>");
	aw = tmp_file("a6.xml", "<award scale=\"njc\"><minimum-hourly value=\"8.50\"/></award>");
	ck_assert_int_eq(rollover_run(s6, aw, out, sum, &dc), 0);
	g_file_get_contents(out, &txt, NULL, NULL);
	ck_assert_ptr_nonnull(strstr(txt, "<point n=\"6\" salary=\"16390\"/><point n=\"7\" salary=\"16400\"/>"));
	ck_assert_ptr_nonnull(strstr(sum->str, "Scale njc: 1 point changed, 1 unchanged\n"));
	g_free(txt);
	g_free(aw);
	g_free(s6);

	/* Errors: values out of order, unknown scale, unknown element, a DOCTYPE. */
	diag_clear(&dc);
	g_string_truncate(sum, 0);
	aw = tmp_file("a2.xml", "<award scale=\"njc nope\">\n"
				"  <flat point=\"10\" salary=\"15000\"/>\n"
				"  <bonus/>\n"
				"</award>\n");
	g_unlink(out);
	ck_assert_int_eq(rollover_run(st, aw, out, sum, &dc), 1);
	ck_assert(!g_file_test(out, G_FILE_TEST_EXISTS));
	ck_assert(diag_has(&dc, DIAG_AWARD_ORDER));
	ck_str(first_msg(&dc, DIAG_AWARD_ORDER)->msg,
	       "after the award, point 10 would be paid £15,000, less than point 9 at £15,375; correct the award's values");
	ck_assert(diag_has(&dc, DIAG_AWARD_CUT));
	ck_assert(diag_has(&dc, DIAG_UNKNOWN_REF));
	ck_str(first_msg(&dc, DIAG_AWARD)->msg, "<bonus> is not part of an award; use <percent>, <flat> or <minimum-hourly>");
	ck_assert_int_eq(first_msg(&dc, DIAG_AWARD)->line, 3);
	g_free(aw);

	diag_clear(&dc);
	aw = tmp_file("a3.xml", "<!DOCTYPE award [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
				"<award scale=\"njc\"><percent value=\"2\"/></award>\n");
	ck_assert_int_eq(rollover_run(st, aw, out, sum, &dc), 1);
	ck_assert(diag_has(&dc, DIAG_XML_DTD));
	ck_assert(!g_file_test(out, G_FILE_TEST_EXISTS));
	g_free(aw);

	g_string_free(sum, TRUE);
	diag_clear(&dc);
	g_free(st);
	g_free(out);
}
END_TEST

static Suite *suite(void)
{
	Suite *s = suite_create("figures");
	TCase *t = tcase_create("figures");
	tcase_set_timeout(t, 120);
	tcase_add_test(t, appendix_a_every_row);
	tcase_add_test(t, rounding_edges);
	tcase_add_test(t, format_multiple_variants);
	tcase_add_test(t, domain_test5_in_compute);
	tcase_add_test(t, seed_multiples_stated_median);
	tcase_add_test(t, seed_multiples_from_records);
	tcase_add_test(t, median_even);
	tcase_add_test(t, missing_data);
	tcase_add_test(t, checks_on_pay);
	tcase_add_test(t, gpg_hand_computed);
	tcase_add_test(t, gpg_ties_and_remainders);
	tcase_add_test(t, gpg_bonus_hand_computed);
	tcase_add_test(t, senior_pay_bands);
	tcase_add_test(t, proposal_multiples);
	tcase_add_test(t, senior_names);
	tcase_add_test(t, csv_bonus);
	tcase_add_test(t, gpg_chief_officers);
	tcase_add_test(t, csv_good);
	tcase_add_test(t, csv_hours_and_actual_pay);
	tcase_add_test(t, csv_bad_rows);
	tcase_add_test(t, csv_bad_header_and_limits);
	tcase_add_test(t, csv_too_many_rows);
	tcase_add_test(t, csv_speed);
	tcase_add_test(t, sample_workforce);
	tcase_add_test(t, json_output);
	tcase_add_test(t, rollover_2018);
	tcase_add_test(t, rollover_rules_and_errors);
	suite_add_tcase(s, t);
	return s;
}

int main(void)
{
	SRunner *sr = srunner_create(suite());
	srunner_run_all(sr, CK_NORMAL);
	int failed = srunner_ntests_failed(sr);
	srunner_free(sr);
	return failed ? 1 : 0;
}
