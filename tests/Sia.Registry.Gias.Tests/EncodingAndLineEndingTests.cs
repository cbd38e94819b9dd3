using System.Text;
using Sia.Registry.Gias.Tests.Infrastructure;

namespace Sia.Registry.Gias.Tests;

public sealed class EncodingAndLineEndingTests
{
    private static readonly string Text = GiasCsv.HeaderLine + "\r\n" + GiasCsv.Row(("EstablishmentName", "École Saint-Benoît’s")) + "\r\n";

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(int.MaxValue)]
    public void A_file_starting_with_a_UTF8_byte_order_mark_is_read_as_UTF8(int chunkSize)
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Text)).ToArray();

        var row = Assert.Single(Parsing.Parse(bytes, chunkSize)).Row;

        Assert.Equal("École Saint-Benoît’s", row?.Name);
    }

    [Fact]
    public void Without_a_byte_order_mark_the_file_is_Windows_1252()
    {
        var bytes = GiasCsv.Windows1252.GetBytes(Text);
        Assert.Contains((byte)0x92, bytes);

        Assert.Equal("École Saint-Benoît’s", Parsing.SingleRow(bytes).Name);
    }

    [Fact]
    public void A_file_that_starts_like_a_byte_order_mark_but_is_not_one_is_still_Windows_1252()
    {
        // 0xEF 0xBB is "ï»" in Windows-1252: a header line cannot start so, but the bytes must still reach the parser.
        var bytes = new byte[] { 0xEF, 0xBB }.Concat(GiasCsv.Windows1252.GetBytes(Text)).ToArray();

        var error = Assert.Throws<GiasFormatException>(() => Parsing.Parse(bytes, chunkSize: 1));

        Assert.Contains("'URN'", error.Message);
    }

    [Fact]
    public void LF_line_endings_read_the_same_as_CRLF()
    {
        var crlf = GiasCsv.File(GiasCsv.Row(("URN", "100001")), GiasCsv.Row(("URN", "100002"), ("Street", "Line one\r\nLine two")));
        var lf = GiasCsv.Windows1252.GetBytes(GiasCsv.Windows1252.GetString(crlf).Replace("\r\n", "\n"));

        var fromLf = Parsing.Parse(lf);

        Assert.Equal([100001, 100002], fromLf.Select(result => result.Row!.Urn));
        Assert.Equal("Line one\nLine two", fromLf[1].Row!.Street);
        Assert.Equal(Parsing.Parse(crlf).Select(result => result.Row! with { Street = null }), fromLf.Select(result => result.Row! with { Street = null }));
    }

    [Fact]
    public void The_last_row_needs_no_line_break_after_it()
    {
        var bytes = GiasCsv.Windows1252.GetBytes(GiasCsv.HeaderLine + "\r\n" + GiasCsv.Row(("URN", "100001")) + "\r\n" + GiasCsv.Row(("URN", "100002")));
        var reader = new GiasReader();

        var fed = reader.Feed(bytes);
        var completed = reader.Complete();

        Assert.Equal(100001, Assert.Single(fed).Row?.Urn);
        Assert.Equal((3, 100002), (Assert.Single(completed).Row?.LineNumber, completed[0].Row?.Urn));
    }

    [Fact]
    public void A_last_row_ending_in_an_empty_unquoted_field_keeps_that_field()
    {
        var row = GiasCsv.Row(("URN", "100001"));
        var unquotedEmptyLast = row[..row.LastIndexOf(',')] + ",";

        Assert.Equal(100001, Parsing.SingleRow(GiasCsv.Windows1252.GetBytes(GiasCsv.HeaderLine + "\n" + unquotedEmptyLast)).Urn);
    }

    [Fact]
    public void Blank_lines_are_skipped_and_still_counted()
    {
        var bytes = GiasCsv.Windows1252.GetBytes(
            GiasCsv.HeaderLine + "\r\n\r\n" + GiasCsv.Row(("URN", "100001")) + "\n\n" + GiasCsv.Row(("URN", "100002")) + "\r\n\r\n\r\n");

        Assert.Equal([3, 5], Parsing.Parse(bytes).Select(result => result.Row!.LineNumber));
    }

    [Fact]
    public void Feeding_after_completing_is_a_programming_error()
    {
        var reader = new GiasReader();
        reader.Feed(GiasCsv.File());
        reader.Complete();

        Assert.Throws<InvalidOperationException>(() => reader.Feed("x"u8));
    }
}
