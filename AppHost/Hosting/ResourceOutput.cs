namespace Sia.AppHost.Hosting;

/// <summary>
/// Where resources' output goes: the console, each line prefixed with the resource's name in its own colour
/// (plain when the console is redirected or NO_COLOR is set), and a bounded in-memory log per resource.
/// </summary>
internal sealed class ResourceOutput(IEnumerable<string> resourceNames, bool writeToConsole)
{
    public const string AppHostName = "apphost";
    private const int LinesKept = 2000;
    private static readonly string[] Palette = ["36", "35", "33", "32", "34", "91", "96", "95"];

    private readonly Lock _consoleGate = new();
    private readonly int _width = resourceNames.Append(AppHostName).Max(n => n.Length);
    private readonly bool _colour = writeToConsole && !Console.IsOutputRedirected && Environment.GetEnvironmentVariable("NO_COLOR") is null;
    private readonly Dictionary<string, ResourceLog> _logs = new(StringComparer.Ordinal);

    public bool Colour => _colour;

    public ResourceLog For(string name)
    {
        lock (_logs)
        {
            if (!_logs.TryGetValue(name, out var log))
            {
                var colour = name == AppHostName ? "1" : Palette[_logs.Count(l => l.Key != AppHostName) % Palette.Length];
                _logs[name] = log = new ResourceLog(this, name, colour);
            }
            return log;
        }
    }

    internal void WriteLine(ResourceLog log, string line)
    {
        if (!writeToConsole) return;
        var prefix = log.Name.PadRight(_width);
        lock (_consoleGate)
        {
            Console.Out.WriteLine(_colour ? $"\u001b[{log.Colour}m{prefix} |\u001b[0m {line}" : $"{prefix} | {line}");
        }
    }

    internal sealed class ResourceLog(ResourceOutput output, string name, string colour)
    {
        private readonly Queue<string> _lines = new();

        public string Name { get; } = name;
        public string Colour { get; } = colour;

        public void Write(string line)
        {
            lock (_lines)
            {
                _lines.Enqueue(line);
                if (_lines.Count > LinesKept) _lines.Dequeue();
            }
            output.WriteLine(this, line);
        }

        public IReadOnlyList<string> Lines()
        {
            lock (_lines) return [.. _lines];
        }

        /// <summary>The last lines, for an error message that should show why something failed.</summary>
        public string Tail(int count)
        {
            lock (_lines) return string.Join('\n', _lines.Skip(Math.Max(0, _lines.Count - count)));
        }
    }
}
