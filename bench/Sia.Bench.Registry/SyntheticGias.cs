using Sia.Testing;
using System.Text;

namespace Sia.Bench.Registry;

/// <summary>
/// A synthetic GIAS establishments extract of valid schools, in GIAS's shape: the real 139-column header, every field
/// quoted, CRLF line ends, Windows-1252 (some names carry ’ é ô, commas and quotes), about 1.4 KB a row.
/// Row i (from 0) is school URN 100000 + i in LA <see cref="LaCodes"/>[i % 20] with establishment number 1000 + i / 20,
/// so LAESTABs are unique; phases, statuses, types, ages and dates vary as in the real extract (mostly open primaries),
/// drawn from a generator seeded by the row number, so a row is the same whatever the file's length.
/// </summary>
internal static class SyntheticGias
{
    public const int FirstUrn = 100_000;
    public const int PrimaryPhase = 2;

    public static readonly string[] LaCodes =
        ["202", "203", "204", "205", "206", "207", "208", "209", "210", "211", "212", "213", "301", "302", "303", "304", "305", "306", "307", "308"];

    private static readonly string[] LaNames =
    [
        "Camden", "Greenwich", "Hackney", "Hammersmith and Fulham", "Islington", "Kensington and Chelsea", "Lambeth", "Lewisham",
        "Southwark", "Tower Hamlets", "Wandsworth", "Westminster", "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley",
        "Croydon", "Ealing", "Enfield",
    ];

    private static readonly string[] Header = GiasExtract.Header;

    private static readonly Dictionary<string, int> Column = Header.Select((name, i) => (name, i)).ToDictionary(x => x.name, x => x.i);

    // Phase of education: code, name, weight (%), statutory ages.
    private static readonly (int Code, string Name, int Weight, int Low, int High)[] Phases =
    [
        (0, "Not applicable", 10, 11, 16), (1, "Nursery", 2, 2, 5), (2, "Primary", 62, 4, 11), (3, "Middle deemed primary", 1, 8, 12),
        (4, "Secondary", 17, 11, 16), (5, "Middle deemed secondary", 1, 9, 13), (6, "16 plus", 4, 16, 19), (7, "All-through", 3, 4, 18),
    ];

    // Establishment type group and a type of establishment in it: codes, names, weight (%).
    private static readonly (int Group, string GroupName, int Type, string TypeName, int Weight)[] Types =
    [
        (4, "Local authority maintained schools", 1, "Community school", 22),
        (4, "Local authority maintained schools", 2, "Voluntary aided school", 8),
        (4, "Local authority maintained schools", 3, "Voluntary controlled school", 5),
        (10, "Academies", 28, "Academy sponsor led", 18),
        (10, "Academies", 34, "Academy converter", 22),
        (11, "Free Schools", 35, "Free schools", 5),
        (5, "Special schools", 7, "Community special school", 5),
        (3, "Independent schools", 11, "Other independent school", 8),
        (2, "Colleges", 18, "Further education", 2),
        (9, "Other types", 26, "Service children's education", 1),
        (12, "Online provider", 49, "Online provider", 1),
        (6, "Welsh schools", 30, "Welsh establishment", 1),
        (13, "Universities", 29, "Higher education institutions", 1),
        (14, "Secure units", 24, "Secure units", 1),
    ];

    private static readonly (int Code, string Name, int Weight)[] Statuses =
        [(1, "Open", 85), (2, "Closed", 12), (3, "Open, but proposed to close", 1), (4, "Proposed to open", 2)];

    private static readonly string[] NameStarts =
    [
        "St Mary’s", "St Joseph’s", "Holy Trinity", "Christ Church", "Oakfield", "Riverside", "Hillcrest", "Greenacres",
        "Brookside", "Beaumont", "Rosemary Works", "Ashmount", "Chalcot", "Eleanor Palmer", "Gospel Oak", "Kentish Town",
        "Ecole française Jacques Prévert", "Côte Vale", "The \"Rainbow\"", "Bishop Ramsey, Ruislip",
    ];

    private static readonly string[] FirstNames = ["Alex", "Sam", "Jordan", "Priya", "Chidi", "Zoë", "Hannah", "Tomasz", "Aoife", "Malik"];
    private static readonly string[] LastNames = ["Fictional", "Example", "Placeholder", "Sample", "Testerton", "Démo", "Mockford", "O’Neill"];
    private static readonly string[] Streets = ["High Street", "Church Road", "Station Road", "Park Lane", "Victoria Road", "Mill Lane"];
    private static readonly string[] Titles = ["Mr", "Mrs", "Ms", "Miss", "Dr"];

    /// <summary>Writes the extract and returns 0.</summary>
    public static int Write(string path, int rows)
    {
        if (rows is < 1 or > 900_000) throw new BenchException($"ROWS must be 1-900000 (6-digit URNs), not {rows}.");
        var encoding = CodePages.Windows1252;
        using var file = new StreamWriter(path, append: false, encoding, bufferSize: 1 << 16) { NewLine = "\r\n" };
        var line = new StringBuilder(2048);
        var values = new string[Header.Length];
        AppendLine(line, Header);
        file.Write(line);
        for (var i = 0; i < rows; i++)
        {
            FillRow(values, i);
            AppendLine(line.Clear(), values);
            file.Write(line);
        }
        return 0;
    }

