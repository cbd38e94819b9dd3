using Grpc.Core;
using Sia.Contracts.DomainErrors;
using Sia.Cpd.Domain;
using Sia.Cpd.Domain.Bookings;
using Sia.Cpd.Grpc.Mapping;
using Sia.Cpd.V1;
using Sia.ServiceDefaults;
using Sia.ServiceKit.Domain;
using Sia.ServiceKit.Grpc;

namespace Sia.Cpd.Grpc;

/// <summary>Bookings: a partner books for the schools it acts for (BookingSchools), and sees and changes those bookings (BookingAccess).</summary>
internal sealed class BookingGrpcService(Bookings bookings, BookingSchools schools, BookingChanges changes, ResponseBudget budget) : BookingService.BookingServiceBase
{
    private const string ChangeToken = "booking-change";

    public override async Task WatchBookings(WatchBookingsRequest request, IServerStreamWriter<WatchBookingsResponse> responseStream, ServerCallContext context)
    {
        var allianceId = CatalogueNames.ParseAlliance(request.Parent, "parent");
        context.RequireAlliance(allianceId, "watch its bookings");
        var after = ResumeToken.Read(request.ResumeToken, ChangeToken, "resume_token", "a change");
        var cancellationToken = context.CancellationToken;
        var position = await changes.PositionAfterAsync(after, "resume_token", cancellationToken);
        // The headers go at once, so a watcher knows the stream is open before the first change.
        await context.WriteResponseHeadersAsync([]);
        try
        {
            await foreach (var change in changes.FollowAsync(allianceId, position, cancellationToken))
            {
                await responseStream.WriteAsync(new WatchBookingsResponse
                {
                    Booking = change.Booking.ToMessage(),
                    ChangeTime = Times.ToMessage(change.ChangeTime),
                    ResumeToken = ResumeToken.Create(ChangeToken, change.Id),
                }, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher went away, or its deadline passed; it resumes with the last token it got.
        }
    }

    public override async Task<Booking> GetBooking(GetBookingRequest request, ServerCallContext context)
    {
        var name = BookingName.Parse(request.Name, "name");
        var booking = await bookings.GetAsync(name, context.CancellationToken);
        context.RequireBooking(booking, name.ToString());
        return booking.ToMessage();
    }

    public override async Task<ListBookingsResponse> ListBookings(ListBookingsRequest request, ServerCallContext context)
    {
        var session = CatalogueNames.ParseSession(request.Parent, "parent");
        var size = PageToken.Size(request.PageSize, defaultSize: 20, maxSize: 100);
        var after = PageToken.TryRead<long>(request.PageToken, request, TryParseRow, out var row) ? row : (long?)null;
        var page = await bookings.ListAsync(session, after, size, context.VisibleTo(session), context.CancellationToken);
        var fitted = budget.Fit(page, b => b.ToMessage(), b => b.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), request);
        return new ListBookingsResponse { Bookings = { fitted.Items }, NextPageToken = fitted.NextPageToken };
    }

    public override async Task<Booking> CreateBooking(CreateBookingRequest request, ServerCallContext context)
    {
        var requestId = RequestIds.Parse(request.RequestId);
        var session = CatalogueNames.ParseSession(request.Parent, "parent");
        var content = (request.Booking ?? throw new ValidationFailedException("booking", "The booking to create is missing.")).ToContent();
        var partner = context.GetCallingPartner();
        var school = await schools.RequireBookableAsync(content.SchoolUrn, partner, cancellationToken => bookings.SessionDayAsync(session, cancellationToken), context.CancellationToken);
        return (await bookings.CreateAsync(session, content, school, request.Hold, partner?.Name ?? "", requestId, context.CancellationToken)).ToMessage();
    }

    public override async Task<Booking> UpdateBooking(UpdateBookingRequest request, ServerCallContext context)
    {
        var changes = request.Booking ?? throw new ValidationFailedException("booking", "The booking to update is missing.");
        var name = BookingName.Parse(changes.Name, "booking.name");
        var etag = Etag.Parse(changes.Etag, "booking.etag");
        var delegates = changes.ToDelegates();
        return (await bookings.UpdateAsync(name, etag, b => context.RequireBooking(b, name.ToString()),
            current => BookingMapping.UpdatableFields.Apply(request.UpdateMask, current with { Delegates = delegates }, current), context.CancellationToken)).ToMessage();
    }

    public override async Task<Booking> ConfirmBooking(ConfirmBookingRequest request, ServerCallContext context)
    {
        var name = BookingName.Parse(request.Name, "name");
        var etag = Etag.Parse(request.Etag, "etag");
        return (await bookings.ConfirmAsync(name, etag, b => context.RequireBooking(b, name.ToString()), context.CancellationToken)).ToMessage();
    }

    public override async Task<Booking> CancelBooking(CancelBookingRequest request, ServerCallContext context)
    {
        var name = BookingName.Parse(request.Name, "name");
        var etag = Etag.Parse(request.Etag, "etag");
        return (await bookings.CancelAsync(name, etag, b => context.RequireBooking(b, name.ToString()), context.CancellationToken)).ToMessage();
    }

    public override async Task<Booking> RecordAttendance(RecordAttendanceRequest request, ServerCallContext context)
    {
        var name = BookingName.Parse(request.Name, "name");
        var etag = Etag.Parse(request.Etag, "etag");
        return (await bookings.RecordAttendanceAsync(name, etag, request.ToRegister(), _ => context.RequireProvider(name.Session), context.CancellationToken)).ToMessage();
    }

    private static bool TryParseRow(string text, out long row) =>
        long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out row) && row > 0;
}
