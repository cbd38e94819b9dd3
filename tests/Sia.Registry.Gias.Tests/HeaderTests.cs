using System.Text;
using Sia.Registry.Gias.Tests.Infrastructure;

namespace Sia.Registry.Gias.Tests;

public sealed class HeaderTests
{
    [Fact]
    public void A_header_missing_required_columns_is_rejected_naming_them_as_soon_as_it_ends()
    {
        var header = string.Join(",", GiasCsv.Header.Where(column => column is not ("URN" or "PhaseOfEducation (code)")));
        var reader = new GiasReader();
        Assert.Empty(reader.Feed(Encoding.ASCII.GetBytes(header)));

        var error = Assert.Throws<GiasFormatException>(() => reader.Feed("\r\n"u8));

        Assert.Contains("'URN', 'PhaseOfEducation (code)'", error.Message);
        Assert.DoesNotContain("LA (code)", error.Message);
    }

    [Fact]
    public void No_row_is_produced_before_a_bad_header_is_rejected()
    {
        var bytes = Encoding.ASCII.GetBytes("URN,EstablishmentName\r\n100000,A School\r\n");

        var error = Assert.Throws<GiasFormatException>(() => new GiasReader().Feed(bytes));

        Assert.Contains("'LA (code)', 'EstablishmentNumber', 'TypeOfEstablishment (code)', 'EstablishmentTypeGroup (code)', 'EstablishmentStatus (code)', 'PhaseOfEducation (code)'", error.Message);
    }

    [Fact]
    public void Columns_may_come_in_any_order_and_optional_ones_may_be_absent()
    {
        var csv = """
            PhaseOfEducation (code),EstablishmentStatus (code),EstablishmentTypeGroup (code),TypeOfEstablishment (code),Ignored,EstablishmentName,EstablishmentNumber,LA (code),URN
            4,1,10,28,whatever,Bridge Academy,4000,202,140001

            """;

        var row = Parsing.SingleRow(Encoding.ASCII.GetBytes(csv));

        Assert.Equal(
            new GiasSchoolRow(2, 140001, 202, "", 4000, "Bridge Academy", 28, 10, 1, 4, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null),
            row);
    }

    [Fact]
    public void Header_names_are_trimmed()
    {
        var csv = "\" URN \", LA (code) ,EstablishmentNumber,EstablishmentName,TypeOfEstablishment (code),EstablishmentTypeGroup (code),EstablishmentStatus (code),PhaseOfEducation (code)\n"
            + "100000,201,3614,The Aldgate School,2,4,1,2\n";

        Assert.Equal(100000, Parsing.SingleRow(Encoding.ASCII.GetBytes(csv)).Urn);
    }

    [Fact]
    public void A_file_with_only_a_header_has_no_rows() => Assert.Empty(Parsing.Parse(GiasCsv.File()));

    [Theory]
    [InlineData("")]
    [InlineData("\r\n\r\n")]
    public void An_empty_file_is_not_a_GIAS_file(string content)
    {
        var error = Assert.Throws<GiasFormatException>(() => Parsing.Parse(Encoding.ASCII.GetBytes(content)));

        Assert.Contains("without a header row", error.Message);
    }

    [Fact]
    public void A_quoted_field_left_open_at_the_end_of_the_file_is_a_format_error()
    {
        var bytes = GiasCsv.File(GiasCsv.Row()).Concat(GiasCsv.Windows1252.GetBytes("100001,\"201\",\"Unfinished\r\nstreet")).ToArray();
        var reader = new GiasReader();
        Assert.Single(reader.Feed(bytes));

        var error = Assert.Throws<GiasFormatException>(() => reader.Complete());

        Assert.Contains("line 3", error.Message);
        Assert.Contains("never closed", error.Message);
    }

    [Fact]
    public void Bytes_that_are_not_CSV_are_a_format_error_not_an_unbounded_buffer()
    {
        var noLineBreaks = new byte[3 << 20];
        new Random(42).NextBytes(noLineBreaks);
        noLineBreaks.AsSpan().Replace((byte)'\n', (byte)' ');

        Assert.Throws<GiasFormatException>(() => Parsing.Parse(noLineBreaks, chunkSize: 64 * 1024));
    }
}
