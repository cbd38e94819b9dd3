using Grpc.Net.Client;
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
}
