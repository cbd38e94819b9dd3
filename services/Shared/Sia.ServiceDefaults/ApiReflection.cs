using Google.Rpc;
using Grpc.Reflection;
using Microsoft.Extensions.DependencyInjection;
using ProtoServiceDescriptor = Google.Protobuf.Reflection.ServiceDescriptor;

namespace Sia.ServiceDefaults;

public static class ApiReflectionExtensions
{
    /// <summary>
    /// gRPC server reflection, v1 and v1alpha, of <paramref name="apis"/>: what grpc-dotnet's AddGrpcReflection gives, plus
    /// google.rpc's error details (BadRequest, ResourceInfo, PreconditionFailure...), which no service method names, so that a
    /// client that reads the schema by reflection, such as buf curl, decodes rich errors rather than showing base64.
    /// Map it with MapGrpcReflectionService().
    /// </summary>
    public static IServiceCollection AddApiReflection(this IServiceCollection services, IEnumerable<ProtoServiceDescriptor> apis)
    {
        var listed = apis.ToList();
        var symbols = SymbolRegistry.FromFiles([.. listed.Select(api => api.File).Distinct(), ErrorDetailsReflection.Descriptor]);
        var names = listed.Select(api => api.FullName).ToList();
        services.AddSingleton(new ReflectionServiceImpl(names, symbols));
        services.AddSingleton(new ReflectionV1ServiceImpl(names, symbols));
        return services.AddGrpcReflection(); // keeps the two above: it registers its own only where none is
    }
}
