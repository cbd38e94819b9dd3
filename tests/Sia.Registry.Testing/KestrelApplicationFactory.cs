using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Sia.Registry.Testing;

/// <summary>
/// A service run by its own Program.cs (WebApplicationFactory), with its project's appsettings.json, on real Kestrel rather
/// than TestServer once <c>UseKestrel</c> and <c>StartServer</c> are called. Settings reach Program as command-line
/// arguments, so they are there when it reads its configuration; services are added after its own.
/// </summary>
/// <typeparam name="TEntryPoint">Any public type of the service's assembly: each Program is the global, internal Program.</typeparam>
public sealed class KestrelApplicationFactory<TEntryPoint>(
    string environmentName, IEnumerable<KeyValuePair<string, string?>> settings, Action<IServiceCollection>? configureServices = null)
    : WebApplicationFactory<TEntryPoint> where TEntryPoint : class
{
    /// <summary>Where the server listens, as bound (free ports resolved).</summary>
    public IReadOnlyList<Uri> Addresses =>
        [.. Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(address => new Uri(address))];

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environmentName);
        // Each watcher of appsettings.json costs an inotify instance, and a test run starts many hosts.
        builder.UseSetting("hostBuilder:reloadConfigOnChange", "false");
        // A setting rather than SetMinimumLevel, which loses to appsettings.json's Logging:LogLevel:Default.
        builder.UseSetting("Logging:LogLevel:Default", nameof(LogLevel.Warning));
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        if (configureServices is not null) builder.ConfigureServices(configureServices);
    }
}
