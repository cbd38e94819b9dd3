using Grpc.Core;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Grpc;

internal sealed class ClusterGrpcService(Clusters clusters, ResponseBudget budget) : ClusterService.ClusterServiceBase
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
        var page = budget.Fit(await clusters.ListAsync(laCode, after, size, context.CancellationToken),
            c => c.ToMessage(), c => ResourceNames.Cluster(c.LaCode, c.ClusterId), request);
        return new ListClustersResponse { Clusters = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Cluster> CreateCluster(CreateClusterRequest request, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.Parent, "parent");
        return (await clusters.CreateAsync(laCode, request.ClusterId, request.Cluster?.DisplayName, context.CancellationToken)).ToMessage();
    }
}