    private static void AppendLine(StringBuilder line, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            if (i > 0) line.Append(',');
            line.Append('"').Append(values[i].Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        line.Append("\r\n");
    }

    private static void FillRow(string[] values, int index)
    {
        var random = new SplitMix(index);
        // Columns SIA ignores: GIAS's usual mix of empty fields and "Not applicable".
        for (var i = 0; i < values.Length; i++) values[i] = i % 2 == 0 ? "Not applicable" : "";
        void Set(string column, string value) => values[Column[column]] = value;

        var la = index % LaCodes.Length;
        var phase = Pick(Phases, p => p.Weight, ref random);
        var type = Pick(Types, t => t.Weight, ref random);
        var status = Pick(Statuses, s => s.Weight, ref random);
        var open = new DateOnly(1950, 1, 1).AddDays(random.Next(27_000));

        Set("URN", (SyntheticGias.FirstUrn + index).ToString("0"));
        Set("LA (code)", LaCodes[la]);
        Set("LA (name)", LaNames[la]);
        Set("EstablishmentNumber", (1000 + index / LaCodes.Length).ToString("0"));
        Set("EstablishmentName", $"{NameStarts[random.Next(NameStarts.Length)]} {phase.Name switch
        {
            "Primary" => "Primary School",
            "Nursery" => "Nursery School",
            "Secondary" => type.Group == 10 ? "Academy" : "High School",
            "16 plus" => "Sixth Form College",
            _ => "School",
        }} {index}");
        Set("TypeOfEstablishment (code)", type.Type.ToString("00"));
        Set("TypeOfEstablishment (name)", type.TypeName);
        Set("EstablishmentTypeGroup (code)", type.Group.ToString("0"));
        Set("EstablishmentTypeGroup (name)", type.GroupName);
        Set("EstablishmentStatus (code)", status.Code.ToString("0"));
        Set("EstablishmentStatus (name)", status.Name);
        Set("OpenDate", random.Next(5) == 0 ? "" : open.ToString("dd-MM-yyyy"));
        if (status.Code == 2)
        {
            var lastClose = new DateOnly(2025, 8, 31);
            Set("CloseDate", open.AddDays(1 + random.Next(Math.Max(1, lastClose.DayNumber - open.DayNumber))).ToString("dd-MM-yyyy"));
            Set("ReasonEstablishmentClosed (name)", "Academy Converter");
        }
        Set("PhaseOfEducation (code)", phase.Code.ToString("0"));
        Set("PhaseOfEducation (name)", phase.Name);
        Set("StatutoryLowAge", phase.Low.ToString("0"));
        Set("StatutoryHighAge", (phase.High + (phase.Code == 4 && random.Next(2) == 0 ? 2 : 0)).ToString("0"));
        Set("Gender (name)", "Mixed");
        if (random.Next(4) == 0)
        {
            Set("Diocese (code)", "CE23");
            Set("Diocese (name)", "Diocese of London");
        }
        else
        {
            Set("Diocese (code)", "0000");
        }
        if (status.Code != 2)
        {
            var capacity = 60 + random.Next(1500);
            Set("SchoolCapacity", capacity.ToString("0"));
            Set("CensusDate", "16-01-2025");
            Set("NumberOfPupils", (capacity * (70 + random.Next(40)) / 100).ToString("0"));
            Set("PercentageFSM", (random.Next(700) / 10m).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
            Set("UKPRN", (10_000_000 + index * 17 % 89_999_999).ToString("0"));
        }
        if (type.Group == 10) Set("Trusts (name)", $"{NameStarts[random.Next(NameStarts.Length)]} Academy Trust");
        if (random.Next(20) == 0) Set("Federations (name)", $"The {LaNames[la]} Federation");
        Set("LastChangedDate", "03-11-2025");
        Set("Street", $"{1 + random.Next(200)} {Streets[random.Next(Streets.Length)]}");
        if (random.Next(3) == 0) Set("Locality", LaNames[la]);
        Set("Town", "London");
        Set("Postcode", $"N{1 + random.Next(22)} {random.Next(10)}{(char)('A' + random.Next(26))}{(char)('A' + random.Next(26))}");
        Set("SchoolWebsite", $"https://www.school{index}.example.org.uk");
        Set("TelephoneNum", $"020{random.Next(10_000_000):00000000}");
        Set("HeadTitle (name)", Titles[random.Next(Titles.Length)]);
        Set("HeadFirstName", FirstNames[random.Next(FirstNames.Length)]);
        Set("HeadLastName", LastNames[random.Next(LastNames.Length)]);
        Set("HeadPreferredJobTitle", "Headteacher");
        Set("GOR (name)", "London");
        Set("Easting", (500_000 + random.Next(60_000)).ToString("0"));
        Set("Northing", (160_000 + random.Next(40_000)).ToString("0"));
        Set("Country (name)", "United Kingdom");
        Set("UPRN", (5_000_000 + index).ToString("0"));
    }

    private static T Pick<T>(T[] items, Func<T, int> weight, ref SplitMix random)
    {
        var roll = random.Next(items.Sum(weight));
        foreach (var item in items)
        {
            roll -= weight(item);
            if (roll < 0) return item;
        }
        return items[^1];
    }

    /// <summary>SplitMix64: a tiny seeded generator, the same on every runtime.</summary>
    private struct SplitMix(long seed)
    {
        // Seeds are mixed first: consecutive raw seeds would give each row its neighbour's draws, shifted by one.
        private ulong _state = Mix((ulong)seed ^ 0x5DEECE66DUL);

        public int Next(int bound) => (int)(Mix(_state += 0x9E3779B97F4A7C15UL) % (ulong)bound);

        private static ulong Mix(ulong z)
        {
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}

internal static class CodePages
{
    public static readonly Encoding Windows1252 = Create();

    private static Encoding Create()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
