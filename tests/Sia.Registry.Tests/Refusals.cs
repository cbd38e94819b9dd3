using Grpc.Core;

namespace Sia.Registry.Tests;

/// <summary>What a refused call says.</summary>
internal static class Refusals
{
    /// <summary>Asserts that the call is refused as INVALID_ARGUMENT naming exactly these fields.</summary>
    public static async Task AssertInvalidAsync(Func<Task> call, params string[] fields)
    {
        var error = await Assert.ThrowsAsync<RpcException>(call);
        Assert.True(error.StatusCode == StatusCode.InvalidArgument, $"Expected INVALID_ARGUMENT naming {string.Join(", ", fields)}; got {error.Status}.");
        Assert.Equal(fields, error.ViolatedFields());
    }
}
