using Sia.Contracts.DomainErrors;

namespace Sia.Risk.Domain.Priorities;

/// <summary>What makes a priority valid (INVALID_ARGUMENT on create and update). Field paths are the API's, under <c>prefix</c> ("priority").</summary>
internal static class PriorityRules
{
    public const int MaxTargets = 20, MaxMilestones = 50, MaxImpactMeasures = 20;
    public const int Title = 200, Description = 5000, ItemDescription = 1000, Measure = 200, ValueText = 200, Unit = 50, Evidence = 2000;
    public const int FirstYear = 2000, LastYear = 2100;

    public static void ValidateAcademicYear(int year, string field, Violations violations)
    {
        if (year is < FirstYear or > LastYear) violations.Add(field, $"Give the academic year by the year it starts, {FirstYear} to {LastYear}: 2015 for 2015/16; it is {year}.");
    }

    public static void Validate(PriorityContent priority, string prefix, Violations violations)
    {
        violations.CheckRequiredText(priority.Title, Title, $"{prefix}.title", "A priority needs a title, for example \"Ensuring all schools are good or better\".");
        violations.CheckText(priority.Description, Description, $"{prefix}.description");
        if (!Enum.IsDefined(priority.State)) violations.Add($"{prefix}.state", $"{(int)priority.State} is not a state: active or archived.");
        var plan = priority.Plan;
        if (CheckCount(plan.Targets.Count, MaxTargets, "targets", $"{prefix}.targets", violations))
            for (var i = 0; i < plan.Targets.Count; i++) ValidateTarget(plan.Targets[i], $"{prefix}.targets[{i}]", violations);
        if (CheckCount(plan.Milestones.Count, MaxMilestones, "milestones", $"{prefix}.milestones", violations))
        {
            for (var i = 0; i < plan.Milestones.Count; i++)
            {
                var (milestone, field) = (plan.Milestones[i], $"{prefix}.milestones[{i}]");
                violations.CheckRequiredText(milestone.Title, Title, $"{field}.title", "A milestone needs a title, for example \"Support plan written for each RI school\".");
                if (!Enum.IsDefined(milestone.Status)) violations.Add($"{field}.status", $"{(int)milestone.Status} is not a status: not started, in progress, completed or missed.");
            }
        }
        if (CheckCount(plan.ImpactMeasures.Count, MaxImpactMeasures, "impact measures", $"{prefix}.impact_measures", violations))
        {
            for (var i = 0; i < plan.ImpactMeasures.Count; i++)
            {
                var (measure, field) = (plan.ImpactMeasures[i], $"{prefix}.impact_measures[{i}]");
                violations.CheckRequiredText(measure.Description, ItemDescription, $"{field}.description", "An impact measure needs a description of how impact is judged.");
                violations.CheckText(measure.Evidence, Evidence, $"{field}.evidence");
            }
        }
    }

    private static void ValidateTarget(PriorityTarget target, string field, Violations violations)
    {
        violations.CheckRequiredText(target.Description, ItemDescription, $"{field}.description", "A target needs a description of what is to be achieved.");
        violations.CheckText(target.Measure, Measure, $"{field}.measure");
        if (target.Baseline is { } baseline) ValidateValue(baseline, $"{field}.baseline", violations);
        if (target.TargetValue is { } value) ValidateValue(value, $"{field}.target_value", violations);
        else violations.Add($"{field}.target_value", "A target needs the value it aims for: a whole number with its unit, or words.");
    }

    private static void ValidateValue(TargetValue value, string field, Violations violations)
    {
        if (value.Number is null && value.Text is null) violations.Add(field, "Give the value as a whole number with its unit (number) or in words (text).");
        if (value.Text is { } text) violations.CheckRequiredText(text, ValueText, $"{field}.text", "A value in words needs the words, for example \"in line with national\".");
        if (value.Text is not null && value.Unit.Length > 0) violations.Add($"{field}.unit", "A value in words has no unit; put it in the text.");
        else violations.CheckText(value.Unit, Unit, $"{field}.unit");
    }

    private static bool CheckCount(int count, int max, string what, string field, Violations violations)
    {
        if (count <= max) return true;
        violations.Add(field, $"A priority has at most {max} {what}; this one has {count}.");
        return false;
    }
}
