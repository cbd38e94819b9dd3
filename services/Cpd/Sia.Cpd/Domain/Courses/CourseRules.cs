using Sia.Contracts.DomainErrors;

namespace Sia.Cpd.Domain.Courses;

/// <summary>What makes a course valid (INVALID_ARGUMENT on create and update). Field paths are the API's, under <c>prefix</c> ("course").</summary>
internal static class CourseRules
{
    public const int Title = 200, Description = 5000, Subject = 100, MaxPriorities = 20;

    public static void Validate(CourseContent course, string prefix, Violations violations)
    {
        violations.CheckRequiredText(course.Title, Title, $"{prefix}.title", "A course needs a title, for example \"Assessment without levels\".");
        violations.CheckText(course.Description, Description, $"{prefix}.description");
        violations.CheckText(course.Subject, Subject, $"{prefix}.subject");
        ValidatePriorities(course.ImprovementPriorities, $"{prefix}.improvement_priorities", violations);
        if (course.Audiences.Count == 0) violations.Add($"{prefix}.audiences", "A course is for at least one audience: teachers, NQT/RQT, middle or senior leaders, headteachers, governors or teaching assistants.");
        ValidateValues(course.Audiences, "an audience", $"{prefix}.audiences", violations);
        ValidateValues(course.Phases, "a phase", $"{prefix}.phases", violations);
    }

    private static void ValidatePriorities(IReadOnlyList<string> priorities, string field, Violations violations)
    {
        if (priorities.Count > MaxPriorities)
        {
            violations.Add(field, $"A course serves at most {MaxPriorities} improvement priorities; this one names {priorities.Count}.");
            return;
        }
        for (var i = 0; i < priorities.Count; i++)
        {
            if (!CatalogueNames.IsPriorityName(priorities[i]))
                violations.Add($"{field}[{i}]", $"{TextChecks.Quote(priorities[i])} is not an improvement priority's name; expected localAuthorities/{{code}}/priorities/{{id}} or alliances/{{id}}/priorities/{{id}}, for example localAuthorities/816/priorities/p5-quality-of-teaching.");
            else if (priorities.Take(i).Contains(priorities[i], StringComparer.Ordinal))
                violations.Add($"{field}[{i}]", $"{TextChecks.Quote(priorities[i])} is named twice.");
        }
    }

    private static void ValidateValues<T>(IReadOnlyList<T> values, string what, string field, Violations violations) where T : struct, Enum
    {
        for (var i = 0; i < values.Count; i++)
        {
            if (!Enum.IsDefined(values[i]) || Convert.ToInt32(values[i], System.Globalization.CultureInfo.InvariantCulture) == 0)
                violations.Add($"{field}[{i}]", $"{Convert.ToInt32(values[i], System.Globalization.CultureInfo.InvariantCulture)} is not {what}.");
            else if (values.Take(i).Contains(values[i]))
                violations.Add($"{field}[{i}]", $"{values[i]} is named twice.");
        }
    }
}
