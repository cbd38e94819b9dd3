using Sia.Registry.Gias.Tests.Infrastructure;

namespace Sia.Registry.Gias.Tests;

public sealed class RejectionTests
{
    [Theory]
    [InlineData("URN", "ABC", "URN 'ABC' is not a 6-digit number")]
    [InlineData("URN", "12345", "URN '12345' is not a 6-digit number")]
    [InlineData("URN", "012345", "URN '012345' is not a 6-digit number")]
    [InlineData("URN", "1234567", "URN '1234567' is not a 6-digit number")]
    [InlineData("LA (code)", "99", "LA (code) '99' is not a 3-digit number")]
    [InlineData("LA (code)", "2O2", "LA (code) '2O2' is not a 3-digit number")]
    [InlineData("EstablishmentNumber", "12345", "EstablishmentNumber '12345' is not a 4-digit number")]
    [InlineData("TypeOfEstablishment (code)", "0", "TypeOfEstablishment (code) '0' is not a positive integer")]
    [InlineData("TypeOfEstablishment (code)", "Community school", "TypeOfEstablishment (code) 'Community school' is not a positive integer")]
    [InlineData("EstablishmentTypeGroup (code)", "-4", "EstablishmentTypeGroup (code) '-4' is not a positive integer")]
    [InlineData("EstablishmentStatus (code)", "7", "EstablishmentStatus (code) '7' is not a GIAS status code (1-4)")]
    [InlineData("EstablishmentStatus (code)", "0", "EstablishmentStatus (code) '0' is not a GIAS status code (1-4)")]
    [InlineData("PhaseOfEducation (code)", "9", "PhaseOfEducation (code) '9' is not a GIAS phase code (0-7)")]
    [InlineData("StatutoryLowAge", "four", "StatutoryLowAge 'four' is not an age in whole years (0-99)")]
    [InlineData("StatutoryHighAge", "11.5", "StatutoryHighAge '11.5' is not an age in whole years (0-99)")]
    [InlineData("OpenDate", "31-02-2020", "OpenDate '31-02-2020' is not a dd-MM-yyyy date")]
    [InlineData("OpenDate", "2020-09-01", "OpenDate '2020-09-01' is not a dd-MM-yyyy date")]
    [InlineData("CloseDate", "1-9-2020", "CloseDate '1-9-2020' is not a dd-MM-yyyy date")]
    [InlineData("CloseDate", "01/09/2020", "CloseDate '01/09/2020' is not a dd-MM-yyyy date")]
    [InlineData("SchoolCapacity", "-5", "SchoolCapacity '-5' is not a whole number")]
    [InlineData("NumberOfPupils", "1,200", "NumberOfPupils '1,200' is not a whole number")]
    [InlineData("PercentageFSM", "101", "PercentageFSM '101' is not a percentage (0-100)")]
    [InlineData("PercentageFSM", "SUPP", "PercentageFSM 'SUPP' is not a percentage (0-100)")]
    [InlineData("UKPRN", "1234567", "UKPRN '1234567' is not an 8-digit number")]
    public void A_bad_value_rejects_the_row_naming_the_column_and_the_value(string column, string value, string reason)
    {
        var rejected = Parsing.SingleRejection(GiasCsv.File(GiasCsv.Row((column, value))));

        Assert.Equal(new GiasRejectedRow(2, reason), rejected);
    }

    [Theory]
    [InlineData("URN", "")]
    [InlineData("URN", "Not applicable")]
    [InlineData("LA (code)", "Unknown")]
    [InlineData("EstablishmentNumber", "  ")]
    [InlineData("EstablishmentName", "")]
    [InlineData("TypeOfEstablishment (code)", "Not recorded")]
    [InlineData("EstablishmentTypeGroup (code)", "")]
    [InlineData("EstablishmentStatus (code)", "")]
    [InlineData("PhaseOfEducation (code)", "")]
    public void A_missing_required_value_rejects_the_row(string column, string value)
    {
        var rejected = Parsing.SingleRejection(GiasCsv.File(GiasCsv.Row((column, value))));

        Assert.Equal($"{column} is missing", rejected.Reason);
    }

    [Fact]
    public void A_low_age_above_the_high_age_rejects_the_row()
    {
        var rejected = Parsing.SingleRejection(GiasCsv.File(GiasCsv.Row(("StatutoryLowAge", "11"), ("StatutoryHighAge", "4"))));

        Assert.Equal("StatutoryLowAge 11 is above StatutoryHighAge 4", rejected.Reason);
    }

    [Fact]
    public void A_row_with_the_wrong_number_of_fields_is_rejected()
    {
        var rejected = Parsing.SingleRejection(GiasCsv.File("100000,201,City of London,3614,The Aldgate School,02,,4,,1,,00"));

        Assert.Equal("the row has 12 fields, the header has 139", rejected.Reason);
    }

    [Fact]
    public void A_rejected_row_does_not_stop_the_rows_after_it()
    {
        var results = Parsing.Parse(GiasCsv.File(
            GiasCsv.Row(("URN", "100001")),
            GiasCsv.Row(("URN", "100002"), ("PhaseOfEducation (code)", "9")),
            "too,few",
            GiasCsv.Row(("URN", "100004"))));

        Assert.Equal(
            [(2, "100001"), (3, "PhaseOfEducation (code) '9' is not a GIAS phase code (0-7)"), (4, "the row has 2 fields, the header has 139"), (5, "100004")],
            results.Select(result => result.Row is { } row ? (row.LineNumber, row.Urn.ToString()) : (result.Rejected!.LineNumber, result.Rejected.Reason)).ToList());
    }

    [Fact]
    public void A_row_with_a_bad_LA_code_is_rejected_even_when_filtering_by_LA()
    {
        var results = Parsing.Parse(GiasCsv.File(GiasCsv.Row(("LA (code)", "99"))), laFilter: new HashSet<int> { 202 });

        Assert.Equal("LA (code) '99' is not a 3-digit number", Assert.Single(results).Rejected?.Reason);
    }

    [Fact]
    public void The_first_problem_in_a_row_is_the_one_reported()
    {
        var rejected = Parsing.SingleRejection(GiasCsv.File(GiasCsv.Row(("URN", "ABC"), ("OpenDate", "yesterday"))));

        Assert.Equal("URN 'ABC' is not a 6-digit number", rejected.Reason);
    }

    [Fact]
    public void A_long_bad_value_is_cut_short_in_the_reason()
    {
        var rejected = Parsing.SingleRejection(GiasCsv.File(GiasCsv.Row(("OpenDate", new string('x', 500)))));

        Assert.Equal($"OpenDate '{new string('x', 60)}…' is not a dd-MM-yyyy date", rejected.Reason);
    }
}
