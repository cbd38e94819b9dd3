using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Testing;
using Sia.Risk.Demo;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;

namespace Sia.Risk.Tests;

/// <summary>FrameworkService over real HTTP/2 and PostgreSQL: drafts, published revisions that never change, and refusals.</summary>
public sealed class FrameworkApiTests(RiskStack risk) : IClassFixture<RiskStack>
{
    private FrameworkService.FrameworkServiceClient Frameworks => new(risk.CreateChannel());

    private static Framework York() => YorkFramework.Definition is var definition
        ? new Sia.Risk.Data.FrameworkEntity { LaCode = "816", DisplayName = YorkFramework.DisplayName, Definition = definition }.ToMessage()
        : throw new InvalidOperationException();

    private async Task<Framework> CreateAsync(string la, string year, Framework? framework = null, string requestId = "") =>
        await Frameworks.CreateFrameworkAsync(new CreateFrameworkRequest
        {
            Parent = $"localAuthorities/{la}",
            FrameworkId = year,
            Framework = framework ?? York(),
            RequestId = requestId,
        });

    [Fact]
    public async Task A_created_framework_is_a_draft_that_reads_back_as_it_was_given()
    {
        var created = await CreateAsync("816", "2015-16");

        Assert.Equal(("localAuthorities/816/frameworks/2015-16", 2015, 0, 0, true), (created.Name, created.AcademicYear, created.PublishedRevision, created.Revision, created.HasUnpublishedChanges));
        var read = await Frameworks.GetFrameworkAsync(new GetFrameworkRequest { Name = created.Name });
        Assert.Equal(created, read);
        Assert.Equal(13, read.Criteria.Count);
        Assert.Equal(["1", "2", "3", "4"], read.Categories.Select(c => c.Id));
        Assert.Equal("special_measures", read.Rules[0].Id);
        Assert.Equal(Registry.V1.Inspection.Types.CategoryOfConcern.SpecialMeasures, read.Rules[0].Conditions[0].CategoryOfConcernIn.Categories.Single());
    }

