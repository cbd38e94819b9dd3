using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.V1;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Grpc.Mapping;

internal static class ClusterMapping
{
    public static Cluster ToMessage(this ClusterEntity entity) => new()
    {
        Name = ResourceNames.Cluster(entity.LaCode, entity.ClusterId),
        DisplayName = entity.DisplayName,
        Etag = Etag.From(entity.Version),
    };
}
