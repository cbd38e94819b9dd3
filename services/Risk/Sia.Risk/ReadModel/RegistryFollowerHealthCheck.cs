using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sia.Risk.ReadModel;

/// <summary>
/// Healthy while the registry's change stream is open; Degraded (still 200 on /health: the service answers from its copy)
/// while it is not. The description and data say how far the copy has got.
/// </summary>
internal sealed class RegistryFollowerHealthCheck(RegistryFollowStatus status) : IHealthCheck
{
    public const string Name = "registry-read-model";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var progress = status.Current;
        var copy = progress.LastChangeTime is { } last
            ? $"{progress.AppliedChanges} changes applied, the last committed at {Format(last)} and applied at {Format(progress.LastAppliedTime)}"
            : "no change applied yet";
        var data = new Dictionary<string, object>
        {
            ["applied_changes"] = progress.AppliedChanges,
            ["last_change_time"] = Format(progress.LastChangeTime),
            ["last_applied_time"] = Format(progress.LastAppliedTime),
        };
        return Task.FromResult(progress.Connected
            ? HealthCheckResult.Healthy($"Following the registry's changes since {Format(progress.Since)}; {copy}.", data)
            : HealthCheckResult.Degraded($"Not following the registry's changes{(progress.Since is { } since ? $" since {Format(since)}" : " yet")}; answering from the copy ({copy}).", data: data));
    }

    private static string Format(DateTime? time) => time?.ToString("O", CultureInfo.InvariantCulture) ?? "";
}
