using CsCheck;
using Grpc.Core;
using Sia.Cpd.V1;
using static Sia.Cpd.Tests.BookingSetup;
using State = Sia.Cpd.V1.Booking.Types.State;

namespace Sia.Cpd.Tests;

/// <summary>
/// Random sequences of book / hold / confirm / cancel / lapse / resize / change funded places / retry / organiser cancel,
/// each on a new session, run against the service and <see cref="SessionModel"/> side by side. After every step the
/// service must answer as the model does and hold exactly the model's bookings: so held and confirmed places never exceed
/// the capacity, funded places claimed never exceed the session's, the waiting list keeps its order, and every
/// request_id keeps its one booking.
/// </summary>
public sealed class BookingModelProperties(UnsweptCpdStack stack) : IClassFixture<UnsweptCpdStack>
{
    /// <summary>One tick: 6 minutes; a 15-minute hold has lapsed three ticks on and not two (<see cref="SessionModel.HoldTicks"/>).</summary>
    private static readonly TimeSpan Tick = TimeSpan.FromMinutes(6);

    private static readonly Gen<Step> Steps = Gen.Frequency(
        (5, Gen.Select(Gen.Int[1, 3], Gen.Int[0, 3], Gen.Bool, (places, funded, hold) => (Step)new BookStep(places, Math.Min(funded, places), hold))),
        (2, Gen.Int[0, 1000].Select(pick => (Step)new ConfirmStep(pick))),
        (2, Gen.Int[0, 1000].Select(pick => (Step)new CancelStep(pick))),
        (2, Gen.Const((Step)new TickStep())),
        (1, Gen.Int[1, 8].Select(capacity => (Step)new ResizeStep(capacity))),
        (1, Gen.Int[0, 6].Select(places => (Step)new FundedPlacesStep(places))),
        (1, Gen.Int[0, 1000].Select(pick => (Step)new RetryStep(pick))),
        (1, Gen.Int[0, 10].Select(chance => chance == 0 ? (Step)new CancelSessionStep() : new TickStep())));

    [Fact]
    public async Task The_service_answers_and_keeps_its_bookings_as_the_model_does_after_every_step()
    {
        await Gen.Select(Gen.Int[1, 6], Gen.Int[0, 6], Steps.Array[1, 30]).SampleAsync(RunAsync, iter: 40, threads: 1);
    }

    private async Task RunAsync(int capacity, int fundedPlaces, Step[] steps)
    {
        fundedPlaces = Math.Min(fundedPlaces, capacity);
        var session = await NewSessionAsync(stack, capacity, minimumNumbers: 1, fundedPlaces: fundedPlaces);
        var channel = stack.CreateChannel();
        var bookings = new BookingService.BookingServiceClient(channel);
        var sessions = new SessionService.SessionServiceClient(channel);
        var model = new SessionModel(capacity, fundedPlaces);
        var made = new List<(CreateBookingRequest Request, string Name, ModelBooking Model)>();
        for (var i = 0; i < steps.Length; i++)
        {
            var where = $"step {i + 1} ({steps[i]})";
            switch (steps[i])
            {
                case BookStep(var places, var funded, var hold):
                    var request = Create(session, Booking(places: places, fundedPlaces: funded), hold, Guid.NewGuid().ToString());
                    var expected = model.Book(places, funded, hold);
                    if (expected is null)
                    {
                        Assert.Contains(await StatusOfAsync(bookings.CreateBookingAsync(request)), new[] { StatusCode.InvalidArgument, StatusCode.FailedPrecondition });
                        break;
                    }
                    var booked = await bookings.CreateBookingAsync(request);
                    Assert.True((expected.State, expected.WaitingPosition) == (booked.State, booked.WaitingPosition), $"{where}: {booked.State} #{booked.WaitingPosition}, the model {expected}");
                    made.Add((request, booked.Name, expected));
                    break;
                case ConfirmStep(var pick) when made.Count > 0:
                    var toConfirm = made[pick % made.Count];
                    Assert.Equal(model.Confirm(toConfirm.Model), await StatusOfAsync(bookings.ConfirmBookingAsync(new ConfirmBookingRequest { Name = toConfirm.Name })));
                    break;
                case CancelStep(var pick) when made.Count > 0:
                    var toCancel = made[pick % made.Count];
                    Assert.Equal(model.Cancel(toCancel.Model), await StatusOfAsync(bookings.CancelBookingAsync(new CancelBookingRequest { Name = toCancel.Name })));
                    break;
                case RetryStep(var pick) when made.Count > 0:
                    var retried = made[pick % made.Count];
                    var again = await bookings.CreateBookingAsync(retried.Request);
                    Assert.True(again.Name == retried.Name, $"{where}: the retry of {retried.Name}'s request_id answered {again.Name}");
                    break;
                case TickStep:
                    stack.Clock.Advance(Tick);
                    model.Tick();
                    break;
                case ResizeStep(var newCapacity):
                    var resize = new UpdateSessionRequest { Session = new Session { Name = session.Name, Capacity = newCapacity }, UpdateMask = new() { Paths = { "capacity" } } };
                    Assert.Equal(model.Resize(newCapacity), await StatusOfAsync(sessions.UpdateSessionAsync(resize)));
                    break;
                case FundedPlacesStep(var places):
                    var funding = new UpdateSessionRequest
                    {
                        Session = new Session { Name = session.Name, FundedPlaces = places == 0 ? null : new Session.Types.FundedPlaces { Fund = Fund, Places = places } },
                        UpdateMask = new() { Paths = { "funded_places" } },
                    };
                    Assert.Equal(model.ChangeFundedPlaces(places), await StatusOfAsync(sessions.UpdateSessionAsync(funding)));
                    break;
                case CancelSessionStep:
                    var cancel = new CancelSessionRequest { Name = session.Name, Reason = "Below minimum numbers" };
                    Assert.Equal(model.CancelSession(), await StatusOfAsync(sessions.CancelSessionAsync(cancel)));
                    break;
            }
            await AssertSameAsync(session.Name, bookings, sessions, model, where);
        }
    }

