using System.Collections.Concurrent;

namespace Sia.Registry.Testing;

/// <summary>A logger provider that keeps every line a host logs, for tests of what is logged and how often.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public void AddTo(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(this);

    public void Clear() => _lines.Clear();

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose() { }

    private sealed class Logger(string category, ConcurrentQueue<LogLine> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(new LogLine(category, logLevel, eventId, formatter(state, exception), exception));
    }
}

/// <summary>One logged line: its category, level, event, message and exception (whose stack trace a log would print).</summary>
public sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}:{EventId.Name}] {Message}{(Exception is null ? "" : $" !! {Exception.GetType().Name}: {Exception.Message}")}";
}
