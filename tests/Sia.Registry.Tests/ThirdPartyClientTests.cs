using Grpc.Health.V1;
using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Registry.Tests;

/// <summary>The running registry, called by clients we did not write: buf curl (by reflection), Python grpcio, and health checks.</summary>
public sealed class ThirdPartyClientTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    [Fact]
    public async Task Buf_curl_reads_a_school_by_reflection()
    {
        using var channel = host.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "876", "Halton");
        var school = await new SchoolService.SchoolServiceClient(channel).CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("876") });

        var (exitCode, output) = await PeerProcess.RunAsync(RepoPaths.Combine("node_modules", ".bin", "buf"),
            ["curl", "--protocol", "grpc", "--http2-prior-knowledge", "-d", $$"""{"name": "{{school.Name}}"}""",
             new Uri(host.Address, "sia.registry.v1.SchoolService/GetSchool").ToString()],
            TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"\"laestab\": {school.Laestab}", output);
        Assert.Contains(school.DisplayName, output);
    }

    [Fact]
    public async Task A_Python_grpcio_client_reads_lists_gets_rich_errors_and_retries_creates()
    {
        using var channel = host.CreateChannel();
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(channel), "816", "York");
        var schools = new SchoolService.SchoolServiceClient(channel);
        var lead = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var member = await schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("816") });
        var alliances = new AllianceService.AllianceServiceClient(channel);
        var alliance = await alliances.CreateAllianceAsync(new CreateAllianceRequest
        {
            AllianceId = $"python-{lead.Urn}",
            Alliance = new Alliance { DisplayName = "Python peer alliance", Kind = Alliance.Types.Kind.TeachingSchoolHub, LeadSchool = lead.Name },
        });
        foreach (var school in new[] { lead, member })
        {
            await alliances.CreateAllianceMembershipAsync(new CreateAllianceMembershipRequest
            {
                Parent = alliance.Name,
                AllianceMembership = new AllianceMembership { School = school.Name, JoinDate = new Sia.Contracts.GoogleTypes.Date { Year = 2021, Month = 9, Day = 1 } },
            });
        }

        var (exitCode, output) = await PeerProcess.RunAsync(PeerProcess.Python,
            [RepoPaths.Combine("tests", "peers", "python", "registry_client.py"), $"--address={host.Address.Authority}", $"--school={lead.Name}", $"--alliance={alliance.Name}"],
            TimeSpan.FromSeconds(60));

        Assert.True(exitCode == 0, output);
        Assert.Contains($"school {lead.Name} {lead.Laestab} {lead.DisplayName}", output);
        Assert.Contains($"alliance_members {lead.Name},{member.Name}", output);
        Assert.Contains("invalid_argument name: 'schools/12' is not a school name", output);
        Assert.Contains("retried_create SAME", output);
    }

    [Fact]
    public async Task Health_reports_serving_with_the_database_up()
    {
        using var channel = host.CreateChannel();

        var health = await new Health.HealthClient(channel).CheckAsync(new HealthCheckRequest());

        Assert.Equal(HealthCheckResponse.Types.ServingStatus.Serving, health.Status);
    }

    [Fact]
    public async Task Health_and_alive_answer_over_http2()
    {
        using var http = new HttpClient { DefaultRequestVersion = System.Net.HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var health = await http.GetAsync(new Uri(host.Address, "/health"), TestContext.Current.CancellationToken);
        using var alive = await http.GetAsync(new Uri(host.Address, "/alive"), TestContext.Current.CancellationToken);

        Assert.Equal(System.Net.HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("Healthy", await health.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        Assert.Equal(System.Net.HttpStatusCode.OK, alive.StatusCode);
    }
}
