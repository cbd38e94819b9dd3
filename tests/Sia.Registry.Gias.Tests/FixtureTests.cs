using Sia.Registry.Gias.Tests.Infrastructure;

namespace Sia.Registry.Gias.Tests;

public sealed class FixtureTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(4096)]
    public void The_fixture_parses_the_same_whatever_the_chunk_size(int chunkSize)
    {
        var whole = Fixture.Parse();

        Assert.Equal(whole, Parsing.Parse(Fixture.Bytes(), chunkSize));
    }

    [Fact]
    public void Every_data_row_gives_one_result_at_the_line_it_starts_on()
    {
        var results = Fixture.Parse();

        Assert.Equal(new[] { 2, 3, 4, 5, 7, 8, 9 }, results.Select(result => result.Row?.LineNumber ?? result.Rejected!.LineNumber));
        Assert.Equal(new[] { 100000, 100001, 100050, 100060, 100070, 100090 }, results.Where(result => result.Row is not null).Select(result => result.Row!.Urn));
        Assert.Equal(new GiasRejectedRow(8, "URN 'ABC' is not a 6-digit number"), results.Single(result => result.Rejected is not null).Rejected);
    }

    [Fact]
    public void A_row_as_GIAS_publishes_it_is_read_in_full()
    {
        var expected = new GiasSchoolRow(
            LineNumber: 2, Urn: 100000, LaCode: 201, LaName: "City of London", EstablishmentNumber: 3614, Name: "The Aldgate School",
            TypeOfEstablishmentCode: 2, EstablishmentTypeGroupCode: 4, EstablishmentStatusCode: 1, PhaseOfEducationCode: 2,
            StatutoryLowAge: 3, StatutoryHighAge: 11, OpenDate: null, CloseDate: null,
            Capacity: 274, Pupils: 276, PercentageFsm: 10.2m,
            Trust: null, Federation: null, DioceseCode: "CE23", DioceseName: "Diocese of London",
            Headteacher: "Miss Ada Example",
            // GIAS puts "London" in Address3 here and leaves Town empty.
            Street: "St James's Passage", Locality: "Duke's Place", Town: null, Postcode: "EC3A 5DE",
            Ukprn: 10079319);

        Assert.Equal(expected, Fixture.Row(100000));
    }

    [Fact]
    public void Windows_1252_accents_and_curly_apostrophes_are_decoded()
    {
        var row = Fixture.Row(100050);

        Assert.Equal("St Th\u00e9r\u00e8se\u2019s Catholic Primary School", row.Name);
        Assert.Equal("Our Lady\u2019s Catholic Academy Trust", row.Trust);
        Assert.Equal("Mr Jos\u00e9 O\u2019Brien", row.Headteacher);
        Assert.Equal("Pr\u00e9vost Road", row.Street);
    }

    [Fact]
    public void Quoted_fields_keep_their_commas_doubled_quotes_and_line_breaks()
    {
        var row = Fixture.Row(100060);

        Assert.Equal(5, row.LineNumber);
        Assert.Equal("Smith, Jones and \"Partners\" School", row.Name);
        Assert.Equal("Flat 2\r\nOld Mill Lane", row.Street);
        Assert.Equal(7, Fixture.Row(100070).LineNumber);
    }

    [Fact]
    public void Codes_are_kept_as_GIAS_numbers()
    {
        var academy = Fixture.Row(100050);
        var independent = Fixture.Row(100001);
        var closedNursery = Fixture.Row(100070);

        Assert.Equal((34, 10, 1, 2), (academy.TypeOfEstablishmentCode, academy.EstablishmentTypeGroupCode, academy.EstablishmentStatusCode, academy.PhaseOfEducationCode));
        Assert.Equal((11, 3, 1, 0), (independent.TypeOfEstablishmentCode, independent.EstablishmentTypeGroupCode, independent.EstablishmentStatusCode, independent.PhaseOfEducationCode));
        Assert.Equal((15, 4, 2, 1), (closedNursery.TypeOfEstablishmentCode, closedNursery.EstablishmentTypeGroupCode, closedNursery.EstablishmentStatusCode, closedNursery.PhaseOfEducationCode));
        Assert.Equal(3, Fixture.Row(100060).EstablishmentStatusCode);
    }

    [Fact]
    public void Dates_are_read_day_first()
    {
        Assert.Equal(new DateOnly(1920, 1, 1), Fixture.Row(100001).OpenDate);
        Assert.Equal(new DateOnly(2015, 9, 1), Fixture.Row(100050).OpenDate);
        Assert.Equal(new DateOnly(2024, 8, 31), Fixture.Row(100060).CloseDate);
        var closed = Fixture.Row(100070);
        Assert.Equal((new DateOnly(1974, 4, 1), new DateOnly(2019, 12, 31)), (closed.OpenDate, closed.CloseDate));
    }

    [Fact]
    public void Missing_values_become_null()
    {
        var closed = Fixture.Row(100070);
        Assert.Null(closed.Capacity);
        Assert.Null(closed.Pupils);
        Assert.Null(closed.PercentageFsm);
        Assert.Null(closed.Ukprn);
        Assert.Null(closed.Trust);
        Assert.Null(closed.Locality);
        Assert.Equal("Greenwich Nursery Schools Federation", closed.Federation);

        var noHead = Fixture.Row(100060);
        Assert.Null(noHead.Headteacher);
        Assert.Null(noHead.PercentageFsm);

        var notRecorded = Fixture.Row(100090);
        Assert.Null(notRecorded.Pupils);
        Assert.Equal("Eve Placeholder", notRecorded.Headteacher);
    }

    [Fact]
    public void The_no_diocese_code_0000_means_no_diocese()
    {
        var independent = Fixture.Row(100001);

        Assert.Null(independent.DioceseCode);
        Assert.Null(independent.DioceseName);
        Assert.Equal(("RC20", "Archdiocese of Westminster"), (Fixture.Row(100050).DioceseCode, Fixture.Row(100050).DioceseName));
    }

    [Fact]
    public void The_LA_filter_skips_other_LAs_silently_even_bad_rows()
    {
        var results = Fixture.Parse(laFilter: new HashSet<int> { 202 });

        Assert.All(results, result => Assert.Null(result.Rejected));
        Assert.Equal(new[] { 100050, 100060, 100090 }, results.Select(result => result.Row!.Urn));
    }

    [Fact]
    public async Task ReadAsync_streams_the_same_results_as_feeding_by_hand()
    {
        await using var stream = File.OpenRead(Fixture.Path);
        var results = new List<GiasParseResult>();

        await foreach (var result in GiasReader.ReadAsync(stream, cancellationToken: TestContext.Current.CancellationToken))
        {
            results.Add(result);
        }

        Assert.Equal(Fixture.Parse(), results);
    }
}
