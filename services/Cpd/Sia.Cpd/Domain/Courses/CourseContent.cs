namespace Sia.Cpd.Domain.Courses;

/// <summary>What a course says, all of which an update may change (its programme and id it may not).</summary>
internal sealed record CourseContent(
    string Title,
    string Description,
    IReadOnlyList<string> ImprovementPriorities,
    IReadOnlyList<Audience> Audiences,
    IReadOnlyList<Phase> Phases,
    string Subject);

/// <summary>Whom a course is for; the API's numbers.</summary>
internal enum Audience
{
    Unspecified = 0,
    Teachers = 1,
    NqtRqt = 2,
    MiddleLeaders = 3,
    SeniorLeaders = 4,
    Headteachers = 5,
    Governors = 6,
    TeachingAssistants = 7,
}

/// <summary>A phase a course suits; the API's numbers.</summary>
internal enum Phase
{
    Unspecified = 0,
    EarlyYears = 1,
    Primary = 2,
    Secondary = 3,
    Post16 = 4,
    Special = 5,
}
