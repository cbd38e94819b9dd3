using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Registry.Domain;
using Sia.Registry.Grpc.Mapping;
using Sia.Registry.V1;
using Sia.ServiceKit.Grpc;
using Sia.ServiceKit.Domain;
using Sia.Contracts.Ofsted;

namespace Sia.Registry.Grpc;

internal sealed class SchoolGrpcService(Schools schools, ResponseBudget budget) : SchoolService.SchoolServiceBase
{
    private const int MaxBatchSize = 1000;

    public override async Task<School> GetSchool(GetSchoolRequest request, ServerCallContext context)
    {
        var urn = ResourceNames.SchoolUrn(request.Name, "name");
        return (await schools.GetAsync(urn, context.CancellationToken)).ToMessage();
    }

    public override async Task<BatchGetSchoolsResponse> BatchGetSchools(BatchGetSchoolsRequest request, ServerCallContext context)
    {
        if (request.Names.Count > MaxBatchSize)
            throw new ValidationFailedException("names", $"At most {MaxBatchSize} schools per batch; this request names {request.Names.Count}.");
        var urns = request.Names.Select((name, i) => ResourceNames.SchoolUrn(name, $"names[{i}]")).ToList();
        var found = (await schools.GetManyAsync(urns, context.CancellationToken)).Select(s => s.ToMessage()).ToList();
        budget.EnsureFits(found, "names");
        return new BatchGetSchoolsResponse { Schools = { found } };
    }

    public override async Task<ListSchoolsResponse> ListSchools(ListSchoolsRequest request, ServerCallContext context)
    {
        var size = PageToken.Size(request.PageSize, defaultSize: 50, maxSize: 500);
        var violations = new Violations();
        ListFilters.CheckCount(request.PhaseOfEducationCodes, "phase_of_education_codes", violations);
        ListFilters.CheckCount(request.EstablishmentTypeGroupCodes, "establishment_type_group_codes", violations);
        ListFilters.CheckCount(request.StatusCodes, "status_codes", violations);
        ListFilters.CheckCount(request.LatestOverallGrades, "latest_overall_grades", violations);
        ListFilters.CheckCount(request.LatestCategoriesOfConcern, "latest_categories_of_concern", violations);
        violations.ThrowIfAny(); // before the checks below quote the values
        TextLimits.Check(request.NameContains, TextLimits.Name, "name_contains", violations);
        var grades = request.LatestOverallGrades.ToList();
        var categories = request.LatestCategoriesOfConcern.Select(c => (CategoryOfConcern)c).ToList();
        SchoolRules.ValidateInspectionFilters(grades, categories, violations);
        var inspectedFrom = CalendarDate.Validate(request.LastInspectedOnOrAfter.ToCalendarDate(), "last_inspected_on_or_after", violations);
        var inspectedBefore = CalendarDate.Validate(request.LastInspectedBefore.ToCalendarDate(), "last_inspected_before", violations);
        violations.ThrowIfAny();
        var after = PageToken.TryRead<int>(request.PageToken, request, ResourceNames.TryParseSchool, out var urn) ? urn : 0;
        var filter = new SchoolFilter
        {
            LocalAuthorityCode = request.LocalAuthority.Length > 0 ? ResourceNames.LocalAuthorityCode(request.LocalAuthority, "local_authority") : null,
            Cluster = request.Cluster.Length > 0 ? ResourceNames.ClusterId(request.Cluster, "cluster") : null,
            AllianceId = request.Alliance.Length > 0 ? ResourceNames.AllianceId(request.Alliance, "alliance") : null,
            PhaseOfEducationCodes = [.. request.PhaseOfEducationCodes],
            EstablishmentTypeGroupCodes = [.. request.EstablishmentTypeGroupCodes],
            StatusCodes = [.. request.StatusCodes],
            NameContains = request.NameContains,
            LatestOverallGrades = grades,
            LatestCategoriesOfConcern = categories,
            LastInspectedOnOrAfter = inspectedFrom,
            LastInspectedBefore = inspectedBefore,
        };

        var page = budget.Fit(await schools.ListAsync(filter, after, size, context.CancellationToken),
            s => s.ToMessage(), s => ResourceNames.School(s.Urn), request);
        return new ListSchoolsResponse { Schools = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<School> CreateSchool(CreateSchoolRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var school = request.School ?? throw new ValidationFailedException("school", "The school to create is missing.");
        return (await schools.CreateAsync(school.Name, school.ToDetails(), requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<School> UpdateSchool(UpdateSchoolRequest request, ServerCallContext context)
    {
        var changes = request.School ?? throw new ValidationFailedException("school", "The school to update is missing.");
        var urn = ResourceNames.SchoolUrn(changes.Name, "school.name");
        var expectedVersion = Etag.Parse(changes.Etag, "school.etag");
        var requested = changes.ToDetails();
        var updated = await schools.UpdateAsync(urn, expectedVersion,
            current => SchoolMapping.UpdatableFields.Apply(request.UpdateMask, requested, current), context.CancellationToken);
        return updated.ToMessage();
    }
}