    private static async Task AssertSameAsync(string session, BookingService.BookingServiceClient bookings, SessionService.SessionServiceClient sessions,
        SessionModel model, string where)
    {
        var listed = (await bookings.ListBookingsAsync(new ListBookingsRequest { Parent = session, PageSize = 100 })).Bookings;
        Assert.True(listed.All(b => b.CancellationFeePence == 0), $"After {where}: a fee on a session months ahead.");
        var actual = listed.Select(b => $"{b.Places} ({b.FundedPlaces} funded) {b.State} {b.CancelReason} #{b.WaitingPosition}").ToList();
        var expected = model.Bookings.Select(b => b.ToString()).ToList();
        Assert.True(expected.SequenceEqual(actual), $"After {where}:\n  service: {string.Join(" | ", actual)}\n  model:   {string.Join(" | ", expected)}");

        Assert.True(listed.All(b => (b.PricePence, b.FundedPence) == ((b.Places - b.FundedPlaces) * 12_000L, b.FundedPlaces * 12_000L)),
            $"After {where}: a price is not the paid places' and the fund's the funded places'.");
        var read = await sessions.GetSessionAsync(new GetSessionRequest { Name = session });
        var (capacity, fundedPlaces) = (read.Capacity, read.FundedPlaces?.Places ?? 0);
        Assert.Equal((model.Capacity, model.FundedPlaces), (capacity, fundedPlaces));
        Assert.True(listed.Where(b => b.State is State.Held or State.Confirmed).Sum(b => b.Places) <= capacity, $"After {where}: held and confirmed places exceed {capacity}.");
        Assert.True(listed.Where(b => b.State != State.Cancelled).Sum(b => b.FundedPlaces) <= fundedPlaces, $"After {where}: funded places claimed exceed {fundedPlaces}.");
        var queue = listed.Where(b => b.State == State.WaitingListed).Select(b => b.WaitingPosition).ToList();
        Assert.True(queue.SequenceEqual(Enumerable.Range(1, queue.Count)), $"After {where}: the waiting list, in the order booked, is numbered {string.Join(",", queue)}.");
    }

    private static async Task<StatusCode> StatusOfAsync<T>(AsyncUnaryCall<T> call)
    {
        try
        {
            await call;
            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private abstract record Step;

    private sealed record BookStep(int Places, int FundedPlaces, bool Hold) : Step;

    private sealed record ConfirmStep(int Pick) : Step;

    private sealed record CancelStep(int Pick) : Step;

    private sealed record TickStep : Step;

    private sealed record ResizeStep(int Capacity) : Step;

    private sealed record FundedPlacesStep(int Places) : Step;

    private sealed record RetryStep(int Pick) : Step;

    private sealed record CancelSessionStep : Step;
}