    [Fact]
    public async Task Publishing_makes_a_revision_that_later_changes_and_publications_leave_as_it_was()
    {
        var draft = await CreateAsync("817", "2015-16");

        var first = await Frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name, Etag = draft.Etag });
        var changed = await Frameworks.UpdateFrameworkAsync(new UpdateFrameworkRequest
        {
            Framework = new Framework { Name = draft.Name, DisplayName = "York risk assessment 2015/16, revised" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });
        var second = await Frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name, Etag = changed.Etag });

        Assert.Equal(("localAuthorities/817/frameworks/2015-16@1", 1, ""), (first.Name, first.Revision, first.Etag));
        Assert.True(changed.HasUnpublishedChanges);
        Assert.Equal(("localAuthorities/817/frameworks/2015-16@2", 2, 2), (second.Name, second.Revision, second.PublishedRevision));
        var firstNow = await Frameworks.GetFrameworkAsync(new GetFrameworkRequest { Name = first.Name });
        Assert.Equal(YorkFramework.DisplayName, firstNow.DisplayName);
        Assert.Equal(first.Criteria, firstNow.Criteria);
        var revisions = await Frameworks.ListFrameworkRevisionsAsync(new ListFrameworkRevisionsRequest { Name = draft.Name });
        Assert.Equal([2, 1], revisions.Frameworks.Select(f => f.Revision));
        var draftNow = await Frameworks.GetFrameworkAsync(new GetFrameworkRequest { Name = draft.Name });
        Assert.Equal((2, false), (draftNow.PublishedRevision, draftNow.HasUnpublishedChanges));
    }

    [Fact]
    public async Task Publishing_an_unchanged_or_incomplete_draft_is_FAILED_PRECONDITION()
    {
        var draft = await CreateAsync("818", "2015-16");
        await Frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name });
        var incomplete = await CreateAsync("818", "2016-17", new Framework { DisplayName = "Not yet written" });

        var unchanged = await Assert.ThrowsAsync<RpcException>(async () => await Frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name }));
        var empty = await Assert.ThrowsAsync<RpcException>(async () => await Frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = incomplete.Name }));

        Assert.Equal(StatusCode.FailedPrecondition, unchanged.StatusCode);
        Assert.Contains("has not changed since revision 1", unchanged.Status.Detail);
        Assert.Equal(StatusCode.FailedPrecondition, empty.StatusCode);
        Assert.Contains("at least 2 categories", empty.Status.Detail);
    }

    [Fact]
    public async Task An_update_with_a_stale_etag_is_ABORTED()
    {
        var draft = await CreateAsync("819", "2015-16");
        await Frameworks.UpdateFrameworkAsync(new UpdateFrameworkRequest
        {
            Framework = new Framework { Name = draft.Name, DisplayName = "First", Etag = draft.Etag },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        });

        var stale = await Assert.ThrowsAsync<RpcException>(async () => await Frameworks.UpdateFrameworkAsync(new UpdateFrameworkRequest
        {
            Framework = new Framework { Name = draft.Name, DisplayName = "Second", Etag = draft.Etag },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        }));

        Assert.Equal(StatusCode.Aborted, stale.StatusCode);
    }

    [Fact]
    public async Task A_second_framework_for_the_year_is_ALREADY_EXISTS_and_a_retried_create_gets_the_first()
    {
        var requestId = Guid.NewGuid().ToString();
        var first = await CreateAsync("820", "2015-16", requestId: requestId);
        var retried = await CreateAsync("820", "2015-16", requestId: requestId);

        var second = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync("820", "2015-16"));

        Assert.Equal(first, retried);
        Assert.Equal(StatusCode.AlreadyExists, second.StatusCode);
    }

    [Fact]
    public async Task Concurrent_publishes_of_one_draft_make_one_revision()
    {
        var draft = await CreateAsync("821", "2015-16");

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            try
            {
                return (await Frameworks.PublishFrameworkAsync(new PublishFrameworkRequest { Name = draft.Name, RequestId = Guid.NewGuid().ToString() })).Name;
            }
            catch (RpcException e)
            {
                return e.StatusCode.ToString();
            }
        }));

        Assert.Equal(["localAuthorities/821/frameworks/2015-16@1"], outcomes.Where(o => o != nameof(StatusCode.FailedPrecondition)));
        var revisions = await Frameworks.ListFrameworkRevisionsAsync(new ListFrameworkRevisionsRequest { Name = draft.Name });
        Assert.Single(revisions.Frameworks);
    }

    [Fact]
    public async Task Bad_frameworks_are_INVALID_ARGUMENT_naming_each_field()
    {
        var framework = York();
        framework.Rules[0].Outcome.Category = "5";
        framework.Rules[1].Conditions.Add(new Condition());
        framework.Criteria[4].Id = "Inconsistent teaching";
        framework.Categories.Add(new Category { Id = "1", Label = "Again" });

        var error = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync("822", "2015-16", framework));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["framework.rules[1].conditions[1]"], error.ViolatedFields());
        framework.Rules[1].Conditions.RemoveAt(1);
        var content = await Assert.ThrowsAsync<RpcException>(async () => await CreateAsync("822", "2015-16", framework));
        Assert.Equal(["framework.criteria[4].id", "framework.categories[4].id", "framework.rules[0].outcome.category"], content.ViolatedFields());
    }

    [Theory]
    [InlineData("localAuthorities/816/frameworks/2015-17", "name")]
    [InlineData("localAuthorities/816/frameworks/2015-16@0", "name")]
    [InlineData("localAuthorities/81/frameworks/2015-16", "name")]
    [InlineData("localAuthorities/816/frameworks/2015-16\n", "name")]
    public async Task A_name_that_is_not_a_framework_is_INVALID_ARGUMENT(string name, string field)
    {
        var error = await Assert.ThrowsAsync<RpcException>(async () => await Frameworks.GetFrameworkAsync(new GetFrameworkRequest { Name = name }));

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal([field], error.ViolatedFields());
    }

    [Fact]
    public async Task Frameworks_of_an_LA_page_newest_year_first()
    {
        foreach (var year in new[] { "2013-14", "2014-15", "2015-16" }) await CreateAsync("823", year);

        var first = await Frameworks.ListFrameworksAsync(new ListFrameworksRequest { Parent = "localAuthorities/823", PageSize = 2 });
        var second = await Frameworks.ListFrameworksAsync(new ListFrameworksRequest { Parent = "localAuthorities/823", PageSize = 2, PageToken = first.NextPageToken });

        Assert.Equal([2015, 2014, 2013], first.Frameworks.Concat(second.Frameworks).Select(f => f.AcademicYear));
        Assert.Empty(second.NextPageToken);
    }
}
