namespace Sia.Grpc.Interop;

/// <summary>"--name=value" flags, as the official interop binaries take them.</summary>
public sealed class InteropFlags(IReadOnlyDictionary<string, string> values)
{
    public static InteropFlags Parse(IEnumerable<string> args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var arg in args)
        {
            if (!arg.StartsWith("--", StringComparison.Ordinal)) throw new ArgumentException($"Unexpected argument '{arg}': flags look like --name=value.");
            var separator = arg.IndexOf('=');
            if (separator < 0) values[arg[2..]] = "true";
            else values[arg[2..separator]] = arg[(separator + 1)..];
        }
        return new InteropFlags(values);
    }

    public string Get(string name, string defaultValue) => values.GetValueOrDefault(name, defaultValue);

    public string Require(string name) =>
        values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"Missing flag --{name}.");

    public int RequireInt(string name) =>
        int.TryParse(Require(name), out var value) ? value : throw new ArgumentException($"Flag --{name} must be a number.");
}
