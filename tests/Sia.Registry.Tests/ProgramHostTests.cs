using Sia.Testing;

namespace Sia.Registry.Tests;

/// <summary>The registry under test is the one its Program.cs runs (its application, with its project's appsettings.json), not a copy of its wiring.</summary>
public sealed class ProgramHostTests(RegistryHost host) : IClassFixture<RegistryHost>
{
    [Fact]
    public void The_host_runs_the_registrys_Program_with_its_own_appsettings()
    {
        var environment = host.Services.GetRequiredService<IWebHostEnvironment>();

        Assert.Equal("Sia.Registry", environment.ApplicationName);
        Assert.Equal(RepoPaths.Combine("services", "Registry", "Sia.Registry"), Path.TrimEndingDirectorySeparator(environment.ContentRootPath));
    }
}
