using System.Text.RegularExpressions;
using Sia.Contracts.DomainErrors;

namespace Sia.Risk.Domain.Frameworks;

/// <summary>
/// What makes a framework's content valid (INVALID_ARGUMENT on create and update), and what more makes it complete enough
/// to publish (FAILED_PRECONDITION). Field paths are the API's, under <c>prefix</c> ("framework").
/// </summary>
internal static partial class FrameworkRules
{
    public const int MaxCriteria = 50, MaxCategories = 10, MinCategories = 2, MaxRules = 100, MaxConditions = 20;
    public const int Title = 200, Label = 100, Description = 2000, GradedArea = 50, MaxMonths = 240;

    public static void Validate(string displayName, FrameworkDefinition framework, string prefix, Violations violations)
    {
        if (string.IsNullOrWhiteSpace(displayName)) violations.Add($"{prefix}.display_name", "A framework needs a name, for example \"York risk assessment 2015/16\".");
        else violations.CheckText(displayName, Title, $"{prefix}.display_name");

        ValidateCriteria(framework.Criteria, prefix, violations);
        ValidateCategories(framework.Categories, prefix, violations);
        var categories = framework.Categories.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        if (framework.DefaultCategory.Length > 0 && !categories.Contains(framework.DefaultCategory))
            violations.Add($"{prefix}.default_category", $"{TextChecks.Quote(framework.DefaultCategory)} is not one of the framework's categories.");
        ValidateRules(framework, categories, prefix, violations);
    }

    /// <summary>Why the framework cannot be published yet, or null when it can.</summary>
    public static string? Incompleteness(FrameworkDefinition framework)
    {
        if (framework.Categories.Count < MinCategories) return $"A framework needs at least {MinCategories} categories to be published; it has {framework.Categories.Count}.";
        if (framework.DefaultCategory.Length == 0) return "A framework needs a default_category, the one a school gets when no rule gives one, to be published.";
        if (framework.Criteria.Count == 0) return "A framework needs at least one criterion to be published.";
        return null;
    }

    /// <summary>Criterion, category and rule ids: lower-case letters, digits and underscores, 1-63 characters; a criterion or rule id starts with a letter.</summary>
    [GeneratedRegex(@"\A[a-z][a-z0-9_]{0,62}\z")]
    public static partial Regex Identifier();

    [GeneratedRegex(@"\A[a-z0-9][a-z0-9_]{0,62}\z")]
    private static partial Regex CategoryIdentifier();

