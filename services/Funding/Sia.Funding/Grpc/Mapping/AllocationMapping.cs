using Sia.Funding.Data;
using Sia.Funding.Domain;
using Sia.Funding.Domain.Allocations;
using Sia.Funding.V1;

namespace Sia.Funding.Grpc.Mapping;

/// <summary>Allocations between the API's messages and the domain's records.</summary>
internal static class AllocationMapping
{
    public static Allocation ToMessage(this AllocationEntity entity) => new()
    {
        Name = new AllocationName(new FundName(entity.LocalAuthorityCode, entity.FundId), entity.AllocationId).ToString(),
        Provider = entity.Provider,
        ImprovementPriority = entity.ImprovementPriority ?? "",
        AmountPence = entity.AmountPence,
        Reason = entity.Reason,
        CreateTime = Times.ToMessage(entity.CreateTime),
    };

    /// <summary>What a request gives an allocation; an empty improvement priority is none.</summary>
    public static AllocationContent ToContent(this Allocation message) =>
        new(message.Provider, message.ImprovementPriority.Length == 0 ? null : message.ImprovementPriority, message.AmountPence, message.Reason);
}
