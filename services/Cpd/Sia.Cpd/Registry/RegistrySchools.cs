using Grpc.Core;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Bookings;
using Sia.Registry.V1;

namespace Sia.Cpd.Registry;

/// <summary>
/// Asks the registry's GetSchool for a school, and ListAllianceMemberships whether it is a member of an alliance on a day.
/// NOT_FOUND is "no such school"; any other failure is UNAVAILABLE to the caller, as in <see cref="RegistryAlliances"/>.
/// </summary>
internal sealed partial class RegistrySchools(SchoolService.SchoolServiceClient schools, AllianceService.AllianceServiceClient alliances,
    IOptions<RegistryOptions> options, IMemoryCache cache, TimeProvider clock, ILogger<RegistrySchools> logger) : ISchoolRegistry
{
    private const int OpenStatus = 1, OpenProposedToClose = 3;

    /// <summary>The school as the registry has it, remembered for <see cref="RegistryOptions.CacheTime"/> (a school it does not have is not remembered).</summary>
    public async Task<RegistrySchool?> FindSchoolAsync(int urn, CancellationToken cancellationToken)
    {
        var key = (nameof(RegistrySchools), urn);
        if (cache.TryGetValue(key, out RegistrySchool? known)) return known;
        var school = await AskAsync(urn, cancellationToken);
        if (school is not null && options.Value.CacheTime > TimeSpan.Zero) cache.Set(key, school, options.Value.CacheTime);
        return school;
    }

    private async Task<RegistrySchool?> AskAsync(int urn, CancellationToken cancellationToken)
    {
        try
        {
            var school = await schools.GetSchoolAsync(new GetSchoolRequest { Name = $"schools/{urn}" }, deadline: Deadline(), cancellationToken: cancellationToken);
            return new RegistrySchool(urn, school.LocalAuthorityCode, school.StatusCode is OpenStatus or OpenProposedToClose);
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
        {
            return null;
        }
        catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw NotAsked($"schools/{urn}", error);
        }
    }

    public async Task<IReadOnlyList<string>> AlliancesOfAsync(int urn, IEnumerable<string> allianceIds, DateOnly on, CancellationToken cancellationToken)
    {
        var school = $"schools/{urn}";
        var members = new List<string>();
        foreach (var allianceId in allianceIds)
        {
            if ((await MembershipsAsync(allianceId, cancellationToken)).Any(m => m.School == school && m.RunsOn(on))) members.Add(allianceId);
        }
        return members;
    }

    /// <summary>
    /// Every membership the alliance has had (none for an alliance the registry does not have), remembered for
    /// <see cref="RegistryOptions.CacheTime"/>.
    /// </summary>
    private async Task<IReadOnlyList<Membership>> MembershipsAsync(string allianceId, CancellationToken cancellationToken)
    {
        var key = (nameof(MembershipsAsync), allianceId);
        if (cache.TryGetValue(key, out IReadOnlyList<Membership>? known) && known is not null) return known;
        var alliance = CatalogueNames.Alliance(allianceId);
        var memberships = new List<Membership>();
        try
        {
            var request = new ListAllianceMembershipsRequest { Parent = alliance, PageSize = 500, ShowEnded = true };
            do
            {
                var page = await alliances.ListAllianceMembershipsAsync(request, deadline: Deadline(), cancellationToken: cancellationToken);
                memberships.AddRange(page.AllianceMemberships.Where(m => m.JoinDate is not null).Select(m => new Membership(m.School, ToDate(m.JoinDate), m.LeaveDate is { } leave ? ToDate(leave) : null)));
                request.PageToken = page.NextPageToken;
            } while (request.PageToken.Length > 0);
        }
        catch (RpcException error) when (error.StatusCode == StatusCode.NotFound)
        {
            // No such alliance: no member of it.
        }
        catch (RpcException error) when (!cancellationToken.IsCancellationRequested)
        {
            throw NotAsked($"{alliance}'s members", error);
        }
        if (options.Value.CacheTime > TimeSpan.Zero) cache.Set(key, (IReadOnlyList<Membership>)memberships, options.Value.CacheTime);
        return memberships;
    }

    private static DateOnly ToDate(Google.Type.Date date) => new(date.Year, date.Month, date.Day);

    /// <summary>A school's membership of an alliance: from its join date, until (not on) its leave date.</summary>
    private sealed record Membership(string School, DateOnly Join, DateOnly? Leave)
    {
        public bool RunsOn(DateOnly day) => Join <= day && (Leave is not { } leave || day < leave);
    }

    private DateTime Deadline() => clock.GetUtcNow().UtcDateTime + options.Value.Timeout;

    private RpcException NotAsked(string what, RpcException error)
    {
        RegistryNotAsked(logger, error, what, error.StatusCode);
        return new RpcException(new Status(StatusCode.Unavailable, $"The registry could not be asked about {what} ({error.StatusCode}); nothing was booked. Try again shortly."));
    }

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "The registry could not be asked about {Subject}: {StatusCode}")]
    private static partial void RegistryNotAsked(ILogger logger, Exception error, string subject, StatusCode statusCode);
}
