using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Funding.V1;
using static Sia.Funding.Tests.York;

namespace Sia.Funding.Tests;

/// <summary>Funds over real HTTP/2 and PostgreSQL: York's 2014/15 Schools Causing Concern Fund, pages, updates, etags, retries and every bad field named.</summary>
public sealed class FundApiTests(FundingStack stack) : IClassFixture<FundingStack>
{
    private FundService.FundServiceClient Funds => new(stack.CreateChannel());

    [Fact]
    public async Task Yorks_Schools_Causing_Concern_Fund_is_created_with_all_of_it_unallocated_and_read_back()
    {
        var fund = await Funds.CreateFundAsync(CreateFund("schools-causing-concern-2014", SchoolsCausingConcern()));

        Assert.Equal("localAuthorities/816/funds/schools-causing-concern-2014", fund.Name);
        Assert.Equal("2014-15", fund.FinancialYear);
        Assert.Equal(Fund.Types.Source.DsgDeDelegation, fund.Source);
        Assert.Equal(20_000_000, fund.AmountPence);
        Assert.Equal(20_000_000, fund.UnallocatedPence);
        Assert.Equal(fund, await Funds.GetFundAsync(new GetFundRequest { Name = fund.Name }));
    }

    [Fact]
    public async Task Funds_list_by_id_in_pages_and_by_financial_year()
    {
        const string la = "localAuthorities/801";
        foreach (var id in new[] { "b-fund", "a-fund", "c-fund" }) await Funds.CreateFundAsync(CreateFund(id, SchoolsCausingConcern(), la));
        await Funds.CreateFundAsync(CreateFund("d-fund", Commissioning(), la));

        var first = await Funds.ListFundsAsync(new ListFundsRequest { Parent = la, PageSize = 2 });
        var second = await Funds.ListFundsAsync(new ListFundsRequest { Parent = la, PageSize = 2, PageToken = first.NextPageToken });
        var of2014 = await Funds.ListFundsAsync(new ListFundsRequest { Parent = la, FinancialYear = "2014-15" });

        Assert.Equal(["a-fund", "b-fund"], first.Funds.Select(f => f.Name.Split('/')[^1]));
        Assert.Equal(["c-fund", "d-fund"], second.Funds.Select(f => f.Name.Split('/')[^1]));
        Assert.Equal("", second.NextPageToken);
        Assert.Equal(["a-fund", "b-fund", "c-fund"], of2014.Funds.Select(f => f.Name.Split('/')[^1]));
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Funds.ListFundsAsync(new ListFundsRequest { Parent = la, PageSize = 2, PageToken = first.NextPageToken, FinancialYear = "2015-16" }));
        Assert.Equal(["page_token"], error.ViolatedFields());
    }

    [Fact]
    public async Task An_update_changes_only_the_masked_fields_never_the_amount_and_a_stale_etag_is_ABORTED()
    {
        var fund = await Funds.CreateFundAsync(CreateFund("update-me", SchoolsCausingConcern()));
        var changes = new Fund { Name = fund.Name, Etag = fund.Etag, Purpose = "Schools Causing Concern (emergency interventions)", AmountPence = 1, Source = Fund.Types.Source.Other };

        var updated = await Funds.UpdateFundAsync(new UpdateFundRequest { Fund = changes, UpdateMask = FieldMask.FromString("purpose") });

        Assert.Equal("Schools Causing Concern (emergency interventions)", updated.Purpose);
        Assert.Equal(Fund.Types.Source.DsgDeDelegation, updated.Source);
        Assert.Equal(20_000_000, updated.AmountPence);
        Assert.NotEqual(fund.Etag, updated.Etag);
        var amount = await Assert.ThrowsAsync<RpcException>(async () =>
            await Funds.UpdateFundAsync(new UpdateFundRequest { Fund = changes.With(m => m.Etag = updated.Etag), UpdateMask = FieldMask.FromString("amount_pence") }));
        Assert.Equal(["update_mask"], amount.ViolatedFields());
        var stale = await Assert.ThrowsAsync<RpcException>(async () =>
            await Funds.UpdateFundAsync(new UpdateFundRequest { Fund = changes, UpdateMask = FieldMask.FromString("purpose") }));
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
        Assert.Equal(updated, await Funds.GetFundAsync(new GetFundRequest { Name = fund.Name }));
    }

    [Fact]
    public async Task Every_bad_field_is_named()
    {
        async Task<IReadOnlyList<string>> FieldsAsync(CreateFundRequest request) =>
            (await Assert.ThrowsAsync<RpcException>(async () => await Funds.CreateFundAsync(request))).ViolatedFields();

        Assert.Equal(["fund.amount_pence", "fund.source", "fund.purpose"],
            await FieldsAsync(CreateFund("bad", new Fund { FinancialYear = "2014-15", AmountPence = 0, Purpose = " " })));
        Assert.Equal(["fund.schools_forum_decision"],
            await FieldsAsync(CreateFund("bad", SchoolsCausingConcern().With(m => m.SchoolsForumDecision = new string('x', 5001)))));
        Assert.Equal(["fund.financial_year"], await FieldsAsync(CreateFund("bad", SchoolsCausingConcern().With(m => m.FinancialYear = "2014-16"))));
        Assert.Equal(["parent"], await FieldsAsync(CreateFund("bad", SchoolsCausingConcern(), "localAuthorities/york")));
        Assert.Equal(["fund_id"], await FieldsAsync(CreateFund("Bad_Id", SchoolsCausingConcern())));
        Assert.Equal(["request_id"], await FieldsAsync(CreateFund("bad", SchoolsCausingConcern()).With(m => m.RequestId = "not-a-uuid")));
        Assert.Equal(["fund"], await FieldsAsync(new CreateFundRequest { Parent = LocalAuthority, FundId = "bad" }));
        Assert.Equal(["name"], (await Assert.ThrowsAsync<RpcException>(async () => await Funds.GetFundAsync(new GetFundRequest { Name = "funds/x" }))).ViolatedFields());
        Assert.Equal(["financial_year"], (await Assert.ThrowsAsync<RpcException>(async () =>
            await Funds.ListFundsAsync(new ListFundsRequest { Parent = LocalAuthority, FinancialYear = "2014" }))).ViolatedFields());
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await Funds.GetFundAsync(new GetFundRequest { Name = $"{LocalAuthority}/funds/none" }));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task A_retried_create_returns_the_first_fund_and_the_same_request_id_with_another_body_is_refused()
    {
        var request = CreateFund("retried", SchoolsCausingConcern());

        var first = await Funds.CreateFundAsync(request);
        var retry = await Funds.CreateFundAsync(request);

        Assert.Equal(first, retry);
        var other = await Assert.ThrowsAsync<RpcException>(async () =>
            await Funds.CreateFundAsync(request.With(m => m.Fund = SchoolsCausingConcern(amountPence: 10_000_000))));
        Assert.Equal(["request_id"], other.ViolatedFields());
        var taken = await Assert.ThrowsAsync<RpcException>(async () => await Funds.CreateFundAsync(request.With(m => m.RequestId = Guid.NewGuid().ToString())));
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);
        var (stored, _) = await stack.BalancesAsync();
        Assert.Equal(20_000_000, stored[$"{first.Name}#unallocated"]);
    }
}
