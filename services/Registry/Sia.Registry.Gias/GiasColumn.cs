namespace Sia.Registry.Gias;

/// <summary>The GIAS columns SIA reads; every other column of the extract is ignored.</summary>
internal enum GiasColumn
{
    Urn,
    LaCode,
    LaName,
    EstablishmentNumber,
    EstablishmentName,
    TypeOfEstablishmentCode,
    EstablishmentTypeGroupCode,
    EstablishmentStatusCode,
    PhaseOfEducationCode,
    StatutoryLowAge,
    StatutoryHighAge,
    OpenDate,
    CloseDate,
    SchoolCapacity,
    NumberOfPupils,
    PercentageFsm,
    TrustsName,
    FederationsName,
    DioceseCode,
    DioceseName,
    HeadTitleName,
    HeadFirstName,
    HeadLastName,
    Street,
    Locality,
    Town,
    Postcode,
    Ukprn,
}

internal static class GiasColumns
{
    public static readonly GiasColumn[] All = Enum.GetValues<GiasColumn>();

    public static readonly GiasColumn[] Required =
    [
        GiasColumn.Urn, GiasColumn.LaCode, GiasColumn.EstablishmentNumber, GiasColumn.EstablishmentName,
        GiasColumn.TypeOfEstablishmentCode, GiasColumn.EstablishmentTypeGroupCode, GiasColumn.EstablishmentStatusCode,
        GiasColumn.PhaseOfEducationCode,
    ];

    /// <summary>The column's exact header in the extract, also used to name it in rejection reasons.</summary>
    public static string Header(this GiasColumn column) => column switch
    {
        GiasColumn.Urn => "URN",
        GiasColumn.LaCode => "LA (code)",
        GiasColumn.LaName => "LA (name)",
        GiasColumn.EstablishmentNumber => "EstablishmentNumber",
        GiasColumn.EstablishmentName => "EstablishmentName",
        GiasColumn.TypeOfEstablishmentCode => "TypeOfEstablishment (code)",
        GiasColumn.EstablishmentTypeGroupCode => "EstablishmentTypeGroup (code)",
        GiasColumn.EstablishmentStatusCode => "EstablishmentStatus (code)",
        GiasColumn.PhaseOfEducationCode => "PhaseOfEducation (code)",
        GiasColumn.StatutoryLowAge => "StatutoryLowAge",
        GiasColumn.StatutoryHighAge => "StatutoryHighAge",
        GiasColumn.OpenDate => "OpenDate",
        GiasColumn.CloseDate => "CloseDate",
        GiasColumn.SchoolCapacity => "SchoolCapacity",
        GiasColumn.NumberOfPupils => "NumberOfPupils",
        GiasColumn.PercentageFsm => "PercentageFSM",
        GiasColumn.TrustsName => "Trusts (name)",
        GiasColumn.FederationsName => "Federations (name)",
        GiasColumn.DioceseCode => "Diocese (code)",
        GiasColumn.DioceseName => "Diocese (name)",
        GiasColumn.HeadTitleName => "HeadTitle (name)",
        GiasColumn.HeadFirstName => "HeadFirstName",
        GiasColumn.HeadLastName => "HeadLastName",
        GiasColumn.Street => "Street",
        GiasColumn.Locality => "Locality",
        GiasColumn.Town => "Town",
        GiasColumn.Postcode => "Postcode",
        GiasColumn.Ukprn => "UKPRN",
        _ => throw new ArgumentOutOfRangeException(nameof(column), column, null),
    };
}
