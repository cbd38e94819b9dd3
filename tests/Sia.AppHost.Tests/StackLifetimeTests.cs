using Grpc.Net.Client;
using Sia.AppHost.Hosting;
using Sia.AppHost.Testing;
using Sia.Registry.V1;

namespace Sia.AppHost.Tests;

/// <summary>Starting and disposing a stack through the testing builder: nothing may outlive it.</summary>
public sealed class StackLifetimeTests
{
    [Fact]
    public async Task Disposing_the_stack_leaves_no_process_and_no_state_behind()
    {
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>();
        var state = builder.Options.StateDirectory;
        int[] pids;
        await using (var app = builder.Build())
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await app.StartAsync(timeout.Token);
            pids = [.. new[] { "postgres", "registry", "gateway" }.Select(name => app.GetResourceState(name).ProcessId!.Value)];
            using var channel = GrpcChannel.ForAddress(app.GetEndpoint("registry"));
            var authority = await new LocalAuthorityService.LocalAuthorityServiceClient(channel)
                .GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = "localAuthorities/806" }, deadline: DateTime.UtcNow.AddSeconds(30));
            Assert.Equal("Middlesbrough", authority.DisplayName);
            Assert.True(Directory.Exists(Path.Combine(state, "postgres", "data")));
        }

        Assert.All(pids, pid => Assert.False(Directory.Exists($"/proc/{pid}"), $"process {pid} is still running"));
        Assert.False(Directory.Exists(state), $"{state} is still there");
    }

    [Fact]
    public async Task A_database_that_cannot_be_reached_fails_the_start_with_its_reason_and_everything_after_it()
    {
        var nobody = Sia.Hosting.Local.LoopbackPorts.Free();
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Program>(configuration: new Dictionary<string, string?>
        {
            ["ConnectionStrings:postgres"] = $"Host=127.0.0.1;Port={nobody};Username=postgres;Password=unused;Timeout=3",
        });
        await using var app = builder.Build();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(1));

        var error = await Assert.ThrowsAsync<DistributedApplicationException>(() => app.StartAsync(timeout.Token));

        Assert.Contains($"127.0.0.1:{nobody}", error.Message);
        Assert.Equal([ResourceState.FailedToStart, ResourceState.FailedToStart, ResourceState.FailedToStart],
            new[] { "postgres", "registry", "gateway" }.Select(name => app.GetResourceState(name).State));
    }
}
