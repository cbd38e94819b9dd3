using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Funding.Domain;
using Sia.Funding.Domain.Funds;
using Sia.Funding.Grpc.Mapping;
using Sia.Funding.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Funding.Grpc;

/// <summary>Funds: only a partner acting for the fund's LA reads or changes them (PERMISSION_DENIED otherwise).</summary>
internal sealed class FundGrpcService(Funds funds, ResponseBudget budget) : FundService.FundServiceBase
{
    public override async Task<Fund> GetFund(GetFundRequest request, ServerCallContext context)
    {
        var name = FundingNames.ParseFund(request.Name, "name");
        context.RequireLocalAuthority(name.LocalAuthorityCode);
        return (await funds.GetAsync(name, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListFundsResponse> ListFunds(ListFundsRequest request, ServerCallContext context)
    {
        var localAuthorityCode = FundingNames.ParseLocalAuthority(request.Parent, "parent");
        int? year = request.FinancialYear.Length == 0 ? null : FundingNames.ParseFinancialYear(request.FinancialYear, "financial_year");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        var after = PageToken.TryRead<string>(request.PageToken, request, FundingNames.TryReadId, out var id) ? id : null;
        context.RequireLocalAuthority(localAuthorityCode);
        var page = budget.Fit(await funds.ListAsync(localAuthorityCode, year, after, size, context.CancellationToken),
            f => f.ToMessage(), f => f.Fund.FundId, request);
        return new ListFundsResponse { Funds = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Fund> CreateFund(CreateFundRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = new FundName(FundingNames.ParseLocalAuthority(request.Parent, "parent"),
            FundingNames.ParseId(request.FundId, "fund_id", "schools-causing-concern-2014"));
        var fund = request.Fund ?? throw new ValidationFailedException("fund", "The fund to create is missing.");
        var newFund = new NewFund(FundingNames.ParseFinancialYear(fund.FinancialYear, "fund.financial_year"), fund.AmountPence, fund.ToContent());
        context.RequireLocalAuthority(name.LocalAuthorityCode);
        return (await funds.CreateAsync(name, newFund, context.Actor(), requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Fund> UpdateFund(UpdateFundRequest request, ServerCallContext context)
    {
        var changes = request.Fund ?? throw new ValidationFailedException("fund", "The fund to update is missing.");
        var name = FundingNames.ParseFund(changes.Name, "fund.name");
        var etag = Etag.Parse(changes.Etag, "fund.etag");
        context.RequireLocalAuthority(name.LocalAuthorityCode);
        var requested = changes.ToContent();
        var updated = await funds.UpdateAsync(name, etag, current => FundMapping.UpdatableFields.Apply(request.UpdateMask, requested, current), context.CancellationToken);
        return updated.ToMessage();
    }
}