    private static void ValidateCriteria(IReadOnlyList<CriterionDefinition> criteria, string prefix, Violations violations)
    {
        if (criteria.Count > MaxCriteria) violations.Add($"{prefix}.criteria", $"A framework has at most {MaxCriteria} criteria; this one has {criteria.Count}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(criteria.Count, MaxCriteria); i++)
        {
            var (criterion, field) = (criteria[i], $"{prefix}.criteria[{i}]");
            CheckId(criterion.Id, Identifier(), $"{field}.id", "attainment_below_floor", seen, violations);
            violations.CheckRequiredText(criterion.Title, Title, $"{field}.title", "A criterion needs a title.");
            violations.CheckText(criterion.Description, Description, $"{field}.description");
            if (criterion.IndicatorTest is { } test) ValidateIndicatorTest(test, $"{field}.indicator_test", violations);
        }
    }

    private static void ValidateIndicatorTest(IndicatorTest test, string field, Violations violations)
    {
        if (!Identifier().IsMatch(test.Indicator))
            violations.Add($"{field}.indicator", $"{TextChecks.Quote(test.Indicator)} is not an indicator code: lower-case letters, digits and underscores, 1-63 characters, as imported.");
        if (!double.IsFinite(test.Threshold)) violations.Add($"{field}.threshold", "The threshold must be a finite number.");
        if (test.LookbackYears is < 0 or > IndicatorTest.MaxLookbackYears)
            violations.Add($"{field}.lookback_years", $"lookback_years is 0 to {IndicatorTest.MaxLookbackYears}; it is {test.LookbackYears}.");
        if (test.Comparison == IndicatorComparison.GapWiderThan)
        {
            if (test.OtherIndicator is null || !Identifier().IsMatch(test.OtherIndicator))
                violations.Add($"{field}.other_indicator", "A gap test needs the indicator it compares with, as an indicator code.");
            else if (test.OtherIndicator == test.Indicator)
                violations.Add($"{field}.other_indicator", "A gap test compares two different indicators.");
        }
        else if (test.OtherIndicator is not null)
        {
            violations.Add($"{field}.other_indicator", "Only a gap test (COMPARISON_GAP_WIDER_THAN) compares with another indicator.");
        }
    }

    private static void ValidateCategories(IReadOnlyList<CategoryDefinition> categories, string prefix, Violations violations)
    {
        if (categories.Count > MaxCategories) violations.Add($"{prefix}.categories", $"A framework has at most {MaxCategories} categories; this one has {categories.Count}.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(categories.Count, MaxCategories); i++)
        {
            var (category, field) = (categories[i], $"{prefix}.categories[{i}]");
            CheckId(category.Id, CategoryIdentifier(), $"{field}.id", "3 or red", seen, violations);
            violations.CheckRequiredText(category.Label, Label, $"{field}.label", "A category needs a label, as officers see it: \"Category 3\", \"Red\".");
            violations.CheckText(category.Description, Description, $"{field}.description");
        }
    }

    private static void ValidateRules(FrameworkDefinition framework, HashSet<string> categories, string prefix, Violations violations)
    {
        var rules = framework.Rules;
        if (rules.Count > MaxRules) violations.Add($"{prefix}.rules", $"A framework has at most {MaxRules} rules; this one has {rules.Count}.");
        var criteria = framework.Criteria.Select(c => c.Id).ToHashSet(StringComparer.Ordinal);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Math.Min(rules.Count, MaxRules); i++)
        {
            var (rule, field) = (rules[i], $"{prefix}.rules[{i}]");
            CheckId(rule.Id, Identifier(), $"{field}.id", "ri_is_category_3", seen, violations);
            violations.CheckRequiredText(rule.Description, Description, $"{field}.description", "A rule needs a description an officer can read to a headteacher.");
            if (rule.Conditions.Count > MaxConditions)
                violations.Add($"{field}.conditions", $"A rule has at most {MaxConditions} conditions; this one has {rule.Conditions.Count}.");
            for (var c = 0; c < Math.Min(rule.Conditions.Count, MaxConditions); c++)
                ValidateCondition(rule.Conditions[c], $"{field}.conditions[{c}]", criteria, violations);
            if (!rule.Outcome.GivesAnything)
                violations.Add($"{field}.outcome", "A rule's outcome gives a category, at_risk or causing_concern; this one gives nothing.");
            if (rule.Outcome.Category is { } category && !categories.Contains(category))
                violations.Add($"{field}.outcome.category", $"{TextChecks.Quote(category)} is not one of the framework's categories.");
        }
    }

    private static void ValidateCondition(Condition condition, string field, HashSet<string> criteria, Violations violations)
    {
        switch (condition)
        {
            case OverallGradeIn { Grades: var grades }:
                CheckGrades(grades, 0, $"{field}.overall_grade_in.grades", violations);
                break;
            case KeyJudgementIn test:
                if (test.Judgement is { } judgement) CheckGradedArea(judgement, $"{field}.key_judgement.judgement", violations);
                CheckGrades(test.Grades, 1, $"{field}.key_judgement.grades", violations);
                break;
            case ReportCardAtOrBelow test:
                if (test.Area is { } area) CheckGradedArea(area, $"{field}.report_card_area.area", violations);
                break;
            case CategoryOfConcernIn { Categories.Count: 0 }:
                violations.Add($"{field}.category_of_concern_in.categories", "Name at least one category of concern.");
                break;
            case InspectedMoreThanMonthsAgo { Months: < 1 or > MaxMonths } test:
                violations.Add($"{field}.inspected_more_than_months_ago", $"The number of months is 1 to {MaxMonths}; it is {test.Months}.");
                break;
            case CriteriaMet test:
                var unknown = test.Criteria.Where(id => !criteria.Contains(id)).ToList();
                if (unknown.Count > 0)
                    violations.Add($"{field}.criteria_met.criteria", $"{string.Join(", ", unknown.Select(TextChecks.Quote))} {(unknown.Count == 1 ? "is not a criterion" : "are not criteria")} of the framework.");
                var most = test.Criteria.Count == 0 ? criteria.Count : test.Criteria.Distinct().Count();
                if (test.AtLeast < 1 || test.AtLeast > Math.Max(most, 1))
                    violations.Add($"{field}.criteria_met.at_least", $"at_least is 1 to the number of criteria it counts ({most}); it is {test.AtLeast}.");
                break;
        }
    }

    private static void CheckGrades(IReadOnlyList<int> grades, int lowest, string field, Violations violations)
    {
        if (grades.Count == 0) violations.Add(field, "Name at least one grade.");
        else if (grades.Any(g => g < lowest || g > 4)) violations.Add(field, $"Grades are {lowest} to 4 (4 is inadequate).");
        else if (grades.Distinct().Count() != grades.Count) violations.Add(field, "Name each grade once.");
    }

    private static void CheckGradedArea(string name, string field, Violations violations)
    {
        if (name.Length > GradedArea || !Identifier().IsMatch(name))
            violations.Add(field, $"{TextChecks.Quote(name)} is not a judgement or area name as the registry stores them (\"leadership_and_management\"); leave it empty for any.");
    }

    private static void CheckId(string id, Regex pattern, string field, string example, HashSet<string> seen, Violations violations)
    {
        if (!pattern.IsMatch(id)) violations.Add(field, $"{TextChecks.Quote(id)} is not an id: lower-case letters, digits and underscores, 1-63 characters, for example {example}.");
        else if (!seen.Add(id)) violations.Add(field, $"'{id}' is used twice; ids are unique within the framework.");
    }
}
