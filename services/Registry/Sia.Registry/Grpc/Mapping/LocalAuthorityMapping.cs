using Sia.Registry.Data;
using Sia.Registry.Domain;
using Sia.Registry.V1;
using Sia.ServiceKit.Domain;

namespace Sia.Registry.Grpc.Mapping;

internal static class LocalAuthorityMapping
{
    public static LocalAuthority ToMessage(this LocalAuthorityEntity entity) => new()
    {
        Name = ResourceNames.LocalAuthority(entity.Code),
        Code = entity.Code,
        DisplayName = entity.DisplayName,
        Etag = Etag.From(entity.Version),
    };
}
