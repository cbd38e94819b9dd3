using Sia.ServiceDefaults;

namespace Sia.Gateway.Tests;

/// <summary>Whom a partner acts for, and its one canonical x-sia-partner-acts-for value (Sia.ServiceDefaults.PartnerActsFor).</summary>
public sealed class PartnerActsForTests
{
    private static readonly string[] FiveHundredAndOneSchools = [.. Enumerable.Range(900000, 501).Select(urn => urn.ToString())];

    [Fact]
    public void The_header_lists_LAs_then_alliances_then_schools_each_sorted_and_once()
    {
        var actsFor = PartnerActsFor.Of(["817", "816", "816"], ["pathfinder", "ebor"], ["990102", "121615"]);

        Assert.Equal("la:816,la:817,alliance:ebor,alliance:pathfinder,school:121615,school:990102", actsFor.HeaderValue);
        Assert.False(actsFor.IsEveryone);
        Assert.True(PartnerActsFor.TryParse(actsFor.HeaderValue, out var parsed));
        Assert.Equal(actsFor, parsed);
    }

    [Fact]
    public void None_is_everyone()
    {
        var actsFor = PartnerActsFor.Of([], [], []);

        Assert.Same(PartnerActsFor.Everyone, actsFor);
        Assert.Equal("*", actsFor.HeaderValue);
        Assert.True(actsFor.IsEveryone);
        Assert.True(PartnerActsFor.TryParse("*", out var parsed));
        Assert.Same(PartnerActsFor.Everyone, parsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("la:817,la:816")]
    [InlineData("la:816,la:816")]
    [InlineData("alliance:ebor,la:816")]
    [InlineData("la:816,")]
    [InlineData(",la:816")]
    [InlineData(" la:816")]
    [InlineData("*,la:816")]
    [InlineData("LA:816")]
    [InlineData("la:8160")]
    [InlineData("la:８１６")]
    [InlineData("alliance:Ebor")]
    [InlineData("school:012345")]
    [InlineData("school:99010")]
    [InlineData("trust:1234")]
    public void A_value_that_is_not_exactly_canonical_does_not_parse(string value) =>
        Assert.False(PartnerActsFor.TryParse(value, out _), value);

    [Fact]
    public void More_than_500_entries_or_8192_characters_do_not_parse()
    {
        var schools = string.Join(',', FiveHundredAndOneSchools.Select(urn => $"school:{urn}"));
        var alliances = string.Join(',', Enumerable.Range(0, 165).Select(i => $"alliance:a{i:D3}{new string('x', 36)}").Order(StringComparer.Ordinal));

        Assert.True(schools.Length < PartnerActsFor.MaxHeaderLength);
        Assert.False(PartnerActsFor.TryParse(schools, out _));
        Assert.True(alliances.Split(',').Length < PartnerActsFor.MaxEntries);
        Assert.False(PartnerActsFor.TryParse(alliances, out _));
    }

    [Fact]
    public void More_than_500_or_a_header_longer_than_8192_characters_are_refused()
    {
        var tooMany = Assert.Throws<ArgumentException>(() => PartnerActsFor.Of([], [], FiveHundredAndOneSchools));
        var tooLong = Assert.Throws<ArgumentException>(() =>
            PartnerActsFor.Of([], [.. Enumerable.Range(0, 165).Select(i => $"a{i:D3}{new string('x', 36)}")], []));

        Assert.Equal("501 local authorities, alliances and schools are more than the 500 a partner may act for.", tooMany.Message);
        Assert.StartsWith("They would take 8249 characters in the signed header, more than its 8192", tooLong.Message);
    }

    [Theory]
    [InlineData("8160", "", "")]
    [InlineData("", "Ebor", "")]
    [InlineData("", "", "012345")]
    public void A_value_that_is_not_well_formed_is_refused(string code, string alliance, string urn) =>
        Assert.Throws<ArgumentException>(() => PartnerActsFor.Of(
            code.Length > 0 ? [code] : [], alliance.Length > 0 ? [alliance] : [], urn.Length > 0 ? [urn] : []));
}
