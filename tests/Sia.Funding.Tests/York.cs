using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using Sia.Funding.V1;

namespace Sia.Funding.Tests;

/// <summary>York's funds and commissioning (DOMAIN.md, Funding) as requests, and how the tests read refusals.</summary>
internal static class York
{
    public const string LocalAuthority = "localAuthorities/816";

    public static Fund SchoolsCausingConcern(long amountPence = 20_000_000) => new()
    {
        FinancialYear = "2014-15",
        Source = Fund.Types.Source.DsgDeDelegation,
        Purpose = "Schools Causing Concern",
        AmountPence = amountPence,
        SchoolsForumDecision = "Schools Forum, January 2014: maintained schools' members voted to de-delegate.",
    };

    public static Fund Commissioning(long amountPence = 80_538_000) => new()
    {
        FinancialYear = "2015-16",
        Source = Fund.Types.Source.DsgDeDelegation,
        Purpose = "School improvement commissioning",
        AmountPence = amountPence,
        SchoolsForumDecision = "Schools Forum, January 2015: de-delegation for 2015/16 commissioning.",
    };

    public static Allocation To(string provider, long amountPence, string priority = "") => new()
    {
        Provider = provider,
        AmountPence = amountPence,
        ImprovementPriority = priority,
        Reason = $"2015/16 commissioning: {provider}",
    };

    public static Commitment Deployment(long amountPence, string school = "schools/121615") => new()
    {
        Kind = Commitment.Types.Kind.SystemLeaderDeployment,
        Purpose = "NLE deployment, autumn term 2015",
        School = school,
        Source = "localAuthorities/816/priorities/good-or-better-2015/interventions/nle-autumn",
        AmountPence = amountPence,
    };

    public static CreateFundRequest CreateFund(string fundId, Fund fund, string localAuthority = LocalAuthority) =>
        new() { Parent = localAuthority, FundId = fundId, Fund = fund, RequestId = Guid.NewGuid().ToString() };

    public static CreateAllocationRequest CreateAllocation(string fund, string allocationId, Allocation allocation) =>
        new() { Parent = fund, AllocationId = allocationId, Allocation = allocation, RequestId = Guid.NewGuid().ToString() };

    public static CreateCommitmentRequest CreateCommitment(string allocation, string commitmentId, Commitment commitment) =>
        new() { Parent = allocation, CommitmentId = commitmentId, Commitment = commitment, RequestId = Guid.NewGuid().ToString() };

    public static RecordSpendRequest Spend(string commitment, long amountPence, string invoice = "EBOR-2015-117") => new()
    {
        Name = commitment,
        InvoiceReference = invoice,
        SpendDate = new Google.Type.Date { Year = 2015, Month = 12, Day = 18 },
        AmountPence = amountPence,
        RequestId = Guid.NewGuid().ToString(),
    };

    /// <summary>A copy of the message with a change.</summary>
    public static T With<T>(this T message, Action<T> change) where T : IMessage<T>
    {
        var copy = message.Clone();
        change(copy);
        return copy;
    }

    /// <summary>A FAILED_PRECONDITION's one violation.</summary>
    public static PreconditionFailure.Types.Violation Precondition(RpcException error)
    {
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        return Assert.Single(error.GetRpcStatus()!.GetDetail<PreconditionFailure>().Violations);
    }
}
