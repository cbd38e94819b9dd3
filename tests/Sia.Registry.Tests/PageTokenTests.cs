using System.Collections;
using System.Text;
using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using Sia.Registry.Testing.AnyRequest;
using Sia.Registry.V1;

namespace Sia.Registry.Tests;

/// <summary>Every List RPC takes back only the page tokens it issued for the same request: anything else is INVALID_ARGUMENT naming page_token.</summary>
public sealed class PageTokenTests(SampledRegistryHost registry) : IClassFixture<SampledRegistryHost>
{
    private static IEnumerable<MethodDescriptor> Lists => RegistryMethods.All.Where(method => method.Name.StartsWith("List", StringComparison.Ordinal));

    public static TheoryData<string> ListRpcs => [.. Lists.Select(Named)];

    [Theory]
    [MemberData(nameof(ListRpcs))]
    public async Task A_token_leads_to_the_next_page_whatever_the_page_size(string rpc)
    {
        var method = RegistryMethods.Named(rpc);
        var first = await ListAsync(method, pageSize: 1, token: "");

        var second = await ListAsync(method, pageSize: 1, token: NextToken(first));
        var rest = await ListAsync(method, pageSize: 100, token: NextToken(first));

        Assert.Single(Names(second));
        Assert.DoesNotContain(Names(first)[0], Names(rest));
        Assert.Equal(Names(second), Names(rest).Take(1));
    }

    public static TheoryData<string, string> Forgeries => [.. Lists.SelectMany(method => ForgeriesOf(method).Select(forgery => (Named(method), forgery)))];

    private static IEnumerable<string> ForgeriesOf(MethodDescriptor method)
    {
        string[] forgeries =
        [
            "not base64", "base64 of garbage", "its check with the key abc", "its check with a key out of range", "its check with a negative key",
            "its check with no key", "a token of another List RPC", "cut short by a character", "cut short by four characters",
        ];
        var hasFilters = method.InputType.Fields.InDeclarationOrder().Any(field => field.Name is not ("page_size" or "page_token"));
        return hasFilters ? [.. forgeries, OtherFilters] : forgeries;
    }

    private const string OtherFilters = "its own, with other filters";

    [Theory]
    [MemberData(nameof(Forgeries))]
    public async Task A_token_the_service_did_not_issue_for_the_request_is_invalid_argument_naming_page_token(string rpc, string forgery)
    {
        var method = RegistryMethods.Named(rpc);
        var token = NextToken(await ListAsync(method, pageSize: 1, token: ""));
        var request = registry.RequestFor(method);
        if (forgery == OtherFilters) ChangeFilters(request);

        var answer = await ListAsync(method, pageSize: 1, token: await ForgeAsync(method, token, forgery), request);

        Assert.True(answer.Code == StatusCode.InvalidArgument, $"{forgery}: {answer}");
        Assert.Equal(["page_token"], answer.Fields);
    }

    private async Task<string> ForgeAsync(MethodDescriptor method, string token, string forgery) => forgery switch
    {
        "not base64" => "abc",
        "base64 of garbage" => Base64("garbage"),
        "its check with the key abc" => Rekeyed(token, "abc"),
        "its check with a key out of range" => Rekeyed(token, "99999999999999999999"),
        "its check with a negative key" => Rekeyed(token, "-1"),
        "its check with no key" => Rekeyed(token, ""),
        "a token of another List RPC" => NextToken(await ListAsync(Lists.First(other => other != method), pageSize: 1, token: "")),
        "cut short by a character" => token[..^1],
        "cut short by four characters" => token[..^4],
        OtherFilters => token,
        _ => throw new ArgumentOutOfRangeException(nameof(forgery), forgery, null),
    };

    /// <summary>The request asking for something else than its sample does, still valid.</summary>
    private void ChangeFilters(IMessage request)
    {
        switch (request)
        {
            case ListClustersRequest clusters:
                clusters.Parent = "localAuthorities/806";
                break;
            case ListAllianceMembershipsRequest memberships:
                memberships.ShowEnded = !memberships.ShowEnded;
                break;
            case ListInspectionsRequest inspections:
                inspections.Parent = ((BatchGetSchoolsRequest)registry.RequestFor("SchoolService.BatchGetSchools")).Names.First(name => name != inspections.Parent);
                break;
            case ListSchoolsRequest schools:
                schools.NameContains = "Primary";
                break;
            case ListSystemLeadersRequest leaders:
                leaders.Active = true;
                break;
            default:
                throw new InvalidOperationException($"Say how {request.Descriptor.Name} can filter otherwise.");
        }
    }

    /// <summary>The token with its check (everything before the first |) kept and its key replaced.</summary>
    private static string Rekeyed(string token, string key)
    {
        var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
        return Base64($"{text[..text.IndexOf('|')]}|{key}");
    }

    private static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    private async Task<Answer> ListAsync(MethodDescriptor method, int pageSize, string token, IMessage? request = null)
    {
        request ??= registry.RequestFor(method);
        request.Descriptor.FindFieldByName("page_size").Accessor.SetValue(request, pageSize);
        request.Descriptor.FindFieldByName("page_token").Accessor.SetValue(request, token);
        return await registry.Client.CallAsync(method, request);
    }

    private static string NextToken(Answer answer)
    {
        Assert.True(answer.Code == StatusCode.OK, answer.ToString());
        var token = (string)answer.Response!.Descriptor.FindFieldByName("next_page_token").Accessor.GetValue(answer.Response);
        Assert.NotEqual("", token);
        return token;
    }

    /// <summary>The names of the items a page lists (its first field).</summary>
    private static IReadOnlyList<string> Names(Answer answer)
    {
        Assert.True(answer.Code == StatusCode.OK, answer.ToString());
        var items = (IList)answer.Response!.Descriptor.Fields.InFieldNumberOrder()[0].Accessor.GetValue(answer.Response);
        return [.. items.Cast<IMessage>().Select(item => (string)item.Descriptor.FindFieldByName("name").Accessor.GetValue(item))];
    }

    private static string Named(MethodDescriptor method) => $"{method.Service.Name}.{method.Name}";
}
