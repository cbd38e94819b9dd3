using Microsoft.EntityFrameworkCore;
using Sia.Registry.Data;
using Sia.Registry.Demo;
using Sia.Registry.V1;
using Sia.Testing.Postgres;
using static Sia.Registry.V1.Inspection.Types;

namespace Sia.Registry.Tests;

public sealed class DemoDataTests(PostgresServer postgres)
{
    [Fact]
    public async Task The_Development_environment_loads_the_demo_registry_once()
    {
        await using var host = new RegistryHost(postgres) { EnvironmentName = Environments.Development, LoadDemoData = null };
        await host.InitializeAsync();
        using var channel = host.CreateChannel();
        var schools = new SchoolService.SchoolServiceClient(channel);

        var authorities = await new LocalAuthorityService.LocalAuthorityServiceClient(channel).ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest());
        var yorkClusters = await new ClusterService.ClusterServiceClient(channel).ListClustersAsync(new ListClustersRequest { Parent = "localAuthorities/816" });
        var all = await schools.ListSchoolsAsync(new ListSchoolsRequest { PageSize = 500 });
        var specialMeasures = await schools.ListSchoolsAsync(new ListSchoolsRequest { LatestCategoriesOfConcern = { CategoryOfConcern.SpecialMeasures } });
        var requiresImprovement = await schools.ListSchoolsAsync(new ListSchoolsRequest { LatestOverallGrades = { 3 } });
        var alliances = await new AllianceService.AllianceServiceClient(channel).ListAlliancesAsync(new ListAlliancesRequest());
        var ebor = await schools.ListSchoolsAsync(new ListSchoolsRequest { Alliance = "alliances/ebor" });
        var leaders = await new SystemLeaderService.SystemLeaderServiceClient(channel).ListSystemLeadersAsync(new ListSystemLeadersRequest());

        Assert.Equal(["Dudley", "Middlesbrough", "York", "Halton"], authorities.LocalAuthorities.Select(la => la.DisplayName));
        Assert.Equal(6, yorkClusters.Clusters.Count);
        Assert.Equal(DemoCatalog.Schools.Length, all.Schools.Count);
        Assert.True(all.Schools.Select(s => s.PhaseOfEducationCode).Distinct().Count() >= 5, "the demo spans phases");
        Assert.Single(specialMeasures.Schools);
        Assert.InRange(requiresImprovement.Schools.Count, 5, 15);
        Assert.Contains(all.Schools, s => s.LatestInspection?.OverallGrade == 0 && s.LatestInspection.Inspection.Length > 0);
        Assert.Contains("alliances/the-heath", alliances.Alliances.Select(a => a.Name));
        Assert.Equal(7, alliances.Alliances.Count);
        Assert.Equal(7, ebor.Schools.Count);
        Assert.Contains(leaders.SystemLeaders, l => l.LocalDesignation == "YLE");

        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<RegistryDbContext>();
        var changesBefore = await db.Changes.CountAsync(TestContext.Current.CancellationToken);
        await scope.ServiceProvider.GetRequiredService<DemoDataLoader>().LoadAsync(TestContext.Current.CancellationToken);
        Assert.Equal(changesBefore, await db.Changes.CountAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Production_loads_demo_data_only_when_asked()
    {
        await using var unasked = new RegistryHost(postgres) { LoadDemoData = null };
        await using var asked = new RegistryHost(postgres) { LoadDemoData = true };
        await unasked.InitializeAsync();
        await asked.InitializeAsync();

        var none = await new LocalAuthorityService.LocalAuthorityServiceClient(unasked.CreateChannel()).ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest());
        var loaded = await new LocalAuthorityService.LocalAuthorityServiceClient(asked.CreateChannel()).ListLocalAuthoritiesAsync(new ListLocalAuthoritiesRequest());

        Assert.Empty(none.LocalAuthorities);
        Assert.Equal(4, loaded.LocalAuthorities.Count);
    }
}
