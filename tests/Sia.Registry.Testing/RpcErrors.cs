using Google.Rpc;
using Grpc.Core;

namespace Sia.Registry.Testing;

public static class RpcErrors
{
    /// <summary>The fields an INVALID_ARGUMENT's google.rpc.BadRequest names; none for any other answer.</summary>
    public static IReadOnlyList<string> ViolatedFields(this RpcException error) =>
        [.. error.GetRpcStatus()?.GetDetail<BadRequest>()?.FieldViolations.Select(v => v.Field) ?? []];
}
