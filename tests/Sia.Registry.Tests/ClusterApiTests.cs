using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

public sealed class ClusterApiTests(RegistryHost host) : IClassFixture<RegistryHost>, IAsyncLifetime
{
    private ClusterService.ClusterServiceClient Clusters => new(host.CreateChannel());
    private SchoolService.SchoolServiceClient Schools => new(host.CreateChannel());

    public async ValueTask InitializeAsync()
    {
        var localAuthorities = new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel());
        await TestData.EnsureLocalAuthorityAsync(localAuthorities, "816", "York");
        await TestData.EnsureLocalAuthorityAsync(localAuthorities, "806", "Middlesbrough");
        await TestData.EnsureLocalAuthorityAsync(localAuthorities, "876", "Halton");
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task Clusters_are_created_in_their_LA_and_listed_by_id()
    {
        // Halton's clusters are this test's alone (the class shares one database).
        var north = await CreateAsync("876", "north", "North");
        await CreateAsync("876", "widnes-central", "Widnes Central");
        await CreateAsync("806", "north", "North");

        var halton = await Clusters.ListClustersAsync(new ListClustersRequest { Parent = "localAuthorities/876" });
        var duplicate = await Assert.ThrowsAsync<RpcException>(() => CreateAsync("876", "north", "North again"));
        var badId = await Assert.ThrowsAsync<RpcException>(() => CreateAsync("876", "North Cluster", "North"));
        var unknownLa = await Assert.ThrowsAsync<RpcException>(() => CreateAsync("999", "north", "North"));

        Assert.Equal("localAuthorities/876/clusters/north", north.Name);
        Assert.Equal(["localAuthorities/876/clusters/north", "localAuthorities/876/clusters/widnes-central"], halton.Clusters.Select(c => c.Name));
        Assert.Equal(StatusCode.AlreadyExists, duplicate.StatusCode);
        Assert.Equal(StatusCode.InvalidArgument, badId.StatusCode);
        Assert.Equal(StatusCode.NotFound, unknownLa.StatusCode);
    }

    [Fact]
    public async Task A_school_joins_a_cluster_of_its_own_LA_and_lists_filter_by_it()
    {
        var cluster = await CreateAsync("816", "west", "West");
        var school = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });

        var joined = await SetClusterAsync(school, cluster.Name);
        var inCluster = await Schools.ListSchoolsAsync(new ListSchoolsRequest { Cluster = cluster.Name });
        await CreateAsync("806", "east", "East");
        var otherLa = await Assert.ThrowsAsync<RpcException>(() => SetClusterAsync(school, "localAuthorities/806/clusters/east"));
        var missing = await Assert.ThrowsAsync<RpcException>(() => SetClusterAsync(school, "localAuthorities/816/clusters/nowhere"));

        Assert.Equal(cluster.Name, joined.Cluster);
        Assert.Equal([school.Name], inCluster.Schools.Select(s => s.Name));
        Assert.Equal(StatusCode.InvalidArgument, otherLa.StatusCode);
        Assert.Equal(StatusCode.FailedPrecondition, missing.StatusCode);
    }

    private async Task<Cluster> CreateAsync(string laCode, string id, string displayName) =>
        await Clusters.CreateClusterAsync(new CreateClusterRequest { Parent = $"localAuthorities/{laCode}", ClusterId = id, Cluster = new Cluster { DisplayName = displayName } });

    private async Task<School> SetClusterAsync(School school, string cluster) =>
        await Schools.UpdateSchoolAsync(new UpdateSchoolRequest { School = new School { Name = school.Name, Cluster = cluster }, UpdateMask = new FieldMask { Paths = { "cluster" } } });
}
