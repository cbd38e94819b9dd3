using System.Collections;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Sia.Registry.Grpc;
using Sia.Registry.Testing.AnyRequest;
using Sia.Testing.Postgres;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

/// <summary>
/// Every List RPC stops a page before the item that would take the response over the byte budget, and continues on the
/// next page: here a budget of 250 bytes, which no two items fit in, so every page holds one whatever the page size.
/// </summary>
public sealed class ResponseBudgetTests(ResponseBudgetTests.TinyBudgetRegistryHost registry) : IClassFixture<ResponseBudgetTests.TinyBudgetRegistryHost>
{
    private const int Budget = 250;

    public sealed class TinyBudgetRegistryHost(PostgresServer postgres) : SampledRegistryHost(postgres)
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Registry:MaxResponseBytes"] = $"{Budget}" };
    }

    public static TheoryData<string> ListRpcs =>
        [.. RegistryMethods.All.Where(method => method.Name.StartsWith("List", StringComparison.Ordinal)).Select(method => $"{method.Service.Name}.{method.Name}")];

    [Theory]
    [MemberData(nameof(ListRpcs))]
    public async Task Pages_are_cut_by_bytes_and_continue_with_nothing_lost_or_repeated(string rpc)
    {
        var method = RegistryMethods.Named(rpc);

        var oneByOne = await ReadAllAsync(method, pageSize: 1);
        var asManyAsAllowed = await ReadAllAsync(method, pageSize: 1000);

        Assert.True(oneByOne.Count >= 2, $"{rpc} lists {oneByOne.Count} item(s); the sample has two of each.");
        Assert.Equal(oneByOne.Select(page => Assert.Single(page.Names)), asManyAsAllowed.SelectMany(page => page.Names));
        Assert.All(asManyAsAllowed, page => Assert.True(page.Names.Count == 1 || page.Bytes <= Budget, $"{page.Names.Count} items in {page.Bytes} bytes"));
        Assert.Equal(oneByOne.Count, asManyAsAllowed.Count);
    }

    [Fact]
    public void The_budget_is_under_the_4_MiB_every_client_takes_and_a_setting_can_only_lower_it()
    {
        static ResponseBudget From(string? setting) =>
            ResponseBudget.From(new ConfigurationBuilder().AddInMemoryCollection([new("Registry:MaxResponseBytes", setting)]).Build(), "Registry:MaxResponseBytes");

        Assert.InRange(From(null).MaxBytes, 1, 4 * 1024 * 1024 - 64 * 1024);
        Assert.Equal(1000, From("1000").MaxBytes);
        Assert.Throws<InvalidOperationException>(() => From($"{4 * 1024 * 1024}"));
        Assert.Throws<InvalidOperationException>(() => From("0"));
    }

    private sealed record Page(IReadOnlyList<string> Names, int Bytes);

    private async Task<IReadOnlyList<Page>> ReadAllAsync(MethodDescriptor method, int pageSize)
    {
        var pages = new List<Page>();
        var token = "";
        do
        {
            var request = registry.RequestFor(method);
            request.Descriptor.FindFieldByName("page_size").Accessor.SetValue(request, pageSize);
            request.Descriptor.FindFieldByName("page_token").Accessor.SetValue(request, token);
            var answer = await registry.Client.CallAsync(method, request);
            Assert.True(answer.Code == StatusCode.OK, answer.ToString());
            var response = answer.Response!;
            var items = (IList)response.Descriptor.Fields.InFieldNumberOrder()[0].Accessor.GetValue(response);
            pages.Add(new Page([.. items.Cast<IMessage>().Select(item => (string)item.Descriptor.FindFieldByName("name").Accessor.GetValue(item))], response.CalculateSize()));
            token = (string)response.Descriptor.FindFieldByName("next_page_token").Accessor.GetValue(response);
        }
        while (token.Length > 0);
        return pages;
    }
}
