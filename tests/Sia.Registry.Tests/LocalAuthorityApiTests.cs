using Grpc.Core;
using Sia.Registry.V1;

namespace Sia.Registry.Tests;

public sealed class LocalAuthorityApiTests(GatedRegistryHost gated) : IClassFixture<GatedRegistryHost>
{
    private readonly RegistryHost host = gated.Registry;
    private LocalAuthorityService.LocalAuthorityServiceClient Client => new(host.CreateChannel());

    [Fact]
    public async Task A_created_local_authority_can_be_read_and_listed()
    {
        var created = await Client.CreateLocalAuthorityAsync(new CreateLocalAuthorityRequest { LocalAuthority = new LocalAuthority { Code = "332", DisplayName = "Dudley" } });
        var read = await Client.GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = "localAuthorities/332" });
        var list = await Client.ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest());

        Assert.Equal("localAuthorities/332", created.Name);
        Assert.Equal(created, read);
        Assert.Contains(list.LocalAuthorities, la => la.Code == "332" && la.DisplayName == "Dudley");
    }

    [Fact]
    public async Task A_bad_code_and_a_missing_name_are_both_reported_as_field_violations()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () =>
            await Client.CreateLocalAuthorityAsync(new CreateLocalAuthorityRequest { LocalAuthority = new LocalAuthority { Code = "81", DisplayName = " " } }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field);
        Assert.Equal(["local_authority.code", "local_authority.display_name"], fields);
    }

    [Fact]
    public async Task Creating_the_same_code_twice_is_already_exists_unless_it_is_a_retry()
    {
        var requestId = Guid.NewGuid().ToString();
        var request = new CreateLocalAuthorityRequest { LocalAuthority = new LocalAuthority { Code = "806", DisplayName = "Middlesbrough" }, RequestId = requestId };

        var first = await Client.CreateLocalAuthorityAsync(request);
        var retry = await Client.CreateLocalAuthorityAsync(request);
        request.RequestId = "";
        var again = await Assert.ThrowsAsync<RpcException>(async () => await Client.CreateLocalAuthorityAsync(request));

        Assert.Equal(first, retry);
        Assert.Equal(StatusCode.AlreadyExists, again.StatusCode);
    }

    [Fact]
    public async Task Concurrent_creates_with_one_request_id_make_one_local_authority_and_a_different_one_under_that_id_gets_it_too()
    {
        var request = new CreateLocalAuthorityRequest { LocalAuthority = new LocalAuthority { Code = "876", DisplayName = "Halton" }, RequestId = Guid.NewGuid().ToString() };

        // Every call looks the request id up, and finds nothing, before any of them goes on to create.
        using var looked = gated.Gate.HoldAfter(CommandGate.RequestIdLookup, count: 8);
        var creates = Enumerable.Range(0, 8).Select(_ => Client.CreateLocalAuthorityAsync(request).ResponseAsync).ToList();
        await looked.ReleaseOnceArrivedAsync();
        var created = await Task.WhenAll(creates);
        var differentBody = await Client.CreateLocalAuthorityAsync(new CreateLocalAuthorityRequest
        {
            LocalAuthority = new LocalAuthority { Code = "877", DisplayName = "Warrington" },
            RequestId = request.RequestId,
        });
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = "localAuthorities/877" }));

        Assert.Equal(Enumerable.Repeat(created[0], 8), created);
        Assert.Equal(("localAuthorities/876", "Halton"), (created[0].Name, created[0].DisplayName));
        Assert.Equal(created[0], differentBody);
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task An_unknown_local_authority_is_not_found_and_a_bad_name_is_invalid()
    {
        var missing = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = "localAuthorities/999" }));
        var invalid = await Assert.ThrowsAsync<RpcException>(async () => await Client.GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = "la/999" }));

        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, invalid.StatusCode);
    }
}
