using Grpc.Core;
using Sia.Gateway.Tests.Http2;
using Sia.Registry.Testing.AnyRequest;
using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Gateway.Tests;

/// <summary>
/// Generated strings (<see cref="StringFuzz"/>) in what a partner sends the gateway: every string field of every registry
/// request it forwards, and its own inputs (the key, a metadata name and value, the method in the path). Every answer is
/// one a caller can act on, never UNKNOWN, INTERNAL or UNAVAILABLE, and neither host logs an unhandled exception.
/// </summary>
public sealed class GatewayFuzzTests(SampledGatewayStack stack) : IClassFixture<SampledGatewayStack>
{
    private const int Seed = 20261128;

    /// <summary>The gateway's own refusals join the registry's: a key it does not know, a scope it does not give, a path it does not route.</summary>
    private static readonly StatusCode[] Actionable =
        [.. StringFuzz.Actionable, StatusCode.Unauthenticated, StatusCode.PermissionDenied, StatusCode.Unimplemented];

    [Fact]
    public async Task Generated_strings_in_every_field_of_every_registry_request_are_answered_through_the_gateway_with_an_actionable_status()
    {
        using var channel = stack.Gateway.CreateChannel();
        var client = new RawRegistryClient(channel, TestPartners.Bearer(TestPartners.FullKey));

        var run = await StringFuzz.RunAsync(stack.Registry, client, Seed, stringsPerField: 3);

        Assert.True(run.Unexpected.Count == 0, $"Seed {Seed}, {run.Calls} calls; these answered otherwise:\n{string.Join('\n', run.Unexpected)}");
        AssertNoUnhandledException();
        Assert.InRange(run.Calls, 300, 1_000);
    }

    [Fact]
    public async Task Generated_strings_in_the_key_the_metadata_and_the_path_are_answered_with_an_actionable_status()
    {
        var unexpected = new List<string>();
        foreach (var (name, make) in StringFuzz.Strings)
        {
            (string Place, string Path, (string, string)[] Metadata)[] calls =
            [
                ("the key", GetSchool, [("authorization", $"Bearer {make(TestPartners.FullKey)}")]),
                ("a metadata value", GetSchool, [FullAuthorization, ("x-school-ref", make("990001"))]),
                ("a metadata name", GetSchool, [FullAuthorization, (make("x-school-ref"), "990001")]),
                ("the method", $"/sia.registry.v1.SchoolService/{make("GetSchool")}", [FullAuthorization]),
            ];
            foreach (var (place, path, metadata) in calls)
            {
                var answer = await CallAsync(path, metadata);
                if (answer is not null) unexpected.Add($"{name} in {place}: {answer}");
            }
        }

        Assert.True(unexpected.Count == 0, string.Join('\n', unexpected));
        AssertNoUnhandledException();
    }

    private const string GetSchool = "/sia.registry.v1.SchoolService/GetSchool";
    private const int ProtocolError = 0x1, CompressionError = 0x9;
    private static readonly (string, string) FullAuthorization = ("authorization", $"Bearer {TestPartners.FullKey}");

    /// <summary>
    /// Null when the call is answered with an actionable gRPC status, or refused by Kestrel, before the gateway sees it, for
    /// what HTTP/2 forbids: the connection closed with PROTOCOL_ERROR (a NUL, a line break) or COMPRESSION_ERROR (an empty
    /// header name), or the stream reset with PROTOCOL_ERROR (a path that is not ASCII, or of 10,000 characters; gRPC method
    /// names are short ASCII identifiers, so no client library sends one). Otherwise what it was answered.
    /// </summary>
    private async Task<string?> CallAsync(string path, (string, string)[] metadata)
    {
        await using var raw = await RawHttp2Connection.OpenAsync(stack.Gateway.Address);
        var call = await raw.StartCallAsync(path, metadata);
        try
        {
            await raw.SendMessageAsync(call, new GetSchoolRequest { Name = "schools/990001" }, endStream: true);
        }
        catch (IOException)
        {
            // The server closed the connection on the HEADERS already.
        }
        await Until.TrueAsync(() => call.Ended || raw.Closed, "the gateway to answer");
        // Kestrel sends GOAWAY and closes at once: the reset can reach the raw client before the GOAWAY is read.
        if (!call.Ended) return raw.GoAwayCode is null or ProtocolError or CompressionError ? null : $"the connection closed with GOAWAY {raw.GoAwayCode}";
        if (call.HeaderBlocks.Count == 0) return call.ResetCode == ProtocolError ? null : $"the stream reset with {call.ResetCode}";
        var status = call["grpc-status"];
        if (status is null) return $"HTTP {call[":status"]} without a gRPC status (a client reads it as UNKNOWN or INTERNAL)";
        var code = (StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture);
        return Actionable.Contains(code) ? null : $"{code}: {call["grpc-message"]}";
    }

    private void AssertNoUnhandledException()
    {
        var gateway = stack.GatewayLogs.Lines.Where(line => line.Level >= LogLevel.Error && line.Exception is not null).ToList();
        Assert.True(gateway.Count == 0, string.Join('\n', gateway));
        var registry = stack.Registry.LoggedErrors.Where(entry => !StringFuzz.IsExpectedClash(entry)).ToList();
        Assert.True(registry.Count == 0, string.Join("\n=====\n", registry));
    }
}
