using Google.Protobuf.Reflection;

namespace Sia.Contracts.Tests;

/// <summary>
/// A partner key's ":read" scope (the gateway's PartnerScope) reaches the methods a proto declares free of side effects:
/// every Get, BatchGet, List, Summarize, Verify and Watch says so, and no other method does.
/// </summary>
public sealed class ReadOnlyMethodTests
{
    private static readonly string[] ReadVerbs = ["Get", "BatchGet", "List", "Summarize", "Verify", "Watch"];

    public static TheoryData<string> Methods => [.. ApiDescriptors.Services.SelectMany(s => s.Methods).Select(m => m.FullName)];

    [Theory]
    [MemberData(nameof(Methods))]
    public void A_method_declares_no_side_effects_exactly_when_it_reads(string fullName)
    {
        var method = ApiDescriptors.Services.SelectMany(s => s.Methods).Single(m => m.FullName == fullName);
        var reads = ReadVerbs.Any(verb => method.Name.StartsWith(verb, StringComparison.Ordinal) && method.Name.Length > verb.Length && char.IsUpper(method.Name[verb.Length]));

        Assert.Equal(reads, method.GetOptions()?.IdempotencyLevel == MethodOptions.Types.IdempotencyLevel.NoSideEffects);
    }
}
