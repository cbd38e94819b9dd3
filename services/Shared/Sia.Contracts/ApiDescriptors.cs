using System.Reflection;
using Google.Protobuf.Reflection;

namespace Sia.Contracts;

/// <summary>The services of SIA's APIs (protos/sia/**), as the code generated into this assembly describes them.</summary>
public static class ApiDescriptors
{
    /// <summary>Every service, from the file descriptors of the generated XxxReflection classes.</summary>
    public static IReadOnlyList<ServiceDescriptor> Services { get; } = typeof(ApiDescriptors).Assembly.GetTypes()
        .Where(type => type is { IsAbstract: true, IsSealed: true } && type.Name.EndsWith("Reflection", StringComparison.Ordinal))
        .Select(type => type.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static)?.GetValue(null))
        .OfType<FileDescriptor>()
        .SelectMany(file => file.Services)
        .OrderBy(service => service.FullName, StringComparer.Ordinal)
        .ToList();

    /// <summary>The services of one proto package, for example "sia.registry.v1".</summary>
    public static IEnumerable<ServiceDescriptor> InPackage(string package) => Services.Where(service => service.File.Package == package);
}
