namespace Sia.Registry.Gias.Tests.Infrastructure;

/// <summary>
/// Fixtures/edubasealldata20240105.csv: Windows-1252 bytes, CRLF line endings, the real 139-column header.
/// Line 2-3: two rows as GIAS publishes them (The Aldgate School, City of London School for Girls);
/// 4: St Thérèse’s (é, è and ’ as 0xE9, 0xE8, 0x92); 5-6: a name with a comma and doubled quotes and a street with a
/// line break in it; 7: a closed Greenwich nursery school; 8: URN 'ABC'; 9: Camden School for Girls.
/// </summary>
public static class Fixture
{
    public static string Path { get; } = System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", "edubasealldata20240105.csv");

    public static byte[] Bytes() => File.ReadAllBytes(Path);

    public static List<GiasParseResult> Parse(IReadOnlySet<int>? laFilter = null) => Parsing.Parse(Bytes(), laFilter: laFilter);

    public static GiasSchoolRow Row(int urn) => Parse().Single(result => result.Row?.Urn == urn).Row!;
}
