/* SPEC section 1 and rule 12: grades, inspectorates, types and name matching. */
#include <criterion/criterion.h>

#include "core/grade.h"
#include "core/inspectorate.h"
#include "core/kind.h"
#include "core/text.h"

static int grade_of(const char *text)
{
    int g = -1;
    char why[160];
    cr_assert(grade_parse(text, &g, why, sizeof why), "'%s' should be a grade: %s", text, why);
    return g;
}

Test(grade, canonical_names_and_digits)
{
    cr_assert_eq(grade_of("outstanding"), 1);
    cr_assert_eq(grade_of("Good"), 2);
    cr_assert_eq(grade_of("requires_improvement"), 3);
    cr_assert_eq(grade_of("INADEQUATE"), 4);
    for (int d = 1; d <= 4; d++) {
        char s[2] = {(char)('0' + d), 0};
        cr_assert_eq(grade_of(s), d);
    }
}

Test(grade, requires_improvement_adequate_and_satisfactory_are_equal)
{
    cr_assert_eq(grade_of("requires improvement"), 3);
    cr_assert_eq(grade_of("Requires improvement to be good"), 3);
    cr_assert_eq(grade_of("RI"), 3);
    cr_assert_eq(grade_of("adequate"), 3);
    cr_assert_eq(grade_of("Satisfactory"), 3);
    cr_assert_eq(grade_of(" requires-improvement "), 3);
}

Test(grade, not_judged_values_are_blank)
{
    const char *blank[] = {"", "  ", "n/a", "NA", "-", "not judged", "Not applicable", "None",
                           "null", "NaN", "data_unreadable", "not_reported_post_reform",
                           "inspection_pre_dates_judgement", "not reported (post reform)"};
    for (size_t i = 0; i < sizeof blank / sizeof *blank; i++)
        cr_assert_eq(grade_of(blank[i]), GRADE_NONE, "'%s'", blank[i]);
}

Test(grade, anything_else_is_an_error)
{
    int g;
    char why[160] = "";
    cr_assert_not(grade_parse("Inadeq uate", &g, why, sizeof why));
    cr_assert(strstr(why, "not a judgement"));
    cr_assert_not(grade_parse("excellent", &g, why, sizeof why));
}

Test(grade, worse_ignores_not_judged)
{
    cr_assert_eq(grade_worse(GRADE_NONE, 2), 2);
    cr_assert_eq(grade_worse(2, 4), 4);
    cr_assert_eq(grade_worse(1, GRADE_NONE), 1);
}

static int insp_of(const char *text)
{
    enum inspectorate i;
    char why[200];
    cr_assert(inspectorate_parse(text, &i, why, sizeof why), "'%s': %s", text, why);
    return (int)i;
}

Test(inspectorate, aliases_are_case_insensitive)
{
    cr_assert_eq(insp_of("Ofsted"), INSP_OFSTED);
    cr_assert_eq(insp_of("CQC"), INSP_CQC);
    cr_assert_eq(insp_of("Care Quality Commission"), INSP_CQC);
    cr_assert_eq(insp_of("HMIC"), INSP_HMICFRS);
    cr_assert_eq(insp_of("hmicfrs"), INSP_HMICFRS);
    cr_assert_eq(insp_of("HMI Probation"), INSP_HMI_PROBATION);
    cr_assert_eq(insp_of("HM Inspectorate of Probation"), INSP_HMI_PROBATION);
    cr_assert_eq(insp_of("hmi-prisons"), INSP_HMI_PRISONS);
    cr_assert_eq(insp_of("HM Inspectorate of Prisons"), INSP_HMI_PRISONS);
}

Test(inspectorate, recognised_by_the_start_of_its_name)
{
    cr_assert_eq(insp_of("HM Inspectorate of Constabulary and Fire & Rescue Services"),
                 INSP_HMICFRS);
}

Test(inspectorate, hmip_is_ambiguous_and_says_so)
{
    enum inspectorate i;
    char why[200] = "";
    cr_assert_not(inspectorate_parse("HMIP", &i, why, sizeof why));
    cr_assert(strstr(why, "ambiguous"), "%s", why);
    cr_assert(strstr(why, "Probation") && strstr(why, "Prisons"), "%s", why);
}

Test(inspectorate, unknown_is_an_error)
{
    enum inspectorate i;
    char why[200] = "";
    cr_assert_not(inspectorate_parse("Audit Commission", &i, why, sizeof why));
    cr_assert(strstr(why, "not an inspectorate"));
}

Test(kind, inspection_type_aliases_and_full_flag)
{
    char why[200];
    int i = enum_parse(&inspection_types, "Standard inspection", why, sizeof why);
    cr_assert_str_eq(inspection_types.values[i].name, "ilacs_standard");
    i = enum_parse(&inspection_types, "Joint targeted area inspection", why, sizeof why);
    cr_assert_str_eq(inspection_types.values[i].name, "jtai");
    i = enum_parse(&inspection_types, "single inspection framework", why, sizeof why);
    cr_assert_str_eq(inspection_types.values[i].name, "sif");
    cr_assert(inspection_type_is_full("ilacs_short"));
    cr_assert(inspection_type_is_full("slac"));
    cr_assert_not(inspection_type_is_full("monitoring_visit"));
    cr_assert_not(inspection_type_is_full("focused_visit"));
}

Test(kind, unknown_value_lists_the_accepted_names)
{
    char why[300] = "";
    cr_assert_eq(enum_parse(&concern_severities, "urgent", why, sizeof why), -1);
    cr_assert(strstr(why, "low, medium, high"), "%s", why);
}

Test(text, names_ignore_case_punctuation_spacing_and_ampersand)
{
    char a[128], b[128];
    text_name_key("Bournemouth, Christchurch & Poole", a, sizeof a);
    text_name_key("bournemouth christchurch and poole", b, sizeof b);
    cr_assert_str_eq(a, b);
    text_name_key("St. Helens", a, sizeof a);
    text_name_key("st helens", b, sizeof b);
    cr_assert_str_eq(a, b);
}

Test(text, enum_keys_treat_spaces_hyphens_underscores_alike)
{
    char a[64];
    text_enum_key("  Focused - visit ", a, sizeof a);
    cr_assert_str_eq(a, "focused_visit");
}

Test(text, utf8_validation)
{
    cr_assert(text_utf8_valid("Bournemouth \xe2\x80\x94 ok", 18));
    cr_assert_not(text_utf8_valid("caf\xe9", 4));
    cr_assert_not(text_utf8_valid("\xc0\xaf", 2)); /* overlong */
    cr_assert_not(text_utf8_valid("\xed\xa0\x80", 3)); /* surrogate */
}
