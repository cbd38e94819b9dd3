using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Registry.V1;
using Sia.Testing;
using Sia.ServiceKit.Grpc;

namespace Sia.Registry.Tests;

public sealed class SchoolApiTests(GatedRegistryHost gated) : IClassFixture<GatedRegistryHost>, IAsyncLifetime
{
    private const string York = "816";
    private readonly RegistryHost host = gated.Registry;
    private SchoolService.SchoolServiceClient Schools => new(host.CreateChannel());

    public async ValueTask InitializeAsync() =>
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel()), York, "York");

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task A_created_school_reads_back_with_its_derived_fields()
    {
        var school = TestData.School(York, establishmentNumber: 2001);

        var created = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = school });
        var read = await Schools.GetSchoolAsync(new GetSchoolRequest { Name = school.Name });

        Assert.Equal(created, read);
        Assert.Equal(8162001, read.Laestab);
        Assert.Equal(int.Parse(school.Name["schools/".Length..]), read.Urn);
        Assert.Equal("YO1 1AA", read.Address.Postcode);
        Assert.Equal(23.4, read.FreeSchoolMealsPercentage);
        Assert.StartsWith("W/\"", read.Etag);
    }

    [Fact]
    public async Task Every_invalid_field_is_reported_at_once()
    {
        var school = TestData.School(York);
        school.Name = "schools/12345";
        school.StatutoryLowAge = 11;
        school.StatutoryHighAge = 4;
        school.PhaseOfEducationCode = 9;
        school.EstablishmentTypeGroupCode = 8;
        school.Ukprn = 123;
        school.CloseDate = new Google.Type.Date { Year = 1970, Month = 1, Day = 1 };
        school.Cluster = "clusters/north";

        var error = await Assert.ThrowsAsync<RpcException>(async () => await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = school }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var fields = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.Select(v => v.Field).Order();
        Assert.Equal(
            ["school.close_date", "school.cluster", "school.establishment_type_group_code", "school.name", "school.phase_of_education_code", "school.statutory_low_age", "school.ukprn"],
            fields);
    }

    [Fact]
    public async Task A_school_of_an_unknown_local_authority_is_a_failed_precondition()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School("999") }));

        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("localAuthorities/999", error.Status.Detail);
    }

    [Fact]
    public async Task The_urn_is_unique_and_so_is_the_laestab_among_open_schools()
    {
        var first = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York, establishmentNumber: 3001) });

        var sameUrn = await Assert.ThrowsAsync<RpcException>(async () => await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York, urn: first.Urn, establishmentNumber: 3002) }));
        var sameLaestab = await Assert.ThrowsAsync<RpcException>(async () => await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York, establishmentNumber: 3001) }));
        await Schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = first.Name, StatusCode = 2, CloseDate = new Google.Type.Date { Year = 2024, Month = 8, Day = 31 } },
            UpdateMask = new FieldMask { Paths = { "status_code", "close_date" } },
        });
        var successor = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York, establishmentNumber: 3001) });

        Assert.Equal(StatusCode.AlreadyExists, sameUrn.StatusCode);
        Assert.Equal(StatusCode.AlreadyExists, sameLaestab.StatusCode);
        Assert.Contains("8163001", sameLaestab.Status.Detail);
        Assert.Equal(8163001, successor.Laestab);
    }

    [Fact]
    public async Task Retried_creates_with_one_request_id_make_one_school()
    {
        var request = new CreateSchoolRequest { School = TestData.School(York), RequestId = Guid.NewGuid().ToString() };

        // Every call looks the request id up, and finds nothing, before any of them goes on to create.
        using var looked = gated.Gate.HoldAfter(CommandGate.RequestIdLookup, count: 5);
        var creates = Enumerable.Range(0, 5).Select(async _ => await Schools.CreateSchoolAsync(request)).ToList();
        await looked.ReleaseOnceArrivedAsync();
        var results = await Task.WhenAll(creates);

        Assert.All(results, r => Assert.Equal(results[0], r));
        var listed = await Schools.ListSchoolsAsync(new ListSchoolsRequest { NameContains = request.School.DisplayName });
        Assert.Single(listed.Schools);
    }

    [Fact]
    public async Task Of_two_concurrent_updates_from_the_same_read_exactly_one_wins()
    {
        var school = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York) });

        async Task<RpcException?> UpdateAsync(int pupils)
        {
            try
            {
                await Schools.UpdateSchoolAsync(new UpdateSchoolRequest
                {
                    School = new School { Name = school.Name, Etag = school.Etag, Pupils = pupils },
                    UpdateMask = new FieldMask { Paths = { "pupils" } },
                });
                return null;
            }
            catch (RpcException ex)
            {
                return ex;
            }
        }
        // Whichever update first reaches its UPDATE (its etag checked) is held there until the other is inside UpdateSchool
        // too, waiting on the first's transaction: the two overlap every time, not only when the timing happens to.
        using var first = gated.Gate.HoldBefore("UPDATE schools");
        var updates = new[] { UpdateAsync(350), UpdateAsync(360) };
        await first.ArrivedAsync();
        await Until.TrueAsync(() => first.IsBlockingAsync(host.ConnectionString), "the second update to wait for the first");
        first.Release();
        var outcomes = await Task.WhenAll(updates);

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o?.StatusCode == StatusCode.Aborted);
        var final = await Schools.GetSchoolAsync(new GetSchoolRequest { Name = school.Name });
        Assert.Contains(final.Pupils, new[] { 350, 360 });
        Assert.NotEqual(school.Etag, final.Etag);
    }

    [Fact]
    public async Task An_update_validates_the_result_and_its_mask()
    {
        var school = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York) });

        var inverted = await Assert.ThrowsAsync<RpcException>(async () => await Schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = school.Name, StatutoryLowAge = 16 },
            UpdateMask = new FieldMask { Paths = { "statutory_low_age" } },
        }));
        var readOnly = await Assert.ThrowsAsync<RpcException>(async () => await Schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = school.Name, Laestab = 1 },
            UpdateMask = new FieldMask { Paths = { "laestab" } },
        }));

        Assert.Equal(StatusCode.InvalidArgument, inverted.StatusCode);
        Assert.Contains("inverted", inverted.Status.Detail);
        Assert.Equal(StatusCode.InvalidArgument, readOnly.StatusCode);
        Assert.Contains("laestab", readOnly.Status.Detail);
    }

    [Theory]
    [InlineData("W/\"")]
    [InlineData("W/\" 5\"")]
    [InlineData("W/\"4294967296\"")]
    public async Task An_etag_the_service_did_not_issue_is_invalid(string etag)
    {
        var school = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York) });

        await Refusals.AssertInvalidAsync(async () => await Schools.UpdateSchoolAsync(new UpdateSchoolRequest
        {
            School = new School { Name = school.Name, Etag = etag, Pupils = 1 },
            UpdateMask = new FieldMask { Paths = { "pupils" } },
        }), "school.etag");
    }

    [Fact]
    public async Task Batch_get_keeps_the_request_order_and_names_what_is_missing()
    {
        var a = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York) });
        var b = await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York) });

        var batch = await Schools.BatchGetSchoolsAsync(new BatchGetSchoolsRequest { Names = { b.Name, a.Name, b.Name } });
        var missing = await Assert.ThrowsAsync<RpcException>(async () =>
            await Schools.BatchGetSchoolsAsync(new BatchGetSchoolsRequest { Names = { a.Name, "schools/999998" } }));

        Assert.Equal([b.Name, a.Name, b.Name], batch.Schools.Select(s => s.Name));
        Assert.Equal(StatusCode.NotFound, missing.StatusCode);
        Assert.Contains("schools/999998", missing.Status.Detail);
    }

    [Fact]
    public async Task Paging_while_schools_are_added_returns_each_existing_school_exactly_once()
    {
        const string darlington = "841";
        await TestData.EnsureLocalAuthorityAsync(new LocalAuthorityService.LocalAuthorityServiceClient(host.CreateChannel()), darlington, "Darlington");
        var existing = new List<string>();
        for (var i = 0; i < 25; i++) existing.Add((await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(darlington) })).Name);

        var seen = new List<string>();
        var request = new ListSchoolsRequest { LocalAuthority = $"localAuthorities/{darlington}", PageSize = 7 };
        do
        {
            var page = await Schools.ListSchoolsAsync(request);
            seen.AddRange(page.Schools.Select(s => s.Name));
            await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(darlington) }); // inserted between pages
            request.PageToken = page.NextPageToken;
        }
        while (request.PageToken.Length > 0);

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Empty(existing.Except(seen));
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen.OrderBy(name => int.Parse(name["schools/".Length..])).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Filters_combine_and_a_page_token_only_fits_its_own_filters()
    {
        var secondary = TestData.School(York);
        secondary.PhaseOfEducationCode = 4;
        secondary.DisplayName = "Huntington Secondary Test School";
        await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = secondary });
        await Schools.CreateSchoolAsync(new CreateSchoolRequest { School = TestData.School(York) });

        var found = await Schools.ListSchoolsAsync(new ListSchoolsRequest
        {
            LocalAuthority = $"localAuthorities/{York}",
            PhaseOfEducationCodes = { 4 },
            NameContains = "huntington",
        });
        var page = await Schools.ListSchoolsAsync(new ListSchoolsRequest { LocalAuthority = $"localAuthorities/{York}", PageSize = 1 });
        var misuse = await Assert.ThrowsAsync<RpcException>(async () =>
            await Schools.ListSchoolsAsync(new ListSchoolsRequest { LocalAuthority = $"localAuthorities/{York}", PhaseOfEducationCodes = { 2 }, PageToken = page.NextPageToken }));

        Assert.Equal(secondary.Name, Assert.Single(found.Schools).Name);
        Assert.Equal(StatusCode.InvalidArgument, misuse.StatusCode);
    }

    [Fact]
    public async Task ListSchools_refuses_grades_and_categories_of_concern_that_do_not_exist()
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Schools.ListSchoolsAsync(new ListSchoolsRequest
        {
            LatestOverallGrades = { 2, 7, 0 },
            LatestCategoriesOfConcern = { Inspection.Types.CategoryOfConcern.SpecialMeasures, (Inspection.Types.CategoryOfConcern)9 },
        }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var violations = error.GetRpcStatus()!.GetDetail<Google.Rpc.BadRequest>()!.FieldViolations.ToDictionary(v => v.Field, v => v.Description);
        Assert.StartsWith("7, 0: overall grades are 1 (outstanding) to 4 (inadequate)", violations["latest_overall_grades"]);
        Assert.StartsWith("9: the categories of concern are", violations["latest_categories_of_concern"]);
    }
}
