using Sia.Funding.Data;
using Sia.Funding.Domain;
using Sia.Funding.Domain.Funds;
using Sia.Funding.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Funding.Grpc.Mapping;

/// <summary>Funds between the API's messages and the domain's records.</summary>
internal static class FundMapping
{
    public static readonly UpdateMask<FundContent> UpdatableFields = new(new Dictionary<string, Func<FundContent, FundContent, FundContent>>
    {
        ["source"] = (requested, current) => current with { Source = requested.Source },
        ["purpose"] = (requested, current) => current with { Purpose = requested.Purpose },
        ["schools_forum_decision"] = (requested, current) => current with { SchoolsForumDecision = requested.SchoolsForumDecision },
    });

    public static Fund ToMessage(this FundState state) => new()
    {
        Name = new FundName(state.Fund.LocalAuthorityCode, state.Fund.FundId).ToString(),
        FinancialYear = FinancialYear.Id(state.Fund.FinancialYear),
        Source = state.Fund.Source switch
        {
            FundSource.DsgDeDelegation => Fund.Types.Source.DsgDeDelegation,
            FundSource.CentralGrant => Fund.Types.Source.CentralGrant,
            _ => Fund.Types.Source.Other,
        },
        Purpose = state.Fund.Purpose,
        AmountPence = state.Fund.AmountPence,
        SchoolsForumDecision = state.Fund.SchoolsForumDecision,
        UnallocatedPence = state.UnallocatedPence,
        CreateTime = Times.ToMessage(state.Fund.CreateTime),
        UpdateTime = Times.ToMessage(state.Fund.UpdateTime),
        Etag = Etag.From(state.Fund.Version),
    };

    public static FundContent ToContent(this Fund message) => new(message.Source switch
    {
        Fund.Types.Source.DsgDeDelegation => FundSource.DsgDeDelegation,
        Fund.Types.Source.CentralGrant => FundSource.CentralGrant,
        Fund.Types.Source.Other => FundSource.Other,
        _ => null,
    }, message.Purpose, message.SchoolsForumDecision);
}
