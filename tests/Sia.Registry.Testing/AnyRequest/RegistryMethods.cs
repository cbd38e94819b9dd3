using Google.Protobuf.Reflection;
using Sia.Contracts;

namespace Sia.Registry.Testing.AnyRequest;

/// <summary>Every RPC of the registry's API, as its descriptors list them, so that one added later is covered too.</summary>
public static class RegistryMethods
{
    public static IReadOnlyList<MethodDescriptor> All { get; } = [.. ApiDescriptors.InPackage("sia.registry.v1").SelectMany(service => service.Methods)];

    /// <summary>An RPC by "Service.Method", for example "SchoolService.CreateSchool".</summary>
    public static MethodDescriptor Named(string name) => All.Single(method => $"{method.Service.Name}.{method.Name}" == name);
}
