using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Sia.Cpd.V1;
using Sia.ServiceDefaults;
using Sia.Testing.Postgres;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>The demo's CPD data (Pathfinder's 2015/16 programme), loaded over the registry's demo data, and loaded once however often the service starts.</summary>
public sealed class DemoDataTests(PostgresServer postgres) : IAsyncLifetime
{
    private const string Programme = "alliances/pathfinder/programmes/2015-16";
    private static readonly Dictionary<string, string?> Settings = new() { [PartnerHeaders.SigningKeyConfigKey] = CpdStack.SigningKey, ["Cpd:LoadDemoData"] = "true" };

    private readonly RegistryHost _registry = new(postgres) { LoadDemoData = true, Settings = new Dictionary<string, string?> { [PartnerHeaders.SigningKeyConfigKey] = CpdStack.SigningKey } };
    private string _database = "";

    public async ValueTask InitializeAsync()
    {
        await _registry.InitializeAsync();
        _database = await postgres.CreateDatabaseAsync("cpd");
    }

    [Fact]
    public async Task Pathfinders_programme_has_its_courses_under_Yorks_priorities_and_a_full_session_with_two_schools_waiting()
    {
        await using var cpd = await StartLoadedAsync();
        var channel = cpd.CreateChannel();
        var courses = (await new CourseService.CourseServiceClient(channel).ListCoursesAsync(new ListCoursesRequest { Parent = Programme, PageSize = 100 })).Courses;
        Assert.Equal(8, courses.Count);
        Assert.All(courses, c => Assert.All(c.ImprovementPriorities, p => Assert.StartsWith("localAuthorities/816/priorities/p", p)));

        var writing = (await new BookingService.BookingServiceClient(channel).ListBookingsAsync(new ListBookingsRequest
        {
            Parent = $"{Programme}/courses/writing-ks1-ks2/sessions/autumn-1",
            PageSize = 100,
        })).Bookings;
        Assert.Equal(12, writing.Where(b => b.State == State.Confirmed).Sum(b => b.Places));
        Assert.Equal([(990006, 1), (990001, 2)], writing.Where(b => b.State == State.WaitingListed).Select(b => (int.Parse(b.School["schools/".Length..]), b.WaitingPosition)));
        Assert.All(writing, b => Assert.Equal(b.Places * (b.WithSla ? 9_500 : 12_000), b.PricePence));

        var assessment = (await new BookingService.BookingServiceClient(channel).ListBookingsAsync(new ListBookingsRequest
        {
            Parent = $"{Programme}/courses/assessment-without-levels/sessions/autumn-1",
        })).Bookings;
        Assert.Equal([(2, 0L, 19_000L), (1, 19_000L, 9_500L), (0, 24_000L, 0L)], assessment.Select(b => (b.FundedPlaces, b.PricePence, b.FundedPence)));
        Assert.All(assessment.Where(b => b.FundedPlaces > 0), b => Assert.Equal("localAuthorities/816/funds/school-improvement-commissioning-2015-16", b.Fund));
    }

    [Fact]
    public async Task Starting_again_adds_nothing()
    {
        await using (await StartLoadedAsync()) { }
        var first = await CountsAsync();
        await using (await StartLoadedAsync()) { }
        Assert.Equal(first, await CountsAsync());
        Assert.Equal((1, 8, 9, 15), first);
    }

    private async Task<CpdHost> StartLoadedAsync()
    {
        var cpd = await CpdHost.StartAsync(_database, _registry.Address, Settings);
        var loader = cpd.Services.GetServices<IHostedService>().OfType<Demo.CpdDemoLoader>().Single();
        await loader.ExecuteTask!.WaitAsync(TimeSpan.FromMinutes(1), TestContext.Current.CancellationToken);
        return cpd;
    }

    private async Task<(long Programmes, long Courses, long Sessions, long Bookings)> CountsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync();
        async Task<long> Count(string table)
        {
            await using var command = new Npgsql.NpgsqlCommand($"SELECT count(*) FROM {table}", connection);
            return (long)(await command.ExecuteScalarAsync())!;
        }
        return (await Count("programmes"), await Count("courses"), await Count("sessions"), await Count("bookings"));
    }

    public async ValueTask DisposeAsync()
    {
        await _registry.DisposeAsync();
        await postgres.DropDatabaseAsync(_database);
    }
}
