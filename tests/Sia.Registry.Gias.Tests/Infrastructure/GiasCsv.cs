using Sia.Testing;
using System.Text;

namespace Sia.Registry.Gias.Tests.Infrastructure;

/// <summary>Builds GIAS extracts in memory: the real 139-column header and rows of a valid school with overrides.</summary>
public static class GiasCsv
{
    public static readonly Encoding Windows1252 = CreateWindows1252();

    public static readonly string[] Header = GiasExtract.Header;

    // An open LA-maintained primary school in Camden; every column not listed is empty.
    private static readonly Dictionary<string, string> ValidSchool = new()
    {
        ["URN"] = "123456",
        ["LA (code)"] = "202",
        ["LA (name)"] = "Camden",
        ["EstablishmentNumber"] = "2000",
        ["EstablishmentName"] = "Test Primary School",
        ["TypeOfEstablishment (code)"] = "01",
        ["EstablishmentTypeGroup (code)"] = "4",
        ["EstablishmentStatus (code)"] = "1",
        ["PhaseOfEducation (code)"] = "2",
        ["StatutoryLowAge"] = "4",
        ["StatutoryHighAge"] = "11",
    };

    public static string HeaderLine => string.Join(",", Header.Select(Quote));

    /// <summary>One CSV line for a valid school, with the given columns replaced.</summary>
    public static string Row(params (string Column, string Value)[] overrides)
    {
        var values = new Dictionary<string, string>(ValidSchool);
        foreach (var (column, value) in overrides)
        {
            if (!Header.Contains(column)) throw new ArgumentException($"'{column}' is not a GIAS column", nameof(overrides));
            values[column] = value;
        }
        return string.Join(",", Header.Select(column => Quote(values.GetValueOrDefault(column, ""))));
    }

    /// <summary>A Windows-1252 file: the header, then the rows, each line ended by CRLF as GIAS does.</summary>
    public static byte[] File(params string[] rows) => Windows1252.GetBytes(string.Concat(rows.Prepend(HeaderLine).Select(line => line + "\r\n")));

    public static string Quote(string value) => "\"" + value.Replace("\"", "\"\"") + "\"";

    private static Encoding CreateWindows1252()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252);
    }
}
