using System.Security.Cryptography;
using System.Text.Json;

namespace Sia.Cpd.Domain.Bookings;

/// <summary>
/// A delegate as a booking keeps them (the bookings.delegates jsonb): an id assigned on create, stable whoever else is
/// on the booking, and whether they came once the register is recorded (null before). Personal data.
/// </summary>
internal sealed record BookedDelegate(string Id, string Name, string Role, string Email, bool? Attended = null)
{
    private const string IdLetters = "abcdefghijklmnopqrstuvwxyz0123456789";

    public static BookedDelegate Assign(Delegate person) => new($"d-{RandomNumberGenerator.GetString(IdLetters, 8)}", person.Name, person.Role, person.Email);

    /// <summary>
    /// The delegates after a substitution: a person already on the booking (same name and email) keeps their id, and
    /// whether they came; anyone new gets a new id.
    /// </summary>
    public static List<BookedDelegate> Substitute(IReadOnlyList<BookedDelegate> current, IEnumerable<Delegate> people)
    {
        var unused = current.ToList();
        return [.. people.Select(person =>
        {
            var same = unused.FirstOrDefault(d => d.Name == person.Name && d.Email == person.Email);
            if (same is null) return Assign(person);
            unused.Remove(same);
            return same with { Role = person.Role };
        })];
    }

    public static List<BookedDelegate> Read(string json) => JsonSerializer.Deserialize<List<BookedDelegate>>(json) ?? [];

    public static string Write(IEnumerable<BookedDelegate> delegates) => JsonSerializer.Serialize(delegates);
}
