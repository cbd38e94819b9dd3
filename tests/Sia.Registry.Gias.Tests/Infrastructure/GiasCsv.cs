using System.Text;

namespace Sia.Registry.Gias.Tests.Infrastructure;

/// <summary>Builds GIAS extracts in memory: the real 139-column header and rows of a valid school with overrides.</summary>
public static class GiasCsv
{
    public static readonly Encoding Windows1252 = CreateWindows1252();

    public static readonly string[] Header =
    [
        "URN", "LA (code)", "LA (name)", "EstablishmentNumber", "EstablishmentName", "TypeOfEstablishment (code)",
        "TypeOfEstablishment (name)", "EstablishmentTypeGroup (code)", "EstablishmentTypeGroup (name)",
        "EstablishmentStatus (code)", "EstablishmentStatus (name)", "ReasonEstablishmentOpened (code)",
        "ReasonEstablishmentOpened (name)", "OpenDate", "ReasonEstablishmentClosed (code)",
        "ReasonEstablishmentClosed (name)", "CloseDate", "PhaseOfEducation (code)", "PhaseOfEducation (name)",
        "StatutoryLowAge", "StatutoryHighAge", "Boarders (code)", "Boarders (name)", "NurseryProvision (name)",
        "OfficialSixthForm (code)", "OfficialSixthForm (name)", "Gender (code)", "Gender (name)",
        "ReligiousCharacter (code)", "ReligiousCharacter (name)", "ReligiousEthos (name)", "Diocese (code)",
        "Diocese (name)", "AdmissionsPolicy (code)", "AdmissionsPolicy (name)", "SchoolCapacity", "SpecialClasses (code)",
        "SpecialClasses (name)", "CensusDate", "NumberOfPupils", "NumberOfBoys", "NumberOfGirls", "PercentageFSM",
        "TrustSchoolFlag (code)", "TrustSchoolFlag (name)", "Trusts (code)", "Trusts (name)", "SchoolSponsorFlag (name)",
        "SchoolSponsors (name)", "FederationFlag (name)", "Federations (code)", "Federations (name)", "UKPRN",
        "FEHEIdentifier", "FurtherEducationType (name)", "OfstedLastInsp", "OfstedSpecialMeasures (code)",
        "OfstedSpecialMeasures (name)", "LastChangedDate", "Street", "Locality", "Address3", "Town", "County (name)",
        "Postcode", "SchoolWebsite", "TelephoneNum", "HeadTitle (name)", "HeadFirstName", "HeadLastName",
        "HeadPreferredJobTitle", "BSOInspectorateName (name)", "InspectorateReport", "DateOfLastInspectionVisit",
        "NextInspectionVisit", "TeenMoth (name)", "TeenMothPlaces", "CCF (name)", "SENPRU (name)", "EBD (name)",
        "PlacesPRU", "FTProv (name)", "EdByOther (name)", "Section41Approved (name)", "SEN1 (name)", "SEN2 (name)",
        "SEN3 (name)", "SEN4 (name)", "SEN5 (name)", "SEN6 (name)", "SEN7 (name)", "SEN8 (name)", "SEN9 (name)",
        "SEN10 (name)", "SEN11 (name)", "SEN12 (name)", "SEN13 (name)", "TypeOfResourcedProvision (name)",
        "ResourcedProvisionOnRoll", "ResourcedProvisionCapacity", "SenUnitOnRoll", "SenUnitCapacity", "GOR (code)",
        "GOR (name)", "DistrictAdministrative (code)", "DistrictAdministrative (name)", "AdministrativeWard (code)",
        "AdministrativeWard (name)", "ParliamentaryConstituency (code)", "ParliamentaryConstituency (name)",
        "UrbanRural (code)", "UrbanRural (name)", "GSSLACode (name)", "Easting", "Northing",
        "CensusAreaStatisticWard (name)", "MSOA (name)", "LSOA (name)", "InspectorateName (name)", "SENStat", "SENNoStat",
        "BoardingEstablishment (name)", "PropsName", "PreviousLA (code)", "PreviousLA (name)",
        "PreviousEstablishmentNumber", "OfstedRating (name)", "RSCRegion (name)", "Country (name)", "UPRN", "SiteName",
        "QABName (code)", "QABName (name)", "EstablishmentAccredited (code)", "EstablishmentAccredited (name)",
        "QABReport", "CHNumber", "MSOA (code)", "LSOA (code)"
    ];

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
