using Sia.Registry.Gias.Tests.Infrastructure;

namespace Sia.Registry.Gias.Tests;

public sealed class ValueTests
{
    [Fact]
    public void Values_are_trimmed()
    {
        var row = Parsing.SingleRow(GiasCsv.File(GiasCsv.Row(
            ("URN", " 123456 "), ("EstablishmentName", "\tHill Top School  "), ("OpenDate", " 01-09-2010"), ("Postcode", " NW1 1AA "))));

        Assert.Equal((123456, "Hill Top School", new DateOnly(2010, 9, 1), "NW1 1AA"), (row.Urn, row.Name, row.OpenDate, row.Postcode));
    }

    [Theory]
    [InlineData("")]
    [InlineData("Not applicable")]
    [InlineData("NOT APPLICABLE")]
    [InlineData("Not recorded")]
    [InlineData("Unknown")]
    public void Missing_markers_in_optional_columns_become_null(string missing)
    {
        var row = Parsing.SingleRow(GiasCsv.File(GiasCsv.Row(
            ("LA (name)", missing), ("StatutoryLowAge", missing), ("StatutoryHighAge", missing), ("OpenDate", missing), ("CloseDate", missing),
            ("SchoolCapacity", missing), ("NumberOfPupils", missing), ("PercentageFSM", missing), ("Trusts (name)", missing),
            ("Federations (name)", missing), ("Diocese (code)", missing), ("Diocese (name)", missing), ("HeadTitle (name)", missing),
            ("HeadFirstName", missing), ("HeadLastName", missing), ("Street", missing), ("Locality", missing), ("Town", missing),
            ("Postcode", missing), ("UKPRN", missing))));

        Assert.Equal(
            new GiasSchoolRow(2, 123456, 202, "", 2000, "Test Primary School", 1, 4, 1, 2, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null),
            row);
    }

    [Theory]
    [InlineData("Mrs", "", "Jones", "Mrs Jones")]
    [InlineData("Not applicable", "Sam", "Jones", "Sam Jones")]
    [InlineData("Dr", "Sam", "", "Dr Sam")]
    public void The_headteacher_joins_the_head_columns_that_are_present(string title, string first, string last, string expected)
    {
        var row = Parsing.SingleRow(GiasCsv.File(GiasCsv.Row(("HeadTitle (name)", title), ("HeadFirstName", first), ("HeadLastName", last))));

        Assert.Equal(expected, row.Headteacher);
    }

    [Theory]
    [InlineData("29-02-2024", 2024, 2, 29)]
    [InlineData("31-12-1899", 1899, 12, 31)]
    [InlineData("01-01-2000", 2000, 1, 1)]
    public void Dates_are_dd_MM_yyyy(string text, int year, int month, int day)
    {
        var row = Parsing.SingleRow(GiasCsv.File(GiasCsv.Row(("OpenDate", text))));

        Assert.Equal(new DateOnly(year, month, day), row.OpenDate);
    }

    [Fact]
    public void A_leap_day_in_a_common_year_is_not_a_date()
    {
        var rejected = Parsing.SingleRejection(GiasCsv.File(GiasCsv.Row(("CloseDate", "29-02-2023"))));

        Assert.Equal("CloseDate '29-02-2023' is not a dd-MM-yyyy date", rejected.Reason);
    }

    [Fact]
    public void Codes_with_leading_zeros_and_codes_beyond_the_known_lists_are_kept()
    {
        var row = Parsing.SingleRow(GiasCsv.File(GiasCsv.Row(
            ("LA (code)", "001"), ("EstablishmentNumber", "0007"), ("TypeOfEstablishment (code)", "057"), ("EstablishmentTypeGroup (code)", "13"))));

        Assert.Equal((1, 7, 57, 13), (row.LaCode, row.EstablishmentNumber, row.TypeOfEstablishmentCode, row.EstablishmentTypeGroupCode));
    }

    [Fact]
    public void Numbers_are_read()
    {
        var row = Parsing.SingleRow(GiasCsv.File(GiasCsv.Row(
            ("StatutoryLowAge", "0"), ("StatutoryHighAge", "25"), ("SchoolCapacity", "2100"), ("NumberOfPupils", "1987"),
            ("PercentageFSM", "0.0"), ("UKPRN", "10012345"))));

        Assert.Equal((0, 25, 2100, 1987, 0.0m, 10012345), (row.StatutoryLowAge, row.StatutoryHighAge, row.Capacity, row.Pupils, row.PercentageFsm, row.Ukprn));
    }
}
