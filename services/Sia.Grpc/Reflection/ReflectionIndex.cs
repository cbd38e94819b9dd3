using System.Reflection;
using Google.Protobuf.Reflection;
using Grpc.Shared.Server;

namespace Grpc.Reflection;

/// <summary>
/// The descriptors behind the app's mapped services: their files (with every dependency), and which file
/// defines each symbol. Built once, on the first reflection call, when every service has been mapped.
/// </summary>
public sealed class ReflectionIndex(GrpcServiceRegistry registry)
{
    private readonly Lazy<Index> _index = new(() => Build(registry));

    public IReadOnlyList<string> ServiceNames => _index.Value.ServiceNames;

    public FileDescriptor? FindFileByName(string fileName) => _index.Value.FilesByName.GetValueOrDefault(fileName);

    public FileDescriptor? FindFileBySymbol(string symbol) => _index.Value.FilesBySymbol.GetValueOrDefault(symbol.TrimStart('.'));

    public IEnumerable<FieldDescriptor> ExtensionsOf(string messageName) =>
        _index.Value.FilesByName.Values
            .SelectMany(file => file.Extensions.UnorderedExtensions)
            .Where(extension => extension.ExtendeeType?.FullName == messageName.TrimStart('.'));

    /// <summary>The file followed by all its transitive dependencies, each once.</summary>
    public static IReadOnlyList<FileDescriptor> WithDependencies(FileDescriptor file)
    {
        var ordered = new List<FileDescriptor>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<FileDescriptor>([file]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next.Name)) continue;
            ordered.Add(next);
            foreach (var dependency in next.Dependencies) pending.Push(dependency);
        }
        return ordered;
    }

    private static Index Build(GrpcServiceRegistry registry)
    {
        var services = registry.ServiceTypes.Select(FindServiceDescriptor).OfType<ServiceDescriptor>().ToList();
        var index = new Index(services.Select(s => s.FullName).Distinct().ToList());
        foreach (var file in services.SelectMany(s => WithDependencies(s.File)))
        {
            if (!index.FilesByName.TryAdd(file.Name, file)) continue;
            foreach (var service in file.Services)
            {
                index.FilesBySymbol[service.FullName] = file;
                foreach (var method in service.Methods) index.FilesBySymbol[method.FullName] = file;
            }
            foreach (var message in file.MessageTypes) AddMessage(index, file, message);
            foreach (var enumType in file.EnumTypes) index.FilesBySymbol[enumType.FullName] = file;
            foreach (var extension in file.Extensions.UnorderedExtensions) index.FilesBySymbol[extension.FullName] = file;
        }
        return index;
    }

    private static void AddMessage(Index index, FileDescriptor file, MessageDescriptor message)
    {
        index.FilesBySymbol[message.FullName] = file;
        foreach (var nested in message.NestedTypes) AddMessage(index, file, nested);
        foreach (var enumType in message.EnumTypes) index.FilesBySymbol[enumType.FullName] = file;
    }

    /// <summary>A generated service base is nested in a static class whose Descriptor property describes the service.</summary>
    private static ServiceDescriptor? FindServiceDescriptor(Type serviceType)
    {
        for (var type = serviceType; type is not null; type = type.BaseType)
        {
            var property = type.DeclaringType?.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.Static);
            if (property?.PropertyType == typeof(ServiceDescriptor)) return (ServiceDescriptor?)property.GetValue(null);
        }
        return null;
    }

    private sealed record Index(IReadOnlyList<string> ServiceNames)
    {
        public Dictionary<string, FileDescriptor> FilesByName { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, FileDescriptor> FilesBySymbol { get; } = new(StringComparer.Ordinal);
    }
}
