using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Sia.Risk.Domain;
using Sia.Risk.ReadModel;
using Sia.Testing;
using Sia.Testing.Postgres;
using Sia.Contracts.Ofsted;

namespace Sia.Risk.Tests.ReadModel;

/// <summary>
/// The risk service copies what it needs of a real registry from its change stream, from empty and again after it restarts,
/// each change applied once; a fresh registry and risk database per test.
/// </summary>
public sealed class CatchUpTests(PostgresServer postgres) : RegistryAndEmptyCopy(postgres)
{
    [Fact]
    public async Task An_empty_copy_catches_up_with_schools_memberships_and_inspections_and_answers_from_them()
    {
        using var channel = Registry.CreateChannel();
        var sample = await new RegistryWrites(channel).SampleAsync();

        await using var risk = await RiskHost.StartAsync(RiskDatabase, Registry.Address);
        await Probe.CaughtUpAsync();

        await using var scope = risk.Services.CreateAsyncScope();
        var reader = scope.ServiceProvider.GetRequiredService<RegistryCopy>();
        var lead = await reader.FindSchoolAsync(sample.Lead.Urn, CancellationToken.None);
        Assert.Equal(("816", sample.Lead.DisplayName, 2, 4, 1, sample.Cluster.Name, (DateOnly?)null),
            (lead!.LaCode, lead.DisplayName, lead.PhaseOfEducationCode, lead.EstablishmentTypeGroupCode, lead.StatusCode, lead.Cluster, lead.CloseDate));
        Assert.Empty(lead.AllianceMemberships);
        var membership = Assert.Single((await reader.FindSchoolAsync(sample.Member.Urn, CancellationToken.None))!.AllianceMemberships);
        Assert.Equal((sample.Membership.Name, sample.Member.Urn, sample.Alliance.Name, new DateOnly(2015, 9, 1), (DateOnly?)null),
            (membership.Name, membership.Urn, membership.Alliance, membership.JoinDate, membership.LeaveDate));
        Assert.Null(await reader.FindSchoolAsync(TestData.NewUrn(), CancellationToken.None));
        var leadLatest = await reader.LatestInspectionAsync(sample.Lead.Urn, new DateOnly(2026, 1, 1), CancellationToken.None);
        var leadBefore = await reader.LatestInspectionAsync(sample.Lead.Urn, new DateOnly(2020, 1, 1), CancellationToken.None);
        var member = await reader.LatestInspectionAsync(sample.Member.Urn, new DateOnly(2026, 1, 1), CancellationToken.None);
        Assert.Equal((sample.Eif.Name, new DateOnly(2023, 1, 25), InspectionFramework.EducationInspectionFramework2019, 4, CategoryOfConcern.SeriousWeaknesses),
            (leadLatest!.Name, leadLatest.Date, leadLatest.Framework, leadLatest.OverallGrade, leadLatest.CategoryOfConcern));
        Assert.Equal(new Dictionary<string, int> { ["quality_of_education"] = 4, ["behaviour_and_attitudes"] = 3 }, leadLatest.KeyJudgements);
        Assert.Equal((sample.Cif.Name, 2), (leadBefore!.Name, leadBefore.KeyJudgements["leadership_and_management"]));
        Assert.Equal((InspectionFramework.ReportCard2025, Safeguarding.NotMet, 0), (member!.Framework, member.Safeguarding, member.OverallGrade));
        Assert.Equal(new Dictionary<string, ReportCardGrade> { ["inclusion"] = ReportCardGrade.StrongStandard, ["achievement"] = ReportCardGrade.NeedsAttention }, member.ReportCardAreas);

        Assert.Equal(await Probe.LoggedOnceEachAsync(), await Probe.AppliedAgainstLoggedAsync());
        Assert.Equal([sample.Cif.Name, sample.Eif.Name, sample.ReportCard.Name], await Probe.InspectionsRecordedAsync());
        await using var copy = Probe.OpenCopy();
        Assert.Equal([new DateOnly(2016, 3, 9), new DateOnly(2023, 1, 25), new DateOnly(2025, 11, 20)],
            await copy.InspectionsRecorded.OrderBy(r => r.Id).Select(r => r.InspectionDate).ToListAsync());
        // The last change is the system leader's, which is not copied: its token is stored all the same.
        Assert.Equal((await LastChangeAsync()).ResumeToken, (await Probe.StateAsync())!.ResumeToken);
        var health = await risk.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
        Assert.Equal(HealthStatus.Healthy, health.Entries[RegistryFollowerHealthCheck.Name].Status);
    }

    [Fact]
    public async Task After_a_restart_the_copy_resumes_from_its_stored_token_and_applies_each_change_once()
    {
        using var channel = Registry.CreateChannel();
        var writes = new RegistryWrites(channel);
        var sample = await writes.SampleAsync();
        await using (var first = await RiskHost.StartAsync(RiskDatabase, Registry.Address)) await Probe.CaughtUpAsync();

        // While the risk service is down: a school closes (ending its membership), a school opens, an inspection is recorded.
        await writes.CloseAsync(sample.Member, new Google.Type.Date { Year = 2026, Month = 8, Day = 31 });
        var opened = await writes.CreateSchoolAsync();
        var inspection = await writes.InspectAsync(opened, RegistryWrites.ReportCard());
        await using var second = await RiskHost.StartAsync(RiskDatabase, Registry.Address);
        await Probe.CaughtUpAsync();

        Assert.Equal(await Probe.LoggedOnceEachAsync(), await Probe.AppliedAgainstLoggedAsync());
        Assert.Equal([sample.Cif.Name, sample.Eif.Name, sample.ReportCard.Name, inspection.Name], await Probe.InspectionsRecordedAsync());
        await using var copy = Probe.OpenCopy();
        var closed = await copy.RegistrySchools.AsNoTracking().Include(s => s.AllianceMemberships).SingleAsync(s => s.Urn == sample.Member.Urn);
        Assert.Equal((2, new DateOnly(2026, 8, 31)), (closed.StatusCode, closed.CloseDate));
        Assert.Equal(new DateOnly(2026, 8, 31), Assert.Single(closed.AllianceMemberships).LeaveDate);
    }

    private async Task<Sia.Registry.V1.Change> LastChangeAsync()
    {
        var count = (await Probe.RegistryChangesAsync()).Values.Sum();
        using var channel = Registry.CreateChannel();
        using var watch = new Sia.Registry.V1.RegistryChangeService.RegistryChangeServiceClient(channel)
            .WatchChanges(new Sia.Registry.V1.WatchChangesRequest(), deadline: DateTime.UtcNow.Add(Until.Generous));
        for (var read = 0; read < count; read++) Assert.True(await watch.ResponseStream.MoveNext(CancellationToken.None));
        return watch.ResponseStream.Current;
    }
}
