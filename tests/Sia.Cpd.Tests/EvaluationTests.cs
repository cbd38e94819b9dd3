using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using static Sia.Cpd.Tests.Registers;

namespace Sia.Cpd.Tests;

/// <summary>Evaluations: one per delegate who attended, seen and summed as far as the caller sees the bookings.</summary>
public sealed class EvaluationTests(CpdStack stack) : IClassFixture<CpdStack>
{
    private EvaluationService.EvaluationServiceClient Evaluations => new(stack.CreateChannel());

    [Fact]
    public async Task Each_delegate_who_attended_evaluates_once_and_a_school_sees_only_its_own_bookings_evaluations()
    {
        var session = await SoonSessionAsync(stack);
        var bookings = new BookingService.BookingServiceClient(stack.CreateChannel());
        var minsterView = await bookings.CreateBookingAsync(Create(session, Booking(places: 2)));
        var pathfinderSecondary = await bookings.CreateBookingAsync(Create(session, Booking(PathfinderSecondary)));
        PassSoonSession(stack);
        minsterView = await bookings.RecordAttendanceAsync(Register(minsterView, true, false));
        pathfinderSecondary = await bookings.RecordAttendanceAsync(Register(pathfinderSecondary, true));
        var client = Evaluations;

        var requestId = Guid.NewGuid().ToString();
        var first = await client.CreateEvaluationAsync(Evaluate(minsterView, 0, 4, requestId));
        Assert.Equal($"{minsterView.Name}/evaluations/{minsterView.Delegates[0].Id}", first.Name);
        Assert.Equal(first, await client.CreateEvaluationAsync(Evaluate(minsterView, 0, 4, requestId)));
        var second = await Assert.ThrowsAsync<RpcException>(() => client.CreateEvaluationAsync(Evaluate(minsterView, 0, 2)).ResponseAsync);
        Assert.Equal(StatusCode.AlreadyExists, second.StatusCode);
        var absent = await Assert.ThrowsAsync<RpcException>(() => client.CreateEvaluationAsync(Evaluate(minsterView, 1, 3)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, absent.StatusCode);
        Assert.Contains("absent", absent.Status.Detail);
        var byOtherSchool = await Assert.ThrowsAsync<RpcException>(() =>
            client.CreateEvaluationAsync(Evaluate(pathfinderSecondary, 0, 5), Partners.ActingForSchools(stack.Clock, "Minster View", "990001")).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byOtherSchool.StatusCode);
        await client.CreateEvaluationAsync(Evaluate(pathfinderSecondary, 0, 5), Partners.ActingForSchools(stack.Clock, "Pathfinder Secondary", "990007"));

        var provider = Partners.ActingForAlliances(stack.Clock, "Pathfinder TSA", "pathfinder");
        Assert.Equal(2, (await client.ListEvaluationsAsync(new ListEvaluationsRequest { Parent = session.Name }, provider)).Evaluations.Count);
        var own = await client.ListEvaluationsAsync(new ListEvaluationsRequest { Parent = session.Name }, Partners.ActingForSchools(stack.Clock, "Minster View", "990001"));
        Assert.Equal([first], own.Evaluations);
        var all = await client.SummarizeEvaluationsAsync(new SummarizeEvaluationsRequest { Parent = session.Name }, provider);
        Assert.Equal((2, 9L, 4.5), (all.EvaluationCount, all.RatingSum, all.MeanRating));
        var school = await client.SummarizeEvaluationsAsync(new SummarizeEvaluationsRequest { Parent = session.Name },
            Partners.ActingForSchools(stack.Clock, "Minster View", "990001"));
        Assert.Equal((1, 4L, 4.0), (school.EvaluationCount, school.RatingSum, school.MeanRating));
    }

    [Fact]
    public async Task A_rating_outside_one_to_five_and_long_comments_are_refused_without_quoting_them()
    {
        var session = await SoonSessionAsync(stack);
        var bookings = new BookingService.BookingServiceClient(stack.CreateChannel());
        var booking = await bookings.CreateBookingAsync(Create(session));
        var early = await Assert.ThrowsAsync<RpcException>(() => Evaluations.CreateEvaluationAsync(Evaluate(booking, 0, 3)).ResponseAsync);
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("not recorded", early.Status.Detail);
        PassSoonSession(stack);
        booking = await bookings.RecordAttendanceAsync(Register(booking, true));

        var bad = Evaluate(booking, 0, 6);
        bad.Evaluation.Comments = "Mrs Example was " + new string('x', 2000);
        var error = await Assert.ThrowsAsync<RpcException>(() => Evaluations.CreateEvaluationAsync(bad).ResponseAsync);
        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Equal(["evaluation.comments", "evaluation.rating"], RpcErrors.ViolatedFields(error).Order());
        Assert.DoesNotContain("Mrs Example", error.ToString());
        Assert.Empty((await Evaluations.ListEvaluationsAsync(new ListEvaluationsRequest { Parent = session.Name })).Evaluations);
    }

    private static CreateEvaluationRequest Evaluate(Booking booking, int delegateIndex, int rating, string requestId = "") => new()
    {
        Parent = booking.Name,
        EvaluationId = booking.Delegates[delegateIndex].Id,
        Evaluation = new Evaluation { Rating = rating, Comments = "Practical, and the Progress 8 examples were useful." },
        RequestId = requestId,
    };
}
