using Aspire.Hosting;
using Aspire.Hosting.Testing;
using Grpc.Net.Client;
using Sia.Registry.V1;

namespace Sia.Stack.Tests;

/// <summary>A stack of its own, started and disposed: nothing of it may outlive it.</summary>
public sealed class LifetimeTests
{
    private static readonly TimeSpan GoneWithin = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Disposing_the_stack_leaves_no_process_behind()
    {
        var cancellation = TestContext.Current.CancellationToken;
        var state = Path.Combine(Path.GetTempPath(), $"sia-stack-{Guid.NewGuid():N}");
        var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.Sia_AppHost>(StackFixture.Arguments(state), cancellation);
        IReadOnlyList<ProcessInfo> processes;
        await using (var app = await builder.BuildAsync(cancellation))
        {
            await app.StartAsync(cancellation);
            await app.ResourceNotifications.WaitForResourceHealthyAsync("gateway", cancellation);
            using var channel = GrpcChannel.ForAddress(app.GetEndpoint("registry", "http"));
            var authority = await new LocalAuthorityService.LocalAuthorityServiceClient(channel)
                .GetLocalAuthorityAsync(new GetLocalAuthorityRequest { Name = "localAuthorities/806" }, cancellationToken: cancellation);
            Assert.Equal("Middlesbrough", authority.DisplayName);

            processes = ProcessInfo.OfTestApp(state);
            Assert.Contains(processes, p => p.CommandLine.Contains("postgres -D " + state, StringComparison.Ordinal));
            Assert.Contains(processes, p => p.CommandLine.EndsWith("/Sia.Registry", StringComparison.Ordinal));
            Assert.Contains(processes, p => p.CommandLine.EndsWith("/Sia.Gateway", StringComparison.Ordinal));
        }

        await ProcessInfo.WaitUntilGoneAsync(processes, GoneWithin);
        Assert.DoesNotContain(processes, p => p.IsAlive);
        StackFixture.DeleteState(state);
    }
}
