using Grpc.Core;
using Sia.Registry.V1;
using Sia.Testing.Postgres;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

/// <summary>
/// One partner's large records can't make a page too big for anyone: with a budget of 16 KiB and schools of about 3 KB
/// (every text at its limit), ListSchools sends a few a page however many are asked for, and BatchGetSchools refuses more
/// than fit. The real budget is 3.5 MiB, under every client's 4 MiB default.
/// </summary>
public sealed class SchoolPageBytesTests(SchoolPageBytesTests.LargeSchools registry) : IClassFixture<SchoolPageBytesTests.LargeSchools>
{
    private const int Budget = 16 * 1024;
    private const string Darlington = "841";

    public sealed class LargeSchools(PostgresServer postgres) : IAsyncLifetime
    {
        private readonly RegistryHost _host = new(postgres) { Settings = new Dictionary<string, string?> { ["Registry:MaxResponseBytes"] = $"{Budget}" } };

        public SchoolService.SchoolServiceClient Schools => new(_host.CreateChannel());

        /// <summary>In URN order.</summary>
        public IReadOnlyList<string> Names { get; private set; } = [];

        public async ValueTask InitializeAsync()
        {
            await _host.InitializeAsync();
            await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(_host.CreateChannel()), Darlington, "Darlington");
            var names = new List<string>();
            for (var i = 0; i < 24; i++) names.Add((await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = Large(TestData.School(Darlington)) })).Name);
            Names = [.. names.OrderBy(name => int.Parse(name["schools/".Length..]))];
        }

        public ValueTask DisposeAsync() => _host.DisposeAsync();

        private static School Large(School school)
        {
            string Text(int length) => new('é', length);
            school.DisplayName = Text(200);
            school.Trust = school.Federation = school.Diocese = school.Headteacher = Text(200);
            school.Address = new Address { Street = Text(100), Locality = Text(100), Town = Text(100), Postcode = Text(100) };
            return school;
        }
    }

    [Fact]
    public async Task ListSchools_sends_pages_under_the_budget_and_continues_with_nothing_lost_or_repeated()
    {
        var pages = new List<ListSchoolsResponse>();
        var request = new ListSchoolsRequest { LocalAuthority = $"localAuthorities/{Darlington}", PageSize = 500 };
        do
        {
            var page = await registry.Schools.ListSchoolsAsync(request);
            pages.Add(page);
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(registry.Names, pages.SelectMany(page => page.Schools).Select(school => school.Name));
        Assert.All(pages.Select(page => page.CalculateSize()), bytes => Assert.InRange(bytes, 1, Budget));
        Assert.InRange(pages.Count, 4, 8);
        Assert.All(pages[..^1].Select(page => page.Schools.Count), count => Assert.True(count > 1));
    }

    [Fact]
    public async Task BatchGetSchools_answers_a_batch_that_fits_and_refuses_one_that_would_pass_the_budget_naming_names()
    {
        var fits = await registry.Schools.BatchGetSchoolsAsync(new BatchGetSchoolsRequest { Names = { registry.Names.Take(3) } });

        await Refusals.AssertInvalidAsync(async () => await registry.Schools.BatchGetSchoolsAsync(new BatchGetSchoolsRequest { Names = { registry.Names } }), "names");
        Assert.Equal(3, fits.Schools.Count);
        Assert.InRange(fits.CalculateSize(), 1, Budget);
    }
}
