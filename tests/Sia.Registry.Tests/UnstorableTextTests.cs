using Google.Protobuf.Reflection;
using Grpc.Core;
using Sia.Registry.Tests.AnyRequest;

namespace Sia.Registry.Tests;

/// <summary>Text PostgreSQL can't store (a NUL) or that is not text at all (a lone surrogate) is INVALID_ARGUMENT naming the field, never UNKNOWN.</summary>
public sealed class UnstorableTextTests(SampledRegistryHost registry) : IClassFixture<SampledRegistryHost>
{
    public static TheoryData<string, string> EveryStringField => [.. RegistryMethods.All.SelectMany(method =>
        StringFields.Of(method.InputType).Select(path => ($"{method.Service.Name}.{method.Name}", path)))];

    /// <summary>protobuf.js sends a lone surrogate as bytes that are not UTF-8; grpc-dotnet answered UNKNOWN before the handler ran.</summary>
    [Theory]
    [MemberData(nameof(EveryStringField))]
    public async Task A_lone_surrogate_in_any_string_of_any_request_is_refused_naming_the_field(string rpc, string path)
    {
        var method = RegistryMethods.Named(rpc);
        var request = registry.RequestFor(method);
        StringFields.Change(request, path, text => text + WireText.LoneHighSurrogate);

        var answer = await registry.Client.CallAsync(method, request);

        Assert.Equal(StatusCode.InvalidArgument, answer.Code);
        Assert.Equal([FieldOf(method, path)], answer.Fields);
    }

    /// <summary>The field a refusal names for the path: the first element of a repeated field, a map as a whole.</summary>
    private static string FieldOf(MethodDescriptor method, string path)
    {
        var type = method.InputType;
        var parts = new List<string>();
        foreach (var name in path.Split('.'))
        {
            var field = type.FindFieldByName(name);
            if (field.IsMap) return string.Join('.', [.. parts, name]);
            parts.Add(field.IsRepeated ? $"{name}[0]" : name);
            if (field.FieldType == FieldType.Message) type = field.MessageType;
        }
        return string.Join('.', parts);
    }
}
