using System.Text;
using CsCheck;
using Sia.Csv;
using Sia.Risk.Import;

namespace Sia.Risk.Tests;

/// <summary>The indicators file parsed from chunks split anywhere, as a client streams it.</summary>
public sealed class IndicatorCsvReaderTests
{
    private const string File = """
        indicator,urn,academic_year,value,national
        ks2_rwm_level4_pct,121615,2014-15,61.5,80
        value_added_core,121615,2014/15,98.5,
        "ks2_rwm_level4_pct",12161,2014-15,61.5,80
        ks2_rwm_level4_pct,121616,2014-16,61.5,80
        KS2,121616,2014-15,61.5,80
        ks2_rwm_level4_pct,121616,2014-15,sixty,80
        ks2_rwm_level4_pct,121616,2014-15,-1.25,1e3
        ks2_rwm_level4_pct,121616,2014-15
        """;

    [Fact]
    public void Each_row_is_read_or_refused_with_its_line_and_reason()
    {
        var results = Parse(Encoding.UTF8.GetBytes(File), [int.MaxValue]);

        Assert.Equal([2, 3], results.Where(r => r.Row is not null).Select(r => r.Row!.LineNumber));
        Assert.Equal(new IndicatorRow(2, 121615, "ks2_rwm_level4_pct", 2014, 61.5, 80), results[0].Row);
        Assert.Equal(new IndicatorRow(3, 121615, "value_added_core", 2014, 98.5, null), results[1].Row);
        Assert.Equal(
            [
                (4, "urn '12161' is not a 6-digit URN."),
                (5, "academic_year '2014-16' is not an academic year such as 2014-15."),
                (6, "indicator 'KS2' is not an indicator code: lower-case letters, digits and underscores, starting with a letter, at most 63."),
                (7, "value 'sixty' is not a number such as 61.5."),
                (8, "national '1e3' is not a number such as 61.5, or empty."),
                (9, "The row has 3 fields; the header has 5."),
            ],
            results.Where(r => r.Rejected is not null).Select(r => (r.Rejected!.LineNumber, r.Rejected.Reason)));
    }

    [Fact]
    public void Any_split_of_the_file_into_chunks_reads_the_same_as_one_chunk()
    {
        byte[] bytes = [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(File)];
        var whole = Parse(bytes, [int.MaxValue]);

        Gen.Int[1, 20].Array[1, 40].Sample(sizes => Parse(bytes, sizes).SequenceEqual(whole), iter: 500);
    }

    [Fact]
    public void A_header_without_a_required_column_is_refused()
    {
        var error = Assert.Throws<CsvFormatException>(() => Parse(Encoding.UTF8.GetBytes("urn,indicator,year,value\n121615,x,2014-15,1\n"), [int.MaxValue]));

        Assert.Equal("The header row lacks academic_year: it names urn, indicator, academic_year, value and optionally national, in any order.", error.Message);
    }

    /// <summary>Feeds the bytes in chunks of the given sizes, taken in turn.</summary>
    private static List<IndicatorParseResult> Parse(byte[] bytes, int[] sizes)
    {
        var reader = new IndicatorCsvReader();
        var results = new List<IndicatorParseResult>();
        for (int at = 0, i = 0; at < bytes.Length; i++)
        {
            var size = Math.Min(sizes[i % sizes.Length], bytes.Length - at);
            results.AddRange(reader.Feed(bytes.AsSpan(at, size)));
            at += size;
        }
        results.AddRange(reader.Complete());
        return results;
    }
}
