using Sia.Contracts.DomainErrors;
using Date = Google.Type.Date;

namespace Sia.Funding.Grpc.Mapping;

internal static class Dates
{
    /// <summary>The date; null when unset or all zeros; INVALID_ARGUMENT naming the field for one that is no calendar date.</summary>
    public static DateOnly? ToDomain(Date? date, string field)
    {
        if (date is null || (date.Year == 0 && date.Month == 0 && date.Day == 0)) return null;
        if (date.Year is < 1 or > 9999 || date.Month is < 1 or > 12 || date.Day < 1 || date.Day > DateTime.DaysInMonth(date.Year, date.Month))
            throw new ValidationFailedException(field, $"{date.Year:0000}-{date.Month:00}-{date.Day:00} is not a date.");
        return new DateOnly(date.Year, date.Month, date.Day);
    }
}
