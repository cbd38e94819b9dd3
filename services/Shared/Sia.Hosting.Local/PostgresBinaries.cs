using System.Globalization;

namespace Sia.Hosting.Local;

/// <summary>Finds the PostgreSQL server binaries (postgres and initdb) installed on this machine.</summary>
public static class PostgresBinaries
{
    /// <summary>Debian's layout: <c>/usr/lib/postgresql/{version}/bin</c>.</summary>
    public const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The newest <c>{debianRoot}/{version}/bin</c> holding postgres and initdb, else (when asked) a PATH directory holding both.</summary>
    public static string? FindBinDirectory(string debianRoot = DebianRoot, bool searchPath = true)
    {
        static bool HasBinaries(string dir) => IsProgram(Path.Combine(dir, "postgres")) && IsProgram(Path.Combine(dir, "initdb"));

        if (Directory.Exists(debianRoot))
        {
            var newest = Directory.EnumerateDirectories(debianRoot)
                .Select(dir => (bin: Path.Combine(dir, "bin"), version: decimal.TryParse(Path.GetFileName(dir), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(x => x.version >= 0 && HasBinaries(x.bin))
                .OrderByDescending(x => x.version)
                .Select(x => x.bin)
                .FirstOrDefault();
            if (newest is not null) return newest;
        }
        if (!searchPath) return null;
        return (Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(HasBinaries);
    }

    /// <summary>A file, or a link that leads to one (File.Exists also answers true for a link to nothing).</summary>
    private static bool IsProgram(string path)
    {
        var file = new FileInfo(path);
        return file.Exists && (file.LinkTarget is null || file.ResolveLinkTarget(returnFinalTarget: true) is { Exists: true });
    }

    /// <summary>Says where it looked and how to install them; <paramref name="alternative"/> names the caller's other way out.</summary>
    public static string MissingMessage(string alternative, string debianRoot = DebianRoot, bool searchPath = true) =>
        $"No PostgreSQL server binaries found (looked for {debianRoot}/*/bin/postgres and initdb" +
        (searchPath ? ", and on PATH" : "") + "). To fix, either install them: `apt-get install -y postgresql`, or " + alternative;
}
