using Google.Protobuf;
using Grpc.Core;
using Sia.Registry.Testing.AnyRequest;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

/// <summary>Every text field of a request has a limit, and every repeated field a bounded count; beyond it, INVALID_ARGUMENT names the field.</summary>
public sealed class TextLimitTests(SampledRegistryHost registry) : IClassFixture<SampledRegistryHost>
{
    public static TheoryData<string, string, int, string> FreeText => new()
    {
        { "LocalAuthorityService.CreateLocalAuthority", "local_authority.display_name", 200, "local_authority.display_name" },
        { "SchoolService.CreateSchool", "school.display_name", 200, "school.display_name" },
        { "SchoolService.CreateSchool", "school.trust", 200, "school.trust" },
        { "SchoolService.CreateSchool", "school.federation", 200, "school.federation" },
        { "SchoolService.CreateSchool", "school.diocese", 200, "school.diocese" },
        { "SchoolService.CreateSchool", "school.headteacher", 200, "school.headteacher" },
        { "SchoolService.CreateSchool", "school.address.street", 100, "school.address.street" },
        { "SchoolService.CreateSchool", "school.address.locality", 100, "school.address.locality" },
        { "SchoolService.CreateSchool", "school.address.town", 100, "school.address.town" },
        { "SchoolService.CreateSchool", "school.address.postcode", 100, "school.address.postcode" },
        { "SchoolService.UpdateSchool", "school.headteacher", 200, "school.headteacher" },
        { "SchoolService.ListSchools", "name_contains", 200, "name_contains" },
        { "ClusterService.CreateCluster", "cluster.display_name", 200, "cluster.display_name" },
        { "AllianceService.CreateAlliance", "alliance.display_name", 200, "alliance.display_name" },
        { "AllianceService.UpdateAlliance", "alliance.display_name", 200, "alliance.display_name" },
        { "SystemLeaderService.CreateSystemLeader", "system_leader.display_name", 200, "system_leader.display_name" },
        { "SystemLeaderService.CreateSystemLeader", "system_leader.specialisms", 100, "system_leader.specialisms[0]" },
        { "SystemLeaderService.UpdateSystemLeader", "system_leader.specialisms", 100, "system_leader.specialisms[0]" },
        { "SystemLeaderService.ListSystemLeaders", "specialism", 100, "specialism" },
        { "InspectionService.CreateInspection", "inspection.report_url", 2000, "inspection.report_url" },
        { "InspectionService.CreateInspection", "inspection.key_judgements.key", 50, "inspection.key_judgements" },
    };

    [Theory]
    [MemberData(nameof(FreeText))]
    public async Task Text_over_its_limit_is_refused_naming_the_field_and_text_at_it_is_not(string rpc, string path, int limit, string field)
    {
        var atLimit = await CallAsync(rpc, path, text => Lengthened(text, limit));
        var overLimit = await CallAsync(rpc, path, text => Lengthened(text, limit + 1));

        Assert.DoesNotContain(field, atLimit.Fields);
        Assert.Equal(StatusCode.InvalidArgument, overLimit.Code);
        Assert.Equal([field], overLimit.Fields);
        Assert.Contains($"at most {limit} characters", overLimit.Detail);
    }

    /// <summary>Names, ids, codes, tokens and masks, bounded by their formats: 10,000 characters are refused naming the field, in a refusal that stays small.</summary>
    [Theory]
    [InlineData("SchoolService.GetSchool", "name", "name")]
    [InlineData("SchoolService.BatchGetSchools", "names", "names[0]")]
    [InlineData("SchoolService.ListSchools", "local_authority", "local_authority")]
    [InlineData("SchoolService.ListSchools", "page_token", "page_token")]
    [InlineData("SchoolService.CreateSchool", "school.local_authority_code", "school.local_authority_code")]
    [InlineData("SchoolService.CreateSchool", "school.cluster", "school.cluster")]
    [InlineData("SchoolService.CreateSchool", "request_id", "request_id")]
    [InlineData("SchoolService.UpdateSchool", "school.etag", "school.etag")]
    [InlineData("SchoolService.UpdateSchool", "update_mask.paths", "update_mask")]
    [InlineData("LocalAuthorityService.CreateLocalAuthority", "local_authority.code", "local_authority.code")]
    [InlineData("ClusterService.CreateCluster", "cluster_id", "cluster_id")]
    [InlineData("AllianceService.CreateAlliance", "alliance_id", "alliance_id")]
    [InlineData("AllianceService.CreateAllianceMembership", "alliance_membership.school", "alliance_membership.school")]
    [InlineData("SystemLeaderService.CreateSystemLeader", "system_leader.home_school", "system_leader.home_school")]
    [InlineData("InspectionService.CreateInspection", "inspection.report_card_areas.key", "inspection.report_card_areas")]
    [InlineData("GiasImportService.ImportGiasExtract", "local_authorities", "local_authorities[0]")]
    [InlineData("RegistryChangeService.WatchChanges", "resume_token", "resume_token")]
    public async Task A_name_of_ten_thousand_characters_is_refused_naming_the_field_in_a_short_answer(string rpc, string path, string field)
    {
        var answer = await CallAsync(rpc, path, _ => new string('２', 10_000));

        Assert.Equal(StatusCode.InvalidArgument, answer.Code);
        Assert.Contains(field, answer.Fields);
        Assert.True(answer.Detail.Length < 1_000, answer.Detail);
    }

