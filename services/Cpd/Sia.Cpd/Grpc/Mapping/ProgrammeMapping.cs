using Sia.Cpd.Data;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Programmes;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;
using CancellationPolicy = Sia.Cpd.Domain.Programmes.CancellationPolicy;

namespace Sia.Cpd.Grpc.Mapping;

/// <summary>Programmes between the API's messages and the domain's records.</summary>
internal static class ProgrammeMapping
{
    public static readonly UpdateMask<ProgrammeContent> UpdatableFields = new(new Dictionary<string, Func<ProgrammeContent, ProgrammeContent, ProgrammeContent>>
    {
        ["display_name"] = (requested, current) => current with { DisplayName = requested.DisplayName },
        ["description"] = (requested, current) => current with { Description = requested.Description },
        ["cancellation_policy"] = (requested, current) => current with { CancellationPolicy = requested.CancellationPolicy },
    });

    public static Programme ToMessage(this ProgrammeEntity entity) => new()
    {
        Name = new ProgrammeName(entity.AllianceId, entity.AcademicYear).ToString(),
        DisplayName = entity.DisplayName,
        Description = entity.Description,
        CancellationPolicy = new Programme.Types.CancellationPolicy
        {
            FreeUntilWorkingDays = entity.FreeCancellationWorkingDays,
            LateCancellationFeePence = entity.LateCancellationFeePence,
        },
        CreateTime = Times.ToMessage(entity.CreateTime),
        UpdateTime = Times.ToMessage(entity.UpdateTime),
        Etag = Etag.From(entity.Version),
    };

    /// <summary>What a request gives a programme; a missing cancellation policy is free until 0 days, with no fee.</summary>
    public static ProgrammeContent ToContent(this Programme message) => new(message.DisplayName, message.Description,
        new CancellationPolicy(message.CancellationPolicy?.FreeUntilWorkingDays ?? 0, message.CancellationPolicy?.LateCancellationFeePence ?? 0));
}
