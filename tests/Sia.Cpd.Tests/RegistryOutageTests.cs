using System.Net;
using System.Net.Sockets;
using Grpc.Core;
using Sia.Cpd.V1;
using Sia.Testing.Postgres;

namespace Sia.Cpd.Tests;

/// <summary>With no registry to ask, creating a programme is UNAVAILABLE, saying so, and creates nothing.</summary>
public sealed class RegistryOutageTests(PostgresServer postgres)
{
    [Fact]
    public async Task A_programme_is_not_created_while_the_registry_cannot_be_asked()
    {
        var database = await postgres.CreateDatabaseAsync("cpd-outage");
        try
        {
            await using var cpd = await CpdHost.StartAsync(database, new Uri($"http://127.0.0.1:{ClosedPort()}"),
                new Dictionary<string, string?> { ["Cpd:Registry:Timeout"] = "00:00:02" });
            var programmes = new ProgrammeService.ProgrammeServiceClient(cpd.CreateChannel());
            var error = await Assert.ThrowsAsync<RpcException>(() => programmes.CreateProgrammeAsync(
                new CreateProgrammeRequest { Parent = Catalogue.Pathfinder, ProgrammeId = "2015-16", Programme = Catalogue.Programme() }).ResponseAsync);
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
            Assert.Contains("registry", error.Status.Detail);
            Assert.Contains(Catalogue.Pathfinder, error.Status.Detail);
            Assert.Empty((await programmes.ListProgrammesAsync(new ListProgrammesRequest { Parent = Catalogue.Pathfinder })).Programmes);
        }
        finally
        {
            await postgres.DropDatabaseAsync(database);
        }
    }

    /// <summary>A loopback port nothing listens on (bound, then released).</summary>
    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
