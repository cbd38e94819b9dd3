using Sia.Funding.Data;
using Sia.Funding.Domain;
using Sia.Funding.Domain.Commitments;
using Sia.Funding.V1;

namespace Sia.Funding.Grpc.Mapping;

/// <summary>Commitments and spends between the API's messages and the domain's records.</summary>
internal static class CommitmentMapping
{
    public static Commitment ToMessage(this CommitmentState state)
    {
        var commitment = state.Commitment;
        var message = new Commitment
        {
            Name = new CommitmentName(new AllocationName(new FundName(commitment.LocalAuthorityCode, commitment.FundId), commitment.AllocationId),
                commitment.CommitmentId).ToString(),
            Kind = commitment.Kind switch
            {
                CommitmentKind.SupportPlanIntervention => Commitment.Types.Kind.SupportPlanIntervention,
                CommitmentKind.SystemLeaderDeployment => Commitment.Types.Kind.SystemLeaderDeployment,
                CommitmentKind.FundedCpdPlace => Commitment.Types.Kind.FundedCpdPlace,
                _ => Commitment.Types.Kind.Other,
            },
            Purpose = commitment.Purpose,
            School = commitment.School ?? "",
            Source = commitment.Source ?? "",
            AmountPence = commitment.AmountPence,
            SpentPence = state.SpentPence,
            LeftPence = state.LeftPence,
            State = commitment.ReleaseTime is null ? Commitment.Types.State.Open : Commitment.Types.State.Released,
            CreateTime = Times.ToMessage(commitment.CreateTime),
        };
        if (commitment.ReleaseTime is { } released) message.ReleaseTime = Times.ToMessage(released);
        return message;
    }

    /// <summary>What a request gives a commitment; an empty school or source is none.</summary>
    public static CommitmentContent ToContent(this Commitment message) => new(message.Kind switch
    {
        Commitment.Types.Kind.SupportPlanIntervention => CommitmentKind.SupportPlanIntervention,
        Commitment.Types.Kind.SystemLeaderDeployment => CommitmentKind.SystemLeaderDeployment,
        Commitment.Types.Kind.FundedCpdPlace => CommitmentKind.FundedCpdPlace,
        Commitment.Types.Kind.Other => CommitmentKind.Other,
        _ => null,
    }, message.Purpose, message.School.Length == 0 ? null : message.School, message.Source.Length == 0 ? null : message.Source, message.AmountPence);

    public static NewSpend ToSpend(this RecordSpendRequest request) =>
        new(request.InvoiceReference, Dates.ToDomain(request.SpendDate, "spend_date"), request.AmountPence);
}
