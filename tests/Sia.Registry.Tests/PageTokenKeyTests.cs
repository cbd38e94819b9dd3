using Grpc.Core;
using Sia.Registry.Grpc;
using Sia.Registry.Testing.AnyRequest;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

/// <summary>
/// Anyone who reads the code can make a page token whose check is right; its key is then parsed as strictly as a
/// request's own fields, so a key the list never writes is INVALID_ARGUMENT, never a failed parse (UNKNOWN).
/// </summary>
public sealed class PageTokenKeyTests(SampledRegistryHost registry) : IClassFixture<SampledRegistryHost>
{
    private static readonly string[] Keys =
        ["abc", "", "-1", "99999999999999999999", "schools/1000000", "systemLeaders/0", "alliances/Ebor", "localAuthorities/81６", "2024-02-30/1"];

    public static TheoryData<string, string> ListsAndKeys =>
    [
        .. RegistryMethods.All.Where(method => method.Name.StartsWith("List", StringComparison.Ordinal))
            .SelectMany(method => Keys.Select(key => ($"{method.Service.Name}.{method.Name}", key))),
    ];

    [Theory]
    [MemberData(nameof(ListsAndKeys))]
    public async Task A_key_the_list_never_writes_is_invalid_argument_even_with_a_right_check(string rpc, string key)
    {
        var method = RegistryMethods.Named(rpc);
        var request = registry.RequestFor(method);
        Set(request, "page_token", PageToken.Create(key, request));

        var answer = await registry.Client.CallAsync(method, request);

        Assert.True(answer.Code == StatusCode.InvalidArgument, answer.ToString());
        Assert.Equal(["page_token"], answer.Fields);
    }

    private static void Set(Google.Protobuf.IMessage request, string field, object value) => request.Descriptor.FindFieldByName(field).Accessor.SetValue(request, value);
}
