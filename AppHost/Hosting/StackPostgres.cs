using System.ComponentModel;
using System.Diagnostics;
using Aspire.Hosting.ApplicationModel;
using Aspire.Hosting;
using Microsoft.Extensions.Configuration;
using Sia.Hosting.Local;

namespace Sia.AppHost.Hosting;

/// <summary>
/// The stack's PostgreSQL: the machine's binaries (<see cref="LocalPostgresBuilderExtensions"/>), or, with
/// Postgres:UseContainer=true where a container runtime runs, Aspire.Hosting.PostgreSQL's AddPostgres unchanged.
/// </summary>
public static class StackPostgres
{
    public const string UseContainerKey = "Postgres:UseContainer";
    public const string DataDirectoryKey = "Postgres:DataDirectory";
    /// <summary>fsync, synchronous_commit and full_page_writes off: for a throwaway cluster (tests), never for data to keep.</summary>
    public const string ThrowawayKey = "Postgres:Throwaway";
    private const string DefaultDataDirectory = "../.sia/postgres/data";

    /// <summary>Why the stack cannot have a PostgreSQL here, in one line that names the fix; null when it can.</summary>
    public static string? Problem(IDistributedApplicationBuilder builder)
    {
        if (!builder.Configuration.GetValue<bool>(UseContainerKey))
        {
            return PostgresBinaries.FindBinDirectory() is null
                ? PostgresBinaries.MissingMessage($"where Docker or Podman runs, set {AsEnvironmentVariable(UseContainerKey)}=true to use a PostgreSQL container.")
                : UnreachableByServerUser(DataDirectory(builder));
        }
        var runtime = builder.Configuration["ASPIRE_CONTAINER_RUNTIME"] ?? "docker";
        return ContainerRuntimeAnswers(runtime)
            ? null
            : $"{AsEnvironmentVariable(UseContainerKey)}=true needs a container runtime, and '{runtime} info' does not answer here. Start {runtime} " +
              $"(or name another in ASPIRE_CONTAINER_RUNTIME), or use the machine's PostgreSQL: `apt-get install -y postgresql` and unset {AsEnvironmentVariable(UseContainerKey)}.";
    }

    /// <summary>The server; its data is kept across runs in .sia/postgres (or a container volume).</summary>
    public static IResourceBuilder<IResourceWithConnectionString> AddStackPostgres(this IDistributedApplicationBuilder builder, [ResourceName] string name)
    {
        if (builder.Configuration.GetValue<bool>(UseContainerKey)) return builder.AddPostgres(name).WithDataVolume();
        var local = builder.AddLocalPostgres(name, PostgresBinaries.FindBinDirectory()!)
            .WithDataDirectory(DataDirectory(builder));
        if (builder.Configuration.GetValue<bool>(ThrowawayKey))
            local.WithSetting("fsync", "off").WithSetting("synchronous_commit", "off").WithSetting("full_page_writes", "off");
        return local;
    }

    public static IResourceBuilder<IResourceWithConnectionString> AddDatabase(this IResourceBuilder<IResourceWithConnectionString> server,
        [ResourceName] string name) => server switch
    {
        IResourceBuilder<PostgresServerResource> container => container.AddDatabase(name),
        IResourceBuilder<LocalPostgresServerResource> local => local.AddDatabase(name),
        _ => throw new ArgumentException($"{server.Resource.Name} is not a server AddStackPostgres made.", nameof(server)),
    };

    private static string DataDirectory(IDistributedApplicationBuilder builder) =>
        Path.GetFullPath(Path.Combine(builder.AppHostDirectory, builder.Configuration[DataDirectoryKey] ?? DefaultDataDirectory));

    /// <summary>
    /// As root, the AppHost runs PostgreSQL as the postgres OS user, who must be able to pass through every folder above
    /// its data (a repository under /root, say, is closed to it).
    /// </summary>
    private static string? UnreachableByServerUser(string dataDirectory)
    {
        if (OperatingSystem.IsWindows() || !Environment.IsPrivilegedProcess) return null;
        for (var folder = Path.GetDirectoryName(dataDirectory); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.Exists(folder) && !File.GetUnixFileMode(folder).HasFlag(UnixFileMode.OtherExecute))
                return $"PostgreSQL runs as the postgres OS user (the AppHost is root), who cannot reach {dataDirectory}: {folder} is closed to " +
                    $"other users. Set {AsEnvironmentVariable(DataDirectoryKey)} to a folder it can reach (for example /var/tmp/sia/postgres/data), " +
                    $"or open {folder} with `chmod o+x`.";
        }
        return null;
    }

    private static bool ContainerRuntimeAnswers(string runtime)
    {
        try
        {
            using var info = Process.Start(new ProcessStartInfo(runtime, ["info", "--format", "{{.ServerVersion}}"])
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            if (!info.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                info.Kill();
                return false;
            }
            return info.ExitCode == 0;
        }
        catch (Win32Exception)
        {
            return false; // not installed
        }
    }

    private static string AsEnvironmentVariable(string key) => key.Replace(":", "__", StringComparison.Ordinal);
}
