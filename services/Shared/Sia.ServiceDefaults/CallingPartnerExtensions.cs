using Grpc.Core;

namespace Sia.ServiceDefaults;

/// <summary>The partner system a call came from, as the SIA gateway vouched for it.</summary>
public static class CallingPartnerExtensions
{
    private static readonly object Key = new();

    /// <summary>
    /// The partner (its name and whom it acts for) when the call came through the gateway with signed x-sia-partner
    /// headers that verified; null for a call from inside (another service, a health probe) or when the service has no
    /// Gateway:PartnerSigningKey.
    /// </summary>
    public static CallingPartner? GetCallingPartner(this ServerCallContext context) =>
        context.UserState.TryGetValue(Key, out var partner) ? (CallingPartner)partner : null;

    internal static void SetCallingPartner(this ServerCallContext context, CallingPartner partner) => context.UserState[Key] = partner;
}