    public static TheoryData<string, string, int> Lists => new()
    {
        { "SchoolService.BatchGetSchools", "names", 1000 },
        { "SchoolService.ListSchools", "phase_of_education_codes", 20 },
        { "SchoolService.ListSchools", "establishment_type_group_codes", 20 },
        { "SchoolService.ListSchools", "status_codes", 20 },
        { "SchoolService.ListSchools", "latest_overall_grades", 20 },
        { "SchoolService.ListSchools", "latest_categories_of_concern", 20 },
        { "SystemLeaderService.ListSystemLeaders", "designations", 20 },
        { "SystemLeaderService.CreateSystemLeader", "system_leader.specialisms", 20 },
        { "SystemLeaderService.CreateSystemLeader", "system_leader.phase_of_education_codes", 8 },
        { "GiasImportService.ImportGiasExtract", "local_authorities", 200 },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_list_longer_than_its_limit_is_refused_naming_it_and_one_as_long_is_not(string rpc, string path, int limit)
    {
        var method = RegistryMethods.Named(rpc);

        var atLimit = await registry.Client.CallAsync(method, Repeated(registry.RequestFor(method), path, limit));
        var overLimit = await registry.Client.CallAsync(method, Repeated(registry.RequestFor(method), path, limit + 1));

        Assert.DoesNotContain(path, atLimit.Fields);
        Assert.Equal(StatusCode.InvalidArgument, overLimit.Code);
        Assert.Equal([path], overLimit.Fields);
    }

    [Fact]
    public async Task Maps_and_masks_have_at_most_one_entry_for_each_name_they_may_hold()
    {
        var inspection = (CreateInspectionRequest)registry.RequestFor("InspectionService.CreateInspection");
        foreach (var judgement in new[] { "behaviour_and_attitudes", "personal_development", "leadership_and_management", "early_years", "sixth_form", "outcomes" })
            inspection.Inspection.KeyJudgements[judgement] = 2;
        var update = (UpdateSchoolRequest)registry.RequestFor("SchoolService.UpdateSchool");
        update.UpdateMask.Paths.Clear();
        update.UpdateMask.Paths.AddRange(Enumerable.Repeat("pupils", 22));

        var sevenJudgements = await registry.Client.CallAsync(RegistryMethods.Named("InspectionService.CreateInspection"), inspection);
        var longMask = await registry.Client.CallAsync(RegistryMethods.Named("SchoolService.UpdateSchool"), update);

        Assert.Equal(["inspection.key_judgements"], sevenJudgements.Fields);
        Assert.Equal(["update_mask"], longMask.Fields);
    }

    private async Task<Answer> CallAsync(string rpc, string path, Func<string, string> change)
    {
        var method = RegistryMethods.Named(rpc);
        var request = registry.RequestFor(method);
        StringFields.Change(request, path, change);
        return await registry.Client.CallAsync(method, request);
    }

    /// <summary>The text made exactly this long, its start kept (a URL stays a URL), with a letter of two UTF-8 bytes: limits count characters.</summary>
    private static string Lengthened(string text, int length) => text.Length >= length ? text[..length] : text + new string('é', length - text.Length);

    /// <summary>The request with the repeated field at the path holding its first element this many times.</summary>
    private static IMessage Repeated(IMessage request, string path, int count)
    {
        var names = path.Split('.');
        var message = names[..^1].Aggregate(request, (parent, name) => (IMessage)parent.Descriptor.FindFieldByName(name).Accessor.GetValue(parent));
        var list = (System.Collections.IList)message.Descriptor.FindFieldByName(names[^1]).Accessor.GetValue(message);
        var first = list[0];
        list.Clear();
        for (var i = 0; i < count; i++) list.Add(first);
        return request;
    }
}
