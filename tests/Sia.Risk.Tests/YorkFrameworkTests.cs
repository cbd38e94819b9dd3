using Sia.Risk.Demo;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Tests;

/// <summary>York's 2015/16 framework applied to the schools its commissioning plan describes: each result and its explanation.</summary>
public sealed class YorkFrameworkTests
{
    [Fact]
    public void A_school_that_requires_improvement_is_category_3_and_says_why()
    {
        var result = RiskEvaluator.Evaluate(YorkFramework.Definition, Facts.Autumn2015(Facts.Inspection(3)));

        Assert.Equal(("3", "Category 3", false, CausingConcern.None), (result.Category, result.CategoryLabel, result.AtRisk, result.CausingConcern));
        var fired = Assert.Single(result.FiredRules);
        Assert.Equal("requires_improvement", fired.Rule);
        Assert.Equal(["latest inspection schools/121615/inspections/7 (2014-03-05): overall grade 3, one of 3"], fired.Facts);
        Assert.Equal("schools/121615/inspections/7", result.LatestInspection);
        Assert.Equal((null, new DateOnly(2016, 9, 5)), (result.InspectionDue.Earliest, result.InspectionDue.Latest));
        Assert.Equal("requires improvement: re-inspected within 30 months of 2014-03-05", result.InspectionDue.Basis);
    }

    [Fact]
    public void Special_measures_is_category_4_and_causing_concern()
    {
        var result = RiskEvaluator.Evaluate(YorkFramework.Definition, Facts.Autumn2015(Facts.Inspection(4, concern: CategoryOfConcern.SpecialMeasures)));

        Assert.Equal(("4", CausingConcern.SpecialMeasures), (result.Category, result.CausingConcern));
        Assert.Equal(["special_measures", "inadequate"], result.FiredRules.Select(r => r.Rule));
        Assert.Equal("latest inspection schools/121615/inspections/7 (2014-03-05): special measures", result.FiredRules[0].Facts.Single());
    }

    [Fact]
    public void A_good_school_meeting_three_criteria_is_at_risk_in_category_2()
    {
        var facts = Facts.Autumn2015(Facts.Inspection(2), Facts.Met("leadership_concerns"), Facts.Met("governance_concerns"), Facts.Met("change_of_context"));

        var result = RiskEvaluator.Evaluate(YorkFramework.Definition, facts);

        Assert.Equal(("2", true), (result.Category, result.AtRisk));
        var fired = Assert.Single(result.FiredRules);
        Assert.Equal("good_at_risk", fired.Rule);
        Assert.Equal("3 of the framework's criteria met (leadership_concerns, change_of_context, governance_concerns); at least 3 needed", fired.Facts[1]);
        Assert.Equal(CriterionOutcome.Met, result.Criteria.Single(c => c.Criterion == "leadership_concerns").Outcome);
        Assert.Equal(CriterionOutcome.NotAssessed, result.Criteria.Single(c => c.Criterion == "attainment_below_floor").Outcome);
    }

    [Fact]
    public void A_good_school_meeting_two_criteria_is_category_1_by_default_with_no_rule_fired()
    {
        var result = RiskEvaluator.Evaluate(YorkFramework.Definition, Facts.Autumn2015(Facts.Inspection(2), Facts.Met("leadership_concerns"), Facts.Met("governance_concerns")));

        Assert.Equal(("1", false), (result.Category, result.AtRisk));
        Assert.Empty(result.FiredRules);
        Assert.Equal(new DateOnly(2018, 3, 5), result.InspectionDue.Earliest);
        Assert.Equal(new DateOnly(2019, 8, 31), result.InspectionDue.Latest); // the fifth school year after 2013/14
    }

    [Fact]
    public void Indicators_decide_their_criteria_and_say_what_they_read()
    {
        var indicators = new IndicatorValues([
            new IndicatorValue("ks2_rwm_level4_pct", 2014, 61.0, 80.0),
            new IndicatorValue("ks2_rwm_level4_pct", 2013, 70.0, 79.0),
            new IndicatorValue("value_added_core", 2014, 98.5, 100.0),
            new IndicatorValue("rwm_expected_pct_disadvantaged", 2014, 45.0, null),
            new IndicatorValue("rwm_expected_pct_other", 2014, 70.0, null),
        ]);
        var facts = Facts.Autumn2015(Facts.Inspection(2)) with { Indicators = indicators };

        var result = RiskEvaluator.Evaluate(YorkFramework.Definition, facts);

        var criteria = result.Criteria.ToDictionary(c => c.Criterion);
        Assert.Equal(CriterionOutcome.Met, criteria["attainment_below_floor"].Outcome);
        Assert.Equal("ks2_rwm_level4_pct 2014/15 = 61.0: under 65.0", criteria["attainment_below_floor"].Basis);
        Assert.Equal(CriterionOutcome.Met, criteria["value_added_below_national"].Outcome);
        Assert.Equal("value_added_core 2014/15 = 98.5, national 100.0: 1.5 below national, more than 1.0", criteria["value_added_below_national"].Basis);
        Assert.Equal(CriterionOutcome.Met, criteria["wide_gaps_between_groups"].Outcome);
        Assert.Equal(CriterionOutcome.NotAssessed, criteria["wide_gap_english_maths"].Outcome);
        Assert.Equal("no value of english_expected_pct for 2014/15 to 2015/16", criteria["wide_gap_english_maths"].Basis);
        Assert.True(result.AtRisk); // three criteria met by the indicators alone
    }

    [Fact]
    public void A_2025_report_card_with_an_area_that_needs_attention_is_category_3()
    {
        var inspection = Facts.ReportCard(new DateOnly(2025, 11, 20), Safeguarding.Met,
            ("achievement", ReportCardGrade.NeedsAttention), ("inclusion", ReportCardGrade.StrongStandard));
        var facts = Facts.Autumn2015(inspection) with { AcademicYear = 2025, AssessmentDate = new DateOnly(2026, 1, 10) };

        var result = RiskEvaluator.Evaluate(YorkFramework.Definition, facts);

        Assert.Equal("3", result.Category);
        Assert.Equal("latest inspection schools/121615/inspections/9 (2025-11-20): achievement needs attention, inclusion strong standard; needs attention or worse",
            Assert.Single(result.FiredRules).Facts.Single());
        Assert.Equal(new DateOnly(2028, 5, 20), result.InspectionDue.Latest);
    }

    [Fact]
    public void A_school_never_inspected_takes_the_default_with_no_window()
    {
        var result = RiskEvaluator.Evaluate(YorkFramework.Definition, Facts.Autumn2015());

        Assert.Equal("1", result.Category);
        Assert.Null(result.LatestInspection);
        Assert.Equal((null, null, "no inspection on record"), (result.InspectionDue.Earliest, result.InspectionDue.Latest, result.InspectionDue.Basis));
    }

    [Fact]
    public void York_framework_is_valid_and_complete()
    {
        var violations = new Sia.Contracts.DomainErrors.Violations();
        Sia.Risk.Domain.Frameworks.FrameworkRules.Validate(YorkFramework.DisplayName, YorkFramework.Definition, "framework", violations);

        Assert.Empty(violations.Items);
        Assert.Null(Sia.Risk.Domain.Frameworks.FrameworkRules.Incompleteness(YorkFramework.Definition));
        Assert.Equal(13, YorkFramework.Definition.Criteria.Count);
    }
}
