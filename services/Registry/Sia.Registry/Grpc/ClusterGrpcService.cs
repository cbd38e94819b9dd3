using Grpc.Core;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;

namespace Sia.Registry.Grpc;

internal sealed class ClusterGrpcService(Clusters clusters) : ClusterService.ClusterServiceBase
{
    public override async Task<Cluster> GetCluster(GetClusterRequest request, ServerCallContext context)
    {
        var (laCode, clusterId) = ResourceNames.ClusterId(request.Name, "name");
        return (await clusters.GetAsync(laCode, clusterId, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListClustersResponse> ListClusters(ListClustersRequest request, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 100);
        var after = PageToken.TryRead<(string LaCode, string ClusterId)>(request.PageToken, request, ResourceNames.TryParseCluster, out var last) ? last.ClusterId : null;
        var page = await clusters.ListAsync(laCode, after, size, context.CancellationToken);
        return new ListClustersResponse
        {
            Clusters = { page.Items.Select(c => c.ToMessage()) },
            NextPageToken = PageToken.Next(page, c => ResourceNames.Cluster(c.LaCode, c.ClusterId), request),
        };
    }

    public override async Task<Cluster> CreateCluster(CreateClusterRequest request, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.Parent, "parent");
        return (await clusters.CreateAsync(laCode, request.ClusterId, request.Cluster?.DisplayName, context.CancellationToken)).ToMessage();
    }
}
