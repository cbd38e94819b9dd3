using Sia.Cpd.Data;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Courses;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;
using Types = Sia.Cpd.V1.Course.Types;

namespace Sia.Cpd.Grpc.Mapping;

/// <summary>Courses between the API's messages and the domain's records; enums by their numbers.</summary>
internal static class CourseMapping
{
    public static readonly UpdateMask<CourseContent> UpdatableFields = new(new Dictionary<string, Func<CourseContent, CourseContent, CourseContent>>
    {
        ["title"] = (requested, current) => current with { Title = requested.Title },
        ["description"] = (requested, current) => current with { Description = requested.Description },
        ["improvement_priorities"] = (requested, current) => current with { ImprovementPriorities = requested.ImprovementPriorities },
        ["audiences"] = (requested, current) => current with { Audiences = requested.Audiences },
        ["phases"] = (requested, current) => current with { Phases = requested.Phases },
        ["subject"] = (requested, current) => current with { Subject = requested.Subject },
    });

    public static Course ToMessage(this CourseEntity entity) => new()
    {
        Name = new CourseName(new ProgrammeName(entity.AllianceId, entity.AcademicYear), entity.CourseId).ToString(),
        Title = entity.Title,
        Description = entity.Description,
        ImprovementPriorities = { entity.ImprovementPriorities },
        Audiences = { entity.Audiences.Select(a => (Types.Audience)a) },
        Phases = { entity.Phases.Select(p => (Types.Phase)p) },
        Subject = entity.Subject,
        CreateTime = Times.ToMessage(entity.CreateTime),
        UpdateTime = Times.ToMessage(entity.UpdateTime),
        Etag = Etag.From(entity.Version),
    };

    public static CourseContent ToContent(this Course message) => new(message.Title, message.Description, [.. message.ImprovementPriorities],
        [.. message.Audiences.Select(a => (Audience)a)], [.. message.Phases.Select(p => (Phase)p)], message.Subject);
}
