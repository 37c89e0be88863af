/* figures.h — every number the statement prints, computed from the model.
 *
 * Pure arithmetic on a const model: no I/O, no Pango.  Each rounding rule is
 * one function here and is documented in templates/FORMAT.md; tests pin them
 * to the published figures in the seed statement. */
#ifndef PPS_FIGURES_H
#define PPS_FIGURES_H

#include <glib.h>

#include "diag.h"
#include "model.h"

/* A named figure, printable in prose with <fig ref="id"/>. */
typedef struct {
	const char *id;
	double value;        /* unrounded (pounds for money, the ratio for multiples) */
	const char *display; /* as printed, e.g. "£18,793", "11.16:1", "12.3%" */
	pps_pos pos;         /* the model element that defines it */
} pps_figure;

/* Derived columns of one pay scale point. */
typedef struct {
	int n;               /* spinal point */
	int64_t base;        /* pence, first salary column */
	int64_t rate_e4;     /* hourly rate of base, in 1/10000 pound */
	int64_t *supp;       /* pence, per scale supplement (rounded to whole pounds) */
	int64_t *supp_rate_e4;
} pps_point_fig;

typedef struct {
	const pps_scale *scale;
	pps_point_fig *pts; /* parallel to scale->points */
} pps_scale_fig;

/* Gender pay gap (Equality Act 2010 (Specific Duties and Public Authorities)
 * Regulations 2017, Sch 1), on hourly pay. */
typedef struct {
	bool present;
	int nmen, nwomen;
	double mean_gap, median_gap;   /* percent, unrounded */
	double q_men[4], q_women[4];   /* percent of each quartile, lower quartile first */
	/* Bonus pay in the 12 months to the snapshot (the workforce's bonus column). */
	bool has_bonus;                /* bonus data given: the proportions are defined */
	int nmen_bonus, nwomen_bonus;  /* men and women paid a bonus (over 0) */
	double men_bonus_pct, women_bonus_pct; /* percent of men, of women paid one, unrounded */
	bool bonus_gap;                /* at least one man and one woman paid a bonus */
	double bonus_mean_gap, bonus_median_gap; /* percent, unrounded, among those paid one */
} pps_gpg;

typedef struct pps_figures {
	arena *arena;          /* the document's */
	pps_figure *figs;
	int nfigs;
	GHashTable *by_id;     /* id -> pps_figure* */
	pps_scale_fig *scales; /* parallel to doc->scales */
	int nscales;
	int64_t lowest, median, chief_executive; /* pence; 0 when not available */
	double average_chief_officer;            /* pence, unrounded */
	int workforce_count;                     /* records counted for the median */
	pps_gpg gpg;           /* whole workforce */
	pps_gpg gpg_chief;     /* chief officers (post holders with a gender) */
	/* Transparency Code 2015 senior pay: employees whose remuneration is
	 * £50,000 or more, in £5,000 bands from £50,000 (band i: £50,000 + i x
	 * £5,000 up to £4,999.99 more), up to the highest band anyone is in. */
	bool senior_present;   /* the workforce has records */
	int *senior_bands;     /* counts, nsenior_bands of them (in the arena) */
	int nsenior_bands;
	int senior_count;      /* their sum */
} pps_figures;

/* Transparency Code 2015: the band threshold, the band width, and the
 * salary from which post holders are named, in pence. */
#define FIG_SENIOR_FROM 5000000
#define FIG_SENIOR_BAND 500000
#define FIG_NAMED_FROM 15000000
/* A record's remuneration for the bands: its actual salary (the FTE salary
 * x fte, half up to the penny) plus its bonus, in pence. */
int64_t fig_remuneration(const pps_employee *e);
/* The most a post pays: the highest of its top point and its holders (FTE). */
int64_t fig_post_max(const pps_post *p);
/* Does the statement's senior posts table list post p (it may pay £50,000
 * or more), and does any post give the Code's details for it? */
bool fig_senior_post(const pps_post *p);
bool fig_senior_details(const pps_doc *d);
/* Is the holder's name published?  Only when given and the holder is paid
 * (salary as given) £150,000 or more, as the Code requires names. */
