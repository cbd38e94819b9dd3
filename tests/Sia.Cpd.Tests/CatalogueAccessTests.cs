using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.Catalogue;

namespace Sia.Cpd.Tests;

/// <summary>
/// Who may change the catalogue, and whose programme it may be: a provider the registry has; only a partner acting for the
/// provider alliance changes its programme, courses and sessions; any partner reads them.
/// </summary>
public sealed class CatalogueAccessTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private static readonly Metadata EborPartner = Partners.ActingForAlliances("Ebor TSA", "ebor");
    private static readonly Metadata PathfinderPartner = Partners.ActingForAlliances("Pathfinder TSA", "pathfinder");

    private ProgrammeService.ProgrammeServiceClient Programmes => new(stack.CreateChannel());
    private CourseService.CourseServiceClient Courses => new(stack.CreateChannel());
    private SessionService.SessionServiceClient Sessions => new(stack.CreateChannel());

    private Task<Programme> ProgrammeAsync() => EnsureProgrammeAsync(Programmes, "2015-16", "3b0e2f4c-9a61-4d2b-8e7f-1c5a6d9e0f03");

    [Fact]
    public async Task An_alliance_the_registry_does_not_have_cannot_have_a_programme()
    {
        var error = await Assert.ThrowsAsync<RpcException>(() => Programmes.CreateProgrammeAsync(
            new CreateProgrammeRequest { Parent = "alliances/nowhere-tsa", ProgrammeId = "2015-16", Programme = Programme() }).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
        Assert.Contains("alliances/nowhere-tsa", error.Status.Detail);
        var none = await Programmes.ListProgrammesAsync(new ListProgrammesRequest { Parent = "alliances/nowhere-tsa" });
        Assert.Empty(none.Programmes);
    }

    [Fact]
    public async Task A_partner_acting_for_ebor_changes_nothing_of_pathfinders_and_one_acting_for_pathfinder_does()
    {
        var programme = await ProgrammeAsync();
        var denied = await Assert.ThrowsAsync<RpcException>(() => Courses.CreateCourseAsync(
            new CreateCourseRequest { Parent = programme.Name, CourseId = "ebor-tries", Course = Course() }, EborPartner).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, denied.StatusCode);
        Assert.Contains(Pathfinder, denied.Status.Detail);
        var programmeDenied = await Assert.ThrowsAsync<RpcException>(() => Programmes.CreateProgrammeAsync(
            new CreateProgrammeRequest { Parent = Pathfinder, ProgrammeId = "2018-19", Programme = Programme() }, EborPartner).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, programmeDenied.StatusCode);
        var updateDenied = await Assert.ThrowsAsync<RpcException>(() => Programmes.UpdateProgrammeAsync(new UpdateProgrammeRequest
        {
            Programme = new Programme { Name = programme.Name, DisplayName = "Ebor's now" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        }, EborPartner).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, updateDenied.StatusCode);

        var course = await Courses.CreateCourseAsync(new CreateCourseRequest { Parent = programme.Name, CourseId = "pathfinder-own", Course = Course() }, PathfinderPartner);
        var sessionDenied = await Assert.ThrowsAsync<RpcException>(() => Sessions.CreateSessionAsync(
            new CreateSessionRequest { Parent = course.Name, Session = Session(Utc(2015, 10, 6)) }, EborPartner).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, sessionDenied.StatusCode);
        var session = await Sessions.CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, Session = Session(Utc(2015, 10, 6)) }, PathfinderPartner);
        Assert.Equal(30, session.Capacity);

        var notCreated = await Assert.ThrowsAsync<RpcException>(() => Courses.GetCourseAsync(new GetCourseRequest { Name = $"{programme.Name}/courses/ebor-tries" }).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, notCreated.StatusCode);
        Assert.Equal(programme.DisplayName, (await Programmes.GetProgrammeAsync(new GetProgrammeRequest { Name = programme.Name })).DisplayName);
    }

    [Fact]
    public async Task Any_partner_reads_the_catalogue()
    {
        var programme = await ProgrammeAsync();
        var course = await Courses.CreateCourseAsync(new CreateCourseRequest { Parent = programme.Name, CourseId = "public-course", Course = Course() });
        var session = await Sessions.CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, Session = Session(Utc(2016, 6, 7)) });

        var dudley = Partners.ActingForLocalAuthorities("Dudley LA", "332");
        Assert.Equal(programme.Name, (await Programmes.GetProgrammeAsync(new GetProgrammeRequest { Name = programme.Name }, dudley)).Name);
        Assert.Contains(programme.Name, (await Programmes.ListProgrammesAsync(new ListProgrammesRequest { Parent = Pathfinder }, dudley)).Programmes.Select(p => p.Name));
        Assert.Equal(course, await Courses.GetCourseAsync(new GetCourseRequest { Name = course.Name }, EborPartner));
        Assert.Contains(course, (await Courses.ListCoursesAsync(new ListCoursesRequest { Parent = programme.Name, PageSize = 100 }, dudley)).Courses);
        Assert.Equal(session, await Sessions.GetSessionAsync(new GetSessionRequest { Name = session.Name }, dudley));
        Assert.Equal([session], (await Sessions.ListSessionsAsync(new ListSessionsRequest { Parent = course.Name }, EborPartner)).Sessions);
    }
}
