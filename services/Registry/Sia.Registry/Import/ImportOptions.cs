namespace Sia.Registry.Import;

/// <summary>What import-gias was asked to do: the file, the LAs to keep, where to send it and with which partner key.</summary>
internal sealed record ImportOptions(string File, IReadOnlyList<string> LocalAuthorities, string Target, string? Key)
{
    public const string DefaultRegistry = "http://localhost:5101";

    public static bool TryParse(string[] args, IReadOnlyDictionary<string, string?> environment, out ImportOptions options, out string problem)
    {
        options = null!;
        var (file, localAuthorities, registry, gateway, key) = ("", new List<string>(), (string?)null, (string?)null, (string?)null);
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--registry" when i + 1 < args.Length:
                    registry = args[++i];
                    break;
                case "--gateway" when i + 1 < args.Length:
                    gateway = args[++i];
                    break;
                case "--key" when i + 1 < args.Length:
                    key = args[++i];
                    break;
                case "--local-authority" when i + 1 < args.Length:
                    localAuthorities.Add(args[++i]);
                    break;
                case var value when !value.StartsWith("--", StringComparison.Ordinal) && file.Length == 0:
                    file = value;
                    break;
                case var value:
                    problem = $"'{value}' is not an option here, or it lacks its value";
                    return false;
            }
        }
        if (gateway is not null && key is null && environment.GetValueOrDefault(ImportGiasCommand.KeyVariable) is { Length: > 0 } fromEnvironment)
            key = fromEnvironment;
        problem = (file, registry, gateway, key) switch
        {
            ({ Length: 0 }, _, _, _) => "which file? Give the path of a GIAS extract (edubasealldata<date>.csv)",
            (_, not null, not null, _) => "--registry or --gateway, not both",
            (_, _, not null, null) => $"the gateway needs a partner's API key: --key KEY or the environment variable {ImportGiasCommand.KeyVariable}",
            (_, _, null, not null) => "--key is for the gateway: a registry takes no key",
            _ => "",
        };
        if (problem.Length > 0) return false;
        options = new ImportOptions(file, localAuthorities, gateway ?? registry ?? DefaultRegistry, key);
        return true;
    }
}
