namespace Sia.AppHost.Hosting;

/// <summary>A project the AppHost runs: generated as Projects.{Name} from the AppHost's project references.</summary>
public interface IProjectMetadata
{
    string ProjectPath { get; }

    /// <summary>The assembly the build makes, which the AppHost starts with <c>dotnet</c>.</summary>
    string TargetPath { get; }
}
