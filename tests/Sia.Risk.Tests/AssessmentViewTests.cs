using Grpc.Core;
using Sia.Registry.Testing;
using Sia.Risk.V1;

namespace Sia.Risk.Tests;

/// <summary>
/// AssessmentView (AIP-157): a list leaves the judgements and each result's explanation (criteria and fired rules) out unless FULL is asked
/// for, a get has it unless BASIC is; the view may change between pages; a view the API does not have is INVALID_ARGUMENT.
/// </summary>
public sealed class AssessmentViewTests(RiskStack stack) : IClassFixture<RiskStack>
{
    private AssessmentService.AssessmentServiceClient Assessments => new(stack.CreateChannel());

    private static readonly ListAssessmentsRequest Listing = new() { Parent = "schools/-", LocalAuthority = "localAuthorities/821" };

    [Fact]
    public async Task A_list_is_basic_unless_full_is_asked_for_and_a_get_is_full_unless_basic_is()
    {
        await AssessAsync();

        var unspecified = (await Assessments.ListAssessmentsAsync(Listing)).Assessments;
        var basic = (await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest(Listing) { View = AssessmentView.Basic })).Assessments;
        var full = (await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest(Listing) { View = AssessmentView.Full })).Assessments;
        var got = await Task.WhenAll(full.Select(a => GetAsync(a.Name, AssessmentView.Unspecified)));
        var gotBasic = await Task.WhenAll(full.Select(a => GetAsync(a.Name, AssessmentView.Basic)));

        Assert.Equal(2, full.Count);
        Assert.All(full, a => Assert.Equal(13, a.Result.Criteria.Count));
        Assert.All(full, a => Assert.NotEmpty(a.Result.FiredRules));
        Assert.All(full, a => Assert.Single(a.Judgements));
        Assert.Equal(got, full);
        Assert.Equal(full.Select(WithoutExplanation), basic);
        Assert.Equal(basic, unspecified);
        Assert.Equal(basic, gotBasic);
        Assert.Equal(["3", "4"], basic.Select(a => a.Result.Category).Order());
        Assert.All(basic, a =>
        {
            Assert.Empty(a.Judgements);
            Assert.Empty(a.Result.Criteria);
            Assert.Empty(a.Result.FiredRules);
            Assert.StartsWith("Category ", a.Result.CategoryLabel);
            Assert.Matches(@"^schools/\d+/inspections/\d+$", a.Result.LatestInspection);
            Assert.Equal(new Google.Type.Date { Year = 2016, Month = 9, Day = 5 }, a.Result.InspectionDue.Latest);
            Assert.Contains("within 30 months of 2014-03-05", a.Result.InspectionDue.Basis);
        });
    }

    [Fact]
    public async Task The_view_may_change_between_pages()
    {
        await AssessAsync();
        var all = (await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest(Listing) { View = AssessmentView.Full })).Assessments;

        var first = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest(Listing) { PageSize = 1 });
        var second = await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest(Listing) { PageSize = 1, PageToken = first.NextPageToken, View = AssessmentView.Full });

        Assert.Equal(WithoutExplanation(all[0]), Assert.Single(first.Assessments));
        Assert.Equal(all[1], Assert.Single(second.Assessments));
    }

    [Fact]
    public async Task A_view_the_api_does_not_have_is_invalid_argument_naming_view()
    {
        var list = await Assert.ThrowsAsync<RpcException>(async () =>
            await Assessments.ListAssessmentsAsync(new ListAssessmentsRequest(Listing) { View = (AssessmentView)3 }));
        var get = await Assert.ThrowsAsync<RpcException>(async () => await GetAsync("schools/100000/assessments/2015-16-autumn", (AssessmentView)(-1)));

        Assert.Equal((StatusCode.InvalidArgument, StatusCode.InvalidArgument), (list.StatusCode, get.StatusCode));
        Assert.Equal(["view"], list.ViolatedFields());
        Assert.Equal(["view"], get.ViolatedFields());
    }

    /// <summary>An RI and an inadequate school of LA 821 assessed for the autumn of 2015/16, once for the class.</summary>
    private async Task AssessAsync()
    {
        if ((await Assessments.ListAssessmentsAsync(Listing)).Assessments.Count > 0) return;
        foreach (var grade in new[] { 3, 4 })
        {
            var urn = await stack.SchoolAsync("821", grade);
            await Assessments.CreateAssessmentAsync(new CreateAssessmentRequest
            {
                Parent = $"schools/{urn}",
                Assessment = new Assessment
                {
                    AcademicYear = 2015,
                    Round = Assessment.Types.Round.Autumn,
                    AssessmentDate = new Google.Type.Date { Year = 2015, Month = 10, Day = 1 },
                    Judgements = { new CriterionJudgement { Criterion = "leadership_concerns", Judgement = CriterionJudgement.Types.Judgement.Met, Evidence = "A new head." } },
                },
            });
        }
    }

    private async Task<Assessment> GetAsync(string name, AssessmentView view) =>
        await Assessments.GetAssessmentAsync(new GetAssessmentRequest { Name = name, View = view });

    private static Assessment WithoutExplanation(Assessment assessment)
    {
        var basic = assessment.Clone();
        basic.Judgements.Clear();
        basic.Result.Criteria.Clear();
        basic.Result.FiredRules.Clear();
        return basic;
    }
}
