using Grpc.Health.V1;
using Sia.Registry.V1;
using Sia.Testing;

namespace Sia.Registry.Tests;

/// <summary>The running registry, called by clients we did not write: buf curl (by reflection) and health checks. Python grpcio and grpc-js call it through the gateway (Sia.Gateway.Tests).</summary>
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
