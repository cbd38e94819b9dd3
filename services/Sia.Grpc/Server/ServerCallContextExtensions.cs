using Grpc.Shared.Server;
using Microsoft.AspNetCore.Http;

namespace Grpc.Core;

public static class ServerCallContextExtensions
{
    /// <summary>The ASP.NET Core HttpContext of the call, for its services, user and connection.</summary>
    public static HttpContext GetHttpContext(this ServerCallContext serverCallContext) =>
        serverCallContext is HttpContextServerCallContext call
            ? call.HttpContext
            : throw new InvalidOperationException("This ServerCallContext is not an ASP.NET Core call.");
}
