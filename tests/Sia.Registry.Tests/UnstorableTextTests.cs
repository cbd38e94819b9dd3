using Google.Protobuf.Reflection;
using Grpc.Core;
using Sia.Registry.Testing.AnyRequest;

namespace Sia.Registry.Tests;

/// <summary>Text PostgreSQL can't store (a NUL) or that is not text at all (a lone surrogate) is INVALID_ARGUMENT naming the field, never UNKNOWN.</summary>
public sealed class UnstorableTextTests(SampledRegistryHost registry) : IClassFixture<SampledRegistryHost>
{
    /// <summary>The fields whose text is stored or searched for; every other string is a name, id or token with a pattern.</summary>
    public static TheoryData<string, string, string> StoredOrSearched => new()
    {
        { "SchoolService.ListSchools", "name_contains", "name_contains" },
        { "SchoolService.CreateSchool", "school.display_name", "school.display_name" },
        { "SchoolService.CreateSchool", "school.trust", "school.trust" },
        { "SchoolService.CreateSchool", "school.federation", "school.federation" },
        { "SchoolService.CreateSchool", "school.diocese", "school.diocese" },
        { "SchoolService.CreateSchool", "school.headteacher", "school.headteacher" },
        { "SchoolService.CreateSchool", "school.address.street", "school.address.street" },
        { "SchoolService.CreateSchool", "school.address.locality", "school.address.locality" },
        { "SchoolService.CreateSchool", "school.address.town", "school.address.town" },
        { "SchoolService.CreateSchool", "school.address.postcode", "school.address.postcode" },
        { "SchoolService.UpdateSchool", "school.headteacher", "school.headteacher" },
        { "LocalAuthorityService.CreateLocalAuthority", "local_authority.display_name", "local_authority.display_name" },
        { "ClusterService.CreateCluster", "cluster.display_name", "cluster.display_name" },
        { "AllianceService.CreateAlliance", "alliance.display_name", "alliance.display_name" },
        { "AllianceService.UpdateAlliance", "alliance.display_name", "alliance.display_name" },
        { "SystemLeaderService.CreateSystemLeader", "system_leader.display_name", "system_leader.display_name" },
        { "SystemLeaderService.UpdateSystemLeader", "system_leader.specialisms", "system_leader.specialisms[0]" },
        { "SystemLeaderService.ListSystemLeaders", "specialism", "specialism" },
        { "InspectionService.CreateInspection", "inspection.report_url", "inspection.report_url" },
    };

    [Theory]
    [MemberData(nameof(StoredOrSearched))]
    public async Task A_NUL_in_stored_or_searched_text_is_refused_naming_the_field(string rpc, string path, string field)
    {
        var method = RegistryMethods.Named(rpc);
        var request = registry.RequestFor(method);
        StringFields.Change(request, path, text => text + "\0");

        var answer = await registry.Client.CallAsync(method, request);

        Assert.Equal(StatusCode.InvalidArgument, answer.Code);
        Assert.Equal([field], answer.Fields);
    }

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
