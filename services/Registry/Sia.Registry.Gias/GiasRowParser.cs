using Sia.Csv;
using System.Text;

namespace Sia.Registry.Gias;

/// <summary>Turns one data record into a school row or a rejection, applying the optional LA filter.</summary>
internal sealed class GiasRowParser(GiasHeader header, Encoding encoding, IReadOnlySet<int>? laFilter)
{
    // GIAS's Diocese (code) for establishments without a diocese (its name column then says "Not applicable").
    private const string NoDiocese = "0000";

    /// <summary>The row's result, or null when the LA filter skips it.</summary>
    public GiasParseResult? Parse(CsvRecord record)
    {
        if (record.FieldCount != header.FieldCount)
        {
            return Rejected(record, $"the row has {record.FieldCount} fields, the header has {header.FieldCount}");
        }

        var fields = new GiasFieldReader(record, header, encoding);
        var laCode = fields.RequiredInteger(GiasColumn.LaCode, 0, 999, "a 3-digit number", digits: 3);
        if (fields.Error is null && laFilter is not null && !laFilter.Contains(laCode)) return null;

        var dioceseCode = fields.OptionalText(GiasColumn.DioceseCode);
        var row = new GiasSchoolRow(
            LineNumber: record.LineNumber,
            Urn: fields.RequiredInteger(GiasColumn.Urn, 100_000, 999_999, "a 6-digit number", digits: 6),
            LaCode: laCode,
            LaName: fields.OptionalText(GiasColumn.LaName) ?? "",
            EstablishmentNumber: fields.RequiredInteger(GiasColumn.EstablishmentNumber, 0, 9_999, "a 4-digit number", digits: 4),
            Name: fields.RequiredText(GiasColumn.EstablishmentName),
            TypeOfEstablishmentCode: fields.RequiredInteger(GiasColumn.TypeOfEstablishmentCode, 1, int.MaxValue, "a positive integer"),
            EstablishmentTypeGroupCode: fields.RequiredInteger(GiasColumn.EstablishmentTypeGroupCode, 1, int.MaxValue, "a positive integer"),
            EstablishmentStatusCode: fields.RequiredInteger(GiasColumn.EstablishmentStatusCode, 1, 4, "a GIAS status code (1-4)"),
            PhaseOfEducationCode: fields.RequiredInteger(GiasColumn.PhaseOfEducationCode, 0, 7, "a GIAS phase code (0-7)"),
            StatutoryLowAge: fields.OptionalInteger(GiasColumn.StatutoryLowAge, 0, 99, "an age in whole years (0-99)"),
            StatutoryHighAge: fields.OptionalInteger(GiasColumn.StatutoryHighAge, 0, 99, "an age in whole years (0-99)"),
            OpenDate: fields.OptionalDate(GiasColumn.OpenDate),
            CloseDate: fields.OptionalDate(GiasColumn.CloseDate),
            Capacity: fields.OptionalInteger(GiasColumn.SchoolCapacity, 0, int.MaxValue, "a whole number"),
            Pupils: fields.OptionalInteger(GiasColumn.NumberOfPupils, 0, int.MaxValue, "a whole number"),
            PercentageFsm: fields.OptionalPercentage(GiasColumn.PercentageFsm),
            Trust: fields.OptionalText(GiasColumn.TrustsName),
            Federation: fields.OptionalText(GiasColumn.FederationsName),
            DioceseCode: dioceseCode == NoDiocese ? null : dioceseCode,
            DioceseName: dioceseCode == NoDiocese ? null : fields.OptionalText(GiasColumn.DioceseName),
            Headteacher: JoinPresent(
                fields.OptionalText(GiasColumn.HeadTitleName),
                fields.OptionalText(GiasColumn.HeadFirstName),
                fields.OptionalText(GiasColumn.HeadLastName)),
            Street: fields.OptionalText(GiasColumn.Street),
            Locality: fields.OptionalText(GiasColumn.Locality),
            Town: fields.OptionalText(GiasColumn.Town),
            Postcode: fields.OptionalText(GiasColumn.Postcode),
            Ukprn: fields.OptionalInteger(GiasColumn.Ukprn, 10_000_000, 99_999_999, "an 8-digit number", digits: 8));

        if (row.StatutoryLowAge > row.StatutoryHighAge)
        {
            fields.Reject($"StatutoryLowAge {row.StatutoryLowAge} is above StatutoryHighAge {row.StatutoryHighAge}");
        }

        return fields.Error is { } reason ? Rejected(record, reason) : new GiasParseResult(row, null);
    }

    private static GiasParseResult Rejected(CsvRecord record, string reason) => new(null, new GiasRejectedRow(record.LineNumber, reason));

    private static string? JoinPresent(params string?[] parts)
    {
        var present = parts.OfType<string>().ToArray();
        return present.Length == 0 ? null : string.Join(' ', present);
    }
}
