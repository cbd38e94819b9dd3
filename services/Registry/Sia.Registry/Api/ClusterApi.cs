using Grpc.Core;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Data;
using Sia.Registry.V1;

namespace Sia.Registry.Api;

public sealed class ClusterApi(RegistryDbContext db, TimeProvider clock) : ClusterService.ClusterServiceBase
{
    public override async Task<Cluster> GetCluster(GetClusterRequest request, ServerCallContext context)
    {
        var (laCode, clusterId) = ResourceNames.ClusterId(request.Name, "name");
        var entity = await db.Clusters.AsNoTracking().SingleOrDefaultAsync(c => c.LaCode == laCode && c.ClusterId == clusterId, context.CancellationToken)
            ?? throw new NotFoundException(request.Name);
        return ToMessage(entity);
    }

    public override async Task<ListClustersResponse> ListClusters(ListClustersRequest request, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 100);
        var filters = new ListClustersRequest { Parent = request.Parent };
        var query = db.Clusters.AsNoTracking().Where(c => c.LaCode == laCode);
        if (PageToken.Read(request.PageToken, filters) is { } after) query = query.Where(c => string.Compare(c.ClusterId, after) > 0);
        var page = await query.OrderBy(c => c.ClusterId).Take(size + 1).ToListAsync(context.CancellationToken);

        var response = new ListClustersResponse();
        response.Clusters.AddRange(page.Take(size).Select(ToMessage));
        if (page.Count > size) response.NextPageToken = PageToken.Create(page[size - 1].ClusterId, filters);
        return response;
    }

    public override async Task<Cluster> CreateCluster(CreateClusterRequest request, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.Parent, "parent");
        var violations = new Violations();
        if (!ResourceNames.IsValidChosenId(request.ClusterId))
            violations.Add("cluster_id", $"'{request.ClusterId}' is not a cluster id: {ResourceNames.ChosenIdRule}.");
        if (string.IsNullOrWhiteSpace(request.Cluster?.DisplayName)) violations.Add("cluster.display_name", "A cluster needs a name.");
        violations.ThrowIfAny();
        if (!await db.LocalAuthorities.AnyAsync(la => la.Code == laCode, context.CancellationToken)) throw new NotFoundException(request.Parent);

        var entity = new ClusterEntity { LaCode = laCode, ClusterId = request.ClusterId, DisplayName = request.Cluster!.DisplayName.Trim(), CreateTime = clock.UtcNowForDatabase() };
        db.Clusters.Add(entity);
        try
        {
            await db.SaveChangesAsync(context.CancellationToken);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            throw new AlreadyExistsException(ResourceNames.Cluster(laCode, request.ClusterId));
        }
        return ToMessage(entity);
    }

    internal static Cluster ToMessage(ClusterEntity entity) => new()
    {
        Name = ResourceNames.Cluster(entity.LaCode, entity.ClusterId),
        DisplayName = entity.DisplayName,
        Etag = Etag.From(entity.Version),
    };
}
