using Grpc.Core;

namespace Sia.Registry.Testing.AnyRequest;

/// <summary>What a fuzz run sent: how many calls, and each answered with a status a caller cannot act on.</summary>
public sealed record FuzzRun(int Calls, IReadOnlyList<string> Unexpected);

/// <summary>
/// Generated strings in every string field of every request of every registry RPC, found from the protos' descriptors
/// (repeated fields, nested messages and map keys too, so a field added later is covered without a change here), each
/// into the sample's otherwise valid request. The seed makes a run repeatable.
/// </summary>
public static class StringFuzz
{
    /// <summary>Answers a caller can act on: anything but UNKNOWN, INTERNAL, UNAVAILABLE and the like.</summary>
    public static readonly StatusCode[] Actionable =
        [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.FailedPrecondition, StatusCode.Aborted];

    /// <summary>Each makes a string from a field's valid value (blank where the sample leaves it so).</summary>
    public static readonly IReadOnlyList<(string Name, Func<string, string> Make)> Strings =
    [
        ("a NUL appended", text => text + "\0"),
        ("a NUL alone", _ => "\0"),
        ("a lone high surrogate appended", text => text + WireText.LoneHighSurrogate),
        ("a lone low surrogate first", text => WireText.LoneLowSurrogate + text),
        ("a right-to-left override first", text => "\u202E" + text),
        ("a right-to-left mark appended", text => text + "\u200F"),
        ("its digits in another script", text => text.Any(char.IsAsciiDigit) ? string.Concat(text.Select(c => char.IsAsciiDigit(c) ? (char)('٠' + (c - '0')) : c)) : "٣٤٥"),
        ("a fullwidth digit appended", text => text + "２"),
        ("10,000 ASCII letters", _ => new string('x', 10_000)),
        ("10,000 characters of another script", text => (text + new string('２', 10_000))[..10_000]),
        ("empty", _ => ""),
        ("a space", _ => " "),
        ("a tab and a line break", _ => "\t\r\n"),
        ("a final newline", text => text + "\n"),
        ("no-break spaces around it", text => $"\u00A0{text}\u2007"),
    ];

    /// <summary>Sends <paramref name="stringsPerField"/> of the strings, chosen by the seed, into each field, through the client.</summary>
    public static async Task<FuzzRun> RunAsync(SampledRegistryHost sample, RawRegistryClient client, int seed, int stringsPerField)
    {
        var random = new Random(seed);
        var unexpected = new List<string>();
        var calls = 0;
        foreach (var method in RegistryMethods.All)
        {
            foreach (var path in StringFields.Of(method.InputType))
            {
                var strings = Strings.ToArray();
                random.Shuffle(strings);
                foreach (var (name, make) in strings.Take(stringsPerField))
                {
                    var request = sample.RequestFor(method);
                    StringFields.Change(request, path, make);
                    var answer = await client.CallAsync(method, request);
                    calls++;
                    if (!Actionable.Contains(answer.Code)) unexpected.Add($"{method.Service.Name}.{method.Name} {path} with {name}: {answer}");
                }
            }
        }
        return new FuzzRun(calls, unexpected);
    }

    /// <summary>
    /// EF Core logs every failed save at Error with its exception, the unique violations the domain answers as
    /// ALREADY_EXISTS among them (a sample create sent again). Any other failure, and any exception nothing handles, is
    /// logged by grpc-dotnet as well.
    /// </summary>
    public static bool IsExpectedClash(string entry) =>
        entry.StartsWith("Microsoft.EntityFrameworkCore.Update:", StringComparison.Ordinal) && entry.Contains("23505: duplicate key value", StringComparison.Ordinal);
}
