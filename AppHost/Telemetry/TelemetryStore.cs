namespace Sia.AppHost.Telemetry;

/// <summary>
/// Recent telemetry in memory, bounded: the oldest spans and logs go first, and metrics keep one latest point per
/// resource and name. Safe for concurrent receivers and readers; readers get snapshots, newest last.
/// </summary>
public sealed class TelemetryStore(int maxSpans = 20_000, int maxLogs = 20_000, int maxMetricSeries = 5_000)
{
    private readonly Lock _lock = new();
    private readonly Queue<SpanRecord> _spans = new();
    private readonly Queue<LogRecord> _logs = new();
    private readonly Dictionary<(TelemetryResource, string), MetricRecord> _metrics = [];

    /// <summary>Raised after records are added, so a reader can wait for what it expects instead of polling.</summary>
    public event Action? Changed;

    public void Add(IEnumerable<SpanRecord> spans) => AddBounded(_spans, spans, maxSpans);

    public void Add(IEnumerable<LogRecord> logs) => AddBounded(_logs, logs, maxLogs);

    public void Add(IEnumerable<MetricRecord> metrics)
    {
        lock (_lock)
        {
            foreach (var metric in metrics)
            {
                var key = (metric.Resource, metric.Name);
                if (_metrics.Count >= maxMetricSeries && !_metrics.ContainsKey(key)) continue;
                _metrics[key] = metric;
            }
        }
        Changed?.Invoke();
    }

    public IReadOnlyList<SpanRecord> Trace(string traceId) => Snapshot(_spans, s => s.TraceId == traceId);

    public IReadOnlyList<SpanRecord> Spans(string? serviceName = null) => Snapshot(_spans, s => serviceName is null || s.Resource.ServiceName == serviceName);

    public IReadOnlyList<LogRecord> Logs(string? serviceName = null) => Snapshot(_logs, l => serviceName is null || l.Resource.ServiceName == serviceName);

    public IReadOnlyList<MetricRecord> Metrics(string? serviceName = null)
    {
        lock (_lock) return _metrics.Values.Where(m => serviceName is null || m.Resource.ServiceName == serviceName).OrderBy(m => m.Name).ToList();
    }

    /// <summary>Every resource that has sent anything.</summary>
    public IReadOnlyList<TelemetryResource> Resources()
    {
        lock (_lock)
        {
            return _spans.Select(s => s.Resource).Concat(_logs.Select(l => l.Resource)).Concat(_metrics.Keys.Select(k => k.Item1))
                .Distinct().OrderBy(r => r.ServiceName).ThenBy(r => r.InstanceId).ToList();
        }
    }

    /// <summary>Waits until the query's answer satisfies the condition, or the timeout passes (then returns the last answer).</summary>
    public async Task<T> WaitForAsync<T>(Func<TelemetryStore, T> query, Func<T, bool> condition, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var changed = new SemaphoreSlim(0);
        void OnChanged() => changed.Release();
        Changed += OnChanged;
        try
        {
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            deadline.CancelAfter(timeout);
            while (true)
            {
                var answer = query(this);
                if (condition(answer)) return answer;
                try
                {
                    await changed.WaitAsync(deadline.Token);
                }
                catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
                {
                    return query(this);
                }
            }
        }
        finally
        {
            Changed -= OnChanged;
        }
    }

    private void AddBounded<T>(Queue<T> queue, IEnumerable<T> items, int max)
    {
        lock (_lock)
        {
            foreach (var item in items)
            {
                queue.Enqueue(item);
                if (queue.Count > max) queue.Dequeue();
            }
        }
        Changed?.Invoke();
    }

    private List<T> Snapshot<T>(Queue<T> queue, Func<T, bool> predicate)
    {
        lock (_lock) return queue.Where(predicate).ToList();
    }
}
