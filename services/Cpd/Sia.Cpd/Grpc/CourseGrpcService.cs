using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Courses;
using Sia.Cpd.Grpc.Mapping;
using Sia.Cpd.V1;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Cpd.Grpc;

/// <summary>Courses: anyone reads them; a partner changes only those of the alliances it acts for (PERMISSION_DENIED otherwise).</summary>
internal sealed class CourseGrpcService(Courses courses, ResponseBudget budget) : CourseService.CourseServiceBase
{
    private const string ExampleId = "assessment-without-levels";

    public override async Task<Course> GetCourse(GetCourseRequest request, ServerCallContext context) =>
        (await courses.GetAsync(CatalogueNames.ParseCourse(request.Name, "name"), context.CancellationToken)).ToMessage();

    public override async Task<ListCoursesResponse> ListCourses(ListCoursesRequest request, ServerCallContext context)
    {
        var programme = CatalogueNames.ParseProgramme(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        var after = PageToken.TryRead<string>(request.PageToken, request, TryParseId, out var id) ? id : null;
        var page = budget.Fit(await courses.ListAsync(programme, after, size, context.CancellationToken), c => c.ToMessage(), c => c.CourseId, request);
        return new ListCoursesResponse { Courses = { page.Items }, NextPageToken = page.NextPageToken };
    }

    public override async Task<Course> CreateCourse(CreateCourseRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var name = new CourseName(CatalogueNames.ParseProgramme(request.Parent, "parent"), CatalogueNames.ParseId(request.CourseId, "course_id", ExampleId));
        context.RequireAlliance(name.Programme.AllianceId);
        var course = request.Course ?? throw new ValidationFailedException("course", "The course to create is missing.");
        return (await courses.CreateAsync(name, course.ToContent(), requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Course> UpdateCourse(UpdateCourseRequest request, ServerCallContext context)
    {
        var changes = request.Course ?? throw new ValidationFailedException("course", "The course to update is missing.");
        var name = CatalogueNames.ParseCourse(changes.Name, "course.name");
        context.RequireAlliance(name.Programme.AllianceId);
        var etag = Etag.Parse(changes.Etag, "course.etag");
        var requested = changes.ToContent();
        var updated = await courses.UpdateAsync(name, etag, current => CourseMapping.UpdatableFields.Apply(request.UpdateMask, requested, current),
            context.CancellationToken);
        return updated.ToMessage();
    }

    private static bool TryParseId(string text, out string id)
    {
        id = text;
        return CatalogueNames.IsId(text);
    }
}
