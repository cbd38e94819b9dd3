using Sia.Grpc.Protocol;

namespace Sia.Grpc.Tests.Protocol;

public sealed class ProtocolEncodingTests
{
    [Theory]
    [InlineData("1H", 36_000_000_000L)]
    [InlineData("2M", 1_200_000_000L)]
    [InlineData("3S", 30_000_000L)]
    [InlineData("250m", 2_500_000L)]
    [InlineData("7u", 70L)]
    [InlineData("900n", 9L)]
    [InlineData("99999999S", 999_999_990_000_000L)]
    public void A_grpc_timeout_parses_to_ticks(string header, long ticks)
    {
        Assert.True(GrpcTimeout.TryParse(header, out var timeout));
        Assert.Equal(ticks, timeout.Ticks);
    }

    [Theory]
    [InlineData("")]
    [InlineData("10")]
    [InlineData("10x")]
    [InlineData("123456789S")]
    [InlineData("-1S")]
    [InlineData("1.5S")]
    public void A_malformed_grpc_timeout_is_rejected(string header) => Assert.False(GrpcTimeout.TryParse(header, out _));

    [Theory]
    [InlineData(1L, "100n")]
    [InlineData(10_000L, "1000000n")]
    [InlineData(30_000_000L, "3000000u")]
    [InlineData(TimeSpan.TicksPerDay * 30, "2592000S")]
    public void A_timeout_is_formatted_in_at_most_eight_digits_rounding_up(long ticks, string expected)
    {
        var formatted = GrpcTimeout.Format(TimeSpan.FromTicks(ticks));

        Assert.True(GrpcTimeout.TryParse(formatted, out var parsed), formatted);
        Assert.True(parsed.Ticks >= ticks, $"{formatted} is shorter than {ticks} ticks");
        Assert.Equal(expected, formatted);
    }

    [Theory]
    [InlineData("plain text", "plain text")]
    [InlineData("100%", "100%25")]
    [InlineData("line\nbreak", "line%0Abreak")]
    [InlineData("☺ 😈", "%E2%98%BA %F0%9F%98%88")]
    public void Status_messages_are_percent_encoded_and_decoded(string message, string wire)
    {
        Assert.Equal(wire, PercentEncoding.Encode(message));
        Assert.Equal(message, PercentEncoding.Decode(wire));
    }

    [Fact]
    public void A_malformed_escape_is_kept_as_it_is() => Assert.Equal("50%zz and %4", PercentEncoding.Decode("50%zz and %4"));
}
