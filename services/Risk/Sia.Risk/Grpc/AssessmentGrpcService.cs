using System.Globalization;
using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Risk.Domain;
using Sia.Risk.Domain.Assessments;
using Sia.Risk.Grpc.Mapping;
using Sia.Risk.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Risk.Grpc;

/// <summary>Assessments read, listed, summarised, created (one, or a round's), changed, moved on and corrected.</summary>
internal sealed class AssessmentGrpcService(Assessments assessments, AssessmentRounds rounds, SchoolAccess access, ResponseBudget budget)
    : AssessmentService.AssessmentServiceBase
{
    public override async Task<Assessment> GetAssessment(GetAssessmentRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Assessment(request.Name, "name", allowVersion: true);
        var violations = new Violations();
        var explained = AssessmentViews.Explained(request.View, unspecified: true, violations);
        violations.ThrowIfAny();
        await access.RequireAsync(context, name.Urn, name.ToString());
        return (await assessments.GetAsync(name, explained, context.CancellationToken)).ToMessage();
    }

    public override async Task<ListAssessmentsResponse> ListAssessments(ListAssessmentsRequest request, ServerCallContext context)
    {
        var (filter, explained) = await AssessmentListing.FilterAsync(request, context, access);
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 200);
        var after = PageToken.TryRead<AssessmentListKey>(request.PageToken, request, AssessmentListing.TryParseKey, out var key) ? key : null;
        var page = budget.Fit(await assessments.ListAsync(filter, after, size, explained, context.CancellationToken),
            a => a.ToMessage(), a => AssessmentListing.Key(a), request);
        return new ListAssessmentsResponse { Assessments = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<SummarizeAssessmentsResponse> SummarizeAssessments(SummarizeAssessmentsRequest request, ServerCallContext context)
    {
        var laCode = ResourceNames.LocalAuthorityCode(request.LocalAuthority, "local_authority");
        var violations = new Violations();
        if (request.AcademicYear is < 2000 or > 2100) violations.Add("academic_year", "Give the academic year by the year it starts: 2015 for 2015/16.");
        if (!System.Enum.IsDefined(request.Round)) violations.Add("round", $"{(int)request.Round} is not a round.");
        var dueBy = AssessmentMapping.ToDateOnly(request.InspectionDueBefore, "inspection_due_before", violations);
        violations.ThrowIfAny();
        context.RequireLocalAuthority(laCode);
        var summaries = await assessments.SummarizeAsync(laCode, request.AcademicYear,
            request.Round == Assessment.Types.Round.Unspecified ? null : (AssessmentRound)request.Round, request.PublishedOnly, dueBy, context.CancellationToken);
        return new SummarizeAssessmentsResponse
        {
            Summaries =
            {
                summaries.Select(summary => new V1.AssessmentSummary
                {
                    Scope = summary.Scope,
                    Assessed = summary.Assessed,
                    Categories = { summary.Categories.Select(c => new CategoryCount { Category = c.Category, Label = c.Label, Count = c.Count }) },
                    AtRisk = summary.AtRisk,
                    CausingConcern = summary.CausingConcern,
                    DueForInspection = summary.DueForInspection,
                }),
            },
        };
    }

    public override async Task<ListAssessmentVersionsResponse> ListAssessmentVersions(ListAssessmentVersionsRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Assessment(request.Name, "name", allowVersion: false);
        await access.RequireAsync(context, name.Urn, name.Latest);
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        int? before = PageToken.TryRead<int>(request.PageToken, request, TryParseVersion, out var version) ? version : null;
        var page = budget.Fit(await assessments.ListVersionsAsync(name, before, size, context.CancellationToken),
            a => a.ToMessage(), a => a.VersionNumber.ToString(CultureInfo.InvariantCulture), request);
        return new ListAssessmentVersionsResponse { Assessments = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Assessment> CreateAssessment(CreateAssessmentRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var urn = ResourceNames.SchoolUrn(request.Parent, "parent");
        var assessment = request.Assessment ?? throw new ValidationFailedException("assessment", "The assessment to create is missing.");
        var violations = new Violations();
        if (assessment.AcademicYear is < 2000 or > 2100)
            violations.Add("assessment.academic_year", "Give the academic year by the year it starts: 2015 for 2015/16.");
        if (assessment.Round == Assessment.Types.Round.Unspecified || !System.Enum.IsDefined(assessment.Round))
            violations.Add("assessment.round", "Say which round this is: annual, autumn, spring or summer.");
        var input = assessment.ToInput("assessment", violations);
        violations.ThrowIfAny();
        var name = new AssessmentName(urn, assessment.AcademicYear, (AssessmentRound)assessment.Round);
        await access.RequireAsync(context, urn, request.Parent);
        return (await assessments.CreateAsync(name, input, requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Assessment> UpdateAssessment(UpdateAssessmentRequest request, ServerCallContext context)
    {
        var changes = request.Assessment ?? throw new ValidationFailedException("assessment", "The assessment to update is missing.");
        var name = ResourceNames.Assessment(changes.Name, "assessment.name", allowVersion: false);
        await access.RequireAsync(context, name.Urn, name.Latest);
        var etag = Etag.Parse(changes.Etag, "assessment.etag");
        var violations = new Violations();
        var requested = changes.ToInput("assessment", violations);
        violations.ThrowIfAny();
        var updated = await assessments.UpdateAsync(name, etag, current => AssessmentMapping.UpdatableFields.Apply(request.UpdateMask, requested, current),
            context.CancellationToken);
        return updated.ToMessage();
    }

    public override async Task<Assessment> TransitionAssessment(TransitionAssessmentRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Assessment(request.Name, "name", allowVersion: false);
        if (request.State == Assessment.Types.State.Unspecified || !System.Enum.IsDefined(request.State))
            throw new ValidationFailedException("state", "Say which state the assessment moves to: draft, submitted, moderated or published.");
        await access.RequireAsync(context, name.Urn, name.Latest);
        var etag = Etag.Parse(request.Etag, "etag");
        return (await assessments.TransitionAsync(name, etag, (AssessmentState)request.State, context.CancellationToken)).ToMessage();
    }

    public override async Task<Assessment> CorrectAssessment(CorrectAssessmentRequest request, ServerCallContext context)
    {
        var name = ResourceNames.Assessment(request.Name, "name", allowVersion: false);
        await access.RequireAsync(context, name.Urn, name.Latest);
        var etag = Etag.Parse(request.Etag, "etag");
        var requestId = RequestIds.Parse(request.RequestId);
        return (await assessments.CorrectAsync(name, etag, request.Reason, requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<RunAssessmentRoundResponse> RunAssessmentRound(RunAssessmentRoundRequest request, ServerCallContext context)
    {
        var (round, requestId) = AssessmentRoundRequests.Read(request, context);
        return (await rounds.RunAsync(round, requestId, context.CancellationToken)).ToMessage();
    }

    private static bool TryParseVersion(string text, out int version) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out version) && version > 0;
}
