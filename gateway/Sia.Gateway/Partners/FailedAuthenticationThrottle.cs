using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Options;

namespace Sia.Gateway.Partners;

/// <summary>
/// Counts calls without a valid API key by client address (the TCP peer's). After Gateway:FailedAuthentication:Limit of
/// them within a Window, the address is blocked for a Window: its calls are refused whatever key they carry, so guessing
/// keys costs a Window per Limit guesses and answers nothing. The one exception is a call on a connection where a
/// partner's key was already accepted, with that partner's key (<see cref="ConnectionPartner"/>): a partner behind the
/// same address (a shared NAT) keeps the connections it already had going. A partner's new connection from a blocked
/// address is refused like any other: letting a valid key through there would tell a guesser which guess was right.
/// The log stays bounded in a flood: the failures up to the limit are logged by the caller, one line says the address is
/// blocked, and one line, when the block ends, how many calls it refused.
/// </summary>
public sealed partial class FailedAuthenticationThrottle : IDisposable
{
    private readonly ConcurrentDictionary<IPAddress, Entry> _addresses = new();
    private readonly int _limit;
    private readonly TimeSpan _window;
    private readonly TimeProvider _time;
    private readonly ILogger<FailedAuthenticationThrottle> _logger;
    private readonly ITimer _sweep;

    public FailedAuthenticationThrottle(IOptions<GatewayOptions> options, TimeProvider time, ILogger<FailedAuthenticationThrottle> logger)
    {
        (_limit, _window) = (options.Value.FailedAuthentication.Limit, options.Value.FailedAuthentication.Window);
        (_time, _logger) = (time, logger);
        _sweep = time.CreateTimer(_ => Sweep(), null, _window, _window);
    }

    public int Limit => _limit;
    public TimeSpan Window => _window;

    /// <summary>Whether a call from the address is refused: the address is blocked and the call is not exempt. Counts the refusal.</summary>
    public bool Refuses(IPAddress address, bool exempt, out TimeSpan retryAfter)
    {
        retryAfter = TimeSpan.Zero;
        address = Normal(address);
        if (!_addresses.TryGetValue(address, out var entry)) return false;
        var now = _time.GetUtcNow();
        lock (entry)
        {
            EndBlockIfOver(address, entry, now);
            if (entry.BlockedUntil is not { } until || exempt) return false;
            entry.Refused++;
            retryAfter = until - now;
            return true;
        }
    }

    /// <summary>Counts a call without a valid key; the one that reaches the limit blocks the address.</summary>
    public void RecordFailure(IPAddress address)
    {
        address = Normal(address);
        var now = _time.GetUtcNow();
        var entry = _addresses.GetOrAdd(address, _ => new Entry { WindowStart = now });
        lock (entry)
        {
            EndBlockIfOver(address, entry, now);
            if (entry.BlockedUntil is not null) return;
            if (now - entry.WindowStart >= _window) (entry.WindowStart, entry.Failures) = (now, 0);
            if (++entry.Failures < _limit) return;
            entry.BlockedUntil = now + _window;
        }
        LogBlocked(_logger, address, _limit, _window);
    }

    /// <summary>Ends blocks whose time is up, and forgets addresses with no recent failure.</summary>
    private void Sweep()
    {
        var now = _time.GetUtcNow();
        foreach (var (address, entry) in _addresses)
        {
            lock (entry)
            {
                EndBlockIfOver(address, entry, now);
                if (entry.BlockedUntil is not null || now - entry.WindowStart < _window) continue;
            }
            _addresses.TryRemove(KeyValuePair.Create(address, entry));
        }
    }

    private void EndBlockIfOver(IPAddress address, Entry entry, DateTimeOffset now)
    {
        if (entry.BlockedUntil is not { } until || until > now) return;
        LogUnblocked(_logger, address, entry.Refused);
        (entry.WindowStart, entry.Failures, entry.BlockedUntil, entry.Refused) = (now, 0, null, 0);
    }

    private static IPAddress Normal(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    public void Dispose() => _sweep.Dispose();

    private sealed class Entry
    {
        public DateTimeOffset WindowStart;
        public int Failures;
        public DateTimeOffset? BlockedUntil;
        public long Refused;
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Warning,
        Message = "Blocking {Address} for {Window}: {Limit} calls from it within that time had no valid API key")]
    private static partial void LogBlocked(ILogger logger, IPAddress address, int limit, TimeSpan window);

    [LoggerMessage(EventId = 2, Level = LogLevel.Information, Message = "Unblocked {Address}: refused {Refused} calls from it while it was blocked")]
    private static partial void LogUnblocked(ILogger logger, IPAddress address, long refused);
}
