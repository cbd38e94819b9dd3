using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.Catalogue;

namespace Sia.Cpd.Tests;

/// <summary>
/// The catalogue over real HTTP/2 and PostgreSQL, its providers checked against a real registry: Pathfinder's 2015/16
/// programme, a course under York's priority p5, its sessions; pages, etags, retries and every bad field named.
/// </summary>
public sealed class CatalogueApiTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private const string ProgrammeRequest = "6f1c1a52-1b7e-4a8f-9d55-3a0c2b6d7e01";

    private ProgrammeService.ProgrammeServiceClient Programmes => new(stack.CreateChannel());
    private CourseService.CourseServiceClient Courses => new(stack.CreateChannel());
    private SessionService.SessionServiceClient Sessions => new(stack.CreateChannel());

    private Task<Programme> ProgrammeAsync() => EnsureProgrammeAsync(Programmes, "2015-16", ProgrammeRequest);

    private async Task<Course> CourseAsync(string courseId)
    {
        var programme = await ProgrammeAsync();
        try
        {
            return await Courses.CreateCourseAsync(new CreateCourseRequest { Parent = programme.Name, CourseId = courseId, Course = Course() });
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.AlreadyExists)
        {
            return await Courses.GetCourseAsync(new GetCourseRequest { Name = $"{programme.Name}/courses/{courseId}" });
        }
    }

    [Fact]
    public async Task Pathfinders_programme_course_and_session_are_created_and_read_back()
    {
        var programme = await ProgrammeAsync();
        Assert.Equal("alliances/pathfinder/programmes/2015-16", programme.Name);
        Assert.Equal(5000, programme.CancellationPolicy.LateCancellationFeePence);
        Assert.Equal(programme, await Programmes.GetProgrammeAsync(new GetProgrammeRequest { Name = programme.Name }));

        var course = await CourseAsync("assessment-without-levels");
        Assert.Equal($"{programme.Name}/courses/assessment-without-levels", course.Name);
        Assert.Equal([YorkQualityOfTeaching], course.ImprovementPriorities);
        Assert.Equal([V1.Course.Types.Audience.MiddleLeaders, V1.Course.Types.Audience.SeniorLeaders], course.Audiences);
        Assert.Equal(course, await Courses.GetCourseAsync(new GetCourseRequest { Name = course.Name }));

        var session = await Sessions.CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, SessionId = "autumn-1", Session = Session(Utc(2015, 11, 10)) });
        Assert.Equal($"{course.Name}/sessions/autumn-1", session.Name);
        Assert.Equal(V1.Session.Types.Status.Open, session.Status);
        Assert.Equal(12_000, session.PriceWithSlaPence);
        Assert.Equal(15_000, session.PriceWithoutSlaPence);
        Assert.Equal(4, session.FundedPlaces.Places);
        Assert.Equal(Timestamp.FromDateTime(Utc(2015, 11, 10).AddHours(9)), session.StartTime);
        Assert.Equal(session, await Sessions.GetSessionAsync(new GetSessionRequest { Name = session.Name }));
    }

    [Fact]
    public async Task Courses_and_sessions_list_in_pages()
    {
        await ProgrammeAsync();
        var programme = await EnsureProgrammeAsync(Programmes, "2016-17", "0d7c3a2e-5b0a-4c55-8a3c-7d3e1f2a9b02");
        string[] ids = ["paging-a", "paging-b", "paging-c", "paging-d", "paging-e"];
        foreach (var id in ids) await Courses.CreateCourseAsync(new CreateCourseRequest { Parent = programme.Name, CourseId = id, Course = Course() });

        var seen = new List<string>();
        var request = new ListCoursesRequest { Parent = programme.Name, PageSize = 2 };
        var pages = 0;
        do
        {
            var page = await Courses.ListCoursesAsync(request);
            seen.AddRange(page.Courses.Select(c => c.Name.Split('/')[^1]));
            request.PageToken = page.NextPageToken;
            pages++;
        } while (request.PageToken.Length > 0);
        Assert.Equal(ids, seen);
        Assert.Equal(3, pages);

        var course = $"{programme.Name}/courses/paging-a";
        foreach (var day in new[] { 5, 12, 19 })
            await Sessions.CreateSessionAsync(new CreateSessionRequest { Parent = course, SessionId = $"oct-{day}", Session = Session(Utc(2016, 10, day)) });
        var first = await Sessions.ListSessionsAsync(new ListSessionsRequest { Parent = course, PageSize = 2 });
        Assert.Equal(["oct-12", "oct-19"], first.Sessions.Select(s => s.Name.Split('/')[^1]));
        var second = await Sessions.ListSessionsAsync(new ListSessionsRequest { Parent = course, PageSize = 2, PageToken = first.NextPageToken });
        Assert.Equal(["oct-5"], second.Sessions.Select(s => s.Name.Split('/')[^1]));
        Assert.Empty(second.NextPageToken);

        var programmes = await Programmes.ListProgrammesAsync(new ListProgrammesRequest { Parent = Pathfinder, PageSize = 1 });
        Assert.Equal("alliances/pathfinder/programmes/2015-16", Assert.Single(programmes.Programmes).Name);
        Assert.NotEmpty(programmes.NextPageToken);

        // A token issued for another course's list is not one for this.
        var error = await Assert.ThrowsAsync<RpcException>(() => Sessions.ListSessionsAsync(
            new ListSessionsRequest { Parent = $"{programme.Name}/courses/paging-b", PageSize = 2, PageToken = first.NextPageToken }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["page_token"], error.ViolatedFields());
    }

    [Fact]
    public async Task Updates_need_the_current_etag_and_a_stale_one_is_aborted()
    {
        var course = await CourseAsync("etag-course");
        var renamed = await Courses.UpdateCourseAsync(new UpdateCourseRequest
        {
            Course = new Course { Name = course.Name, Etag = course.Etag, Title = "Assessment without levels: a second look" },
            UpdateMask = new FieldMask { Paths = { "title" } },
        });
        Assert.Equal("Assessment without levels: a second look", renamed.Title);
        Assert.Equal(course.Audiences, renamed.Audiences);
        Assert.NotEqual(course.Etag, renamed.Etag);
        var stale = await Assert.ThrowsAsync<RpcException>(() => Courses.UpdateCourseAsync(new UpdateCourseRequest
        {
            Course = new Course { Name = course.Name, Etag = course.Etag, Title = "Lost" },
            UpdateMask = new FieldMask { Paths = { "title" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, stale.StatusCode);

        var session = await Sessions.CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, Session = Session(Utc(2016, 1, 14)) });
        var bigger = await Sessions.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, Etag = session.Etag, Capacity = 40 },
            UpdateMask = new FieldMask { Paths = { "capacity" } },
        });
        Assert.Equal(40, bigger.Capacity);
        Assert.Equal(session.PriceWithSlaPence, bigger.PriceWithSlaPence);
        var staleSession = await Assert.ThrowsAsync<RpcException>(() => Sessions.UpdateSessionAsync(new UpdateSessionRequest
        {
            Session = new Session { Name = session.Name, Etag = session.Etag, Capacity = 50 },
            UpdateMask = new FieldMask { Paths = { "capacity" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, staleSession.StatusCode);
        Assert.Equal(40, (await Sessions.GetSessionAsync(new GetSessionRequest { Name = session.Name })).Capacity);

        // A programme of its own, so that the other tests read 2015/16's as created.
        var programme = await EnsureProgrammeAsync(Programmes, "2019-20", "a4e5c6d7-8f90-4a1b-9c2d-3e4f5a6b7c04");
        var updated = await Programmes.UpdateProgrammeAsync(new UpdateProgrammeRequest
        {
            Programme = new Programme { Name = programme.Name, Etag = programme.Etag, CancellationPolicy = new() { FreeUntilWorkingDays = 4, LateCancellationFeePence = 2500 } },
            UpdateMask = new FieldMask { Paths = { "cancellation_policy" } },
        });
        Assert.Equal(4, updated.CancellationPolicy.FreeUntilWorkingDays);
        var staleProgramme = await Assert.ThrowsAsync<RpcException>(() => Programmes.UpdateProgrammeAsync(new UpdateProgrammeRequest
        {
            Programme = new Programme { Name = programme.Name, Etag = programme.Etag, DisplayName = "Lost" },
            UpdateMask = new FieldMask { Paths = { "display_name" } },
        }).ResponseAsync);
        Assert.Equal(StatusCode.Aborted, staleProgramme.StatusCode);
    }

    [Fact]
    public async Task A_retry_with_the_same_request_id_returns_the_same_session_and_a_taken_id_already_exists()
    {
        var course = await CourseAsync("retry-course");
        var request = new CreateSessionRequest { Parent = course.Name, Session = Session(Utc(2016, 2, 2)), RequestId = Guid.NewGuid().ToString() };
        var first = await Sessions.CreateSessionAsync(request);
        var retry = await Sessions.CreateSessionAsync(request);
        Assert.StartsWith($"{course.Name}/sessions/s-", first.Name);
        Assert.Equal(first, retry);
        Assert.Single((await Sessions.ListSessionsAsync(new ListSessionsRequest { Parent = course.Name })).Sessions);

        var chosen = new CreateSessionRequest { Parent = course.Name, SessionId = "spring-1", Session = Session(Utc(2016, 3, 2)) };
        await Sessions.CreateSessionAsync(chosen);
        var taken = await Assert.ThrowsAsync<RpcException>(() => Sessions.CreateSessionAsync(chosen).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, taken.StatusCode);

        // The same request_id for another create is refused, naming it.
        var programme = await ProgrammeAsync();
        var reused = await Assert.ThrowsAsync<RpcException>(() => Courses.CreateCourseAsync(
            new CreateCourseRequest { Parent = programme.Name, CourseId = "retry-course-2", Course = Course(), RequestId = request.RequestId }).ResponseAsync);
        Assert.Equal(["request_id"], reused.ViolatedFields());
    }

    [Fact]
    public async Task Bad_session_fields_are_each_named()
    {
        var course = await CourseAsync("bad-fields");
        var day = Utc(2015, 12, 1);
        var session = Session(day);
        session.PriceWithSlaPence = -1;
        session.PriceWithoutSlaPence = -100;
        session.Capacity = 0;
        session.MinimumNumbers = 5;
        session.BookingDeadline = Timestamp.FromDateTime(day.AddHours(10));
        session.EndTime = Timestamp.FromDateTime(day.AddHours(8));
        session.FundedPlaces = null;
        var error = await Assert.ThrowsAsync<RpcException>(() => Sessions.CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, Session = session }).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["session.booking_deadline", "session.capacity", "session.end_time", "session.minimum_numbers", "session.price_with_sla_pence", "session.price_without_sla_pence"],
            error.ViolatedFields().Order(StringComparer.Ordinal));

        // The next academic year is not this programme's.
        var late = await Assert.ThrowsAsync<RpcException>(() => Sessions.CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, Session = Session(Utc(2016, 9, 6)) }).ResponseAsync);
        Assert.Equal(["session.start_time", "session.end_time"], late.ViolatedFields());

        // Capacity 1 and minimum numbers over it: only minimum_numbers.
        var over = Session(day, capacity: 1);
        over.FundedPlaces = null;
        var minimum = await Assert.ThrowsAsync<RpcException>(() => Sessions.CreateSessionAsync(new CreateSessionRequest { Parent = course.Name, Session = over }).ResponseAsync);
        Assert.Equal(["session.minimum_numbers"], minimum.ViolatedFields());
    }

    [Fact]
    public async Task Bad_course_and_programme_fields_are_each_named()
    {
        var programme = await ProgrammeAsync();
        var course = Course("");
        course.ImprovementPriorities.Add("priorities/p5");
        course.Audiences.Clear();
        var error = await Assert.ThrowsAsync<RpcException>(() => Courses.CreateCourseAsync(new CreateCourseRequest { Parent = programme.Name, CourseId = "bad", Course = course }).ResponseAsync);
        Assert.Equal(["course.title", "course.improvement_priorities[1]", "course.audiences"], error.ViolatedFields());

        var bad = Programme("");
        bad.CancellationPolicy.LateCancellationFeePence = -1;
        var refused = await Assert.ThrowsAsync<RpcException>(() => Programmes.CreateProgrammeAsync(new CreateProgrammeRequest { Parent = Pathfinder, ProgrammeId = "2017-18", Programme = bad }).ResponseAsync);
        Assert.Equal(["programme.display_name", "programme.cancellation_policy.late_cancellation_fee_pence"], refused.ViolatedFields());

        var year = await Assert.ThrowsAsync<RpcException>(() => Programmes.CreateProgrammeAsync(new CreateProgrammeRequest { Parent = Pathfinder, ProgrammeId = "2015-17", Programme = Programme() }).ResponseAsync);
        Assert.Equal(["programme_id"], year.ViolatedFields());
    }
}
