namespace Sia.Registry.Gias;

/// <summary>One establishment from the GIAS extract. Codes are GIAS's own numbers; missing optional values are null.</summary>
/// <param name="LineNumber">1-based physical line on which the row starts (the header is line 1).</param>
/// <param name="EstablishmentNumber">LAESTAB = LaCode * 10000 + EstablishmentNumber.</param>
/// <param name="Headteacher">"Title First Last" from the head columns, null when all three are missing.</param>
public sealed record GiasSchoolRow(
    int LineNumber,
    int Urn,
    int LaCode,
    string LaName,
    int EstablishmentNumber,
    string Name,
    int TypeOfEstablishmentCode,
    int EstablishmentTypeGroupCode,
    int EstablishmentStatusCode,
    int PhaseOfEducationCode,
    int? StatutoryLowAge,
    int? StatutoryHighAge,
    DateOnly? OpenDate,
    DateOnly? CloseDate,
    int? Capacity,
    int? Pupils,
    decimal? PercentageFsm,
    string? Trust,
    string? Federation,
    string? DioceseCode,
    string? DioceseName,
    string? Headteacher,
    string? Street,
    string? Locality,
    string? Town,
    string? Postcode,
    int? Ukprn);