bool fig_name_published(const pps_holder *h);

/* Compute everything; problems (missing data, limits exceeded, living wage
 * breaches) go to dc.  The result's strings live in d->arena. */
void fig_compute(const pps_doc *d, pps_figures *f, diag_ctx *dc);
void fig_free(pps_figures *f);
const pps_figure *fig_get(const pps_figures *f, const char *id);

/* The rounding rules, one function each. */
/* Hourly rate in 1/10000 pound: salary / (hours * weeks), half up.  weeks
 * 52143 (52.143) means 365/7 exactly, as the NJC tables divide; any other
 * value is taken as written. */
int64_t fig_hourly_e4(int64_t salary_pence, int32_t hours_x100, int32_t weeks_x1000);
/* The same rounded once, half up, to the penny (prose: "£7.97"), in pence. */
int64_t fig_hourly_pence(int64_t salary_pence, int32_t hours_x100, int32_t weeks_x1000);
/* Salary plus a percentage supplement, half up to whole pounds, in pence. */
int64_t fig_supplement(int64_t salary_pence, int32_t percent_bp);
/* A ratio rounded half up to `places` and formatted ("11.16:1", "1:9.4",
 * "1.36 : 1"); g_malloc'd.  The double is rounded as the shortest decimal
 * that reads back as it (6.025 -> "6.03"); fig_compute rounds multiples
 * exactly from integers instead. */
char *fig_format_multiple(double ratio, int places, bool one_first, bool spaced);

/* Formatting (language-neutral: Welsh writes numbers as English does). */
/* The formatters return g_malloc'd strings: the caller g_free()s them. */
/* "£15,375" when the pence are zero and !always_pence, else "£15,375.50". */
char *fig_money(int64_t pence, bool always_pence);
/* "15,375" (whole pounds, no sign), for table columns headed "£"; a salary
 * with pence keeps them ("15,375.50") rather than hide them. */
char *fig_pounds(int64_t pence);
/* "7.9693" */
char *fig_rate(int64_t rate_e4);

/* A proposal table's rows (figures.c): for a scale, one per point number
 * of the current or proposed points; for a post, one per salary of either.
 * cur/prop are 0 where the row is not in that structure. */
typedef enum { PROP_KEPT, PROP_CHANGED, PROP_DROPPED, PROP_ADDED } pps_prop_change;
typedef struct {
	int n;              /* the spinal point (scales), 0 for posts */
	int64_t cur, prop;  /* pence */
	pps_prop_change change;
} pps_prop_row;
/* The rows for block ref (post_ref: a post), in the arena; 0 when the
 * proposal does not change it. */
int fig_proposal_rows(const pps_doc *d, const char *ref, bool post_ref, arena *a, pps_prop_row **out);
/* A proposal table by grade (figures.c): one row per current grade, then
 * each new one.  A grade's range is the lowest and highest of its points'
 * salaries (first salary column); under the proposal, its proposed from/to
 * or else its current ones, read from the proposal's points.  A grade none
 * of whose points the proposal keeps, or drop="yes", is dropped. */
typedef struct {
	const pps_grade *grade;      /* the current grade, or NULL (added) */
	const pps_prop_grade *pg;    /* the proposal's <grade>, or NULL */
	int cur_from, cur_to;        /* spinal points; 0 when not current */
	int64_t cur_lo, cur_hi;      /* pence */
	int prop_from, prop_to;      /* 0 when dropped */
	int64_t prop_lo, prop_hi;    /* pence */
	pps_prop_change change;      /* PROP_CHANGED: a new range of points or salaries */
} pps_prop_grade_row;
int fig_proposal_grade_rows(const pps_doc *d, const char *ref, arena *a, pps_prop_grade_row **out);
/* The label id of a change: "prop-kept", "prop-changed", ... */
const char *fig_prop_change_label(pps_prop_change c);

/* `ppsgen figures`: {"id": {"value": n, "display": "..."}, ..., "tables": {...}} */
void fig_json(const pps_doc *d, const pps_figures *f, GString *out);

#endif
