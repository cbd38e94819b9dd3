namespace Sia.Risk.Domain.Frameworks;

/// <summary>What an update may change in a framework's draft: its name and its definition.</summary>
internal sealed record FrameworkContent(string DisplayName, FrameworkDefinition Definition);
