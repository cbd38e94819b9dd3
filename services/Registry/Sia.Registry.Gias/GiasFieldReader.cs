using Sia.Csv;
using System.Globalization;
using System.Text;

namespace Sia.Registry.Gias;

/// <summary>
/// Reads typed values from one record. The first problem becomes <see cref="Error"/>; once there is one, reads return
/// defaults without looking. Values are parsed from the bytes, so only the text columns SIA keeps become strings.
/// </summary>
internal ref struct GiasFieldReader(CsvRecord record, GiasHeader header, Encoding encoding)
{
    // Longer bad values are cut short in rejection reasons.
    private const int MaxQuotedLength = 60;

    private readonly CsvRecord _record = record;

    public string? Error { get; private set; }

    public void Reject(string reason) => Error ??= reason;

    public int RequiredInteger(GiasColumn column, int min, int max, string expectation, int? digits = null) =>
        Integer(column, required: true, min, max, expectation, digits) ?? 0;

    public int? OptionalInteger(GiasColumn column, int min, int max, string expectation, int? digits = null) =>
        Integer(column, required: false, min, max, expectation, digits);

    public string RequiredText(GiasColumn column) =>
        TryGetValue(column, required: true, out var value) ? encoding.GetString(value) : "";

    public string? OptionalText(GiasColumn column) =>
        TryGetValue(column, required: false, out var value) ? encoding.GetString(value) : null;

    public DateOnly? OptionalDate(GiasColumn column)
    {
        if (!TryGetValue(column, required: false, out var value)) return null;
        if (TryParseDate(value, out var date)) return date;
        Reject(column, value, "a dd-MM-yyyy date");
        return null;
    }

    public decimal? OptionalPercentage(GiasColumn column)
    {
        if (!TryGetValue(column, required: false, out var value)) return null;
        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var percentage) && percentage <= 100)
        {
            return percentage;
        }
        Reject(column, value, "a percentage (0-100)");
        return null;
    }

    private int? Integer(GiasColumn column, bool required, int min, int max, string expectation, int? digits)
    {
        if (!TryGetValue(column, required, out var value)) return null;
        if ((digits is null || value.Length == digits) && TryParseDigits(value, out var number) && number >= min && number <= max)
        {
            return number;
        }
        Reject(column, value, expectation);
        return null;
    }

    /// <summary>The trimmed value, false when it is missing ("", "Not applicable", ...) or an earlier read failed.</summary>
    private bool TryGetValue(GiasColumn column, bool required, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (Error is not null) return false;
        var position = header.PositionOf(column);
        if (position >= 0) value = _record[position].Trim(" \t\r\n"u8);
        if (!IsMissing(value)) return true;
        if (required) Reject($"{column.Header()} is missing");
        return false;
    }

    private void Reject(GiasColumn column, ReadOnlySpan<byte> value, string expectation)
    {
        var text = encoding.GetString(value);
        if (text.Length > MaxQuotedLength) text = text[..MaxQuotedLength] + "…";
        Reject($"{column.Header()} '{text}' is not {expectation}");
    }

    private static bool IsMissing(ReadOnlySpan<byte> value) =>
        value.IsEmpty
        || Ascii.EqualsIgnoreCase(value, "Not applicable"u8)
        || Ascii.EqualsIgnoreCase(value, "Not recorded"u8)
        || Ascii.EqualsIgnoreCase(value, "Unknown"u8);

    /// <summary>Only ASCII digits (no sign, no spaces), at most nine of them so the value fits an int.</summary>
    private static bool TryParseDigits(ReadOnlySpan<byte> value, out int number)
    {
        number = 0;
        if (value.IsEmpty || value.Length > 9) return false;
        foreach (var b in value)
        {
            if (!char.IsAsciiDigit((char)b)) return false;
            number = number * 10 + (b - '0');
        }
        return true;
    }

    private static bool TryParseDate(ReadOnlySpan<byte> value, out DateOnly date)
    {
        date = default;
        if (value.Length != 10 || value[2] != '-' || value[5] != '-'
            || !TryParseDigits(value[..2], out var day) || !TryParseDigits(value[3..5], out var month) || !TryParseDigits(value[6..], out var year)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            return false;
        }
        date = new DateOnly(year, month, day);
        return true;
    }
}
