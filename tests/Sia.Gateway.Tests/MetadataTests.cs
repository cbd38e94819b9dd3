using Grpc.Core;
using Sia.Gateway.Tests.Http2;
using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>Metadata the gateway cannot forward is the caller's to fix: INVALID_ARGUMENT naming it, not UNAVAILABLE.</summary>
public sealed class MetadataTests(GatewayStack stack) : IClassFixture<GatewayStack>
{
    private const string GetSchool = "/sia.registry.v1.SchoolService/GetSchool";
    private static readonly GetSchoolRequest Minster = new() { Name = "schools/990001" };
    private static readonly (string, string) FullAuthorization = ("authorization", $"Bearer {TestPartners.FullKey}");

    [Theory]
    [InlineData("x-school-ref ", "990001", "Metadata name 'x-school-ref ' is not a valid header name, so the SIA gateway cannot forward the call: " +
                                           "gRPC metadata names are lower-case letters, digits, '-', '_' and '.', with no spaces.")]
    [InlineData("x school ref", "990001", "Metadata name 'x school ref' is not a valid header name")]
    [InlineData("x-school-name", "Zoë's Academy", "Metadata 'x-school-name' has a value that is not ASCII, so the SIA gateway cannot forward the " +
                                                  "call: send text metadata as printable ASCII, and binary values base64-encoded under a name ending in '-bin'.")]
    public async Task Metadata_the_gateway_cannot_forward_is_INVALID_ARGUMENT_naming_it_and_never_reaches_the_registry(string name, string value, string message)
    {
        var id = Guid.NewGuid().ToString("N");
        await using var raw = await RawHttp2Connection.OpenAsync(stack.Gateway.Address);

        // Headers only: Kestrel refuses them, and may have closed the socket before a request message could be written.
        var call = await raw.StartCallAsync(GetSchool, FullAuthorization, (BackendHost.CallIdHeader, id), (name, value));
        await Until.TrueAsync(() => call.Ended, "the gateway to answer");

        call.AssertTrailersOnly(StatusCode.InvalidArgument);
        Assert.StartsWith(message, call["grpc-message"]);
        Assert.False(stack.Backend.Calls.ContainsKey(id));
    }

    [Theory]
    [InlineData("X-School-Ref", "990001")] // HTTP/2 header names are lower case
    [InlineData("x-school-ref", "990\r\n001")]
    [InlineData("x-school-ref", "990\u0000001")]
    public async Task Kestrel_closes_the_connection_on_what_HTTP2_forbids_before_the_gateway_sees_the_call(string name, string value)
    {
        var id = Guid.NewGuid().ToString("N");
        await using var raw = await RawHttp2Connection.OpenAsync(stack.Gateway.Address);

        // Headers only: Kestrel refuses them, and may have closed the socket before a request message could be written.
        var call = await raw.StartCallAsync(GetSchool, FullAuthorization, (BackendHost.CallIdHeader, id), (name, value));
        await Until.TrueAsync(() => raw.Closed, "Kestrel to close the connection");

        Assert.Equal(0x1, raw.GoAwayCode); // PROTOCOL_ERROR
        Assert.Empty(call.HeaderBlocks);
        Assert.False(stack.Backend.Calls.ContainsKey(id));
    }
}
