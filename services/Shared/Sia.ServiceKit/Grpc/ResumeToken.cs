using System.Globalization;
using System.Text;
using Sia.Contracts.DomainErrors;

namespace Sia.ServiceKit.Grpc;

/// <summary>
/// Where a stream resumes: base64 of "{kind}:{position}", the position of the last item sent in a log whose positions
/// commit in order. It grants nothing (any caller may start from the beginning), so it is checked, not signed.
/// </summary>
public static class ResumeToken
{
    public static string Create(string kind, long position) => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{kind}:{position.ToString(CultureInfo.InvariantCulture)}"));

    /// <summary>The position to resume after: 0 for no token; INVALID_ARGUMENT naming <paramref name="field"/> for one this service did not issue.</summary>
    public static long Read(string token, string kind, string field, string what)
    {
        if (token.Length == 0) return 0;
        try
        {
            var text = Encoding.ASCII.GetString(Convert.FromBase64String(token));
            if (text.StartsWith($"{kind}:", StringComparison.Ordinal)
                && long.TryParse(text.AsSpan(kind.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var position)) return position;
        }
        catch (FormatException)
        {
        }
        throw new ValidationFailedException(field, $"The resume token is not one this service issued: send the resume_token of {what} you received, or none to start from the beginning.");
    }
}
