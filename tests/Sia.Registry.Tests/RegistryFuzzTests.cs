using Grpc.Core;
using Sia.Registry.Tests.AnyRequest;

namespace Sia.Registry.Tests;

/// <summary>
/// Generated strings in every string field of every request of every registry RPC, found from the protos' descriptors
/// (repeated fields, nested messages and map keys too, so a field added later is covered without a change here), each
/// into an otherwise valid request: every answer is one a caller can act on, never UNKNOWN or INTERNAL, and the host logs
/// no unhandled exception. The seed makes a run repeatable.
/// </summary>
public sealed class RegistryFuzzTests(SampledRegistryHost registry) : IClassFixture<SampledRegistryHost>
{
    private const int Seed = 20261128;
    private const int StringsPerField = 3;

    private static readonly StatusCode[] Actionable =
        [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.AlreadyExists, StatusCode.FailedPrecondition, StatusCode.Aborted];

    /// <summary>Each makes a string from the field's valid value (blank where the sample leaves it so).</summary>
    private static readonly (string Name, Func<string, string> Make)[] Strings =
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

    [Fact]
    public async Task Generated_strings_in_every_field_are_answered_with_an_actionable_status_and_no_unhandled_exception()
    {
        var random = new Random(Seed);
        var unexpected = new List<string>();
        var calls = 0;
        foreach (var method in RegistryMethods.All)
        {
            foreach (var path in StringFields.Of(method.InputType))
            {
                var strings = Strings.ToArray();
                random.Shuffle(strings);
                foreach (var (name, make) in strings.Take(StringsPerField))
                {
                    var request = registry.RequestFor(method);
                    StringFields.Change(request, path, make);
                    var answer = await registry.Client.CallAsync(method, request);
                    calls++;
                    if (!Actionable.Contains(answer.Code)) unexpected.Add($"{method.Service.Name}.{method.Name} {path} with {name}: {answer}");
                }
            }
        }

        Assert.True(unexpected.Count == 0, $"Seed {Seed}, {calls} calls; these answered otherwise:\n{string.Join('\n', unexpected)}");
        var unhandled = registry.LoggedErrors.Where(entry => !IsExpectedClash(entry)).ToList();
        Assert.True(unhandled.Count == 0, string.Join("\n=====\n", unhandled));
        Assert.InRange(calls, 300, 1_000);
    }

    /// <summary>
    /// EF Core logs every failed save at Error with its exception, the unique violations the domain answers as
    /// ALREADY_EXISTS among them (a sample create sent again). Any other failure, and any exception nothing handles, is
    /// logged by grpc-dotnet as well.
    /// </summary>
    private static bool IsExpectedClash(string entry) =>
        entry.StartsWith("Microsoft.EntityFrameworkCore.Update:", StringComparison.Ordinal) && entry.Contains("23505: duplicate key value", StringComparison.Ordinal);
}
