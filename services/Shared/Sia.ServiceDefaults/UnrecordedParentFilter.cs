using System.Diagnostics;
using OpenTelemetry;

namespace Sia.ServiceDefaults;

/// <summary>
/// Drops a span whose parent, in this process, was dropped: a health probe's database query, say. Aspire has services
/// sample always_on, which would keep such children, each a trace without its root.
/// </summary>
internal sealed class UnrecordedParentFilter : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        for (var parent = data.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent.Recorded) continue;
            data.ActivityTraceFlags &= ~ActivityTraceFlags.Recorded;
            return;
        }
    }
}
