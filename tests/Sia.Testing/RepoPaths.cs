namespace Sia.Testing;

/// <summary>Paths in the repository the tests run from.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    public static string Combine(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "SIA.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Could not find the repository root (SIA.sln) above " + AppContext.BaseDirectory);
    }
}
